import { type Area, areaA1, columnName, parseArea } from '../../../core/grid';
import type { ConditionalFormat, PlanCell, Print, StyleName } from '../../../core/plan-schema';
import { withinLimits } from '../../limits';
import type { SheetToWrite } from '../../settings-sheet';
import { MARKER_NAME } from '../marker';
import { escapeAttr, escapeText } from '../opc/xml-escape';
import { MAX_CELL_TEXT, cellText } from './cell-text';
import { argb } from './styles';
import { ByteSink } from './xml-out';

// Builds the worksheet part for one planned sheet, and the rows appended to one
// (append.ts). The elements follow the order CT_Worksheet requires (ECMA-376 Part
// 1, §18.3.1.99, WORKSHEET_ORDER below); Excel repairs a file whose elements are
// out of order.

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The children of <worksheet>, in the order the schema requires. */
export const WORKSHEET_ORDER = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/** Elements of a sheet rewritten in place that Ragbook keeps (a chart's drawing, notes, a background picture), with their relationships. */
export const KEPT_ELEMENTS = ['drawing', 'legacyDrawing', 'legacyDrawingHF', 'picture'];

export interface SheetXmlOptions {
  xf: Map<StyleName, number>;
  dxf: Map<StyleName, number>;
  /** Relationship id (in the sheet's own rels) of the ownership marker part. */
  markerRelId: string;
  tabSelected: boolean;
  /** Relationship ids of the sheet's table parts, in order. */
  tableRelIds: string[];
  /** KEPT_ELEMENTS of the sheet this one rewrites, by local name, with the relationship id each refers to. */
  kept: { local: string; relId: string }[];
}

/**
 * A workbook's shared strings, where the repeated text of a new workbook's long
 * sheets is kept once (sheet-body.ts). Without one, text is written inline in its cell.
 */
export interface StringTable {
  /** The index of `cell`'s text (`text`, as cellText leaves it). */
  indexOf(cell: PlanCell, text: string): number;
}

/** Excel's width unit: characters of the default font's digit plus 5 px of padding (Calibri 11: 7 px digits). */
function excelWidth(chars: number): number {
  return Math.trunc(((chars * 7 + 5) / 7) * 256) / 256;
}

// Text that cellText leaves as it is and that needs no escaping (no & < >, no
// control character but tab and LF, no surrogate, no "_x"): most text, written as it is.
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const NOT_PLAIN = /[&<>\u0000-\u0008\u000B-\u001F\uD800-\uDFFF\uFFFE\uFFFF]|_x/;

/**
 * Whether text must be marked xml:space="preserve" to be read back as it is: space
 * at either end, a line break or tab, or a run of spaces, as Excel marks it. Most
 * cells have none, and the mark costs 20 bytes a cell on sheets of a million cells.
 */
export function keepsSpaces(text: string): boolean {
  return (
    text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32 || text.includes('\n') || text.includes('\t') || text.includes('  ')
  );
}

/**
 * Whether a cell is written at all: one with neither a value (text that is empty
 * once cleaned counts as none) nor a style is left out. `style` is its ' s="N"'.
 * writeCell decides the same way, case by case.
 */
function cellWrites(cell: PlanCell, style: string): boolean {
  if (style || (cell.formula !== undefined && cell.formula !== '')) return true;
  const v = cell.value;
  if (typeof v === 'string') return v !== '' && cellText(v) !== '';
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v === 'boolean';
}

/** `<c r="A1" s="N"` */
function openCell(out: ByteSink, col: string, row: string, style: string): void {
  out.raw('<c r="');
  out.raw(col);
  out.raw(row);
  out.raw('"');
  if (style) out.raw(style);
}

/**
 * Writes one cell at column `col` (letters) of row `row` (its number), and
 * returns true; or returns false, writing nothing, for a cell cellWrites leaves out.
 */
