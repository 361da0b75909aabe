import type { ZipCodec } from '../codec';
import { PartIndex } from '../opc/part-names';
import { type OutEntry, type PackedPart, type ZipEntry, ZipWriteError, inflateEntry, readZipEntries, writeZip } from './zip';

// The package as the writer edits it: the original zip's entries, with the parts
// Ragbook changes, adds and removes. Parts are found through the package layer's
// index (opc/part-names.ts, the reader's too), so a name means the same entry to
// both; the edits are kept by entry name, case-insensitively, as OPC compares names.

const utf8 = new TextEncoder();

export class Package {
  readonly entries: ZipEntry[];
  private readonly byKey = new Map<string, ZipEntry>();
  private readonly index: PartIndex;
  /** New contents of existing parts: bytes to compress, or a part already packed. */
  private readonly changed = new Map<string, Uint8Array | PackedPart>();
  private readonly removed = new Set<string>();
  private readonly added: { name: string; data: Uint8Array | PackedPart }[] = [];
  private readonly bom = new Set<string>();

  constructor(
    readonly original: Uint8Array,
    private readonly codec: ZipCodec,
  ) {
    this.entries = readZipEntries(original);
    for (const e of this.entries) {
      const key = e.name.toLowerCase();
      if (this.byKey.has(key)) throw new ZipWriteError(`it holds two parts named ${e.name}`);
      this.byKey.set(key, e);
    }
    this.index = new PartIndex(this.entries.map((e) => e.name));
  }

  /** The entry name holding a part, or undefined. */
  find(part: string): string | undefined {
    return this.index.find(part);
  }

  isRemoved(part: string): boolean {
    return this.removed.has(part.toLowerCase());
  }

  /** The uncompressed bytes of an entry (by its entry name), or null when there is none. */
  bytes(part: string): Uint8Array | null {
    const e = this.byKey.get(part.toLowerCase());
    return e ? inflateEntry(this.original, e, this.codec) : null;
  }

  /** An entry's text, UTF-8 (with or without a byte order mark, which setText keeps). */
  text(part: string): string | null {
    const b = this.bytes(part);
    if (!b) return null;
    if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0x3c && b[1] === 0)) {
      throw new ZipWriteError(`the part ${part} is stored as UTF-16 text`);
    }
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.bom.add(part.toLowerCase());
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(b);
    } catch {
      throw new ZipWriteError(`the part ${part} holds bytes that are not text`);
    }
  }

  setText(part: string, text: string): void {
    const body = utf8.encode(text);
    if (!this.bom.has(part.toLowerCase())) return this.set(part, body);
    const withBom = new Uint8Array(body.length + 3);
    withBom.set([0xef, 0xbb, 0xbf]);
    withBom.set(body, 3);
    this.set(part, withBom);
  }

  /** `data` is the part's bytes, or the part already compressed (see PartPacker). */
  set(part: string, data: Uint8Array | PackedPart): void {
    const key = part.toLowerCase();
    if (this.byKey.has(key)) {
      // A name freed by a replaced sheet may be given to its successor.
      this.removed.delete(key);
      this.changed.set(key, data);
    } else this.added.push({ name: part, data });
  }

  remove(part: string): void {
    this.removed.add(part.toLowerCase());
  }

  /** Names in use, in lower case: existing parts still present, and parts added. */
  taken(): Set<string> {
    const out = new Set<string>();
    for (const key of this.byKey.keys()) if (!this.removed.has(key)) out.add(key);
    for (const a of this.added) out.add(a.name.toLowerCase());
    return out;
  }

  toZip(): Uint8Array {
    const out: OutEntry[] = [];
    for (const e of this.entries) {
      const key = e.name.toLowerCase();
      if (this.removed.has(key)) continue;
      const data = this.changed.get(key);
      out.push(data ? outEntry(e.name, data) : { kind: 'copy', entry: e });
    }
    for (const a of this.added) out.push(outEntry(a.name, a.data));
    return writeZip(this.original, out, this.codec);
  }
}

function outEntry(name: string, data: Uint8Array | PackedPart): OutEntry {
  return data instanceof Uint8Array ? { kind: 'new', name, data } : { kind: 'packed', name, part: data };
}
