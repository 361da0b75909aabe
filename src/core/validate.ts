import { type CellValue, a1, cellAt, formatAt, isBlank, textOf } from './grid';
import type { DetectedTable } from './detect/index';
import { type DateContext, type DatePart, type TargetReading, isoToDay, parseDateText } from './dates';
import type { ActionRef, FindingCode, FindingParams } from './finding-codes';
import { type Finding, finding } from './findings';
import type { ActionRow, StatusKind } from './model';
import type { Settings } from './settings';
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
  progressColumn: number | null;
  ratingColumn: number | null;
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

/** Everything reading one row of a table needs: the table, its columns, its work stream, and where findings go. */
interface RowContext {
  table: DetectedTable;
  progressColumn: number | null;
  ratingColumn: number | null;
  kind: StatusKind;
  targets: TargetCache;
  ctx: ReadContext;
  workstream: string;
  findings: Finding[];
}

/** Reports a finding about a cell of the work stream being read; `value` is the cell's text, quoted in the finding. */
function report<C extends FindingCode>(rows: RowContext, code: C, cell: string, params: FindingParams[C], value?: string): void {
  rows.findings.push(finding(code, { sheet: rows.table.sheet.name, cell, workstream: rows.workstream, value }, params));
}

function statusColumnsOf(t: DetectedTable, ctx: ReadContext): { progress: number | null; rating: number | null } {
  const rows = t.segments.flatMap((s) => s.rows);
  let progress: number | null = null;
  let rating: number | null = null;
  const unknown: number[] = [];
  for (const c of t.statusColumns) {
    const values: CellValue[] = rows.map((r) => cellAt(t.sheet, r, c));
    const kind = classifyStatusValues(values, ctx.reader);
    if (kind === 'rating' && rating === null) rating = c;
    else if (kind === 'progress' && progress === null) progress = c;
    else unknown.push(c);
  }
  // A status column full of unreadable values is still the status column: read it
  // as progress so each bad value is reported rather than the column ignored.
  if (progress === null && rating === null && unknown.length > 0) progress = unknown[0];
  return { progress, rating };
}

/** The date context of a table: its `Progress at <date>` header, if any, places dates without a year. */
function tableDates(t: DetectedTable, ctx: ReadContext): { dateCtx: DateContext; reportingDate: string | null } {
  const base: DateContext = {
    locale: ctx.settings.locale,
    fyStartMonth: ctx.settings.financialYearStartMonth,
    date1904: ctx.date1904,
    referenceDate: null,
  };
  const reportingDate = t.reportingDateText ? parseDateText(t.reportingDateText, base) : null;
  return { dateCtx: { ...base, referenceDate: reportingDate ?? ctx.asOf }, reportingDate };
}

export function readTable(t: DetectedTable, ctx: ReadContext): ReadTable {
  const { progress, rating } = statusColumnsOf(t, ctx);
  const kind: StatusKind =
    progress !== null && rating !== null ? 'both' : progress !== null ? 'progress' : rating !== null ? 'ratings' : 'neither';
  const { dateCtx, reportingDate } = tableDates(t, ctx);
  const targets = ctx.targetCacheFor(dateCtx);
  const sheet = t.sheet.name;
  const findings: Finding[] = [];
  // What the table as a whole lacks is said once, under its first work stream, not once per work stream.
  const first = t.segments[0]?.title ?? sheet;
  const at = { sheet, cell: a1(t.headerRow, t.firstCol), workstream: first };
  if (kind === 'neither') findings.push(finding('table.no-status', at, { workstream: first }));
  if (t.columns.target === undefined && t.segments.some((s) => s.rows.length > 0)) {
    findings.push(finding('table.no-target', at, { workstream: first }));
  }
  const segments = t.segments.map((seg) => {
    const workstream = seg.title;
    const rows: RowContext = { table: t, progressColumn: progress, ratingColumn: rating, kind, targets, ctx, workstream, findings };
    return { title: seg.title, titleRow: seg.titleRow, actions: readSegmentRows(rows, seg.rows) };
  });
  // Notes between actions are said; remarks after the last action are the table's trailing text.
  const lastAction = lastActionRow(t);
  for (const r of t.noteRows) {
    if (r > lastAction) continue;
    const note = { sheet, cell: a1(r, firstFilled(t, r)), workstream: segmentTitleFor(t, r), value: rowText(t, r) };
    findings.push(finding('row.note', note, { row: r }));
  }
  return { table: t, kind, progressColumn: progress, ratingColumn: rating, reportingDate, segments, findings };
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
      else
        report(
          rows,
          'id.duplicate',
          a1(r, rows.table.columns.id!),
          { id: action.id, workstream: rows.workstream, firstRow: first, row: r },
          action.id,
        );
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
  const progress = readProgressCell(rows, r, id);
  const rating = readRatingCell(rows, r, id);
  const { reading: target, cell: targetCell } = readTargetOf(rows, r, id);
  const owner = t.columns.owner === undefined ? null : textOf(cellAt(s, r, t.columns.owner)).trim() || null;
  const done = progress ? progress.word === 'Completed' : rating ? rating.word === 'Blue' : false;
  let overdueDays: number | null = null;
  let dueSoon = false;
  if (target?.final && !done) {
    const due = isoToDay(target.final);
    if (due < ctx.asOfDay) overdueDays = ctx.asOfDay - due;
    else if (due - ctx.asOfDay <= ctx.settings.dueSoonDays) dueSoon = true;
  }
  if (overdueDays !== null && target?.final) {
    report(rows, 'date.overdue', targetCell!, { id, row: r, days: overdueDays, due: target.final }, target.raw);
  }
  return { row: r, id, text, progress, rating, target, targetCell, owner, overdueDays, dueSoon };
}

