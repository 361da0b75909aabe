import { parseArea } from '../../core/grid';
import type { TableEvidence, TableOverride, WorkstreamEvidence } from '../../core/table-evidence';
import { type OverrideTarget, matchOverrides, withIgnored, withRole, withTitle } from '../../core/table-overrides';
import { type ColumnRole, NO_ROLE } from '../../core/vocabulary/evidence';

// The tables panel's state: the officer's corrections (the settings' `tables`) as
// edited, and where each table and work stream finds its correction. A table keeps
// the correction it was matched to when it was read (by shared cells: it may have
// grown since), so editing it changes that correction rather than adding a second
// one; a table with none gets one under its own range. Plain functions over plain
// data, so the panel is a view of them and they are tested on their own.

/** A column's choice in the panel: '' for "as Ragbook read it", a role, or `none` (not read). */
export type RoleChoice = '' | ColumnRole | typeof NO_ROLE;

export interface WorkstreamRow {
  evidence: WorkstreamEvidence;
  /** Where its title correction is kept. */
  target: OverrideTarget;
}

export interface TableRow {
  evidence: TableEvidence;
  /** Where its ignore and role corrections are kept. */
  target: OverrideTarget;
  workstreams: WorkstreamRow[];
}

export interface TablesForm {
  rows: TableRow[];
  /** Saved corrections that match no table or work stream any more (their table has gone). */
  orphans: TableOverride[];
}

function placed(sheet: string, range: string) {
  return { sheet, area: parseArea(range) ?? { r1: 0, c1: 0, r2: -1, c2: -1 } };
}

const saysTable = (o: TableOverride) => o.ignore !== undefined || o.roles !== undefined;
const saysTitle = (o: TableOverride) => o.title !== undefined;

/** Each table and work stream with the place its corrections are kept, from the corrections saved when it was read. */
export function tablesForm(tables: readonly TableEvidence[], saved: readonly TableOverride[]): TablesForm {
  const tableMatch = matchOverrides(
    saved,
    tables.map((t) => placed(t.sheet, t.range)),
  );
  const streams = tables.flatMap((t, i) => t.workstreams.map((w) => ({ table: i, w })));
  const streamMatch = matchOverrides(
    saved,
    streams.map(({ table, w }) => placed(tables[table].sheet, w.range)),
  );
  const targetOf = (o: TableOverride): OverrideTarget => ({ sheet: o.sheet, range: o.range });

  const tableTarget = new Map<number, OverrideTarget>();
  const streamTarget = new Map<number, OverrideTarget>();
  const orphans: TableOverride[] = [];
  saved.forEach((o, k) => {
    let used = false;
    if (saysTable(o) && tableMatch[k] >= 0 && !tableTarget.has(tableMatch[k])) {
      tableTarget.set(tableMatch[k], targetOf(o));
      used = true;
    }
    if (saysTitle(o) && streamMatch[k] >= 0 && !streamTarget.has(streamMatch[k])) {
      streamTarget.set(streamMatch[k], targetOf(o));
      used = true;
    }
    if (!used) orphans.push(o);
  });

  let s = 0;
  const rows = tables.map((t, i): TableRow => ({
    evidence: t,
    target: tableTarget.get(i) ?? { sheet: t.sheet, range: t.range },
    workstreams: t.workstreams.map((w) => {
      const target = streamTarget.get(s++) ?? { sheet: t.sheet, range: w.range };
      return { evidence: w, target };
    }),
  }));
  return { rows, orphans };
}

function find(overrides: readonly TableOverride[], t: OverrideTarget): TableOverride | undefined {
  return overrides.find((o) => o.sheet.toLowerCase() === t.sheet.toLowerCase() && o.range === t.range);
}

export function roleChoice(overrides: readonly TableOverride[], table: OverrideTarget, column: string): RoleChoice {
  return find(overrides, table)?.roles?.[column] ?? '';
}

export function isIgnored(overrides: readonly TableOverride[], table: OverrideTarget): boolean {
  return find(overrides, table)?.ignore === true;
}

export function titleOf(overrides: readonly TableOverride[], workstream: OverrideTarget): string {
  return find(overrides, workstream)?.title ?? '';
}

export function chooseRole(
  overrides: readonly TableOverride[],
  table: OverrideTarget,
  column: string,
  choice: RoleChoice,
): TableOverride[] {
  return withRole(overrides, table, column, choice === '' ? null : choice);
}

export { withIgnored as setIgnored, withTitle as setTitle };

/** The corrections without `orphan`, which the officer chose to forget. */
export function forget(overrides: readonly TableOverride[], orphan: TableOverride): TableOverride[] {
  return overrides.filter((o) => o !== orphan && !(o.sheet === orphan.sheet && o.range === orphan.range));
}

/** Whether the edited corrections differ from the saved ones (order aside). */
export function changed(saved: readonly TableOverride[], edited: readonly TableOverride[]): boolean {
  if (saved.length !== edited.length) return true;
  const key = (o: TableOverride) =>
    JSON.stringify([o.sheet, o.range, o.ignore ?? null, o.title ?? null, Object.entries(o.roles ?? {}).sort()]);
  const a = saved.map(key).sort();
  const b = edited.map(key).sort();
  return a.some((k, i) => k !== b[i]);
}
