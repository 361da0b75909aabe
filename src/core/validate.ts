import { fillAgrees, ratingOfFill } from './fill-colours';
import { type CellValue, a1, cellAt, fillAt, formatAt, isBlank, textOf } from './grid';
import type { DetectedTable } from './detect/index';
import { type DateContext, type DatePart, type TargetReading, isoToDay, parseDateText } from './dates';
import type { ActionRef, FindingCode, FindingParams } from './finding-codes';
import { type Finding, type FindingPlace, finding } from './findings';
import type { ActionRow, StatusKind } from './model';
import type { Settings } from './settings';
import { type PercentReading, type PercentScale, contradicts, percentScale, progressOfPercent, readPercent } from './percent-complete';
import { classifyStatusValues, createStatusReader, type ProgressReading, type RatingReading, type StatusReader } from './status';
import { type TargetCache, createTargetCaches, readTargetCached } from './target-readings';

// Reads each action row of a detected table (status, rating, target date, lead)
// and says what is wrong with it as findings, each naming its cell.

/** What reading every table of a recalculation shares. */
export interface ReadContext {
  settings: Settings;
  asOf: string;
  asOfDay: number;
  date1904: boolean;
  reader: StatusReader;
  /**
   * Spellings already reported as info: each synonym is reported once in a
   * recalculation, at its first cell, so this set grows as tables are read.
   */
  reportedSpellings: Set<string>;
  /** Target readings, cached per date context for the whole recalculation. */
  targetCacheFor: (dateCtx: DateContext) => TargetCache;
}

export interface ReadTable {
  table: DetectedTable;
  kind: StatusKind;
  /** The column progress is read from: the status column, or the percent complete where there is no status. */
  progressColumn: number | null;
  ratingColumn: number | null;
  percentColumn: number | null;
  reportingDate: string | null;
  segments: { title: string; titleRow: number | null; actions: ActionRow[] }[];
  /** What is wrong with the table's rows, in the order found. */
  findings: Finding[];
}

export function createReadContext(settings: Settings, asOf: string, date1904: boolean): ReadContext {
  return {
    settings,
    asOf,
    asOfDay: isoToDay(asOf),
    date1904,
    reader: createStatusReader(settings.statusSynonyms),
    reportedSpellings: new Set(),
    targetCacheFor: createTargetCaches(),
  };
}

/** Where a table's progress comes from: its status column, a Done? (Y/N) column, or its percent complete. */
type ProgressSource = 'status' | 'yes-no' | 'percent' | null;

/**
 * Notes said once per table for the same reading (a date text read the same way in
 * many cells, a fill colour read as a rating): the first cell, and how many more.
 */
interface OnceNote {
  code: OnceCode;
  at: FindingPlace;
  /** The first cell's params; `others` counts the later cells. */
  params: FindingParams[OnceCode];
}

type OnceCode = 'date.read' | 'date.recurring' | 'rating.colour';

/**
 * A table's once-said notes in the order first seen, found again by what they say.
 * Looked up for every dated cell: keyed by the strings the readings already hold
 * (a date text, then its rule), never by a key string built per cell.
 */
interface OnceNotes {
  inOrder: OnceNote[];
  dates: Map<string, Map<string, OnceNote>>;
  recurring: Map<string, OnceNote>;
  colours: Map<string, OnceNote>;
}

function onceNotes(): OnceNotes {
  return { inOrder: [], dates: new Map(), recurring: new Map(), colours: new Map() };
}

/** Everything reading one row of a table needs: the table, its columns, its work stream, and where findings go. */
interface RowContext {
  table: DetectedTable;
  progressColumn: number | null;
  ratingColumn: number | null;
  percentColumn: number | null;
  progressSource: ProgressSource;
  percentScale: PercentScale;
  kind: StatusKind;
  targets: TargetCache;
  ctx: ReadContext;
  workstream: string;
  findings: Finding[];
  /** Notes said once per table, by what they say; emitted when the table is read. */
  once: OnceNotes;
}

/** Reports a finding about a cell of the work stream being read; `value` is the cell's text, quoted in the finding. */
function report<C extends FindingCode>(rows: RowContext, code: C, cell: string, params: FindingParams[C], value?: string): void {
  rows.findings.push(finding(code, { sheet: rows.table.sheet.name, cell, workstream: rows.workstream, value }, params));
}

