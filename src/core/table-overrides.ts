import { type Area, parseArea } from './grid';
import type { TableOverride } from './table-evidence';
import { type ColumnRole, NO_ROLE } from './vocabulary/evidence';

// The officer's corrections (TableOverride, in the settings' `tables`): which table
// each one is about, and how the pane changes them. Plain functions and no zod, so
// detection and the pane's first bundle share them. Every change returns a new
// list; an override left with nothing to say is dropped, so undoing a change in
// the pane leaves the settings as they were.

/** Cells two areas share. */
export function sharedCells(a: Area, b: Area): number {
  const rows = Math.min(a.r2, b.r2) - Math.max(a.r1, b.r1) + 1;
  const cols = Math.min(a.c2, b.c2) - Math.max(a.c1, b.c1) + 1;
  return rows > 0 && cols > 0 ? rows * cols : 0;
}

export interface Placed {
  sheet: string;
  area: Area;
}

/**
 * The candidate (a table, or a work stream for a title) each override is about:
 * the one on its sheet sharing the most cells with its range, the first on a tie;
 * -1 when none shares a cell (the table has gone, and the override waits unused).
 * Sheet names compare as Excel does, without regard to case.
 */
export function matchOverrides(overrides: readonly TableOverride[], candidates: readonly Placed[]): number[] {
  return overrides.map((o) => {
    const area = parseArea(o.range);
    if (!area) return -1;
    const sheet = o.sheet.toLowerCase();
    let best = -1;
    let bestCells = 0;
    candidates.forEach((c, i) => {
      if (c.sheet.toLowerCase() !== sheet) return;
      const cells = sharedCells(area, c.area);
      if (cells > bestCells) {
        best = i;
        bestCells = cells;
      }
    });
    return best;
  });
}

/** Where a table or work stream is, as an override names it. */
export interface OverrideTarget {
  sheet: string;
  range: string;
}

function sameTarget(o: TableOverride, t: OverrideTarget): boolean {
  return o.sheet.toLowerCase() === t.sheet.toLowerCase() && o.range === t.range;
}

function isEmpty(o: TableOverride): boolean {
  return o.ignore === undefined && o.title === undefined && (o.roles === undefined || Object.keys(o.roles).length === 0);
}

/** The list with the override for `target` changed by `edit` (or added), and dropped when left saying nothing. */
function edited(overrides: readonly TableOverride[], target: OverrideTarget, edit: (o: TableOverride) => TableOverride): TableOverride[] {
  const i = overrides.findIndex((o) => sameTarget(o, target));
  const base: TableOverride = i >= 0 ? overrides[i] : { sheet: target.sheet, range: target.range };
  const next = edit(base);
  const out = overrides.slice();
  if (isEmpty(next)) {
    if (i >= 0) out.splice(i, 1);
  } else if (i >= 0) {
    out[i] = next;
  } else {
    out.push(next);
  }
  return out;
}

/** Ignores the table, or reads it again (`ignore` false removes the setting rather than storing false). */
export function withIgnored(overrides: readonly TableOverride[], table: OverrideTarget, ignore: boolean): TableOverride[] {
  return edited(overrides, table, ({ ignore: _old, ...rest }) => (ignore ? { ...rest, ignore: true } : rest));
}

/**
 * Gives a column a role (`none`: read it not at all), or, with null, leaves the
 * column to detection again. A role is one column's: giving it to this column
 * takes it from any other column the same override gave it to.
 */
export function withRole(
  overrides: readonly TableOverride[],
  table: OverrideTarget,
  column: string,
  role: ColumnRole | typeof NO_ROLE | null,
): TableOverride[] {
  return edited(overrides, table, ({ roles, ...rest }) => {
    const next: Record<string, ColumnRole | typeof NO_ROLE> = {};
    for (const [col, r] of Object.entries(roles ?? {})) {
      if (col === column || r === undefined) continue;
      if (role !== null && role !== NO_ROLE && r === role) continue;
      next[col] = r;
    }
    if (role !== null) next[column] = role;
    return Object.keys(next).length > 0 ? { ...rest, roles: next } : rest;
  });
}

/** Names the work stream, or, with an empty title, lets detection name it again. */
export function withTitle(overrides: readonly TableOverride[], workstream: OverrideTarget, title: string): TableOverride[] {
  const t = title.trim();
  return edited(overrides, workstream, ({ title: _old, ...rest }) => (t ? { ...rest, title: t } : rest));
}
