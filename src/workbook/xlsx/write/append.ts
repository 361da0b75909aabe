import { type Area, areaA1, parseArea } from '../../../core/grid';
import type { PlanCell, PlanSheet } from '../../../core/plan-schema';
import { tableArea } from '../../tables';
import {
  attributes,
  attrByLocal,
  childElements,
  childrenNamed,
  type Edit,
  applyEdits,
  rootElement,
  withAttribute,
  type XmlElement,
} from '../opc/xml-spans';
import type { SheetParts } from './owned';
import { REL_NS, WORKSHEET_ORDER, colsXml, extentOf, markerXml, styleAttributes, tablePartsXml, writeRows } from './sheet-xml';
import { type SheetWriteContext, markSheet, saveSheetRels, sheetRels, wholeRows } from './sheets';
import { TABLE_REL_TYPE, addTables, tableXml } from './tables';
import { selectionEdits } from './selection';
import { ByteSink } from './xml-out';

// RAG History: rows added below the last row already on the sheet, the sheet part
// otherwise left as it was: earlier rows are never rewritten, so a filter, a note,
// a chart or a formula on the history keeps working. Its table runs down to the
// last row written. The head (title and header rows) is written only when the
// sheet holds no values yet.

type AppendSheet = Extract<PlanSheet, { mode: 'append' }>;

const HAS_VALUE = /<(?:[A-Za-z_][\w.-]*:)?(?:v|is|f)[\s>/]/;

/** The sheet's rows as the part holds them: element, row number (1-based), whether it holds a value. */
function rowsOf(xml: string, sheetData: XmlElement): { el: XmlElement; r: number; used: boolean }[] {
  const out: { el: XmlElement; r: number; used: boolean }[] = [];
  let r = 0;
  for (const el of childElements(xml, sheetData)) {
    if (el.local !== 'row') continue;
    const given = Number(attributes(xml, el).get('r'));
    r = Number.isInteger(given) && given >= 1 ? given : r + 1;
    out.push({ el, r, used: !el.selfClosing && HAS_VALUE.test(xml.slice(el.openEnd, el.closeStart)) });
  }
  return out;
}

/** Where a new child of <worksheet> goes, so the schema's order holds. */
function insertionPoint(xml: string, root: XmlElement, local: string): number {
  const rank = WORKSHEET_ORDER.indexOf(local);
  const next = childElements(xml, root).find((c) => WORKSHEET_ORDER.indexOf(c.local) > rank);
  return next ? next.start : root.closeStart;
}

/** Bytes written by a ByteSink, as text (the rows are spliced into the part's text). */
function rowsText(build: (out: ByteSink) => void): string {
  const pieces: Uint8Array[] = [];
  const out = new ByteSink((b) => pieces.push(b.slice()));
  build(out);
  out.end();
  const decoder = new TextDecoder();
  return pieces.map((p) => decoder.decode(p, { stream: true })).join('') + decoder.decode();
}

