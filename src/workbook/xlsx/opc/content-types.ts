import { escapeAttr } from './xml-escape';
import { type Edit, type XmlElement, appendInside, applyEdits, attrByLocal, attributes, childElements, rootElement } from './xml-spans';
import { samePart } from './part-names';

// The content-types part ([Content_Types].xml): which content type each part has,
// by a Default for its extension or an Override for its name. The writer reads it,
// removes the Overrides of parts it removes and appends those of parts it adds,
// without disturbing the text of the entries it keeps.

export const CONTENT_TYPES_PART = '[Content_Types].xml';
export const WORKSHEET_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
export const STYLES_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
export const RELS_CONTENT_TYPE = 'application/vnd.openxmlformats-package.relationships+xml';

export class ContentTypes {
  readonly root: XmlElement;
  private readonly overrides: { part: string; el: XmlElement }[] = [];
  private readonly defaults = new Set<string>();
  private readonly removed = new Set<{ part: string; el: XmlElement }>();
  private readonly added: string[] = [];

  constructor(readonly xml: string) {
    this.root = rootElement(xml);
    for (const el of childElements(xml, this.root)) {
      const a = attributes(xml, el);
      if (el.local === 'Override') {
        this.overrides.push({ part: (attrByLocal(a, 'PartName') ?? '').replace(/^\/+/, ''), el });
      } else if (el.local === 'Default') {
        this.defaults.add((attrByLocal(a, 'Extension') ?? '').toLowerCase());
      }
    }
  }

  /** Part names (lower case, as written) that have an Override, whether or not the part exists. */
  overriddenParts(): string[] {
    return this.overrides.map((o) => o.part.toLowerCase());
  }

  hasDefault(extension: string): boolean {
    return this.defaults.has(extension.toLowerCase());
  }

  /** Drops the Override of a part, however its name is written there (see part-names.ts). */
  removePart(part: string): void {
    for (const o of this.overrides) if (samePart(o.part, part)) this.removed.add(o);
  }

  override(part: string, contentType: string): void {
    const p = this.root.prefix;
    this.added.push(`<${p}Override PartName="/${escapeAttr(part)}" ContentType="${escapeAttr(contentType)}"/>`);
  }

  toXml(): string {
    const edits: Edit[] = [];
    for (const o of this.overrides) if (this.removed.has(o)) edits.push({ start: o.el.start, end: o.el.end, text: '' });
    if (this.added.length) edits.push(...appendInside(this.xml, this.root, this.added.join('')));
    return applyEdits(this.xml, edits);
  }
}
