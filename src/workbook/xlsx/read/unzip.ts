import { InflateDamaged, InflateOverflow, type ZipCodec, jsCodec } from '../codec';
import { corrupt, encrypted, notZip, oldXls, sizeLie, tooLarge, truncated } from '../errors';
import { type ZipDirectoryEntry, ZipDirectoryError, entryData, isEncryptedEntry, readZipDirectory, u16 } from '../opc/zip-directory';

// Unzips an .xlsx file for reading, without trusting it. The central directory
// (opc/zip-directory.ts, shared with the writer) is read first, so every entry's
// declared size is checked against the limit before a single byte is inflated;
// inflation then runs in small steps and stops as soon as an entry produces more
// than it declared, so a zip bomb is rejected after at most one step's worth of
// work. Every entry's CRC-32 is checked, so a damaged file is reported rather than
// read as if it were whole.

export interface UnzipOptions {
  maxUncompressedBytes: number;
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Inflation and CRC-32; the pure JavaScript codec when not given. */
  codec?: ZipCodec;
}

/**
 * Compressed bytes of an XML part inflated first, to see that it starts like XML
 * before the rest is inflated: at most ~1032× this (about 1 MiB) comes out.
 */
const SNIFF_BYTES = 1024;

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(b: Uint8Array, sig: readonly number[]): boolean {
  if (b.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[i] !== sig[i]) return false;
  return true;
}

/**
 * An OLE2 compound file is either an old .xls or an encrypted .xlsx: Excel wraps a
 * password-protected workbook in a compound file holding an `EncryptedPackage`
 * stream. Directory entries are 128 bytes, aligned to 128 within the file, and
 * start with the UTF-16LE name followed by its byte length at offset 64.
 */
export function isEncryptedPackage(b: Uint8Array): boolean {
  const name = 'EncryptedPackage';
  const nameBytes = (name.length + 1) * 2;
  for (let off = 512; off + 128 <= b.length; off += 128) {
    if (b[off] !== 0x45 /* E */ || b[off + 1] !== 0) continue;
    if (u16(b, off + 64) !== nameBytes) continue;
    let match = true;
    for (let i = 0; i < name.length && match; i++) {
      match = b[off + i * 2] === name.charCodeAt(i) && b[off + i * 2 + 1] === 0;
    }
    if (match) return true;
  }
  return false;
}

/** The container's table of contents, its problems in the reader's words. */
function readDirectory(b: Uint8Array, fileName: string): ZipDirectoryEntry[] {
  try {
    return readZipDirectory(b);
  } catch (e) {
    throw inReadersWords(e, fileName);
  }
}

function inReadersWords(e: unknown, fileName: string): unknown {
  if (!(e instanceof ZipDirectoryError)) return e;
  if (e.problem === 'not-zip') return notZip(fileName);
  if (e.problem === 'truncated') return truncated(fileName);
  return corrupt(fileName, e.detail);
}

/**
 * Unzips every entry, in the order of the zip's table of contents, into a map from
 * entry name to its bytes. Directory entries are left out.
 */
export function unzipChecked(b: Uint8Array, fileName: string, opts: UnzipOptions): Map<string, Uint8Array> {
  if (b.length === 0) throw notZip(fileName);
  if (startsWith(b, CFB_MAGIC)) throw isEncryptedPackage(b) ? encrypted(fileName) : oldXls(fileName);

  const central = readDirectory(b, fileName).filter((e) => !e.name.endsWith('/'));
  const limit = opts.maxUncompressedBytes;
  const codec = opts.codec ?? jsCodec;

  // Every declared size is checked before any inflation starts.
  let declared = 0;
  const seen = new Set<string>();
  for (const e of central) {
    declared += e.size;
    if (e.size > limit || declared > limit) throw tooLarge(fileName, limit);
    if (seen.has(e.name)) throw corrupt(fileName, `it holds two parts named ${e.name}`);
    seen.add(e.name);
  }

  const out = new Map<string, Uint8Array>();
  let done = 0;
  for (const e of central) {
    if (isEncryptedEntry(e)) throw encrypted(fileName);
    let where: { start: number; end: number };
    try {
      where = entryData(b, e);
    } catch (err) {
      throw inReadersWords(err, fileName);
    }
    const raw = b.subarray(where.start, where.end);

    let data: Uint8Array;
    if (e.method === 0) {
      if (e.compressedSize !== e.size) throw corrupt(fileName, `the part ${e.name} has the wrong size`);
      data = raw.slice();
    } else if (e.method === 8) {
      data = inflateBounded(codec, { raw, size: e.size, crc: e.crc, part: e.name }, fileName, /\.(xml|rels|vml)$/i.test(e.name));
    } else {
      throw corrupt(fileName, `the part ${e.name} is compressed with a method (${e.method}) that Excel does not use`);
    }
    if (e.method === 0 && /\.(xml|rels|vml)$/i.test(e.name) && !startsLikeXml(data, 0, data.length)) throw notXml(fileName, e.name);
    if (codec.crc32(data) !== e.crc) throw corrupt(fileName, `the part ${e.name} fails its checksum`);
    out.set(e.name, data);
    opts.onProgress?.('unzip', ++done, central.length);
  }
  return out;
}

