import { type CellValue, isBlank } from '../grid';
import type { UnreadReason } from '../vocabulary/evidence';
import type { Role } from '../vocabulary/headers';
import type { CellReaders } from './cell-readers';
import { ID_TEXT, MAX_LABEL, cellKind, isIdNumber } from './cell-kinds';
import type { ColumnPlan } from './columns';
import { TARGET_RANK } from './header-roles';
import type { HeaderCell } from './header-rows';
import { type SheetView, valueAt } from './sheet-view';

// How well a header and the values below it fit a tracker (DESIGN.md, "How tables
// are found", step 2), and whether the table counts at all (step 6 and "Nothing is
// dropped silently"): it needs a column of actions and a status, percent complete,
// target, owner or milestones column named by its header. A `Date` header over
// amounts with no actions is a list of expenses; a count under `Actions` is an overview.

/** A table counts from this score up (and when it passes the gate). */
export const PASS_SCORE = 0.5;
/** Enough rows to judge a column by; the score stays linear in the table's size. */
const SAMPLE_ROWS = 60;
/** The roles that make a table a tracker, besides its actions, when a header names them. */
const TRACKER_ROLES: readonly Role[] = ['status', 'percent', 'target', 'owner', 'milestones'];

/**
 * How well one value fits each role's column, 0 to 1. Each asks only what its role
 * needs of the cell's kind (a status column of status words, a target column of
 * dates), so a column of long texts is never looked up word by word.
 */
const FITS: Readonly<Record<Role | 'group', (v: CellValue, format: string | null, readers: CellReaders) => number>> = {
  id: (v) =>
    isIdNumber(v) || (typeof v === 'string' && ID_TEXT.test(v.trim())) ? 1 : typeof v === 'string' && v.length <= MAX_LABEL ? 0.3 : 0,
  action: (v, f, readers) => {
    if (typeof v !== 'string') return 0;
    const k = cellKind(v, f, readers);
    // A short word under an Action header is still something someone typed as an action
    // (`a`, `Review`); only figures and dates say the column counts or dates rather than names.
    return k === 'text' || k === 'label' || k === 'formula'
      ? 1
      : k === 'status' || k === 'rating' || k === 'flag'
        ? 0.5
        : k === 'date' || k === 'id'
          ? 0.3
          : 0;
  },
  progress: (v) => (typeof v === 'number' ? 0.2 : 1),
  milestones: (v) => (typeof v === 'number' ? 0.3 : 1),
  status: (v, f, readers) => {
    const k = cellKind(v, f, readers);
    return k === 'status' || k === 'rating' || k === 'percent' || k === 'flag'
      ? 1
      : k === 'label' || k === 'id'
        ? 0.5
        : k === 'text'
          ? 0.2
          : 0;
  },
  percent: (v, f, readers) => (readers.isPercentLike(v, f) ? 1 : typeof v === 'number' && v >= 0 && v <= 100 ? 0.8 : 0),
  target: (v, f, readers) => (readers.isDateLike(v, f) ? 1 : typeof v === 'string' && v.length <= MAX_LABEL ? 0.2 : 0),
  owner: (v) => (typeof v === 'string' ? (v.length <= MAX_LABEL ? 1 : v.length <= MAX_LABEL * 2 ? 0.7 : 0) : isIdNumber(v) ? 0.5 : 0),
  group: (v) => (typeof v === 'string' || isIdNumber(v) ? 1 : 0),
};

export interface TableFit {
  score: number;
  /** Null when the table counts; else why not. */
  reason: UnreadReason | null;
}

function columnFit(role: Role | 'group', c: number, view: SheetView, rows: readonly number[], readers: CellReaders): number | null {
  let filled = 0;
  let total = 0;
  const fit = FITS[role];
  for (const r of rows) {
    const v = valueAt(view, r, c);
    if (isBlank(v)) continue;
    filled++;
    total += fit(v, view.sheet.formats?.[r]?.[c] ?? null, readers);
  }
  return filled === 0 ? null : total / filled;
}