/** Appends the plan's rows to a sheet Ragbook already has. */
export function appendToSheet(ctx: SheetWriteContext, sheet: AppendSheet, old: SheetParts, tabSelected: boolean): void {
  const { pkg } = ctx;
  const part = old.part as string;
  const xml = pkg.text(part) as string;
  const root = rootElement(xml);
  const children = childElements(xml, root);
  const sheetData = children.find((c) => c.local === 'sheetData');
  const styleAttrs = styleAttributes(ctx.styles.xf);
  const rows = rowsOf(xml, sheetData ?? root);
  const lastUsed = sheetData ? rows.filter((x) => x.used).reduce((m, x) => Math.max(m, x.r), 0) : 0;
  const fresh = lastUsed === 0;
  const written = fresh ? wholeRows(sheet) : sheet.rows;
  const first = fresh ? 0 : lastUsed;
  const heights = fresh ? sheet.rowHeights : sheet.rowHeights.slice(sheet.head.length);
  const lastWritten = first + Math.max(written.length, 0);
  const edits: Edit[] = [];
  const p = root.prefix;

  // The new rows, after the last used one; empty rows in their way (a format left on a row) give way.
  // In a part that writes the main namespace with a prefix (x:row), the new rows take it too.
  const unprefixed = rowsText((out) => writeRows(out, written, first, styleAttrs, heights));
  const text = p ? unprefixed.replace(/<(\/?)(row|c|v|f|is|t)([\s>/])/g, `<$1${p}$2$3`) : unprefixed;
  if (!sheetData) {
    edits.push({
      start: insertionPoint(xml, root, 'sheetData'),
      end: insertionPoint(xml, root, 'sheetData'),
      text: `<${p}sheetData>${text}</${p}sheetData>`,
    });
  } else {
    const inWay = rows.filter((x) => !x.used && x.r > lastUsed && x.r <= lastWritten);
    for (const x of inWay) edits.push({ start: x.el.start, end: x.el.end, text: '' });
    const after = rows.find((x) => x.r > lastWritten);
    if (sheetData.selfClosing) {
      edits.push({ start: sheetData.start, end: sheetData.end, text: `<${sheetData.qname}>${text}</${sheetData.qname}>` });
    } else {
      const at = after ? after.el.start : sheetData.closeStart;
      edits.push({ start: at, end: at, text });
    }
  }

  // The dimension covers the rows added.
  const { maxCol } = extentOf(written, styleAttrs);
  const dimension = children.find((c) => c.local === 'dimension');
  if (dimension) {
    const was = parseArea(attributes(xml, dimension).get('ref') ?? '') ?? { r1: 0, c1: 0, r2: 0, c2: 0 };
    const ref = areaA1({ r1: 0, c1: 0, r2: Math.max(was.r2, lastWritten - 1), c2: Math.max(was.c2, maxCol) });
    edits.push({ start: dimension.start, end: dimension.openEnd, text: withAttribute(xml, dimension, 'ref', ref) });
  }
  if (fresh && !children.some((c) => c.local === 'cols')) {
    const cols = colsXml(sheet.columnWidths);
    if (cols)
      edits.push({
        start: insertionPoint(xml, root, 'cols'),
        end: insertionPoint(xml, root, 'cols'),
        text: cols.replace(/<(\/?)/g, `<$1${p}`),
      });
  }
  edits.push(...selectionEdits(xml, tabSelected));

  const { rels, existed } = sheetRels(pkg, part);
  // The mark: kept, or added where another program dropped it.
  if (!old.markerPart || !children.some((c) => c.local === 'customProperties')) {
    const relId = markSheet(ctx, old, 'history', rels);
    if (!children.some((c) => c.local === 'customProperties')) {
      const at = insertionPoint(xml, root, 'customProperties');
      edits.push({ start: at, end: at, text: prefixed(markerXml(relId), p) });
    }
  }

  // Each planned table runs down to the last row: an existing one of that name is stretched, a missing one added.
  const stretch = (a: Area): Area => ({ ...a, r2: Math.max(a.r2, lastWritten - 1) });
  const missing = [];
  for (const t of sheet.tables) {
    const planned = tableArea(t);
    if (!planned) continue;
    const found = rels.rels.find((r) => {
      if (!/\/table$/.test(r.type) || !r.target) return false;
      const tablePart = pkg.find(r.target);
      return tablePart !== undefined && ctx.tables.byPart(tablePart)?.name.toLowerCase() === t.name.toLowerCase();
    });
    const tablePart = found?.target ? pkg.find(found.target) : undefined;
    if (!tablePart) {
      missing.push(t);
      continue;
    }
    pkg.setText(tablePart, stretchTable(pkg.text(tablePart) as string, stretch));
  }
  if (missing.length) {
    const ids = addTables(ctx, missing, wholeRows({ ...sheet, tables: missing }), rels, { stretch });
    const existing = children.find((c) => c.local === 'tableParts');
    if (existing) {
      const all = [...childrenNamed(xml, existing, 'tablePart').map((e) => attrByLocal(attributes(xml, e), 'id') ?? ''), ...ids];
      edits.push({ start: existing.start, end: existing.end, text: prefixed(tablePartsXml(all), p) });
    } else {
      const at = insertionPoint(xml, root, 'tableParts');
      edits.push({ start: at, end: at, text: prefixed(tablePartsXml(ids), p) });
    }
  }
  pkg.setText(part, applyEdits(xml, edits));
  saveSheetRels(ctx, part, rels, existed);
}

/**
 * An element for the sheet part: its names given the part's prefix for the main
 * namespace, and the r: prefix its relationship ids use declared on it (a part
 * another program wrote may not declare it at its root).
 */
function prefixed(elementXml: string, prefix: string): string {
  const named = prefix ? elementXml.replace(/<(\/?)(?![A-Za-z]+:)/g, `<$1${prefix}`) : elementXml;
  return named.replace(/^<([^\s>/]+)/, `<$1 xmlns:r="${REL_NS}"`);
}

/** A table part with its ref (and its filter's) stretched. */
function stretchTable(xml: string, stretch: (a: Area) => Area): string {
  const root = rootElement(xml);
  const a = parseArea(attributes(xml, root).get('ref') ?? '');
  if (!a) return xml;
  const ref = areaA1(stretch(a));
  const edits: Edit[] = [{ start: root.start, end: root.openEnd, text: withAttribute(xml, root, 'ref', ref) }];
  const filter = childrenNamed(xml, root, 'autoFilter')[0];
  if (filter) edits.push({ start: filter.start, end: filter.openEnd, text: withAttribute(xml, filter, 'ref', ref) });
  return applyEdits(xml, edits);
}

export { TABLE_REL_TYPE, tableXml };
export type { PlanCell };