/**
 * Whether the first byte that is not white space could start an XML part: '<', or
 * a byte order mark. Undefined while only white space has been seen.
 */
function startsLikeXml(b: Uint8Array, from: number, to: number): boolean | undefined {
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    // UTF-16 big-endian without a byte order mark starts 00 3C.
    return c === 0x3c || c === 0xef || c === 0xfe || c === 0xff || (c === 0 && b[i + 1] === 0x3c);
  }
  return undefined;
}

function notXml(fileName: string, part: string) {
  return corrupt(fileName, `the part ${part} is not XML`);
}

/**
 * Inflates one entry, bounded by its declared size. When `xml` is set, the first
 * bytes are inflated and checked to start like XML before the rest is, so a part
 * of hundreds of megabytes of zeros is refused after about a megabyte of work
 * instead of after inflating it all.
 */
function inflateBounded(
  codec: ZipCodec,
  entry: { raw: Uint8Array; size: number; crc: number; part: string },
  fileName: string,
  xml: boolean,
): Uint8Array {
  const { raw, size, crc, part } = entry;
  let out: Uint8Array;
  try {
    if (xml && raw.length > SNIFF_BYTES) {
      const head = codec.inflateRaw(raw.subarray(0, SNIFF_BYTES), size, true);
      if (startsLikeXml(head, 0, head.length) === false) throw notXml(fileName, part);
    }
    out = codec.inflateRaw(raw, size);
  } catch (err) {
    if (err instanceof InflateOverflow) throw overflowed(codec, { raw, size, crc, part }, fileName);
    if (err instanceof InflateDamaged) throw corrupt(fileName, `the part ${part} cannot be unpacked`);
    throw err;
  }
  if (out.length > size) throw overflowed(codec, { raw, size, crc, part }, fileName);
  if (xml && startsLikeXml(out, 0, out.length) === false) throw notXml(fileName, part);
  if (out.length !== size) throw corrupt(fileName, `the part ${part} is shorter than the zip says`);
  return out;
}

/**
 * What an entry that inflates past its declared size is. A damaged stream (a
 * flipped bit) overruns by a few bytes and ends; a bomb goes on and on. So it is
 * inflated once more with a little room, at most about a megabyte more: if it
 * ends there, the part is damaged, and its checksum says how; if not, it is
 * treated as the bomb it may be.
 */
function overflowed(codec: ZipCodec, entry: { raw: Uint8Array; size: number; crc: number; part: string }, fileName: string): Error {
  const { raw, size, crc, part } = entry;
  const room = Math.min(size, 1 << 20) + (64 << 10);
  let whole: Uint8Array;
  try {
    whole = codec.inflateRaw(raw, size + room);
  } catch (err) {
    if (err instanceof InflateOverflow) return sizeLie(fileName, part);
    if (err instanceof InflateDamaged) return corrupt(fileName, `the part ${part} cannot be unpacked`);
    throw err;
  }
  if (whole.length > size + room) return sizeLie(fileName, part);
  return codec.crc32(whole) === crc
    ? corrupt(fileName, `the part ${part} is longer than the zip says`)
    : corrupt(fileName, `the part ${part} fails its checksum`);
}
