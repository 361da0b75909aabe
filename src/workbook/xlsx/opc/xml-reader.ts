import { DECLARATION_LOOKAHEAD, XmlError, declarationAt, decodeEntities, localOf } from './xml-syntax';

// A small pull parser for the XML inside an .xlsx package, for reading. It keeps no
// tree: the caller asks for the next token and keeps what it needs, so a sheet of a
// million cells costs the memory of its values only. Its input is decoded in
// chunks, so no part ever has to fit in one string.
//
// It is deliberately narrow. Element and attribute names are matched by local name
// (x:row and row are the same), because Transitional, Strict and hand-made files
// bind the same elements to different prefixes and namespaces. What it refuses (a
// DOCTYPE above all) and how it decodes entities are xml-syntax.ts's rules, shared
// with the writer's span finder. Anything not well formed (unclosed or mismatched
// tags, a part that ends early, an unknown entity) is reported as XmlError, which
// callers turn into a message naming the part.

export { XmlError } from './xml-syntax';

export const OPEN = 1;
export const CLOSE = 2;
export const TEXT = 3;
export const END = 4;
export type Token = typeof OPEN | typeof CLOSE | typeof TEXT | typeof END;

/**
 * Bytes decoded per refill. Small on purpose: strings past V8's regular object
 * size (128 KiB) are allocated one by one in its large-object space, and decoding
 * 1 MiB chunks cost about thirty times as much per byte as 64 KiB ones. A token
 * longer than the buffer doubles the next refill, so it costs linear time.
 */
const CHUNK_BYTES = 64 * 1024;

const NEED_MORE = 0;
/** A comment, processing instruction or blank text between top-level nodes: read on. */
const SKIP = -1;

/** The smallest piece of a long text run handed over before its end is in the buffer. */
const TEXT_PIECE = 64 * 1024;

/**
 * Where a text piece may end without cutting an entity (`&amp;`) or a CR LF pair
 * in two: before a trailing '&' that has no ';' yet, and before a trailing CR.
 */
function safeTextEnd(src: string, from: number): number {
  let end = src.length;
  // Back from the end over the text only: lastIndexOf would search the whole buffer
  // before it when the text has no '&', at every refill.
  let amp = end - 1;
  while (amp >= from && src.charCodeAt(amp) !== 38 /* & */) amp--;
  if (amp >= from && src.indexOf(';', amp) < 0) end = amp;
  if (end > from && src.charCodeAt(end - 1) === 13) end--;
  return end;
}

// Element and attribute names repeat endlessly (c, v, row, r, s, t): a small cache
// keyed by length and first and last characters hands back the same string, so a
// million cells do not allocate a million copies of "c". A collision only costs a
// fresh slice.
const NAME_CACHE: (string | undefined)[] = new Array(4096);
const LOCAL_CACHE: string[] = new Array(4096);

function nameSlot(src: string, from: number, to: number): number {
  return (((to - from) & 15) << 8) | ((src.charCodeAt(from) * 31 + src.charCodeAt(to - 1)) & 255);
}

