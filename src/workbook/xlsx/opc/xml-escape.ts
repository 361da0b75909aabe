// Escaping for the XML text Ragbook writes into package parts: element text and
// attribute values. Characters XML 1.0 cannot hold are dropped rather than
// escaped, since no escape for them exists.

/** Characters XML 1.0 cannot hold at all: controls other than tab, LF, CR; lone surrogates; U+FFFE/F. */
const ILLEGAL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: XML cannot hold them.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripIllegal(s: string): string {
  return s.replace(ILLEGAL, '');
}

export function escapeText(s: string): string {
  return stripIllegal(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