function writeCell(
  out: ByteSink,
  col: string,
  row: string,
  planned: PlanCell,
  styleAttrs: Map<StyleName, string>,
  strings: StringTable | null,
): boolean {
  const cell = withinLimits(planned);
  const style = cell.style !== undefined ? (styleAttrs.get(cell.style) ?? '') : '';
  const v = cell.value;
  if (cell.formula !== undefined && cell.formula !== '') {
    openCell(out, col, row, style);
    if (typeof v === 'number' && Number.isFinite(v)) out.raw('><f>');
    else if (typeof v === 'boolean') out.raw(' t="b"><f>');
    else out.raw(' t="str"><f>');
    out.text(cell.formula.charCodeAt(0) === 61 /* = */ ? cell.formula.slice(1) : cell.formula);
    if (typeof v === 'number' && Number.isFinite(v)) {
      out.raw('</f><v>');
      out.raw(String(v));
      out.raw('</v></c>');
    } else if (typeof v === 'boolean') out.raw(v ? '</f><v>1</v></c>' : '</f><v>0</v></c>');
    else {
      out.raw('</f><v>');
      if (typeof v === 'string') out.text(cellText(v));
      out.raw('</v></c>');
    }
    return true;
  }
  if (typeof v === 'string') {
    const plain = v.length <= MAX_CELL_TEXT && !NOT_PLAIN.test(v);
    const text = plain ? v : cellText(v);
    if (text === '') {
      if (!style) return false;
      openCell(out, col, row, style);
      out.raw('/>');
      return true;
    }
    openCell(out, col, row, style);
    // Text that repeats down the sheet is kept once; text met once (an action's description) stays in its cell.
    if (strings && planned.repeats) {
      out.raw(' t="s"><v>');
      out.raw(String(strings.indexOf(planned, text)));
      out.raw('</v></c>');
      return true;
    }
    // An inline string is text whatever it looks like: '=Review caseloads' stays text.
    out.raw(keepsSpaces(text) ? ' t="inlineStr"><is><t xml:space="preserve">' : ' t="inlineStr"><is><t>');
    if (plain) out.plain(text);
    else out.text(text);
    out.raw('</t></is></c>');
    return true;
  }
  if (typeof v === 'number' && Number.isFinite(v)) {
    openCell(out, col, row, style);
    out.raw('><v>');
    out.raw(String(v));
    out.raw('</v></c>');
    return true;
  }
  if (typeof v === 'boolean') {
    openCell(out, col, row, style);
    out.raw(v ? ' t="b"><v>1</v></c>' : ' t="b"><v>0</v></c>');
    return true;
  }
  if (!style) return false;
  openCell(out, col, row, style);
  out.raw('/>');
  return true;
}

function overlaps(a: Area, b: Area): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

/** Merges Excel accepts: well-formed, more than one cell, not overlapping an earlier one. */
function validMerges(refs: string[]): string[] {
  const kept: Area[] = [];
  for (const ref of refs) {
    const a = parseArea(ref);
    if (!a || (a.r1 === a.r2 && a.c1 === a.c2) || kept.some((k) => overlaps(k, a))) continue;
    kept.push(a);
  }
  return kept.map(areaA1);
}

/** A range reference as Excel writes one (`A1:B2`, upper case, no $), or null when malformed. */
function sqref(range: string): string | null {
  const parts = range
    .split(/\s+/)
    .filter(Boolean)
    .map((r) => parseArea(r.replace(/\$/g, '')));
  if (parts.length === 0 || parts.some((a) => !a)) return null;
  return (parts as Area[]).map(areaA1).join(' ');
}

/** True when every number in the range lies in 0..1: then the bar runs from 0 to 100%. */
function fractionsOnly(rows: PlanCell[][], range: string): boolean {
  const a = parseArea(range.split(/\s+/)[0] ?? '');
  if (!a) return false;
  let any = false;
  for (let r = a.r1; r <= a.r2; r++) {
    for (let c = a.c1; c <= a.c2; c++) {
      const v = rows[r]?.[c]?.value;
      if (v === null || v === undefined) continue;
      if (typeof v !== 'number' || v < 0 || v > 1) return false;
      any = true;
    }
  }
  return any;
}

function conditionalXml(rows: PlanCell[][], cf: ConditionalFormat, priority: number, dxf: Map<StyleName, number>): string {
  const ref = sqref(cf.range);
  if (!ref) return '';
  if (cf.type === 'dataBar') {
    const colour = argb(cf.color) ?? 'FF638EC6';
    const bounds = fractionsOnly(rows, cf.range)
      ? '<cfvo type="num" val="0"/><cfvo type="num" val="1"/>'
      : '<cfvo type="min"/><cfvo type="max"/>';
    return (
      `<conditionalFormatting sqref="${ref}"><cfRule type="dataBar" priority="${priority}">` +
      `<dataBar>${bounds}<color rgb="${colour}"/></dataBar></cfRule></conditionalFormatting>`
    );
  }
  const id = dxf.get(cf.style);
  const dxfAttr = id === undefined ? '' : ` dxfId="${id}"`;
  const formula = escapeText(cf.formula.replace(/^=/, ''));
  return (
    `<conditionalFormatting sqref="${ref}"><cfRule type="expression"${dxfAttr} priority="${priority}">` +
    `<formula>${formula}</formula></cfRule></conditionalFormatting>`
  );
}

