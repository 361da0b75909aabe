import { sheetNameProblem } from './sheet-names';
import { RAG_WORDS } from './vocabulary/ratings';
import { z } from './zod';

// A plan is a plain description of the sheets Ragbook writes. core builds it; each
// adapter (workbook/office/, workbook/xlsx/) applies it. Nothing in a plan refers to the user's own
// sheets except as link targets, so applying it can never change a user's cell.

/** Named styles; adapters turn each into their own format objects once. */
export const STYLE_NAMES = [
  'title',
  'subtitle',
  'header',
  'text',
  'wrap',
  'integer',
  'percent',
  'date',
  'dateShort',
  'datetime',
  // A date and time inside a table (RAG History's Recalculated).
  'stamp',
  'link',
  'linkWrap',
  'total',
  'totalPercent',
  // The headline above RAG Summary's table: a label, then what it says.
  'label',
  'headline',
  // Explanations under a table (the legend's words, what `n/a` means).
  'note',
  // One style per RAG word, its fill and text from palette.ts, and one for a RAG
  // that is no colour (Not rated).
  ...RAG_WORDS.map((w) => `rag-${w}` as const),
  'rag-none',
  'sev-error',
  'sev-warning',
  'sev-info',
] as const;
export const StyleNameSchema = z.enum(STYLE_NAMES);
export type StyleName = z.infer<typeof StyleNameSchema>;

export const StyleDefSchema = z.object({
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  underline: z.boolean().optional(),
  size: z.number().optional(),
  /** #RRGGBB */
  color: z.string().optional(),
  fill: z.string().optional(),
  numberFormat: z.string().optional(),
  wrap: z.boolean().optional(),
  align: z.enum(['left', 'center', 'right']).optional(),
  border: z.boolean().optional(),
});
export type StyleDef = z.infer<typeof StyleDefSchema>;

/**
 * One cell. `value` is what the cell shows: text is always written as text (an
 * inline string, or a value with a leading apostrophe in Office.js), never parsed
 * as a formula. `formula` is set only for cells Ragbook itself builds (HYPERLINK);
 * then `value` is the cached result.
 */
export const PlanCellSchema = z.object({
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  formula: z.string().optional(),
  style: StyleNameSchema.optional(),
  /**
   * One cell object that repeats down a long sheet (a tracker's name, a status word):
   * where the writer keeps a workbook's text once (shared strings), it is looked up by
   * the object, not by hashing its text again on every row.
   */
  repeats: z.boolean().optional(),
});
export type PlanCell = z.infer<typeof PlanCellSchema>;

export const ConditionalFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dataBar'), range: z.string(), color: z.string() }),
  /** A formula rule relative to the range's top-left cell; LibreOffice applies these. */
  z.object({ type: z.literal('expression'), range: z.string(), formula: z.string(), style: StyleNameSchema }),
]);
export type ConditionalFormat = z.infer<typeof ConditionalFormatSchema>;

/**
 * The sheets Ragbook owns: each is found again by its mark and updated in place. A
 * directorate workbook (ragbook rollup) has its summary, actions and issues (the files
 * not read), and All work streams, which no tracker has.
 */
export const SHEET_ROLES = ['summary', 'actions', 'issues', 'history', 'workstreams'] as const;
export const SheetRoleSchema = z.enum(SHEET_ROLES);

/**
 * An Excel Table (ListObject) over part of a sheet: one header row, then data. Tables
 * make the sheets filterable and sortable, and screen readers announce their headers.
 */
export const PlanTableSchema = z.object({
  /** The table's name; unique in the workbook (an adapter adds a number when a user's table already has it). */
  name: z.string().min(1).max(255),
  /** Header row through last data row, `A7:N30`. On an append sheet the table runs down to the last row written. */
  ref: z.string(),
  /** An Excel built-in table style, or null for none. */
  style: z.string().nullable(),
});
export type PlanTable = z.infer<typeof PlanTableSchema>;

