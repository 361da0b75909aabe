import type { Plan, PlanSheet, StyleName } from '../../core/plan-schema';
import { type ZipCodec, jsCodec } from './codec';
import { CUSTOM_PROPERTY_CONTENT_TYPE, CUSTOM_PROPERTY_REL_TYPE, MARKER_NAME, decodeMarker, encodeMarker } from './marker';
import { MAIN_NS, REL_NS, buildSheetXml } from './sheet-xml';
import { appendStyles } from './styles-write';
import {
  ContentTypes,
  REL_TYPE,
  RELS_CONTENT_TYPE,
  RelsPart,
  STYLES_CONTENT_TYPE,
  WORKSHEET_CONTENT_TYPE,
  relsPathOf,
  sourceOfRels,
} from './write-package';
import {
  type Edit,
  type XmlElement,
  XmlEditError,
  applyEdits,
  attrByLocal,
  attributes,
  childElements,
  childrenNamed,
  escapeAttr,
  namespaceOf,
  prefixFor,
  rootElement,
  withAttribute,
} from './write-xml';
import {
  type OutEntry,
  type PackedPart,
  PartPacker,
  type ZipEntry,
  ZipWriteError,
  inflateEntry,
  readZipEntries,
  writeZip,
} from './write-zip';

// Writes a plan into an .xlsx file without loading the workbook into any object
// model: a model drops what it does not understand (charts, pictures, pivot tables,
// validation, extensions), and the workbook is the user's. The package is edited at
// the level of its parts instead:
//
// - every part Ragbook does not own is copied byte for byte, compressed bytes
//   included;
// - four parts are edited as text, by splicing, never re-serialised:
//   [Content_Types].xml (overrides for new parts), the workbook part (sheet
//   entries), its relationships, and the styles part (formats appended at the end
//   of each list, so every existing index keeps its meaning);
// - Ragbook's sheets are new parts, each with a custom-property part that marks it
//   as Ragbook's (see marker.ts);
// - a sheet is replaced only when the plan names it in `replaces` AND it carries
//   Ragbook's marker. It keeps its place in the tab order, so sheet-scoped names
//   (localSheetId is a position) stay right for every other sheet; new sheets go
//   at the end for the same reason.

export interface WriteResult {
  bytes: Uint8Array;
  /** The names of the sheets written, in plan order. */
  written: string[];
}

export type XlsxWriteProblem = 'strict' | 'damaged' | 'protected' | 'name-taken' | 'not-owned' | 'invalid-plan';

export class XlsxWriteError extends Error {
  readonly problem: XlsxWriteProblem;
  constructor(problem: XlsxWriteProblem, message: string) {
    super(message);
    this.name = 'XlsxWriteError';
    this.problem = problem;
    Object.setPrototypeOf(this, XlsxWriteError.prototype);
  }
}

const STRICT_MAIN_NS = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const STRICT_MESSAGE =
  'This workbook is saved as Strict Open XML, and Ragbook cannot write Strict Open XML workbooks safely. ' +
  'In Excel choose File > Save As, pick "Excel Workbook (*.xlsx)" as the type, then run Ragbook on that copy.';

/** Characters Excel does not allow in a sheet name. */
const BAD_SHEET_CHARS = /[[\]:*?/\\]/;

export interface WriteOptions {
  /** Deflation, inflation and CRC-32; the pure JavaScript codec when not given. */
  codec?: ZipCodec;
}

export function applyPlanToXlsx(original: Uint8Array, plan: Plan, opts: WriteOptions = {}): WriteResult {
  try {
    return write(original, plan, opts.codec ?? jsCodec);
  } catch (e) {
    if (e instanceof ZipWriteError || e instanceof XmlEditError) {
      throw new XlsxWriteError(
        'damaged',
        `The workbook cannot be updated because it is damaged (${e.message}). Open it in Excel, save it, and try again.`,
      );
    }
    throw e;
  }
}

// ---------------------------------------------------------------------------

const utf8 = new TextEncoder();

