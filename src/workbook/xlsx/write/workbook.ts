import { CONTENT_TYPES_PART, ContentTypes } from '../opc/content-types';
import { relsPathFor } from '../opc/relationships';
import { type XmlElement, attrByLocal, attributes, childElements, childrenNamed, namespaceOf, rootElement } from '../opc/xml-spans';
import { decodeEntities } from '../opc/xml-syntax';
import { PROTECTED_MESSAGE, STRICT_MESSAGE, XlsxWriteError } from './errors';
import type { Package } from './package';
import { RelsPart } from './rels-part';
import { MAIN_NS } from './sheet-xml';
import { ZipWriteError } from './zip';

// The parts every write reads first: the content types, the package's and the
// workbook's relationships, and the workbook part with its list of sheets. Refuses,
// before anything is changed, a workbook the writer cannot update safely: Strict
// Open XML, and a protected structure.

const STRICT_MAIN_NS = 'http://purl.oclc.org/ooxml/spreadsheetml/main';

/** A <sheet> of the workbook part. */
export interface SheetEntry {
  el: XmlElement;
  name: string;
  sheetId: number;
  relId: string;
  state: string;
}

/** A <definedName> of the workbook part. */
export interface NameEntry {
  el: XmlElement;
  name: string;
  /** The sheet position it is scoped to, or null for the workbook. */
  localSheetId: number | null;
  formula: string;
}

/** The package's skeleton, as the steps of a write use and edit it. */
export interface Skeleton {
  ctName: string;
  ct: ContentTypes;
  /** The package's own relationships (_rels/.rels), and the entry holding them (null: none yet). */
  rootRels: RelsPart;
  rootRelsName: string | null;
}

export interface WorkbookParts extends Skeleton {
  wbPart: string;
  wbXml: string;
  wbRoot: XmlElement;
  wbAttrs: Map<string, string>;
  wbChildren: XmlElement[];
  wbRelsName: string;
  wbRels: RelsPart;
  /** The workbook part's folder, with its '/': where new parts go. */
  dir: string;
  sheetsEl: XmlElement;
  sheets: SheetEntry[];
  /** The <definedNames> element, if the workbook has one, and its names. */
  namesEl: XmlElement | undefined;
  names: NameEntry[];
}

/** The content types and the package's relationships: all a settings-only write needs. */
export function readSkeleton(pkg: Package): Skeleton {
  const ctName = pkg.find(CONTENT_TYPES_PART);
  if (!ctName) throw new ZipWriteError(`it has no ${CONTENT_TYPES_PART} part`);
  const ct = new ContentTypes(pkg.text(ctName) as string);
  const rootRelsName = pkg.find('_rels/.rels') ?? null;
  const rootRels = rootRelsName ? new RelsPart(pkg.text(rootRelsName) as string, '') : RelsPart.empty('');
  return { ctName, ct, rootRels, rootRelsName };
}

export function readWorkbookParts(pkg: Package): WorkbookParts {
  const skeleton = readSkeleton(pkg);
  const officeRel = skeleton.rootRels.rels.find((r) => /\/officeDocument$/.test(r.type) && r.target);
  if (officeRel && officeRel.type.includes('purl.oclc.org')) throw new XlsxWriteError('strict', STRICT_MESSAGE);
  const wbPart = pkg.find(officeRel?.target ?? 'xl/workbook.xml') ?? pkg.find('xl/workbook.xml');
  if (!wbPart) throw new ZipWriteError('it has no workbook part');
  const wbXml = pkg.text(wbPart) as string;
  const wbRoot = rootElement(wbXml);
  const wbAttrs = attributes(wbXml, wbRoot);
  const ns = namespaceOf(wbAttrs, wbRoot);
  if (ns === STRICT_MAIN_NS || wbAttrs.get('conformance') === 'strict') throw new XlsxWriteError('strict', STRICT_MESSAGE);
  if (wbRoot.local !== 'workbook' || (ns !== undefined && ns !== MAIN_NS)) throw new ZipWriteError(`its workbook part is not a workbook`);

  const wbRelsName = pkg.find(relsPathFor(wbPart));
  if (!wbRelsName) throw new ZipWriteError('the workbook part has no relationships');
  const wbRels = new RelsPart(pkg.text(wbRelsName) as string, wbPart);

  const wbChildren = childElements(wbXml, wbRoot);
  const protection = wbChildren.find((c) => c.local === 'workbookProtection');
  if (protection) {
    const lock = (attributes(wbXml, protection).get('lockStructure') ?? '').toLowerCase();
    if (lock === '1' || lock === 'true') throw new XlsxWriteError('protected', PROTECTED_MESSAGE);
  }
  const sheetsEl = wbChildren.find((c) => c.local === 'sheets');
  if (!sheetsEl || sheetsEl.selfClosing) throw new ZipWriteError('its workbook part lists no sheets');
  const sheets: SheetEntry[] = childrenNamed(wbXml, sheetsEl, 'sheet').map((el) => {
    const a = attributes(wbXml, el);
    return {
      el,
      name: a.get('name') ?? '',
      sheetId: Number(a.get('sheetId')),
      relId: attrByLocal(a, 'id') ?? '',
      state: a.get('state') ?? 'visible',
    };
  });
  const namesEl = wbChildren.find((c) => c.local === 'definedNames');
  const names: NameEntry[] = namesEl
    ? childrenNamed(wbXml, namesEl, 'definedName').map((el) => {
        const a = attributes(wbXml, el);
        const scope = a.get('localSheetId');
        return {
          el,
          name: a.get('name') ?? '',
          localSheetId: scope === undefined ? null : Number(scope),
          formula: el.selfClosing ? '' : decodeEntities(wbXml.slice(el.openEnd, el.closeStart)),
        };
      })
    : [];
  return {
    ...skeleton,
    wbPart,
    wbXml,
    wbRoot,
    wbAttrs,
    wbChildren,
    wbRelsName,
    wbRels,
    dir: wbPart.slice(0, wbPart.lastIndexOf('/') + 1),
    sheetsEl,
    sheets,
    namesEl,
    names,
  };
}

/** Writes back the parts every step may have edited: the relationships and the content types. */
export function saveSkeleton(pkg: Package, parts: Skeleton): void {
  if (parts.rootRels.changed) pkg.setText(parts.rootRelsName ?? '_rels/.rels', parts.rootRels.toXml());
  pkg.setText(parts.ctName, parts.ct.toXml());
}
