// Writes XML straight into UTF-8 bytes, escaped and encoded in the same pass, in
// one buffer that is handed on (to be compressed) whenever it holds a megabyte
// and then reused. A sheet of tens of megabytes used to be built as thousands of
// strings, joined, then encoded whole: most of the writer's time, and its peak
// memory, on large workbooks. Fresh memory is dear too: each page touched for the
// first time costs a page fault, so the one buffer is filled again and again.

/** Bytes reserved per UTF-16 unit of escaped text: `&quot;` is the longest form. */
const WORST_PER_UNIT = 6;

/**
 * Text at least this long that needs no escaping goes through TextEncoder (native,
 * several times faster per character); shorter text is copied in JavaScript,
 * cheaper than the call.
 */
const NATIVE_FROM = 16;

// What text() and attr() must treat character by character: what they escape,
// what XML cannot hold, and surrogates (TextEncoder would turn a lone one into
// U+FFFD; the writer drops it).
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const TEXT_SPECIAL = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex -- as above, with what an attribute value also escapes.
const ATTR_SPECIAL = /[&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

const encoder = new TextEncoder();

export class ByteSink {
  private buf: Uint8Array;
  private n = 0;

  /**
   * `onFull` receives the bytes written whenever `flushIfFull` finds at least
   * `flushAt` of them (and at `end`); the view is only valid during the call.
   */
  constructor(
    private readonly onFull: (bytes: Uint8Array) => void,
    private readonly flushAt = 1024 * 1024,
  ) {
    this.buf = new Uint8Array(flushAt + 64 * 1024);
  }

  /** Bytes written since the last hand-over. */
  get length(): number {
    return this.n;
  }

  private reserve(more: number): void {
    const need = this.n + more;
    if (need <= this.buf.length) return;
    // Only text longer than the buffer gets here (a cell holds up to 32,767 characters).
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.n));
    this.buf = grown;
  }

  /** Hands the bytes on when there are enough of them; call it where the output may be cut (between rows). */
  flushIfFull(): void {
    if (this.n >= this.flushAt) this.flush();
  }

  /** Hands on whatever is left. */
  end(): void {
    if (this.n > 0) this.flush();
  }

  private flush(): void {
    this.onFull(this.buf.subarray(0, this.n));
    this.n = 0;
  }

  /** Drops what was written after position `at` (a `length` read since the last hand-over). */
  truncate(at: number): void {
    if (at < this.n) this.n = at;
  }

  /** Markup or text known to be ASCII and to need no escaping: tag names, numbers, cell references. */
  raw(s: string): void {
    const len = s.length;
    this.reserve(len * 3);
    const buf = this.buf;
    let n = this.n;
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) buf[n++] = c;
      else {
        // Not expected here, but encoded correctly all the same.
        this.n = n;
        this.escaped(s.slice(i), false, false);
        return;
      }
    }
    this.n = n;
  }

  /** Text known to need no escaping and to hold nothing XML cannot: written as it is, in UTF-8. */
  plain(s: string): void {
    if (s.length >= NATIVE_FROM) this.encode(s);
    else this.escaped(s, false, false);
  }

  /** Character data, escaped (& < >) with the characters XML cannot hold dropped. Same result as escapeText. */
  text(s: string): void {
    if (s.length >= NATIVE_FROM && !TEXT_SPECIAL.test(s)) this.encode(s);
    else this.escaped(s, false, true);
  }

  /** An attribute value, escaped as escapeAttr does. */
  attr(s: string): void {
    if (s.length >= NATIVE_FROM && !ATTR_SPECIAL.test(s)) this.encode(s);
    else this.escaped(s, true, true);
  }

  private encode(s: string): void {
    this.reserve(s.length * 3);
    this.n += encoder.encodeInto(s, this.buf.subarray(this.n)).written;
  }

  private escaped(s: string, attr: boolean, escape: boolean): void {
    const len = s.length;
    this.reserve(len * WORST_PER_UNIT);
    const buf = this.buf;
    let n = this.n;
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x3f || (c >= 0x20 && c !== 0x26 && c !== 0x3c && c !== 0x3e && c !== 0x22)) {
          buf[n++] = c;
        } else if (c < 0x20) {
          // Controls other than tab, LF and CR cannot be held by XML at all.
          if (c !== 9 && c !== 10 && c !== 13) continue;
          if (attr) n = put(buf, n, c === 9 ? '&#9;' : c === 10 ? '&#10;' : '&#13;');
          else buf[n++] = c;
        } else if (escape && c === 0x26) n = put(buf, n, '&amp;');
        else if (escape && c === 0x3c) n = put(buf, n, '&lt;');
        else if (escape && c === 0x3e) n = put(buf, n, '&gt;');
        else if (attr && c === 0x22) n = put(buf, n, '&quot;');
        else buf[n++] = c;
      } else if (c < 0x800) {
        buf[n++] = 0xc0 | (c >> 6);
        buf[n++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        // A surrogate pair becomes one four-byte character; a lone surrogate is dropped.
        const d = c <= 0xdbff && i + 1 < len ? s.charCodeAt(i + 1) : 0;
        if (d < 0xdc00 || d > 0xdfff) continue;
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        buf[n++] = 0xf0 | (cp >> 18);
        buf[n++] = 0x80 | ((cp >> 12) & 0x3f);
        buf[n++] = 0x80 | ((cp >> 6) & 0x3f);
        buf[n++] = 0x80 | (cp & 0x3f);
        i++;
      } else if (c === 0xfffe || c === 0xffff) {
        continue;
      } else {
        buf[n++] = 0xe0 | (c >> 12);
        buf[n++] = 0x80 | ((c >> 6) & 0x3f);
        buf[n++] = 0x80 | (c & 0x3f);
      }
    }
    this.n = n;
  }
}

function put(buf: Uint8Array, n: number, ascii: string): number {
  for (let i = 0; i < ascii.length; i++) buf[n++] = ascii.charCodeAt(i);
  return n;
}
