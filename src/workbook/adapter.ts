import type { OwnedRole, WorkbookGrid } from '../core/grid';
import type { Plan } from '../core/plan-schema';

// The one contract both hosts implement: Excel through Office.js (workbook/office/)
// and .xlsx files (workbook/xlsx/, used by the command line and the browser preview).
// core never sees either: an adapter reads the workbook into plain grids, core
// returns a plan, the adapter applies it. tests/adapter-contract.test.ts runs one
// suite against both, so a behaviour written for one host cannot quietly differ in
// the other.

export type Progress = (stage: string, done: number, total: number) => void;

/** A sheet Ragbook made and marked as its own. */
export interface OwnedSheet {
  name: string;
  role: OwnedRole;
}

export interface ApplyOutcome {
  /** The names of the sheets written, in the plan's order. */
  written: string[];
}

export interface WorkbookAdapter {
  /** Every sheet as a plain grid, Ragbook's own marked with their role, and the raw settings stored in the workbook. */
  readWorkbook(onProgress?: Progress): Promise<WorkbookGrid>;
  /** Writes the plan's sheets and stores its settings; never changes a cell of a sheet Ragbook does not own. */
  applyPlan(plan: Plan, onProgress?: Progress): Promise<ApplyOutcome>;
  /** The settings stored in the workbook, not yet validated (undefined when there are none). */
  readSettings(): Promise<unknown>;
  /** Stores settings (JSON) in the workbook, where the next recalculation, in either host, reads them. */
  saveSettings(json: string): Promise<void>;
  /** The sheets Ragbook marked as its own, in workbook order. */
  ownSheets(): Promise<OwnedSheet[]>;
}
