import type { PlanCell } from '../core/plan-schema';

// Excel's limits on what a cell may hold, applied by both adapters before a cell is
// written: Excel refuses a write (Office.js) or repairs the file (.xlsx) that passes
// them, and a refused write would stop the whole recalculation over one long note.

/** The most characters a cell holds. */
export const MAX_CELL_TEXT = 32767;
/** The most characters a formula holds. */
export const MAX_FORMULA = 8192;
/** The most characters of a text constant in a formula ("…" in HYPERLINK's friendly name, say). */
export const MAX_FORMULA_TEXT = 255;
/** The most characters of a worksheet custom property's key. */
export const MAX_PROPERTY_KEY = 255;

const ELLIPSIS = '…';

/** Text cut to `max` characters, without splitting a surrogate pair, ending with an ellipsis when cut. */
export function cutText(s: string, max: number, ellipsis = true): string {
  if (s.length <= max) return s;
  let t = s.slice(0, ellipsis ? max - 1 : max);
  if (/[\uD800-\uDBFF]$/.test(t)) t = t.slice(0, -1);
  return ellipsis ? t + ELLIPSIS : t;
}

/**
 * A formula's text constants cut to Excel's 255 characters each ("" counts as one
 * character), and the cut texts; the formula is otherwise as it was.
 */
function cutFormulaTexts(formula: string): { formula: string; cut: Map<string, string> } {
  const cut = new Map<string, string>();
  const out = formula.replace(/"((?:[^"]|"")*)"/g, (whole, body: string) => {
    const text = body.replace(/""/g, '"');
    if (text.length <= MAX_FORMULA_TEXT) return whole;
    const shorter = cutText(text, MAX_FORMULA_TEXT);
    cut.set(text, shorter);
    return `"${shorter.replace(/"/g, '""')}"`;
  });
  return { formula: out, cut };
}

/**
 * The cell as Excel will take it: text no longer than a cell holds; a formula's text
 * constants (a link's shown text) no longer than 255 characters, the cached value
 * cut alike; a formula still too long written as its value alone.
 */
export function withinLimits(cell: PlanCell): PlanCell {
  let { value, formula } = cell;
  if (formula !== undefined && formula !== '') {
    const fitted = cutFormulaTexts(formula);
    formula = fitted.formula;
    if (typeof value === 'string' && fitted.cut.has(value)) value = fitted.cut.get(value)!;
    if ((formula.startsWith('=') ? formula.length : formula.length + 1) > MAX_FORMULA) formula = undefined;
  }
  if (typeof value === 'string' && value.length > MAX_CELL_TEXT) value = cutText(value, MAX_CELL_TEXT, false);
  if (value === cell.value && formula === cell.formula) return cell;
  const out: PlanCell = { value };
  if (formula !== undefined && formula !== '') out.formula = formula;
  if (cell.style !== undefined) out.style = cell.style;
  return out;
}
