import type { WorkbookGrid } from '../../core/grid';
import type { Plan } from '../../core/plan-schema';
import type { ApplyOutcome, OwnedSheet, Progress, WorkbookAdapter } from '../adapter';
import { readOwnSheets } from './marks';
import { readWorkbookGrid } from './read';
import { readStoredSettings, storeSettingsJson } from './settings';
import { applyPlan } from './write';

// The open workbook behind the host contract (workbook/adapter.ts). Each call runs
// its own batch through `run`: Excel.run in the add-in (run.ts), the same request
// context in tests, so the strict fake counts every sync.

/** Runs a batch of Excel calls in a request context. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeWorkbookOptions {
  /** Split reads and writes so no payload passes this size; default 4 MB. */
  maxPayloadBytes?: number;
  /** Read merged areas; default: when the host reports ExcelApi 1.13. */
  mergedAreas?: boolean;
  /** The suffix of temporary sheet names; random by default. */
  token?: string;
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
    const { maxPayloadBytes, token } = this.opts;
    await this.run((context) => applyPlan(context, plan, { maxPayloadBytes, token, onProgress }));
    return { written: plan.sheets.map((s) => s.name) };
  }

  readSettings(): Promise<unknown> {
    return this.run((context) => readStoredSettings(context));
  }

  saveSettings(json: string): Promise<void> {
    return this.run((context) => storeSettingsJson(context, json));
  }

  ownSheets(): Promise<OwnedSheet[]> {
    return this.run((context) => readOwnSheets(context));
  }
}
