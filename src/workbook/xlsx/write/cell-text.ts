import { MAX_CELL_TEXT } from '../../limits';
import { stripIllegal } from '../opc/xml-escape';

// Text as it goes into a cell of one of Ragbook's sheets: what Excel will read back.

/** What cellText may change: characters XML cannot hold, CR, surrogates (lone ones are dropped), and _x. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const NEEDS_CELL_WORK = /[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]|_x/;

export { MAX_CELL_TEXT };

/**
 * Cell text as Excel will read it back: characters XML cannot hold are dropped,
 * line ends become LF (a parser would turn CR LF into LF anyway), text that looks
 * like Excel's own _xHHHH_ escape is escaped so it stays literal, and the text is
 * cut to Excel's limit without splitting a surrogate pair.
 */
export function cellText(s: string): string {
  // Most text needs none of this: one scan says so.
  if (s.length <= MAX_CELL_TEXT && !NEEDS_CELL_WORK.test(s)) return s;
  let t = stripIllegal(s).replace(/\r\n?/g, '\n');
  if (t.length > MAX_CELL_TEXT) {
    t = t.slice(0, MAX_CELL_TEXT);
    if (/[\uD800-\uDBFF]$/.test(t)) t = t.slice(0, -1);
  }
  return t.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
}