/** The zip's entries with the edits Ragbook makes to them. Names are matched case-insensitively, as OPC does. */
class Package {
  readonly entries: ZipEntry[];
  private readonly byKey = new Map<string, ZipEntry>();
  /** New contents of existing parts: bytes to compress, or a part already packed. */
  private readonly changed = new Map<string, Uint8Array | PackedPart>();
  private readonly removed = new Set<string>();
  private readonly added: { name: string; data: Uint8Array | PackedPart }[] = [];
  private readonly bom = new Set<string>();

  constructor(
    readonly original: Uint8Array,
    private readonly codec: ZipCodec,
  ) {
    this.entries = readZipEntries(original);
    for (const e of this.entries) {
      const key = e.name.toLowerCase();
      if (this.byKey.has(key)) throw new ZipWriteError(`it holds two parts named ${e.name}`);
      this.byKey.set(key, e);
    }
  }

  /** The entry name holding a part, or undefined. */
  find(part: string): string | undefined {
    return this.byKey.get(part.replace(/^\/+/, '').toLowerCase())?.name;
  }

  isRemoved(part: string): boolean {
    return this.removed.has(part.toLowerCase());
  }

  bytes(part: string): Uint8Array | null {
    const e = this.byKey.get(part.toLowerCase());
    return e ? inflateEntry(this.original, e, this.codec) : null;
  }

  text(part: string): string | null {
    const b = this.bytes(part);
    if (!b) return null;
    if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0x3c && b[1] === 0)) {
      throw new ZipWriteError(`the part ${part} is stored as UTF-16 text`);
    }
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.bom.add(part.toLowerCase());
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(b);
    } catch {
      throw new ZipWriteError(`the part ${part} holds bytes that are not text`);
    }
  }

  setText(part: string, text: string): void {
    const body = utf8.encode(text);
    if (!this.bom.has(part.toLowerCase())) return this.set(part, body);
    const withBom = new Uint8Array(body.length + 3);
    withBom.set([0xef, 0xbb, 0xbf]);
    withBom.set(body, 3);
    this.set(part, withBom);
  }

  /** `data` is the part's bytes, or the part already compressed (see PartPacker). */
  set(part: string, data: Uint8Array | PackedPart): void {
    const key = part.toLowerCase();
    if (this.byKey.has(key)) {
      // A name freed by a replaced sheet may be given to its successor.
      this.removed.delete(key);
      this.changed.set(key, data);
    } else this.added.push({ name: part, data });
  }

  remove(part: string): void {
    this.removed.add(part.toLowerCase());
  }

  /** Names in use, in lower case: existing parts still present, and parts added. */
  taken(): Set<string> {
    const out = new Set<string>();
    for (const key of this.byKey.keys()) if (!this.removed.has(key)) out.add(key);
    for (const a of this.added) out.add(a.name.toLowerCase());
    return out;
  }

  toZip(): Uint8Array {
    const out: OutEntry[] = [];
    for (const e of this.entries) {
      const key = e.name.toLowerCase();
      if (this.removed.has(key)) continue;
      const data = this.changed.get(key);
      out.push(data ? outEntry(e.name, data) : { kind: 'copy', entry: e });
    }
    for (const a of this.added) out.push(outEntry(a.name, a.data));
    return writeZip(this.original, out, this.codec);
  }
}

function outEntry(name: string, data: Uint8Array | PackedPart): OutEntry {
  return data instanceof Uint8Array ? { kind: 'new', name, data } : { kind: 'packed', name, part: data };
}

interface SheetEntry {
  el: XmlElement;
  name: string;
  sheetId: number;
  relId: string;
  state: string;
}

/** One sheet of the workbook after writing: an existing one, or one of the plan's. */
type FinalSheet = { kind: 'existing'; entry: SheetEntry } | { kind: 'planned'; index: number; replaced: SheetEntry | null };

const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

