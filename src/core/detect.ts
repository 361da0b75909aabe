import { type Area, type CellValue, type SheetGrid, cellAt, isBlank, textOf } from './grid';
import { createHeaderMatcher, progressHeaderDateText, summaryLabel, type HeaderMatch } from './headers';
import type { Role, Settings } from './settings';
import { findSummaryBlock, isSummaryStart, type SummaryBlock } from './summary-blocks';

// Finds the tracker tables in a sheet without configuration: work-stream blocks
// with title rows, Excel Tables grouped by a Section column, milestone plans under
// area headings, and one-table-per-sheet trackers. Everything here is a heuristic
// over real trackers, so each rule names the shape it is for.

/** A run of action rows that forms one work stream. */
export interface Segment {
  title: string;
  titleRow: number | null;
  rows: number[];
}

export interface DetectedTable {
  sheet: SheetGrid;
  headerRow: number;
  firstCol: number;
  lastCol: number;
  columns: Partial<Record<Role, number>>;
  /** Every column whose header says status; values decide progress or rating. */
  statusColumns: number[];
  groupColumn: number | null;
  /** The text of a `Progress at <date>` header, to be read as the reporting date. */
  reportingDateText: string | null;
  excelTable: string | null;
  segments: Segment[];
  noteRows: number[];
  /** The hand-typed summary block right under the table, if any. */
  summary: SummaryBlock | null;
}

const STRONG_TITLE =
  /^\s*(work\s*-?\s*streams?|areas?\s+(for|of)\s+improvement|improvement\s+areas?|areas?|themes?|priority|priorities|objectives?|outcomes?|sections?|strands?|parts?|recommendations?|key\s+lines?\s+of\s+enquiry|kloe)\s*[:\-–—.]?\s*(\d+[a-z]?|[ivx]+)\b/i;

const GROUP_HEADERS = new Set([
  'section',
  'area',
  'theme',
  'work stream',
  'workstream',
  'work-stream',
  'strand',
  'priority area',
  'category',
  'group',
  'domain',
  'heading',
  'area for improvement',
]);

const ID_VALUE = /^(\d{1,3}([.-]\d{1,3})*[a-z]?|[a-z]\d{0,3}(\.\d{1,3})*|[ivx]{1,5}[a-z]?)\.?$/i;

export function isStrongTitle(text: string): boolean {
  return STRONG_TITLE.test(text);
}

const MAX_HEADER_TEXT = 200;

function normHeader(v: CellValue): string {
  return textOf(v).toLowerCase().replace(/\s+/g, ' ').replace(/[:.]$/, '').trim();
}

function rowWidth(sheet: SheetGrid, r: number): number {
  return sheet.rows[r]?.length ?? 0;
}

/**
 * How many cells of row r are filled, counting no further than `upTo`: callers ask
 * "none, one or several?" of every body row, so no list is built.
 */
function filledCount(sheet: SheetGrid, r: number, upTo = 2): number {
  const row = sheet.rows[r];
  let n = 0;
  if (row) for (let c = 0; c < row.length && n < upTo; c++) if (!isBlank(row[c])) n++;
  return n;
}

/** The first filled column of row r, or -1. */
function firstFilledCol(sheet: SheetGrid, r: number): number {
  const row = sheet.rows[r];
  if (row) for (let c = 0; c < row.length; c++) if (!isBlank(row[c])) return c;
  return -1;
}

interface HeaderGuess {
  columns: Partial<Record<Role, number>>;
  statusColumns: number[];
  groupColumn: number | null;
  firstCol: number;
  lastCol: number;
  reportingDateText: string | null;
}

export class TableDetector {
  private readonly match: (text: CellValue) => HeaderMatch | null;
  private readonly cache = new Map<string, HeaderMatch | null>();

  constructor(settings: Settings) {
    this.match = createHeaderMatcher(settings.headerSynonyms);
  }

  private role(v: CellValue): HeaderMatch | null {
    if (typeof v !== 'string') return null;
    let m = this.cache.get(v);
    if (m === undefined) {
      m = this.match(v);
      this.cache.set(v, m);
    }
    return m;
  }