/** Everything before <sheetData>, for a given dimension. */
function headXml(sheet: SheetToWrite, opts: SheetXmlOptions, dimension: string): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`];
  const tab = argb(sheet.tabColor);
  const fit = sheet.print ? '<pageSetUpPr fitToPage="1"/>' : '';
  if (tab || fit) out.push(`<sheetPr>${tab ? `<tabColor rgb="${tab}"/>` : ''}${fit}</sheetPr>`);
  out.push(`<dimension ref="${dimension}"/>`);

  const selected = opts.tabSelected ? ' tabSelected="1"' : '';
  const frozen = Math.min(Math.max(0, Math.trunc(sheet.freezeRows)), 1048575);
  if (frozen > 0) {
    const top = `A${frozen + 1}`;
    out.push(
      `<sheetViews><sheetView${selected} workbookViewId="0">` +
        `<pane ySplit="${frozen}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/>` +
        `<selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/>` +
        `</sheetView></sheetViews>`,
    );
  } else {
    out.push(`<sheetViews><sheetView${selected} workbookViewId="0"/></sheetViews>`);
  }
  out.push('<sheetFormatPr defaultRowHeight="15"/>');
  const cols = colsXml(sheet.columnWidths);
  if (cols) out.push(cols);
  return out.join('');
}

/** The <cols> element for widths in characters from column A, or '' when none is set. */
export function colsXml(widths: number[]): string {
  const cols = widths
    .slice(0, 16384)
    .map((w, c) =>
      Number.isFinite(w) && w > 0 ? `<col min="${c + 1}" max="${c + 1}" width="${excelWidth(Math.min(w, 255))}" customWidth="1"/>` : '',
    )
    .join('');
  return cols ? `<cols>${cols}</cols>` : '';
}

/** ' s="N"' for each style with a format (index 0 is the default, written as nothing). */
export function styleAttributes(xf: Map<StyleName, number>): Map<StyleName, string> {
  const out = new Map<StyleName, string>();
  for (const [name, index] of xf) if (index) out.set(name, ` s="${index}"`);
  return out;
}

/** The last row and column (0-based) that `rows` writes a cell in; -1 when none. */
export function extentOf(rows: PlanCell[][], styleAttrs: Map<StyleName, string>): { maxRow: number; maxCol: number } {
  let maxRow = -1;
  let maxCol = -1;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || !cellWrites(cell, cell.style !== undefined ? (styleAttrs.get(cell.style) ?? '') : '')) continue;
      maxRow = r;
      if (c > maxCol) maxCol = c;
    }
  }
  return { maxRow, maxCol };
}

/** A row height Excel takes (points, up to 409), or null for the default. */
function rowHeight(h: number | null | undefined): number | null {
  return typeof h === 'number' && Number.isFinite(h) && h > 0 ? Math.min(409, Math.round(h * 4) / 4) : null;
}

/**
 * Writes `rows` as <row> elements, the first as sheet row `first + 1` (0-based
 * `first`); `heights[i]` is the height of rows[i]. A row with neither a cell nor a
 * height is left out.
 */
export function writeRows(
  out: ByteSink,
  rows: PlanCell[][],
  first: number,
  styleAttrs: Map<StyleName, string>,
  heights: readonly (number | null)[],
  strings: StringTable | null = null,
): void {
  const letters: string[] = [];
  const count = Math.max(rows.length, heights.length);
  for (let i = 0; i < count; i++) {
    const row = rows[i];
    const height = rowHeight(heights[i]);
    if (!row && height === null) continue;
    const rowStart = out.length;
    const rowNumber = String(first + i + 1);
    out.raw(`<row r="${rowNumber}"`);
    if (height !== null) out.raw(` ht="${height}" customHeight="1"`);
    out.raw('>');
    let any = height !== null;
    if (row) {
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (!cell) continue;
        const col = letters[c] ?? (letters[c] = columnName(c));
        if (writeCell(out, col, rowNumber, cell, styleAttrs, strings)) any = true;
      }
    }
    if (any) {
      out.raw('</row>');
      out.flushIfFull();
    } else {
      out.truncate(rowStart);
    }
  }
}

