import type { Plan, PlanCell, StyleName } from '../../../core/plan-schema';
import type { ZipCodec } from '../codec';
import { crc32Combine } from '../opc/crc32-combine';
import { LEVEL, type PackedPart } from './zip';
import { extentOf, styleAttributes, writeRows } from './sheet-xml';
import { MINIMAL_STYLES, appendStyles } from './styles';
import { SharedStrings } from './shared-strings';
import { ByteSink } from './xml-out';

// The rows of a new workbook's sheet that come after its planned rows, packed as
// they are given and never held whole: the directorate workbook's All actions, whose
// 100,000s of rows arrive a tracker at a time while the rest are still being read.
// Rows are written as the plan's are (writeRows), their text in the workbook's shared
// strings (shared-strings.ts), and deflated at once; the part is put together when
// the workbook is written, once the sheet's opening (which names its extent, so
// comes last) is known:
//
//   [opening, as stored deflate blocks] [these rows ... the sheet's closing, deflated]
//
// One valid deflate stream: a stored block ends on a byte boundary, where the
// deflated stream's first block may begin, and the rows' back-references reach only
// into the rows. The part's CRC is the opening's combined with the rest's.

/** The cell format indexes a new workbook gives the plan's styles: all of them, so they are known before any row is written. */
export function newWorkbookFormats(styles: Plan['styles']): Map<StyleName, number> {
  return appendStyles(MINIMAL_STYLES, styles, Object.keys(styles) as StyleName[], []).xf;
}

export class SheetBody {
  private crc = 0;
  private size = 0;
  private count = 0;
  private maxCol = -1;
  private readonly pieces: Uint8Array[] = [];
  private readonly sink: ByteSink;
  private readonly deflater: { push(data: Uint8Array, final: boolean): void };
  private readonly styleAttrs: Map<StyleName, string>;
  private done = false;

  /**
   * `formats` are the workbook's (newWorkbookFormats); `firstRow` is the 0-based
   * row the first row given goes to: the number of rows the plan gives the sheet.
   */
  constructor(
    private readonly codec: ZipCodec,
    readonly formats: Map<StyleName, number>,
    readonly firstRow: number,
    /** The workbook's shared strings, where the rows' text goes. */
    readonly strings: SharedStrings = new SharedStrings(),
  ) {
    this.styleAttrs = styleAttributes(formats);
    this.deflater = codec.createDeflate(LEVEL, (chunk) => this.pieces.push(chunk));
    this.sink = new ByteSink((bytes) => {
      this.crc = this.codec.crc32(bytes, this.crc);
      this.size += bytes.length;
      this.deflater.push(bytes, false);
    });
  }

  /** Packs rows below those given so far; `heights[i]` is the height of rows[i] (null: the default). */
  add(rows: PlanCell[][], heights: readonly (number | null)[]): void {
    if (this.done) throw new Error('rows added to a sheet already written');
    writeRows(this.sink, rows, this.firstRow + this.count, this.styleAttrs, heights, this.strings);
    const { maxCol } = extentOf(rows, this.styleAttrs);
    if (maxCol > this.maxCol) this.maxCol = maxCol;
    this.count += rows.length;
  }

  /** Rows given so far. */
  get rows(): number {
    return this.count;
  }

  /** The last row (0-based) and column the rows reach; -1 when none. */
  get extent(): { maxRow: number; maxCol: number } {
    return this.count ? { maxRow: this.firstRow + this.count - 1, maxCol: this.maxCol } : { maxRow: -1, maxCol: -1 };
  }

  /** The part: `opening` (the sheet up to these rows), the rows, then `closing` (the sheet after them). */
  finish(opening: Uint8Array, closing: Uint8Array): PackedPart {
    if (this.done) throw new Error('a sheet written twice');
    this.done = true;
    this.sink.end();
    this.crc = this.codec.crc32(closing, this.crc);
    this.size += closing.length;
    this.deflater.push(closing, true);
    // The pieces go into the zip as they are: joining them first cost a copy of the
    // whole sheet (8.6 MB at 200 trackers, 40 ms on this machine) and as much memory.
    const data = [storedBlocks(opening), ...this.pieces];
    this.pieces.length = 0;
    return {
      method: 8,
      crc: crc32Combine(this.codec.crc32(opening), this.crc, this.size),
      size: opening.length + this.size,
      data,
    };
  }
}

/** Bytes as stored (uncompressed) deflate blocks, none of them final (RFC 1951, 3.2.4). */
function storedBlocks(bytes: Uint8Array): Uint8Array {
  const MAX = 0xffff;
  const blocks = Math.max(1, Math.ceil(bytes.length / MAX));
  const out = new Uint8Array(bytes.length + 5 * blocks);
  let at = 0;
  for (let b = 0; b < blocks; b++) {
    const piece = bytes.subarray(b * MAX, Math.min(bytes.length, (b + 1) * MAX));
    // BFINAL 0, BTYPE 00, then to the byte boundary; LEN and its complement, little-endian.
    out[at] = 0;
    out[at + 1] = piece.length & 0xff;
    out[at + 2] = piece.length >>> 8;
    out[at + 3] = ~piece.length & 0xff;
    out[at + 4] = (~piece.length >>> 8) & 0xff;
    out.set(piece, at + 5);
    at += 5 + piece.length;
  }
  return out;
}
