// The zip container's table of contents (its central directory), read without
// trusting it: the reader and the writer both start here, so every bound below
// protects both. Nothing is inflated here; callers learn each entry's declared
// sizes and where its data lies, and check those against their own limits.

/** One entry of the central directory, as declared (ZIP64 values already applied). */
export interface ZipDirectoryEntry {
  name: string;
  /** The name's bytes as stored, so a writer can copy them unchanged. */
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  madeBy: number;
  internalAttr: number;
  externalAttr: number;
  /** Where the entry's local header starts. */
  localOffset: number;
}

/** What is wrong with the container: callers turn it into their own words (reader) or refusal (writer). */
export type ZipProblem = 'not-zip' | 'truncated' | 'corrupt';

export class ZipDirectoryError extends Error {
  constructor(
    readonly problem: ZipProblem,
    /** Says what is wrong, e.g. "its table of contents is broken". */
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ZipDirectoryError';
    Object.setPrototypeOf(this, ZipDirectoryError.prototype);
  }
}

export const SIG_LOCAL = 0x04034b50;
export const SIG_CENTRAL = 0x02014b50;
export const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;

export function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}

export function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}

function u64(b: Uint8Array, i: number): number {
  // Sizes beyond 2^53 are not real workbooks; callers' size limits reject them anyway.
  return u32(b, i) + u32(b, i + 4) * 0x100000000;
}

const nameDecoder = new TextDecoder('utf-8');

const broken = () => new ZipDirectoryError('corrupt', 'its table of contents is broken');
const truncated = () => new ZipDirectoryError('truncated', 'it is cut short');

function findEocd(b: Uint8Array): number {
  const last = b.length - 22;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i--) {
    if (u32(b, i) === SIG_EOCD) {
      // The comment length must fit what is left of the file, or this is a
      // signature lookalike inside compressed data.
      if (i + 22 + u16(b, i + 20) <= b.length) return i;
    }
  }
  return -1;
}

/**
 * The central directory's entries, in its order, directory entries included.
 * Throws ZipDirectoryError: 'not-zip' when there is no end record (and the file
 * does not start like a zip), 'truncated' when the directory or its ZIP64 record
 * lies past the end of the file, 'corrupt' when an entry is broken or the archive
 * is split across several files.
 */
export function readZipDirectory(b: Uint8Array): ZipDirectoryEntry[] {
  const eocd = findEocd(b);
  if (eocd < 0) {
    // A zip whose end is missing was cut short; anything else is not a zip at all.
    if (b.length >= 4 && u32(b, 0) === SIG_LOCAL) throw truncated();
    throw new ZipDirectoryError('not-zip', 'it is not a zip file');
  }
  if (u16(b, eocd + 4) !== 0 || u16(b, eocd + 6) !== 0) {
    throw new ZipDirectoryError('corrupt', 'it is one part of a zip archive split across several files');
  }
  let count = u16(b, eocd + 10);
  let cdSize = u32(b, eocd + 12);
  let cdOffset = u32(b, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0 && u32(b, loc) === SIG_ZIP64_LOCATOR) {
      const z = u64(b, loc + 8);
      if (z + 56 > b.length || u32(b, z) !== SIG_ZIP64_EOCD) throw truncated();
      count = u64(b, z + 32);
      cdSize = u64(b, z + 40);
      cdOffset = u64(b, z + 48);
    }
  }
  if (cdOffset + cdSize > b.length) throw truncated();

  const entries: ZipDirectoryEntry[] = [];
  let p = cdOffset;
  // A count that lies (ZIP64 allows 2^64) ends at the first entry past the file.
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || u32(b, p) !== SIG_CENTRAL) throw broken();
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let localOffset = u32(b, p + 42);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > b.length) throw broken();
    const nameBytes = b.slice(p + 46, p + 46 + nameLen);
    // ZIP64 extra field: the 64-bit values appear only for the fields set to
    // 0xFFFFFFFF, in this order, and only as far as the field's own length goes.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      const fieldEnd = Math.min(e + 4 + len, extraEnd);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff && q + 8 <= fieldEnd) ((size = u64(b, q)), (q += 8));
        if (compressedSize === 0xffffffff && q + 8 <= fieldEnd) ((compressedSize = u64(b, q)), (q += 8));
        if (localOffset === 0xffffffff && q + 8 <= fieldEnd) localOffset = u64(b, q);
      }
      e += 4 + len;
    }
    entries.push({
      name: nameDecoder.decode(nameBytes),
      nameBytes,
      flags: u16(b, p + 8),
      method: u16(b, p + 10),
      time: u16(b, p + 12),
      date: u16(b, p + 14),
      crc: u32(b, p + 16),
      compressedSize,
      size,
      madeBy: u16(b, p + 4),
      internalAttr: u16(b, p + 36),
      externalAttr: u32(b, p + 38),
      localOffset,
    });
    p = end;
  }
  return entries;
}

/** Whether the entry is encrypted (general purpose flag bit 0): Excel never does this inside a workbook. */
export function isEncryptedEntry(e: ZipDirectoryEntry): boolean {
  return (e.flags & 1) !== 0;
}

/**
 * Where the entry's compressed data lies, from its local header. Throws
 * ZipDirectoryError: 'truncated' when the header or the data runs past the end of
 * the file, 'corrupt' when no local header is where the directory says.
 */
export function entryData(b: Uint8Array, e: ZipDirectoryEntry): { start: number; end: number } {
  const p = e.localOffset;
  if (p + 30 > b.length) throw truncated();
  if (u32(b, p) !== SIG_LOCAL) throw new ZipDirectoryError('corrupt', `the part ${e.name} cannot be found where the zip says it is`);
  const start = p + 30 + u16(b, p + 26) + u16(b, p + 28);
  const end = start + e.compressedSize;
  if (end > b.length) throw truncated();
  return { start, end };
}
