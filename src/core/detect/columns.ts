import { progressHeaderDateText } from '../headers';
import { type CellValue, isBlank } from '../grid';
import type { ColumnSource } from '../vocabulary/evidence';
import type { Role } from '../vocabulary/headers';
import type { CellReaders } from './cell-readers';
import { ID_TEXT, isIdNumber } from './cell-kinds';
import { TARGET_RANK } from './header-roles';
import type { HeaderCell } from './header-rows';
import { type SheetView, valueAt } from './sheet-view';

// Which column is which, from the header's meaning first, then from the values
// below where the header leaves a choice: `Action` over `1.1, 1.2` is the number,
// a `Recommendation` merged over several key actions groups them, the End of a
// timescale or the Revised date is the target and the original date is kept beside it.

export interface ColumnPlan {
  columns: Partial<Record<Role, number>>;
  statusColumns: number[];
  groupColumn: number | null;
  originalTargetColumn: number | null;
  /** Every column whose header names the action, left to right. */
  actionColumns: number[];
  reportingDateText: string | null;
  /** How each column with a role got it. */
  sources: ReadonlyMap<number, ColumnSource>;
}

/** The roles the header names, before the values are looked at. */
export function planFromHeader(cells: readonly HeaderCell[]): ColumnPlan {
  const columns: Partial<Record<Role, number>> = {};
  const statusColumns: number[] = [];
  const datedStatus: number[] = [];
  const actionColumns: number[] = [];
  const targets: { c: number; rank: number }[] = [];
  let groupColumn: number | null = null;
  let reportingDateText: string | null = null;
  for (const { c, text, reading } of cells) {
    const role = reading.role;
    if (role === null) continue;
    if (role === 'group') {
      groupColumn ??= c;
      continue;
    }
    if (role === 'status') {
      statusColumns.push(c);
      if (reading.dated) datedStatus.push(c);
      continue;
    }
    if (role === 'action') {
      actionColumns.push(c);
      continue;
    }
    if (role === 'target') {
      targets.push({ c, rank: reading.targetRank });
      continue;
    }
    if (role === 'progress' && reportingDateText === null) reportingDateText = progressHeaderDateText(text);
    if (columns[role] === undefined) columns[role] = c;
  }
  // A status kept per period (`Q1 status | Q2 status | Q3 status`): the latest period
  // that holds values is the status now, so the series is offered right to left.
  const ordered =
    datedStatus.length > 1 ? datedStatus.reverse().concat(statusColumns.filter((c) => !datedStatus.includes(c))) : statusColumns;
  if (ordered.length) columns.status = ordered[0];
  if (actionColumns.length) columns.action = actionColumns[0];
  const { target, original } = chooseTarget(targets);
  if (target !== null) columns.target = target;
  const sources = new Map<number, ColumnSource>();
  for (const c of Object.values(columns)) if (c !== undefined) sources.set(c, 'header');
  for (const c of ordered) sources.set(c, 'header');
  if (groupColumn !== null) sources.set(groupColumn, 'header');
  if (original !== null) sources.set(original, 'header');
  return { columns, statusColumns: ordered, groupColumn, originalTargetColumn: original, actionColumns, reportingDateText, sources };
}

/**
 * The target among several date columns (DESIGN.md, "Several date columns"): the
 * one whose header says so most directly, End over Start (a Start is never one),
 * Revised / Latest / Current / Agreed over Original; the leftmost on a tie. The
 * original is the next one down, kept where the target is a revised or agreed one,
 * or where a column says Original outright.
 */
export function chooseTarget(targets: readonly { c: number; rank: number }[]): { target: number | null; original: number | null } {
  if (targets.length === 0) return { target: null, original: null };
  let best = targets[0];
  for (const t of targets) if (t.rank > best.rank) best = t;
  let original: { c: number; rank: number } | null = null;
  for (const t of targets) {
    if (t === best || t.rank >= best.rank || t.rank < TARGET_RANK.original) continue;
    if (best.rank < TARGET_RANK.agreed && t.rank !== TARGET_RANK.original) continue;
    if (!original || t.rank > original.rank) original = t;
  }
  return { target: best.c, original: original?.c ?? null };
}

function share(values: readonly CellValue[], test: (v: CellValue) => boolean): { filled: number; hits: number } {
  let filled = 0;
  let hits = 0;
  for (const v of values) {
    if (isBlank(v)) continue;
    filled++;
    if (test(v)) hits++;
  }
  return { filled, hits };
}

function columnValues(view: SheetView, c: number, rows: readonly number[]): CellValue[] {
  return rows.map((r) => valueAt(view, r, c));
}

const isIdLike = (v: CellValue) => isIdNumber(v) || (typeof v === 'string' && ID_TEXT.test(v.trim()));

