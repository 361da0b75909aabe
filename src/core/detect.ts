import { type Area, type CellValue, type SheetGrid, cellAt, isBlank, textOf } from './grid';
import { createHeaderMatcher, progressHeaderDateText, type HeaderMatch } from './headers';
import type { Settings } from './settings';
import { type SummaryBlock, findSummaryBlock, isSummaryStart } from './summary-blocks';
import { ACTION_COUNT_HEADER, BARE_DATE, GROUP_HEADER_WORDS, type Role, SAYS_ACTION } from './vocabulary/headers';
import { type SummaryLabeller, createSummaryLabeller } from './vocabulary/summary-labels';
import { STRAY_LABEL, isStrongTitle } from './vocabulary/titles';

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
  /**
   * Where a table has an original and a revised target (`columns.target` is the
   * revised one), the original: an action whose revised cell is empty is due by it.
   */
  originalTargetColumn?: number | null;
  /** Every column whose header says status; values decide progress or rating. */
  statusColumns: number[];
  groupColumn: number | null;
  /** The text of a `Progress at <date>` header, to be read as the reporting date. */
  reportingDateText: string | null;
  excelTable: string | null;
  /** The Excel Table's whole range, when the table is one. */
  excelArea: Area | null;
  segments: Segment[];
  noteRows: number[];
  /** The hand-typed summary block right under the table, if any. */
  summary: SummaryBlock | null;
}

const ID_VALUE = /^(\d{1,3}([.-]\d{1,3})*[a-z]?|[a-z]\d{0,3}(\.\d{1,3})*|[ivx]{1,5}[a-z]?)\.?$/i;

const MAX_HEADER_TEXT = 200;

function normHeader(v: CellValue): string {
  return textOf(v).toLowerCase().replace(/\s+/g, ' ').replace(/[:.]$/, '').trim();
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
  /** Every column whose header names the action, left to right; its text is read from columns.action. */
  actionColumns: number[];
}

export class TableDetector {
  private readonly match: (text: CellValue) => HeaderMatch | null;
  private readonly cache = new Map<string, HeaderMatch | null>();
  /** The labels of hand-typed summary blocks and status keys: the status words, the settings' synonyms too. */
  private readonly label: SummaryLabeller;

