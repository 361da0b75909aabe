import type { Area, CellValue } from '../../../core/grid';
import { a1, parseArea } from '../../../core/grid';
import { CLOSE, END, OPEN, TEXT, XmlError } from '../opc/xml-reader';
import {
  CELL_BOOLEAN,
  CELL_DATE,
  CELL_ERROR,
  CELL_FORMULA_TEXT,
  CELL_INLINE,
  CELL_NUMBER,
  CELL_SHARED,
  type CellFields,
  SheetXmlReader,
  cellType,
  refAt,
} from './sheet-cells';
import { decodeOoxmlEscapes, readStringItem } from './strings';

// Streams one worksheet part into rows of values. Element depths are fixed by the
// schema (worksheet 1, sheetData 2, row 3, c 4, v/f/is 5), so the reader checks
// depth and local name rather than keeping a path, whatever the prefixes.

export interface SheetContext {
  sharedStrings: readonly string[];
  /** Number format code per cell style index; null for General. */
  cellFormats: readonly (string | null)[];
  /** Solid fill ('#RRGGBB') per cell style index; null for none or white. */
  cellFills: readonly (string | null)[];
  date1904: boolean;
}

export interface SheetContent {
  /** False when the part is not a worksheet after all (a dialog sheet, for instance). */
  isWorksheet: boolean;
  rows: CellValue[][];
  formats: (string | null)[][];
  /** Each cell's own solid fill, parallel to rows; kept only on rows that hold a value. */
  fills: (string | null)[][];
  merges: Area[];
  tableRelIds: string[];
  /** Relationship id of the custom property named by `markerName`, if the sheet has one. */
  markerRelId?: string;
}

const MAX_ROW = 1048576;
const MAX_COL = 16384;

/** A cell reference such as B7 as row * MAX_COL + column (0-based), or -1 when it is missing or malformed. */
function parseRef(ref: string | undefined): number {
  return ref === undefined ? -1 : refAt(ref, 0, ref.length);
}

/**
 * A style attribute as the index it names: -1 when there is none. One that is not a
 * number names no style (NaN finds no format or fill), as before it was parsed here.
 */
function styleIndex(s: string | undefined): number {
  if (s === undefined) return -1;
  const n = +s;
  return n < 0 ? NaN : n;
}

const MS_PER_DAY = 86400000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const MARCH_1900 = Date.UTC(1900, 2, 1);

/**
 * An ISO 8601 date cell (t="d") as the serial number Excel would store, with a
 * format that shows it as a date. Time zones are ignored: Excel has none. Null
 * when the text is not an ISO date or falls before the workbook's epoch.
 */
export function isoToSerial(text: string, date1904: boolean): { serial: number; format: string } | null {
  const s = text.trim();
  const time = /^T?(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/.exec(s);
  if (time) {
    const secs = Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3] ?? 0);
    return { serial: secs / 86400, format: 'hh:mm:ss' };
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const day = Date.UTC(y, mo - 1, d);
  const check = new Date(day);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  const secs = m[4] === undefined ? 0 : Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6] ?? 0);
  let days: number;
  if (date1904) {
    days = (day - EPOCH_1904) / MS_PER_DAY;
    if (days < 0) return null;
  } else {
    days = (day - EPOCH_1900) / MS_PER_DAY;
    // Excel counts a 29 February 1900 that never was: serials before March 1900 are one lower.
    if (day < MARCH_1900) days -= 1;
    if (days < 1) return null;
  }
  return { serial: days + secs / 86400, format: secs === 0 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss' };
}

/** Cells (filled or padding up to each row's last cell) one sheet may hold in memory. */
export const MAX_SHEET_SLOTS = 20_000_000;

function tooWide(): XmlError {
  return new XmlError(
    `its rows reach across more than ${MAX_SHEET_SLOTS.toLocaleString('en-GB')} cells in all, more than Ragbook reads; delete the unused columns far to the right in Excel, save, and try again`,
  );
}

