import { RELS_NS, relativeTarget, resolveTarget } from '../opc/relationships';
import { escapeAttr } from '../opc/xml-escape';
import { type Edit, type XmlElement, appendInside, applyEdits, attributes, childElements, rootElement } from '../opc/xml-spans';

// A relationships part as the writer edits it: its relationships read with the
// package layer's resolver (the reader's), entries removed and appended without
// disturbing the text of the entries it keeps.

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
