import { isoToDay } from './dates-calendar';
import { a1 } from './grid';
import { longDate } from './long-date';
import { STYLES } from './plan';
import { cellCache as wordCells, numberCache } from './plan/cells';
import { type ColumnRule, boundedCells, columnWidths, rowHeights } from './plan/layout';
import { DIRECTORATE_SHEETS } from './rollup-sheets';
import { ragStyleOf } from './plan/styles';
import { NOTHING_COUNTED } from './percent';
import type { Plan, PlanCell, PlanSheet, PlanTable, Print, StyleName } from './plan-schema';
import type { Figures, Rag } from './report';
import type { ActionLine, Rollup, RollupWorkstream, TrackerOutcome, TrackerSummary } from './rollup';
import type { StatusKind } from './model';
import { NOT_RATED, RAG_WORDS } from './vocabulary/ratings';
import { hasProgress, headline, plural } from './rollup-headline';

// The directorate workbook (ragbook rollup): a new workbook, Ragbook's own from end
// to end, following RAG Summary's conventions so it reads and prints without the
// add-in: the title in A1, the headline first, each list an Excel Table with one
// header row, no merged cells, no blank cell inside a table (a word instead),
// landscape, one page wide, the header row repeated on every page, a footer with
// the as-of date.
//
// 1. Directorate summary: the headline across all trackers, then one row per tracker.
// 2. All work streams: one row per work stream, with its tracker.
// 3. All actions: every tracker's actions in the RAG Actions layout, with a Tracker column.
// 4. Files not read: each file that could not be read, with its one-line reason.

export { DIRECTORATE_SHEETS };

export interface DirectoratePlanContext {
  /** Settings stored in the directorate workbook (JSON): the directorate's own, as given with --settings. */
  settingsJson: string;
  /** Every tracker's rows of All work streams (workstreamRowsOf), in the trackers' order. */
  workstreams: readonly PlanCell[][];
  /** How many actions All actions lists: their rows (actionBlockOf) are given to the writer apart. */
  actions: number;
}

const text = (value: string, style: StyleName = 'text'): PlanCell => ({ value, style });
const num = (value: number, style: StyleName = 'integer'): PlanCell => ({ value, style });
const label = (value: string): PlanCell => ({ value, style: 'subtitle' });
/** A headline value: plain, unbordered text that may run on over the empty cells beside it. */
const value = (v: string): PlanCell => ({ value: v });
const header = (names: readonly string[]): PlanCell[] => names.map((h) => text(h, 'header'));
const ragCell = (rag: Rag): PlanCell => text(rag, ragStyleOf(rag));

/** An ISO date as an Excel serial (the directorate workbook uses the 1900 date system). */
const serialOfIso = (iso: string): number => isoToDay(iso) + 25569;

/** `2025-09-30T14:05` (local time) as an Excel date-time serial. */
function serialOfLocal(isoDateTime: string): number {
  const [day, time = '00:00'] = isoDateTime.split('T');
  const [h, m] = time.split(':').map(Number);
  return serialOfIso(day) + (h * 60 + m) / 1440;
}

/** `2025-09-30T14:05` → `30 September 2025 at 14:05`. */
function atTime(local: string): string {
  return `${longDate(local.slice(0, 10))} at ${local.slice(11, 16)}`;
}

