// The names Excel accepts for a sheet, written once: the settings refuse a name
// that breaks them, the plan never derives one, and the pane explains them. Excel
// refuses `History` (in any case) because it keeps that name for its own change
// history. The pane's first bundle imports this module, so it stays free of zod.

export const SHEET_NAME_LIMIT = 31;

const FORBIDDEN = /[[\]:*?/\\]/;
const FORBIDDEN_ALL = /[[\]:*?/\\]/g;

/** Each way a name can break Excel's rules, with what a person is told about it. */
export const SHEET_NAME_RULES = {
  empty: 'a sheet name cannot be empty',
  long: `Excel sheet names have at most ${SHEET_NAME_LIMIT} characters`,
  character: 'a sheet name may not contain [ ] : * ? / or \\',
  quote: "a sheet name may not start or end with '",
  reserved: "Excel reserves the name 'History'",
} as const;
export type SheetNameProblem = keyof typeof SHEET_NAME_RULES;

export function isReservedSheetName(name: string): boolean {
  return name.trim().toLowerCase() === 'history';
}

/** The first rule a name breaks, or null when Excel accepts it. */
export function sheetNameProblem(name: string): SheetNameProblem | null {
  if (name.length === 0) return 'empty';
  if (name.length > SHEET_NAME_LIMIT) return 'long';
  if (FORBIDDEN.test(name)) return 'character';
  if (name.startsWith("'") || name.endsWith("'")) return 'quote';
  if (isReservedSheetName(name)) return 'reserved';
  return null;
}

/**
 * A name Excel accepts made from any text: characters it refuses become spaces,
 * it is cut to fit, and spaces and quotes are taken from its ends (after the cut,
 * which may leave a quote last). Nothing left, or `History`, gives `Ragbook`.
 */
export function cleanSheetName(wanted: string): string {
  const name = wanted
    .replace(FORBIDDEN_ALL, ' ')
    .slice(0, SHEET_NAME_LIMIT)
    .replace(/^[\s']+|[\s']+$/g, '');
  return name && !isReservedSheetName(name) ? name : 'Ragbook';
}