function checkPlanNames(plan: Plan, sheets: SheetEntry[]): void {
  const invalid = (why: string) => new XlsxWriteError('invalid-plan', why);
  const names = new Set<string>();
  const replaced = new Set<string>();
  for (const s of plan.sheets) {
    const n = s.name;
    if (!n || n.length > 31 || BAD_SHEET_CHARS.test(n) || n.startsWith("'") || n.endsWith("'") || same(n, 'History')) {
      throw invalid(
        `'${n}' cannot be a sheet name in Excel (1 to 31 characters, none of [ ] : * ? / \\, no apostrophe at either end, not "History").`,
      );
    }
    if (names.has(n.toUpperCase())) throw invalid(`the plan writes two sheets called '${n}'.`);
    names.add(n.toUpperCase());
    if (s.replaces !== null) {
      if (replaced.has(s.replaces.toUpperCase())) throw invalid(`the plan replaces the sheet '${s.replaces}' twice.`);
      replaced.add(s.replaces.toUpperCase());
      if (!sheets.some((x) => x.name === s.replaces))
        throw invalid(`the sheet '${s.replaces}' that the plan replaces is not in the workbook.`);
    }
  }
  for (const s of plan.sheets) {
    const clash = sheets.find((x) => same(x.name, s.name) && !replaced.has(x.name.toUpperCase()));
    if (clash) {
      throw new XlsxWriteError(
        'name-taken',
        `The workbook already has a sheet called '${clash.name}' that Ragbook is not replacing, so Ragbook did not write its '${s.name}' sheet. Nothing was changed.`,
      );
    }
  }
}

/** The role written in a sheet's ownership marker, or null when the sheet is not Ragbook's. */
function markerRole(pkg: Package, sheetPart: string): string | null {
  const xml = pkg.text(sheetPart);
  if (!xml) return null;
  const root = rootElement(xml);
  const props = childrenNamed(xml, root, 'customProperties')[0];
  if (!props) return null;
  const relsText = pkg.find(relsPathOf(sheetPart));
  if (!relsText) return null;
  const rels = new RelsPart(pkg.text(relsText) ?? '', sheetPart);
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
    graph.set(
      source.toLowerCase(),
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
    const rels = pkg.find(relsPathOf(name ?? key));
    if (rels) out.push(rels);
  }
  return out;
}