function localNow(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The RAG words as the summary columns count them: in-betweens (`Amber/Green`) under the word they start with; worst first. */
const RAG_COLUMNS: readonly Rag[] = RAG_WORDS.filter((w) => !w.includes('/')).reverse();
const isRag = (w: string): w is Rag => (RAG_WORDS as readonly string[]).includes(w);
const columnOf = (rag: Rag): Rag => (rag.includes('/') ? (rag.split('/')[0] as Rag) : rag);

function print(sheet: string, asOf: string, headerRow: number | null): Print {
  const amp = (s: string) => s.replace(/&/g, '&&');
  return {
    orientation: 'landscape',
    paper: 'A4',
    fitToWidth: 1,
    repeatRows: headerRow === null ? null : `$${headerRow + 1}:$${headerRow + 1}`,
    footer: { left: amp(sheet), center: `As of ${amp(longDate(asOf))}`, right: 'Page &P of &N' },
  };
}

function table(name: string, headerRow: number, lastRow: number, columns: number): PlanTable[] {
  if (lastRow <= headerRow) return [];
  return [{ name, ref: `${a1(headerRow, 0)}:${a1(lastRow, columns - 1)}`, style: 'TableStyleLight1' }];
}

interface SheetParts {
  role: PlanSheet['role'];
  name: string;
  rows: PlanCell[][];
  /** Per column: the narrowest it may be, and the widest wrapped text may make it (plan/layout.ts). */
  columns: readonly ColumnRule[];
  headerRow: number | null;
  tableName: string;
  tabColor: string;
}

/**
 * Widths and row heights from what the cells hold, as on RAG Summary (plan/layout.ts):
 * no number or date shows `###`, and a row of wrapped text is as tall as its lines,
 * which LibreOffice needs (it keeps the default height and draws the lines over one
 * another). Above the table, only what cannot run on over empty cells is measured.
 */
function sheet(p: SheetParts, asOf: string): PlanSheet {
  const columns = p.columns.length;
  const start = p.headerRow ?? p.rows.length;
  const above = columnWidths(boundedCells(p.rows.slice(0, start)), p.columns, STYLES);
  const widths = columnWidths(p.rows, p.columns, STYLES, start).map((w, c) => Math.max(w, above[c]));
  return {
    role: p.role,
    name: p.name,
    existing: null,
    mode: 'replace',
    columnWidths: widths,
    rowHeights: rowHeights(p.rows, widths, STYLES),
    rows: p.rows,
    merges: [],
    conditionalFormats: [],
    freezeRows: p.headerRow === null ? 0 : p.headerRow + 1,
    tabColor: p.tabColor,
    tables: p.headerRow === null ? [] : table(p.tableName, p.headerRow, p.rows.length - 1, columns),
    print: print(p.name, asOf, p.headerRow),
  };
}

// ---------------------------------------------------------------------------
// 1. Directorate summary

const TRACKER_HEADER = [
  'File',
  'Work streams',
  'Actions',
  '% Completed',
  'Overdue',
  'RAG',
  ...RAG_COLUMNS,
  'Stale summaries',
  'Errors',
  'Warnings',
  'Notes',
  'Last recalculated',
];

/** % completed, or in words where nothing was counted (never a misleading 0%). */
function completedCell(f: Figures, kinds: readonly StatusKind[], style: StyleName = 'percent'): PlanCell {
  if (f.counts.total === 0) return text('no actions', 'wrap');
  if (!hasProgress(kinds)) return NOT_RECORDED;
  return f.percent.completed === null ? text(NOTHING_COUNTED, 'wrap') : num(f.percent.completed, style);
}

function summarySheet(r: Rollup): PlanSheet {
  const h = headline(r, DIRECTORATE_SHEETS.refused);
  const read = h.read;
  const rows: PlanCell[][] = [
    [text('Directorate summary', 'title')],
    [label('Overall RAG'), ragCell(h.rag ?? NOT_RATED)],
    [label('Trackers'), value(h.trackers)],
    [label('Work streams'), value(h.workstreams)],
    [label('Actions'), value(h.actions)],
    [label('Overdue'), value(h.overdue)],
    [label('Hand-typed summaries'), value(h.stated)],
    [label('Findings'), value(h.findings)],
    // Words, not date cells: the headline's values sit over the table's narrow number columns, where a date would show ###.
    [label('As of'), value(longDate(r.asOf))],
    [label('Rolled up'), value(atTime(localNow(r.generatedAt)))],
    [],
  ];
  const headerRow = rows.length;
  rows.push(header(TRACKER_HEADER));
  for (const t of read) {
    const byColumn = Object.fromEntries(RAG_COLUMNS.map((w) => [w, 0])) as Record<Rag, number>;
    let stale = 0;
    for (const w of t.workstreams) {
      byColumn[columnOf(w.rag)]++;
      if (w.stated && !w.stated.matches) stale++;
    }
    rows.push([
      text(t.file, 'wrap'),
      num(t.workstreams.length),
      num(t.overall.counts.total),
      completedCell(t.overall, t.kinds),
      num(t.overall.overdue),
      ragCell(t.workstreams.length ? t.overall.rag : NOT_RATED),
      ...RAG_COLUMNS.map((w) => num(byColumn[w])),
      num(stale),
      num(t.findings.error),
      num(t.findings.warning),
      num(t.findings.info),
      t.lastRecalculated ? num(serialOfLocal(t.lastRecalculated), 'datetime') : text('never'),
    ]);
  }
  if (!read.length) rows.push([text('No tracker could be read.')]);
  return sheet(
    {
      role: 'summary',
      name: DIRECTORATE_SHEETS.summary,
      rows,
      columns: [
        { min: 20, max: 40 }, // File
        { min: 8, max: 10 }, // Work streams
        { min: 8, max: 10 }, // Actions
        // Room for `not recorded` on one line.
        { min: 9, max: 14 }, // % Completed
        { min: 8, max: 10 }, // Overdue
        { min: 10, max: 14 }, // RAG
        ...RAG_COLUMNS.map(() => ({ min: 7, max: 9 })),
        { min: 9, max: 11 }, // Stale summaries
        { min: 7, max: 9 }, // Errors
        { min: 8, max: 10 }, // Warnings
        { min: 7, max: 9 }, // Notes
        { min: 12, max: 20 }, // Last recalculated
      ],
      headerRow: read.length ? headerRow : null,
      tableName: 'DirectorateTrackers',
      tabColor: '#1F3864',
    },
    r.asOf,
  );
}

// ---------------------------------------------------------------------------
// 2. All work streams

const WORKSTREAM_HEADER = [
  'Tracker',
  'Work stream',
  'Sheet',
  'Actions',
  'Completed',
  'In progress',
  'Static',
  'Not started',
  'Other',
  '% Completed',
  'Overdue',
  'RAG',
  'Hand-typed summary',
  'Why',
];

function statedText(w: RollupWorkstream): string {
  if (!w.stated) return 'none';
  if (w.stated.matches) return w.stated.covers.length > 1 ? `Matches (covers ${w.stated.covers.length} tables)` : 'Matches';
  return `Stale: ${plural(w.stated.differences.length, 'difference')}`;
}

function workstreamRow(tracker: PlanCell, w: RollupWorkstream): PlanCell[] {
  const c = w.counts;
  const progress = w.kind === 'progress' || w.kind === 'both';
  const count = (n: number): PlanCell => (progress ? num(n) : NOT_RECORDED);
  return [
    tracker,
    text(w.title, 'wrap'),
    text(w.sheet),
    num(c.total),
    count(c.completed),
    count(c.inProgress),
    count(c.static),
    count(c.notStarted),
    count(c.unrecognised + c.noStatus),
    completedCell(w, [w.kind]),
    num(w.overdue),
    ragCell(w.rag),
    text(statedText(w), 'wrap'),
    text(w.ragReason, 'wrap'),
  ];
}

// Wrapped: the words are wider than the number columns they stand in.
const NOT_RECORDED: PlanCell = text('not recorded', 'wrap');

function workstreamsSheet(r: Rollup, workstreams: readonly PlanCell[][]): PlanSheet {
  const rows: PlanCell[][] = [[text('All work streams', 'title')], [label('As of'), value(longDate(r.asOf))], []];
  const headerRow = rows.length;
  rows.push(header(WORKSTREAM_HEADER));
  append(rows, workstreams);
  const any = rows.length > headerRow + 1;
  if (!any) rows.push([text('No work streams were found.')]);
  return sheet(
    {
      role: 'workstreams',
      name: DIRECTORATE_SHEETS.workstreams,
      rows,
      columns: [
        { min: 16, max: 30 }, // Tracker
        { min: 24, max: 40 }, // Work stream
        { min: 10, max: 20 }, // Sheet
        ...[0, 1, 2, 3, 4, 5].map(() => ({ min: 7, max: 10 })), // Actions … Other
        { min: 9, max: 14 }, // % Completed
        { min: 8, max: 10 }, // Overdue
        { min: 10, max: 14 }, // RAG
        { min: 12, max: 22 }, // Hand-typed summary
        { min: 30, max: 48 }, // Why
      ],
      headerRow: any ? headerRow : null,
      tableName: 'DirectorateWorkStreams',
      tabColor: '#2E75B6',
    },
    r.asOf,
  );
}

/** Pushes one by one: a spread into push() overflows the call stack on 100,000s of rows. */
function append<T>(to: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) to.push(items[i]);
}

