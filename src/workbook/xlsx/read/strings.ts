import { CLOSE, END, OPEN, XmlError, XmlReader } from '../opc/xml-reader';

// The text of string items, shared by the shared-strings part and inline strings
// in sheets, with Excel's own escape for characters XML cannot hold undone.

/**
 * Concatenates the text runs of a string item (<si> or <is>) just opened at
 * `depth`: its own <t>, or the <t> of each rich-text run <r>. Phonetic guides
 * (<rPh>) and their properties are not part of the value.
 */
export function readStringItem(x: XmlReader): string {
  const depth = x.depth;
  let out = '';
  for (;;) {
    const t = x.next();
    if (t === OPEN) {
      const name = x.name;
      if (name === 't' && (x.depth === depth + 1 || (x.depth === depth + 2 && x.at(depth + 1) === 'r'))) {
        out += x.readText();
      } else if (name !== 'r') {
        x.skipElement();
      }
    } else if (t === CLOSE) {
      if (x.depth < depth) return out;
    } else if (t === END) {
      return out;
    }
  }
}

/**
 * Excel writes characters that XML cannot hold (carriage returns, control
 * characters) as _xHHHH_, and a literal "_x" sequence as _x005F_x. One pass, left
 * to right, undoes both: "_x005F_x000D_" becomes the literal text "_x000D_".
 */
export function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * More distinct strings than a full sheet has cells is not a workbook Excel made;
 * a few hundred kilobytes of empty items could otherwise fill the memory.
 */
export const MAX_SHARED_STRINGS = 10_000_000;

export function readSharedStrings(bytes: Uint8Array | undefined): string[] {
  const out: string[] = [];
  if (!bytes) return out;
  const x = new XmlReader(bytes);
  for (let t = x.next(); t !== END; t = x.next()) {
    if (t === OPEN && x.depth === 2 && x.name === 'si') {
      if (out.length >= MAX_SHARED_STRINGS) {
        throw new XmlError(`it holds more than ${MAX_SHARED_STRINGS.toLocaleString('en-GB')} shared strings, more than Ragbook reads`);
      }
      out.push(decodeOoxmlEscapes(readStringItem(x)));
    }
  }
  return out;
}