/** A fresh part name `${stem}${n}${ext}`, the lowest n free in the package and its content types. */
function freshName(taken: Set<string>, stem: string, ext: string): string {
  for (let n = 1; ; n++) {
    const name = `${stem}${n}${ext}`;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
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

function write(original: Uint8Array, plan: Plan, codec: ZipCodec): WriteResult {
  const pkg = new Package(original, codec);

  const ctName = pkg.find('[Content_Types].xml');
  if (!ctName) throw new ZipWriteError('it has no [Content_Types].xml part');
  const ct = new ContentTypes(pkg.text(ctName) as string);

  const rootRelsName = pkg.find('_rels/.rels');
  const rootRels = rootRelsName ? new RelsPart(pkg.text(rootRelsName) as string, '') : null;
  const officeRel = rootRels?.rels.find((r) => /\/officeDocument$/.test(r.type) && r.target);
  if (officeRel && officeRel.type.includes('purl.oclc.org')) throw new XlsxWriteError('strict', STRICT_MESSAGE);
  const wbPart = pkg.find(officeRel?.target ?? 'xl/workbook.xml') ?? pkg.find('xl/workbook.xml');
  if (!wbPart) throw new ZipWriteError('it has no workbook part');
  const wbXml = pkg.text(wbPart) as string;
  const wbRoot = rootElement(wbXml);
  const wbAttrs = attributes(wbXml, wbRoot);
  const ns = namespaceOf(wbAttrs, wbRoot);
  if (ns === STRICT_MAIN_NS || wbAttrs.get('conformance') === 'strict') throw new XlsxWriteError('strict', STRICT_MESSAGE);
  if (wbRoot.local !== 'workbook' || (ns !== undefined && ns !== MAIN_NS)) throw new ZipWriteError(`its workbook part is not a workbook`);

  const wbRelsName = pkg.find(relsPathOf(wbPart));
  if (!wbRelsName) throw new ZipWriteError('the workbook part has no relationships');
  const wbRels = new RelsPart(pkg.text(wbRelsName) as string, wbPart);
  const dir = wbPart.slice(0, wbPart.lastIndexOf('/') + 1);

  const wbChildren = childElements(wbXml, wbRoot);
  const protection = wbChildren.find((c) => c.local === 'workbookProtection');
  if (protection) {
    const lock = (attributes(wbXml, protection).get('lockStructure') ?? '').toLowerCase();
    if (lock === '1' || lock === 'true') {
      throw new XlsxWriteError(
        'protected',
        "The workbook's structure is protected, so sheets cannot be added to it. In Excel choose Review > Protect Workbook to unprotect it, save, and try again.",
      );
    }
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

  checkPlanNames(plan, sheets);

  // The sheets being replaced: each must be a worksheet that carries Ragbook's marker.
  const replacedBy = new Map<number, SheetEntry>();
  const goneSheetIds = new Set<number>();
  plan.sheets.forEach((s, i) => {
    if (s.replaces === null) return;
    const entry = sheets.find((x) => x.name === s.replaces) as SheetEntry;
    const rel = wbRels.byId(entry.relId);
    const part = rel?.target ? pkg.find(rel.target) : undefined;
    if (!rel || !/\/worksheet$/.test(rel.type) || !part || !markerRole(pkg, part)) {
      throw new XlsxWriteError(
        'not-owned',
        `The sheet '${entry.name}' was not created by Ragbook (it has no Ragbook mark), so Ragbook will not replace it. Nothing was changed.`,
      );
    }
    replacedBy.set(i, entry);
    goneSheetIds.add(entry.sheetId);
    for (const p of partsOwnedBy(pkg, part)) {
      pkg.remove(p);
      ct.removePart(p);
    }
    wbRels.remove(entry.relId);
  });

  // Styles: appended to the workbook's styles part, or a new part when it has none.
  const stylesRel = wbRels.rels.find((r) => /\/styles$/.test(r.type) && r.target && pkg.find(r.target));
  const stylesPart = stylesRel ? (pkg.find(stylesRel.target as string) as string) : null;
  const used = new Set<StyleName>();
  const dxfUsed = new Set<StyleName>();
  for (const s of plan.sheets) {
    for (const row of s.rows) for (const cell of row) if (cell?.style) used.add(cell.style);
    for (const cf of s.conditionalFormats) if (cf.type === 'expression') dxfUsed.add(cf.style);
  }
  const styles = appendStyles(stylesPart ? pkg.text(stylesPart) : null, plan.styles, used, dxfUsed);

  // Fresh names avoid every part present, and any name a content type or the
  // workbook's relationships still mention, so no two entries can ever clash.
  const taken = pkg.taken();
  for (const p of ct.overriddenParts()) if (!pkg.isRemoved(p)) taken.add(p);
  for (const r of wbRels.rels) if (r.target && !pkg.isRemoved(r.target)) taken.add(r.target.toLowerCase());

  if (stylesPart) pkg.setText(stylesPart, styles.xml);
  else {
    const plainName = `${dir}styles.xml`;
    const name = taken.has(plainName.toLowerCase()) ? freshName(taken, `${dir}styles`, '.xml') : plainName;
    taken.add(name.toLowerCase());
    pkg.setText(name, styles.xml);
    ct.override(name, STYLES_CONTENT_TYPE);
    wbRels.add(`${REL_TYPE}styles`, name);
  }

  // Where each sheet goes: a replacement in its predecessor's place, new ones at the end.
  const final: FinalSheet[] = sheets.map((entry) => ({ kind: 'existing', entry }));
  plan.sheets.forEach((_s, i) => {
    const old = replacedBy.get(i);
    if (old) final[sheets.indexOf(old)] = { kind: 'planned', index: i, replaced: old };
    else final.push({ kind: 'planned', index: i, replaced: null });
  });

  // The active tab moves only when it was on a sheet Ragbook is rewriting: the
  // user's own sheets' selection lives in their parts, which are not touched.
  const view = childrenNamed(wbXml, wbChildren.find((c) => c.local === 'bookViews') ?? wbRoot, 'workbookView')[0];
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

  // The new parts of each sheet, and its entry in the workbook part.
  const sheetsPrefix = sheetsEl.prefix;
  const relPrefix = prefixFor(wbAttrs, REL_NS);
  let nextSheetId = 1 + Math.max(0, ...sheets.map((s) => (Number.isFinite(s.sheetId) ? s.sheetId : 0)));
  const sheetElement = new Map<number, string>();
  plan.sheets.forEach((s: PlanSheet, i) => {
    const sheetPart = freshName(taken, `${dir}worksheets/sheet`, '.xml');
    const markerPart = freshName(taken, `${dir}customProperty`, '.bin');
    const rels = RelsPart.empty(sheetPart);
    const markerRelId = rels.add(CUSTOM_PROPERTY_REL_TYPE, markerPart);
    const packer = new PartPacker(codec);
    buildSheetXml(s, { xf: styles.xf, dxf: styles.dxf, markerRelId, tabSelected: selected === i }, (bytes) => packer.write(bytes));
    pkg.set(sheetPart, packer.finish());
    pkg.setText(relsPathOf(sheetPart), rels.toXml());
    pkg.set(markerPart, encodeMarker(s.role));
    ct.override(sheetPart, WORKSHEET_CONTENT_TYPE);
    ct.override(markerPart, CUSTOM_PROPERTY_CONTENT_TYPE);
    if (!ct.hasDefault('rels')) ct.override(relsPathOf(sheetPart), RELS_CONTENT_TYPE);
    const relId = wbRels.add(`${REL_TYPE}worksheet`, sheetPart);
    const old = replacedBy.get(i);
    // A sheet the user hid stays hidden when Ragbook rewrites it.
    const state = old && old.state !== 'visible' && selected !== i ? ` state="${escapeAttr(old.state)}"` : '';
    const rid = relPrefix ? `${relPrefix}:id="${relId}"` : `xmlns:r="${REL_NS}" r:id="${relId}"`;
    sheetElement.set(i, `<${sheetsPrefix}sheet name="${escapeAttr(s.name)}" sheetId="${nextSheetId++}"${state} ${rid}/>`);
  });

  // Workbook part: sheet entries, sheet-scoped names of replaced sheets, active tab.
  const edits: Edit[] = [];
  let appended = '';
  final.forEach((f) => {
    if (f.kind !== 'planned') return;
    const text = sheetElement.get(f.index) as string;
    if (f.replaced) edits.push({ start: f.replaced.el.start, end: f.replaced.el.end, text });
    else appended += text;
  });
  if (appended) edits.push({ start: sheetsEl.closeStart, end: sheetsEl.closeStart, text: appended });

  const replacedIndexes = new Set([...replacedBy.values()].map((e) => sheets.indexOf(e)));
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
  if (view && activeTab !== wasActive) {
    edits.push({ start: view.start, end: view.openEnd, text: withAttribute(wbXml, view, 'activeTab', String(activeTab)) });
  }
  pkg.setText(wbPart, applyEdits(wbXml, edits));

  // The calculation chain names cells by sheet id: entries for a removed sheet
  // would make Excel repair the file.
  if (goneSheetIds.size) {
    const chainRel = wbRels.rels.find((r) => /\/calcChain$/.test(r.type) && r.target && pkg.find(r.target));
    const chainPart = chainRel ? pkg.find(chainRel.target as string) : undefined;
    if (chainRel && chainPart) {
      const filtered = filterCalcChain(pkg.text(chainPart) as string, goneSheetIds);
      if (filtered === null) {
        pkg.remove(chainPart);
        ct.removePart(chainPart);
        wbRels.remove(chainRel.id);
      } else pkg.setText(chainPart, filtered);
    }
  }

  pkg.setText(wbRelsName, wbRels.toXml());
  pkg.setText(ctName, ct.toXml());
  return { bytes: pkg.toZip(), written: plan.sheets.map((s) => s.name) };
}