/**
 * Reports a note once per table: `known` is the note already said for the same
 * reading, if any; later cells only add to its count. Returns the note.
 */
function reportOnce<C extends OnceCode>(
  rows: RowContext,
  known: OnceNote | undefined,
  code: C,
  cell: string,
  params: FindingParams[C],
  value?: string,
): OnceNote {
  if (known) {
    known.params.others++;
    return known;
  }
  const note: OnceNote = { code, at: { sheet: rows.table.sheet.name, cell, workstream: rows.workstream, value }, params };
  rows.once.inOrder.push(note);
  return note;
}

interface StatusColumns {
  progress: number | null;
  rating: number | null;
  yesNo: boolean;
}

/** Every action row of the table, its segments' in turn. */
function actionRowsOf(t: DetectedTable): number[] {
  const rows: number[] = [];
  for (const seg of t.segments) for (let i = 0; i < seg.rows.length; i++) rows.push(seg.rows[i]);
  return rows;
}

function statusColumnsOf(t: DetectedTable, rows: readonly number[], ctx: ReadContext): StatusColumns {
  let progress: number | null = null;
  let rating: number | null = null;
  let yesNo = false;
  const unknown: number[] = [];
  for (const c of t.statusColumns) {
    const values: CellValue[] = rows.map((r) => cellAt(t.sheet, r, c));
    const fills = t.sheet.fills ? rows.map((r) => fillAt(t.sheet, r, c)) : undefined;
    const kind = classifyStatusValues(values, ctx.reader, fills);
    if (kind === 'rating' && rating === null) rating = c;
    else if ((kind === 'progress' || kind === 'yes-no') && progress === null) {
      progress = c;
      yesNo = kind === 'yes-no';
    } else unknown.push(c);
  }
  // A status column full of unreadable values is still the status column: read it
  // as progress so each bad value is reported rather than the column ignored.
  if (progress === null && rating === null && unknown.length > 0) progress = unknown[0];
  return { progress, rating, yesNo };
}

/** The date context of a table: its `Progress at <date>` header, if any, places dates without a year. */
function tableDates(t: DetectedTable, ctx: ReadContext): { dateCtx: DateContext; reportingDate: string | null } {
  const base: DateContext = {
    locale: ctx.settings.locale,
    fyStartMonth: ctx.settings.financialYearStartMonth,
    date1904: ctx.date1904,
    referenceDate: null,
    termEnds: ctx.settings.termEnds,
  };
  const reportingDate = t.reportingDateText ? parseDateText(t.reportingDateText, base) : null;
  return { dateCtx: { ...base, referenceDate: reportingDate ?? ctx.asOf }, reportingDate };
}

/** How the column's plain numbers are written (fractions or whole percentages), from all its cells. */
function scaleOf(t: DetectedTable, rows: readonly number[], c: number | null): PercentScale {
  if (c === null) return 'fraction';
  return percentScale(
    rows.map((r) => cellAt(t.sheet, r, c)),
    rows.map((r) => formatAt(t.sheet, r, c)),
  );
}

