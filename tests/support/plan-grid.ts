import type { CellValue, SheetGrid, WorkbookGrid } from '../../src/core/grid';
import type { Plan, PlanCell, PlanSheet } from '../../src/core/plan-schema';

// What a plan leaves in a workbook, as the next recalculation reads it: the
// user's sheets as they were and Ragbook's as written (a link's cached value is its
// label; an appended sheet keeps its earlier rows). Core's tests use it to run one
// recalculation after another without a file.

export function valuesOf(rows: readonly (readonly PlanCell[])[]): CellValue[][] {
  return rows.map((r) => r.map((c) => (c ? c.value : null)));
}

function written(ps: PlanSheet, before: SheetGrid | undefined): CellValue[][] {
  if (ps.mode !== 'append') return valuesOf(ps.rows);
  const old = before?.rows ?? [];
  const used = old.filter((r) => r.some((v) => v !== null && v !== '')).length;
  return used ? [...old, ...valuesOf(ps.rows)] : valuesOf([...ps.head, ...ps.rows]);
}

/** The workbook after the plan is applied: Ragbook's sheets renamed, retired, updated or added. */
export function afterPlan(wb: WorkbookGrid, plan: Plan): WorkbookGrid {
  const sheets: SheetGrid[] = wb.sheets.map((s) => {
    const retired = plan.retire?.find((r) => r.name === s.name);
    return retired ? { ...s, name: retired.newName, owned: 'archive' } : s;
  });
  for (const ps of plan.sheets) {
    const i = ps.existing === null ? -1 : sheets.findIndex((s) => s.name === ps.existing);
    const sheet: SheetGrid = { name: ps.name, rows: written(ps, i >= 0 ? sheets[i] : undefined), merges: [], tables: [], owned: ps.role };
    if (i >= 0) sheets[i] = sheet;
    else sheets.push(sheet);
  }
  return { ...wb, sheets };
}

/** A plan sheet's rows whatever its mode: an appended sheet's head, then its rows. */
export function allRows(ps: PlanSheet): PlanCell[][] {
  return ps.mode === 'append' ? [...ps.head, ...ps.rows] : ps.rows;
}
