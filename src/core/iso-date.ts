// Dates as YYYY-MM-DD: the as-of date the pane offers and the engine checks. The
// pane's first bundle imports this module, so it stays free of zod and the engine.

/** Today where the user is, as YYYY-MM-DD (the as-of date's default). */
export function todayIso(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** True for a real day written YYYY-MM-DD: 2025-02-29 and 2025-13-01 are not. */
export function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // Date.UTC reads years 0-99 as 1900-1999, so the year is checked too.
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
