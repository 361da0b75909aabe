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

export const ReportWorkstreamSchema = z.object({
  title: z.string(),
  sheet: z.string(),
  range: z.string(),
  ...Figures,
  ragReason: z.string(),
  stated: StatedSchema.nullable(),
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