  constructor(settings: Settings) {
    this.match = createHeaderMatcher(settings.headerSynonyms);
    this.label = createSummaryLabeller(settings.statusSynonyms);
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
    const roles: { role: Role; c: number; dated: boolean }[] = [];
    let groupColumn: number | null = null;
    let notText = 0;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (isBlank(v)) continue;
      if (typeof v !== 'string') {
        // Header rows hold text, but a column may be headed by a real date (the
        // update as at 30/06/2025). An action row starts with its number, so this
        // still gives up at once on almost every row of a long table.
        if (known === 0) return null;
        notText++;
        continue;
      }
      // A header is a few words; a long text marks an action row, and matching it
      // against every synonym would cost time in proportion to its length.
      if (v.length > MAX_HEADER_TEXT) return null;
      texts++;
      const m = this.role(v);
      if (m) {
        roles.push({ role: m.role, c, dated: m.dated === true });
        known++;
      } else if (groupColumn === null && GROUP_HEADER_WORDS.has(normHeader(v))) {
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
    if (notText > 0 && (known < 3 || notText >= known)) return null;
    const columns: Partial<Record<Role, number>> = {};
    let statusColumns: number[] = [];
    const actionColumns: number[] = [];
    const datedStatus: number[] = [];
    let reportingDateText: string | null = null;
    for (const { role, c, dated } of roles) {
      if (role === 'status') {
        statusColumns.push(c);
        if (dated) datedStatus.push(c);
      }
      if (role === 'action') actionColumns.push(c);
      if (role === 'progress' && reportingDateText === null) reportingDateText = progressHeaderDateText(textOf(row[c]));
      if (role === 'target' && columns.target !== undefined && BARE_DATE.test(textOf(row[columns.target]))) columns.target = c;
      if (columns[role] === undefined) columns[role] = c;
    }
    // A status kept per period (`Q1 status | Q2 status | Q3 status`): the latest period
    // that holds values is the status now, so the series is offered right to left.
    if (datedStatus.length > 1) statusColumns = datedStatus.reverse().concat(statusColumns.filter((c) => !datedStatus.includes(c)));
    if (columns.status !== undefined) columns.status = statusColumns[0];
    if (actionColumns.length > 1) columns.action = preferredAction(row, actionColumns);
    const cells = roles.map((x) => x.c).concat(groupColumn === null ? [] : [groupColumn]);
    return {
      columns,
      statusColumns,
      groupColumn,
      firstCol: Math.min(...cells),
      lastCol: Math.max(...cells),
      reportingDateText,
      actionColumns,
    };
  }

  /**
   * "Action" heads the action text in most trackers but the action number in
   * milestone plans (`Action | Description`): the values decide.
   */
  private withIdColumn(sheet: SheetGrid, headerRow: number, guess: HeaderGuess, bodyRows: number[]): HeaderGuess {
    const actionColumns = guess.actionColumns;
    if (guess.columns.id !== undefined || actionColumns.length < 2) return guess;
    const first = actionColumns[0];
    let seen = 0;
    let idLike = 0;
    for (let i = 0; i < bodyRows.length; i++) {
      const r = bodyRows[i];
      const v = cellAt(sheet, r, first);
      if (isBlank(v)) continue;
      seen++;
      if (typeof v === 'number' || ID_VALUE.test(textOf(v).trim())) idLike++;
    }
    if (!(seen > 0 && idLike / seen >= 0.8)) return guess;
    const rest = actionColumns.slice(1);
    return {
      ...guess,
      columns: { ...guess.columns, id: first, action: preferredAction(sheet.rows[headerRow] ?? [], rest) },
      actionColumns: rest,
    };
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
    // Asked of every row: a plain loop, so no closure is made per row.
    const inExcelTable = (r: number) => {
      for (let i = 0; i < covered.length; i++) if (r >= covered[i].r1 && r <= covered[i].r2) return true;
      return false;
    };
    const n = sheet.rows.length;
    for (let r = 0; r < n; r++) {
      if (inExcelTable(r)) continue;
      const guess = this.headerAt(sheet, r);
      if (!guess) continue;
      const table = this.scanBody(sheet, r, guess, inExcelTable);
      tables.push(table);
      r = tableEnd(table);
    }
    const all = tables.filter((t) => t.segments.some((s) => s.rows.length > 0) && !isOverview(t));
    all.sort((a, b) => a.headerRow - b.headerRow);
    return this.titled(sheet, all).map((t) =>
      withSegments(
        t,
        t.segments.filter((s) => s.rows.length > 0),
      ),
    );
  }

  /**
   * Titles for tables that have none of their own (no Section column, no heading
   * inside): the text above the header, between it and the table before. A lone
   * table is named after its sheet unless a `Work stream n:` style title heads it,
   * since the rows above a sheet's only table are the document's own headings.
   */
  private titled(sheet: SheetGrid, all: DetectedTable[]): DetectedTable[] {
    let from = 0;
    return all.map((t, i) => {
      const [first, ...rest] = t.segments;
      let named = t;
      if (!first.title) {
        const above = this.titleAbove(sheet, from, t.headerRow);
        const pick = above.strong ?? (all.length > 1 ? above.plain : null);
        let titledFirst: Segment;
        if (pick) {
          titledFirst = segment(pick.text, pick.row, first.rows);
        } else if (all.length === 1 || (i === 0 && !above.plain)) {
          // A sheet's only table, or its first with nothing above it, is the sheet's work stream.
          titledFirst = segment(sheet.name, first.titleRow, first.rows);
        } else {
          titledFirst = segment(t.excelTable ?? `${sheet.name} (table ${i + 1})`, first.titleRow, first.rows);
        }
        named = withSegments(t, [titledFirst, ...rest]);
      }
      from = Math.max(from, tableEnd(named) + 1);
      return named;
    });
  }

  private fromExcelTable(sheet: SheetGrid, name: string, area: Area): DetectedTable | null {
    const guess = this.headerAt(sheet, area.r1);
    if (!guess) return null;
    const body: number[] = [];
    for (let r = area.r1 + 1; r <= area.r2; r++) body.push(r);
    const header = this.withIdColumn(sheet, area.r1, guess, body);
    const rows: number[] = [];
    const noteRows: number[] = [];
    for (let i = 0; i < body.length; i++) {
      const r = body[i];
      const kind = this.classifyBodyRow(sheet, r, header);
      if (kind === 'action') rows.push(r);
      else if (kind === 'note') noteRows.push(r);
    }
    return detectedTable({
      sheet,
      headerRow: area.r1,
      firstCol: area.c1,
      lastCol: area.c2,
      columns: header.columns,
      statusColumns: header.statusColumns,
      groupColumn: header.groupColumn,
      reportingDateText: header.reportingDateText,
      excelTable: name,
      excelArea: area,
      segments: groupSegments(sheet, header.groupColumn, [segment('', null, rows)]),
      noteRows,
      summary: findSummaryBlock(sheet, this.nextNonBlank(sheet, area.r2 + 1, 3), this.label),
    });
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

  private classifyBodyRow(sheet: SheetGrid, r: number, g: HeaderGuess): 'action' | 'note' | 'blank' {
    if (filledCount(sheet, r, 1) === 0) return 'blank';
    const hasStatus = g.statusColumns.some((c) => !isBlank(cellAt(sheet, r, c)));
    // A key under the table (`Completed | The action has been delivered`, `Green | On
    // track`) explains the statuses, and a `Total | 12` row counts the actions: neither
    // is an action.
    if (!hasStatus && this.label(cellAt(sheet, r, firstFilledCol(sheet, r))) !== null) return 'note';
    const action = g.columns.action;
    if (action !== undefined && !isBlank(cellAt(sheet, r, action))) return 'action';
    // A row with a number and a status but no action text is still an action.
    const id = g.columns.id;
    const hasId = id !== undefined && !isBlank(cellAt(sheet, r, id));
    // An Excel Table's totals row (`Total`, then a count under Status) counts the actions; it is not one.
    if (hasId && this.label(cellAt(sheet, r, id)) === 'total') return 'note';
    if (hasId && hasStatus) return 'action';
    if (action === undefined && hasId) return 'action';
    // A recommendation tracked as it stands, with no separate action written beside it.
    const target = g.columns.target;
    if (
      (hasStatus || hasId || (target !== undefined && !isBlank(cellAt(sheet, r, target)))) &&
      g.actionColumns.some((c) => c !== action && c !== id && !isBlank(cellAt(sheet, r, c)))
    )
      return 'action';
    return 'note';
  }

  /** A table found by its header row: its body runs down to whatever ends it. */
  private scanBody(sheet: SheetGrid, headerRow: number, guess: HeaderGuess, inExcelTable: (r: number) => boolean): DetectedTable {
    const { end, headings, summary: summaryAtEnd } = this.bodyEnd(sheet, headerRow, guess, inExcelTable);
    const body: number[] = [];
    for (let r = headerRow + 1; r < end; r++) body.push(r);
    const header = this.withIdColumn(sheet, headerRow, guess, body);
    const segments: Segment[] = [segment('', null, []), ...headings.map((h) => segment(h.title, h.titleRow, []))];
    const notes: number[] = [];
    let seg = 0;
    for (let i = 0; i < body.length; i++) {
      const r = body[i];
      while (seg + 1 < segments.length && segments[seg + 1].titleRow! <= r) seg++;
      if (segments[seg].titleRow === r) continue;
      const kind = this.classifyBodyRow(sheet, r, header);
      if (kind === 'action') segments[seg].rows.push(r);
      else if (kind === 'note') notes.push(r);
    }
    const lastAction = lastRowOf(segments);
    let summary = summaryAtEnd;
    if (!summary && lastAction >= 0) {
      const next = this.nextNonBlank(sheet, lastAction + 1, 3);
      if (next < sheet.rows.length && isSummaryStart(sheet, next, this.label)) summary = findSummaryBlock(sheet, next, this.label);
    }
    return detectedTable({
      sheet,
      headerRow,
      firstCol: header.firstCol,
      lastCol: header.lastCol,
      columns: header.columns,
      statusColumns: header.statusColumns,
      groupColumn: header.groupColumn,
      reportingDateText: header.reportingDateText,
      excelTable: null,
      excelArea: null,
      segments: groupSegments(sheet, header.groupColumn, segments),
      // Notes after the last action are trailing text, not rows inside the table.
      noteRows: notes.filter((r) => r < lastAction),
      summary,
    });
  }

  /**
   * Where the body under a header row ends (the row after its last), the area
   * headings inside it, and the hand-typed summary block that ends it, if one does.
   */
  private bodyEnd(
    sheet: SheetGrid,
    headerRow: number,
    guess: HeaderGuess,
    inExcelTable: (r: number) => boolean,
  ): { end: number; headings: { title: string; titleRow: number }[]; summary: SummaryBlock | null } {
    const headings: { title: string; titleRow: number }[] = [];
    const n = sheet.rows.length;
    let end = n;
    for (let r = headerRow + 1; r < n; r++) {
      if (inExcelTable(r) || this.headerAt(sheet, r)) return { end: r, headings, summary: null };
      if (isSummaryStart(sheet, r, this.label)) return { end: r, headings, summary: findSummaryBlock(sheet, r, this.label) };
      if (isOverviewHeader(sheet, r, guess.statusColumns, this.label)) return { end: r, headings, summary: null };
      const filled = filledCount(sheet, r);
      if (filled === 0) continue;
      const leadCol = firstFilledCol(sheet, r);
      const lead = cellAt(sheet, r, leadCol);
      if (filled === 1 && typeof lead === 'string') {
        const text = lead.trim();
        if (this.headerFollows(sheet, r + 1)) return { end: r, headings, summary: null };
        if (isStrongTitle(text)) {
          // An area heading inside one table (header written once): a new work stream.
          headings.push({ title: text, titleRow: r });
          continue;
        }
      } else if (
        typeof lead === 'string' &&
        leadCol <= guess.firstCol &&
        isStrongTitle(lead) &&
        !guess.statusColumns.some((c) => !isBlank(cellAt(sheet, r, c))) &&
        this.headerFollows(sheet, r + 1)
      ) {
        // The next block's title with the lead officer or its RAG beside it.
        return { end: r, headings, summary: null };
      }
      end = r + 1;
    }
    return { end, headings, summary: null };
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
   * What may title the table whose header is at `headerRow`, looking no higher than
   * `from`: the nearest `Work stream n:` style title (its row may hold other cells,
   * such as the lead officer), and the plain-words candidate. Stray labels such as
   * `Appendix B` sit between a title and its header, and notes (`Percentages are
   * rounded`) trail the table before, so the plain candidate is the first row of the
   * run of one-cell text rows closest above the header, runs being split by blank rows.
   */
  private titleAbove(sheet: SheetGrid, from: number, headerRow: number): TitleCandidates {
    let plain: { text: string; row: number } | null = null;
    let runClosed = false;
    for (let r = headerRow - 1; r >= from; r--) {
      const filled = filledCount(sheet, r);
      if (filled === 0) {
        if (plain) runClosed = true;
        continue;
      }
      const v = cellAt(sheet, r, firstFilledCol(sheet, r));
      if (typeof v !== 'string' || this.label(v)) continue;
      const text = v.trim();
      if (isStrongTitle(text)) return { strong: { text, row: r }, plain };
      // A lone header word (`Progress` over two quarterly columns) heads columns, not
      // the table; `Appendix B` and `Lead officer: …` label it, wherever they sit.
      if (filled === 1 && !runClosed && !this.role(v) && !STRAY_LABEL.test(text)) plain = { text, row: r };
    }
    return { strong: null, plain };
  }
}

const NOT_STATUS_LABELS: ReadonlySet<string> = new Set(['total', 'number', 'percentage']);

/**
 * `Work stream | Actions | Completed | In progress | RAG` with a row of counts per work
 * stream: an overview typed beside the trackers, not a tracker. Its `Actions` column
 * holds numbers where a tracker's holds the actions.
 */
function isOverview(t: DetectedTable): boolean {
  const c = t.columns.action;
  if (c === undefined || !ACTION_COUNT_HEADER.test(textOf(cellAt(t.sheet, t.headerRow, c)))) return false;
  let numbers = 0;
  let rows = 0;
  for (const s of t.segments)
    for (const r of s.rows) {
      rows++;
      if (typeof cellAt(t.sheet, r, c) === 'number') numbers++;
    }
  return numbers * 5 >= rows * 4;
}

/**
 * The header of an overview typed under the trackers (`Area | Actions | Completed |
 * In progress`): text only, and two or more of its cells status words outside the
 * table's status columns (an action row has its status words in those).
 */
function isOverviewHeader(sheet: SheetGrid, r: number, statusColumns: number[], label: SummaryLabeller): boolean {
  const row = sheet.rows[r];
  if (!row) return false;
  let texts = 0;
  let labels = 0;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (isBlank(v)) continue;
    if (typeof v !== 'string') return false;
    texts++;
    // `Completed`, `On hold`, `Amber`: a word a status cell holds.
    if (statusColumns.includes(c)) continue;
    const l = label(v);
    if (l !== null && !NOT_STATUS_LABELS.has(l)) labels++;
  }
  return texts >= 3 && labels >= 2;
}

/** A Section column splits a register into work streams, in order of first appearance. */
function groupSegments(sheet: SheetGrid, groupColumn: number | null, segments: Segment[]): Segment[] {
  if (groupColumn === null) return segments;
  const order: string[] = [];
  const byGroup = new Map<string, number[]>();
  let current = '';
  for (const r of segments.flatMap((s) => s.rows)) {
    const v = textOf(cellAt(sheet, r, groupColumn)).trim();
    if (v) current = v; // groups written once, then blank below, carry down
    // Rows above the first group still count: they form a work stream named like a
    // table without groups (see titled).
    if (!byGroup.has(current)) {
      byGroup.set(current, []);
      order.push(current);
    }
    byGroup.get(current)!.push(r);
  }
  if (order.length === 0 || (order.length === 1 && order[0] === '')) return segments;
  return order.map((g) => segment(g, null, byGroup.get(g)!));
}

// Tables and segments are built by these two alone, so every one has the same
// fields in the same order: the rows of each are read in the engine's hottest
// loop, where objects of one shape are read fastest.

function segment(title: string, titleRow: number | null, rows: number[]): Segment {
  return { title, titleRow, rows };
}

function detectedTable(t: DetectedTable): DetectedTable {
  return {
    sheet: t.sheet,
    headerRow: t.headerRow,
    firstCol: t.firstCol,
    lastCol: t.lastCol,
    columns: t.columns,
    statusColumns: t.statusColumns,
    groupColumn: t.groupColumn,
    reportingDateText: t.reportingDateText,
    excelTable: t.excelTable,
    excelArea: t.excelArea,
    segments: t.segments,
    noteRows: t.noteRows,
    summary: t.summary,
  };
}

function withSegments(t: DetectedTable, segments: Segment[]): DetectedTable {
  return detectedTable({ ...t, segments });
}

function preferredAction(header: CellValue[], actionColumns: number[]): number | undefined {
  return actionColumns.find((c) => SAYS_ACTION.test(textOf(header[c] ?? null))) ?? actionColumns[0];
}

interface TitleCandidates {
  strong: { text: string; row: number } | null;
  plain: { text: string; row: number } | null;
}

/** The lowest action row of a table, or -1; never a spread into Math.max, which overflows on 100,000s of rows. */
function lastRowOf(segments: Segment[]): number {
  let last = -1;
  for (const s of segments) for (const r of s.rows) if (r > last) last = r;
  return last;
}

/** The last row a table owns: its last action, note, heading, Excel Table row or hand-typed summary. */
function tableEnd(t: DetectedTable): number {
  let last = t.headerRow;
  for (const s of t.segments) {
    if (s.titleRow !== null && s.titleRow > last) last = s.titleRow;
    for (const r of s.rows) if (r > last) last = r;
  }
  for (const r of t.noteRows) if (r > last) last = r;
  if (t.excelArea) last = Math.max(last, t.excelArea.r2);
  if (t.summary) last = Math.max(last, t.summary.area.r2);
  return last;
}
