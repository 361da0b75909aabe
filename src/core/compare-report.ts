import {
  ActionSnapshotSchema,
  type ChangeSet,
  ChangeCountsSchema,
  ChangeKindSchema,
  DirectionSchema,
  StandingSchema,
} from './change-schema';
import { snapshotOf, standingOf } from './compare';
import { FindingSchema } from './findings';
import type { EngineResult } from './model';
import { overallKind } from './shares';
import { z } from './zod';

// The JSON report of `ragbook compare OLD NEW` (README.md, "The compare report"):
// what changed between two versions of a tracker. Like the recalculation report, its
// field names are a stable interface: fields are added, never renamed.

/** Where the older version's as-of date came from. */
export const OLD_AS_OF_SOURCES = ['option', 'ragbook', 'reporting-date', 'new'] as const;
export const OldAsOfSourceSchema = z.enum(OLD_AS_OF_SOURCES);
export type OldAsOfSource = z.infer<typeof OldAsOfSourceSchema>;

export const CompareReportSchema = z.object({
  schema: z.literal('ragbook.compare/1'),
  old: z.object({ source: z.string(), asOf: z.string(), asOfFrom: OldAsOfSourceSchema }),
  new: z.object({ source: z.string(), asOf: z.string() }),
  counts: ChangeCountsSchema,
  /** Each work stream of the newer version: how it stood then (null when New) and now. */
  workstreams: z.array(
    z.object({
      title: z.string(),
      sheet: z.string(),
      then: StandingSchema.nullable(),
      now: StandingSchema,
      direction: DirectionSchema,
    }),
  ),
  overall: z.object({ then: StandingSchema.nullable(), now: StandingSchema, direction: DirectionSchema }),
  /** Every action that changed, newer version's order first, then the removed ones. */
  changes: z.array(
    z.object({
      kinds: z.array(ChangeKindSchema),
      then: ActionSnapshotSchema.nullable(),
      now: ActionSnapshotSchema.nullable(),
    }),
  ),
  /** The newer version's findings: the exit code is 1 when any is an error, as `check`'s. */
  issues: z.array(FindingSchema),
});
export type CompareReport = z.infer<typeof CompareReportSchema>;

export interface CompareInput {
  old: { result: EngineResult; asOfFrom: OldAsOfSource };
  now: EngineResult;
  change: ChangeSet;
}

export function toCompareReport({ old, now, change }: CompareInput): CompareReport {
  const changes: CompareReport['changes'] = [];
  now.workstreams.forEach((w, i) =>
    w.actions.forEach((a, k) => {
      const c = change.actions[i][k];
      if (c.kinds.length) changes.push({ kinds: c.kinds, then: c.then, now: snapshotOf(a, w) });
    }),
  );
  for (const r of change.removed) changes.push({ kinds: ['removed'], then: r, now: null });
  const standing = (c: ChangeSet['overall']) => (c.direction === 'New' ? null : { rag: c.rag, completed: c.completed });
  return {
    schema: 'ragbook.compare/1',
    old: { source: old.result.source, asOf: old.result.asOf, asOfFrom: old.asOfFrom },
    new: { source: now.source, asOf: now.asOf },
    counts: change.counts,
    workstreams: now.workstreams.map((w, i) => ({
      title: w.title,
      sheet: w.sheet,
      then: standing(change.workstreams[i]),
      now: standingOf(w.figures, w.kind),
      direction: change.workstreams[i].direction,
    })),
    overall: {
      then: standing(change.overall),
      now: standingOf(now.overall, overallKind(now.workstreams.map((w) => w.kind))),
      direction: change.overall.direction,
    },
    changes,
    issues: now.findings,
  };
}
