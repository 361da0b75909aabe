import { parseArea } from '../../core/grid';
import type { ConditionalFormat, Plan, PlanSheet, StyleDef } from '../../core/plan-schema';
import { type CompiledSheet, type StyleRect, type WriteSegment, widthPoints } from './compile';

// Queues a compiled sheet's writes on a new worksheet: values, number formats,
// styles, borders, widths, freeze panes, conditional formats, tab colour. Nothing
// here syncs; write.ts decides when.

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
function fractionsOnly(ps: PlanSheet, address: string): boolean {
  const a = parseArea(address);
  if (!a) return false;
  let any = false;
  for (let r = a.r1; r <= a.r2; r++) {
    for (let c = a.c1; c <= a.c2; c++) {
      const v = ps.rows[r]?.[c]?.value;
      if (v === null || v === undefined) continue;
      if (typeof v !== 'number' || v < 0 || v > 1) return false;
      any = true;
    }
  }
  return any;
}

function applyConditionalFormat(ws: Excel.Worksheet, ps: PlanSheet, cf: ConditionalFormat, styles: Plan['styles']): void {
  const range = ws.getRange(cf.range);
  if (cf.type === 'dataBar') {
    // dataBar and custom are navigation properties, not values: nothing to load.
    // eslint-disable-next-line office-addins/load-object-before-read
    const bar = range.conditionalFormats.add('DataBar').dataBar;
    bar.positiveFormat.fillColor = cf.color;
    bar.positiveFormat.gradientFill = false;
    if (fractionsOnly(ps, cf.range)) {
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

/** Queues everything but the values and merges: marker, styles, widths, panes, rules, tab. */
export function queueFormatting(ws: Excel.Worksheet, s: CompiledSheet, styles: Plan['styles']): void {
  const ps = s.plan;
  for (const rect of s.rects) {
    const range = ws.getRangeByIndexes(rect.r1, rect.c1, rect.r2 - rect.r1 + 1, rect.c2 - rect.c1 + 1);
    const def = styles[rect.style];
    applyStyle(range, def);
    if (def?.border) applyBorders(range, rect);
  }
  ps.columnWidths.forEach((w, c) => {
    if (w > 0) ws.getRangeByIndexes(0, c, 1, 1).getEntireColumn().format.columnWidth = widthPoints(w);
  });
  if (ps.freezeRows > 0) ws.freezePanes.freezeRows(ps.freezeRows);
  for (const cf of ps.conditionalFormats) applyConditionalFormat(ws, ps, cf, styles);
  if (ps.tabColor) ws.tabColor = ps.tabColor;
}

export function queueValues(ws: Excel.Worksheet, s: CompiledSheet, seg: WriteSegment): void {
  const range = ws.getRangeByIndexes(seg.row, 0, seg.rows, s.cols);
  range.numberFormat = s.numberFormats.slice(seg.row, seg.row + seg.rows);
  range.values = s.values.slice(seg.row, seg.row + seg.rows);
}

export function suspend(context: Excel.RequestContext, calculation: boolean): void {
  context.application.suspendScreenUpdatingUntilNextSync();
  if (calculation) context.application.suspendApiCalculationUntilNextSync();
}
