import { type CellValue, textOf } from './grid';
import type { ProgressRead, ProgressWord } from './vocabulary/progress';

// Reading a percent-complete cell (DESIGN.md, "Statuses, ratings and progress"):
// 0–100% as a number under a percentage format, a whole number, a fraction, or text
// (`50%`). Where a table has no status column it gives progress (100% Completed, 0%
// Not started, anything between In progress); beside a status it checks it.

export const PERCENT_HOWS = ['percent', 'unrecognised', 'empty'] as const;
export type PercentHow = (typeof PERCENT_HOWS)[number];

export interface PercentReading {
  raw: string;
  /** 0–1; null when the cell is empty or holds no percentage. */
  fraction: number | null;
  how: PercentHow;
}

/**
 * How a column's plain numbers are written. A number under a percentage format is
 * always a fraction (Excel shows 0.4 as 40%); plain numbers are fractions only when
 * none of the column's plain numbers is above 1, so `35`, `60`, `100` under a `%`
 * header are whole percentages and `0.45`, `1` are fractions.
 */
export type PercentScale = 'fraction' | 'whole';

const PERCENT_FORMAT = /%/;
const NUMBER_TEXT = /^([+-]?\d+(?:\.\d+)?)\s*(%?)$/;

/** True when a number format shows the number as a percentage (`0%`, `0.0%`), ignoring quoted text. */
export function isPercentFormat(format: string | null): boolean {
  return !!format && PERCENT_FORMAT.test(format.replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

/** The scale of a column's plain numbers (see PercentScale), from its cells and their formats. */
export function percentScale(values: readonly CellValue[], formats: readonly (string | null)[]): PercentScale {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && !isPercentFormat(formats[i] ?? null) && v > 1) return 'whole';
    if (typeof v === 'string') {
      const m = NUMBER_TEXT.exec(v.trim());
      if (m && !m[2] && Number(m[1]) > 1) return 'whole';
    }
  }
  return 'fraction';
}

function ofFraction(raw: string, f: number): PercentReading {
  // 100.0000001% is a rounding of 100%; 150% or -5% is no share of an action done.
  if (f < -1e-9 || f > 1 + 1e-9) return { raw, fraction: null, how: 'unrecognised' };
  return { raw, fraction: Math.min(1, Math.max(0, f)), how: 'percent' };
}

/** Reads one percent-complete cell, given its number format and the column's scale. */
export function readPercent(value: CellValue, format: string | null, scale: PercentScale): PercentReading {
  const raw = textOf(value);
  if (value === null || raw.trim() === '') return { raw, fraction: null, how: 'empty' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { raw, fraction: null, how: 'unrecognised' };
    return ofFraction(raw, isPercentFormat(format) || scale === 'fraction' ? value : value / 100);
  }
  if (typeof value !== 'string') return { raw, fraction: null, how: 'unrecognised' };
  const m = NUMBER_TEXT.exec(value.trim());
  if (!m) return { raw, fraction: null, how: 'unrecognised' };
  const n = Number(m[1]);
  return ofFraction(raw, m[2] || scale === 'whole' ? n / 100 : n);
}

/** The progress a percentage gives where there is no status: 100% Completed, 0% Not started, else In progress. */
export function progressOfPercent(fraction: number): ProgressWord {
  if (fraction >= 1) return 'Completed';
  if (fraction <= 0) return 'Not started';
  return 'In progress';
}

/**
 * True when a status contradicts its percentage: Completed below 100%, anything
 * still open at 100%, Not started above 0%. In progress at 0% is not a
 * contradiction (work can start before a share is done), nor is Withdrawn at any.
 */
export function contradicts(word: ProgressRead, fraction: number): boolean {
  switch (word) {
    case 'Completed':
      return fraction < 1;
    case 'In progress':
    case 'Static':
      return fraction >= 1;
    case 'Not started':
      return fraction > 0;
    default:
      return false;
  }
}
