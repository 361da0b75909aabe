import { monthName } from './month-names';

// "30 September 2025": day first with the month in words reads the same in every
// locale, so no reader mistakes 03/04 for 4 March. Findings, date rules and the pane
// all write dates this way; the pane imports this module, so it stays free of zod.

export function longDateOf(year: number, month: number, day: number): string {
  return `${day} ${monthName(month)} ${year}`;
}

const ISO_DATE = /^\d{4,}-\d{2}-\d{2}$/;

/** `2025-09-30` → `30 September 2025`; anything else is returned as it is. */
export function longDate(iso: string): string {
  // Findings write a date for each of thousands of cells: test, then slice, with no match array made.
  if (!ISO_DATE.test(iso)) return iso;
  const n = iso.length;
  return longDateOf(Number(iso.slice(0, n - 6)), Number(iso.slice(n - 5, n - 3)), Number(iso.slice(n - 2)));
}
