import { END, OPEN, XmlReader } from './xml';

// Parts of the package find each other through relationship parts (_rels/*.rels).
// Relationship types are compared by their last path segment, so Transitional
// (schemas.openxmlformats.org/...) and Strict (purl.oclc.org/ooxml/...) types match
// alike.

export interface Relationship {
  id: string;
  /** Last segment of the type URI, e.g. 'worksheet', 'officeDocument', 'table'. */
  kind: string;
  /** Resolved part name inside the package, or null for an external target. */
  target: string | null;
}

/** Looks up part names the way OPC does: case-insensitively, with or without a leading '/'. */
export class PartIndex {
  private readonly byKey = new Map<string, string>();

  constructor(names: Iterable<string>) {
    for (const n of names) {
      const key = PartIndex.key(n);
      if (!this.byKey.has(key)) this.byKey.set(key, n);
    }
  }

  private static key(name: string): string {
    return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
  }

  /** The entry name holding this part, or undefined. */
  find(part: string): string | undefined {
    const direct = this.byKey.get(PartIndex.key(part));
    if (direct !== undefined) return direct;
    if (part.indexOf('%') >= 0) {
      try {
        return this.byKey.get(PartIndex.key(decodeURIComponent(part)));
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
}

/** The relationships part that belongs to a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsPathFor(part: string): string {
  const slash = part.lastIndexOf('/');
  return slash < 0 ? `_rels/${part}.rels` : `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

/** Resolves a relationship target against the folder of the part that holds it. */
export function resolveTarget(sourcePart: string, target: string): string {
  const clean = target.replace(/\\/g, '/').split('#')[0];
  const base = clean.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const seg of clean.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

/** Reads a relationships part; `sourcePart` is the part it belongs to ('' for the package). */
export function readRelationships(bytes: Uint8Array | undefined, sourcePart: string): Relationship[] {
  if (!bytes) return [];
  const out: Relationship[] = [];
  const x = new XmlReader(bytes);
  for (let t = x.next(); t !== END; t = x.next()) {
    if (t !== OPEN || x.name !== 'Relationship') continue;
    const id = x.attr('Id') ?? '';
    const type = x.attr('Type') ?? '';
    const target = x.attr('Target') ?? '';
    const external = (x.attr('TargetMode') ?? '').toLowerCase() === 'external';
    out.push({
      id,
      kind: type.slice(type.lastIndexOf('/') + 1),
      target: external || target === '' ? null : resolveTarget(sourcePart, target),
    });
  }
  return out;
}