/** True when src[from, to) is `name` followed by nothing but white space. */
function closes(src: string, from: number, to: number, name: string): boolean {
  if (!src.startsWith(name, from)) return false;
  for (let i = from + name.length; i < to; i++) if (!isSpace(src.charCodeAt(i))) return false;
  return true;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function isBlankText(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

/**
 * Picks the text decoder from the byte order mark or the XML declaration. `utf8`
 * is set for UTF-8, which is decoded chunk by chunk without the decoder's stream
 * mode (see fill).
 */
function decoderFor(bytes: Uint8Array): { decoder: TextDecoder; skip: number; utf8: boolean } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { decoder: utf8(), skip: 3, utf8: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { decoder: new TextDecoder('utf-16le', { fatal: true }), skip: 2, utf8: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { decoder: new TextDecoder('utf-16be', { fatal: true }), skip: 2, utf8: false };
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return { decoder: new TextDecoder('utf-16le', { fatal: true }), skip: 0, utf8: false };
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return { decoder: new TextDecoder('utf-16be', { fatal: true }), skip: 0, utf8: false };
  // <?xml ... encoding="..."?> in the first bytes, read as ASCII.
  const head = String.fromCharCode(...bytes.subarray(0, 200));
  const m = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  if (m && !/^utf-?8$/i.test(m[1])) {
    try {
      return { decoder: new TextDecoder(m[1], { fatal: true }), skip: 0, utf8: false };
    } catch {
      throw new XmlError(`it uses a text encoding (${m[1]}) that cannot be read`);
    }
  }
  return { decoder: utf8(), skip: 0, utf8: true };
}

function utf8(): TextDecoder {
  // The byte order mark, if any, is skipped by the caller: one further on (U+FEFF
  // at the start of a later chunk) is text and must be kept.
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
}

/**
 * Where a UTF-8 chunk may end at or before `end` without cutting a character in
 * two: back over at most three continuation bytes (10xxxxxx) to the lead byte.
 * Bad input is left for the decoder to refuse.
 */
function utf8Boundary(bytes: Uint8Array, start: number, end: number): number {
  if (end >= bytes.length) return bytes.length;
  let i = end;
  while (i > start && end - i < 3 && (bytes[i] & 0xc0) === 0x80) i--;
  return i > start && (bytes[i] & 0xc0) !== 0x80 ? i : end;
}

/** The bytes src[from...] takes in UTF-8 (it was decoded from UTF-8, so its surrogates come in pairs). */
function utf8Length(src: string, from: number): number {
  let n = 0;
  for (let i = from; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const T_PRESERVE = '<is><t xml:space="preserve">';

export class XmlReader {
  /** Local name of the element just opened or closed. */
  name = '';
  /** True when the element just opened is empty (<x/>); its CLOSE token follows at once. */
  selfClosing = false;
  /** Decoded text of the TEXT token just read (character data or CDATA). */
  text = '';

  protected src = '';
  protected pos = 0;
  private readonly bytes: Uint8Array;
  private bytePos: number;
  private readonly decoder: TextDecoder;
  private readonly utf8: boolean;
  private eof = false;
  private chunkBytes = CHUNK_BYTES;
  protected pendingClose = false;
  protected readonly stack: string[] = [];
  private readonly locals: string[] = [];
  private rootSeen = false;
  private attrNames: string[] = [];
  private attrValues: string[] = [];
  private attrCount = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    const { decoder, skip, utf8 } = decoderFor(bytes);
    this.decoder = decoder;
    this.utf8 = utf8;
    this.bytePos = skip;
    this.fill();
  }

  /** Depth of the current element (1 for the root while inside it). */
  get depth(): number {
    return this.stack.length;
  }

  /** Local name of the open element at this depth (1 = the root), '' when there is none. */
  at(depth: number): string {
    return this.locals[depth - 1] ?? '';
  }

  /** Value of the attribute with this local name on the element just opened; unprefixed names win. */
  attr(local: string): string | undefined {
    let prefixed: string | undefined;
    for (let i = 0; i < this.attrCount; i++) {
      const q = this.attrNames[i];
      if (q === local) return this.attrValues[i];
      if (prefixed === undefined && q.length > local.length && q.endsWith(local)) {
        const colon = q.length - local.length - 1;
        if (q.charCodeAt(colon) === 58 && !q.startsWith('xmlns:')) prefixed = this.attrValues[i];
      }
    }
    return prefixed;
  }

  /** Skips to the CLOSE of the element just opened. */
  skipElement(): void {
    const depth = this.stack.length;
    while (this.stack.length >= depth) {
      if (this.next() === END) return;
    }
  }

  /** Which shape simpleContent read: 'v' or 'is'. */
  simpleKind: 'v' | 'is' = 'v';

  /**
   * A fast path for the cells of a sheet, most of which are one of two shapes.
   * When the element just opened holds nothing but `<v>text</v>` or
   * `<is><t>text</t></is>` (the <t> bare or with xml:space="preserve" only),
   * unprefixed, followed at once by the element's own end tag, all in the buffer:
   * reads through that end tag (as if by its CLOSE), sets simpleKind and returns
   * the text, decoded. Otherwise reads nothing and returns undefined, and the
   * caller goes on token by token, which gives the same text for these shapes.
   */
  simpleContent(): string | undefined {
    if (this.pendingClose) return undefined;
    const src = this.src;
    let at = this.pos;
    let kind: 'v' | 'is';
    let inner: string;
    if (src.startsWith('<v>', at)) {
      at += 3;
      kind = 'v';
      inner = '</v>';
    } else if (src.startsWith('<is><t>', at)) {
      at += 7;
      kind = 'is';
      inner = '</t></is>';
    } else if (src.startsWith(T_PRESERVE, at)) {
      at += T_PRESERVE.length;
      kind = 'is';
      inner = '</t></is>';
    } else {
      return undefined;
    }
    const lt = src.indexOf('<', at);
    if (lt < 0 || !src.startsWith(inner, lt)) return undefined;
    const end = lt + inner.length;
    const qname = this.stack[this.stack.length - 1];
    if (
      src.charCodeAt(end) !== 60 /* < */ ||
      src.charCodeAt(end + 1) !== 47 /* / */ ||
      !src.startsWith(qname, end + 2) ||
      src.charCodeAt(end + 2 + qname.length) !== 62 /* > */
    ) {
      return undefined;
    }
    let raw = src.slice(at, lt);
    if (raw.indexOf('\r') >= 0) raw = raw.replace(/\r\n?/g, '\n');
    const text = decodeEntities(raw);
    this.pos = end + 3 + qname.length;
    this.stack.pop();
    this.name = this.locals.pop() as string;
    this.selfClosing = false;
    this.simpleKind = kind;
    return text;
  }

  /** All text inside the element just opened, up to its CLOSE. */
  readText(): string {
    const depth = this.stack.length;
    // Fast path for the common <v>text</v>: plain text then this element's end tag.
    if (!this.pendingClose) {
      const src = this.src;
      const lt = src.indexOf('<', this.pos);
      if (lt >= 0 && src.charCodeAt(lt + 1) === 47 /* / */) {
        const gt = src.indexOf('>', lt + 2);
        if (gt >= 0 && closes(src, lt + 2, gt, this.stack[depth - 1])) {
          let raw = src.slice(this.pos, lt);
          if (raw.indexOf('\r') >= 0) raw = raw.replace(/\r\n?/g, '\n');
          const text = decodeEntities(raw);
          this.pos = gt + 1;
          this.stack.pop();
          this.name = this.locals.pop() as string;
          this.selfClosing = false;
          return text;
        }
      }
    }
    let out = '';
    for (;;) {
      const t = this.next();
      if (t === TEXT) out += this.text;
      else if (t === CLOSE && this.stack.length < depth) return out;
      else if (t === END) return out;
    }
  }

  next(): Token {
    if (this.pendingClose) {
      this.pendingClose = false;
      this.stack.pop();
      this.name = this.locals.pop() as string;
      this.selfClosing = false;
      return CLOSE;
    }
    for (;;) {
      const t = this.token();
      if (t === SKIP) continue;
      if (t !== NEED_MORE) return t;
      if (!this.fill()) throw new XmlError('it ends in the middle of a tag');
    }
  }

  /**
   * Appends the next decoded chunk, dropping what has been consumed. UTF-8 chunks
   * end on a character boundary and are decoded whole: a decoder in stream mode
   * takes a path several times slower (in Node).
   */
  private fill(): boolean {
    if (this.eof) return false;
    // Nothing consumed since the last refill: one token fills the buffer.
    this.chunkBytes = this.pos === 0 && this.src.length > 0 ? this.chunkBytes * 2 : CHUNK_BYTES;
    let end = Math.min(this.bytes.length, this.bytePos + this.chunkBytes);
    if (this.utf8) end = utf8Boundary(this.bytes, this.bytePos, end);
    const last = end >= this.bytes.length;
    // UTF-8: what is left unread is decoded again with the next chunk, from its own
    // first byte, so the buffer is one flat string. Joining the two strings made a
    // rope that V8 copied again on first use, and every cell's character tests paid
    // for the indirection.
    const from = this.utf8 ? this.bytePos - utf8Length(this.src, this.pos) : this.bytePos;
    let chunk: string;
    try {
      const bytes = this.bytes.subarray(from, end);
      if (this.utf8) chunk = this.decoder.decode(bytes);
      else chunk = this.decoder.decode(bytes, { stream: !last });
    } catch {
      throw new XmlError('it holds bytes that are not valid text');
    }
    this.bytePos = end;
    this.eof = last;
    if (this.utf8) this.src = chunk;
    else this.src = this.pos > 0 ? this.src.slice(this.pos) + chunk : this.src + chunk;
    this.pos = 0;
    return true;
  }

  private token(): Token | typeof NEED_MORE | typeof SKIP {
    const src = this.src;
    const pos = this.pos;
    if (pos >= src.length) {
      if (!this.eof) return NEED_MORE;
      if (this.stack.length > 0) throw new XmlError(`it ends before <${this.stack[this.stack.length - 1]}> is closed`);
      if (!this.rootSeen) throw new XmlError('it is empty');
      return END;
    }
    if (src.charCodeAt(pos) !== 60 /* < */) {
      let lt = src.indexOf('<', pos);
      if (lt < 0 && !this.eof) {
        // A text run longer than the buffer is handed over in pieces (readText joins
        // them); waiting for its end would rescan a growing buffer at every refill,
        // and a part of 128 MiB without markup would take minutes.
        if (this.stack.length === 0) {
          if (!isBlankText(src.slice(pos))) throw new XmlError('it has text outside its root element');
          this.pos = src.length;
          return SKIP;
        }
        lt = safeTextEnd(src, pos);
        if (lt - pos < TEXT_PIECE) return NEED_MORE;
      }
      if (lt < 0) lt = src.length;
      let raw = src.slice(pos, lt);
      this.pos = lt;
      if (this.stack.length === 0) {
        if (!isBlankText(raw)) throw new XmlError('it has text outside its root element');
        return SKIP;
      }
      if (raw.indexOf('\r') >= 0) raw = raw.replace(/\r\n?/g, '\n');
      this.text = decodeEntities(raw);
      return TEXT;
    }
    const c1 = src.charCodeAt(pos + 1);
    if (Number.isNaN(c1)) return this.eof ? this.fail('it ends in the middle of a tag') : NEED_MORE;
    if (c1 === 47 /* / */) {
      const gt = src.indexOf('>', pos + 2);
      if (gt < 0) return this.eof ? this.fail('it ends in the middle of a tag') : NEED_MORE;
      const open = this.stack.pop();
      if (open === undefined || !closes(src, pos + 2, gt, open)) {
        const qname = src.slice(pos + 2, gt).trim();
        throw new XmlError(open === undefined ? `it closes <${qname}> that was never opened` : `<${open}> is closed by </${qname}>`);
      }
      this.pos = gt + 1;
      this.name = this.locals.pop() as string;
      this.selfClosing = false;
      return CLOSE;
    }
    if (c1 === 63 /* ? */) {
      const end = src.indexOf('?>', pos + 2);
      if (end < 0) return this.eof ? this.fail('it ends inside a processing instruction') : NEED_MORE;
      this.pos = end + 2;
      return SKIP;
    }
    if (c1 === 33 /* ! */) {
      if (src.length - pos < DECLARATION_LOOKAHEAD && !this.eof) return NEED_MORE;
      if (declarationAt(src, pos) === 'comment') {
        const end = src.indexOf('-->', pos + 4);
        if (end < 0) return this.eof ? this.fail('it ends inside a comment') : NEED_MORE;
        this.pos = end + 3;
        return SKIP;
      }
      const end = src.indexOf(']]>', pos + 9);
      if (end < 0) return this.eof ? this.fail('it ends inside a CDATA section') : NEED_MORE;
      if (this.stack.length === 0) throw new XmlError('it has text outside its root element');
      this.text = src.slice(pos + 9, end);
      this.pos = end + 3;
      return TEXT;
    }
    return this.openTag(src, pos);
  }

  private fail(message: string): never {
    throw new XmlError(message);
  }

  private openTag(src: string, pos: number): Token | typeof NEED_MORE | typeof SKIP {
    const len = src.length;
    let i = pos + 1;
    while (i < len) {
      const c = src.charCodeAt(i);
      if (isSpace(c) || c === 62 /* > */ || c === 47 /* / */) break;
      i++;
    }
    if (i >= len) return this.eof ? this.fail('it ends in the middle of a tag') : NEED_MORE;
    if (i === pos + 1) throw new XmlError('it has a tag without a name');
    const slot = nameSlot(src, pos + 1, i);
    let qname = NAME_CACHE[slot];
    if (qname === undefined || qname.length !== i - pos - 1 || !src.startsWith(qname, pos + 1)) {
      qname = src.slice(pos + 1, i);
      NAME_CACHE[slot] = qname;
      LOCAL_CACHE[slot] = localOf(qname);
    }
    const local = LOCAL_CACHE[slot];
    let count = 0;
    for (;;) {
      while (i < len && isSpace(src.charCodeAt(i))) i++;
      if (i >= len) return this.eof ? this.fail('it ends in the middle of a tag') : NEED_MORE;
      const c = src.charCodeAt(i);
      if (c === 62 /* > */) {
        i++;
        this.selfClosing = false;
        break;
      }
      if (c === 47 /* / */) {
        if (i + 1 >= len) return this.eof ? this.fail('it ends in the middle of a tag') : NEED_MORE;
        if (src.charCodeAt(i + 1) !== 62) throw new XmlError(`<${qname}> is not closed properly`);
        i += 2;
        this.selfClosing = true;
        break;
      }
      // Attribute name: up to '=' or white space.
      const nameStart = i;
      while (i < len) {
        const ch = src.charCodeAt(i);
        if (ch === 61 /* = */ || isSpace(ch)) break;
        if (ch === 62 || ch === 60 || ch === 34 || ch === 39 || ch === 47) {
          throw new XmlError(`<${qname}> has a malformed attribute`);
        }
        i++;
      }
      if (i >= len) return this.eof ? this.fail('it ends in the middle of a tag') : NEED_MORE;
      const aslot = nameSlot(src, nameStart, i);
      let aname = NAME_CACHE[aslot];
      if (aname === undefined || aname.length !== i - nameStart || !src.startsWith(aname, nameStart)) {
        aname = src.slice(nameStart, i);
        NAME_CACHE[aslot] = aname;
        LOCAL_CACHE[aslot] = localOf(aname);
      }
      while (i < len && isSpace(src.charCodeAt(i))) i++;
      if (i >= len) return this.eof ? this.fail('it ends in the middle of a tag') : NEED_MORE;
      if (src.charCodeAt(i) !== 61) throw new XmlError(`<${qname}> has a malformed attribute`);
      i++;
      while (i < len && isSpace(src.charCodeAt(i))) i++;
      if (i >= len) return this.eof ? this.fail('it ends in the middle of a tag') : NEED_MORE;
      const quote = src.charCodeAt(i);
      if (quote !== 34 && quote !== 39) throw new XmlError(`<${qname}> has an attribute without quotes`);
      // Value: one pass finds the closing quote and notes what needs decoding.
      const valueStart = ++i;
      let special = false;
      while (i < len) {
        const ch = src.charCodeAt(i);
        if (ch === quote) break;
        if (ch === 60) throw new XmlError(`<${qname}> has '<' inside an attribute`);
        if (ch === 38 || ch < 32) special = true;
        i++;
      }
      if (i >= len) return this.eof ? this.fail('it ends in the middle of a tag') : NEED_MORE;
      let value = src.slice(valueStart, i);
      i++;
      if (special) {
        if (/[\t\n\r]/.test(value)) value = value.replace(/\r\n|[\t\n\r]/g, ' ');
        value = decodeEntities(value);
      }
      this.attrNames[count] = aname;
      this.attrValues[count] = value;
      count++;
    }
    if (this.stack.length === 0) {
      if (this.rootSeen) throw new XmlError('it has more than one root element');
      this.rootSeen = true;
    }
    this.attrCount = count;
    this.pos = i;
    this.stack.push(qname);
    this.locals.push(local);
    this.name = local;
    if (this.selfClosing) this.pendingClose = true;
    return OPEN;
  }
}