  /**
   * A header row names at least two roles, one of them the action text or its
   * number, and most of its text cells are headers Ragbook knows (unknown columns
   * such as "Areas for development" are allowed beside them).
   */
  headerAt(sheet: SheetGrid, r: number): HeaderGuess | null {
    const row = sheet.rows[r];
    if (!row) return null;
    let known = 0;
    let texts = 0;
    const roles: { role: Role; c: number }[] = [];
    let groupColumn: number | null = null;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (isBlank(v)) continue;
      if (typeof v !== 'string') return null; // header rows hold text only
      // A header is a few words; a long text marks an action row, and matching it
      // against every synonym would cost time in proportion to its length.
      if (v.length > MAX_HEADER_TEXT) return null;
      texts++;
      const m = this.role(v);
      if (m) {
        roles.push({ role: m.role, c });
        known++;
      } else if (groupColumn === null && GROUP_HEADERS.has(normHeader(v))) {
        groupColumn = c;
        known++;
      }
    }
    const distinct = new Set(roles.map((x) => x.role));
    if (distinct.size < 2) return null;
    if (!distinct.has('action') && !distinct.has('id')) return null;
    if (!(
      distinct.has('status') ||
      distinct.has('progress') ||
      distinct.has('target') ||
      distinct.has('owner') ||
      distinct.has('milestones') ||
      distinct.has('id')
    ))
      return null;
    if (known * 2 < texts && known < 3) return null;
    const columns: Partial<Record<Role, number>> = {};
    const statusColumns: number[] = [];
    const actionColumns: number[] = [];
    let reportingDateText: string | null = null;
    for (const { role, c } of roles) {
      if (role === 'status') statusColumns.push(c);
      if (role === 'action') actionColumns.push(c);
      if (role === 'progress' && reportingDateText === null) reportingDateText = progressHeaderDateText(textOf(row[c]));
      if (columns[role] === undefined) columns[role] = c;
    }
    if (columns.status !== undefined) columns.status = statusColumns[0];
    const cells = roles.map((x) => x.c).concat(groupColumn === null ? [] : [groupColumn]);
    return {
      columns,
      statusColumns,
      groupColumn,
      firstCol: Math.min(...cells),
      lastCol: Math.max(...cells),
      reportingDateText,
      // kept for resolveIdColumn
      ...(actionColumns.length > 1 ? { actionColumns } : {}),
    } as HeaderGuess;
  }

  /**
   * "Action" heads the action text in most trackers but the action number in
   * milestone plans (`Action | Description`): the values decide.
   */
  private resolveIdColumn(sheet: SheetGrid, guess: HeaderGuess, bodyRows: number[]): void {
    const actionColumns = (guess as HeaderGuess & { actionColumns?: number[] }).actionColumns;
    if (guess.columns.id !== undefined || !actionColumns || actionColumns.length < 2) return;
    const first = actionColumns[0];
    let seen = 0;
    let idLike = 0;
    for (const r of bodyRows) {
      const v = cellAt(sheet, r, first);
      if (isBlank(v)) continue;
      seen++;
      if (typeof v === 'number' || ID_VALUE.test(textOf(v).trim())) idLike++;
    }
    if (seen > 0 && idLike / seen >= 0.8) {
      guess.columns.id = first;
      guess.columns.action = actionColumns[1];
    }
  }

  /** Detects every tracker table on a sheet, top to bottom. */
  detectSheet(sheet: SheetGrid): DetectedTable[] {
    const tables: DetectedTable[] = [];
    const covered: Area[] = [];
    for (const t of sheet.tables) {
      if (!t.hasHeader) continue;
      const found = this.fromExcelTable(sheet, t.name, t.area);
      if (found) {
        tables.push(found);
        covered.push(t.area);
      }
    }
    const inExcelTable = (r: number) => covered.some((a) => r >= a.r1 && r <= a.r2);
    const scanned: DetectedTable[] = [];
    let regionStart = 0;
    const n = sheet.rows.length;
    for (let r = 0; r < n; r++) {
      if (inExcelTable(r)) {
        regionStart = r + 1;
        continue;
      }
      const guess = this.headerAt(sheet, r);
      if (!guess) continue;
      const table = this.scanBody(sheet, r, guess, inExcelTable);
      if (table.groupColumn === null && !table.segments[0].title) {
        const titleGuess = this.titleAbove(sheet, regionStart, r);
        table.segments[0].title = titleGuess?.text ?? '';
        table.segments[0].titleRow = titleGuess?.row ?? null;
      }
      scanned.push(table);
      const last = Math.max(r, lastRowOf(table), table.summary ? table.summary.area.r2 : r);
      regionStart = last + 1;
      r = last;
    }
    // A lone table with no title of its own is named after its sheet (shape 4).
    scanned.forEach((t, i) => {
      if (!t.segments[0].title) {
        t.segments[0].title = scanned.length === 1 && tables.length === 0 ? sheet.name : `${sheet.name} (table ${i + 1})`;
      }
    });
    const all = tables.concat(scanned).filter((t) => t.segments.some((s) => s.rows.length > 0));
    all.sort((a, b) => a.headerRow - b.headerRow);
    for (const t of all) t.segments = t.segments.filter((s) => s.rows.length > 0);
    return all;
  }

  private fromExcelTable(sheet: SheetGrid, name: string, area: Area): DetectedTable | null {
    const guess = this.headerAt(sheet, area.r1);
    if (!guess) return null;
    const rows: number[] = [];
    const noteRows: number[] = [];
    const body: number[] = [];
    for (let r = area.r1 + 1; r <= area.r2; r++) body.push(r);
    this.resolveIdColumn(sheet, guess, body);
    for (const r of body) {
      const kind = this.classifyBodyRow(sheet, r, guess);
      if (kind === 'action') rows.push(r);
      else if (kind === 'note') noteRows.push(r);
    }
    const table: DetectedTable = {
      sheet,
      headerRow: area.r1,
      firstCol: area.c1,
      lastCol: area.c2,
      columns: guess.columns,
      statusColumns: guess.statusColumns,
      groupColumn: guess.groupColumn,
      reportingDateText: guess.reportingDateText,
      excelTable: name,
      segments: [{ title: '', titleRow: null, rows }],
      noteRows,
      summary: null,
    };
    this.splitByGroup(table);
    if (!table.segments[0].title) {
      const t = this.titleAbove(sheet, 0, area.r1);
      table.segments[0].title = t?.text ?? name;
      table.segments[0].titleRow = t?.row ?? null;
    }
    const after = findSummaryBlock(sheet, this.nextNonBlank(sheet, area.r2 + 1, 3));
    table.summary = after;
    return table;
  }

  private nextNonBlank(sheet: SheetGrid, from: number, maxBlank: number): number {
    let r = from;
    let blanks = 0;
    while (r < sheet.rows.length && filledCount(sheet, r, 1) === 0 && blanks < maxBlank) {
      r++;
      blanks++;
    }
    return r;
  }

  /** A Section column splits a register into work streams, in order of first appearance. */
  private splitByGroup(table: DetectedTable): void {
    if (table.groupColumn === null) return;
    const order: string[] = [];
    const byGroup = new Map<string, number[]>();
    let current = '';
    for (const r of table.segments.flatMap((s) => s.rows)) {
      const v = textOf(cellAt(table.sheet, r, table.groupColumn)).trim();
      if (v) current = v; // groups written once, then blank below, carry down
      if (!current) continue;
      if (!byGroup.has(current)) {
        byGroup.set(current, []);
        order.push(current);
      }
      byGroup.get(current)!.push(r);
    }
    if (order.length === 0) return;
    table.segments = order.map((g) => ({ title: g, titleRow: null, rows: byGroup.get(g)! }));
  }

  private classifyBodyRow(sheet: SheetGrid, r: number, g: HeaderGuess): 'action' | 'note' | 'blank' {
    if (filledCount(sheet, r, 1) === 0) return 'blank';
    const action = g.columns.action;
    if (action !== undefined && !isBlank(cellAt(sheet, r, action))) return 'action';
    // A row with a number and a status but no action text is still an action.
    const id = g.columns.id;
    const hasId = id !== undefined && !isBlank(cellAt(sheet, r, id));
    const hasStatus = g.statusColumns.some((c) => !isBlank(cellAt(sheet, r, c)));
    if (hasId && hasStatus) return 'action';
    if (action === undefined && hasId) return 'action';
    return 'note';
  }

  private scanBody(sheet: SheetGrid, headerRow: number, guess: HeaderGuess, inExcelTable: (r: number) => boolean): DetectedTable {
    const table: DetectedTable = {
      sheet,
      headerRow,
      firstCol: guess.firstCol,
      lastCol: guess.lastCol,
      columns: guess.columns,
      statusColumns: guess.statusColumns,
      groupColumn: guess.groupColumn,
      reportingDateText: guess.reportingDateText,
      excelTable: null,
      segments: [{ title: '', titleRow: null, rows: [] }],
      noteRows: [],
      summary: null,
    };
    const n = sheet.rows.length;
    let end = n;
    for (let r = headerRow + 1; r < n; r++) {
      if (inExcelTable(r) || this.headerAt(sheet, r)) {
        end = r;
        break;
      }
      if (isSummaryStart(sheet, r)) {
        table.summary = findSummaryBlock(sheet, r);
        end = r;
        break;
      }
      const filled = filledCount(sheet, r);
      if (filled === 0) continue;
      const lone = filled === 1 ? cellAt(sheet, r, firstFilledCol(sheet, r)) : null;
      if (typeof lone === 'string') {
        const text = lone.trim();
        if (this.headerFollows(sheet, r + 1)) {
          end = r;
          break;
        }
        if (isStrongTitle(text)) {
          // An area heading inside one table (header written once): a new work stream.
          table.segments.push({ title: text, titleRow: r, rows: [] });
          continue;
        }
      }
      end = r + 1;
    }
    const body: number[] = [];
    for (let r = headerRow + 1; r < end; r++) body.push(r);
    this.resolveIdColumn(sheet, guess, body);
    table.columns = guess.columns;
    let seg = 0;
    for (const r of body) {
      while (seg + 1 < table.segments.length && table.segments[seg + 1].titleRow! <= r) seg++;
      if (table.segments[seg].titleRow === r) continue;
      const kind = this.classifyBodyRow(sheet, r, guess);
      if (kind === 'action') table.segments[seg].rows.push(r);
      else if (kind === 'note') table.noteRows.push(r);
    }
    // Notes after the last action are trailing text, not rows inside the table.
    const lastAction = lastRowOf(table);
    table.noteRows = table.noteRows.filter((r) => r < lastAction);
    if (!table.summary && lastAction >= 0) {
      const next = this.nextNonBlank(sheet, lastAction + 1, 3);
      if (next < n && isSummaryStart(sheet, next)) table.summary = findSummaryBlock(sheet, next);
    }
    this.splitByGroup(table);
    return table;
  }

  /** True when a header row comes within the next few non-blank rows (title, stray label, header). */
  private headerFollows(sheet: SheetGrid, from: number): boolean {
    let seen = 0;
    for (let r = from; r < sheet.rows.length && seen < 3; r++) {
      const filled = filledCount(sheet, r);
      if (filled === 0) continue;
      if (this.headerAt(sheet, r)) return true;
      if (filled > 1) return false;
      seen++;
    }
    return false;
  }

  /**
   * The title of the table whose header is at `headerRow`: the nearest strong title
   * (`Work stream 2: …`, `AREA FOR IMPROVEMENT 3: …`) above it, else the first lone
   * text row after the previous table. Stray labels such as `Appendix B` sit between
   * a title and its header, so the first lone row wins over the nearest.
   */
  private titleAbove(sheet: SheetGrid, from: number, headerRow: number): { text: string; row: number } | null {
    let firstLone: { text: string; row: number } | null = null;
    for (let r = headerRow - 1; r >= from; r--) {
      if (filledCount(sheet, r) !== 1) continue;
      const v = cellAt(sheet, r, firstFilledCol(sheet, r));
      if (typeof v !== 'string' || summaryLabel(v)) continue;
      const text = v.trim();
      if (isStrongTitle(text)) return { text, row: r };
      if (from > 0) firstLone = { text, row: r };
    }
    return firstLone;
  }
}

/** The lowest action row of a table, or -1; never a spread into Math.max, which overflows on 100,000s of rows. */
function lastRowOf(table: DetectedTable): number {
  let last = -1;
  for (const s of table.segments) for (const r of s.rows) if (r > last) last = r;
  return last;
}

export function rowWidthOf(sheet: SheetGrid, r: number): number {
  return rowWidth(sheet, r);
}
