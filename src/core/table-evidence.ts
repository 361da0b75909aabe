import { parseArea } from './grid';
import {
  COLUMN_ROLES,
  COLUMN_SOURCES,
  NO_ROLE,
  ROW_KINDS,
  ROW_REASONS,
  TABLE_STATES,
  TITLE_SOURCES,
  UNREAD_REASONS,
} from './vocabulary/evidence';
import { z } from './zod';

// How Ragbook read each table, kept so an officer can check it and correct it
// (DESIGN.md, "How tables are found" step 5 and the overrides paragraph). Detection
// produces TableEvidence for every table-like block it met, read or not; the pane
// and the command line show it; TableOverride, stored in the settings, is the
// officer's correction, and detection applies it next time.
//
// Places are as the officer sees them in Excel: column letters, 1-based row
// numbers and A1 ranges, never 0-based indexes, so an override typed by hand in a
// settings file reads the way the sheet does.

/** A column letter as Excel shows it: A to XFD. */
export const ColumnLetterSchema = z.string().regex(/^[A-Z]{1,3}$/, 'expected a column letter such as C');

/** An A1 range on one sheet, `A4:G17` (or one cell), without a sheet name or `$`. */
export const RangeSchema = z
  .string()
  .max(21)
  .refine((s) => /^[A-Z]{1,3}\d{1,7}(:[A-Z]{1,3}\d{1,7})?$/.test(s) && parseArea(s) !== null, {
    message: 'expected a range such as A4:G17',
  });

const rowNumber = z.number().int().min(1).max(1048576);

export const ColumnRoleSchema = z.enum(COLUMN_ROLES);

/** One column inside a table's range, whether Ragbook reads it or not. */
export const ColumnEvidenceSchema = z.object({
  column: ColumnLetterSchema,
  /** The header as read; a two-row header's group and sub-header joined (`Timescale End`). Empty when blank. */
  header: z.string(),
  /** What Ragbook reads the column as; null for a column it keeps and ignores (a start date, a comments column it does not know). */
  role: ColumnRoleSchema.nullable(),
  /** How the role was decided; null with no role. */
  source: z.enum(COLUMN_SOURCES).nullable(),
});

/** A row of the table that is not an action: a title, a heading, a note, a summary block or a legend. */
export const RowEvidenceSchema = z.object({
  row: rowNumber,
  kind: z.enum(ROW_KINDS),
  reason: z.enum(ROW_REASONS),
  /** The row's first text, as typed (cut to a few hundred characters), so the pane can quote it. */
  text: z.string(),
});

/** A work stream the table gave, with where its title came from. */
export const WorkstreamEvidenceSchema = z.object({
  title: z.string(),
  range: RangeSchema,
  titleSource: z.enum(TITLE_SOURCES),
});

export const TableEvidenceSchema = z.object({
  sheet: z.string(),
  /**
   * The table from its (upper) header row to its last row of actions, headings or
   * notes; a legend's or an unread block's own cells. Title rows above and summary
   * blocks below are listed in `rows`, each summary block with its own range in
   * `summaries`.
   */
  range: RangeSchema,
  /** One row, or two for a header over two rows; empty for an unread block with no header. */
  headerRows: z.array(rowNumber).max(2),
  /** The Excel Table (ListObject) the table is, if any. */
  excelTable: z.string().nullable(),
  state: z.enum(TABLE_STATES),
  /** Why an unread block was not read as a tracker; null for every other state. */
  unreadReason: z.enum(UNREAD_REASONS).nullable(),
  /**
   * How well the header and the values below it fit a tracker, 0 to 1; a table
   * counts when it passes detection's threshold. Null where no score was worked out.
   */
  score: z.number().min(0).max(1).nullable(),
  /** The status dimensions the table records (null unless read). */
  kind: z.enum(['progress', 'ratings', 'both', 'neither']).nullable(),
  /** Every column in the range, left to right. */
  columns: z.array(ColumnEvidenceSchema),
  /** Titles, headings, notes, summary blocks and legends, top to bottom. */
  rows: z.array(RowEvidenceSchema),
  /** The hand-typed summary blocks read with the table (each compared with the work streams above it). */
  summaries: z.array(RangeSchema),
  /** The work streams read from it, in sheet order; empty unless read. */
  workstreams: z.array(WorkstreamEvidenceSchema),
  /** True when an override in the settings changed how this table was read. */
  overridden: z.boolean(),
});

export type ColumnEvidence = z.infer<typeof ColumnEvidenceSchema>;
export type RowEvidence = z.infer<typeof RowEvidenceSchema>;
export type WorkstreamEvidence = z.infer<typeof WorkstreamEvidenceSchema>;
export type TableEvidence = z.infer<typeof TableEvidenceSchema>;

/**
 * An officer's correction of how one table was read, stored in the settings
 * (`tables`). It is matched to the table on `sheet` whose range shares the most
 * cells with `range` (table-overrides.ts, matchOverride), so a table that grew by a
 * few rows since keeps it. `ignore` and `roles` act on that table; `title` names
 * the work stream whose range shares the most cells with `range` (the pane writes
 * a title override with the work stream's own range, a roles override with the
 * table's).
 */
export const TableOverrideSchema = z
  .object({
    sheet: z.string().min(1).max(31),
    range: RangeSchema,
    /** The table is not a tracker: read nothing from it, report nothing about it. */
    ignore: z.boolean().optional(),
    /**
     * Column letter → role; `none` means the column is not read at all. A role
     * given here is taken from the column detection gave it to (the officer says
     * F, not E, is the target); other columns keep their detected roles.
     */
    roles: z.partialRecord(ColumnLetterSchema, z.union([ColumnRoleSchema, z.literal(NO_ROLE)])).optional(),
    /** The work stream's title, instead of the one detection found. */
    title: z.string().trim().min(1).max(255).optional(),
  })
  .refine((o) => o.ignore !== undefined || o.roles !== undefined || o.title !== undefined, {
    message: 'an override says to ignore the table, gives column roles or gives a title',
  });

export type TableOverride = z.infer<typeof TableOverrideSchema>;

/** No settings file needs more; each override is compared with each table found. */
export const MAX_TABLE_OVERRIDES = 500;
