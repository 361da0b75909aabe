import { recalculate, resolveSettings } from '../../core/engine';
import type { EngineResult } from '../../core/model';
import type { Settings, SettingsProblem } from '../../core/settings';
import type { WorkbookGrid } from '../../core/grid';
import { XlsxWorkbook } from '../../workbook/xlsx/adapter';
import type { Progress } from '../host';

// The preview's engine room: the .xlsx adapter (the host contract over the file's
// bytes) and the engine, run in the browser. PreviewApp loads this module with
// import(), so none of it (nor fflate or zod) is in the pane's initial bundle;
// inside Excel it is never loaded at all.

export { WorkbookFileError } from '../../workbook/xlsx/read';

export interface OpenedWorkbook {
  fileName: string;
  bytes: Uint8Array;
  grid: WorkbookGrid;
}

/** Reads the file; a damaged or wrong file throws a WorkbookFileError whose message is for the user. */
export function openWorkbook(bytes: Uint8Array, fileName: string, onProgress?: Progress): OpenedWorkbook {
  const grid = new XlsxWorkbook(bytes, fileName).readGrid(onProgress);
  return { fileName, bytes, grid };
}

const NO_WORKBOOK: WorkbookGrid = { name: '', sheets: [], date1904: false };

/** The settings in force: the workbook's, with the user's unsaved-to-file edits on top. */
export function settingsFor(wb: OpenedWorkbook | null, edited: Settings | null): { settings: Settings; problems: SettingsProblem[] } {
  return resolveSettings(wb?.grid ?? NO_WORKBOOK, edited ?? undefined);
}

export interface PreviewRun {
  result: EngineResult;
  /** The updated workbook, with the RAG sheets and the settings written into it. */
  bytes: Uint8Array;
  written: string[];
}

const nextPaint = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Recalculates and writes the updated workbook, yielding between stages so the progress bar paints. */
export async function recalculateWorkbook(
  wb: OpenedWorkbook,
  asOf: string,
  edited: Settings | null,
  onProgress: Progress,
): Promise<PreviewRun> {
  onProgress('Reading trackers', 0, 1);
  await nextPaint();
  const { result, plan } = recalculate(wb.grid, { asOf, now: new Date(), settings: edited ?? undefined, onProgress });
  onProgress('Writing the updated workbook', 0, 1);
  await nextPaint();
  // Each recalculation writes into the workbook as it was opened: the plan was made from that grid.
  const book = new XlsxWorkbook(wb.bytes, wb.fileName);
  const { written } = await book.applyPlan(plan);
  return { result, bytes: book.bytes, written };
}

/** `Tracker.xlsx` → `Tracker.ragbook.xlsx`, as the command line names its output. */
export function outputName(fileName: string): string {
  const base = fileName.replace(/\.xlsx$/i, '') || 'workbook';
  return `${base}.ragbook.xlsx`;
}
