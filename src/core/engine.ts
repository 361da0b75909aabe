import type { WorkbookGrid } from './grid';
import type { EngineResult } from './model';
import type { Plan } from './plan-schema';

// The one function every host calls: grids and settings in, a result and a plan out.

export interface RecalcOptions {
  /** YYYY-MM-DD; defaults to the settings' as-of policy, else today. */
  asOf?: string;
  /** The moment of recalculation (stamped on the summary); injected so results are reproducible. */
  now: Date;
  /** Settings from outside the workbook (CLI --settings, the pane); they win over the workbook's. */
  settings?: unknown;
  /** Called between stages so long runs can show progress. */
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface Recalculation {
  result: EngineResult;
  plan: Plan;
}

export function recalculate(_wb: WorkbookGrid, _opts: RecalcOptions): Recalculation {
  throw new Error('engine under construction');
}
