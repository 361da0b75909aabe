import { WorkstreamChangeSchema } from './change-schema';
import type { StatusKind } from './model';
import { FiguresSchema, RagSchema, ReportWorkstreamSchema, type Figures, type Rag } from './report';
import type { RagRules } from './settings';
import { NO_TALLIES, type OverallTallies, addTallies, overallOfTallies } from './summarize';
import { RAG_VALUES } from './vocabulary/ratings';
import { z } from './zod';

// The directorate view (ragbook rollup): many trackers, each read on its own with
// its own settings, folded into one picture. Each tracker is reduced to a compact
// summary where it is read (a worker thread, or the browser between files), so what
// is held for the whole directorate is figures and the action lines of the All
// actions sheet, never a tracker's grid. The overall figures apply the RAG rules to
// every action of every tracker together, as a workbook's overall row does for its
// work streams.

export const STATUS_KINDS = ['progress', 'ratings', 'both', 'neither'] as const satisfies readonly StatusKind[];

/**
 * One action as the All actions sheet lists it (the RAG Actions layout, less what
 * only a workbook of its own can link to), as a tuple: a directorate has 100,000s
 * of actions, and tuples pass between threads (as JSON) several times faster than
 * objects. Read it by destructuring: `const [workstream, cell, id, …] = line`.
 */
export const ActionLineSchema = z.tuple([
  /** Index of the action's work stream in its tracker's `workstreams`. */
  z.number().int(),
  /** The cell that names the action (its Action cell, else its row's first), `B14`. */
  z.string(),
  /** Its number as written. */
  z.string().nullable(),
  /** Its text. */
  z.string(),
  /** Its owner. */
  z.string().nullable(),
  /** The progress word counted, or null where the table records no progress. */
  z.string().nullable(),
  /** The rating given (a RAG word, or Unrecognised), or null. */
  z.string().nullable(),
  /** The target cell as typed. */
  z.string().nullable(),
  /** The final target as read, ISO. */
  z.string().nullable(),
  /** Days overdue at the as-of date, or null when it is not overdue. */
  z.number().int().nullable(),
]);
export type ActionLine = z.infer<typeof ActionLineSchema>;

/** A work stream of a tracker: its report fields without the actions (those are the tracker's action lines). */
export const RollupWorkstreamSchema = ReportWorkstreamSchema.omit({ actions: true }).extend({ kind: z.enum(STATUS_KINDS) });
export type RollupWorkstream = z.infer<typeof RollupWorkstreamSchema>;

export const SeverityCountsSchema = z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() });
export type SeverityCounts = z.infer<typeof SeverityCountsSchema>;

/** Where a tracker came from: the name it is shown by, and its path. */
export const TrackerFileSchema = z.object({
  /** The shortest part of its path that tells it apart from every other file read (`north/Tracker.xlsx`). */
  file: z.string(),
  /** The path it was found at, as the user would type it. */
  path: z.string(),
});
export type TrackerFile = z.infer<typeof TrackerFileSchema>;

/** A tracker's overall figures, as its own report (ragbook.report/1) gives them. */
const TrackerOverallSchema = FiguresSchema.extend({ change: WorkstreamChangeSchema.nullable() });

/** All the directorate view keeps of one tracker once it has been read. */
export const TrackerSummarySchema = TrackerFileSchema.extend({
  /** The as-of date it was judged at (the directorate's). */
  asOf: z.string(),
  /** As in the tracker's own report: its figures and its change since its own last recalculation. */
  overall: TrackerOverallSchema,
  /** What the directorate's overall RAG is judged from: this tracker's tallies, added to the others'. */
  tallies: z.custom<OverallTallies>((v) => typeof v === 'object' && v !== null && 'all' in v),
  /** The kinds of its tables (whether it records progress, ratings, both or neither). */
  kinds: z.array(z.enum(STATUS_KINDS)),
  workstreams: z.array(RollupWorkstreamSchema),
  findings: SeverityCountsSchema,
  /** When the tracker's own RAG sheets say it was last recalculated (local time, `YYYY-MM-DDTHH:MM`), or null for never. */
  lastRecalculated: z.string().nullable(),
  actions: z.array(ActionLineSchema),
});
export type TrackerSummary = z.infer<typeof TrackerSummarySchema>;

/** What became of one file: read, or refused with the message `ragbook check` gives for it. */
export type TrackerOutcome = ({ kind: 'read' } & TrackerSummary) | ({ kind: 'refused'; message: string } & TrackerFile);

export interface RollupContext {
  asOf: string;
  /** The moment the directorate view was made (stamped on its summary). */
  now: Date;
  /** The RAG rules the overall figures are judged by: the directorate's settings, not any one tracker's. */
  rules: RagRules;
}

