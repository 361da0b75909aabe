import { XmlError, declarationAt, decodeEntities, localOf } from './xml-syntax';
import { escapeAttr } from './xml-escape';

// Finds where elements lie in a part's text, for the writer. The writer edits the
// few package parts it must change (workbook, relationships, content types, styles,
// web extension) as text: it finds an element's exact character span and splices
// new text in, so every byte it does not mean to change stays as the user's
// application wrote it. Nothing here builds a tree or re-serialises a part. What is
// refused (a DOCTYPE above all) and how entities are decoded are xml-syntax.ts's
// rules, the same as the reader's: a part the reader would refuse is never edited.

/** One element found in a part: where its start tag, content and end tag lie. */
export interface XmlElement {
  /** Qualified name as written, e.g. `sheet` or `x:sheet`. */
  qname: string;
  local: string;
  /** The prefix with its colon (`x:`), or '' for none. */
  prefix: string;
  /** Index of the '<' that opens the start tag. */
  start: number;
  /** Index just after the start tag's '>'. */
  openEnd: number;
  /** Index of the end tag's '<' ('</x>'), or openEnd when the element is empty (<x/>). */
  closeStart: number;
  /** Index just after the whole element. */
  end: number;
  selfClosing: boolean;
}

type TagKind = 'open' | 'self' | 'close' | 'other';

interface Tag {
  kind: TagKind;
  qname: string;
  start: number;
  end: number;
}

function isNameEnd(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 62 /* > */ || c === 47; /* / */
}

/** The next markup at or after `from`, or null at the end of the text. */
function nextTag(xml: string, from: number): Tag | null {
  const lt = xml.indexOf('<', from);
  if (lt < 0) return null;
  if (xml.startsWith('<?', lt)) return other(xml, lt, '?>');
  if (xml.startsWith('<!', lt)) return other(xml, lt, declarationAt(xml, lt) === 'comment' ? '-->' : ']]>');
  const closing = xml.charCodeAt(lt + 1) === 47;
  let i = lt + (closing ? 2 : 1);
  const nameStart = i;
  while (i < xml.length && !isNameEnd(xml.charCodeAt(i))) i++;
  const qname = xml.slice(nameStart, i);
  if (!qname) throw new XmlError(`a tag without a name at ${lt}`);
  // Attribute values may hold '>' (and '/'), so the end is found outside quotes.
  let quote = 0;
  for (; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 62) {
      const self = !closing && xml.charCodeAt(i - 1) === 47;
      return { kind: closing ? 'close' : self ? 'self' : 'open', qname, start: lt, end: i + 1 };
    }
  }
  throw new XmlError(`the tag <${qname}> is not closed`);
}

function other(xml: string, lt: number, terminator: string): Tag {
  const end = xml.indexOf(terminator, lt + 2);
  if (end < 0) throw new XmlError('markup that is not closed');
  return { kind: 'other', qname: '', start: lt, end: end + terminator.length };
}

function toElement(open: Tag, closeStart: number, end: number): XmlElement {
  const local = localOf(open.qname);
  return {
    qname: open.qname,
    local,
    prefix: open.qname.slice(0, open.qname.length - local.length),
    start: open.start,
    openEnd: open.end,
    closeStart,
    end,
    selfClosing: open.kind === 'self',
  };
}

/** The document's root element. */
export function rootElement(xml: string): XmlElement {
  for (let t = nextTag(xml, 0); t; t = nextTag(xml, t.end)) {
    if (t.kind === 'other') continue;
    if (t.kind === 'close') throw new XmlError(`</${t.qname}> closes nothing`);
    if (t.kind === 'self') return toElement(t, t.end, t.end);
    const close = matchingClose(xml, t);
    return toElement(t, close.start, close.end);
  }
  throw new XmlError('the part has no root element');
}

function matchingClose(xml: string, open: Tag): Tag {
  const stack = [open.qname];
  for (let t = nextTag(xml, open.end); t; t = nextTag(xml, t.end)) {
    if (t.kind === 'open') stack.push(t.qname);
    else if (t.kind === 'close') {
      const top = stack.pop();
      if (top !== t.qname) throw new XmlError(`<${top}> is closed by </${t.qname}>`);
      if (stack.length === 0) return t;
    }
  }
  throw new XmlError(`<${open.qname}> is never closed`);
}

