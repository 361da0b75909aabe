import type { Plan } from '../../../core/plan-schema';
import { MARKER_NAME, decodeMarker } from '../marker';
import { relsPathFor, sourceOfRels } from '../opc/relationships';
import { attrByLocal, attributes, childrenNamed, rootElement } from '../opc/xml-spans';
import { XlsxWriteError } from './errors';
import type { Package } from './package';
import { RelsPart } from './rels-part';
import type { SheetEntry, WorkbookParts } from './workbook';

// Ragbook's old sheets out: a sheet is replaced only when the plan names it in
// `replaces` AND it carries Ragbook's marker. Its parts go with it, as do the parts
// only it used.

export interface Replaced {
  /** The sheet each plan sheet (by index) replaces. */
  byPlanIndex: Map<number, SheetEntry>;
  /** The sheetIds of the sheets removed (the calculation chain names cells by them). */
  goneSheetIds: Set<number>;
}

/** Removes the parts of every sheet the plan replaces, after checking each is Ragbook's. */
export function removeReplacedSheets(pkg: Package, parts: WorkbookParts, plan: Plan): Replaced {
  const byPlanIndex = new Map<number, SheetEntry>();
  const goneSheetIds = new Set<number>();
  plan.sheets.forEach((s, i) => {
    if (s.replaces === null) return;
    const entry = parts.sheets.find((x) => x.name === s.replaces) as SheetEntry;
    const rel = parts.wbRels.byId(entry.relId);
    const part = rel?.target ? pkg.find(rel.target) : undefined;
    if (!rel || !/\/worksheet$/.test(rel.type) || !part || !markerRole(pkg, part)) {
      throw new XlsxWriteError(
        'not-owned',
        `The sheet '${entry.name}' was not created by Ragbook (it has no Ragbook mark), so Ragbook will not replace it. Nothing was changed.`,
      );
    }
    byPlanIndex.set(i, entry);
    goneSheetIds.add(entry.sheetId);
    for (const p of partsOwnedBy(pkg, part)) {
      pkg.remove(p);
      parts.ct.removePart(p);
    }
    parts.wbRels.remove(entry.relId);
  });
  return { byPlanIndex, goneSheetIds };
}

/** The role written in a sheet's ownership marker, or null when the sheet is not Ragbook's. */
function markerRole(pkg: Package, sheetPart: string): string | null {
  const xml = pkg.text(sheetPart);
  if (!xml) return null;
  const root = rootElement(xml);
  const props = childrenNamed(xml, root, 'customProperties')[0];
  if (!props) return null;
  const relsName = pkg.find(relsPathFor(sheetPart));
  if (!relsName) return null;
  const rels = new RelsPart(pkg.text(relsName) ?? '', sheetPart);
  for (const pr of childrenNamed(xml, props, 'customPr')) {
    const a = attributes(xml, pr);
    if (a.get('name') !== MARKER_NAME) continue;
    const target = rels.byId(attrByLocal(a, 'id') ?? '')?.target;
    const part = target ? pkg.find(target) : undefined;
    const bytes = part ? pkg.bytes(part) : null;
    const role = bytes ? decodeMarker(bytes) : null;
    if (role) return role;
  }
  return null;
}

/**
 * The parts that go with a sheet Ragbook replaces: the sheet, its relationships,
 * and every part reachable from it that nothing else in the package refers to
 * (its marker; a drawing or comments someone added to it). A part another part
 * still uses (an image shared with a user's sheet) stays.
 */
function partsOwnedBy(pkg: Package, sheetPart: string): string[] {
  const graph = new Map<string, string[]>();
  for (const e of pkg.entries) {
    const source = sourceOfRels(e.name);
    if (source === null || pkg.isRemoved(e.name)) continue;
    const rels = new RelsPart(pkg.text(e.name) ?? '', source);
    const targets = rels.rels.map((r) => (r.target ? pkg.find(r.target) : undefined)).filter((t): t is string => t !== undefined);
    // Keyed by the entry holding the source, however the rels part spells its name.
    graph.set(
      (pkg.find(source) ?? source).toLowerCase(),
      targets.map((t) => t.toLowerCase()),
    );
  }
  const owned = new Set([sheetPart.toLowerCase()]);
  for (let grew = true; grew;) {
    grew = false;
    for (const from of [...owned]) {
      for (const t of graph.get(from) ?? []) {
        if (owned.has(t)) continue;
        const usedElsewhere = [...graph].some(([src, ts]) => !owned.has(src) && ts.includes(t));
        if (!usedElsewhere) {
          owned.add(t);
          grew = true;
        }
      }
    }
  }
  const out: string[] = [];
  for (const key of owned) {
    const name = pkg.find(key);
    if (name) out.push(name);
    const rels = pkg.find(relsPathFor(name ?? key));
    if (rels) out.push(rels);
  }
  return out;
}
