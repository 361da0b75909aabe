import { type ZipCodec, jsCodec } from '../codec';
import {
  SIG_CENTRAL,
  SIG_EOCD,
  SIG_LOCAL,
  type ZipDirectoryEntry,
  entryData,
  isEncryptedEntry,
  readZipDirectory,
} from '../opc/zip-directory';

// The zip side of the writer. Entries Ragbook does not change are copied with
// their compressed bytes exactly as they were (same method, CRC, sizes, name
// bytes and timestamps), so nothing of the user's is decompressed and recompressed.
// Only the parts Ragbook edits or adds are deflated here. Local headers are written
// afresh from the central directory, which is the authority on sizes and CRCs
// (a local header may defer them to a data descriptor).

export class ZipWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipWriteError';
    Object.setPrototypeOf(this, ZipWriteError.prototype);
  }
}

/** An entry of the original zip, as declared, with where its compressed data starts. */
export interface ZipEntry extends ZipDirectoryEntry {
  dataStart: number;
}

/** 1980-01-01 00:00, the timestamp Excel gives every entry: output is the same for the same input. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * The entries of a zip, in the order of its central directory; directory entries
 * included. The directory is read by the package layer (opc/zip-directory.ts, the
 * reader's too), with all its bounds; its problems come out as ZipDirectoryError.
 */
export function readZipEntries(b: Uint8Array): ZipEntry[] {
  return readZipDirectory(b).map((e) => {
    if (isEncryptedEntry(e)) throw new ZipWriteError('it is encrypted');
    return { ...e, dataStart: entryData(b, e).start };
  });
}

/** The uncompressed bytes of one entry, checked against its CRC. */
export function inflateEntry(b: Uint8Array, e: ZipEntry, codec: ZipCodec = jsCodec): Uint8Array {
  const raw = b.subarray(e.dataStart, e.dataStart + e.compressedSize);
  let data: Uint8Array;
  if (e.method === 0) data = raw.slice();
  else if (e.method === 8) {
    try {
      data = codec.inflateRaw(raw, e.size);
    } catch {
      throw new ZipWriteError(`the part ${e.name} cannot be unpacked`);
    }
  } else throw new ZipWriteError(`the part ${e.name} uses a compression method (${e.method}) Excel does not use`);
  if (data.length !== e.size || codec.crc32(data) !== e.crc) throw new ZipWriteError(`the part ${e.name} fails its checksum`);
  return data;
}

/** A new part as it goes into the zip: compressed (method 8) or stored (0). */
export interface PackedPart {
  method: number;
  crc: number;
  size: number;
  /** The compressed bytes, or their pieces in order: a packed sheet's are laid into the zip as they are, never joined first. */
  data: Uint8Array | readonly Uint8Array[];
}

function byteLength(data: Uint8Array | readonly Uint8Array[]): number {
  if (data instanceof Uint8Array) return data.length;
  let n = 0;
  for (const p of data) n += p.length;
  return n;
}