// ---------------------------------------------------------------------------
// 3. All actions

/** The RAG Actions layout, with the tracker first. The cell is named, not linked: it is in another workbook. */
const ACTION_HEADER = [
  'Tracker',
  'Work stream',
  'Sheet',
  'Cell',
  'No',
  'Action',
  'Owner',
  'Status',
  'Rating',
  'Target (as typed)',
  'Due (as read)',
  'Days overdue',
];

/**
 * A directorate has 100,000s of actions, and this sheet is most of the plan: a cell
 * that repeats down it (tracker, work stream, sheet, owner, status, rating, the words
 * for nothing, a due date) is made once, by the caches RAG Actions uses; one serves
 * every tracker of a directorate. With the date style, the value is an ISO date and
 * the cell holds its serial.
 */
export type CellCache = (value: string, style?: StyleName) => PlanCell;

export function cellCache(): CellCache {
  const words = wordCells();
  const numbers = numberCache();
  return (value, style = 'text') => (style === 'date' ? numbers(serialOfIso(value), 'date') : words(value, style));
}

/** A tracker's rows of All work streams. */
export function workstreamRowsOf(t: TrackerSummary, once: CellCache): PlanCell[][] {
  const tracker = once(t.file, 'wrap');
  return t.workstreams.map((w) => workstreamRow(tracker, w));
}

