import type { Plan } from '../../../core/plan-schema';
import type { ZipCodec } from '../codec';
import { CUSTOM_PROPERTY_CONTENT_TYPE, CUSTOM_PROPERTY_REL_TYPE, encodeMarker } from '../marker';
import { RELS_CONTENT_TYPE, WORKSHEET_CONTENT_TYPE } from '../opc/content-types';
import { REL_TYPE, relsPathFor } from '../opc/relationships';
import { escapeAttr } from '../opc/xml-escape';
import { type XmlElement, attributes, childrenNamed, prefixFor } from '../opc/xml-spans';
import type { FreshNames } from './fresh-names';
import type { Package } from './package';
import { RelsPart } from './rels-part';
import type { Replaced } from './replace';
import { REL_NS, buildSheetXml } from './sheet-xml';
import type { StylesResult } from './styles';
import type { SheetEntry, WorkbookParts } from './workbook';
import { PartPacker } from './zip';

// Ragbook's new sheets: where each goes in the tab order, which tab is active
// afterwards, and the parts each is written into.

/** One sheet of the workbook after writing: an existing one, or one of the plan's. */
export type FinalSheet = { kind: 'existing'; entry: SheetEntry } | { kind: 'planned'; index: number; replaced: SheetEntry | null };

export interface Layout {
  /** Every sheet after writing, in tab order. */
  final: FinalSheet[];
  /** The workbook view's active tab, before and after. */
  wasActive: number;
  activeTab: number;
  /** The plan sheet (by index) that is the selected tab, if one of Ragbook's is. */
  selected: number | null;
}

/**
 * A replacement takes its predecessor's place, so sheet-scoped names (localSheetId
 * is a position) stay right for every other sheet; new sheets go at the end for
 * the same reason. The active tab moves only when it was on a sheet Ragbook is
 * rewriting: the user's own sheets' selection lives in their parts, which are not
 * touched.
 */
export function placeSheets(parts: WorkbookParts, plan: Plan, replaced: Replaced): Layout {
  const { sheets, wbXml } = parts;
  const final: FinalSheet[] = sheets.map((entry) => ({ kind: 'existing', entry }));
  plan.sheets.forEach((_s, i) => {
    const old = replaced.byPlanIndex.get(i);
    if (old) final[sheets.indexOf(old)] = { kind: 'planned', index: i, replaced: old };
    else final.push({ kind: 'planned', index: i, replaced: null });
  });

  const view = workbookView(parts);
  const viewAttrs = view ? attributes(wbXml, view) : new Map<string, string>();
  const wasActive = Number(viewAttrs.get('activeTab') ?? 0);
  let activeTab = Number.isInteger(wasActive) && wasActive >= 0 && wasActive < final.length ? wasActive : 0;
  let selected: number | null = null;
  const activeNow = final[activeTab];
  if (activeNow?.kind === 'planned') {
    const target = final.findIndex((f) => f.kind === 'planned' && plan.sheets[f.index].name === plan.activate);
    const wanted = final[target];
    const hidden = wanted?.kind === 'planned' && wanted.replaced !== null && wanted.replaced.state !== 'visible';
    if (view && wanted && !hidden) activeTab = target;
    const f = final[activeTab];
    if (f.kind === 'planned') selected = f.index;
  }
  return { final, wasActive, activeTab, selected };
}

/** The first <workbookView> of the workbook part, if any. */
export function workbookView(parts: WorkbookParts): XmlElement | undefined {
  const { wbXml, wbChildren, wbRoot } = parts;
  return childrenNamed(wbXml, wbChildren.find((c) => c.local === 'bookViews') ?? wbRoot, 'workbookView')[0];
}

/**
 * Writes each plan sheet into new parts (the sheet, its relationships, its
 * ownership marker) and returns, by plan index, its <sheet> element for the
 * workbook part.
 */
export function addSheetParts(
  pkg: Package,
  parts: WorkbookParts,
  plan: Plan,
  ctx: { styles: StylesResult; layout: Layout; replaced: Replaced; names: FreshNames; codec: ZipCodec },
): Map<number, string> {
  const { dir, ct, wbRels, sheetsEl, sheets, wbAttrs } = parts;
  const { styles, layout, replaced, names, codec } = ctx;
  const relPrefix = prefixFor(wbAttrs, REL_NS);
  let nextSheetId = 1 + Math.max(0, ...sheets.map((s) => (Number.isFinite(s.sheetId) ? s.sheetId : 0)));
  const elements = new Map<number, string>();
  plan.sheets.forEach((s, i) => {
    const sheetPart = names.next(`${dir}worksheets/sheet`, '.xml');
    const markerPart = names.next(`${dir}customProperty`, '.bin');
    const rels = RelsPart.empty(sheetPart);
    const markerRelId = rels.add(CUSTOM_PROPERTY_REL_TYPE, markerPart);
    const packer = new PartPacker(codec);
    const tabSelected = layout.selected === i;
    buildSheetXml(s, { xf: styles.xf, dxf: styles.dxf, markerRelId, tabSelected }, (bytes) => packer.write(bytes));
    pkg.set(sheetPart, packer.finish());
    pkg.setText(relsPathFor(sheetPart), rels.toXml());
    pkg.set(markerPart, encodeMarker(s.role));
    ct.override(sheetPart, WORKSHEET_CONTENT_TYPE);
    ct.override(markerPart, CUSTOM_PROPERTY_CONTENT_TYPE);
    if (!ct.hasDefault('rels')) ct.override(relsPathFor(sheetPart), RELS_CONTENT_TYPE);
    const relId = wbRels.add(`${REL_TYPE}worksheet`, sheetPart);
    const old = replaced.byPlanIndex.get(i);
    // A sheet the user hid stays hidden when Ragbook rewrites it.
    const state = old && old.state !== 'visible' && !tabSelected ? ` state="${escapeAttr(old.state)}"` : '';
    const rid = relPrefix ? `${relPrefix}:id="${relId}"` : `xmlns:r="${REL_NS}" r:id="${relId}"`;
    elements.set(i, `<${sheetsEl.prefix}sheet name="${escapeAttr(s.name)}" sheetId="${nextSheetId++}"${state} ${rid}/>`);
  });
  return elements;
}
