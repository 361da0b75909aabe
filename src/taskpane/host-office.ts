import type { Host } from './host';

// The Host inside Excel. It is the only pane module that reaches Office.js, and only
// through workbook/office.ts, loaded on first use so the engine, zod and the Excel
// adapter stay out of the pane's initial bundle.

type OfficeModule = typeof import('../workbook/office');

let loading: Promise<OfficeModule> | null = null;

function office(): Promise<OfficeModule> {
  loading ??= import(/* webpackChunkName: "office" */ '../workbook/office');
  return loading;
}

export interface OfficeHost extends Host {
  /** Resolves with the reason this Excel cannot run Ragbook (too old), or null when it can. */
  checkRequirements(): Promise<string | null>;
}

export function createOfficeHost(): OfficeHost {
  return {
    mode: 'excel',
    async recalculate(asOf, onProgress) {
      const o = await office();
      return o.recalculateInExcel({ asOf, onProgress });
    },
    async goToCell(sheet, cell) {
      const o = await office();
      await o.goToCell(sheet, cell);
    },
    async loadSettings() {
      const o = await office();
      return o.readSettings();
    },
    async saveSettings(settings) {
      const o = await office();
      await o.saveSettings(settings);
    },
    async checkRequirements() {
      const o = await office();
      return o.checkRequirements();
    },
  };
}
