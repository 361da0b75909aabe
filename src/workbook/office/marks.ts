import type { OwnedRole } from '../../core/grid';
import { OWNER_PROPERTY } from '../../core/ownership';
import type { OwnedSheet } from '../adapter';

// How the adapter tells Ragbook's sheets from the user's: the worksheet custom
// property OWNER_PROPERTY (core/ownership.ts, the .xlsx adapter's mark too), whose
// value is the sheet's role. While a write is under way the new sheets are marked
// pending and the old ones retired; a sheet left with either mark was left by an
// interrupted run.

const ROLES: readonly OwnedRole[] = ['summary', 'actions', 'issues', 'history'];
export const PENDING = 'pending:';
export const RETIRED = 'retired:';

export const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function roleOf(marker: string | null): OwnedRole | null {
  return marker !== null && (ROLES as readonly string[]).includes(marker) ? (marker as OwnedRole) : null;
}

/** A sheet left behind by an interrupted run: a pending temporary or a retired old sheet. */
export function isDebris(marker: string | null): boolean {
  return marker !== null && (marker.startsWith(PENDING) || marker.startsWith(RETIRED));
}

/** Every sheet's mark, as loaded (null where there is none), queued for the next sync. */
export function loadMarks(worksheets: Excel.Worksheet[]): Excel.WorksheetCustomProperty[] {
  return worksheets.map((ws) => ws.customProperties.getItemOrNullObject(OWNER_PROPERTY).load('value'));
}

export function markOf(property: Excel.WorksheetCustomProperty): string | null {
  return property.isNullObject ? null : String(property.value);
}

/** The sheets Ragbook marked as its own, in tab order: two syncs, no cells. */
export async function readOwnSheets(context: Excel.RequestContext): Promise<OwnedSheet[]> {
  const worksheets = context.workbook.worksheets.load('items/name');
  await context.sync();
  const marks = loadMarks(worksheets.items);
  await context.sync();
  const out: OwnedSheet[] = [];
  worksheets.items.forEach((ws, i) => {
    const role = roleOf(markOf(marks[i]));
    if (role) out.push({ name: ws.name, role });
  });
  return out;
}