export function readTable(t: DetectedTable, ctx: ReadContext): ReadTable {
  const actionRows = actionRowsOf(t);
  const status = statusColumnsOf(t, actionRows, ctx);
  const percentColumn = t.columns.percent ?? null;
  // Where there is no status, a percent complete gives the progress; beside a status it checks it.
  const progressSource: ProgressSource =
    status.progress !== null ? (status.yesNo ? 'yes-no' : 'status') : percentColumn !== null ? 'percent' : null;
  const progress = status.progress ?? percentColumn;
  const rating = status.rating;
  const kind: StatusKind =
    progress !== null && rating !== null ? 'both' : progress !== null ? 'progress' : rating !== null ? 'ratings' : 'neither';
  const { dateCtx, reportingDate } = tableDates(t, ctx);
  const targets = ctx.targetCacheFor(dateCtx);
  const sheet = t.sheet.name;
  const findings: Finding[] = [];
  const once = onceNotes();
  const percentScale = scaleOf(t, actionRows, percentColumn);
  const base = {
    table: t,
    progressColumn: progress,
    ratingColumn: rating,
    percentColumn,
    progressSource,
    percentScale,
    kind,
    targets,
    ctx,
  };
  // What the table as a whole lacks is said once, under its first work stream, not once per work stream or row.
  const first = t.segments[0]?.title ?? sheet;
  const at = { sheet, cell: a1(t.headerRow, t.firstCol), workstream: first };
  if (kind === 'neither') findings.push(finding('table.no-status', at, { workstream: first }));
  if (t.columns.target === undefined && t.segments.some((s) => s.rows.length > 0)) {
    findings.push(finding('table.no-target', at, { workstream: first }));
  }
  const segments = t.segments.map((seg) => {
    const rows: RowContext = { ...base, workstream: seg.title, findings, once };
    return { title: seg.title, titleRow: seg.titleRow, actions: readSegmentRows(rows, seg.rows) };
  });
  for (const note of once.inOrder) findings.push(finding(note.code, note.at, note.params));
  // Notes between actions are said; remarks after the last action are the table's trailing text.
  const lastAction = lastActionRow(t);
  for (const r of t.noteRows) {
    if (r > lastAction) continue;
    const note = { sheet, cell: a1(r, firstFilled(t, r)), workstream: segmentTitleFor(t, r), value: rowText(t, r) };
    findings.push(finding('row.note', note, { row: r }));
  }
  return { table: t, kind, progressColumn: progress, ratingColumn: rating, percentColumn, reportingDate, segments, findings };
}

function lastActionRow(t: DetectedTable): number {
  let last = -1;
  for (const s of t.segments) for (const r of s.rows) if (r > last) last = r;
  return last;
}

/** The segment's actions, each read in turn; an action number used twice is reported at its second use. */
function readSegmentRows(rows: RowContext, rowNumbers: number[]): ActionRow[] {
  const seenIds = new Map<string, number>();
  return rowNumbers.map((r) => {
    const action = readAction(rows, r);
    if (action.id !== null) {
      const first = seenIds.get(action.id);
      if (first === undefined) seenIds.set(action.id, r);
      else {
        const c = rows.table.columns.id!;
        // Quoted as typed (`3 ` with its space), though compared as read.
        report(
          rows,
          'id.duplicate',
          a1(r, c),
          { id: action.id, workstream: rows.workstream, firstRow: first, row: r },
          textOf(cellAt(rows.table.sheet, r, c)),
        );
      }
    }
    return action;
  });
}

function segmentTitleFor(t: DetectedTable, r: number): string {
  let title = t.segments[0]?.title ?? t.sheet.name;
  for (const s of t.segments) if (s.rows.length && s.rows[0] <= r) title = s.title;
  return title;
}

function firstFilled(t: DetectedTable, r: number): number {
  const row = t.sheet.rows[r] ?? [];
  const c = row.findIndex((v) => !isBlank(v));
  return c < 0 ? 0 : c;
}

function rowText(t: DetectedTable, r: number): string {
  return (t.sheet.rows[r] ?? [])
    .filter((v) => !isBlank(v))
    .map(textOf)
    .join(' | ');
}

function readAction(rows: RowContext, r: number): ActionRow {
  const { table: t, ctx } = rows;
  const s = t.sheet;
  const idValue = t.columns.id === undefined ? null : cellAt(s, r, t.columns.id);
  const id = isBlank(idValue) ? null : textOf(idValue).trim();
  const text = t.columns.action === undefined ? '' : textOf(cellAt(s, r, t.columns.action)).trim();
  if (id === null && t.columns.id !== undefined && !t.sharedIds.has(r)) report(rows, 'id.missing', a1(r, t.columns.id), { row: r });
  const action = { id, row: r };
  const percent = readPercentCell(rows, r);
  const progress = readProgressCell(rows, r, action, percent);
  const rating = readRatingCell(rows, r, action);
  const { reading: target, cell: targetCell } = readTargetOf(rows, r, action);
  const owner = t.columns.owner === undefined ? null : textOf(cellAt(s, r, t.columns.owner)).trim() || null;
  // A withdrawn action no longer applies: it is never overdue or due soon.
  const done = progress ? progress.word === 'Completed' || progress.word === 'Withdrawn' : rating ? rating.word === 'Blue' : false;
  let overdueDays: number | null = null;
  let dueSoon = false;
  if (target?.final && !done) {
    const due = isoToDay(target.final);
    if (due < ctx.asOfDay) overdueDays = ctx.asOfDay - due;
    else if (due - ctx.asOfDay <= ctx.settings.dueSoonDays) dueSoon = true;
  }
  if (overdueDays !== null && target?.final) {
    report(rows, 'date.overdue', targetCell!, { id, row: r, days: overdueDays, due: target.final }, target.raw);
    checkOverdueRating(rows, r, action, rating, overdueDays);
  }
  return { row: r, id, text, progress, rating, percent, target, targetCell, owner, overdueDays, dueSoon };
}

