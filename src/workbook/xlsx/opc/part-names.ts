// Part names, and how a name written in one place finds the zip entry that holds
// the part.
//
// OPC (ECMA-376 Part 2, §9.1.1 and §9.2.3): a part name is a URI, so characters
// outside its grammar (a space, anything not ASCII) are percent-encoded in it; the
// zip entry holding the part is named by the part name without its leading '/'
// (ZIP item names are ASCII); and part names are compared case-insensitively. So a
// relationship target `sheet%201.xml` names the entry `xl/worksheets/sheet%201.xml`,
// encoding and all: a target is never decoded when it is resolved (see
// relationships.ts).
//
// Not every producer follows that: some store the entry as `sheet 1.xml` and write
// the target encoded, or the other way round. Both forms are one part here, so a
// lookup tries the name as written, then its percent-decoded form against the
// entries' names and their decoded forms. The reader and the writer look parts up
// through this one index, so they always agree on which entry a name means.

function key(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/** The name with its percent-encoding undone, or null when it has none (or a malformed one). */
function decoded(name: string): string | null {
  if (name.indexOf('%') < 0) return null;
  try {
    const d = decodeURIComponent(name);
    return d === name ? null : d;
  } catch {
    return null;
  }
}

/** Whether two part names name the same part, by the lookup rules above. */
export function samePart(a: string, b: string): boolean {
  if (key(a) === key(b)) return true;
  const da = decoded(a) ?? a;
  const db = decoded(b) ?? b;
  return key(da) === key(db);
}

/** Looks up part names the way OPC does: case-insensitively, with or without a leading '/', encoded or not. */
export class PartIndex {
  private readonly byKey = new Map<string, string>();

  constructor(names: Iterable<string>) {
    const all = [...names];
    // Names as stored first, so an entry is always found by its own name; the
    // decoded forms only fill the gaps.
    for (const n of all) {
      const k = key(n);
      if (!this.byKey.has(k)) this.byKey.set(k, n);
    }
    for (const n of all) {
      const d = decoded(n);
      if (d === null) continue;
      const k = key(d);
      if (!this.byKey.has(k)) this.byKey.set(k, n);
    }
  }

  /** The entry name holding this part, or undefined. */
  find(part: string): string | undefined {
    const direct = this.byKey.get(key(part));
    if (direct !== undefined) return direct;
    const d = decoded(part);
    return d === null ? undefined : this.byKey.get(key(d));
  }
}