/**
 * The table's score, 0 to 1: how many roles its header names (four make a
 * tracker's header), and how well each named column's values fit its role; and
 * whether it passes the gate.
 */
export function fitOf(
  plan: ColumnPlan,
  cells: readonly HeaderCell[],
  view: SheetView,
  actionRows: readonly number[],
  readers: CellReaders,
  forced: boolean,
): TableFit {
  const rows = actionRows.length > SAMPLE_ROWS ? actionRows.slice(0, SAMPLE_ROWS) : actionRows;
  const roles: [Role | 'group', number][] = Object.entries(plan.columns).filter((e): e is [Role, number] => e[1] !== undefined);
  if (plan.groupColumn !== null) roles.push(['group', plan.groupColumn]);
  const fits: number[] = [];
  const fitBy = new Map<string, number | null>();
  for (const [role, c] of roles) {
    const f = columnFit(role, c, view, rows, readers);
    fitBy.set(role, f);
    if (f !== null) fits.push(f);
  }
  const meaning = Math.min(1, roles.length / 4);
  const valueFit = fits.length ? fits.reduce((a, b) => a + b, 0) / fits.length : 0;
  const score = Math.round((0.4 * meaning + 0.6 * valueFit) * 100) / 100;
  if (forced) return { score, reason: plan.columns.action === undefined ? 'no-action-column' : null };
  return { score, reason: gate(plan, cells, fitBy, actionRows.length, score, view, rows, readers) };
}

function gate(
  plan: ColumnPlan,
  cells: readonly HeaderCell[],
  fitBy: ReadonlyMap<string, number | null>,
  rowCount: number,
  score: number,
  view: SheetView,
  rows: readonly number[],
  readers: CellReaders,
): UnreadReason | null {
  const c = plan.columns;
  if (c.action === undefined) return 'no-action-column';
  if (rowCount === 0) return 'no-rows';
  const actionFit = fitBy.get('action');
  if (actionFit !== null && actionFit !== undefined && actionFit < 0.5) return 'actions-not-text';
  const byHeader = TRACKER_ROLES.some((role) => {
    const col = c[role];
    // Only the header's own words make a table a tracker: a column whose values alone gave its role does not.
    if (col === undefined || plan.sources.get(col) === 'values') return false;
    // A bare `Date` could be when an expense was paid or a meeting met: it never makes a table a tracker on its own.
    if (role === 'target') return cells.find((h) => h.c === col)?.reading.targetRank !== TARGET_RANK.bareDate;
    return true;
  });
  if (!byHeader) return 'no-tracker-column';
  // Actions found by their values alone need a status column of statuses (words Ragbook
  // knows, or a few words used again and again) to show the table is a tracker.
  if (!plan.actionColumns.includes(c.action) && !statusesIn(plan, view, rows, readers)) return 'no-action-column';
  return score < PASS_SCORE ? 'low-score' : null;
}

const MAX_STATUS_TEXT = 30;

function statusesIn(plan: ColumnPlan, view: SheetView, rows: readonly number[], readers: CellReaders): boolean {
  return plan.statusColumns.some((c) => {
    let filled = 0;
    let words = 0;
    let short = 0;
    const distinct = new Set<string>();
    for (const r of rows) {
      const v = valueAt(view, r, c);
      if (isBlank(v)) continue;
      filled++;
      if (readers.isProgressWord(v) || readers.isRatingWord(v)) words++;
      if (typeof v === 'string' && v.trim().length <= MAX_STATUS_TEXT) {
        short++;
        distinct.add(v.trim().toLowerCase());
      }
    }
    if (filled < 2) return false;
    const categorical = short * 10 >= filled * 8 && distinct.size * 2 <= short;
    return words * 2 >= filled || categorical;
  });
}
