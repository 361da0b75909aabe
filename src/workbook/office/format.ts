import { parseArea } from '../../core/grid';
import type { ConditionalFormat, Plan, PlanCell, Print, StyleDef } from '../../core/plan-schema';
import { type CompiledSheet, type StyleRect, type WriteSegment, widthPoints } from './compile';

// Queues a compiled sheet's writes on its worksheet: values, number formats,
// styles, borders, widths, row heights, freeze panes, conditional formats, tab
// colour, print setup; and the clearing of a sheet rewritten in place. Nothing here
// syncs; write.ts decides when.

/** Columns in a sheet: a row cleared to its end. */
const MAX_COLS = 16384;

function applyStyle(range: Excel.Range, def: StyleDef | undefined): void {
  if (!def) return;
  const f = range.format;
  if (def.fill) f.fill.color = def.fill;
  if (def.bold !== undefined) f.font.bold = def.bold;
  if (def.italic !== undefined) f.font.italic = def.italic;
  if (def.underline !== undefined) f.font.underline = def.underline ? 'Single' : 'None';
  if (def.size !== undefined) f.font.size = def.size;
  if (def.color) f.font.color = def.color;
  if (def.wrap !== undefined) f.wrapText = def.wrap;
  if (def.align) f.horizontalAlignment = def.align === 'left' ? 'Left' : def.align === 'center' ? 'Center' : 'Right';
}

function applyBorders(range: Excel.Range, rect: StyleRect): void {
  const edges: Parameters<Excel.RangeBorderCollection['getItem']>[0][] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
  if (rect.r2 > rect.r1) edges.push('InsideHorizontal');
  if (rect.c2 > rect.c1) edges.push('InsideVertical');
  for (const edge of edges) {
    const b = range.format.borders.getItem(edge);
    b.style = 'Continuous';
    b.color = '#BFBFBF';
  }
}

/** A data bar for fractions (every value 0..1) runs from 0 to 100%; otherwise Excel scales it. */
function fractionsOnly(rows: PlanCell[][], address: string): boolean {
  const a = parseArea(address);
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

function applyConditionalFormat(ws: Excel.Worksheet, rows: PlanCell[][], cf: ConditionalFormat, styles: Plan['styles']): void {
  const range = ws.getRange(cf.range);
  if (cf.type === 'dataBar') {
    // dataBar and custom are navigation properties, not values: nothing to load.
    // eslint-disable-next-line office-addins/load-object-before-read
    const bar = range.conditionalFormats.add('DataBar').dataBar;
    bar.positiveFormat.fillColor = cf.color;
    bar.positiveFormat.gradientFill = false;
    if (fractionsOnly(rows, cf.range)) {
      bar.lowerBoundRule = { type: 'Number', formula: '0' };
      bar.upperBoundRule = { type: 'Number', formula: '1' };
    }
    return;
  }
  // eslint-disable-next-line office-addins/load-object-before-read
  const custom = range.conditionalFormats.add('Custom').custom;
  custom.rule.formula = cf.formula.startsWith('=') ? cf.formula : `=${cf.formula}`;
  const def = styles[cf.style];
  if (def?.fill) custom.format.fill.color = def.fill;
  if (def?.color) custom.format.font.color = def.color;
  if (def?.bold !== undefined) custom.format.font.bold = def.bold;
}

/**
 * Queues everything but the values, merges and tables: styles, widths, row heights,
 * panes, rules, tab, print setup. `whole` is false when rows are only added to a
 * history: then what belongs to the sheet as a whole (widths, panes, rules) is left
 * as it is, and only the new rows are styled.
 */
export function queueFormatting(ws: Excel.Worksheet, s: CompiledSheet, styles: Plan['styles'], whole: boolean): void {
  const ps = s.plan;
  for (const rect of s.rects) {
    const range = ws.getRangeByIndexes(s.firstRow + rect.r1, rect.c1, rect.r2 - rect.r1 + 1, rect.c2 - rect.c1 + 1);
    const def = styles[rect.style];
    applyStyle(range, def);
    if (def?.border) applyBorders(range, rect);
  }
  const heights = whole || ps.mode !== 'append' ? ps.rowHeights : ps.rowHeights.slice(ps.head.length);
  heights.forEach((h, i) => {
    if (typeof h === 'number' && h > 0) ws.getRangeByIndexes(s.firstRow + i, 0, 1, 1).getEntireRow().format.rowHeight = Math.min(409, h);
  });
  if (!whole) return;
  ps.columnWidths.forEach((w, c) => {
    if (w > 0) ws.getRangeByIndexes(0, c, 1, 1).getEntireColumn().format.columnWidth = widthPoints(w);
  });
  if (ps.freezeRows > 0) ws.freezePanes.freezeRows(ps.freezeRows);
  for (const cf of ps.conditionalFormats) applyConditionalFormat(ws, s.cells, cf, styles);
  if (ps.tabColor) ws.tabColor = ps.tabColor;
  if (ps.print) queuePrint(ws, ps.print);
}

/** Landscape, so many pages wide and as many tall as it takes, the header row on every page, the footer. */
function queuePrint(ws: Excel.Worksheet, print: Print): void {
  const layout = ws.pageLayout;
  layout.orientation = print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  layout.paperSize = print.paper === 'A4' ? 'A4' : 'Letter';
  // verticalFitToPages 0: as many pages tall as it takes (fitToHeight="0" in the file).
  layout.zoom = { horizontalFitToPages: Math.max(1, Math.trunc(print.fitToWidth)), verticalFitToPages: 0 };
  if (print.repeatRows) layout.setPrintTitleRows(print.repeatRows);
  const footer = layout.headersFooters.defaultForAllPages;
  footer.leftFooter = print.footer.left;
  footer.centerFooter = print.footer.center;
  footer.rightFooter = print.footer.right;
}

/**
 * Clears a sheet Ragbook rewrites in place: cells and their formats, merges, rules,
 * frozen panes. `keep` is a cell left alone (the summary's status line, which says a
 * recalculation is under way until the very last operation of the write replaces it).
 */
export function queueClear(ws: Excel.Worksheet, keep: { r: number; c: number } | null): void {
  ws.getRange().unmerge();
  ws.getRange().conditionalFormats.clearAll();
  ws.freezePanes.unfreeze();
  if (!keep) {
    ws.getRange().clear('All');
    return;
  }
  const { r, c } = keep;
  if (r > 0) ws.getRange(`1:${r}`).clear('All');
  if (c > 0) ws.getRangeByIndexes(r, 0, 1, c).clear('All');
  if (c < MAX_COLS - 1) ws.getRangeByIndexes(r, c + 1, 1, MAX_COLS - c - 1).clear('All');
  if (r < 1048575) ws.getRange(`${r + 2}:1048576`).clear('All');
}

export function queueValues(ws: Excel.Worksheet, s: CompiledSheet, seg: WriteSegment): void {
  const range = ws.getRangeByIndexes(s.firstRow + seg.row, 0, seg.rows, s.cols);
  range.numberFormat = s.numberFormats.slice(seg.row, seg.row + seg.rows);
  range.values = s.values.slice(seg.row, seg.row + seg.rows);
}

export function suspend(context: Excel.RequestContext, calculation: boolean): void {
  context.application.suspendScreenUpdatingUntilNextSync();
  if (calculation) context.application.suspendApiCalculationUntilNextSync();
}
