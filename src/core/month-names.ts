// The months in words, for dates written out in findings, rules and the pane. The
// pane's first bundle imports this module, so it stays free of zod and the engine.

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** 1 → January; a number that is no month is written as it is rather than as `undefined`. */
export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? String(month);
}
