import type { Plan, PlanCell, StyleName } from '../../core/plan-schema';
import { withinLimits } from '../limits';
import { SETTINGS_SHEET_NAME } from '../../core/ownership';
import { type SheetToWrite, settingsSheet } from '../settings-sheet';
import { withTableHeaders } from '../tables';
import { DEFAULT_MAX_PAYLOAD_BYTES } from './constants';

// A plan sheet compiled into what Office.js writes: the values to type, number
// formats, style rectangles, and the write syncs they fit in. Pure: no Excel here,
// so it is tested on its own and sizes the writes before any is queued. Sizes are
// the UTF-8 bytes of the JSON the request carries, as Excel on the web counts them.

/** The UTF-8 length of a string, without encoding it. */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      // A surrogate pair: two units, four bytes.
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}

/** The bytes a value takes in a request: its JSON, in UTF-8. */
export const jsonBytes = (v: unknown) => utf8Length(JSON.stringify(v));

export type Input = string | number | boolean;

/**
 * What to type into a cell so Excel keeps exactly the plan's value. Text always
 * gets a leading apostrophe: Excel stores the rest as text, so `=Review caseloads`,
 * `+44 1234`, `-5 days`, `@home`, `3.2` and `01/02/2025` stay the text they are.
 */
export function cellInput(planned: PlanCell | undefined): Input {
  if (!planned) return '';
  const cell = withinLimits(planned);
  if (cell.formula) return cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`;
  const v = cell.value;
  if (v === null) return '';
  if (typeof v === 'string') return v === '' ? '' : `'${v}`;
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  return v;
}

export interface StyleRect {
  style: StyleName;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** Cells of one style as few rectangles: runs along each row, joined down the rows. */
export function styleRects(rows: PlanCell[][]): StyleRect[] {
  const out: StyleRect[] = [];
  let open = new Map<string, StyleRect>();
  rows.forEach((row, r) => {
    const next = new Map<string, StyleRect>();
    for (let c = 0; c < row.length;) {
      const style = row[c]?.style;
      if (!style) {
        c++;
        continue;
      }
      let e = c;
      while (e + 1 < row.length && row[e + 1]?.style === style) e++;
      const k = `${c}:${e}:${style}`;
      const prev = open.get(k);
      if (prev && prev.r2 === r - 1) {
        prev.r2 = r;
        next.set(k, prev);
      } else {
        const rect = { style, r1: r, c1: c, r2: r, c2: e };
        out.push(rect);
        next.set(k, rect);
      }
      c = e + 1;
    }
    open = next;
  });
  return out;
}

export interface CompiledSheet {
  plan: SheetToWrite;
  /** The rows written: the plan's, an append sheet's head and rows, or (appending to a history) its new rows. */
  cells: PlanCell[][];
  /** The sheet row (0-based) the first of them goes in. */
  firstRow: number;
  rows: number;
  cols: number;
  values: Input[][];
  numberFormats: string[][];
  /** UTF-8 size of the JSON of each row's values and formats, for splitting writes. */
  rowBytes: number[];
  rects: StyleRect[];
  hasFormulas: boolean;
}

/** The rows a sheet writes: all of them, or, appending below `firstRow`, an append sheet's new rows alone. */
export function rowsToWrite(ps: SheetToWrite, appendAt: number | null): PlanCell[][] {
  if (ps.mode === 'append') return appendAt === null ? withTableHeaders([...ps.head, ...ps.rows], ps.tables) : ps.rows;
  return withTableHeaders(ps.rows, ps.tables);
}

/**
 * A sheet compiled: `appendAt` is the sheet row below the last one used, when
 * rows are added to a history that has some; null when the sheet is written whole.
 */
export function compileSheet(ps: SheetToWrite, styles: Plan['styles'], appendAt: number | null = null): CompiledSheet {
  const cells = rowsToWrite(ps, appendAt);
  const rows = cells.length;
  const cols = Math.max(1, ...cells.map((r) => r.length));
  const values: Input[][] = [];
  const numberFormats: string[][] = [];
  const rowBytes: number[] = [];
  let hasFormulas = false;
  for (const row of cells) {
    const vs: Input[] = [];
    const fs: string[] = [];
    for (let c = 0; c < cols; c++) {
      const cell = row[c];
      if (cell?.formula) hasFormulas = true;
      vs.push(cellInput(cell));
      fs.push((cell?.style && styles[cell.style]?.numberFormat) || 'General');
    }
    values.push(vs);
    numberFormats.push(fs);
    rowBytes.push(jsonBytes(vs) + jsonBytes(fs) + 2);
  }
  return { plan: ps, cells, firstRow: appendAt ?? 0, rows, cols, values, numberFormats, rowBytes, rects: styleRects(cells), hasFormulas };
}

/** Excel column width in points for a width in characters of the default font. */
export function widthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 4) / 4;
}

