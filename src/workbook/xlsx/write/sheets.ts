import type { PlanCell } from '../../../core/plan-schema';
import type { SheetToWrite } from '../../settings-sheet';
import { validTableName, withTableHeaders } from '../../tables';
import type { ZipCodec } from '../codec';
import { CUSTOM_PROPERTY_CONTENT_TYPE, CUSTOM_PROPERTY_REL_TYPE, encodeMarker } from '../marker';
import { RELS_CONTENT_TYPE, WORKSHEET_CONTENT_TYPE } from '../opc/content-types';
import { REL_TYPE, relsPathFor } from '../opc/relationships';
import { attrByLocal, attributes, childElements, rootElement } from '../opc/xml-spans';
import type { FreshNames } from './fresh-names';
import type { SheetParts } from './owned';
import type { Package } from './package';
import { RelsPart } from './rels-part';
import type { SheetBody } from './sheet-body';
import { KEPT_ELEMENTS, type SheetXmlOptions, buildSheetXml, dimensionOf, extentOf, styleAttributes, tailXml } from './sheet-xml';
import type { StylesResult } from './styles';
import { type ReusedTable, TABLE_REL_TYPE, type TableRegistry, addTables } from './tables';
import type { WorkbookParts } from './workbook';
import { type PackedPart, PartPacker, joinBytes } from './zip';

// Ragbook's sheets written whole: a new sheet into new parts, and a sheet Ragbook
// already has rewritten in place: the same part, the same relationship from the
// workbook and the same sheetId, so every formula, chart and name that refers to
// it still does (and a chart, notes or a picture the user put on it stay).

export interface SheetWriteContext {
  /** Rows that follow a new sheet's planned rows, by sheet name (checked against the plan before writing). */
  bodies: ReadonlyMap<string, SheetBody>;
  pkg: Package;
  parts: WorkbookParts;
  styles: StylesResult;
  names: FreshNames;
  tables: TableRegistry;
  codec: ZipCodec;
}

/** The rows a sheet writes when it is written whole: an append sheet's head, then its rows. */
export function wholeRows(sheet: SheetToWrite): PlanCell[][] {
  const rows = sheet.mode === 'append' ? [...sheet.head, ...sheet.rows] : sheet.rows;
  return withTableHeaders(rows, sheet.tables);
}

/** Relationships of a sheet rewritten in place that go with its old content: Ragbook writes them anew or not at all. */
const DROPPED_RELS = /\/(customProperty|table|printerSettings|hyperlink)$/;

function packSheet(ctx: SheetWriteContext, part: string, build: (emit: (b: Uint8Array) => void) => void): void {
  const packer = new PartPacker(ctx.codec);
  build((bytes) => packer.write(bytes));
  ctx.pkg.set(part, packer.finish());
}

/** Writes a new sheet into new parts; returns its relationship id in the workbook's relationships. */
export function writeNewSheet(ctx: SheetWriteContext, sheet: SheetToWrite, tabSelected: boolean): string {
  const { pkg, parts, names } = ctx;
  const sheetPart = names.next(`${parts.dir}worksheets/sheet`, '.xml');
  const markerPart = names.next(`${parts.dir}customProperty`, '.bin');
  const rels = RelsPart.empty(sheetPart);
  const markerRelId = rels.add(CUSTOM_PROPERTY_REL_TYPE, markerPart);
  const rows = wholeRows(sheet);
  const tableRelIds = addTables(ctx, sheet.tables, rows, rels);
  const opts = { xf: ctx.styles.xf, dxf: ctx.styles.dxf, markerRelId, tabSelected, tableRelIds, kept: [] };
  const body = sheet.mode === 'replace' && sheet.following ? ctx.bodies.get(sheet.name) : undefined;
  if (body) pkg.set(sheetPart, withBody(sheet, rows, opts, body));
  else packSheet(ctx, sheetPart, (emit) => buildSheetXml(sheet, rows, opts, emit));
  pkg.setText(relsPathFor(sheetPart), rels.toXml());
  pkg.set(markerPart, encodeMarker(sheet.role));
  parts.ct.override(sheetPart, WORKSHEET_CONTENT_TYPE);
  parts.ct.override(markerPart, CUSTOM_PROPERTY_CONTENT_TYPE);
  if (!parts.ct.hasDefault('rels')) parts.ct.override(relsPathFor(sheetPart), RELS_CONTENT_TYPE);
  return parts.wbRels.add(`${REL_TYPE}worksheet`, sheetPart);
}

