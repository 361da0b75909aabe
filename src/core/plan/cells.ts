import { isoToDay } from '../dates';
import { sheetRef } from '../grid';
import type { PlanCell, StyleName } from '../plan-schema';

// The cells of Ragbook's sheets. Every value is a plain cell that reads correctly
// without the add-in; links are HYPERLINK formulas (they work in Excel and
// LibreOffice), and text from the tracker is only ever a value, never a formula.

/** Excel's limit on a cell's text. */
const CELL_TEXT_LIMIT = 32767;

export const text = (value: string | null, style: StyleName = 'text'): PlanCell => ({
  value: value !== null && value.length > CELL_TEXT_LIMIT ? value.slice(0, CELL_TEXT_LIMIT - 1) + '…' : value,
  style,
});
export const num = (value: number | null, style: StyleName = 'integer'): PlanCell => ({ value, style });
export const plain = (value: string | number | null, style?: StyleName): PlanCell => (style ? { value, style } : { value });

/** A number where there is one, else a word (`none`, `not recorded`): no blank cell inside a table. */
export const numOr = (value: number | null, word: string, style: StyleName): PlanCell =>
  value === null ? { value: word, style } : { value, style };

/** A link that jumps to a cell: a HYPERLINK formula, whose cached value is the label. */
export function linkCell(sheet: string, cell: string, label: string, style: StyleName = 'link', head = linkHead(sheet)): PlanCell {
  const shown = label.length > 250 ? label.slice(0, 249) + '…' : label;
  // An A1 address has no quotes to double, so it goes into the string as it is.
  return { value: shown, formula: `${head}${cell}",${formulaString(shown)})`, style };
}

/** `HYPERLINK("#'Sheet'!` : the part of a link to a sheet that comes before the cell. */
export function linkHead(sheet: string): string {
  return `HYPERLINK(${formulaString(`#${sheetRef(sheet, '')}`).slice(0, -1)}`;
}

/**
 * Links to many cells of few sheets: the sheet part of each link is built once per
 * sheet (a large tracker has a link on each of 100,000s of rows).
 */
export function linkMaker(style: StyleName = 'link'): (sheet: string, cell: string, label: string) => PlanCell {
  const heads = new Map<string, string>();
  return (sheet, cell, label) => {
    let head = heads.get(sheet);
    if (head === undefined) heads.set(sheet, (head = linkHead(sheet)));
    return linkCell(sheet, cell, label, style, head);
  };
}

/** A string literal inside a formula: quotes doubled. */
function formulaString(s: string): string {
  return s.includes('"') ? `"${s.replace(/"/g, '""')}"` : `"${s}"`;
}

/** Excel serial number for an ISO date in the workbook's date system. */
export function serialOf(iso: string, date1904: boolean): number {
  return isoToDay(iso) + (date1904 ? 24107 : 25569);
}

/** Excel serial number for a moment, in the local time of the host that recalculates. */
export function localSerial(d: Date, date1904: boolean): number {
  const day = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86400000;
  const fraction = (d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds()) / 86400;
  return day + (date1904 ? 24107 : 25569) + fraction;
}

/**
 * Cells that repeat down a long sheet (a severity, a sheet name, a work stream) made
 * once and shared by the rows: cells are plain immutable data. Each is marked as
 * repeating, so a writer that keeps text once (shared strings) finds it by the cell.
 */
export function cellCache(): (value: string, style: StyleName) => PlanCell {
  const shared = new Map<StyleName, Map<string, PlanCell>>();
  return (value, style) => {
    let byValue = shared.get(style);
    if (!byValue) shared.set(style, (byValue = new Map()));
    let cell = byValue.get(value);
    if (!cell) byValue.set(value, (cell = { value, style, repeats: true }));
    return cell;
  };
}

/** Numbers that repeat down a long sheet (a due date, a day count of 0) made once, as cellCache does for words. */
export function numberCache(): (value: number, style: StyleName) => PlanCell {
  const shared = new Map<StyleName, Map<number, PlanCell>>();
  return (value, style) => {
    let byValue = shared.get(style);
    if (!byValue) shared.set(style, (byValue = new Map()));
    let cell = byValue.get(value);
    if (!cell) byValue.set(value, (cell = num(value, style)));
    return cell;
  };
}
