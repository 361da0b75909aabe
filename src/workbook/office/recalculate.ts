import type { recalculate } from '../../core/engine';
import type { EngineResult } from '../../core/model';
import type { Progress } from '../adapter';
import { OfficeWorkbook, type OfficeWorkbookOptions } from './adapter';

// Read → recalculate → write, through the host contract: three syncs to read and
// four to write, for 10 rows or 20,000 (read.ts, write.ts).

export interface RecalcInExcelOptions extends OfficeWorkbookOptions {
  /** YYYY-MM-DD; default per the settings (today). */
  asOf?: string;
  onProgress?: Progress;
  /** Settings from the pane, over the workbook's own. */
  settings?: unknown;
  /** The moment stamped on the summary; default now. */
  now?: Date;
}

/**
 * The engine's `recalculate`, passed in so that this module loads without the
 * engine and zod (the pane's first bundle holds it), and tests can pass their own.
 */
export type Recalculate = typeof recalculate;

/** Read → recalculate → write, in one request context. */
export async function recalculateWith(
  context: Excel.RequestContext,
  recalculate: Recalculate,
  opts: RecalcInExcelOptions = {},
): Promise<EngineResult> {
  const book = new OfficeWorkbook((batch) => batch(context), opts);
  const grid = await book.readWorkbook(opts.onProgress);
  const { result, plan } = recalculate(grid, {
    asOf: opts.asOf,
    now: opts.now ?? new Date(),
    settings: opts.settings,
    onProgress: opts.onProgress,
  });
  await book.applyPlan(plan, opts.onProgress);
  opts.onProgress?.('Done', 1, 1);
  return result;
}
