import type { CellValue, SheetGrid } from '../core/grid';
import { SETTINGS_SHEET_NAME } from '../core/ownership';
import type { PlanCell, PlanSheet } from '../core/plan-schema';

// The copy of Ragbook's settings that survives programs other than Excel: the cells
// of a hidden sheet of Ragbook's own (LibreOffice and Google Sheets drop the web
// extension part where Office keeps an add-in's settings, but keep a hidden sheet
// and its cells). Both adapters write it with every recalculation and every save of
// the settings, in the same layout, and read it back the same way; the web
// extension copy wins when both are there (it is what the pane saved last in Excel).

/** The sheet as both adapters write it: a plan sheet of Ragbook's own, role `settings`. */
export type SettingsSheet = Omit<Extract<PlanSheet, { mode: 'replace' }>, 'role'> & { role: 'settings' };

/** A sheet an adapter writes: one of the plan's, or the settings sheet. */
export type SheetToWrite = PlanSheet | SettingsSheet;

/** The JSON goes down column A in pieces, well under a cell's 32,767 characters. */
const CHUNK = 8000;
/** The row (0-based) of the first piece. */
const FIRST_ROW = 3;

/** The settings sheet for `json`: `existing` is the sheet found by its mark, if any. */
export function settingsSheet(json: string, name: string, existing: string | null): SettingsSheet {
  const rows: PlanCell[][] = [
    [{ value: 'Ragbook settings' }],
    [
      {
        value:
          'Ragbook keeps a copy of its settings here, so that they survive when the workbook is saved by a program other than Excel. Change them in the Ragbook pane, not here.',
      },
    ],
    [],
  ];
  for (let i = 0; i < json.length;) {
    // A piece never ends between the two halves of a surrogate pair, which a cell could not hold apart.
    let end = Math.min(json.length, i + CHUNK);
    if (end < json.length && /[\uD800-\uDBFF]/.test(json[end - 1])) end--;
    rows.push([{ value: json.slice(i, end) }]);
    i = end;
  }
  return {
    role: 'settings',
    name,
    existing,
    mode: 'replace',
    columnWidths: [120],
    rowHeights: [],
    rows,
    merges: [],
    conditionalFormats: [],
    freezeRows: 0,
    tables: [],
    print: null,
  };
}

/** A free name for a new settings sheet: the usual one, or with a number when a user's sheet has it. */
export function settingsSheetName(taken: string[]): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  let name = SETTINGS_SHEET_NAME;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${SETTINGS_SHEET_NAME} (${i})`;
  return name;
}

/**
 * The settings the sheet holds, as stored (JSON decoded), or undefined when it holds
 * none. Text that is not JSON is returned as it is, for core to report, as the web
 * extension copy is.
 */
export function settingsFromSheet(sheet: Pick<SheetGrid, 'rows'>): unknown {
  let json = '';
  for (let r = FIRST_ROW; r < sheet.rows.length; r++) {
    const v: CellValue | undefined = sheet.rows[r]?.[0];
    if (typeof v !== 'string' || v === '') break;
    json += v;
  }
  if (json === '') return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/** The web extension copy wins; the sheet's copy is used when programs other than Excel dropped it. */
export function chooseSettings(webExtension: unknown, sheetCopy: unknown): unknown {
  return webExtension !== undefined ? webExtension : sheetCopy;
}
