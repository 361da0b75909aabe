import type { OwnedRole } from '../../../core/grid';
import { LOCK_NAME, archiveMarkName, markName, referenceTo, roleOfMarkName } from '../../../core/ownership';
import type { Print } from '../../../core/plan-schema';
import { escapeAttr, escapeText } from '../opc/xml-escape';
import {
  type Edit,
  appendInside,
  applyEdits,
  attributes,
  childElements,
  childrenNamed,
  rootElement,
  withAttribute,
} from '../opc/xml-spans';
import type { Package } from './package';
import type { SheetEntry, WorkbookParts } from './workbook';

// The workbook part and the calculation chain after Ragbook's sheets are written:
// edited by splicing, so every byte of the user's stays as it was. A sheet updated
// in place keeps its <sheet> element (its sheetId and relationship), renamed when
// the plan says; new sheets are appended. Ragbook's marks (core/ownership.ts) and
// its sheets' print titles are the defined names it writes; the lock a run in
// Excel was holding when the file was saved means nothing in a file and is dropped.

/** One sheet of the workbook after writing, in tab order. */
export interface FinalSheet {
  /** The <sheet> element it had, or null for a new sheet. */
  entry: SheetEntry | null;
  name: string;
  state: string;
  role: OwnedRole | null;
  /** For a new sheet: its <sheet> element. */
  element?: string;
  /** The print setup Ragbook writes for it, if it writes one. */
  print?: Print | null;
}

export interface Layout {
  final: FinalSheet[];
  /** The workbook view's active tab, before and after. */
  wasActive: number;
  activeTab: number;
}

/** The first <workbookView> of the workbook part, if any. */
export function workbookView(parts: WorkbookParts) {
  const { wbXml, wbChildren, wbRoot } = parts;
  return childrenNamed(wbXml, wbChildren.find((c) => c.local === 'bookViews') ?? wbRoot, 'workbookView')[0];
}

/** The children of <workbook> that come after <definedNames>, in schema order. */
const AFTER_NAMES = [
  'calcPr',
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
];

/** The defined names Ragbook writes: a mark per sheet of its own, and print titles. */
function namesToWrite(layout: Layout, p: string): { marks: string[]; printed: Set<number> } {
  const marks: string[] = [];
  const printed = new Set<number>();
  const marked = new Set<string>();
  let archives = 0;
  // A sheet listed with no relationship (r:id="", POI's 60825.xlsx) is dropped by the
  // programs that open the file (Excel repairs it away, openpyxl skips it), and every
  // sheet index after it shifts by one there: a print-titles name scoped by index would
  // name another sheet, or none (openpyxl then cannot open the file). Such a workbook
  // gets no print titles after the first sheet without a relationship.
  const firstUnlisted = layout.final.findIndex((f) => f.entry !== null && f.entry.relId === '');
  layout.final.forEach((f, i) => {
    if (f.role) {
      const name = f.role === 'archive' ? archiveMarkName(++archives) : markName(f.role);
      if (!marked.has(name)) {
        marked.add(name);
        marks.push(`<${p}definedName name="${name}">${escapeText(referenceTo(f.name))}</${p}definedName>`);
      }
    }
    if (f.print) {
      printed.add(i);
      if (f.print.repeatRows && (firstUnlisted < 0 || i < firstUnlisted)) {
        const ref = `${referenceTo(f.name).replace(/!.*$/, '')}!${f.print.repeatRows}`;
        marks.push(`<${p}definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeText(ref)}</${p}definedName>`);
      }
    }
  });
  return { marks, printed };
}