/**
 * The All actions sheet is written as the trackers are read, a tracker's actions at a
 * time, long before the last is read (the writer packs them as they come: a
 * directorate's actions are never held whole). So its columns cannot be measured
 * from everything they will hold: each is as wide as RAG Actions lets it grow, and
 * text that may be longer (names, numbers as typed, cell references) wraps, in
 * rows made as tall as their lines at these widths. The words of the fixed columns
 * (status, rating, `not overdue`, a date) fit on one line.
 */
export const ACTION_WIDTHS: readonly number[] = [
  28, // Tracker
  32, // Work stream
  18, // Sheet
  10, // Cell
  8, // No
  50, // Action
  22, // Owner
  16, // Status
  15, // Rating
  20, // Target (as typed)
  20, // Due (as read)
  14, // Days overdue
];

/** Rows of All actions above the actions: the title, the as-of date, a blank row and the header. */
export const ACTIONS_HEAD_ROWS = 4;

/** One tracker's rows of All actions, and their heights at ACTION_WIDTHS. */
export interface ActionBlock {
  rows: PlanCell[][];
  heights: (number | null)[];
}

/** A tracker's rows of All actions, laid out. */
export function actionBlockOf(t: TrackerSummary, once: CellCache): ActionBlock {
  const cells: ActionCells = {
    tracker: once(t.file, 'wrap'),
    titles: t.workstreams.map((w) => once(w.title, 'wrap')),
    sheets: t.workstreams.map((w) => once(w.sheet, 'wrap')),
    once,
    none: once('none'),
  };
  const rows: PlanCell[][] = new Array(t.actions.length);
  for (let i = 0; i < t.actions.length; i++) rows[i] = actionRow(t.actions[i], cells);
  return { rows, heights: rowHeights(rows, ACTION_WIDTHS, STYLES) };
}

