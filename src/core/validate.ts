import { type CellValue, a1, cellAt, formatAt, isBlank, textOf } from './grid';
import type { DetectedTable } from './detect';
import { type DateContext, type TargetReading, isoToDay, parseDateText, readTarget } from './dates';
import { type Finding, quote } from './findings';
import { longDate } from './long-date';
import type { ActionRow, StatusKind } from './model';
import type { Settings } from './settings';
import { classifyStatusValues, createStatusReader, type ProgressReading, type RatingReading } from './status';

// Reads each action row of a detected table (status, rating, target date, lead)
// and records what is wrong with it as findings, each naming its cell.

export interface ReadContext {
  settings: Settings;
  asOf: string;
  asOfDay: number;
  date1904: boolean;
  reader: ReturnType<typeof createStatusReader>;
  /** Spellings already reported as info, so each is reported once. */
  reportedSpellings: Set<string>;
  /** Target readings per date context (see readTargetCached). */
  targetCaches: Map<string, TargetCache>;
}

export interface ReadTable {
  table: DetectedTable;
  kind: StatusKind;
  progressColumn: number | null;
  ratingColumn: number | null;
  reportingDate: string | null;
  segments: { title: string; titleRow: number | null; actions: ActionRow[] }[];
}

export function createReadContext(settings: Settings, asOf: string, date1904: boolean): ReadContext {
  return {
    settings,
    asOf,
    asOfDay: isoToDay(asOf),
    date1904,
    reader: createStatusReader(settings.statusSynonyms),
    reportedSpellings: new Set(),
    targetCaches: new Map(),
  };
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

export function readTable(t: DetectedTable, ctx: ReadContext, findings: Finding[]): ReadTable {
  const { progress, rating } = statusColumnsOf(t, ctx);
  const kind: StatusKind =
    progress !== null && rating !== null ? 'both' : progress !== null ? 'progress' : rating !== null ? 'ratings' : 'neither';
  const dateCtx: DateContext = {
    locale: ctx.settings.locale,
    fyStartMonth: ctx.settings.financialYearStartMonth,
    date1904: ctx.date1904,
    referenceDate: null,
  };
  const reportingDate = t.reportingDateText ? parseDateText(t.reportingDateText, dateCtx) : null;
  dateCtx.referenceDate = reportingDate ?? ctx.asOf;
  const targetCache = targetCacheFor(ctx, dateCtx);
  const sheet = t.sheet.name;
  const segments = t.segments.map((seg) => {
    const workstream = seg.title;
    // Every finding gets the same fields in the same order: a tracker can give tens
    // of thousands, and objects of one shape are cheaper to make and to read.
    const add: Add = (f) =>
      findings.push({
        severity: f.severity,
        code: f.code,
        sheet,
        cell: f.cell,
        workstream,
        value: f.value === undefined ? undefined : quote(f.value),
        message: f.message,
        suggestion: f.suggestion,
      });
    if (kind === 'neither') {
      add({
        severity: 'warning',
        code: 'table.no-status',
        cell: a1(t.headerRow, t.firstCol),
        message: `The table under '${workstream}' has no status column: progress cannot be counted, so its RAG comes from target dates alone.`,
        suggestion: 'Add a Status column (Completed, In progress, Static, Not started) or a RAG column.',
      });
    }
    const seenIds = new Map<string, number>();
    const actions = seg.rows.map((r) => {
      const action = readAction(t, r, progress, rating, kind, dateCtx, targetCache, ctx, add);
      if (action.id !== null) {
        const prev = seenIds.get(action.id);
        if (prev !== undefined) {
          add({
            severity: 'warning',
            code: 'id.duplicate',
            cell: a1(r, t.columns.id!),
            value: action.id,
            message: `Action number ${action.id} is used twice in '${workstream}' (rows ${prev + 1} and ${r + 1}).`,
            suggestion: 'Give each action its own number so it can be referred to.',
          });
        } else seenIds.set(action.id, r);
      }
      return action;
    });
    return { title: seg.title, titleRow: seg.titleRow, actions };
  });
  for (const r of t.noteRows) {
    findings.push({
      severity: 'info',
      code: 'row.note',
      sheet,
      workstream: segmentTitleFor(t, r),
      cell: a1(r, firstFilled(t, r)),
      value: quote(rowText(t, r)),
      message: `Row ${r + 1} is a note inside the table, not an action, so it is not counted.`,
      suggestion: null,
    });
  }
  return { table: t, kind, progressColumn: progress, ratingColumn: rating, reportingDate, segments };
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

function clip(s: string, n = 120): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

type Add = (f: Omit<Finding, 'sheet' | 'workstream'>) => void;

// Target dates repeat down a column and across tables (`31/03/2025`, `Q2 2025/26`,
// `TBC`), and their reading depends only on the cell and the date context, which
// tables share unless their reporting dates differ: so each distinct cell is read
// once per context in a recalculation. Readings are shared, so never mutated.
interface TargetCache {
  /** By the cell's text. */
  text: Map<string, TargetReading>;
  /** By the number, then its format: keys made without building a string per cell. */
  number: Map<number, Map<string, TargetReading>>;
  /** Empty cells and booleans. */
  other: Map<boolean | null, TargetReading>;
}

function targetCacheFor(ctx: ReadContext, dateCtx: DateContext): TargetCache {
  const key = `${dateCtx.locale}|${dateCtx.fyStartMonth}|${dateCtx.date1904}|${dateCtx.referenceDate}`;
  let cache = ctx.targetCaches.get(key);
  if (!cache) ctx.targetCaches.set(key, (cache = { text: new Map(), number: new Map(), other: new Map() }));
  return cache;
}

/** Bounded: a column of unique long texts must not keep them all. */
const TARGET_CACHE_LIMIT = 10_000;

function readTargetCached(value: CellValue, format: string | null, dateCtx: DateContext, cache: TargetCache): TargetReading {
  if (typeof value === 'string') {
    let reading = cache.text.get(value);
    if (!reading) {
      if (cache.text.size >= TARGET_CACHE_LIMIT) cache.text.clear();
      cache.text.set(value, (reading = readTarget(value, format, dateCtx)));
    }
    return reading;
  }
  if (typeof value !== 'number') {
    let reading = cache.other.get(value);
    if (!reading) cache.other.set(value, (reading = readTarget(value, format, dateCtx)));
    return reading;
  }
  let byFormat = cache.number.get(value);
  if (!byFormat) {
    if (cache.number.size >= TARGET_CACHE_LIMIT) cache.number.clear();
    cache.number.set(value, (byFormat = new Map()));
  }
  const f = format ?? '';
  let reading = byFormat.get(f);
  if (!reading) byFormat.set(f, (reading = readTarget(value, format, dateCtx)));
  return reading;
}

function readAction(
  t: DetectedTable,
  r: number,
  progressCol: number | null,
  ratingCol: number | null,
  kind: StatusKind,
  dateCtx: DateContext,
  targetCache: TargetCache,
  ctx: ReadContext,
  add: Add,
): ActionRow {
  const s = t.sheet;
  const idValue = t.columns.id === undefined ? null : cellAt(s, r, t.columns.id);
  const id = isBlank(idValue) ? null : textOf(idValue).trim();
  const text = t.columns.action === undefined ? '' : textOf(cellAt(s, r, t.columns.action)).trim();
  const label = id !== null ? `Action ${id}` : `The action in row ${r + 1}`;
  if (id === null && t.columns.id !== undefined) {
    add({
      severity: 'info',
      code: 'id.missing',
      cell: a1(r, t.columns.id),
      message: `The action in row ${r + 1} has no number. It is counted.`,
      suggestion: 'Give it a number so it can be referred to.',
    });
  }
  let progress: ProgressReading | null = null;
  if (progressCol !== null) {
    progress = ctx.reader.progress(cellAt(s, r, progressCol));
    if (progress.how !== 'exact') reportProgress(progress, a1(r, progressCol), label, ctx, add);
  }
  let rating: RatingReading | null = null;
  if (ratingCol !== null) {
    rating = ctx.reader.rating(cellAt(s, r, ratingCol));
    if (rating.how !== 'exact' && (rating.how !== 'empty' || kind === 'ratings'))
      reportRating(rating, a1(r, ratingCol), label, kind, ctx, add);
  }
  let target: TargetReading | null = null;
  if (t.columns.target !== undefined) {
    const c = t.columns.target;
    target = readTargetCached(cellAt(s, r, c), formatAt(s, r, c), dateCtx, targetCache);
    if (!isQuiet(target)) reportTarget(target, a1(r, c), label, add);
  }
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
    add({
      severity: 'warning',
      code: 'date.overdue',
      cell: a1(r, t.columns.target!),
      value: target.raw,
      message: `${label} is ${overdueDays} day${overdueDays === 1 ? '' : 's'} overdue: its target was ${longDate(target.final)} and it is not completed.`,
      suggestion: 'Update the status, or agree and record a new target date.',
    });
  }
  return { row: r, id, text, progress, rating, target, owner, overdueDays, dueSoon };
}

function reportProgress(p: ProgressReading, cell: string, label: string, ctx: ReadContext, add: Add): void {
  if (p.how === 'synonym') {
    const key = 'p:' + p.raw.trim();
    if (ctx.reportedSpellings.has(key)) return;
    ctx.reportedSpellings.add(key);
    add({
      severity: 'info',
      code: 'status.synonym',
      cell,
      value: p.raw,
      message: `Status '${p.raw.trim()}' is read as '${p.word}' (first seen here; other cells with the same spelling are read the same way).`,
      suggestion: p.word,
    });
  } else if (p.how === 'near-miss') {
    add({
      severity: 'warning',
      code: 'status.near-miss',
      cell,
      value: p.raw,
      message: `Status '${p.raw}' read as '${p.word}'`,
      suggestion: p.word,
    });
  } else if (p.how === 'unrecognised') {
    add({
      severity: 'error',
      code: 'status.unrecognised',
      cell,
      value: p.raw,
      message: `${label} has status '${clip(p.raw, 60)}', which is not a status Ragbook knows. It is counted as Unrecognised.`,
      suggestion: p.suggestion ?? 'Use Completed, In progress, Static or Not started.',
    });
  } else if (p.how === 'empty') {
    add({
      severity: 'error',
      code: 'status.missing',
      cell,
      message: `${label} has no status. It is counted as No status.`,
      suggestion: 'Enter Completed, In progress, Static or Not started.',
    });
  }
}

function reportRating(p: RatingReading, cell: string, label: string, kind: StatusKind, ctx: ReadContext, add: Add): void {
  if (p.how === 'letter' || p.how === 'synonym') {
    const key = 'r:' + p.raw.trim();
    if (ctx.reportedSpellings.has(key)) return;
    ctx.reportedSpellings.add(key);
    add({
      severity: 'info',
      code: 'rating.synonym',
      cell,
      value: p.raw,
      message: `Rating '${p.raw.trim()}' is read as '${p.word}' (first seen here).`,
      suggestion: String(p.word),
    });
  } else if (p.how === 'near-miss') {
    add({
      severity: 'warning',
      code: 'rating.near-miss',
      cell,
      value: p.raw,
      message: `Rating '${p.raw}' read as '${p.word}'`,
      suggestion: p.suggestion ?? String(p.word),
    });
  } else if (p.how === 'unrecognised') {
    add({
      severity: 'error',
      code: 'rating.unrecognised',
      cell,
      value: p.raw,
      message: `${label} has rating '${clip(p.raw, 60)}', which is not Blue, Green, Amber or Red. It is counted as unrated.`,
      suggestion: p.suggestion ?? 'Use Blue (complete), Green, Amber or Red.',
    });
  } else if (p.how === 'empty' && kind === 'ratings') {
    add({
      severity: 'warning',
      code: 'rating.missing',
      cell,
      message: `${label} has no RAG rating.`,
      suggestion: 'Enter Blue, Green, Amber or Red.',
    });
  }
}

function reportTarget(t: TargetReading, cell: string, label: string, add: Add): void {
  for (const part of t.parts) {
    const quoted = `'${clip(part.text, 60)}'`;
    switch (part.kind) {
      case 'invalid':
        add({
          severity: 'error',
          code: 'date.invalid',
          cell,
          value: t.raw,
          message: `${label}: target date ${quoted} is not a real date (${part.rule}).`,
          suggestion: 'Correct the date, for example 28/02/2025.',
        });
        break;
      case 'tbc':
        add({
          severity: 'warning',
          code: 'date.tbc',
          cell,
          value: t.raw,
          message: `${label}: target date ${quoted} is not set yet.`,
          suggestion: 'Agree a target date and enter it.',
        });
        break;
      case 'free-text':
        add({
          severity: 'warning',
          code: 'date.unreadable',
          cell,
          value: t.raw,
          message: `${label}: ${quoted} is not a date Ragbook can read, so it cannot tell whether the action is overdue.`,
          suggestion: 'Enter a date such as 31/03/2026, a month such as March 2026, or a quarter such as Q4 2025/26.',
        });
        break;
      case 'quarter':
        if (!part.end) {
          add({
            severity: 'warning',
            code: 'date.no-year',
            cell,
            value: t.raw,
            message: `${label}: ${quoted} names a quarter but no year.`,
            suggestion: 'Add the financial year, e.g. Q2 2025/26.',
          });
        } else {
          add({
            severity: 'info',
            code: 'date.read',
            cell,
            value: t.raw,
            message: `${label}: ${quoted} read as due by ${longDate(part.end)} (${part.rule}).`,
            suggestion: null,
          });
        }
        break;
      case 'recurring':
        add({
          severity: 'info',
          code: 'date.recurring',
          cell,
          value: t.raw,
          message: `${label}: ${quoted} is recurring or ongoing, so it has no deadline and is never counted as overdue.`,
          suggestion: 'If the action has an end date, enter it.',
        });
        break;
      case 'month-year':
      case 'end-of-month':
      case 'week-commencing':
        add({
          severity: 'info',
          code: 'date.read',
          cell,
          value: t.raw,
          message: `${label}: ${quoted} read as due by ${longDate(part.end!)} (${part.rule}).`,
          suggestion: null,
        });
        break;
      case 'date-text':
        if (isAmbiguousNumeric(part.text)) {
          add({
            severity: 'info',
            code: 'date.read',
            cell,
            value: t.raw,
            message: `${label}: ${quoted} read as ${longDate(part.end!)} (${part.rule}).`,
            suggestion: null,
          });
        }
        break;
      default:
        break;
    }
  }
}

// Readings are shared between cells (see readTargetCached), so the answer is kept per reading.
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
