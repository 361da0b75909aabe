import type { WorkbookGrid } from '../../core/grid';
import type { Plan } from '../../core/plan-schema';
import type { ApplyOutcome, OwnedSheet, Progress, WorkbookAdapter } from '../adapter';
import { type LockOptions, newRun } from './lock';
import { readOwnSheets } from './marks';
import { readWorkbookGrid } from './read';
import { readStoredSettings, storeSettingsJson } from './settings';
import { hostSupportsTableResize } from './startup';
import { applyPlan } from './write';

// The open workbook behind the host contract (workbook/adapter.ts). Each call runs
// its own batch through `run`: Excel.run in the add-in (run.ts), the same request
// context in tests, so the strict fake counts every sync.

/** Runs a batch of Excel calls in a request context. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeWorkbookOptions {
  /** Split reads and writes so no payload passes this size; default 4 MB. */
  maxPayloadBytes?: number;
  /** Whether the host has Table.resize; default: when it reports ExcelApi 1.13. */
  tableResize?: boolean;
  /** Whether the host has Range.getMergedAreasOrNullObject; default: when it reports ExcelApi 1.13. */
  mergedAreas?: boolean;
  /** How a write waits for another recalculation to finish (lock.ts). */
  lock?: LockOptions;
}

export class OfficeWorkbook implements WorkbookAdapter {
  constructor(
    private readonly run: ExcelRunner,
    private readonly opts: OfficeWorkbookOptions = {},
  ) {}

  readWorkbook(onProgress?: Progress): Promise<WorkbookGrid> {
    const { maxPayloadBytes, mergedAreas } = this.opts;
    return this.run((context) => readWorkbookGrid(context, { maxPayloadBytes, mergedAreas, onProgress }));
  }

  async applyPlan(plan: Plan, onProgress?: Progress): Promise<ApplyOutcome> {
    const { maxPayloadBytes, tableResize = hostSupportsTableResize(), lock } = this.opts;
    // A plan applied on its own takes the lock itself, in the write's first sync.
    const own = { ...lock, run: newRun(), held: false };
    await this.run((context) => applyPlan(context, plan, { maxPayloadBytes, tableResize, onProgress, lock: own }));
    return { written: plan.sheets.map((s) => s.name) };
  }

  readSettings(): Promise<unknown> {
    return this.run((context) => readStoredSettings(context));
  }

  saveSettings(json: string): Promise<void> {
    return this.run((context) => storeSettingsJson(context, json, this.opts.lock));
  }

  ownSheets(): Promise<OwnedSheet[]> {
    return this.run((context) => readOwnSheets(context));
  }
}
