import type { OwnedRole } from '../../core/grid';
import { OWNER_PROPERTY, resolveOwnership } from '../../core/ownership';
import type { OwnedSheet } from '../adapter';

// How the adapter tells Ragbook's sheets from the user's: the workbook's defined
// names (Ragbook_Summary …) and each sheet's custom property OWNER_PROPERTY, read
// here and decided by core/ownership.ts, as the .xlsx adapter decides it. Sheets an
// earlier version left while swapping (marked pending: or retired:) are nobody's.

export const PENDING = 'pending:';
export const RETIRED = 'retired:';

export const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A sheet left behind by an interrupted run of an earlier version, which swapped temporary sheets in. */
export function isDebris(marker: string | null): boolean {
  return marker !== null && (marker.startsWith(PENDING) || marker.startsWith(RETIRED));
}

/** Every sheet's custom-property mark, as loaded (null where there is none), queued for the next sync. */
export function loadMarks(worksheets: Excel.Worksheet[]): Excel.WorksheetCustomProperty[] {
  return worksheets.map((ws) => ws.customProperties.getItemOrNullObject(OWNER_PROPERTY).load('value'));
}

export function markOf(property: Excel.WorksheetCustomProperty): string | null {
  return property.isNullObject ? null : String(property.value);
}

/** The workbook's defined names, queued for the next sync (ExcelApi 1.7 for their formulas). */
export function loadNames(context: Excel.RequestContext): Excel.NamedItemCollection {
  return context.workbook.names.load('items/name,items/formula');
}

export function namesOf(names: Excel.NamedItemCollection): { name: string; formula: string }[] {
  return names.items.map((n) => ({ name: n.name, formula: String(n.formula) }));
}

/** Each sheet's role (null for the user's), from the sheets' names and marks and the workbook's names. */
export function rolesOf(sheetNames: string[], marks: (string | null)[], names: { name: string; formula: string }[]): (OwnedRole | null)[] {
  return resolveOwnership({ sheets: sheetNames.map((name, i) => ({ name, property: isDebris(marks[i]) ? null : marks[i] })), names });
}

/** The sheets Ragbook marked as its own, in tab order: two syncs, no cells. */
export async function readOwnSheets(context: Excel.RequestContext): Promise<OwnedSheet[]> {
  const worksheets = context.workbook.worksheets.load('items/name');
  const names = loadNames(context);
  await context.sync();
  const marks = loadMarks(worksheets.items);
  await context.sync();
  const sheetNames = worksheets.items.map((ws) => ws.name);
  const roles = rolesOf(sheetNames, marks.map(markOf), namesOf(names));
  return sheetNames.flatMap((name, i) => (roles[i] ? [{ name, role: roles[i] as OwnedRole }] : []));
}
