import type { EngineResult } from '../../core/model';
import type { ParsedSettings, Settings } from '../../core/settings';
import type { ExcelRunner } from './adapter';
import { RagbookHostError, officeCode, toHostError } from './errors';
import { goToCellIn, writeStatusLineIn } from './navigation';
import type { RecalcInExcelOptions } from './recalculate';
import { readSettingsFrom, saveSettingsTo } from './settings';
import { checkRequirements } from './startup';

// What the pane and the ribbon command call: each job in its own Excel.run, its
// Office errors explained. This module loads with the pane and the command page, so
// what only a recalculation needs (the engine, zod, and the adapter's reading and
// writing) is import()ed by the first recalculation, in one chunk.

/**
 * Excel.run waits while the user is editing a cell (delayForCellEdit), rather than
 * failing at once because someone clicked Recalculate with a cell open.
 */
export const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };

function runner(retry: string): ExcelRunner {
  return async (batch) => {
    try {
      return await Excel.run(RUN_OPTIONS, batch);
    } catch (e) {
      // Office's errors are explained; the engine's own (a bad as-of date) already speak plainly.
      throw e instanceof RagbookHostError || officeCode(e) === null ? e : toHostError(e, undefined, retry);
    }
  };
}

/** Runs batches in the open workbook (Excel.run), for the host contract (adapter.ts). */
export const excelRunner: ExcelRunner = runner('try again');

/** Recalculates the open workbook and writes the RAG sheets; resolves with what the pane shows. */
export async function recalculateInExcel(opts: RecalcInExcelOptions = {}): Promise<EngineResult> {
  const problem = checkRequirements();
  if (problem) throw new RagbookHostError(problem, 'unsupported', undefined, 'unchanged');
  const [{ recalculate }, { recalculateWith }] = await Promise.all([
    import(/* webpackChunkName: "engine" */ '../../core/engine'),
    import(/* webpackChunkName: "engine" */ './recalculate'),
  ]);
  return runner('click Recalculate summary again')((context) => recalculateWith(context, recalculate, opts));
}

export function readSettings(): Promise<ParsedSettings> {
  return excelRunner((context) => readSettingsFrom(context));
}

export function saveSettings(settings: Settings): Promise<void> {
  return runner('save the settings again')((context) => saveSettingsTo(context, settings));
}

export function goToCell(sheet: string, cell: string): Promise<void> {
  return excelRunner((context) => goToCellIn(context, sheet, cell));
}

export function writeStatusLine(text: string): Promise<boolean> {
  return excelRunner((context) => writeStatusLineIn(context, text)).catch(() => false);
}
