import { ActionChangeSchema, ActionSnapshotSchema, ChangeCountsSchema, WorkstreamChangeSchema } from './change-schema';
import { COUNT_FIELDS, RATING_FIELDS, SHARE_FIELDS } from './count-fields';
import { DATE_KINDS, TARGET_STATES } from './dates';
import { FindingSchema } from './findings';
import { PERCENT_HOWS } from './percent-complete';
import { TableEvidenceSchema } from './table-evidence';
import { PROGRESS_HOWS, RATING_HOWS } from './status';
import { PROGRESS_READINGS } from './vocabulary/progress';
import { RAG_VALUES, RAG_WORDS, RATING_READINGS } from './vocabulary/ratings';
import { z } from './zod';

// The JSON report is a stable interface read by tests outside the project: the
// schema here is the source of truth for its field names (DESIGN.md, "Report format"),
// and the engine's figures take their type from it.

/** One schema per name: the count fields are listed once, in core/count-fields.ts. */
function fieldsOf<K extends string, S extends z.ZodType>(names: readonly K[], schema: S): { [P in K]: S } {
  return Object.fromEntries(names.map((n) => [n, schema])) as { [P in K]: S };
}

export const CountsSchema = z.object(fieldsOf(COUNT_FIELDS, z.number().int()));
export type Counts = z.infer<typeof CountsSchema>;

/** The five-point scale's in-between ratings count zero on a three-point tracker. */
export const RatingsSchema = z.object(fieldsOf(RATING_FIELDS, z.number().int()));
export type Ratings = z.infer<typeof RatingsSchema>;

/**
 * Each counting word's share of the actions that still count (total less withdrawn).
 * Where nothing was counted (no action still counts, or the table records no
 * progress) every share is null, never 0: the sheets and the pane say so in words.
 */
export const PercentSchema = z.object(fieldsOf(SHARE_FIELDS, z.number().nullable()));
export type Percent = z.infer<typeof PercentSchema>;

/** A work stream's RAG: a rating word, or Not rated where nothing can be judged. */
export const RagSchema = z.enum(RAG_VALUES);
export type Rag = z.infer<typeof RagSchema>;

export const DifferenceSchema = z.object({
  /** completed | inProgress | static | notStarted | total, or percent.<field>. */
  field: z.string(),
  label: z.string(),
  stated: z.number().nullable(),
  actual: z.number(),
  cell: z.string(),
});
export type Difference = z.infer<typeof DifferenceSchema>;

export const StatedSchema = z.object({
  range: z.string(),
  /** Titles of the work streams the block counts (a block under 2b covers 2a and 2b). */
  covers: z.array(z.string()),
  matches: z.boolean(),
  differences: z.array(DifferenceSchema),
});
export type Stated = z.infer<typeof StatedSchema>;

/** A work stream's figures, or the whole workbook's. */
export const FiguresSchema = z.object({
  counts: CountsSchema,
  ratings: RatingsSchema,
  percent: PercentSchema,
  overdue: z.number().int(),
  dueSoon: z.number().int(),
  rag: RagSchema,
  /** One sentence saying which rule gave the RAG. */
  ragReason: z.string(),
});
export type Figures = z.infer<typeof FiguresSchema>;

/** One part of a target-date cell: a line, a `;` piece, or one date of several in a row. */
export const ReportDatePartSchema = z.object({
  text: z.string(),
  kind: z.enum(DATE_KINDS),
  start: z.string().nullable(),
  end: z.string().nullable(),
  /** The rule that applied, in words. */
  rule: z.string(),
});

/** How one action row was read: what each cell said and what Ragbook took it to mean. */
export const ReportActionSchema = z.object({
  /** 1-based row number on the sheet. */
  row: z.number().int(),
  id: z.string().nullable(),
  action: z.string(),
  /** The progress status: the cell, its text, the word counted and how it was read. */
  status: z
    .object({
      cell: z.string(),
      value: z.string(),
      read: z.enum(PROGRESS_READINGS),
      how: z.enum(PROGRESS_HOWS),
      /** The rating the word implies (`At risk`: Amber), or null. */
      implied: z.enum(RAG_WORDS).nullable(),
    })
    .nullable(),
  /** The rating; `fill` is the cell's colour where the rating was read from it. */
  rating: z
    .object({
      cell: z.string(),
      value: z.string(),
      read: z.enum(RATING_READINGS),
      how: z.enum(RATING_HOWS),
      fill: z.string().nullable(),
    })
    .nullable(),
  /** The percent-complete cell, where the table has one: `fraction` 0–1, or null when empty or unreadable. */
  percent: z.object({ cell: z.string(), value: z.string(), fraction: z.number().nullable(), how: z.enum(PERCENT_HOWS) }).nullable(),
  target: z
    .object({
      cell: z.string(),
      value: z.string(),
      state: z.enum(TARGET_STATES),
      /** The final target (the latest due-by day), ISO. */
      final: z.string().nullable(),
      parts: z.array(ReportDatePartSchema),
    })
    .nullable(),
  owner: z.string().nullable(),
  overdueDays: z.number().int().nullable(),
  dueSoon: z.boolean(),
  /** What changed since the last recalculation (kinds empty when nothing did); null on the first. */
  change: ActionChangeSchema.nullable(),
});
export type ReportAction = z.infer<typeof ReportActionSchema>;

export const ReportWorkstreamSchema = z.object({
  title: z.string(),
  sheet: z.string(),
  range: z.string(),
  ...FiguresSchema.shape,
  stated: StatedSchema.nullable(),
  /** The RAG and % completed at the last recalculation, and the direction since; null on the first. */
  change: WorkstreamChangeSchema.nullable(),
  actions: z.array(ReportActionSchema),
});

/** What changed since the last recalculation, counted, and the actions no longer there. */
export const ReportChangeSchema = z.object({
  since: z.string().nullable(),
  counts: ChangeCountsSchema,
  removed: z.array(ActionSnapshotSchema),
});

export const ReportSchema = z.object({
  schema: z.literal('ragbook.report/1'),
  source: z.string(),
  asOf: z.string(),
  workstreams: z.array(ReportWorkstreamSchema),
  overall: FiguresSchema.extend({ change: WorkstreamChangeSchema.nullable() }),
  issues: z.array(FindingSchema),
  /** Null on the first recalculation (no RAG Actions sheet to compare with). */
  change: ReportChangeSchema.nullable(),
  /** Every table-like block met and how it was read: the ranges and columns a table override names. */
  tables: z.array(TableEvidenceSchema),
});
export type Report = z.infer<typeof ReportSchema>;
export type ReportWorkstream = z.infer<typeof ReportWorkstreamSchema>;
