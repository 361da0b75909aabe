import { type CellValue, isBlank } from '../grid';
import type { CellReaders } from './cell-readers';

// Every cell is typed from its value and format (DESIGN.md, "How tables are found",
// step 1). The kinds are what a column's values are compared with: a Status header
// over status words fits, a Date header over amounts does not.

export const CELL_KINDS = ['empty', 'status', 'rating', 'date', 'percent', 'id', 'label', 'text', 'number', 'formula', 'flag'] as const;
export type CellKind = (typeof CELL_KINDS)[number];

// `1`, `2.3`, `4a`, `PAY.04`, `CR11`, `FM-03`, `TB25/041`, `1.1.1`, `iv`.
export const ID_TEXT = /^(?:[a-z]{1,5}[-./ ]?)?\d{1,4}[a-z]{0,2}(?:[./-]\d{1,4}[a-z]?){0,3}\.?$|^[ivx]{1,5}[a-z]?\.?$/i;
/** A short label: a name, a lead, a service, a word of status. Longer is prose. */
export const MAX_LABEL = 40;
const FLAG = /^(?:y|n|yes|no|true|false|x|✓|✔)$/i;
/** Status words and dates are short; longer text is not looked up (a miss costs an edit-distance search). */
const MAX_STATUS_TEXT = 30;
const MAX_DATE_TEXT = 40;

export function cellKind(v: CellValue, format: string | null, readers: CellReaders): CellKind {
  if (v === null || isBlank(v)) return 'empty';
  if (typeof v === 'boolean') return 'flag';
  if (typeof v === 'number') {
    if (readers.isPercentLike(v, format)) return 'percent';
    if (readers.isDateLike(v, format)) return 'date';
    return 'number';
  }
  const t = v.trim();
  if (t.length > MAX_LABEL * 2) return 'text';
  if (t.startsWith('=')) return 'formula';
  if (t.length <= MAX_STATUS_TEXT) {
    if (readers.isRatingWord(t)) return 'rating';
    if (readers.isProgressWord(t)) return 'status';
    if (readers.isPercentLike(t, null)) return 'percent';
    if (FLAG.test(t)) return 'flag';
    if (ID_TEXT.test(t)) return 'id';
  }
  if (t.length <= MAX_DATE_TEXT && readers.isDateLike(t, null)) return 'date';
  return t.length <= MAX_LABEL ? 'label' : 'text';
}

/** Numbers that can be an action's number: small whole numbers. */
export function isIdNumber(v: CellValue): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 100_000;
}
