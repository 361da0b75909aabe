import type { StyleDef, StyleName } from '../../../core/plan-schema';
import { escapeAttr } from '../opc/xml-escape';
import { XmlError } from '../opc/xml-syntax';
import {
  type Edit,
  type XmlElement,
  appendInside,
  applyEdits,
  attributes,
  childElements,
  rootElement,
  withAttribute,
} from '../opc/xml-spans';

// Adds the formats Ragbook's sheets need to the workbook's styles part. Every cell
// of every sheet refers to its format by position in these lists, so the only safe
// change is to append: existing entries keep their positions and meanings, and each
// list's count is updated. An entry identical to one already present (from an
// earlier run, typically) is reused rather than added again, so repeated runs do not
// grow the part.

/** The child lists of <styleSheet>, in the order the schema requires. */
const ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

/** Number formats every Excel knows by id; a code not here gets a custom id (164+). */
const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '@': 49,
};

const BORDER_COLOUR = 'FFBFBFBF';

export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

export interface StylesResult {
  xml: string;
  /** cellXfs index per style name, for a cell's s attribute. */
  xf: Map<StyleName, number>;
  /** dxfs index per style name, for a conditional format's dxfId. */
  dxf: Map<StyleName, number>;
}

/** #RRGGBB (or RRGGBB) → FFRRGGBB; anything else is not a colour and is ignored. */
export function argb(colour: string | undefined): string | null {
  if (!colour) return null;
  const m = /^#?([0-9a-fA-F]{6})$/.exec(colour.trim());
  return m ? `FF${m[1].toUpperCase()}` : null;
}

/** One list of the stylesheet: its element (if present) and the raw text of each entry. */
class StyleList {
  readonly added: string[] = [];
  constructor(
    readonly local: string,
    readonly el: XmlElement | null,
    readonly existing: string[],
  ) {}

  get size(): number {
    return this.existing.length + this.added.length;
  }

  /** The index of an entry with exactly this text, adding it at the end when there is none. */
  indexOf(entry: string): number {
    const old = this.existing.indexOf(entry);
    if (old >= 0) return old;
    const neu = this.added.indexOf(entry);
    if (neu >= 0) return this.existing.length + neu;
    this.added.push(entry);
    return this.size - 1;
  }

  /** Adds an entry even when an identical one exists (for padding). */
  push(entry: string): void {
    this.added.push(entry);
  }
}

/**
 * Returns the styles part with the formats for `used` appended, and where each
 * went. `dxfFor` lists the styles used by conditional formats.
 */