/** Ratings only: an action overdue beyond the red threshold under a kinder rating is pointed out; the rating still counts. */
function checkOverdueRating(rows: RowContext, r: number, action: ActionRef, rating: RatingReading | null, days: number): void {
  const threshold = rows.ctx.settings.rag.redOverdueDays;
  if (rows.kind !== 'ratings' || !rating || days <= threshold) return;
  const word = rating.word;
  if (word === 'Unrecognised' || word === 'Unrated' || word === 'Red' || word === 'Blue') return;
  report(rows, 'rating.overdue', a1(r, rows.ratingColumn!), { ...action, rating: word, days, threshold }, rating.raw || undefined);
}

function readPercentCell(rows: RowContext, r: number): PercentReading | null {
  const c = rows.percentColumn;
  if (c === null) return null;
  const s = rows.table.sheet;
  return readPercent(cellAt(s, r, c), formatAt(s, r, c), rows.percentScale);
}

function readProgressCell(rows: RowContext, r: number, action: ActionRef, percent: PercentReading | null): ProgressReading | null {
  const c = rows.progressColumn;
  if (c === null) return null;
  if (rows.progressSource === 'percent') return progressOfPercentCell(rows, r, action, percent!);
  const value = cellAt(rows.table.sheet, r, c);
  const p = rows.progressSource === 'yes-no' ? rows.ctx.reader.yesNo(value) : rows.ctx.reader.progress(value);
  if (p.how === 'synonym' || p.how === 'yes-no') {
    if (firstOfSpelling(rows.ctx, 'p:' + p.raw.trim())) {
      report(rows, 'status.synonym', a1(r, c), { typed: p.raw.trim(), word: p.word }, p.raw);
    }
  } else if (p.how === 'near-miss') {
    report(rows, 'status.near-miss', a1(r, c), { typed: p.raw, word: p.word }, p.raw);
  } else if (p.how === 'unrecognised') {
    report(rows, 'status.unrecognised', a1(r, c), { ...action, typed: p.raw, suggestion: p.suggestion }, p.raw);
  } else if (p.how === 'empty') {
    report(rows, 'status.missing', a1(r, c), action);
  }
  if (percent && rows.percentColumn !== null) checkPercent(rows, r, action, p, percent);
  return p;
}

/** Beside a status, the percent complete checks it: a contradiction is a warning, and the status is counted. */
function checkPercent(rows: RowContext, r: number, action: ActionRef, p: ProgressReading, percent: PercentReading): void {
  if (percent.how === 'unrecognised') {
    report(rows, 'percent.unreadable', a1(r, rows.percentColumn!), { ...action, typed: percent.raw }, percent.raw);
  } else if (percent.fraction !== null && contradicts(p.word, percent.fraction)) {
    const params = { ...action, status: p.word, typedStatus: p.raw.trim(), percent: percent.fraction };
    report(rows, 'status.percent-mismatch', a1(r, rows.percentColumn!), params, percent.raw);
  }
}

/** Where there is no status, the percentage is the progress: 100% Completed, 0% Not started, else In progress. */
function progressOfPercentCell(rows: RowContext, r: number, action: ActionRef, percent: PercentReading): ProgressReading {
  if (percent.fraction !== null) return { word: progressOfPercent(percent.fraction), how: 'percent', raw: percent.raw, implied: null };
  if (percent.how === 'empty') {
    report(rows, 'status.missing', a1(r, rows.percentColumn!), { ...action, percent: true });
    return { word: 'No status', how: 'empty', raw: percent.raw, implied: null };
  }
  report(
    rows,
    'status.unrecognised',
    a1(r, rows.percentColumn!),
    { ...action, typed: percent.raw, suggestion: undefined, percent: true },
    percent.raw,
  );
  return { word: 'Unrecognised', how: 'unrecognised', raw: percent.raw, implied: null };
}