/** Sheet entries, defined names and the active tab. */
export function editWorkbookPart(pkg: Package, parts: WorkbookParts, layout: Layout): void {
  const { wbXml, wbChildren, sheetsEl, wbRoot } = parts;
  const p = sheetsEl.prefix;
  const edits: Edit[] = [];

  let appended = '';
  for (const f of layout.final) {
    if (!f.entry) {
      appended += f.element ?? '';
      continue;
    }
    const { el, name, state } = f.entry;
    if (f.name === name && f.state === state) continue;
    let tag = f.name === name ? wbXml.slice(el.start, el.openEnd) : withAttribute(wbXml, el, 'name', f.name);
    if (f.state !== state) tag = setAttribute(tag, 'state', f.state);
    edits.push({ start: el.start, end: el.openEnd, text: tag });
  }
  if (appended) edits.push({ start: sheetsEl.closeStart, end: sheetsEl.closeStart, text: appended });

  const { marks, printed } = namesToWrite(layout, p);
  const drop = parts.names.filter(
    (n) =>
      (n.localSheetId === null && (roleOfMarkName(n.name) !== null || n.name.toLowerCase() === LOCK_NAME.toLowerCase())) ||
      (n.name.toLowerCase() === '_xlnm.print_titles' && n.localSheetId !== null && printed.has(n.localSheetId)),
  );
  const namesEl = parts.namesEl;
  if (namesEl) {
    const kept = childElements(wbXml, namesEl).length - drop.length;
    if (kept === 0 && marks.length === 0) edits.push({ start: namesEl.start, end: namesEl.end, text: '' });
    else {
      for (const n of drop) edits.push({ start: n.el.start, end: n.el.end, text: '' });
      if (marks.length) edits.push(...appendInside(wbXml, namesEl, marks.join('')));
    }
  } else if (marks.length) {
    const next = wbChildren.find((c) => AFTER_NAMES.includes(c.local));
    const at = next ? next.start : wbRoot.closeStart;
    edits.push({ start: at, end: at, text: `<${p}definedNames>${marks.join('')}</${p}definedNames>` });
  }

  if (layout.activeTab !== layout.wasActive) {
    const view = workbookView(parts);
    if (view) {
      let tag = withAttribute(wbXml, view, 'activeTab', String(layout.activeTab));
      const first = Number(attributes(wbXml, view).get('firstSheet') ?? 0);
      if (first > layout.activeTab) tag = setAttribute(tag, 'firstSheet', String(layout.activeTab));
      edits.push({ start: view.start, end: view.openEnd, text: tag });
    } else {
      edits.push({
        start: sheetsEl.start,
        end: sheetsEl.start,
        text: `<${p}bookViews><${p}workbookView activeTab="${layout.activeTab}"/></${p}bookViews>`,
      });
    }
  }
  pkg.setText(parts.wbPart, applyEdits(wbXml, edits));
}

/** A start tag with one attribute set. */
function setAttribute(tag: string, name: string, value: string): string {
  const selfClosing = tag.endsWith('/>');
  const el = { qname: '', local: '', prefix: '', start: 0, openEnd: tag.length, closeStart: tag.length, end: tag.length, selfClosing };
  return withAttribute(tag, el, name, value);
}

/** A new sheet's <sheet> element for the workbook part. */
export function sheetElement(
  parts: WorkbookParts,
  f: { name: string; state: string; sheetId: number; relId: string },
  relPrefix: string | null,
): string {
  const state = f.state !== 'visible' ? ` state="${escapeAttr(f.state)}"` : '';
  const rid = relPrefix
    ? `${relPrefix}:id="${f.relId}"`
    : `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${f.relId}"`;
  return `<${parts.sheetsEl.prefix}sheet name="${escapeAttr(f.name)}" sheetId="${f.sheetId}"${state} ${rid}/>`;
}

/**
 * The calculation chain names cells by sheet id: entries for a sheet Ragbook
 * rewrote may name cells that no longer hold a formula, which makes Excel repair
 * the file. They are dropped, and the chain with them when none is left.
 */
export function pruneCalcChain(pkg: Package, parts: WorkbookParts, rewrittenSheetIds: Set<number>): void {
  if (!rewrittenSheetIds.size) return;
  const chainRel = parts.wbRels.rels.find((r) => /\/calcChain$/.test(r.type) && r.target && pkg.find(r.target));
  const chainPart = chainRel ? pkg.find(chainRel.target as string) : undefined;
  if (!chainRel || !chainPart) return;
  const filtered = filterCalcChain(pkg.text(chainPart) as string, rewrittenSheetIds);
  if (filtered === null) {
    pkg.remove(chainPart);
    parts.ct.removePart(chainPart);
    parts.wbRels.remove(chainRel.id);
  } else pkg.setText(chainPart, filtered);
}

/** Drops calculation-chain entries for the given sheets; null when none remain. */
function filterCalcChain(xml: string, sheetIds: Set<number>): string | null {
  const root = rootElement(xml);
  const edits: Edit[] = [];
  let kept = 0;
  let current = NaN;
  for (const c of childElements(xml, root)) {
    if (c.local !== 'c') continue;
    const i = attributes(xml, c).get('i');
    if (i !== undefined) current = Number(i);
    if (sheetIds.has(current)) edits.push({ start: c.start, end: c.end, text: '' });
    else kept++;
  }
  return kept ? applyEdits(xml, edits) : null;
}
