import { sheetNameProblem } from './sheet-names';
import { RAG_WORDS } from './vocabulary/ratings';
import { z } from './zod';

// A plan is a plain description of the sheets Ragbook writes. core builds it; each
// adapter (office.ts, xlsx) applies it. Nothing in a plan refers to the user's own
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
  'datetime',
  'link',
  'total',
  'totalPercent',
  // One style per RAG word, its fill and text from palette.ts.
  ...RAG_WORDS.map((w) => `rag-${w}` as const),
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
});
export type PlanCell = z.infer<typeof PlanCellSchema>;

export const ConditionalFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dataBar'), range: z.string(), color: z.string() }),
  /** A formula rule relative to the range's top-left cell; LibreOffice applies these. */
  z.object({ type: z.literal('expression'), range: z.string(), formula: z.string(), style: StyleNameSchema }),
]);
export type ConditionalFormat = z.infer<typeof ConditionalFormatSchema>;

export const PlanSheetSchema = z.object({
  role: z.enum(['summary', 'issues', 'history']),
  /** The name the sheet will have once written. */
  name: z.string().refine((n) => sheetNameProblem(n) === null, { message: 'not a sheet name Excel accepts' }),
  /** The existing Ragbook-owned sheet this one replaces, if any. */
  replaces: z.string().nullable(),
  /** Column widths in characters, from column A. */
  columnWidths: z.array(z.number()),
  rows: z.array(z.array(PlanCellSchema)),
  merges: z.array(z.string()),
  conditionalFormats: z.array(ConditionalFormatSchema),
  /** Rows frozen at the top (the table header stays visible while scrolling). */
  freezeRows: z.number().int().min(0),
  /** Per-sheet tab colour, #RRGGBB. */
  tabColor: z.string().optional(),
});
export type PlanSheet = z.infer<typeof PlanSheetSchema>;

export const PlanSchema = z.object({
  sheets: z.array(PlanSheetSchema),
  styles: z.record(StyleNameSchema, StyleDefSchema),
  /** The sheet to show after writing. */
  activate: z.string(),
  /** Settings to store back in the workbook (JSON), so colleagues get the same rules. */
  settingsJson: z.string(),
});
export type Plan = z.infer<typeof PlanSchema>;

export { OWNER_PROPERTY } from './ownership';