function readRatingCell(rows: RowContext, r: number, action: ActionRef): RatingReading | null {
  const c = rows.ratingColumn;
  if (c === null) return null;
  const s = rows.table.sheet;
  const value = cellAt(s, r, c);
  const fill = fillAt(s, r, c);
  const p = rows.ctx.reader.rating(value);
  if (p.how === 'empty') {
    // An empty cell coloured in is rated by its colour, said once per table and colour.
    const colour = rows.ctx.reader.colour(value, fill);
    if (colour && colour.word !== 'Unrecognised' && colour.word !== 'Unrated') {
      const known = rows.once.colours.get(fill!);
      const note = reportOnce(rows, known, 'rating.colour', a1(r, c), { word: colour.word, fill: fill!, others: 0 });
      if (!known) rows.once.colours.set(fill!, note);
      return colour;
    }
    // Beside a progress status an empty rating says nothing; only a ratings table must have one.
    if (rows.kind === 'ratings') report(rows, 'rating.missing', a1(r, c), action);
    return p;
  }
  if (p.how === 'letter' || p.how === 'synonym') {
    if (firstOfSpelling(rows.ctx, 'r:' + p.raw.trim())) {
      report(rows, 'rating.synonym', a1(r, c), { typed: p.raw.trim(), word: p.word }, p.raw);
    }
  } else if (p.how === 'near-miss') {
    report(rows, 'rating.near-miss', a1(r, c), { typed: p.raw, word: p.word, suggestion: p.suggestion }, p.raw);
  } else if (p.how === 'unrecognised') {
    report(rows, 'rating.unrecognised', a1(r, c), { ...action, typed: p.raw, suggestion: p.suggestion }, p.raw);
  }
  if (fill && p.word !== 'Unrecognised' && p.word !== 'Unrated') {
    const fillWord = ratingOfFill(fill);
    if (fillWord && !fillAgrees(p.word, fillWord)) {
      report(rows, 'rating.fill-mismatch', a1(r, c), { ...action, typed: p.raw.trim(), word: p.word, fill, fillWord }, p.raw);
    }
  }
  return p;
}

/** True the first time a spelling is seen in the recalculation: a synonym is reported once. */
function firstOfSpelling(ctx: ReadContext, key: string): boolean {
  if (ctx.reportedSpellings.has(key)) return false;
  ctx.reportedSpellings.add(key);
  return true;
}

/**
 * An action's target (DESIGN.md, "Several date columns"): the target column's
 * cell, or the original target's where that is empty; over all the rows of an
 * action merged over its milestones. A revised target that differs from the
 * original is reported as a slip. Returns the reading and the cell (or range) read.
 */
function readTargetOf(rows: RowContext, r: number, action: ActionRef): { reading: TargetReading | null; cell: string | null } {
  const t = rows.table;
  const c = t.columns.target;
  if (c === undefined) return { reading: null, cell: null };
  const id = action.id;
  const last = t.spans.get(r) ?? r;
  const revised = readColumn(rows, r, last, c);
  const o = t.originalTargetColumn;
  const original = o === null ? null : readColumn(rows, r, last, o);
  const useOriginal = original !== null && revised.state === 'empty' && original.state !== 'empty';
  const chosen = useOriginal ? original : revised;
  const cell = columnCell(r, last, useOriginal ? o! : c);
  if (!isQuiet(chosen)) {
    for (const part of chosen.parts) reportDatePart(rows, cell, action, part, chosen.raw);
  }
  const from = original?.final ?? null;
  const to = revised.final;
  if (!useOriginal && from !== null && to !== null && from !== to) {
    const days = isoToDay(to) - isoToDay(from);
    report(rows, 'date.slipped', cell, { id, row: r, from, to, days }, revised.raw);
  }
  return { reading: chosen, cell };
}

/** The reading of one column over an action's rows (one row, or its milestone rows). */
function readColumn(rows: RowContext, r: number, last: number, c: number): TargetReading {
  const s = rows.table.sheet;
  const first = readTargetCached(rows.targets, cellAt(s, r, c), formatAt(s, r, c));
  if (last === r) return first;
  const readings: TargetReading[] = [first];
  for (let q = r + 1; q <= last; q++) readings.push(readTargetCached(rows.targets, cellAt(s, q, c), formatAt(s, q, c)));
  return combineReadings(readings);
}

