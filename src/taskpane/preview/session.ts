import { recalculate, resolveSettings } from '../../core/engine';
import type { EngineResult } from '../../core/model';
import type { Rollup } from '../../core/rollup';
import { distinguishingNames } from '../../core/rollup-names';
import { readTracker, unexpectedFailure } from '../../core/rollup-tracker';
import { readXlsx, WorkbookFileError } from '../../workbook/xlsx/read';
import { DirectorateWorkbook } from '../../workbook/xlsx/directorate-workbook';
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

/** A file chosen in the browser: its name, and its bytes when asked for. */
export interface ChosenFile {
  name: string;
  bytes(): Promise<Uint8Array>;
}

export interface DirectorateRun {
  rollup: Rollup;
  /** The directorate workbook. */
  bytes: Uint8Array;
  name: string;
  written: string[];
  /** Files that are Ragbook's own directorate workbooks, passed over. */
  passedOver: string[];
}

/**
 * The directorate view of several trackers (ragbook rollup's, in the browser): each
 * read and judged in turn, yielding between files so the pane stays responsive, a
 * file that cannot be read listed with its reason, and the directorate workbook made.
 */
export async function rollupFiles(files: ChosenFile[], asOf: string, onProgress: Progress): Promise<DirectorateRun> {
  const now = new Date();
  const names = distinguishingNames(files.map((f) => f.name));
  const directorate = new DirectorateWorkbook();
  const { aggregate } = directorate;
  const passedOver: string[] = [];
  for (let i = 0; i < files.length; i++) {
    onProgress('Reading trackers', i, files.length);
    await nextPaint();
    const file = { file: names[i], path: files[i].name };
    try {
      const { grid } = readXlsx(await files[i].bytes(), file.file);
      const read = readTracker(grid, { file, asOf, now, withReport: false });
      if (read.kind === 'read') aggregate.add(i, { kind: 'read', ...read.summary });
      else {
        aggregate.add(i, null);
        passedOver.push(file.file);
      }
    } catch (e) {
      const message = e instanceof WorkbookFileError ? e.message : unexpectedFailure(file.file, e);
      aggregate.add(i, { kind: 'refused', ...file, message });
    }
  }
  onProgress('Writing the directorate workbook', files.length, files.length);
  await nextPaint();
  const { settings } = resolveSettings(NO_WORKBOOK, undefined);
  const { rollup, bytes, written } = directorate.finish({ asOf, now, rules: settings.rag, settingsJson: JSON.stringify(settings) });
  return { rollup, bytes, name: `directorate-${asOf}.xlsx`, written, passedOver };
}
