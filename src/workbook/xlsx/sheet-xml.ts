import { type Area, a1, areaA1, parseArea } from '../../core/grid';
import type { ConditionalFormat, PlanCell, PlanSheet, StyleName } from '../../core/plan-schema';
import { MARKER_NAME } from './marker';
import { argb } from './styles-write';
import { cellText, escapeAttr, escapeText } from './write-xml';

// Builds the worksheet part for one planned sheet. The elements follow the order
// CT_Worksheet requires (ECMA-376 Part 1, §18.3.1.99): sheetPr, dimension,
// sheetViews, sheetFormatPr, cols, sheetData, …, mergeCells, phoneticPr,
// conditionalFormatting, dataValidations, hyperlinks, printOptions, pageMargins,
// pageSetup, headerFooter, rowBreaks, colBreaks, customProperties, …; Excel
// repairs a file whose elements are out of order.

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface SheetXmlOptions {
  xf: Map<StyleName, number>;
  dxf: Map<StyleName, number>;
  /** Relationship id (in the sheet's own rels) of the ownership marker part. */
  markerRelId: string;
  tabSelected: boolean;
}

/** Excel's width unit: characters of the default font's digit plus 5 px of padding (Calibri 11: 7 px digits). */
function excelWidth(chars: number): number {
  return Math.trunc(((chars * 7 + 5) / 7) * 256) / 256;
}

function cellXml(ref: string, cell: PlanCell, xf: Map<StyleName, number>): string {
  const s = cell.style !== undefined ? xf.get(cell.style) : undefined;
  const style = s ? ` s="${s}"` : '';
  const v = cell.value;
  if (cell.formula !== undefined && cell.formula !== '') {
    const formula = escapeText(cell.formula.replace(/^=/, ''));
    if (typeof v === 'number' && Number.isFinite(v)) return `<c r="${ref}"${style}><f>${formula}</f><v>${v}</v></c>`;
    if (typeof v === 'boolean') return `<c r="${ref}"${style} t="b"><f>${formula}</f><v>${v ? 1 : 0}</v></c>`;
    const text = typeof v === 'string' ? cellText(v) : '';
    return `<c r="${ref}"${style} t="str"><f>${formula}</f><v>${escapeText(text)}</v></c>`;
  }
  if (typeof v === 'string') {
    const text = cellText(v);
    if (text === '') return style ? `<c r="${ref}"${style}/>` : '';
    // An inline string is text whatever it looks like: '=Review caseloads' stays text.
    return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeText(text)}</t></is></c>`;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return style ? `<c r="${ref}"${style}/>` : '';
    return `<c r="${ref}"${style}><v>${v}</v></c>`;
  }
  if (typeof v === 'boolean') return `<c r="${ref}"${style} t="b"><v>${v ? 1 : 0}</v></c>`;
  return style ? `<c r="${ref}"${style}/>` : '';
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
function fractionsOnly(sheet: PlanSheet, range: string): boolean {
  const a = parseArea(range.split(/\s+/)[0] ?? '');
  if (!a) return false;
  let any = false;
  for (let r = a.r1; r <= a.r2; r++) {
    for (let c = a.c1; c <= a.c2; c++) {
      const v = sheet.rows[r]?.[c]?.value;
      if (v === null || v === undefined) continue;
      if (typeof v !== 'number' || v < 0 || v > 1) return false;
      any = true;
    }
  }
  return any;
}

function conditionalXml(sheet: PlanSheet, cf: ConditionalFormat, priority: number, dxf: Map<StyleName, number>): string {
  const ref = sqref(cf.range);
  if (!ref) return '';
  if (cf.type === 'dataBar') {
    const colour = argb(cf.color) ?? 'FF638EC6';
    const bounds = fractionsOnly(sheet, cf.range)
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

export function buildSheetXml(sheet: PlanSheet, opts: SheetXmlOptions): string {
  let maxRow = -1;
  let maxCol = -1;
  const rowsXml: string[] = [];
  sheet.rows.forEach((row, r) => {
    let cells = '';
    row.forEach((cell, c) => {
      if (!cell) return;
      const x = cellXml(a1(r, c), cell, opts.xf);
      if (!x) return;
      cells += x;
      maxCol = Math.max(maxCol, c);
    });
    if (cells) {
      rowsXml.push(`<row r="${r + 1}">${cells}</row>`);
      maxRow = r;
    }
  });
  const dimension = maxRow < 0 ? 'A1' : areaA1({ r1: 0, c1: 0, r2: maxRow, c2: Math.max(0, maxCol) });

  const out: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`];
  const tab = argb(sheet.tabColor);
  if (tab) out.push(`<sheetPr><tabColor rgb="${tab}"/></sheetPr>`);
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

  const cols = sheet.columnWidths
    .slice(0, 16384)
    .map((w, c) =>
      Number.isFinite(w) && w > 0 ? `<col min="${c + 1}" max="${c + 1}" width="${excelWidth(Math.min(w, 255))}" customWidth="1"/>` : '',
    )
    .join('');
  if (cols) out.push(`<cols>${cols}</cols>`);

  out.push(rowsXml.length ? `<sheetData>${rowsXml.join('')}</sheetData>` : '<sheetData/>');

  const merges = validMerges(sheet.merges);
  if (merges.length) out.push(`<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`);

  let priority = 1;
  for (const cf of sheet.conditionalFormats) {
    const x = conditionalXml(sheet, cf, priority, opts.dxf);
    if (x) {
      out.push(x);
      priority++;
    }
  }

  out.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  out.push(`<customProperties><customPr name="${escapeAttr(MARKER_NAME)}" r:id="${escapeAttr(opts.markerRelId)}"/></customProperties>`);
  out.push('</worksheet>');
  return out.join('');
}