/** The cell, or range, of one column over an action's rows. */
function columnCell(r: number, last: number, c: number): string {
  return last === r ? a1(r, c) : `${a1(r, c)}:${a1(last, c)}`;
}

const STATE_ORDER: readonly TargetReading['state'][] = ['empty', 'recurring', 'free-text', 'tbc', 'invalid'];

/** Milestone dates in a row each: every part, and the latest due date as the final target. */
function combineReadings(readings: readonly TargetReading[]): TargetReading {
  const parts = readings.flatMap((x) => x.parts);
  let final: string | null = null;
  let state: TargetReading['state'] = 'empty';
  for (const x of readings) {
    if (x.final !== null && (final === null || x.final > final)) final = x.final;
    if (STATE_ORDER.indexOf(x.state) > STATE_ORDER.indexOf(state)) state = x.state;
  }
  const raw = readings
    .map((x) => x.raw)
    .filter((x) => x !== '')
    .join('\n');
  return { raw, parts, final, state: final !== null ? 'dated' : state };
}

/** A note about how a date was read, said once per table for the same text read the same way. */
function dateNote(rows: RowContext, cell: string, action: ActionRef, part: DatePart, raw: string, dueBy: boolean): void {
  const dates = rows.once.dates;
  let byRule = dates.get(part.text);
  if (!byRule) dates.set(part.text, (byRule = new Map()));
  const known = byRule.get(part.rule);
  if (known) {
    known.params.others++;
    return;
  }
  const params = { id: action.id, row: action.row, text: part.text, due: part.end!, rule: part.rule, dueBy, others: 0 };
  byRule.set(part.rule, reportOnce(rows, undefined, 'date.read', cell, params, raw));
}

function reportDatePart(rows: RowContext, cell: string, action: ActionRef, part: DatePart, raw: string): void {
  const text = part.text;
  switch (part.kind) {
    case 'invalid':
      return report(rows, 'date.invalid', cell, { id: action.id, row: action.row, text, rule: part.rule }, raw);
    case 'tbc':
      return report(rows, 'date.tbc', cell, { id: action.id, row: action.row, text }, raw);
    case 'free-text':
      return report(rows, 'date.unreadable', cell, { id: action.id, row: action.row, text }, raw);
    case 'quarter':
      if (!part.end) return report(rows, 'date.no-year', cell, { id: action.id, row: action.row, text }, raw);
      return dateNote(rows, cell, action, part, raw, true);
    case 'recurring': {
      const known = rows.once.recurring.get(text);
      const note = reportOnce(rows, known, 'date.recurring', cell, { id: action.id, row: action.row, text, others: 0 }, raw);
      if (!known) rows.once.recurring.set(text, note);
      return;
    }
    case 'month-year':
    case 'end-of-month':
    case 'week-commencing':
    case 'excel-month':
    case 'financial-year':
    case 'term':
      return dateNote(rows, cell, action, part, raw, true);
    case 'date-text':
      if (isAmbiguousNumeric(part.text)) dateNote(rows, cell, action, part, raw, false);
      return;
    default:
      return;
  }
}

// Readings are shared between cells (see target-readings.ts), so the answer is kept per reading.
const quietReadings = new WeakMap<TargetReading, boolean>();

/** True when no part of a reading needs a word: Excel dates, and text dates that could mean only one day. */
function isQuiet(t: TargetReading): boolean {
  // Most targets are one Excel date, or empty: answered without the lookup, which costs more than the question.
  const parts = t.parts;
  if (parts.length === 0 || (parts.length === 1 && parts[0].kind === 'excel-date')) return true;
  let quiet = quietReadings.get(t);
  if (quiet === undefined) {
    quiet = t.parts.every((p) => p.kind === 'excel-date' || (p.kind === 'date-text' && !isAmbiguousNumeric(p.text)));
    quietReadings.set(t, quiet);
  }
  return quiet;
}

/** 03/04/2025 could be 3 April or 4 March: say which was chosen. */
function isAmbiguousNumeric(text: string): boolean {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\s*$/.exec(text);
  return !!m && Number(m[1]) <= 12 && Number(m[2]) <= 12 && m[1] !== m[2];
}