/** Pieces of bytes as one array. */
export function joinBytes(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(byteLength(pieces));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Level 1: on a 50,000-action workbook level 6 spent a third of the command's time
 * squeezing our own sheets about 10% smaller. Speed matters more here.
 */
export const LEVEL = 1;

/** Up to this size a part's bytes are kept, to store it as is when deflating does not make it smaller. */
const KEEP_FOR_STORING = 64 * 1024;

/**
 * A new part compressed while it is being produced: its bytes arrive in pieces
 * (a piece may be reused by the caller as soon as `write` returns) and are never
 * held whole, so a sheet of tens of megabytes costs the memory of its compressed
 * form only.
 */
export class PartPacker {
  private crc = 0;
  private size = 0;
  private readonly pieces: Uint8Array[] = [];
  private kept: Uint8Array | null = new Uint8Array(0);
  private readonly deflater: { push(data: Uint8Array, final: boolean): void };

  constructor(private readonly codec: ZipCodec = jsCodec) {
    this.deflater = codec.createDeflate(LEVEL, (chunk) => this.pieces.push(chunk));
  }

  write(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.crc = this.codec.crc32(bytes, this.crc);
    this.size += bytes.length;
    if (this.kept && this.size <= KEEP_FOR_STORING) {
      const kept = new Uint8Array(this.size);
      kept.set(this.kept);
      kept.set(bytes, this.kept.length);
      this.kept = kept;
    } else {
      this.kept = null;
    }
    this.deflater.push(bytes, false);
  }

  finish(): PackedPart {
    this.deflater.push(new Uint8Array(0), true);
    if (this.kept && byteLength(this.pieces) >= this.size) return { method: 0, crc: this.crc, size: this.size, data: this.kept };
    return { method: 8, crc: this.crc, size: this.size, data: this.pieces };
  }
}

/** An entry of the output: copied from the original, new bytes to compress, or a part already packed. */
export type OutEntry =
  { kind: 'copy'; entry: ZipEntry } | { kind: 'new'; name: string; data: Uint8Array } | { kind: 'packed'; name: string; part: PackedPart };

const encoder = new TextEncoder();

interface Prepared {
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
  data: Uint8Array | readonly Uint8Array[];
}

function prepare(original: Uint8Array, o: OutEntry, codec: ZipCodec): Prepared {
  if (o.kind === 'copy') {
    const e = o.entry;
    return {
      nameBytes: e.nameBytes,
      // Sizes go in the local header, so no data descriptor follows the data.
      flags: e.flags & ~0x0008,
      method: e.method,
      time: e.time,
      date: e.date,
      crc: e.crc,
      compressedSize: e.compressedSize,
      size: e.size,
      madeBy: e.madeBy,
      internalAttr: e.internalAttr,
      externalAttr: e.externalAttr,
      data: original.subarray(e.dataStart, e.dataStart + e.compressedSize),
    };
  }
  const nameBytes = encoder.encode(o.name);
  const ascii = nameBytes.length === o.name.length;
  let part: PackedPart;
  if (o.kind === 'packed') part = o.part;
  else {
    const deflated = codec.deflateRaw(o.data, LEVEL);
    const stored = deflated.length >= o.data.length;
    part = { method: stored ? 0 : 8, crc: codec.crc32(o.data), size: o.data.length, data: stored ? o.data : deflated };
  }
  return {
    nameBytes,
    flags: ascii ? 0 : 0x0800,
    method: part.method,
    time: DOS_TIME,
    date: DOS_DATE,
    crc: part.crc,
    compressedSize: byteLength(part.data),
    size: part.size,
    madeBy: 20,
    internalAttr: 0,
    externalAttr: 0,
    data: part.data,
  };
}

/** Writes a zip (no zip64: an .xlsx past 4 GB is not a workbook anyone can open). */
export function writeZip(original: Uint8Array, entries: OutEntry[], codec: ZipCodec = jsCodec): Uint8Array {
  const prepared = entries.map((o) => prepare(original, o, codec));
  if (prepared.length > 0xfffe) throw new ZipWriteError('it would hold too many parts');
  let localTotal = 0;
  let centralTotal = 0;
  for (const p of prepared) {
    if (p.size > 0xfffffffe || p.compressedSize > 0xfffffffe) throw new ZipWriteError('a part would be too large');
    localTotal += 30 + p.nameBytes.length + p.compressedSize;
    centralTotal += 46 + p.nameBytes.length;
  }
  if (localTotal + centralTotal > 0xfffffffe) throw new ZipWriteError('the workbook would be too large');
  const out = new Uint8Array(localTotal + centralTotal + 22);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let at = 0;
  for (const p of prepared) {
    offsets.push(at);
    view.setUint32(at, SIG_LOCAL, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, p.flags, true);
    view.setUint16(at + 8, p.method, true);
    view.setUint16(at + 10, p.time, true);
    view.setUint16(at + 12, p.date, true);
    view.setUint32(at + 14, p.crc, true);
    view.setUint32(at + 18, p.compressedSize, true);
    view.setUint32(at + 22, p.size, true);
    view.setUint16(at + 26, p.nameBytes.length, true);
    view.setUint16(at + 28, 0, true);
    out.set(p.nameBytes, at + 30);
    let to = at + 30 + p.nameBytes.length;
    for (const piece of p.data instanceof Uint8Array ? [p.data] : p.data) {
      out.set(piece, to);
      to += piece.length;
    }
    at += 30 + p.nameBytes.length + p.compressedSize;
  }
  const cdStart = at;
  prepared.forEach((p, i) => {
    view.setUint32(at, SIG_CENTRAL, true);
    view.setUint16(at + 4, p.madeBy, true);
    view.setUint16(at + 6, 20, true);
    view.setUint16(at + 8, p.flags, true);
    view.setUint16(at + 10, p.method, true);
    view.setUint16(at + 12, p.time, true);
    view.setUint16(at + 14, p.date, true);
    view.setUint32(at + 16, p.crc, true);
    view.setUint32(at + 20, p.compressedSize, true);
    view.setUint32(at + 24, p.size, true);
    view.setUint16(at + 28, p.nameBytes.length, true);
    view.setUint16(at + 30, 0, true);
    view.setUint16(at + 32, 0, true);
    view.setUint16(at + 34, 0, true);
    view.setUint16(at + 36, p.internalAttr, true);
    view.setUint32(at + 38, p.externalAttr, true);
    view.setUint32(at + 42, offsets[i], true);
    out.set(p.nameBytes, at + 46);
    at += 46 + p.nameBytes.length;
  });
  view.setUint32(at, SIG_EOCD, true);
  view.setUint16(at + 8, prepared.length, true);
  view.setUint16(at + 10, prepared.length, true);
  view.setUint32(at + 12, at - cdStart, true);
  view.setUint32(at + 16, cdStart, true);
  return out;
}