/** A new sheet's part: its planned rows, then the rows given apart (sheet-body.ts), then its closing. */
function withBody(sheet: SheetToWrite, rows: PlanCell[][], opts: SheetXmlOptions, body: SheetBody): PackedPart {
  const head = extentOf(rows, styleAttributes(opts.xf));
  const rest = body.extent;
  const dimension = dimensionOf(Math.max(head.maxRow, rest.maxRow), Math.max(head.maxCol, rest.maxCol));
  const pieces: Uint8Array[] = [];
  buildSheetXml(sheet, rows, opts, (b) => pieces.push(b.slice()), { dimension });
  const opening = joinBytes(pieces);
  const closing = new TextEncoder().encode(`</sheetData>${tailXml(sheet, rows, opts)}`);
  return body.finish(opening, closing);
}

/** The sheet's relationships part as the writer edits it, and whether the package had one. */
export function sheetRels(pkg: Package, part: string): { rels: RelsPart; existed: boolean } {
  const name = pkg.find(relsPathFor(part));
  const text = name ? pkg.text(name) : null;
  return text ? { rels: new RelsPart(text, part), existed: true } : { rels: RelsPart.empty(part), existed: false };
}

/** Saves a sheet's relationships, with a content type for a new relationships part where no default covers it. */
export function saveSheetRels(ctx: SheetWriteContext, part: string, rels: RelsPart, existed: boolean): void {
  const name = ctx.pkg.find(relsPathFor(part)) ?? relsPathFor(part);
  ctx.pkg.setText(name, rels.toXml());
  if (!existed && !ctx.parts.ct.hasDefault('rels')) ctx.parts.ct.override(relsPathFor(part), RELS_CONTENT_TYPE);
}

/** The sheet's mark: its marker part's bytes set to the role, or a new marker part; returns the relationship id. */
export function markSheet(ctx: SheetWriteContext, old: SheetParts, role: SheetToWrite['role'] | 'archive', rels: RelsPart): string {
  const existing = old.markerPart ? rels.rels.find((r) => r.target !== null && ctx.pkg.find(r.target) === old.markerPart) : undefined;
  if (existing && old.markerPart) {
    ctx.pkg.set(old.markerPart, encodeMarker(role));
    return existing.id;
  }
  const markerPart = ctx.names.next(`${ctx.parts.dir}customProperty`, '.bin');
  ctx.pkg.set(markerPart, encodeMarker(role));
  ctx.parts.ct.override(markerPart, CUSTOM_PROPERTY_CONTENT_TYPE);
  return rels.add(CUSTOM_PROPERTY_REL_TYPE, markerPart);
}

/** Removes a part the writer no longer refers to, with its relationships and content type. */
export function removePart(ctx: SheetWriteContext, part: string): void {
  ctx.pkg.remove(part);
  ctx.parts.ct.removePart(part);
  const rels = ctx.pkg.find(relsPathFor(part));
  if (rels) ctx.pkg.remove(rels);
}

/** Rewrites a sheet Ragbook already has, in place (replace mode). */
export function rewriteSheet(ctx: SheetWriteContext, sheet: SheetToWrite, old: SheetParts, tabSelected: boolean): void {
  const { pkg } = ctx;
  const part = old.part as string;
  const oldXml = pkg.text(part) as string;
  const kept = childElements(oldXml, rootElement(oldXml))
    .filter((e) => KEPT_ELEMENTS.includes(e.local))
    .map((e) => ({ local: e.local, relId: attrByLocal(attributes(oldXml, e), 'id') ?? '' }))
    .filter((k) => k.relId !== '');
  const { rels, existed } = sheetRels(pkg, part);
  const markerRelId = markSheet(ctx, old, sheet.role, rels);
  // Tables the plan writes again keep their part, id and name; the rest go with the old content.
  const wanted = new Set(sheet.tables.map((t) => validTableName(t.name).toLowerCase()));
  const reuse: ReusedTable[] = [];
  for (const r of rels.rels) {
    if (r.id === markerRelId || !DROPPED_RELS.test(r.type)) continue;
    const target = r.target ? pkg.find(r.target) : undefined;
    const table = target && /\/table$/.test(r.type) ? ctx.tables.byPart(target) : undefined;
    if (target && table && wanted.has(table.name.toLowerCase()) && !reuse.some((x) => x.name.toLowerCase() === table.name.toLowerCase())) {
      reuse.push({ part: target, relId: r.id, id: table.id, name: table.name });
      continue;
    }
    rels.remove(r.id);
    if (!target) continue;
    if (table) ctx.tables.release(target);
    removePart(ctx, target);
  }
  const rows = wholeRows(sheet);
  const tableRelIds = addTables(ctx, sheet.tables, rows, rels, { reuse });
  const opts = { xf: ctx.styles.xf, dxf: ctx.styles.dxf, markerRelId, tabSelected, tableRelIds, kept };
  packSheet(ctx, part, (emit) => buildSheetXml(sheet, rows, opts, emit));
  saveSheetRels(ctx, part, rels, existed);
}

export { TABLE_REL_TYPE };