/** The child elements of `parent`, in document order. */
export function childElements(xml: string, parent: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  if (parent.selfClosing) return out;
  const stack: Tag[] = [];
  for (let t = nextTag(xml, parent.openEnd); t && t.start < parent.closeStart; t = nextTag(xml, t.end)) {
    if (t.kind === 'other') continue;
    if (t.kind === 'self') {
      if (stack.length === 0) out.push(toElement(t, t.end, t.end));
    } else if (t.kind === 'open') {
      stack.push(t);
    } else {
      const open = stack.pop();
      if (!open || open.qname !== t.qname) throw new XmlError(`</${t.qname}> does not match its start tag`);
      if (stack.length === 0) out.push(toElement(open, t.start, t.end));
    }
  }
  if (stack.length) throw new XmlError(`<${stack[stack.length - 1].qname}> is never closed`);
  return out;
}

export function childrenNamed(xml: string, parent: XmlElement, local: string): XmlElement[] {
  return childElements(xml, parent).filter((e) => e.local === local);
}

/** Every element inside `parent`, at any depth, in document order. */
export function descendants(xml: string, parent: XmlElement): XmlElement[] {
  return childElements(xml, parent).flatMap((c) => [c, ...descendants(xml, c)]);
}

/** The attributes written on an element's start tag, by qualified name, decoded. */
export function attributes(xml: string, el: XmlElement): Map<string, string> {
  const out = new Map<string, string>();
  const tag = xml.slice(el.start + 1 + el.qname.length, el.openEnd - (el.selfClosing ? 2 : 1));
  const re = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) out.set(m[1], decodeEntities(m[2] ?? m[3] ?? ''));
  return out;
}

/** An attribute by local name: an unprefixed name wins over a prefixed one. */
export function attrByLocal(attrs: Map<string, string>, local: string): string | undefined {
  const direct = attrs.get(local);
  if (direct !== undefined) return direct;
  for (const [k, v] of attrs) {
    if (!k.startsWith('xmlns') && k.endsWith(':' + local)) return v;
  }
  return undefined;
}

/** The prefix (without colon) an element's start tag binds to a namespace, or null. */
export function prefixFor(attrs: Map<string, string>, namespace: string): string | null {
  for (const [k, v] of attrs) if (k.startsWith('xmlns:') && v === namespace) return k.slice(6);
  return null;
}

/** The namespace an element is in, from the declarations on its own start tag. */
export function namespaceOf(attrs: Map<string, string>, el: XmlElement): string | undefined {
  return attrs.get(el.prefix ? `xmlns:${el.prefix.slice(0, -1)}` : 'xmlns');
}

/**
 * Sets (or adds) one attribute on an element's start tag and returns the new start
 * tag text. Other attributes keep their exact spelling and order.
 */
export function withAttribute(xml: string, el: XmlElement, name: string, value: string): string {
  const tag = xml.slice(el.start, el.openEnd);
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, (_m, lead: string) => `${lead}"${escapeAttr(value)}"`);
  const tail = el.selfClosing ? '/>' : '>';
  const body = tag.slice(0, tag.length - tail.length).replace(/\s+$/, '');
  return `${body} ${name}="${escapeAttr(value)}"${tail}`;
}

/** An element's start tag without one attribute (as it was when the attribute is not there). */
export function withoutAttribute(xml: string, el: XmlElement, name: string): string {
  const tag = xml.slice(el.start, el.openEnd);
  const re = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*("[^"]*"|'[^']*')`);
  return tag.replace(re, '');
}

/** A text splice: replace [start, end) with `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits; edits at the same position keep their given order. */
export function applyEdits(xml: string, edits: Edit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { e } of sorted) {
    if (e.start < at) throw new XmlError('overlapping edits');
    out += xml.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + xml.slice(at);
}

/**
 * The edit that puts `inner` at the end of an element's content, turning <x/>
 * into <x>…</x> when needed; `startTag` replaces the element's start tag (for a
 * changed count attribute), without its '/>' or '>'.
 */
export function appendInside(xml: string, el: XmlElement, inner: string, startTag?: string): Edit[] {
  if (el.selfClosing) {
    const open = (startTag ?? xml.slice(el.start, el.openEnd)).replace(/\s*\/>$/, '').replace(/>$/, '');
    return [{ start: el.start, end: el.end, text: `${open}>${inner}</${el.qname}>` }];
  }
  const edits: Edit[] = [{ start: el.closeStart, end: el.closeStart, text: inner }];
  if (startTag !== undefined) edits.push({ start: el.start, end: el.openEnd, text: startTag });
  return edits;
}
