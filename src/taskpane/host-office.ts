import * as office from '../workbook/office';
import type { Host } from './host';

// The Host inside Excel. It reaches Office.js only through workbook/office.ts. That
// module is small and loads with the pane; the engine and zod, which it needs only
// to recalculate or to check settings, it import()s on first use.

export interface OfficeHost extends Host {
  /** Resolves with the reason this Excel cannot run Ragbook (too old), or null when it can. */
  checkRequirements(): Promise<string | null>;
}

export function createOfficeHost(): OfficeHost {
  return {
    mode: 'excel',
    recalculate: (asOf, onProgress) => office.recalculateInExcel({ asOf, onProgress }),
    goToCell: (sheet, cell) => office.goToCell(sheet, cell),
    loadSettings: () => office.readSettings(),
    saveSettings: (settings) => office.saveSettings(settings),
    checkRequirements: async () => office.checkRequirements(),
  };
}
