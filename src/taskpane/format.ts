// Small formatting helpers that only the pane needs. What it shares with core
// (percent rounding, month names, long dates, the as-of date) it imports from
// core's plain modules, which stay free of zod so the pane's first bundle does too.

/** The local time of an ISO date-time as `11:04`, or '' when it is not one. */
export function timeOfDay(isoDateTime: string): string {
  const d = new Date(isoDateTime);
  if (Number.isNaN(d.getTime())) return '';
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
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
