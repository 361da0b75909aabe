import { Deflate, Inflate, deflateSync } from 'fflate';

// The compression a zip needs (raw deflate both ways, and CRC-32), behind one
// small interface so that each host brings the fastest it has. This module, the
// default, is pure JavaScript (fflate) and runs anywhere, the browser included;
// the command line passes a codec built on Node's native zlib (src/cli/node-codec.ts),
// which the browser bundle never sees.
//
// Whatever the codec, the reader's safety rests on the same contract: inflation
// is bounded by `limit` and stops, holding little more than `limit` bytes, as soon
// as the output would pass it.

/** Thrown by `inflateRaw` as soon as the output would pass its limit. */
export class InflateOverflow extends Error {
  constructor() {
    super('the data inflates past its limit');
    this.name = 'InflateOverflow';
    Object.setPrototypeOf(this, InflateOverflow.prototype);
  }
}

/** Thrown by `inflateRaw` when the stream is damaged or (unless `partial`) ends early. */
export class InflateDamaged extends Error {
  constructor() {
    super('the data cannot be inflated');
    this.name = 'InflateDamaged';
    Object.setPrototypeOf(this, InflateDamaged.prototype);
  }
}

export interface ZipCodec {
  /**
   * Inflates a raw deflate stream. Throws InflateOverflow as soon as more than
   * `limit` bytes would come out (without producing much more than that), and
   * InflateDamaged when the stream is damaged. With `partial`, `raw` is only the
   * start of a stream and the bytes it decodes to so far are returned; otherwise
   * a stream that ends early is damaged.
   */
  inflateRaw(raw: Uint8Array, limit: number, partial?: boolean): Uint8Array;
  /** Raw deflate at a zlib level (0 to 9). */
  deflateRaw(data: Uint8Array, level: number): Uint8Array;
  /**
   * One raw deflate stream fed in pieces: each `push` hands the compressed bytes
   * it can to `onData`, and the last (`final`) ends the stream. Pieces should be
   * large (a megabyte or so); a pushed piece may be reused by the caller at once.
   */
  createDeflate(level: number, onData: (chunk: Uint8Array) => void): { push(data: Uint8Array, final: boolean): void };
  /** CRC-32 as zip uses it; `crc` continues a checksum over earlier bytes. */
  crc32(data: Uint8Array, crc?: number): number;
}

type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** Compressed bytes fed to fflate per step: at most ~1032× this comes out of one step. */
const INFLATE_STEP = 64 * 1024;

let CRC_TABLE: Int32Array | null = null;

function crcTable(): Int32Array {
  if (CRC_TABLE) return CRC_TABLE;
  // Slicing-by-8 tables: eight 256-entry tables, one after another.
  const t = new Int32Array(256 * 8);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c;
  }
  for (let i = 0; i < 256; i++) {
    let c = t[i];
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff] ^ (c >>> 8);
      t[k * 256 + i] = c;
    }
  }
  CRC_TABLE = t;
  return t;
}

/** CRC-32 in JavaScript (slicing by 8); `crc` continues a checksum over earlier bytes. */
export function jsCrc32(d: Uint8Array, crc = 0): number {
  const t = crcTable();
  let c = ~crc;
  let i = 0;
  const n8 = d.length - 8;
  for (; i <= n8; i += 8) {
    const a = c ^ (d[i] | (d[i + 1] << 8) | (d[i + 2] << 16) | (d[i + 3] << 24));
    const b = d[i + 4] | (d[i + 5] << 8) | (d[i + 6] << 16) | (d[i + 7] << 24);
    c =
      t[1792 + (a & 0xff)] ^
      t[1536 + ((a >>> 8) & 0xff)] ^
      t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^
      t[768 + (b & 0xff)] ^
      t[512 + ((b >>> 8) & 0xff)] ^
      t[256 + ((b >>> 16) & 0xff)] ^
      t[b >>> 24];
  }
  for (; i < d.length; i++) c = t[(c ^ d[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** The pure JavaScript codec (fflate), used unless the host passes a faster one. */
export const jsCodec: ZipCodec = {
  inflateRaw(raw: Uint8Array, limit: number, partial = false): Uint8Array {
    // A whole stream is inflated into a buffer of its declared size; a partial one
    // (a look at the first bytes) into a buffer that grows.
    let out = new Uint8Array(partial ? Math.min(limit, 64 * 1024) : limit);
    let n = 0;
    const inflater = new Inflate((chunk: Uint8Array) => {
      if (n + chunk.length > limit) throw new InflateOverflow();
      if (n + chunk.length > out.length) {
        const grown = new Uint8Array(Math.min(limit, Math.max(n + chunk.length, out.length * 2)));
        grown.set(out.subarray(0, n));
        out = grown;
      }
      out.set(chunk, n);
      n += chunk.length;
    });
    try {
      if (raw.length === 0 && !partial) inflater.push(raw, true);
      for (let i = 0; i < raw.length; i += INFLATE_STEP) {
        const j = Math.min(raw.length, i + INFLATE_STEP);
        inflater.push(raw.subarray(i, j), !partial && j === raw.length);
      }
    } catch (err) {
      if (err instanceof InflateOverflow) throw err;
      throw new InflateDamaged();
    }
    return n === out.length ? out : out.subarray(0, n);
  },
  deflateRaw(data: Uint8Array, level: number): Uint8Array {
    return deflateSync(data, { level: level as DeflateLevel });
  },
  createDeflate(level: number, onData: (chunk: Uint8Array) => void) {
    // fflate copies what is pushed into its own window.
    const deflater = new Deflate({ level: level as DeflateLevel }, (chunk: Uint8Array) => {
      if (chunk.length) onData(chunk);
    });
    return { push: (data: Uint8Array, final: boolean) => deflater.push(data, final) };
  },
  crc32: jsCrc32,
};