export function readSheetXml(bytes: Uint8Array, ctx: SheetContext, markerName: string): SheetContent {
  const x = new SheetXmlReader(bytes);
  const rows: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  const fills: (string | null)[][] = [];
  const merges: Area[] = [];
  const tableRelIds: string[] = [];
  let markerRelId: string | undefined;

  let t = x.next();
  while (t === TEXT) t = x.next();
  const root: string = x.name;
  if (t !== OPEN || root !== 'worksheet') {
    return { isWorksheet: false, rows, formats, fills, merges, tableRelIds };
  }

  const { sharedStrings, cellFormats, cellFills, date1904 } = ctx;
  let rowIndex = -1;
  let colIndex = -1;

  // Rows are dense arrays up to their last cell, so one cell in column XFD on every
  // row costs 16,384 slots a row: the slots a sheet may take are bounded.
  let slots = 0;
  // The columns that hold values, as Excel's used range by values spans them.
  let firstCol = MAX_COL;
  let lastCol = -1;
  const put = (r: number, c: number, value: CellValue, format: string | null): void => {
    if (c < firstCol) firstCol = c;
    if (c > lastCol) lastCol = c;
    while (rows.length <= r) rows.push([]);
    const row = rows[r];
    if (c >= row.length) {
      slots += c + 1 - row.length;
      if (slots > MAX_SHEET_SLOTS) {
        throw tooWide();
      }
    }
    while (row.length < c) row.push(null);
    row[c] = value;
    if (format !== null) {
      while (formats.length <= r) formats.push([]);
      const frow = formats[r];
      while (frow.length < c) frow.push(null);
      frow[c] = format;
    } else if (r < formats.length && c < formats[r].length) {
      formats[r][c] = null;
    }
  };

  // A fill matters only where a table can be: on a row that holds a value (an
  // action's empty rating cell filled green sits beside its action text). Fills
  // are held until their row ends and kept only if it has a value, so a million
  // formatted empty rows cost nothing, and they share the sheet's slot bound.
  let fillRow = -1;
  const fillCols: number[] = [];
  const fillColours: string[] = [];
  const flushFills = (): void => {
    if (fillCols.length === 0) return;
    const valued = rows[fillRow];
    if (valued !== undefined && valued.length > 0) {
      while (fills.length <= fillRow) fills.push([]);
      const frow = fills[fillRow];
      for (let i = 0; i < fillCols.length; i++) {
        const c = fillCols[i];
        if (c >= frow.length) {
          slots += c + 1 - frow.length;
          if (slots > MAX_SHEET_SLOTS) {
            throw tooWide();
          }
          while (frow.length < c) frow.push(null);
        }
        frow[c] = fillColours[i];
      }
    }
    fillCols.length = 0;
    fillColours.length = 0;
  };

  // One cell, whichever way it was read. `refText` is its r attribute as written,
  // for the message when it is not a cell reference.
  const cell = (
    ref: number,
    refText: string | undefined,
    style: number,
    type: number,
    v: string | undefined,
    shared: number,
    inline: string | undefined,
  ): void => {
    if (ref >= 0) {
      rowIndex = Math.floor(ref / MAX_COL);
      colIndex = ref % MAX_COL;
    } else if (refText === undefined) {
      if (rowIndex < 0) rowIndex = 0;
      colIndex++;
    } else {
      throw new XmlError(`it has a cell whose reference "${refText}" is not a cell on a sheet`);
    }
    if (rowIndex >= MAX_ROW || colIndex >= MAX_COL) throw new XmlError('it has a cell beyond the last row or column Excel allows');
    const fill = style < 0 ? (cellFills[0] ?? null) : (cellFills[style] ?? null);
    if (fill !== null) {
      if (rowIndex !== fillRow) {
        flushFills();
        fillRow = rowIndex;
      }
      fillCols.push(colIndex);
      fillColours.push(fill);
    }

    let value: CellValue = null;
    let format: string | null = null;
    if (type === CELL_NUMBER) {
      if (v !== undefined) {
        const trimmed = v.trim();
        const n = trimmed === '' ? NaN : +trimmed;
        if (Number.isFinite(n)) {
          value = n;
          format = style < 0 ? (cellFormats[0] ?? null) : (cellFormats[style] ?? null);
        } else if (trimmed !== '') {
          value = trimmed;
        }
      }
    } else if (type === CELL_SHARED) {
      if (shared >= 0 || (v !== undefined && v.trim() !== '')) {
        const idx = shared >= 0 ? shared : +(v as string);
        const s = sharedStrings[idx];
        if (s === undefined)
          throw new XmlError(
            `cell ${a1(rowIndex, colIndex)} refers to a shared string (${shared >= 0 ? shared : (v as string).trim()}) that does not exist`,
          );
        value = s;
      }
    } else if (type === CELL_INLINE) {
      if (inline !== undefined) value = decodeOoxmlEscapes(inline);
      else if (v !== undefined) value = decodeOoxmlEscapes(v);
    } else if (type === CELL_FORMULA_TEXT) {
      if (v !== undefined) value = decodeOoxmlEscapes(v);
    } else if (type === CELL_BOOLEAN) {
      if (v !== undefined) {
        const b = v.trim().toLowerCase();
        value = b === '1' || b === 'true';
      }
    } else if (type === CELL_ERROR) {
      if (v !== undefined) value = v.trim();
    } else if (type === CELL_DATE) {
      if (v !== undefined && v.trim() !== '') {
        const d = isoToSerial(v, date1904);
        if (d) {
          value = d.serial;
          const own = style < 0 ? null : (cellFormats[style] ?? null);
          format = own ?? d.format;
        } else {
          value = v.trim();
        }
      }
    } else if (v !== undefined) {
      value = decodeOoxmlEscapes(v);
    }
    if (value !== null) put(rowIndex, colIndex, value, format);
  };

  const fast: CellFields = { ref: -1, style: -1, type: CELL_NUMBER, v: undefined, shared: -1, inline: undefined };
  for (;;) {
    // Inside a row, the common cell is read in one pass (sheet-cells.ts).
    if (x.depth === 3 && x.at(3) === 'row' && x.at(2) === 'sheetData' && x.readCell(fast)) {
      cell(fast.ref, undefined, fast.style, fast.type, fast.v, fast.shared, fast.inline);
      continue;
    }
    t = x.next();
    if (t === END) break;
    if (t !== OPEN) continue;
    const depth = x.depth;
    const name = x.name;
    if (depth === 4 && name === 'c' && x.at(3) === 'row' && x.at(2) === 'sheetData') {
      const r = x.attr('r');
      const type = x.attr('t');
      const style = x.attr('s');
      const selfClosing = x.selfClosing;

      let v: string | undefined;
      let inline: string | undefined;
      const simple = selfClosing ? undefined : x.simpleContent();
      if (simple !== undefined) {
        if (x.simpleKind === 'v') v = simple;
        else inline = simple;
      } else if (!selfClosing) {
        for (;;) {
          const ct = x.next();
          if (ct === OPEN) {
            if (x.depth === 5 && x.name === 'v') v = x.readText();
            else if (x.depth === 5 && x.name === 'is') inline = readStringItem(x);
            else x.skipElement();
          } else if (ct === CLOSE) {
            if (x.depth < 4) break;
          } else if (ct === END) {
            break;
          }
        }
      } else {
        x.next(); // the CLOSE of <c/>
      }
      cell(parseRef(r), r, styleIndex(style), cellType(type), v, -1, inline);
    } else if (depth === 3) {
      const parent = x.at(2);
      if (name === 'row' && parent === 'sheetData') {
        flushFills();
        const r = Number(x.attr('r'));
        rowIndex = Number.isInteger(r) && r >= 1 ? r - 1 : rowIndex + 1;
        colIndex = -1;
      } else if (name === 'mergeCell' && parent === 'mergeCells') {
        const area = parseArea(x.attr('ref') ?? '');
        if (area) merges.push(area);
      } else if (name === 'tablePart' && parent === 'tableParts') {
        const id = x.attr('id');
        if (id) tableRelIds.push(id);
      } else if (name === 'customPr' && parent === 'customProperties') {
        if (x.attr('name') === markerName) markerRelId = x.attr('id');
      } else if (parent !== 'sheetData') {
        x.skipElement();
      }
    } else if (depth === 2 && name !== 'sheetData' && name !== 'mergeCells' && name !== 'tableParts' && name !== 'customProperties') {
      x.skipElement();
    }
  }

  flushFills();
  const clipped = clipFills(fills, firstCol, lastCol);
  // formats and fills run parallel to rows.
  while (formats.length < rows.length) formats.push([]);
  while (clipped.length < rows.length) clipped.push([]);
  return { isWorksheet: true, rows, formats, fills: clipped, merges, tableRelIds, markerRelId };
}

/**
 * Fills outside the columns that hold values are dropped, so a sheet's fills are
 * those inside its used range by values, as Excel reports them to the add-in: a
 * host reads the same fills from the same workbook. A row left with none is empty.
 */
function clipFills(fills: readonly (string | null)[][], firstCol: number, lastCol: number): (string | null)[][] {
  return fills.map((row) => {
    let end = Math.min(row.length, lastCol + 1);
    while (end > 0 && (row[end - 1] === null || end - 1 < firstCol)) end--;
    if (end === 0) return [];
    if (firstCol === 0 && end === row.length) return row;
    const out = row.slice(0, end);
    for (let c = 0; c < firstCol && c < end; c++) out[c] = null;
    return out;
  });
}