/** A footer section's text as Excel's codes take it. */
function footerXml(print: Print): string {
  const { left, center, right } = print.footer;
  const text = (left ? `&L${left}` : '') + (center ? `&C${center}` : '') + (right ? `&R${right}` : '');
  return text ? `<headerFooter><oddFooter>${escapeText(text)}</oddFooter></headerFooter>` : '';
}

/** pageMargins, pageSetup and headerFooter, as the plan's print setup says. */
export function printXml(print: Print | null): string {
  const margins = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  if (!print) return margins;
  const width = Math.max(1, Math.trunc(print.fitToWidth));
  // fitToHeight 0: as many pages tall as it takes.
  // paperSize: 9 is A4, 1 US Letter (ECMA-376 Part 1, 18.3.1.64).
  const paper = print.paper === 'A4' ? 9 : 1;
  return `${margins}<pageSetup paperSize="${paper}" orientation="${print.orientation}" fitToWidth="${width}" fitToHeight="0"/>${footerXml(print)}`;
}

/** The <customProperties> element that marks the sheet as Ragbook's. */
export function markerXml(relId: string): string {
  return `<customProperties><customPr name="${escapeAttr(MARKER_NAME)}" r:id="${escapeAttr(relId)}"/></customProperties>`;
}

/** The <tableParts> element, or '' for none. */
export function tablePartsXml(relIds: string[]): string {
  return relIds.length
    ? `<tableParts count="${relIds.length}">${relIds.map((id) => `<tablePart r:id="${escapeAttr(id)}"/>`).join('')}</tableParts>`
    : '';
}

/** The dimension of a sheet whose cells reach 0-based row `maxRow` and column `maxCol`. */
export function dimensionOf(maxRow: number, maxCol: number): string {
  return maxRow < 0 ? 'A1' : areaA1({ r1: 0, c1: 0, r2: maxRow, c2: Math.max(0, maxCol) });
}

function dimensionOfRows(rows: PlanCell[][], styleAttrs: Map<StyleName, string>): string {
  const { maxRow, maxCol } = extentOf(rows, styleAttrs);
  return dimensionOf(maxRow, maxCol);
}

/** Everything of the worksheet part after </sheetData>: merges, formats, print setup, mark, tables. */
export function tailXml(sheet: SheetToWrite, rows: PlanCell[][], opts: SheetXmlOptions): string {
  const tail: string[] = [];
  const merges = validMerges(sheet.merges);
  if (merges.length)
    tail.push(`<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`);

  let priority = 1;
  for (const cf of sheet.conditionalFormats) {
    const x = conditionalXml(rows, cf, priority, opts.dxf);
    if (x) {
      tail.push(x);
      priority++;
    }
  }

  tail.push(printXml(sheet.print));
  tail.push(markerXml(opts.markerRelId));
  for (const local of KEPT_ELEMENTS) {
    for (const k of opts.kept) if (k.local === local) tail.push(`<${local} r:id="${escapeAttr(k.relId)}"/>`);
  }
  tail.push(tablePartsXml(opts.tableRelIds));
  tail.push('</worksheet>');
  return tail.join('');
}

/**
 * Writes the worksheet part for `rows` (the plan's rows, or an append sheet's head
 * and rows), as UTF-8 bytes handed to `emit` in pieces of about a megabyte (each
 * piece is only valid during the call: the buffer is reused). With `following`,
 * the part stops after `rows`, inside <sheetData>: its other rows come apart
 * (sheet-body.ts), and so does its dimension.
 */
export function buildSheetXml(
  sheet: SheetToWrite,
  rows: PlanCell[][],
  opts: SheetXmlOptions,
  emit: (bytes: Uint8Array) => void,
  following?: { dimension: string },
): void {
  const styleAttrs = styleAttributes(opts.xf);
  // The dimension comes first but covers the cells written, so they are looked at first (the caller did, for rows that follow).
  const dimension = following ? following.dimension : dimensionOfRows(rows, styleAttrs);

  const out = new ByteSink(emit);
  out.raw(headXml(sheet, opts, dimension));
  out.raw('<sheetData>');
  writeRows(out, rows, 0, styleAttrs, sheet.rowHeights);
  if (!following) {
    out.raw('</sheetData>');
    out.raw(tailXml(sheet, rows, opts));
  }
  out.end();
}