export interface Rollup {
  asOf: string;
  generatedAt: string;
  /** Every file, in the order given: read or refused. */
  trackers: TrackerOutcome[];
  /** Every action of every tracker read, judged together. */
  overall: Figures;
  /** Work streams of every tracker read, per RAG word. */
  workstreamsByRag: Record<Rag, number>;
  /** Hand-typed summary blocks checked, and how many of them are stale. */
  stated: { checked: number; stale: number };
  findings: SeverityCounts;
}

/** Folds the trackers read into the directorate's figures. */
export function rollUp(trackers: TrackerOutcome[], ctx: RollupContext): Rollup {
  let tallies = NO_TALLIES;
  const workstreamsByRag = Object.fromEntries(RAG_VALUES.map((w) => [w, 0])) as Record<Rag, number>;
  const stated = { checked: 0, stale: 0 };
  const findings: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const t of trackers) {
    if (t.kind !== 'read') continue;
    tallies = addTallies(tallies, t.tallies);
    for (const w of t.workstreams) {
      workstreamsByRag[w.rag]++;
      if (w.stated) {
        stated.checked++;
        if (!w.stated.matches) stated.stale++;
      }
    }
    findings.error += t.findings.error;
    findings.warning += t.findings.warning;
    findings.info += t.findings.info;
  }
  return {
    asOf: ctx.asOf,
    generatedAt: ctx.now.toISOString(),
    trackers,
    overall: overallOfTallies(tallies, ctx.rules),
    workstreamsByRag,
    stated,
    findings,
  };
}

// ---------------------------------------------------------------------------
// The report, ragbook.rollup/1 (DESIGN.md, "Report format"): field names are a
// stable interface, added to and never renamed.

export const RollupTrackerReportSchema = z.union([
  TrackerFileSchema.extend({
    asOf: z.string(),
    overall: TrackerOverallSchema,
    /** As in the tracker's own report (ragbook.report/1), each with its actions. */
    workstreams: z.array(ReportWorkstreamSchema),
    findings: SeverityCountsSchema,
    lastRecalculated: z.string().nullable(),
  }),
  TrackerFileSchema.extend({ refused: z.string() }),
]);
export type RollupTrackerReport = z.infer<typeof RollupTrackerReportSchema>;

export const RollupReportSchema = z.object({
  schema: z.literal('ragbook.rollup/1'),
  asOf: z.string(),
  trackers: z.array(RollupTrackerReportSchema),
  /** Files read, and files refused. */
  read: z.number().int(),
  refused: z.number().int(),
  /** Work streams of every tracker read, per RAG word. */
  workstreamsByRag: z.record(RagSchema, z.number().int()),
  stated: z.object({ checked: z.number().int(), stale: z.number().int() }),
  findings: SeverityCountsSchema,
  overall: FiguresSchema,
});
export type RollupReport = z.infer<typeof RollupReportSchema>;

// A directorate's report holds every action of every tracker, far more than the
// figures, so it is written a tracker at a time as each is read: the opening, one
// entry per tracker (its work streams' JSON made where the tracker was read), and
// the closing with the figures across all of them.

/** The report up to its first tracker. */
export function rollupReportOpening(asOf: string): string {
  return `{\n  "schema": "ragbook.rollup/1",\n  "asOf": ${JSON.stringify(asOf)},\n  "trackers": [\n`;
}

/**
 * One tracker's entry, on one line. `workstreamsJson` is the JSON of the tracker's own
 * report's work streams (actions included), made where the tracker was read.
 */
export function trackerReportEntry(t: TrackerOutcome, workstreamsJson: string): string {
  const file = `"file":${JSON.stringify(t.file)},"path":${JSON.stringify(t.path)}`;
  if (t.kind === 'refused') return `    {${file},"refused":${JSON.stringify(t.message)}}`;
  return (
    `    {${file},"asOf":${JSON.stringify(t.asOf)},"overall":${JSON.stringify(t.overall)},` +
    `"workstreams":${workstreamsJson},"findings":${JSON.stringify(t.findings)},"lastRecalculated":${JSON.stringify(t.lastRecalculated)}}`
  );
}

/** The report after its last tracker: the figures across all of them. */
export function rollupReportClosing(r: Rollup): string {
  const refused = r.trackers.filter((t) => t.kind === 'refused').length;
  const tail = {
    read: r.trackers.length - refused,
    refused,
    workstreamsByRag: r.workstreamsByRag,
    stated: r.stated,
    findings: r.findings,
    overall: r.overall,
  };
  const body = JSON.stringify(tail, null, 2).slice(1, -1).trimEnd();
  return `\n  ],${body}\n}\n`;
}

/** The entries joined as the report lists them: a comma between, none after the last. */
export function reportSeparator(index: number): string {
  return index === 0 ? '' : ',\n';
}
