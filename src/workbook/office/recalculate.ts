import type { recalculate } from '../../core/engine';
import type { EngineResult } from '../../core/model';
import type { Progress } from '../adapter';
import type { OfficeWorkbookOptions } from './adapter';
import { newRun, releaseLock } from './lock';
import { readWorkbookGrid } from './read';
import { hostSupportsTableResize } from './startup';
import { applyPlan } from './write';

// Read → recalculate → write, one recalculation at a time: three syncs to read and
// three to write, for 10 rows or 20,000 (read.ts, write.ts). The run takes the
// workbook's lock in the read's second sync and lets it go in the write's last
// (lock.ts); if anything in between fails, it lets go of it on the way out.

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

/** Read → recalculate → write, in one request context, holding the lock throughout. */
export async function recalculateWith(
  context: Excel.RequestContext,
  recalculate: Recalculate,
  opts: RecalcInExcelOptions = {},
): Promise<EngineResult> {
  const lockOpts = opts.lock ?? {};
  const run = newRun(lockOpts.now?.() ?? Date.now());
  try {
    const grid = await readWorkbookGrid(context, {
      maxPayloadBytes: opts.maxPayloadBytes,
      onProgress: opts.onProgress,
      lock: { ...lockOpts, run },
    });
    const { result, plan } = recalculate(grid, {
      asOf: opts.asOf,
      now: opts.now ?? new Date(),
      settings: opts.settings,
      onProgress: opts.onProgress,
    });
    await applyPlan(context, plan, {
      maxPayloadBytes: opts.maxPayloadBytes,
      tableResize: opts.tableResize ?? hostSupportsTableResize(),
      onProgress: opts.onProgress,
      lock: { ...lockOpts, run, held: true },
    });
    opts.onProgress?.('Done', 1, 1);
    return result;
  } catch (e) {
    // The write lets go of the lock itself; a failure before it (the engine, the read) must too.
    await releaseLock(context, run);
    throw e;
  }
}