function readProgressCell(rows: RowContext, r: number, id: string | null): ProgressReading | null {
  const c = rows.progressColumn;
  if (c === null) return null;
  const p = rows.ctx.reader.progress(cellAt(rows.table.sheet, r, c));
  if (p.how === 'exact') return p;
  const cell = a1(r, c);
  if (p.how === 'synonym') {
    if (firstOfSpelling(rows.ctx, 'p:' + p.raw.trim())) {
      report(rows, 'status.synonym', cell, { typed: p.raw.trim(), word: p.word }, p.raw);
    }
  } else if (p.how === 'near-miss') {
    report(rows, 'status.near-miss', cell, { typed: p.raw, word: p.word }, p.raw);
  } else if (p.how === 'unrecognised') {
    report(rows, 'status.unrecognised', cell, { id, row: r, typed: p.raw, suggestion: p.suggestion }, p.raw);
  } else {
    report(rows, 'status.missing', cell, { id, row: r });
  }
  return p;
}

function readRatingCell(rows: RowContext, r: number, id: string | null): RatingReading | null {
  const c = rows.ratingColumn;
  if (c === null) return null;
  const p = rows.ctx.reader.rating(cellAt(rows.table.sheet, r, c));
  // Beside a progress status an empty rating says nothing; only a ratings table must have one.
  if (p.how === 'exact' || (p.how === 'empty' && rows.kind !== 'ratings')) return p;
  const cell = a1(r, c);
  if (p.how === 'letter' || p.how === 'synonym') {
    if (firstOfSpelling(rows.ctx, 'r:' + p.raw.trim())) {
      report(rows, 'rating.synonym', cell, { typed: p.raw.trim(), word: p.word }, p.raw);
    }
  } else if (p.how === 'near-miss') {
    report(rows, 'rating.near-miss', cell, { typed: p.raw, word: p.word, suggestion: p.suggestion }, p.raw);
  } else if (p.how === 'unrecognised') {
    report(rows, 'rating.unrecognised', cell, { id, row: r, typed: p.raw, suggestion: p.suggestion }, p.raw);
  } else {
    // Empty, in a ratings table (beside a progress status an empty rating says nothing; see above).
    report(rows, 'rating.missing', cell, { id, row: r });
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
function readTargetOf(rows: RowContext, r: number, id: string | null): { reading: TargetReading | null; cell: string | null } {
  const t = rows.table;
  const c = t.columns.target;
  if (c === undefined) return { reading: null, cell: null };
  const last = t.spans.get(r) ?? r;
  const revised = readColumn(rows, r, last, c);
  const o = t.originalTargetColumn;
  const original = o === null ? null : readColumn(rows, r, last, o);
  const useOriginal = original !== null && revised.reading.state === 'empty' && original.reading.state !== 'empty';
  const chosen = useOriginal ? original : revised;
  if (!isQuiet(chosen.reading)) {
    for (const part of chosen.reading.parts) reportDatePart(rows, chosen.cell, { id, row: r }, part, chosen.reading.raw);
  }
  const from = original?.reading.final ?? null;
  const to = revised.reading.final;
  if (!useOriginal && from !== null && to !== null && from !== to) {
    const days = isoToDay(to) - isoToDay(from);
    report(rows, 'date.slipped', revised.cell, { id, row: r, from, to, days }, revised.reading.raw);
  }
  return { reading: chosen.reading, cell: chosen.cell };
}

/** The reading of one column over an action's rows (one row, or its milestone rows), and the cell or range it came from. */
function readColumn(rows: RowContext, r: number, last: number, c: number): { reading: TargetReading; cell: string } {
  const s = rows.table.sheet;
  const first = readTargetCached(rows.targets, cellAt(s, r, c), formatAt(s, r, c));
  if (last === r) return { reading: first, cell: a1(r, c) };
  const readings: TargetReading[] = [first];
  for (let q = r + 1; q <= last; q++) readings.push(readTargetCached(rows.targets, cellAt(s, q, c), formatAt(s, q, c)));
  return { reading: combineReadings(readings), cell: `${a1(r, c)}:${a1(last, c)}` };
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
      return report(rows, 'date.read', cell, { id: action.id, row: action.row, text, due: part.end, rule: part.rule, dueBy: true }, raw);
    case 'recurring':
      return report(rows, 'date.recurring', cell, { id: action.id, row: action.row, text }, raw);
    case 'month-year':
    case 'end-of-month':
    case 'week-commencing':
      return report(rows, 'date.read', cell, { id: action.id, row: action.row, text, due: part.end!, rule: part.rule, dueBy: true }, raw);
    case 'date-text':
      if (isAmbiguousNumeric(part.text))
        report(rows, 'date.read', cell, { id: action.id, row: action.row, text, due: part.end!, rule: part.rule, dueBy: false }, raw);
      return;
    default:
      return;
  }
}

// Readings are shared between cells (see target-readings.ts), so the answer is kept per reading.
const quietReadings = new WeakMap<TargetReading, boolean>();

/** True when no part of a reading needs a word: Excel dates, and text dates that could mean only one day. */
function isQuiet(t: TargetReading): boolean {
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
