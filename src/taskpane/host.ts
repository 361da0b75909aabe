import type { EngineResult } from '../core/model';
import type { Settings, SettingsProblem } from '../core/settings';

// What the pane needs from wherever it runs. In Excel this is backed by
// workbook/office/; in preview mode by the .xlsx adapter in the browser. The
// components receive a Host (or its functions) as props and never call Office.js.

export type Progress = (stage: string, done: number, total: number) => void;

export interface Host {
  mode: 'excel' | 'preview';
  /** Runs the engine on the workbook and writes the RAG sheets; resolves with the result shown. */
  recalculate(asOf: string, onProgress: Progress): Promise<EngineResult>;
  /** Activates the sheet and selects the cell. */
  goToCell(sheet: string, cell: string): Promise<void>;
  loadSettings(): Promise<{ settings: Settings; problems: SettingsProblem[] }>;
  saveSettings(settings: Settings): Promise<void>;
}
