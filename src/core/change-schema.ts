import { z } from './zod';

// Direction of travel (DESIGN.md, "What it computes"): each action compared with the
// last recalculation, and each work stream's RAG and % completed then and now. The
// field names are part of the JSON report (README.md, "The report"), so they are
// written here once and every type comes from these schemas.

/** The word for a work stream's direction of travel. */
export const DIRECTIONS = ['Better', 'Worse', 'Same', 'New'] as const;
export const DirectionSchema = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof DirectionSchema>;

/**
 * What happened to one action since the last recalculation. An action may have
 * several (completed and its target moved); `added` and `removed` stand alone.
 */
export const CHANGE_KINDS = ['completed', 'newly-overdue', 'went-backwards', 'target-moved', 'added', 'removed'] as const;
export const ChangeKindSchema = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof ChangeKindSchema>;

/** The report's count of each kind, by a field name (camelCase, as every report field). */
export const CHANGE_COUNT_FIELD = {
  completed: 'completed',
  'newly-overdue': 'newlyOverdue',
  'went-backwards': 'wentBackwards',
  'target-moved': 'targetMoved',
  added: 'added',
  removed: 'removed',
} as const satisfies Record<ChangeKind, string>;

export const ChangeCountsSchema = z.object({
  completed: z.number().int(),
  newlyOverdue: z.number().int(),
  wentBackwards: z.number().int(),
  targetMoved: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
});
export type ChangeCounts = z.infer<typeof ChangeCountsSchema>;

/**
 * One action as a recalculation left it on RAG Actions: what the next one compares
 * with. Words, not readings: `status` is the progress word counted, `rating` the
 * rating word, `target` the cell as typed, `due` the final target as read (ISO).
 */
export const ActionSnapshotSchema = z.object({
  sheet: z.string(),
  workstream: z.string(),
  /** Where the action's status is typed (else its rating, its text), `D12`. */
  cell: z.string().nullable(),
  id: z.string().nullable(),
  action: z.string(),
  status: z.string().nullable(),
  rating: z.string().nullable(),
  target: z.string().nullable(),
  due: z.string().nullable(),
  /** Days past the due date at that recalculation's as-of date; null when not overdue. */
  overdueDays: z.number().int().nullable(),
});
export type ActionSnapshot = z.infer<typeof ActionSnapshotSchema>;

/** A work stream's standing at one recalculation. */
export const StandingSchema = z.object({
  /** The RAG word, or null when it is not known. */
  rag: z.string().nullable(),
  /** The share completed (a fraction), or null where nothing was counted. */
  completed: z.number().nullable(),
});
export type Standing = z.infer<typeof StandingSchema>;

/** What the last recalculation left: the baseline this one is compared with. */
export const BaselineSchema = z.object({
  /** The as-of date of the last recalculation (ISO), when it can be read. */
  since: z.string().nullable(),
  actions: z.array(ActionSnapshotSchema),
  workstreams: z.array(StandingSchema.extend({ sheet: z.string(), title: z.string() })),
  overall: StandingSchema.nullable(),
});
export type Baseline = z.infer<typeof BaselineSchema>;

/** A work stream then, and the word for its direction (DESIGN.md, "Report format": `change`). */
export const WorkstreamChangeSchema = z.object({
  since: z.string().nullable(),
  /** The RAG then; null for a work stream that is New, or when it was not recorded. */
  rag: z.string().nullable(),
  /** % completed then, a fraction; null when New or nothing was counted. */
  completed: z.number().nullable(),
  direction: DirectionSchema,
});
export type WorkstreamChange = z.infer<typeof WorkstreamChangeSchema>;

/** One action's change: its kinds (empty when nothing changed) and how it stood then (null when added). */
export const ActionChangeSchema = z.object({
  kinds: z.array(ChangeKindSchema),
  then: ActionSnapshotSchema.nullable(),
});
export type ActionChange = z.infer<typeof ActionChangeSchema>;

/** The comparison of a recalculation with the one before. */
export const ChangeSetSchema = z.object({
  since: z.string().nullable(),
  counts: ChangeCountsSchema,
  /** Parallel to the result's work streams. */
  workstreams: z.array(WorkstreamChangeSchema),
  overall: WorkstreamChangeSchema,
  /** Parallel to each work stream's actions. */
  actions: z.array(z.array(ActionChangeSchema)),
  /** Actions the last recalculation had and this one has not, as they stood then. */
  removed: z.array(ActionSnapshotSchema),
});
export type ChangeSet = z.infer<typeof ChangeSetSchema>;