/** Whether a column's values group the rows rather than name one action each: merged down, or written once and left blank below. */
function groupsRows(view: SheetView, c: number, rows: readonly number[], others: readonly number[]): boolean {
  let merged = 0;
  let blankBesideOther = 0;
  for (const r of rows) {
    const m = view.mergeAt(r, c);
    if (m && m.r2 > m.r1) merged++;
    if (isBlank(valueAt(view, r, c)) && others.some((o) => !isBlank(valueAt(view, r, o)))) blankBesideOther++;
  }
  return merged > 0 || blankBesideOther * 10 >= rows.length * 3;
}

/** Values long enough to be actions written out, in a column the header does not name. */
const MIN_ACTION_TEXT = 15;

/**
 * The plan with the values' say: the action's number where `Action` heads numbers,
 * the action column among several, and, where no header names the action, the
 * column of long texts (only where a status column of status words shows the
 * table is a tracker: see fit.ts).
 */
export function refineWithValues(
  plan: ColumnPlan,
  cells: readonly HeaderCell[],
  view: SheetView,
  bodyRows: readonly number[],
  readers: CellReaders,
): ColumnPlan {
  const columns = { ...plan.columns };
  const sources = new Map(plan.sources);
  let actions = plan.actionColumns;
  const sample = bodyRows.length > 400 ? bodyRows.slice(0, 400) : bodyRows;
  if (columns.id === undefined && actions.length > 1) {
    const { filled, hits } = share(columnValues(view, actions[0], sample), isIdLike);
    if (filled > 0 && hits / filled >= 0.8) {
      columns.id = actions[0];
      sources.set(actions[0], 'values');
      actions = actions.slice(1);
    }
  }
  if (actions.length > 1) {
    const own = actions.filter(
      (c) =>
        !groupsRows(
          view,
          c,
          sample,
          actions.filter((o) => o !== c),
        ),
    );
    columns.action = (own.length ? own : actions)[0];
    for (const c of actions) if (c !== columns.action) sources.delete(c);
    // `Recommendation | … | Agreed action`: the second says what was done about the
    // first, which is the progress where no column is headed so.
    const response = actions.find((c) => c > columns.action!);
    if (columns.progress === undefined && response !== undefined && own.includes(response)) {
      columns.progress = response;
      sources.set(response, 'header');
    }
  } else if (actions.length === 1) {
    columns.action = actions[0];
  }
  if (columns.action === undefined && columns.id !== undefined && holdsSentences(view, columns.id, sample, readers)) {
    // `Item` over `Fix the boiler in the hall`: the column the header took for numbers holds the actions.
    columns.action = columns.id;
    delete columns.id;
    sources.set(columns.action, 'values');
  }
  if (columns.action === undefined) {
    const action = actionByValues(cells, view, sample, readers);
    if (action !== null) {
      columns.action = action;
      sources.set(action, 'values');
    }
  }
  if (columns.action !== undefined) sources.set(columns.action, sources.get(columns.action) ?? 'header');
  let originalTargetColumn = plan.originalTargetColumn;
  if (columns.target !== undefined && holdsFigures(view, columns.target, sample, readers)) {
    // A `Target` over 10, 95% is an indicator's target, not a date: the target is
    // another date column the header names, or none (said once, as table.no-target).
    const dates = cells
      .filter((h) => h.reading.role === 'target' && h.c !== columns.target && !holdsFigures(view, h.c, sample, readers))
      .map((h) => ({ c: h.c, rank: h.reading.targetRank }));
    sources.delete(columns.target);
    const { target, original } = chooseTarget(dates);
    if (target === null) delete columns.target;
    else columns.target = target;
    originalTargetColumn = original;
  }
  return { ...plan, columns, sources, actionColumns: actions, originalTargetColumn };
}

/**
 * Where no header says status but a column's values do (`Progress` over `Q1 | Q2` of
 * On track, Completed), those columns are the status, the latest period first. Not
 * asked where the settings give the roles: the officer's word stands.
 */
export function withStatusFromValues(
  plan: ColumnPlan,
  cells: readonly HeaderCell[],
  view: SheetView,
  bodyRows: readonly number[],
  readers: CellReaders,
): ColumnPlan {
  if (plan.statusColumns.length > 0) return plan;
  const sample = bodyRows.length > 400 ? bodyRows.slice(0, 400) : bodyRows;
  const { progress: _commentary, ...roles } = plan.columns;
  const taken = new Set([...Object.values(roles), plan.groupColumn, plan.originalTargetColumn]);
  const found = cells
    // A header Ragbook knows for another meaning is no status.
    .filter((h) => !taken.has(h.c) && (h.reading.role === 'progress' || !h.reading.known))
    .filter((h) => holdsStatusWords(view, h.c, sample, readers))
    .map((h) => h.c)
    .reverse();
  if (found.length === 0) return plan;
  const columns = { ...plan.columns, status: found[0] };
  if (columns.progress !== undefined && found.includes(columns.progress)) delete columns.progress;
  const sources = new Map(plan.sources);
  for (const c of found) sources.set(c, 'values');
  return { ...plan, columns, sources, statusColumns: found };
}

