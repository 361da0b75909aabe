// Whether an Excel number format shows a number as a date or time.
//
// A workbook has a few dozen formats but a tracker may have 100,000 cells, so the
// answer is cached per format string.

const cache = new Map<string, number>();
const CACHE_LIMIT = 2000;

// [h], [mm], [ss]: elapsed-time sections. Every other bracket holds a colour, a
// condition, a locale or a calendar tag ([Red], [>100], [$-809], [$€-2], [DBNum1])
// whose letters say nothing about dates.
const ELAPSED_TIME = /^(?:h+|m+|s+)$/i;

// What a format shows, as bits: a day, a month (or minutes: `m` after an hour), a year, a time.
const DAY = 1;
const MONTH = 2;
const YEAR = 4;
const TIME = 8;

/** The date parts a format shows, as a mask of DAY, MONTH, YEAR and TIME. */
function scan(fmt: string): number {
  let shows = 0;
  const n = fmt.length;
  let i = 0;
  while (i < n) {
    const ch = fmt[i];
    switch (ch) {
      case '"': {
        // A quoted literal ("days", "Due by") is shown as written.
        const close = fmt.indexOf('"', i + 1);
        i = close < 0 ? n : close + 1;
        continue;
      }
      case '\\':
        // An escaped character is a literal: LibreOffice writes `mmmm\ yyyy`, and
        // `0\d` shows the letter d after a number.
        i += 2;
        continue;
      case '_':
      case '*':
        // Padding (_x) and fill (*x) take the next character as their argument.
        i += 2;
        continue;
      case '[': {
        const close = fmt.indexOf(']', i + 1);
        if (close < 0) return shows;
        if (ELAPSED_TIME.test(fmt.slice(i + 1, close))) shows |= TIME;
        i = close + 1;
        continue;
      }
      default: {
        const c = ch.toLowerCase();
        // "General" has none of these letters, so it needs no special case even
        // inside a section such as [DBNum1][$-804]General.
        if (c === 'd') shows |= DAY;
        else if (c === 'y') shows |= YEAR;
        else if (c === 'h' || c === 's') shows |= TIME;
        // `m` is minutes in `h:mm` and `mm:ss`; that format shows a time either way.
        else if (c === 'm') shows |= MONTH;
        i += 1;
      }
    }
  }
  return shows;
}

function showsOf(numberFormat: string): number {
  const known = cache.get(numberFormat);
  if (known !== undefined) return known;
  const answer = scan(numberFormat);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(numberFormat, answer);
  return answer;
}

/**
 * True when the format shows a number as a date or a time (dd/mm/yyyy, mmmm yyyy,
 * mmmm\ yyyy, [$-809]dd/mm/yyyy, yyyy-mm-dd;@, h:mm); false for General, 0%, 0.00,
 * #,##0, text (@), quoted literals and colours.
 */
export function isDateFormat(numberFormat: string | null): boolean {
  return !!numberFormat && showsOf(numberFormat) !== 0;
}

/**
 * True when a date format shows the month, perhaps the year, and no day or time
 * (`mmm-yy`, `mmmm yyyy`, `mmm\-yy` as LibreOffice rewrites it, `mm/yyyy`): the
 * person typed a month, and Excel stored its first day.
 */
export function isMonthFormat(numberFormat: string | null): boolean {
  if (!numberFormat) return false;
  const shows = showsOf(numberFormat);
  return (shows & MONTH) !== 0 && (shows & (DAY | TIME)) === 0;
}
