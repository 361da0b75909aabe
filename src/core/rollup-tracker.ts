import { dayToIso, serialToDay, wholeSerial } from './dates-calendar';
import { evaluate } from './engine';
import { type SheetGrid, type WorkbookGrid, a1, areaA1, cellAt, textOf } from './grid';
import type { EngineResult } from './model';
import { isDirectorateWorkbook } from './ownership';
import type { ActionLine, SeverityCounts, TrackerFile, TrackerSummary } from './rollup';
import { toReport } from './to-report';
import { overallTallies } from './summarize';
import { statusColumn } from './places';

// One tracker of a directorate, read where it was opened (a worker thread, or the
// browser) and reduced to what the directorate view keeps: its figures, its work
// streams, its action lines and when it was last recalculated. The grid and the
// engine's full result go no further than this.

export interface TrackerReadContext {
  file: TrackerFile;
  /** The directorate's as-of date: every tracker is judged at the same date. */
  asOf: string;
  now: Date;
  /** The directorate's settings, on top of the tracker's own. */
  settings?: unknown;
  /** Also make the JSON of its work streams as its own report has them (for --report). */
  withReport: boolean;
}

export type TrackerRead =
  | { kind: 'read'; summary: TrackerSummary; workstreamsJson: string | null }
  /** A directorate workbook made by ragbook rollup: Ragbook's own output, not a tracker. */
  | { kind: 'skipped'; reason: string };

export function readTracker(grid: WorkbookGrid, ctx: TrackerReadContext): TrackerRead {
  if (isDirectorateWorkbook(grid)) {
    return { kind: 'skipped', reason: 'it is a directorate workbook made by ragbook rollup, not a tracker' };
  }
  const { result } = evaluate(grid, { asOf: ctx.asOf, now: ctx.now, settings: ctx.settings });
  return {
    kind: 'read',
    summary: summariseTracker(ctx.file, grid, result),
    // The report's account of every action is made only when a report is written: it is most of the cost of a summary.
    workstreamsJson: ctx.withReport ? JSON.stringify(toReport(result).workstreams) : null,
  };
}

/** A failure nobody planned for (a bug, or a workbook past every limit) still names the file and says what to do. */
export function unexpectedFailure(file: string, e: unknown): string {
  const why =
    e instanceof RangeError
      ? 'it is too large or too deeply nested to read'
      : `an unexpected error: ${e instanceof Error ? e.message : String(e)}`;
  return `${file} could not be read (${why}). Open it in Excel, save it as .xlsx (Excel Workbook), and try again; if it still fails, please report it.`;
}

function summariseTracker(file: TrackerFile, grid: WorkbookGrid, result: EngineResult): TrackerSummary {
  const actions: ActionLine[] = [];
  result.workstreams.forEach((w, i) => {
    // The cell RAG Actions names for the action: where its status is typed, so the two sheets agree.
    const at = statusColumn(w);
    for (const a of w.actions) {
      const rating = a.rating?.word;
      actions.push([
        i,
        a1(a.row, at),
        a.id,
        a.text,
        a.owner,
        a.progress ? a.progress.word : null,
        rating && rating !== 'Unrated' ? rating : null,
        a.target && a.target.raw !== '' ? a.target.raw : null,
        a.target?.final ?? null,
        a.overdueDays,
      ]);
    }
  });
  return {
    ...file,
    asOf: result.asOf,
    // Since the tracker's own last recalculation, as its own report says.
    overall: { ...result.overall, change: result.change ? result.change.overall : null },
    tallies: overallTallies(result.workstreams),
    kinds: [...new Set(result.workstreams.map((w) => w.kind))],
    workstreams: result.workstreams.map((w, i) => ({
      title: w.title,
      sheet: w.sheet,
      range: areaA1(w.area),
      ...w.figures,
      stated: w.stated,
      kind: w.kind,
      // Since the tracker's own last recalculation, as its own report says.
      change: result.change ? result.change.workstreams[i] : null,
    })),
    findings: severities(result),
    lastRecalculated: lastRecalculated(grid),
    actions,
  };
}

function severities(result: EngineResult): SeverityCounts {
  const out: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) out[f.severity]++;
  return out;
}

// ---------------------------------------------------------------------------
// When the tracker was last recalculated: the latest time its RAG History records,
// or the time its RAG Summary gives. Both hold the time as a date-time serial
// beside (or under) the word "Recalculated", wherever the sheet's layout puts it.

const LABEL = /^\s*(last\s+)?recalculated\s*:?\s*$/i;
/** How far down Ragbook's own sheets the label is looked for. */
const LABEL_ROWS = 40;
/** Serials of real days: 1 January 1900 to 31 December 9999. */
const MAX_SERIAL = 2958465;

export function lastRecalculated(wb: WorkbookGrid): string | null {
  let latest: number | null = null;
  for (const s of wb.sheets) {
    const found = s.owned === 'history' ? latestInColumn(s) : s.owned === 'summary' ? besideLabel(s) : null;
    if (found !== null && (latest === null || found > latest)) latest = found;
  }
  return latest === null ? null : localDateTime(latest, wb.date1904);
}

const isSerial = (v: unknown): v is number => typeof v === 'number' && v >= 1 && v <= MAX_SERIAL;

/** The latest serial under a "Recalculated" header. */
function latestInColumn(s: SheetGrid): number | null {
  const at = findLabel(s);
  if (!at) return null;
  let latest: number | null = null;
  for (let r = at.r + 1; r < s.rows.length; r++) {
    const v = cellAt(s, r, at.c);
    if (isSerial(v) && (latest === null || v > latest)) latest = v;
  }
  return latest;
}

/** The first serial to the right of a "Recalculated" label. */
function besideLabel(s: SheetGrid): number | null {
  const at = findLabel(s);
  if (!at) return null;
  const row = s.rows[at.r] ?? [];
  for (let c = at.c + 1; c < row.length; c++) {
    const v = cellAt(s, at.r, c);
    if (isSerial(v)) return v;
  }
  return null;
}

function findLabel(s: SheetGrid): { r: number; c: number } | null {
  for (let r = 0; r < Math.min(LABEL_ROWS, s.rows.length); r++) {
    const row = s.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === 'string' && LABEL.test(textOf(v))) return { r, c };
    }
  }
  return null;
}

/** A date-time serial as the local time it stands for, `2025-09-30T14:05`. */
function localDateTime(serial: number, date1904: boolean): string {
  let day = serialToDay(serial, date1904);
  let minutes = Math.round((serial - wholeSerial(serial)) * 1440);
  if (minutes >= 1440) {
    day += 1;
    minutes -= 1440;
  }
  const p = (n: number) => String(n).padStart(2, '0');
  return `${dayToIso(day)}T${p(Math.floor(minutes / 60))}:${p(minutes % 60)}`;
}
