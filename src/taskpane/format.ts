import type { ProgressWord } from '../core/settings';

// Small formatting helpers for the pane. They live here rather than being imported
// from core because core's modules pull in zod and the engine, which must stay out
// of the pane's initial bundle (they load with the Office or preview host).

/** The four progress words, in the order the pane lists them. */
export const PROGRESS_WORDS = ['Completed', 'In progress', 'Static', 'Not started'] as const satisfies readonly ProgressWord[];

/** n of total as a whole percent, rounded half up as trackers show it: 8 of 12 is 67%. */
export function wholePercent(n: number, total: number): number {
  if (total <= 0) return 0;
  // Integer arithmetic, so 1 of 8 is exactly 12.5 and rounds to 13.
  return Math.floor((200 * n + total) / (2 * total));
}

const MONTHS = [
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

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

/** `2025-09-30` → `30 September 2025`; anything else is returned as it is. */
export function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${monthName(Number(m[2]))} ${m[1]}`;
}

/** The local time of an ISO date-time as `11:04`, or '' when it is not one. */
export function timeOfDay(isoDateTime: string): string {
  const d = new Date(isoDateTime);
  if (Number.isNaN(d.getTime())) return '';
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Today where the user is, as YYYY-MM-DD (the as-of date's default). */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** How a person names a cell: `Progress!D23`. Findings about settings have no sheet. */
export function cellLabel(sheet: string, cell: string): string {
  return sheet.startsWith('(') ? cell : `${sheet}!${cell}`;
}

/** Whether a finding points at a real cell the user can be taken to. */
export function isNavigable(sheet: string): boolean {
  return !sheet.startsWith('(');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** An error as a sentence the user can read: thrown values are shown as they are. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error && e.message) return e.message;
  if (typeof e === 'string' && e) return e;
  return 'Something went wrong, and no reason was given. Try again; if it keeps happening, close and reopen the pane.';
}
