import { type Edit, applyEdits, attributes, childElements, childrenNamed, rootElement, withAttribute } from '../opc/xml-spans';
import type { Package } from './package';
import type { Replaced } from './replace';
import { type Layout, workbookView } from './sheets';
import type { WorkbookParts } from './workbook';

// The workbook part and the calculation chain after Ragbook's sheets change: edited
// by splicing, so every byte of the user's stays as it was.

/**
 * Sheet entries (a replacement in its predecessor's place, new ones appended), the
 * sheet-scoped names of replaced sheets dropped, and the active tab.
 */
export function editWorkbookPart(
  pkg: Package,
  parts: WorkbookParts,
  layout: Layout,
  elements: Map<number, string>,
  replaced: Replaced,
): void {
  const { wbXml, wbChildren, sheetsEl, sheets } = parts;
  const edits: Edit[] = [];
  let appended = '';
  for (const f of layout.final) {
    if (f.kind !== 'planned') continue;
    const text = elements.get(f.index) as string;
    if (f.replaced) edits.push({ start: f.replaced.el.start, end: f.replaced.el.end, text });
    else appended += text;
  }
  if (appended) edits.push({ start: sheetsEl.closeStart, end: sheetsEl.closeStart, text: appended });

  const replacedIndexes = new Set([...replaced.byPlanIndex.values()].map((e) => sheets.indexOf(e)));
  const namesEl = wbChildren.find((c) => c.local === 'definedNames');
  if (namesEl && replacedIndexes.size) {
    const names = childrenNamed(wbXml, namesEl, 'definedName');
    const drop = names.filter((n) => {
      const scope = attributes(wbXml, n).get('localSheetId');
      return scope !== undefined && replacedIndexes.has(Number(scope));
    });
    if (drop.length && drop.length === childElements(wbXml, namesEl).length)
      edits.push({ start: namesEl.start, end: namesEl.end, text: '' });
    else for (const n of drop) edits.push({ start: n.start, end: n.end, text: '' });
  }
  const view = workbookView(parts);
  if (view && layout.activeTab !== layout.wasActive) {
    edits.push({ start: view.start, end: view.openEnd, text: withAttribute(wbXml, view, 'activeTab', String(layout.activeTab)) });
  }
  pkg.setText(parts.wbPart, applyEdits(wbXml, edits));
}

/**
 * The calculation chain names cells by sheet id: entries for a removed sheet would
 * make Excel repair the file. They are dropped, and the chain with them when none
 * is left.
 */
export function pruneCalcChain(pkg: Package, parts: WorkbookParts, goneSheetIds: Set<number>): void {
  if (!goneSheetIds.size) return;
  const chainRel = parts.wbRels.rels.find((r) => /\/calcChain$/.test(r.type) && r.target && pkg.find(r.target));
  const chainPart = chainRel ? pkg.find(chainRel.target as string) : undefined;
  if (!chainRel || !chainPart) return;
  const filtered = filterCalcChain(pkg.text(chainPart) as string, goneSheetIds);
  if (filtered === null) {
    pkg.remove(chainPart);
    parts.ct.removePart(chainPart);
    parts.wbRels.remove(chainRel.id);
  } else pkg.setText(chainPart, filtered);
}

/** Drops calculation-chain entries for sheets that are gone; null when none remain. */
function filterCalcChain(xml: string, goneSheetIds: Set<number>): string | null {
  const root = rootElement(xml);
  const edits: Edit[] = [];
  let kept = 0;
  let current = NaN;
  for (const c of childElements(xml, root)) {
    if (c.local !== 'c') continue;
    const i = attributes(xml, c).get('i');
    if (i !== undefined) current = Number(i);
    if (goneSheetIds.has(current)) edits.push({ start: c.start, end: c.end, text: '' });
    else kept++;
  }
  return kept ? applyEdits(xml, edits) : null;
}
