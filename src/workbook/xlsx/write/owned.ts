import type { OwnedRole } from '../../../core/grid';
import { resolveOwnership } from '../../../core/ownership';
import { MARKER_NAME, decodeMarker } from '../marker';
import { relsPathFor } from '../opc/relationships';
import { attrByLocal, attributes, childrenNamed, rootElement } from '../opc/xml-spans';
import type { Package } from './package';
import { RelsPart } from './rels-part';
import type { SheetEntry, WorkbookParts } from './workbook';

// Which of the workbook's sheets are Ragbook's, as the reader decides it
// (core/ownership.ts: the defined names first, the custom properties after), with
// the parts the writer needs to update each in place.

export interface SheetParts {
  entry: SheetEntry;
  /** The worksheet part, or null (a chart sheet, a missing part). */
  part: string | null;
  /** The part holding the sheet's custom-property mark, if it has one. */
  markerPart: string | null;
  role: OwnedRole | null;
}

export function sheetParts(pkg: Package, parts: WorkbookParts): SheetParts[] {
  const found = parts.sheets.map((entry) => {
    const rel = parts.wbRels.byId(entry.relId);
    const part = rel?.target && /\/worksheet$/.test(rel.type) ? (pkg.find(rel.target) ?? null) : null;
    return { entry, part, ...(part ? markerOf(pkg, part) : { markerPart: null, property: null }) };
  });
  const roles = resolveOwnership({
    sheets: found.map((f) => ({ name: f.entry.name, property: f.part ? f.property : null })),
    names: parts.names.filter((n) => n.localSheetId === null).map((n) => ({ name: n.name, formula: n.formula })),
  });
  return found.map((f, i) => ({ entry: f.entry, part: f.part, markerPart: f.markerPart, role: f.part ? roles[i] : null }));
}

/** The sheet's custom-property mark: the part holding it and the role it names. */
function markerOf(pkg: Package, sheetPart: string): { markerPart: string | null; property: string | null } {
  const none = { markerPart: null, property: null };
  const xml = pkg.text(sheetPart);
  if (!xml) return none;
  const props = childrenNamed(xml, rootElement(xml), 'customProperties')[0];
  const relsName = props ? pkg.find(relsPathFor(sheetPart)) : undefined;
  if (!props || !relsName) return none;
  const rels = new RelsPart(pkg.text(relsName) ?? '', sheetPart);
  for (const pr of childrenNamed(xml, props, 'customPr')) {
    const a = attributes(xml, pr);
    if (a.get('name') !== MARKER_NAME) continue;
    const target = rels.byId(attrByLocal(a, 'id') ?? '')?.target;
    const part = target ? pkg.find(target) : undefined;
    const bytes = part ? pkg.bytes(part) : null;
    if (part && bytes) return { markerPart: part, property: decodeMarker(bytes) };
  }
  return none;
}