export function appendStyles(
  original: string | null,
  defs: Partial<Record<StyleName, StyleDef>>,
  used: Iterable<StyleName>,
  dxfFor: Iterable<StyleName>,
  highestUsedXf = -1,
): StylesResult {
  let xml = original ?? MINIMAL_STYLES;
  let root = rootElement(xml);
  if (root.local !== 'styleSheet') throw new XmlError(`the styles part's root is <${root.qname}>`);
  // <styleSheet/> says "all defaults", which is what the minimal stylesheet spells out.
  if (root.selfClosing) root = rootElement((xml = MINIMAL_STYLES));
  const p = root.prefix;
  const children = childElements(xml, root);
  const lists = new Map<string, StyleList>();
  const list = (local: string): StyleList => {
    let l = lists.get(local);
    if (!l) {
      const el = children.find((c) => c.local === local) ?? null;
      const entries = el ? childElements(xml, el).map((c) => xml.slice(c.start, c.end)) : [];
      l = new StyleList(local, el, entries);
      lists.set(local, l);
    }
    return l;
  };

  const fonts = list('fonts');
  const fills = list('fills');
  const borders = list('borders');
  const numFmts = list('numFmts');
  const cellXfs = list('cellXfs');
  const dxfs = list('dxfs');
  const hasStyleXf = list('cellStyleXfs').size > 0;

  // Excel reserves fills 0 and 1 (none and gray125) whatever they say; a list
  // shorter than that is padded, so Ragbook's fills do not land in those places.
  if (fills.size === 0) fills.push(`<${p}fill><${p}patternFill patternType="none"/></${p}fill>`);
  if (fills.size === 1) fills.push(`<${p}fill><${p}patternFill patternType="gray125"/></${p}fill>`);
  if (fonts.size === 0) fonts.push(`<${p}font><${p}sz val="11"/><${p}name val="Calibri"/><${p}family val="2"/></${p}font>`);
  if (borders.size === 0) borders.push(`<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border>`);
  // A user's format may name a fill, font or border past the end of its list (LibreOffice
  // and POI write such files; Excel and Ragbook read the cell as having none). Ragbook's
  // entries go after the highest id named, the gap padded with plain entries, so no
  // user cell takes on one of Ragbook's fills or fonts.
  const xfs = [...cellXfs.existing, ...list('cellStyleXfs').existing];
  padTo(fills, highestId(xfs, 'fillId'), `<${p}fill><${p}patternFill patternType="none"/></${p}fill>`);
  padTo(fonts, highestId(xfs, 'fontId'), fonts.existing[0] ?? '');
  padTo(borders, highestId(xfs, 'borderId'), `<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border>`);
  padTo(cellXfs, highestUsedXf, `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"${hasStyleXf ? ' xfId="0"' : ''}/>`);

  const base = baseFont(fonts, p);
  const numFmtIds = existingNumFmts(numFmts);
  // A new format takes the id after the highest in use: ids given twice (POI's InlineStrings.xlsx
  // has 164 and 165, both 'GENERAL') are still taken, or the user's cells would change format.
  const highest = { id: Math.max(163, ...numFmts.existing.map(numFmtIdOf)) };

  const xf = new Map<StyleName, number>();
  for (const name of new Set(used)) {
    const def = defs[name];
    if (!def) continue;
    const fontId = fonts.indexOf(fontXml(def, base, p));
    const fill = argb(def.fill);
    const fillId = fill
      ? fills.indexOf(
          `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${fill}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
        )
      : 0;
    const borderId = def.border ? borders.indexOf(borderXml(p)) : 0;
    const numFmtId = def.numberFormat ? numFmtIdFor(def.numberFormat, { numFmts, ids: numFmtIds, highest }, p) : 0;
    const attrs = [`numFmtId="${numFmtId}"`, `fontId="${fontId}"`, `fillId="${fillId}"`, `borderId="${borderId}"`];
    if (hasStyleXf) attrs.push('xfId="0"');
    if (numFmtId) attrs.push('applyNumberFormat="1"');
    attrs.push('applyFont="1"');
    if (fillId) attrs.push('applyFill="1"');
    if (borderId) attrs.push('applyBorder="1"');
    const align: string[] = [];
    if (def.align) align.push(`horizontal="${def.align}"`);
    if (def.wrap) align.push('wrapText="1"');
    if (align.length) attrs.push('applyAlignment="1"');
    const entry = align.length ? `<${p}xf ${attrs.join(' ')}><${p}alignment ${align.join(' ')}/></${p}xf>` : `<${p}xf ${attrs.join(' ')}/>`;
    xf.set(name, cellXfs.indexOf(entry));
  }

  const dxf = new Map<StyleName, number>();
  for (const name of new Set(dxfFor)) {
    const def = defs[name];
    if (!def) continue;
    dxf.set(name, dxfs.indexOf(dxfXml(def, p)));
  }

  // Splice: each changed list gets its new entries at the end and a true count;
  // a missing list is created where the schema wants it.
  const edits: Edit[] = [];
  for (const l of lists.values()) {
    if (l.added.length === 0) continue;
    const inner = l.added.join('');
    if (l.el) {
      const startTag = withAttribute(xml, l.el, 'count', String(l.size));
      edits.push(...appendInside(xml, l.el, inner, startTag));
    } else {
      const after = ORDER.slice(ORDER.indexOf(l.local) + 1);
      const next = children.find((c) => after.includes(c.local));
      const at = next ? next.start : root.closeStart;
      edits.push({ start: at, end: at, text: `<${p}${l.local} count="${l.size}">${inner}</${p}${l.local}>` });
    }
  }
  return { xml: applyEdits(xml, sortForOrder(edits)), xf, dxf };
}

/** The highest value of an id attribute (fillId, fontId, borderId) among these xf entries, or -1. */
function highestId(xfs: readonly string[], attr: string): number {
  const re = new RegExp(`\\s${attr}="(\\d+)"`);
  let max = -1;
  for (const x of xfs) {
    const m = re.exec(x);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** Pads a list with `entry` until `id` is one of its places, so what is appended lands after it. */
function padTo(l: StyleList, id: number, entry: string): void {
  while (l.size <= id) l.push(entry);
}

/** Created lists that share an insertion point must come out in schema order. */
function sortForOrder(edits: Edit[]): Edit[] {
  const rank = (e: Edit) => {
    const m = /^<(?:[^\s>:]+:)?([A-Za-z]+)\s/.exec(e.text);
    return m && e.start === e.end ? ORDER.indexOf(m[1]) : -1;
  };
  return edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.start - b.e.start || rank(a.e) - rank(b.e) || a.i - b.i)
    .map((x) => x.e);
}

interface BaseFont {
  size: string;
  /** The family elements of the workbook's default font (name, family, charset, scheme), as written. */
  tail: string;
}

/** Ragbook's text uses the workbook's own default font (font 0), in its own size unless a style says. */
function baseFont(fonts: StyleList, p: string): BaseFont {
  const first = fonts.existing[0] ?? fonts.added[0] ?? '';
  const sz = /<(?:[^\s>:]+:)?sz\s[^>]*val\s*=\s*["']([0-9.]+)["']/.exec(first);
  const pick = (local: string): string => {
    const m = new RegExp(`<(?:[^\\s>:]+:)?${local}\\s[^>]*val\\s*=\\s*["']([^"']*)["']`).exec(first);
    return m ? `<${p}${local} val="${escapeAttr(m[1])}"/>` : '';
  };
  const name = pick('name') || `<${p}name val="Calibri"/>`;
  return { size: sz ? sz[1] : '11', tail: name + pick('family') + pick('charset') + pick('scheme') };
}

function fontXml(def: StyleDef, base: BaseFont, p: string): string {
  let s = `<${p}font>`;
  if (def.bold) s += `<${p}b/>`;
  if (def.italic) s += `<${p}i/>`;
  if (def.underline) s += `<${p}u/>`;
  s += `<${p}sz val="${def.size !== undefined && def.size > 0 ? def.size : base.size}"/>`;
  const colour = argb(def.color);
  if (colour) s += `<${p}color rgb="${colour}"/>`;
  return s + base.tail + `</${p}font>`;
}

function borderXml(p: string): string {
  const side = (local: string) => `<${p}${local} style="thin"><${p}color rgb="${BORDER_COLOUR}"/></${p}${local}>`;
  return `<${p}border>${side('left')}${side('right')}${side('top')}${side('bottom')}<${p}diagonal/></${p}border>`;
}

/** A differential format as Excel writes one: in a dxf a solid fill's colour is the bgColor. */
function dxfXml(def: StyleDef, p: string): string {
  let s = `<${p}dxf>`;
  const colour = argb(def.color);
  if (def.bold || def.italic || colour) {
    s += `<${p}font>`;
    if (def.bold) s += `<${p}b/>`;
    if (def.italic) s += `<${p}i/>`;
    if (colour) s += `<${p}color rgb="${colour}"/>`;
    s += `</${p}font>`;
  }
  const fill = argb(def.fill);
  if (fill) s += `<${p}fill><${p}patternFill><${p}bgColor rgb="${fill}"/></${p}patternFill></${p}fill>`;
  return s + `</${p}dxf>`;
}

function existingNumFmts(numFmts: StyleList): Map<string, number> {
  const out = new Map<string, number>();
  for (const entry of numFmts.existing) {
    const el = rootElement(entry);
    const a = attributes(entry, el);
    const id = Number(a.get('numFmtId'));
    const code = a.get('formatCode');
    if (Number.isInteger(id) && code !== undefined && !out.has(code)) out.set(code, id);
  }
  return out;
}

/** A <numFmt> entry's id, or 0 when it has none that is a number. */
function numFmtIdOf(entry: string): number {
  const id = Number(attributes(entry, rootElement(entry)).get('numFmtId'));
  return Number.isInteger(id) ? id : 0;
}

function numFmtIdFor(code: string, fmts: { numFmts: StyleList; ids: Map<string, number>; highest: { id: number } }, p: string): number {
  if (code in BUILT_IN_FORMATS) return BUILT_IN_FORMATS[code];
  const known = fmts.ids.get(code);
  if (known !== undefined) return known;
  const id = ++fmts.highest.id;
  fmts.ids.set(code, id);
  fmts.numFmts.push(`<${p}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
  return id;
}
