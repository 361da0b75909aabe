import { goToCell, readSettings, recalculateInExcel, saveSettings } from '../workbook/office/run';
import { checkRequirements } from '../workbook/office/startup';
import type { Host } from './host';

// The Host inside Excel. It reaches Office.js only through workbook/office/. Those
// modules are small and load with the pane; the engine and zod, which they need
// only to recalculate or to check settings, they import() on first use.

export interface OfficeHost extends Host {
  /** Resolves with the reason this Excel cannot run Ragbook (too old), or null when it can. */
  checkRequirements(): Promise<string | null>;
}

export function createOfficeHost(): OfficeHost {
  return {
    mode: 'excel',
    recalculate: (asOf, onProgress) => recalculateInExcel({ asOf, onProgress }),
    goToCell: (sheet, cell) => goToCell(sheet, cell),
    loadSettings: () => readSettings(),
    saveSettings: (settings) => saveSettings(settings),
    checkRequirements: async () => checkRequirements(),
  };
}
