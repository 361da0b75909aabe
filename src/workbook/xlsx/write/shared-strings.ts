import type { PlanCell } from '../../../core/plan-schema';
import type { ZipCodec } from '../codec';
import { MAIN_NS, type StringTable, keepsSpaces } from './sheet-xml';
import { ByteSink } from './xml-out';
import { type PackedPart, PartPacker } from './zip';

// The shared strings of a new workbook (xl/sharedStrings.xml): the text that repeats
// down its long sheets kept once and named by index in its cells. A directorate's
// All actions repeats its tracker, work stream, sheet, owner and status words on
// 100,000s of rows; held once, its sheet is a third less XML to write, to compress,
// and for Excel, LibreOffice and openpyxl to read. Only cells the plan marks as
// repeating (`repeats`, one object per text) go here, found by the object: looking
// every description up by its text cost more than sharing it saved.

export const SHARED_STRINGS_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml';

export class SharedStrings implements StringTable {
  /** By cell object: a repeated cell is one object, found without hashing its text. */
  private readonly byCell = new Map<PlanCell, number>();
  private readonly byText = new Map<string, number>();
  private readonly list: string[] = [];
  private refs = 0;

  indexOf(cell: PlanCell, text: string): number {
    this.refs++;
    let i = this.byCell.get(cell);
    if (i !== undefined) return i;
    i = this.byText.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.byText.set(text, i);
      this.list.push(text);
    }
    this.byCell.set(cell, i);
    return i;
  }

  /** Texts held. */
  get size(): number {
    return this.list.length;
  }

  /** The part, packed. */
  pack(codec: ZipCodec): PackedPart {
    const packer = new PartPacker(codec);
    const out = new ByteSink((b) => packer.write(b));
    out.raw(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="${this.refs}" uniqueCount="${this.list.length}">`,
    );
    for (const s of this.list) {
      out.raw(keepsSpaces(s) ? '<si><t xml:space="preserve">' : '<si><t>');
      out.text(s);
      out.raw('</t></si>');
      out.flushIfFull();
    }
    out.raw('</sst>');
    out.end();
    return packer.finish();
  }
}
