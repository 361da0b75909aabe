import { MERGED_AREAS_EXCEL_API, REQUIRED_EXCEL_API, TABLE_RESIZE_EXCEL_API } from './constants';
import { EXCEL_TOO_OLD } from './errors';

// Starting up: where the pane and the command page learn whether they are in Excel,
// which Excel it is, and register the ribbon's command.

/** Whether office.js loaded at all: offline, or blocked, the global `Office` is missing. */
export function officeLoaded(): boolean {
  return typeof Office !== 'undefined' && typeof Office.onReady === 'function';
}

/**
 * Resolves 'excel' when the page runs inside Excel, 'elsewhere' when office.js
 * loaded but reports another host or none (a page opened in a browser), and
 * 'elsewhere' at once when office.js did not load.
 */
export async function whenOfficeReady(): Promise<'excel' | 'elsewhere'> {
  if (!officeLoaded()) return 'elsewhere';
  const info = await Office.onReady();
  return info.host === Office.HostType.Excel ? 'excel' : 'elsewhere';
}

/** The body background of Office's theme (#RRGGBB), or null where the host does not say. */
export function officeThemeBackground(): string | null {
  try {
    return Office.context?.officeTheme?.bodyBackgroundColor ?? null;
  } catch {
    // Hosts without officeTheme throw rather than return undefined.
    return null;
  }
}

/**
 * Registers the ribbon's function command once Office is ready, through
 * Office.actions.associate and, for hosts that look the name up directly, as a
 * global function. Does nothing where office.js did not load.
 */
export function registerFunctionCommand(name: string, handler: (event: Office.AddinCommands.Event) => unknown): void {
  if (!officeLoaded()) return;
  void Office.onReady(() => {
    (globalThis as Record<string, unknown>)[name] = handler;
    try {
      Office.actions?.associate(name, handler);
    } catch {
      // Older hosts call the global function instead.
    }
  });
}

/** Calls `fn` once Office is ready (at once where office.js did not load). */
export function onOfficeReady(fn: () => void): void {
  if (!officeLoaded()) return fn();
  void Office.onReady(() => fn());
}

export interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

function officeRequirements(): Requirements | null {
  try {
    return typeof Office !== 'undefined' ? (Office.context?.requirements ?? null) : null;
  } catch {
    return null;
  }
}

/** A plain sentence when this Excel cannot run Ragbook, else null. */
export function checkRequirements(requirements: Requirements | null = officeRequirements()): string | null {
  if (!requirements) return 'Ragbook could not reach Excel. Close the Ragbook pane and open it again from the Home tab.';
  return requirements.isSetSupported('ExcelApi', REQUIRED_EXCEL_API) ? null : EXCEL_TOO_OLD;
}

/** Table.resize (ExcelApi 1.13); without it a table that must change is converted to a range and added again. */
export function hostSupportsTableResize(): boolean {
  return officeRequirements()?.isSetSupported('ExcelApi', TABLE_RESIZE_EXCEL_API) ?? false;
}

/** Range.getMergedAreasOrNullObject is ExcelApi 1.13: older hosts are read without merged areas. */
export function hostSupportsMergedAreas(): boolean {
  return officeRequirements()?.isSetSupported('ExcelApi', MERGED_AREAS_EXCEL_API) ?? false;
}