/** Most of the column's values are progress or rating words Ragbook knows. */
function holdsStatusWords(view: SheetView, c: number, rows: readonly number[], readers: CellReaders): boolean {
  const { filled, hits } = share(columnValues(view, c, rows), (v) => readers.isProgressWord(v) || readers.isRatingWord(v));
  return filled > 0 && hits * 10 >= filled * 8;
}

/** Plain figures: numbers that no date format marks and no Excel date could be, or `95%`. */
function holdsFigures(view: SheetView, c: number, rows: readonly number[], readers: CellReaders): boolean {
  let filled = 0;
  let figures = 0;
  for (const r of rows) {
    const v = valueAt(view, r, c);
    if (isBlank(v)) continue;
    filled++;
    const format = view.sheet.formats?.[r]?.[c] ?? null;
    if (typeof v === 'number' ? !readers.isDateLike(v, format) && !mayBeSerialDate(v) : readers.isPercentLike(v, null)) figures++;
  }
  return filled > 0 && figures * 10 >= filled * 8;
}

/** Whole numbers an unformatted Excel date would be (1954 to 2119). */
function mayBeSerialDate(v: number): boolean {
  return Number.isInteger(v) && v >= 20_000 && v <= 80_000;
}

/** Texts long enough to be actions, hardly ever an action number. */
function holdsSentences(view: SheetView, c: number, rows: readonly number[], readers: CellReaders): boolean {
  let filled = 0;
  let texts = 0;
  let length = 0;
  for (const r of rows) {
    const v = valueAt(view, r, c);
    if (isBlank(v)) continue;
    filled++;
    if (typeof v === 'string' && !isIdLike(v) && !readers.isProgressWord(v) && !readers.isDateLike(v, null)) {
      texts++;
      length += v.trim().length;
    }
  }
  return filled > 0 && texts * 10 >= filled * 8 && length / texts >= MIN_ACTION_TEXT;
}

function actionByValues(cells: readonly HeaderCell[], view: SheetView, rows: readonly number[], readers: CellReaders): number | null {
  let best: number | null = null;
  let bestLength = MIN_ACTION_TEXT;
  for (const { c, reading } of cells) {
    if (reading.known) continue;
    let filled = 0;
    let texts = 0;
    let length = 0;
    for (const r of rows) {
      const v = valueAt(view, r, c);
      if (isBlank(v)) continue;
      filled++;
      if (typeof v === 'string' && !readers.isProgressWord(v) && !readers.isRatingWord(v) && !readers.isDateLike(v, null)) {
        texts++;
        length += v.trim().length;
      }
    }
    if (filled < 2 || texts * 10 < filled * 8) continue;
    const mean = length / texts;
    if (mean >= bestLength) {
      best = c;
      bestLength = mean;
    }
  }
  return best;
}

/**
 * A column whose header may group the rows (`Outcome`, `KLOE`) groups them where its
 * values show it: merged down over the actions, written once and left blank below,
 * or a few values repeated. Not asked where the settings give the roles.
 */
export function withGroupFromValues(
  plan: ColumnPlan,
  cells: readonly HeaderCell[],
  view: SheetView,
  bodyRows: readonly number[],
): ColumnPlan {
  const action = plan.columns.action;
  if (plan.groupColumn !== null || action === undefined || bodyRows.length < 2) return plan;
  const sample = bodyRows.length > 400 ? bodyRows.slice(0, 400) : bodyRows;
  const taken = new Set([...Object.values(plan.columns), ...plan.statusColumns, plan.originalTargetColumn]);
  for (const h of cells) {
    if (!h.reading.groupIfRepeated || taken.has(h.c) || h.c > action) continue;
    if (!groupsRows(view, h.c, sample, [action]) && !repeats(view, h.c, sample)) continue;
    const sources = new Map(plan.sources);
    sources.set(h.c, 'values');
    return { ...plan, groupColumn: h.c, sources };
  }
  return plan;
}

/** A few values, each used again and again: no more distinct values than half the filled cells. */
function repeats(view: SheetView, c: number, rows: readonly number[]): boolean {
  const distinct = new Set<string>();
  let filled = 0;
  for (const r of rows) {
    const v = valueAt(view, r, c);
    if (isBlank(v)) continue;
    filled++;
    distinct.add(String(v).trim().toLowerCase());
  }
  return filled >= 2 && distinct.size * 2 <= filled;
}
