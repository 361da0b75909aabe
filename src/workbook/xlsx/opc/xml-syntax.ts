// The rules of XML that both of Ragbook's XML scanners follow: the streaming reader
// (xml-reader.ts, which reads parts into values) and the span finder (xml-spans.ts,
// which finds where elements lie so the writer can splice text). They scan
// differently because they serve different ends, but whatever is refused is refused
// here, once, so a part the reader would refuse is never edited by the writer:
//
// - a DOCTYPE (or a stray ENTITY declaration) is refused outright as unsafe. OOXML
//   forbids DTDs, so a part with one was not written by Excel, and refusing it means
//   no entity is ever expanded or fetched, in any part, by either scanner;
// - any other `<!` markup that is neither a comment nor a CDATA section is not XML;
// - entities: the five predefined ones and character references are decoded, an
//   unknown entity or a reference to no character is an error.

export class XmlError extends Error {
  readonly unsafe: boolean;
  constructor(message: string, unsafe = false) {
    super(message);
    this.name = 'XmlError';
    this.unsafe = unsafe;
    Object.setPrototypeOf(this, XmlError.prototype);
  }
}

/** The longest `<!` opening the rules below need to see: `<![CDATA[`. */
export const DECLARATION_LOOKAHEAD = 9;

/**
 * What the markup starting with `<!` at `pos` is: a comment or a CDATA section.
 * A document type or entity declaration throws an unsafe XmlError; anything else
 * an XmlError. At least DECLARATION_LOOKAHEAD characters from `pos` must be in
 * `src` unless the text ends sooner.
 */
export function declarationAt(src: string, pos: number): 'comment' | 'cdata' {
  if (src.startsWith('<!--', pos)) return 'comment';
  if (src.startsWith('<![CDATA[', pos)) return 'cdata';
  const word = src.slice(pos + 2, pos + DECLARATION_LOOKAHEAD).toUpperCase();
  if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) throw new XmlError('it declares a document type', true);
  throw new XmlError('it holds a markup declaration that is not XML');
}

function predefined(name: string): string | undefined {
  switch (name) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
    default:
      return undefined;
  }
}

/** Decodes the predefined entities and character references of text or an attribute value. */
export function decodeEntities(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(';', amp + 1);
    // A bare '&' is not well formed, but Excel's own readers let it through; so do we.
    if (semi < 0 || semi - amp > 12) break;
    const ent = s.slice(amp + 1, semi);
    if (!/^#?[A-Za-z0-9._:-]+$/.test(ent)) {
      amp = s.indexOf('&', amp + 1);
      continue;
    }
    let ch = predefined(ent);
    if (ch === undefined) {
      if (ent.charCodeAt(0) !== 35 /* # */) throw new XmlError(`unknown entity &${ent};`);
      const hex = ent[1] === 'x' || ent[1] === 'X';
      const digits = ent.slice(hex ? 2 : 1);
      const code = hex ? parseInt(digits, 16) : parseInt(digits, 10);
      if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits) || code > 0x10ffff) {
        throw new XmlError(`bad character reference &${ent};`);
      }
      ch = String.fromCodePoint(code);
    }
    out += s.slice(from, amp) + ch;
    from = semi + 1;
    amp = s.indexOf('&', from);
  }
  return out + s.slice(from);
}

/** The local part of a qualified name: `x:row` → `row`. */
export function localOf(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}