/** How the sheet prints: a recipient without the add-in prints it and sends it back. */
export const PrintSchema = z.object({
  orientation: z.enum(['landscape', 'portrait']),
  /** The paper it is laid out for: A4 where the users are (UK councils and the NHS); a program's default is often US Letter. */
  paper: z.enum(['A4', 'Letter']),
  /** Scaled to this many pages wide (1: one page wide, as many pages tall as it takes). */
  fitToWidth: z.number().int().min(1),
  /** Rows repeated at the top of every printed page, `$7:$7`, or null. */
  repeatRows: z.string().nullable(),
  /** Footer sections in Excel's header and footer codes (`&P` page, `&N` pages, `&&` an ampersand). */
  footer: z.object({ left: z.string(), center: z.string(), right: z.string() }),
});
export type Print = z.infer<typeof PrintSchema>;

const sheetFields = {
  role: SheetRoleSchema,
  /** The name the sheet will have once written. */
  name: z.string().refine((n) => sheetNameProblem(n) === null, { message: 'not a sheet name Excel accepts' }),
  /**
   * The sheet Ragbook already owns in this role, updated in place (its identity,
   * and every formula, chart and name that refers to it, kept), or null for a new sheet.
   * When it differs from `name`, the sheet is renamed.
   */
  existing: z.string().nullable(),
  /** Column widths in characters, from column A. */
  columnWidths: z.array(z.number()),
  /** Row heights in points, from row 1 (null: the default height); wrapped text needs them in some programs. */
  rowHeights: z.array(z.number().nullable()),
  merges: z.array(z.string()),
  conditionalFormats: z.array(ConditionalFormatSchema),
  /** Rows frozen at the top (the table header stays visible while scrolling). */
  freezeRows: z.number().int().min(0),
  /** Per-sheet tab colour, #RRGGBB. */
  tabColor: z.string().optional(),
  tables: z.array(PlanTableSchema),
  /** How the sheet prints; null leaves the sheet's page setup as it is. */
  print: PrintSchema.nullable(),
};

export const PlanSheetSchema = z.discriminatedUnion('mode', [
  /** The sheet's cells are cleared and written anew. */
  z.object({
    ...sheetFields,
    mode: z.literal('replace'),
    rows: z.array(z.array(PlanCellSchema)),
    /**
     * Rows that follow `rows`, given to the writer apart, already laid out: the
     * directorate workbook's All actions, 100,000s of rows packed as the trackers are
     * read (workbook/xlsx/write/sheet-body.ts). Only a new .xlsx workbook takes them;
     * `rowHeights` and `tables` already count them.
     */
    following: z.number().int().min(0).optional(),
  }),
  /**
   * Rows are added below the last row already on the sheet, and the earlier rows are
   * never rewritten (RAG History: filters, notes and charts on it survive). `head`
   * (the title and header rows) is written only when the sheet is new or empty.
   */
  z.object({
    ...sheetFields,
    mode: z.literal('append'),
    head: z.array(z.array(PlanCellSchema)),
    rows: z.array(z.array(PlanCellSchema)),
  }),
]);
export type PlanSheet = z.infer<typeof PlanSheetSchema>;

export const PlanSchema = z.object({
  sheets: z.array(PlanSheetSchema),
  styles: z.record(StyleNameSchema, StyleDefSchema),
  /** The sheet to show after writing. */
  activate: z.string(),
  /** Settings to store back in the workbook (JSON), so colleagues get the same rules. */
  settingsJson: z.string(),
  /**
   * Ragbook's sheets to set aside: renamed, marked as an archive and never written
   * again (a RAG History in an older layout, kept rather than lost).
   */
  retire: z.array(
    z.object({
      name: z.string(),
      newName: z.string().refine((n) => sheetNameProblem(n) === null, { message: 'not a sheet name Excel accepts' }),
    }),
  ),
  /**
   * Written into the summary sheet first, and replaced by the summary last: if a
   * recalculation stops part way, the summary says so and the next one repairs it.
   */
  pending: z.object({ cell: z.string(), text: z.string() }).nullable(),
});
export type Plan = z.infer<typeof PlanSchema>;