export interface WriteSegment {
  sheet: number;
  row: number;
  rows: number;
}

/** Allowance for one queued operation's envelope in a request (object path, action type, ids). */
const OP_BYTES = 80;
/** Allowance for a batch's own envelope and the suspend calls. */
const BATCH_BYTES = 1024;

/**
 * Splits the rows of all sheets into write syncs of at most `max` bytes; the first
 * sync also carries the formatting (`fixedBytes`).
 */
export function packWrites(sheets: CompiledSheet[], max: number, fixedBytes: number): WriteSegment[][] {
  const budget = max - BATCH_BYTES;
  const segmentBytes = 3 * OP_BYTES; // the range, its number formats, its values
  const groups: WriteSegment[][] = [[]];
  let bytes = fixedBytes;
  sheets.forEach((s, i) => {
    for (let r = 0; r < s.rows; r++) {
      let group = groups[groups.length - 1];
      let last: WriteSegment | undefined = group[group.length - 1];
      if (last && !(last.sheet === i && last.row + last.rows === r)) last = undefined;
      const cost = s.rowBytes[r] + (last ? 0 : segmentBytes);
      if (bytes + cost > budget && (group.length > 0 || bytes > fixedBytes)) {
        group = [];
        groups.push(group);
        bytes = 0;
        last = undefined;
      }
      if (last) last.rows++;
      else {
        group.push({ sheet: i, row: r, rows: 1 });
        bytes += segmentBytes;
      }
      bytes += s.rowBytes[r];
    }
  });
  return groups;
}

/**
 * The bytes the first write sync's other operations take (marks, clearing, styles,
 * widths, rules, tables, print setup), counted from the plan with room to spare,
 * so the values packed beside them keep the sync under the limit.
 */
export function formattingBytes(sheets: CompiledSheet[], styles: Plan['styles']): number {
  let ops = 0;
  let text = 0;
  for (const s of sheets) {
    ops += 12; // add or rename, marks, clearing, unmerging, rules cleared, panes, tab, activation
    for (const rect of s.rects) {
      const def = styles[rect.style] ?? {};
      ops += 1 + Object.keys(def).length + (def.border ? 12 : 0);
    }
    ops += s.plan.columnWidths.length * 3 + s.plan.rowHeights.length * 3 + s.plan.merges.length * 2 + s.plan.conditionalFormats.length * 8;
    ops += s.plan.tables.length * 4 + (s.plan.print ? 8 : 0);
    if (s.plan.print) text += utf8Length(Object.values(s.plan.print.footer).join(''));
  }
  return ops * (OP_BYTES + 24) + text;
}

/** How many syncs writing the plan's values takes (1 unless past the payload limit), the settings sheet included. */
export function writeSyncCount(plan: Plan, maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES): number {
  const sheets: SheetToWrite[] = [...plan.sheets, settingsSheet(plan.settingsJson, SETTINGS_SHEET_NAME, null)];
  const compiled = sheets.map((ps) => compileSheet(ps, plan.styles));
  return packWrites(compiled, maxPayloadBytes, formattingBytes(compiled, plan.styles)).length;
}
