import { END, OPEN, XmlReader } from './xml-reader';

// Parts of the package find each other through relationship parts (_rels/*.rels).
// This module is the one place a relationship's target becomes a part name, for
// the reader and the writer alike.
//
// Relationship types are compared by their last path segment, so Transitional
// (schemas.openxmlformats.org/...) and Strict (purl.oclc.org/ooxml/...) types match
// alike.

/** The Transitional namespace of the relationship types Ragbook writes. */
export const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
export const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface Relationship {
  id: string;
  /** Last segment of the type URI, e.g. 'worksheet', 'officeDocument', 'table'. */
  kind: string;
  /** Resolved part name inside the package, or null for an external target. */
  target: string | null;
}

/** The relationships part that belongs to a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsPathFor(part: string): string {
  const slash = part.lastIndexOf('/');
  return slash < 0 ? `_rels/${part}.rels` : `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

/** The part a relationships part belongs to ('' for the package's own _rels/.rels), or null. */
export function sourceOfRels(relsPart: string): string | null {
  const m = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(relsPart);
  if (!m) return null;
  return m[1] + m[2];
}

/**
 * Resolves a relationship target against the folder of the part that holds it
 * ('' for the package): `../media/a.png` from `xl/worksheets/sheet1.xml` is
 * `xl/media/a.png`, and `/xl/workbook.xml` is absolute. The result is a part name
 * without its leading '/', which is the zip entry's name. Percent-encoding is kept
 * as written (a part name is a URI: see part-names.ts, whose lookup also finds a
 * part stored under the decoded name); a fragment is dropped; backslashes, which
 * some producers write, are read as '/'.
 */
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

/** A target for `part` written relative to the folder of `source`: resolveTarget's inverse. */
export function relativeTarget(source: string, part: string): string {
  const from = source.split('/').slice(0, -1);
  const to = part.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
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
