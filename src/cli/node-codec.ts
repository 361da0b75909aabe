import { constants as bufferConstants } from 'node:buffer';
import * as zlib from 'node:zlib';
import { InflateDamaged, InflateOverflow, type ZipCodec, jsCrc32 } from '../workbook/xlsx/codec';

// The zip codec of the command: Node's native zlib, several times faster than the
// pure JavaScript one the reader and writer fall back to (which the browser uses).
// It keeps the same bound: zlib stops and throws as soon as its output passes
// maxOutputLength, having held at most one output chunk beyond it.

const crc32Native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

export const nodeCodec: ZipCodec = {
  inflateRaw(raw: Uint8Array, limit: number, partial = false): Uint8Array {
    let out: Buffer;
    try {
      out = zlib.inflateRawSync(raw, {
        // One output buffer of the declared size plus a byte, so a part that tells
        // the truth about its size is inflated without any copying; a part that
        // lies is stopped at the end of its first chunk.
        chunkSize: partial ? 64 * 1024 : Math.max(64, limit + 1),
        maxOutputLength: Math.min(bufferConstants.MAX_LENGTH, Math.max(1, limit)),
        finishFlush: partial ? zlib.constants.Z_SYNC_FLUSH : zlib.constants.Z_FINISH,
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new InflateOverflow();
      throw new InflateDamaged();
    }
    if (out.length > limit) throw new InflateOverflow();
    return out;
  },
  deflateRaw(data: Uint8Array, level: number): Uint8Array {
    return zlib.deflateRawSync(data, { level });
  },
  createDeflate(level: number, onData: (chunk: Uint8Array) => void) {
    // Node has no synchronous deflate stream, but raw deflate streams ended with a
    // sync flush (byte-aligned, no final block) can be laid end to end, and the
    // last one, finished, ends them all: one valid stream, each piece compressed
    // on its own (about 0.5% larger at a megabyte a piece).
    return {
      push(data: Uint8Array, final: boolean): void {
        const flush = final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH;
        if (!data.length && !final) return;
        const out = zlib.deflateRawSync(data, { level, finishFlush: flush });
        if (out.length) onData(out);
      },
    };
  },
  // zlib.crc32 arrived in Node 20.15 and 22.2; older Node 20 releases use the JavaScript one.
  crc32: crc32Native ? (data, crc = 0) => crc32Native(data, crc) >>> 0 : jsCrc32,
};
