import { XmlReader } from '../opc/xml-reader';
import { decodeEntities } from '../opc/xml-syntax';

// Cells are nearly all of a worksheet's bytes, and nearly all are written one way:
// <c r="B7" s="3" t="s"><v>12</v></c>. The general tokenizer makes a string of every
// attribute name and value and a token of every tag; for a tracker that was a
// quarter of the time `ragbook rollup` spends per tracker. `readCell` reads such a
// cell in one pass over the text instead. It takes only what it can read exactly as
// the tokenizer would: anything else (another attribute, a prefix, a tab between
// attributes, a value it does not recognise, a cell cut by the end of the decoded
// buffer) is left unread, and the caller goes on token by token.

/** A cell's type (its `t` attribute), as a number. */
export const CELL_NUMBER = 0;
export const CELL_SHARED = 1;
export const CELL_INLINE = 2;
export const CELL_FORMULA_TEXT = 3;
export const CELL_BOOLEAN = 4;
export const CELL_ERROR = 5;
export const CELL_DATE = 6;
export const CELL_OTHER = 7;

export function cellType(t: string | undefined): number {
  switch (t) {
    case undefined:
    case 'n':
      return CELL_NUMBER;
    case 's':
      return CELL_SHARED;
    case 'inlineStr':
      return CELL_INLINE;
    case 'str':
      return CELL_FORMULA_TEXT;
    case 'b':
      return CELL_BOOLEAN;
    case 'e':
      return CELL_ERROR;
    case 'd':
      return CELL_DATE;
    default:
      return CELL_OTHER;
  }
}

/** What readCell read. */
export interface CellFields {
  /** The `r` attribute as row * 16384 + column (0-based); -1 when the cell has none. */
  ref: number;
  /** The `s` attribute; -1 when the cell has none. */
  style: number;
  type: number;
  /** The <v> text, decoded; undefined when there is none or when `shared` holds it. */
  v: string | undefined;
  /** The shared string index when <v> is plain digits (no leading zero) on a t="s" cell, else -1. */
  shared: number;
  /** The inline string's text, decoded. */
  inline: string | undefined;
}

const MAX_COL = 16384;
const T_PRESERVE = '<is><t xml:space="preserve">';

/** Digits only, at most nine of them, as a number; -1 otherwise. */
function digitsAt(src: string, from: number, to: number): number {
  if (to <= from || to - from > 9) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** A reference such as B7 or $B$7, src[from, to), as row * 16384 + column (0-based); -1 when it is not one. One number, so a cell allocates nothing. */
export function refAt(src: string, from: number, to: number): number {
  let i = from;
  if (i < to && src.charCodeAt(i) === 36 /* $ */) i++;
  let col = 0;
  while (i < to) {
    let ch = src.charCodeAt(i);
    if (ch >= 97 && ch <= 122) ch -= 32;
    if (ch < 65 || ch > 90) break;
    col = col * 26 + (ch - 64);
    i++;
  }
  if (col === 0 || col > MAX_COL) return -1;
  if (i < to && src.charCodeAt(i) === 36) i++;
  const row = i < to && to - i <= 8 ? digitsAt(src, i, to) : -1;
  if (row <= 0) return -1;
  return (row - 1) * MAX_COL + (col - 1);
}

function typeAt(src: string, from: number, to: number): number {
  const len = to - from;
  if (len === 1) {
    switch (src.charCodeAt(from)) {
      case 115 /* s */:
        return CELL_SHARED;
      case 110 /* n */:
        return CELL_NUMBER;
      case 98 /* b */:
        return CELL_BOOLEAN;
      case 101 /* e */:
        return CELL_ERROR;
      case 100 /* d */:
        return CELL_DATE;
      default:
        return -1;
    }
  }
  if (len === 3 && src.startsWith('str', from)) return CELL_FORMULA_TEXT;
  if (len === 9 && src.startsWith('inlineStr', from)) return CELL_INLINE;
  return -1;
}

/** Character data as the tokenizer decodes it: line ends made LF, entities undone. */
function textAt(src: string, from: number, to: number): string {
  let raw = src.slice(from, to);
  if (raw.indexOf('\r') >= 0) raw = raw.replace(/\r\n?/g, '\n');
  return decodeEntities(raw);
}

export class SheetXmlReader extends XmlReader {
  /**
   * Reads the cell that starts here, within a row, into `out`, through its end tag;
   * false, having read nothing, when it is not written in the one common way. The
   * reader is then where it would be after the cell's CLOSE token.
   */
  readCell(out: CellFields): boolean {
    const src = this.src;
    let i = this.pos;
    if (this.pendingClose || src.charCodeAt(i) !== 60 /* < */ || src.charCodeAt(i + 1) !== 99 /* c */) return false;
    i += 2;
    let c = src.charCodeAt(i);
    if (c !== 32 && c !== 62 && c !== 47) return false;
    let ref = -1;
    let style = -1;
    let type = CELL_NUMBER;
    let seen = 0;
    let selfClosing: boolean;
    for (;;) {
      while (src.charCodeAt(i) === 32) i++;
      c = src.charCodeAt(i);
      if (c === 62 /* > */) {
        i++;
        selfClosing = false;
        break;
      }
      if (c === 47 /* / */) {
        if (src.charCodeAt(i + 1) !== 62) return false;
        i += 2;
        selfClosing = true;
        break;
      }
      if (src.charCodeAt(i + 1) !== 61 /* = */ || src.charCodeAt(i + 2) !== 34 /* " */) return false;
      const from = i + 3;
      const to = src.indexOf('"', from);
      if (to < 0) return false;
      if (c === 114 /* r */ && !(seen & 1)) {
        seen |= 1;
        ref = refAt(src, from, to);
        if (ref < 0) return false;
      } else if (c === 115 /* s */ && !(seen & 2)) {
        seen |= 2;
        style = digitsAt(src, from, to);
        if (style < 0) return false;
      } else if (c === 116 /* t */ && !(seen & 4)) {
        seen |= 4;
        type = typeAt(src, from, to);
        if (type < 0) return false;
      } else {
        return false;
      }
      i = to + 1;
      c = src.charCodeAt(i);
      if (c !== 32 && c !== 62 && c !== 47) return false;
    }
    let v: string | undefined;
    let inline: string | undefined;
    let shared = -1;
    if (!selfClosing) {
      if (src.startsWith('</c>', i)) {
        i += 4;
      } else if (src.startsWith('<v>', i)) {
        const from = i + 3;
        const lt = src.indexOf('<', from);
        if (lt < 0 || !src.startsWith('</v></c>', lt)) return false;
        // "007" is left as text, so a message about it quotes it as written.
        if (type === CELL_SHARED && (src.charCodeAt(from) !== 48 || lt - from === 1)) shared = digitsAt(src, from, lt);
        if (shared < 0) v = textAt(src, from, lt);
        i = lt + 8;
      } else {
        const from = src.startsWith('<is><t>', i) ? i + 7 : src.startsWith(T_PRESERVE, i) ? i + T_PRESERVE.length : -1;
        if (from < 0) return false;
        const lt = src.indexOf('<', from);
        if (lt < 0 || !src.startsWith('</t></is></c>', lt)) return false;
        inline = textAt(src, from, lt);
        i = lt + 13;
      }
    }
    out.ref = ref;
    out.style = style;
    out.type = type;
    out.v = v;
    out.shared = shared;
    out.inline = inline;
    this.pos = i;
    this.name = 'c';
    this.selfClosing = false;
    return true;
  }
}
