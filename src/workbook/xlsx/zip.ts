import { InflateDamaged, InflateOverflow, type ZipCodec, jsCodec } from './codec';
import { corrupt, encrypted, notZip, oldXls, sizeLie, tooLarge, truncated } from './errors';

// Opens the zip container of an .xlsx file without trusting it. The central
// directory is read first, so every entry's declared size is checked against the
// limit before a single byte is inflated; inflation then runs in small steps and
// stops as soon as an entry produces more than it declared, so a zip bomb is
// rejected after at most one step's worth of work. Every entry's CRC-32 is checked,
// so a damaged file is reported rather than read as if it were whole.

export interface UnzipOptions {
  maxUncompressedBytes: number;
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Inflation and CRC-32; the pure JavaScript codec when not given. */
  codec?: ZipCodec;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;

/**
 * Compressed bytes of an XML part inflated first, to see that it starts like XML
 * before the rest is inflated: at most ~1032× this (about 1 MiB) comes out.
 */
const SNIFF_BYTES = 1024;

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}

function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}

function u64(b: Uint8Array, i: number): number {
  // Sizes beyond 2^53 are not real workbooks; the limit check rejects them anyway.
  return u32(b, i) + u32(b, i + 4) * 0x100000000;
}

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

function findEocd(b: Uint8Array): number {
  const last = b.length - 22;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) {
      // The comment length must fit what is left of the file, or this is a
      // signature lookalike inside compressed data.
      if (i + 22 + u16(b, i + 20) <= b.length) return i;
    }
  }
  return -1;
}

const nameDecoder = new TextDecoder('utf-8');

function readCentralDirectory(b: Uint8Array, fileName: string): CentralEntry[] {
  const eocd = findEocd(b);
  if (eocd < 0) {
    // A zip whose end is missing was cut short; anything else is not a zip at all.
    if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) throw truncated(fileName);
    throw notZip(fileName);
  }
  if (u16(b, eocd + 4) !== 0 || u16(b, eocd + 6) !== 0) {
    throw corrupt(fileName, 'it is one part of a zip archive split across several files');
  }
  let count = u16(b, eocd + 10);
  let cdSize = u32(b, eocd + 12);
  let cdOffset = u32(b, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0 && u32(b, loc) === SIG_ZIP64_LOCATOR) {
      const z = u64(b, loc + 8);
      if (z + 56 > b.length || u32(b, z) !== SIG_ZIP64_EOCD) throw truncated(fileName);
      count = u64(b, z + 32);
      cdSize = u64(b, z + 40);
      cdOffset = u64(b, z + 48);
    }
  }
  if (cdOffset + cdSize > b.length) throw truncated(fileName);

  const entries: CentralEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || u32(b, p) !== SIG_CENTRAL) {
      throw corrupt(fileName, 'its table of contents is broken');
    }
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const crc = u32(b, p + 16);
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let localOffset = u32(b, p + 42);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > b.length) throw corrupt(fileName, 'its table of contents is broken');
    const name = nameDecoder.decode(b.subarray(p + 46, p + 46 + nameLen));
    // ZIP64 extra field: the 64-bit values appear only for the fields set to 0xFFFFFFFF, in this order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff && q + 8 <= e + 4 + len) ((size = u64(b, q)), (q += 8));
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) ((compressedSize = u64(b, q)), (q += 8));
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + len) localOffset = u64(b, q);
      }
      e += 4 + len;
    }
    entries.push({ name, flags, method, crc, compressedSize, size, localOffset });
    p = end;
  }
  return entries;
}

/**
 * Unzips every entry, in the order of the zip's table of contents, into a map from
 * entry name to its bytes. Directory entries are left out.
 */
export function unzipChecked(b: Uint8Array, fileName: string, opts: UnzipOptions): Map<string, Uint8Array> {
  if (b.length === 0) throw notZip(fileName);
  if (startsWith(b, CFB_MAGIC)) throw isEncryptedPackage(b) ? encrypted(fileName) : oldXls(fileName);

  const central = readCentralDirectory(b, fileName).filter((e) => !e.name.endsWith('/'));
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
    if (e.flags & 1) throw encrypted(fileName);
    const p = e.localOffset;
    if (p + 30 > b.length) throw truncated(fileName);
    if (u32(b, p) !== SIG_LOCAL) throw corrupt(fileName, `the part ${e.name} cannot be found where the zip says it is`);
    const start = p + 30 + u16(b, p + 26) + u16(b, p + 28);
    const stop = start + e.compressedSize;
    if (stop > b.length) throw truncated(fileName);
    const raw = b.subarray(start, stop);

    let data: Uint8Array;
    if (e.method === 0) {
      if (e.compressedSize !== e.size) throw corrupt(fileName, `the part ${e.name} has the wrong size`);
      data = raw.slice();
    } else if (e.method === 8) {
      data = inflateBounded(codec, raw, e.size, e.name, fileName, /\.(xml|rels|vml)$/i.test(e.name));
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
function inflateBounded(codec: ZipCodec, raw: Uint8Array, size: number, part: string, fileName: string, xml: boolean): Uint8Array {
  let out: Uint8Array;
  try {
    if (xml && raw.length > SNIFF_BYTES) {
      const head = codec.inflateRaw(raw.subarray(0, SNIFF_BYTES), size, true);
      if (startsLikeXml(head, 0, head.length) === false) throw notXml(fileName, part);
    }
    out = codec.inflateRaw(raw, size);
  } catch (err) {
    // An entry that inflates past the size it declared is either damaged or built
    // to exhaust memory; a lie of that kind is treated as the bomb it may be.
    if (err instanceof InflateOverflow) throw sizeLie(fileName, part);
    if (err instanceof InflateDamaged) throw corrupt(fileName, `the part ${part} cannot be unpacked`);
    throw err;
  }
  if (out.length > size) throw sizeLie(fileName, part);
  if (xml && startsLikeXml(out, 0, out.length) === false) throw notXml(fileName, part);
  if (out.length !== size) throw corrupt(fileName, `the part ${part} is shorter than the zip says`);
  return out;
}
