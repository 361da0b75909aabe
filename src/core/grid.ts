// The plain shape every adapter reads a workbook into. Nothing here knows about
// Office.js, ExcelJS or files: core works on these values only.

/** A cell value as Excel holds it: text, a number (dates are serial numbers), a boolean, or empty. */
export type CellValue = string | number | boolean | null;

/** A rectangular area, 0-based and inclusive at both ends. */
export interface Area {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** An Excel Table (ListObject) as found in the sheet. */
export interface TableDef {
  name: string;
  /** The table's whole range, header row included when it has one. */
  area: Area;
  hasHeader: boolean;
}

/**
 * The roles of Ragbook's own sheets, as their marks say: `archive` is a sheet set
 * aside, never written again; `settings` the hidden sheet holding a copy of the
 * settings that survives programs other than Excel; `workstreams` the All work streams sheet of a directorate workbook (ragbook rollup).
 */
export type OwnedRole = 'summary' | 'actions' | 'issues' | 'history' | 'archive' | 'settings' | 'workstreams';

export interface SheetGrid {
  name: string;
  /** rows[r][c]; rows may be shorter than the widest row, and missing rows are empty. */
  rows: CellValue[][];
  /** Number formats, parallel to rows; only needed where a number could be a date. */
  formats?: (string | null | undefined)[][];
  /**
   * Each cell's own solid fill as '#RRGGBB' (upper case), resolved from theme,
   * tint and indexed colours; parallel to rows, null where none. Conditional
   * formatting is not included. White and no fill are both null, so a sheet of
   * plain formatted cells costs nothing; rows with no fill at all may be missing.
   */
  fills?: (string | null)[][];
  merges: Area[];
  tables: TableDef[];
  hidden?: boolean;
  /** Set by the adapter when Ragbook created this sheet (its marker was found). */
  owned?: OwnedRole;
}

/**
 * A sheet the workbook lists but whose cells the adapter could not find, kept so
 * the engine can say so rather than drop it silently. `no-part`: it is listed
 * with an empty relationship id (an old macro module, or a tool's leftover), so
 * nothing in the file holds its cells.
 */
export interface SkippedSheet {
  name: string;
  reason: 'no-part';
}

export interface WorkbookGrid {
  /** The file name or document title, used in messages and on the summary sheet. */
  name: string;
  sheets: SheetGrid[];
  /** Sheets listed but not read, in workbook order. */
  skipped?: SkippedSheet[];
  /** True for the 1904 date system (old Mac workbooks). */
  date1904: boolean;
  /** Raw settings found in the workbook, not yet validated. */
  settings?: unknown;
}

export function cellAt(sheet: SheetGrid, r: number, c: number): CellValue {
  const row = sheet.rows[r];
  if (!row) return null;
  const v = row[c];
  return v === undefined ? null : v;
}

export function formatAt(sheet: SheetGrid, r: number, c: number): string | null {
  const row = sheet.formats?.[r];
  if (!row) return null;
  return row[c] ?? null;
}

/** Column letters for a 0-based column index: 0 → A, 26 → AA. */
export function columnName(c: number): string {
  if (c >= 0 && c < NAMED_COLUMNS && (c | 0) === c) return COLUMN_NAMES[c];
  return spellColumn(c);
}

function spellColumn(c: number): string {
  let s = '';
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Column letters spelled once for the columns trackers use (A to ZZ): every finding and every action's cell names one. */
const NAMED_COLUMNS = 702;
const COLUMN_NAMES: readonly string[] = Array.from({ length: NAMED_COLUMNS }, (_, c) => spellColumn(c));

export function a1(r: number, c: number): string {
  return columnName(c) + String(r + 1);
}

export function areaA1(a: Area): string {
  const tl = a1(a.r1, a.c1);
  const br = a1(a.r2, a.c2);
  return tl === br ? tl : `${tl}:${br}`;
}

/** Parses `B7` or `$B$7` into 0-based row and column; null when it is not a cell address. */
export function parseA1(ref: string): { r: number; c: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return null;
  let c = 0;
  for (const ch of m[1].toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  const r = Number(m[2]);
  if (r < 1) return null;
  return { r: r - 1, c: c - 1 };
}

/** Parses `A1:D20` (or a single cell) into an area; null when malformed. */
export function parseArea(ref: string): Area | null {
  const [from, to = from] = ref.split(':');
  const p = parseA1(from);
  const q = parseA1(to);
  if (!p || !q) return null;
  return {
    r1: Math.min(p.r, q.r),
    c1: Math.min(p.c, q.c),
    r2: Math.max(p.r, q.r),
    c2: Math.max(p.c, q.c),
  };
}

/** A reference to a cell on a sheet as Excel formulas write it: 'It''s here'!B7. */
export function sheetRef(sheet: string, cell: string): string {
  return `'${sheet.includes("'") ? sheet.replace(/'/g, "''") : sheet}'!${cell}`;
}

const NON_SPACE = /\S/;

export function isBlank(v: CellValue): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== 'string') return false;
  // Detection asks this of every cell of every row. Most text starts with a
  // printable character, which settles it without a regular expression; else a
  // search, not trim(), which would copy a long progress text only to throw the
  // copy away (\S uses the same white space as trim()).
  const first = v.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return !NON_SPACE.test(v);
}

/** The cell's text as a person would read it; numbers in their plain form. */
export function textOf(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  return String(v);
}

/** The cell's own solid fill, '#RRGGBB', or null (no fill, white, or fills not read by the adapter). */
export function fillAt(sheet: SheetGrid, r: number, c: number): string | null {
  return sheet.fills?.[r]?.[c] ?? null;
}
