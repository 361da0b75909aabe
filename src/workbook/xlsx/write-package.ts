import {
  type Edit,
  type XmlElement,
  appendInside,
  applyEdits,
  attrByLocal,
  attributes,
  childElements,
  escapeAttr,
  rootElement,
} from './write-xml';

// Relationship parts and the content-types part, as the writer sees them: lists it
// can read, remove entries from and append entries to, without disturbing the
// text of the entries it keeps.

export const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
export const WORKSHEET_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
export const STYLES_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
export const RELS_CONTENT_TYPE = 'application/vnd.openxmlformats-package.relationships+xml';

/** The relationships part that belongs to a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return slash < 0 ? `_rels/${part}.rels` : `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

/** The part a relationships part belongs to ('' for the package's own _rels/.rels), or null. */
export function sourceOfRels(relsPart: string): string | null {
  const m = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(relsPart);
  if (!m) return null;
  return m[1] + m[2];
}

/** Resolves a relationship target against the folder of its source part. */
export function resolveTarget(source: string, target: string): string {
  let clean = target.replace(/\\/g, '/').split('#')[0];
  try {
    clean = decodeURIComponent(clean);
  } catch {
    // Not percent-encoded after all: use it as written.
  }
  const base = clean.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const seg of clean.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

/** A target for `part` written relative to the folder of `source`. */
export function relativeTarget(source: string, part: string): string {
  const from = source.split('/').slice(0, -1);
  const to = part.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

export interface Rel {
  id: string;
  type: string;
  /** Resolved part name, or null for an external target. */
  target: string | null;
  el: XmlElement;
}

export class RelsPart {
  readonly root: XmlElement;
  readonly rels: Rel[];
  private readonly removed = new Set<string>();
  private readonly added: string[] = [];
  private nextNumber: number;

  constructor(
    readonly xml: string,
    readonly source: string,
  ) {
    this.root = rootElement(xml);
    this.rels = childElements(xml, this.root)
      .filter((e) => e.local === 'Relationship')
      .map((el) => {
        const a = attributes(xml, el);
        const external = (a.get('TargetMode') ?? '').toLowerCase() === 'external';
        const target = a.get('Target') ?? '';
        return { id: a.get('Id') ?? '', type: a.get('Type') ?? '', target: external || !target ? null : resolveTarget(source, target), el };
      });
    this.nextNumber = 1 + Math.max(0, ...this.rels.map((r) => Number(/^rId(\d+)$/.exec(r.id)?.[1] ?? 0)));
  }

  static empty(source: string): RelsPart {
    return new RelsPart(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}"></Relationships>`,
      source,
    );
  }

  byId(id: string): Rel | undefined {
    return this.rels.find((r) => r.id === id);
  }

  remove(id: string): void {
    this.removed.add(id);
  }

  /** Adds a relationship to a part and returns its fresh id. */
  add(type: string, part: string): string {
    const taken = new Set(this.rels.map((r) => r.id));
    let id = `rId${this.nextNumber++}`;
    while (taken.has(id)) id = `rId${this.nextNumber++}`;
    const p = this.root.prefix;
    this.added.push(`<${p}Relationship Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(relativeTarget(this.source, part))}"/>`);
    return id;
  }

  get changed(): boolean {
    return this.removed.size > 0 || this.added.length > 0;
  }

  toXml(): string {
    const edits: Edit[] = [];
    for (const r of this.rels) if (this.removed.has(r.id)) edits.push({ start: r.el.start, end: r.el.end, text: '' });
    if (this.added.length) edits.push(...appendInside(this.xml, this.root, this.added.join('')));
    return applyEdits(this.xml, edits);
  }
}

export class ContentTypes {
  readonly root: XmlElement;
  private readonly overrides: { part: string; el: XmlElement }[] = [];
  private readonly defaults = new Set<string>();
  private readonly removed = new Set<string>();
  private readonly added: string[] = [];

  constructor(readonly xml: string) {
    this.root = rootElement(xml);
    for (const el of childElements(xml, this.root)) {
      const a = attributes(xml, el);
      if (el.local === 'Override') {
        const name = (attrByLocal(a, 'PartName') ?? '').replace(/^\/+/, '');
        let part = name;
        try {
          part = decodeURIComponent(name);
        } catch {
          // Keep it as written.
        }
        this.overrides.push({ part: part.toLowerCase(), el });
      } else if (el.local === 'Default') {
        this.defaults.add((attrByLocal(a, 'Extension') ?? '').toLowerCase());
      }
    }
  }

  /** Part names (lower case) that have an Override, whether or not the part exists. */
  overriddenParts(): string[] {
    return this.overrides.map((o) => o.part);
  }

  hasDefault(extension: string): boolean {
    return this.defaults.has(extension.toLowerCase());
  }

  removePart(part: string): void {
    this.removed.add(part.toLowerCase());
  }

  override(part: string, contentType: string): void {
    const p = this.root.prefix;
    this.added.push(`<${p}Override PartName="/${escapeAttr(part)}" ContentType="${escapeAttr(contentType)}"/>`);
  }

  toXml(): string {
    const edits: Edit[] = [];
    for (const o of this.overrides) if (this.removed.has(o.part)) edits.push({ start: o.el.start, end: o.el.end, text: '' });
    if (this.added.length) edits.push(...appendInside(this.xml, this.root, this.added.join('')));
    return applyEdits(this.xml, edits);
  }
}