/**
 * All actions, less its actions: `following` of them, laid out by actionBlockOf, are
 * written after its rows by the writer (workbook/xlsx/write/sheet-body.ts).
 */
function actionsSheet(r: Rollup, following: number): PlanSheet {
  const rows: PlanCell[][] = [[text('All actions', 'title')], [label('As of'), value(longDate(r.asOf))], []];
  const headerRow = rows.length;
  rows.push(header(ACTION_HEADER));
  if (!following) rows.push([text('No actions were found.')]);
  const lastRow = rows.length - 1 + following;
  return {
    role: 'actions',
    name: DIRECTORATE_SHEETS.actions,
    existing: null,
    mode: 'replace',
    columnWidths: [...ACTION_WIDTHS],
    rowHeights: rowHeights(rows, ACTION_WIDTHS, STYLES),
    rows,
    following,
    merges: [],
    conditionalFormats: [],
    freezeRows: headerRow + 1,
    tabColor: '#548235',
    tables: following ? table('DirectorateActions', headerRow, lastRow, ACTION_HEADER.length) : [],
    print: print(DIRECTORATE_SHEETS.actions, r.asOf, following ? headerRow : null),
  };
}

interface ActionCells {
  tracker: PlanCell;
  titles: PlanCell[];
  sheets: PlanCell[];
  once: (value: string, style?: StyleName) => PlanCell;
  none: PlanCell;
}

function actionRow(line: ActionLine, c: ActionCells): PlanCell[] {
  const [workstream, cell, id, action, owner, status, rating, target, due, overdueDays] = line;
  return [
    c.tracker,
    c.titles[workstream],
    c.sheets[workstream],
    text(cell, 'wrap'),
    id === null ? c.none : text(id, 'wrap'),
    action === '' ? c.none : text(action, 'wrap'),
    owner === null ? c.none : c.once(owner, 'wrap'),
    status === null ? c.once('not recorded') : c.once(status),
    rating === null ? c.none : c.once(rating, isRag(rating) ? ragStyleOf(rating) : 'text'),
    target === null ? c.none : text(target, 'wrap'),
    due === null ? c.once('no date') : c.once(due, 'date'),
    overdueDays === null ? c.once('not overdue') : num(overdueDays),
  ];
}

// ---------------------------------------------------------------------------
// 4. Files not read

function refusedSheet(r: Rollup): PlanSheet {
  const refused = r.trackers.filter((t): t is Extract<TrackerOutcome, { kind: 'refused' }> => t.kind === 'refused');
  const rows: PlanCell[][] = [[text('Files not read', 'title')], [label('As of'), value(longDate(r.asOf))], []];
  const headerRow = rows.length;
  if (refused.length) {
    rows.push(header(['File', 'Path', 'Reason']));
    for (const t of refused) rows.push([text(t.file, 'wrap'), text(t.path, 'wrap'), text(t.message, 'wrap')]);
  } else rows.push([text('Every file was read.')]);
  return sheet(
    {
      role: 'issues',
      name: DIRECTORATE_SHEETS.refused,
      rows,
      columns: [
        { min: 16, max: 36 }, // File
        { min: 20, max: 50 }, // Path
        { min: 40, max: 90 }, // Reason
      ],
      headerRow: refused.length ? headerRow : null,
      tableName: 'DirectorateFilesNotRead',
      tabColor: '#C00000',
    },
    r.asOf,
  );
}

export function buildDirectoratePlan(r: Rollup, ctx: DirectoratePlanContext): Plan {
  return {
    sheets: [summarySheet(r), workstreamsSheet(r, ctx.workstreams), actionsSheet(r, ctx.actions), refusedSheet(r)],
    styles: STYLES,
    activate: DIRECTORATE_SHEETS.summary,
    settingsJson: ctx.settingsJson,
    retire: [],
    pending: null,
  };
}
