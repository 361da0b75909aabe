import { z } from './zod';
import { FindingSchema } from './findings';

// The JSON report is a stable interface read by tests outside the project: the
// schema here is the source of truth for its field names (DESIGN.md, "Report format").

export const CountsSchema = z.object({
  completed: z.number().int(),
  inProgress: z.number().int(),
  static: z.number().int(),
  notStarted: z.number().int(),
  unrecognised: z.number().int(),
  noStatus: z.number().int(),
  total: z.number().int(),
});
export type Counts = z.infer<typeof CountsSchema>;

export const RatingsSchema = z.object({
  blue: z.number().int(),
  green: z.number().int(),
  amber: z.number().int(),
  red: z.number().int(),
  /** The five-point scale's in-between ratings; zero on a three-point tracker. */
  amberGreen: z.number().int(),
  amberRed: z.number().int(),
  unrated: z.number().int(),
});
export type Ratings = z.infer<typeof RatingsSchema>;

export const PercentSchema = z.object({
  completed: z.number(),
  inProgress: z.number(),
  static: z.number(),
  notStarted: z.number(),
});
export type Percent = z.infer<typeof PercentSchema>;

export const RagSchema = z.enum(['Blue', 'Green', 'Amber/Green', 'Amber', 'Amber/Red', 'Red']);
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

const Figures = {
  counts: CountsSchema,
  ratings: RatingsSchema,
  percent: PercentSchema,
  overdue: z.number().int(),
  dueSoon: z.number().int(),
  rag: RagSchema,
};

/** One part of a target-date cell: a line, a `;` piece, or one date of several in a row. */
export const ReportDatePartSchema = z.object({
  text: z.string(),
  /** excel-date | date-text | month-year | end-of-month | week-commencing | quarter | tbc | recurring | invalid | free-text */
  kind: z.string(),
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
  status: z.object({ cell: z.string(), value: z.string(), read: z.string(), how: z.string() }).nullable(),
  rating: z.object({ cell: z.string(), value: z.string(), read: z.string(), how: z.string() }).nullable(),
  target: z
    .object({
      cell: z.string(),
      value: z.string(),
      /** dated | tbc | recurring | invalid | free-text | empty */
      state: z.string(),
      /** The final target (the latest due-by day), ISO. */
      final: z.string().nullable(),
      parts: z.array(ReportDatePartSchema),
    })
    .nullable(),
  owner: z.string().nullable(),
  overdueDays: z.number().int().nullable(),
  dueSoon: z.boolean(),
});
export type ReportAction = z.infer<typeof ReportActionSchema>;

export const ReportWorkstreamSchema = z.object({
  title: z.string(),
  sheet: z.string(),
  range: z.string(),
  ...Figures,
  ragReason: z.string(),
  stated: StatedSchema.nullable(),
  actions: z.array(ReportActionSchema),
});

export const ReportSchema = z.object({
  schema: z.literal('ragbook.report/1'),
  source: z.string(),
  asOf: z.string(),
  workstreams: z.array(ReportWorkstreamSchema),
  overall: z.object({ ...Figures, ragReason: z.string() }),
  issues: z.array(FindingSchema),
});
export type Report = z.infer<typeof ReportSchema>;
export type ReportWorkstream = z.infer<typeof ReportWorkstreamSchema>;
