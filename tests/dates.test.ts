import fs from 'fs';
import path from 'path';
import fc from 'fast-check';
import {
  dayToIso,
  isDateFormat,
  isMonthFormat,
  isoToDay,
  parseDateText,
  readTarget,
  serialToIso,
  type DateContext,
  type DateKind,
  type DatePart,
} from '../src/core/dates';

const GB: DateContext = { locale: 'en-GB', fyStartMonth: 4, date1904: false, referenceDate: null };
const US: DateContext = { ...GB, locale: 'en-US' };
/** A reporting date in financial year 2025/26. */
const REPORTING: DateContext = { ...GB, referenceDate: '2025-09-30' };

/** The single part a text cell is read as. */
function one(text: string, ctx: DateContext = GB): DatePart {
  const reading = readTarget(text, null, ctx);
  expect(reading.parts).toHaveLength(1);
  return reading.parts[0];
}

function span(part: DatePart): [string | undefined, string | undefined] {
  return [part.start, part.end];
}

/** Excel 1900-system serial of an ISO day, computed independently of the code under test. */
function serial1900(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86400000 + 25569;
}

describe('day arithmetic', () => {
  it('counts days from 1 January 1970 both ways', () => {
    expect(isoToDay('1970-01-01')).toBe(0);
    expect(isoToDay('1970-01-02')).toBe(1);
    expect(isoToDay('1969-12-31')).toBe(-1);
    expect(isoToDay('2025-04-03')).toBe(Date.UTC(2025, 3, 3) / 86400000);
    expect(dayToIso(0)).toBe('1970-01-01');
    expect(dayToIso(Date.UTC(2024, 1, 29) / 86400000)).toBe('2024-02-29');
    expect(dayToIso(isoToDay('1900-03-01'))).toBe('1900-03-01');
  });

  it('round-trips every day between 1900 and 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: isoToDay('1900-01-01'), max: isoToDay('2199-12-31') }), (day) => {
        const iso = dayToIso(day);
        expect(iso).toBe(new Date(day * 86400000).toISOString().slice(0, 10));
        expect(isoToDay(iso)).toBe(day);
      }),
    );
  });

  it('gives NaN for text that is not YYYY-MM-DD rather than a plausible day', () => {
    expect(isoToDay('03/04/2025')).toBeNaN();
    expect(isoToDay('')).toBeNaN();
  });
});

describe('Excel serial numbers', () => {
  it('reads 1900-system serials, including the days either side of the fake 29 February 1900', () => {
    expect(serialToIso(1, false)).toBe('1900-01-01');
    expect(serialToIso(59, false)).toBe('1900-02-28');
    expect(serialToIso(60, false)).toBe('1900-02-29');
    expect(serialToIso(61, false)).toBe('1900-03-01');
    expect(serialToIso(25569, false)).toBe('1970-01-01');
    expect(serialToIso(45747, false)).toBe('2025-03-31');
  });

  it('reads 1904-system serials (old Mac workbooks) 1,462 days apart from the 1900 system', () => {
    expect(serialToIso(0, true)).toBe('1904-01-01');
    expect(serialToIso(1, true)).toBe('1904-01-02');
    expect(serialToIso(45747 - 1462, true)).toBe('2025-03-31');
  });

  it('drops the time of day, even at one millisecond to midnight', () => {
    expect(serialToIso(45747.5, false)).toBe('2025-03-31');
    expect(serialToIso(45747 + 86399999 / 86400000, false)).toBe('2025-03-31');
    // Float noise just under a whole serial is the whole serial.
    expect(serialToIso(45748 - 1e-12, false)).toBe('2025-04-01');
  });

  it('agrees with an independent count for every day 1950-2099', () => {
    fc.assert(
      fc.property(fc.integer({ min: isoToDay('1950-01-01'), max: isoToDay('2099-12-31') }), (day) => {
        const iso = dayToIso(day);
        expect(serialToIso(serial1900(iso), false)).toBe(iso);
        expect(serialToIso(serial1900(iso) - 1462, true)).toBe(iso);
      }),
    );
  });
});

describe('isDateFormat', () => {
  it.each([
    'dd/mm/yyyy',
    'mmmm yyyy',
    'mmmm\\ yyyy',
    'd mmmm yyyy',
    'd\\ mmmm\\ yyyy',
    '[$-809]dd/mm/yyyy',
    '[$-F800]dddd, mmmm dd, yyyy',
    'yyyy-mm-dd',
    'yyyy\\-mm\\-dd;@',
    'yyyy-mm-dd;h:mm',
    'd-mmm-yy',
    'h:mm AM/PM',
    '[h]:mm:ss',
    'DD/MM/YYYY',
    '[Red]dd/mm/yyyy',
    '"Due "dd/mm/yyyy',
  ])('treats %s as a date format', (fmt) => {
    expect(isDateFormat(fmt)).toBe(true);
  });

  it.each([
    null,
    '',
    'General',
    '0%',
    '0.00',
    '#,##0',
    '#,##0.###',
    '@',
    '0.00E+00',
    '"days"0',
    '0" days"',
    '0\\d',
    '[Red]0.00',
    '[Red]#,##0;[Blue]-#,##0',
    '[DBNum1][$-804]General',
    '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)',
    '#,##0.00 [$€-1]',
  ])('does not treat %p as a date format', (fmt) => {
    expect(isDateFormat(fmt)).toBe(false);
  });
});

describe('target cells holding real Excel dates', () => {
  it('reads a number under a date format as that day, whatever the display', () => {
    for (const fmt of ['dd/mm/yyyy', 'd mmmm yyyy', 'd\\ mmmm\\ yyyy', '[$-809]dd mmmm yyyy;@', 'dd/mm/yyyy hh:mm']) {
      const r = readTarget(45838, fmt, GB);
      expect(r.state).toBe('dated');
      expect(r.final).toBe('2025-06-30');
      expect(r.raw).toBe('2025-06-30');
      expect(r.parts).toEqual([
        expect.objectContaining({ text: '2025-06-30', kind: 'excel-date', start: '2025-06-30', end: '2025-06-30' }),
      ]);
    }
  });

  it.each(['mmm-yy', 'mmmm yyyy', 'mmm\\-yy', 'mmmm\\ yyyy', '[$-809]mmmm yyyy;@', 'mm/yyyy', 'mmm'])(
    'an Excel date shown only as a month (%p) is due at the end of that month, whatever day it holds',
    (fmt) => {
      for (const serial of [45809, 45823, 45838]) {
        // 1, 15 and 30 June 2025
        const r = readTarget(serial, fmt, GB);
        expect(r.final).toBe('2025-06-30');
        expect(r.parts).toEqual([expect.objectContaining({ kind: 'excel-month', start: '2025-06-01', end: '2025-06-30' })]);
        expect(r.parts[0].rule).toContain('30 June 2025');
      }
    },
  );

  it('a month-formatted date in a 1904 workbook is due at its month end too', () => {
    expect(readTarget(45717 - 1462, 'mmm-yy', { ...GB, date1904: true }).final).toBe('2025-03-31');
  });

  it('reads serials in a 1904 workbook by the 1904 system', () => {
    const r = readTarget(45838 - 1462, 'dd/mm/yyyy', { ...GB, date1904: true });
    expect(r.final).toBe('2025-06-30');
  });

  it('reads a plain number in the 1950-2099 range as a serial and says so', () => {
    const r = readTarget(45747, 'General', GB);
    expect(r.state).toBe('dated');
    expect(r.final).toBe('2025-03-31');
    expect(r.parts[0].kind).toBe('excel-date');
    expect(r.parts[0].text).toBe('45747');
    expect(r.parts[0].rule).toMatch(/no date format/);
    expect(r.parts[0].rule).toMatch(/Excel date serial/);
    expect(readTarget(18264, null, GB).final).toBe('1950-01-01');
    expect(readTarget(73050, null, GB).final).toBe('2099-12-31');
  });

  it('treats a plain number outside 1950-2099 as free text, not a date', () => {
    for (const n of [0, 12, 2025, 18263, 73051, -5, 3.5]) {
      const r = readTarget(n, null, GB);
      expect(r.state).toBe('free-text');
      expect(r.final).toBeNull();
    }
  });

  it('refuses the non-existent 29 February 1900 and serials Excel cannot show', () => {
    expect(readTarget(60, 'dd/mm/yyyy', GB).state).toBe('invalid');
    expect(readTarget(0, 'dd/mm/yyyy', GB).state).toBe('invalid');
    expect(readTarget(-1, 'dd/mm/yyyy', GB).state).toBe('invalid');
    expect(readTarget(3e6, 'dd/mm/yyyy', GB).state).toBe('invalid');
    expect(readTarget(61, 'dd/mm/yyyy', GB).final).toBe('1900-03-01');
  });

  it('reads TRUE and FALSE as free text', () => {
    expect(readTarget(true, null, GB)).toMatchObject({ state: 'free-text', final: null, raw: 'TRUE' });
    expect(readTarget(false, null, GB).parts[0].kind).toBe('free-text');
  });

  it('reports an empty cell as empty', () => {
    for (const v of [null, '', '   ', '\n \n', ' ; ']) {
      const r = readTarget(v, null, GB);
      expect(r.state).toBe('empty');
      expect(r.parts).toEqual([]);
      expect(r.final).toBeNull();
    }
  });
});

describe('a full date typed as text', () => {
  it.each([
    '03/04/2025',
    '3/4/25',
    '3/4/2025',
    '3 April 2025',
    '3rd Apr 2025',
    '3rd April 2025.',
    'Thursday 3 April 2025',
    'Thu, 3rd April 2025',
    '3-Apr-2025',
    '3 Apr 25',
    '3.4.2025',
    '03-04-2025',
    '2025-04-03',
    '2025/04/03',
    '  3  APRIL  2025 ',
    '3 april, 2025',
    '3rd of April 2025',
    'April 3, 2025',
    '03/04/2025 00:00:00',
    '2025-04-03T00:00:00',
  ])('reads %p as 3 April 2025', (text) => {
    const p = one(text);
    expect(p.kind).toBe('date-text');
    expect(span(p)).toEqual(['2025-04-03', '2025-04-03']);
    expect(p.text).toBe(text.trim());
    expect(p.rule).toMatch(/3 April 2025/);
  });

  it('says when a two-digit year was read as 20yy', () => {
    expect(one('3/4/25').rule).toMatch(/two-digit year 25 read as 2025/);
  });

  it('accepts 29 February in a leap year only', () => {
    expect(one('29/02/2024').end).toBe('2024-02-29');
    expect(one('29 February 2000').end).toBe('2000-02-29');
    expect(one('29/02/2025').kind).toBe('invalid');
    expect(one('29/02/1900').kind).toBe('invalid');
    expect(one('29 Feb 2100').kind).toBe('invalid');
  });

  it.each([
    '31/02/2025',
    '29/02/2025',
    '00/01/2025',
    '12/13/2025',
    '2025-02-30',
    '31 April 2025',
    '32/01/2025',
    '31/06/2025',
    '0 May 2025',
    '2025-13-01',
  ])('never turns the impossible date %p into a real one', (text) => {
    const r = readTarget(text, null, GB);
    expect(r.state).toBe('invalid');
    expect(r.final).toBeNull();
    expect(r.parts).toEqual([expect.objectContaining({ text, kind: 'invalid' })]);
    expect(r.parts[0].start).toBeUndefined();
    expect(r.parts[0].end).toBeUndefined();
  });

  it('explains why an impossible date is impossible', () => {
    expect(one('31/02/2025').rule).toMatch(/February 2025 has only 28 days/);
    expect(one('12/13/2025').rule).toMatch(/no month 13/);
    expect(one('00/01/2025').rule).toMatch(/no day 0/);
  });

  it('never rolls over or clamps, for any day and month typed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 35 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 2000, max: 2099 }), (d, m, y) => {
        const p = one(`${d}/${m}/${y}`);
        const real = m >= 1 && m <= 12 && d >= 1 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
        if (real) {
          expect(p.kind).toBe('date-text');
          expect(p.end).toBe(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
        } else {
          expect(p.kind).toBe('invalid');
          expect(p.end).toBeUndefined();
        }
      }),
    );
  });

  it('reads numeric dates month first in en-US, and words the same in both locales', () => {
    expect(one('03/04/2025', US).end).toBe('2025-03-04');
    expect(one('12/13/2025', US).end).toBe('2025-12-13');
    expect(one('13/12/2025', US).kind).toBe('invalid');
    expect(one('3 April 2025', US).end).toBe('2025-04-03');
    expect(one('April 3, 2025', US).end).toBe('2025-04-03');
    expect(one('2025-04-03', US).end).toBe('2025-04-03');
    expect(one('03/04/2025', US).rule).toMatch(/month\/day\/year/);
    expect(one('03/04/2025', GB).rule).toMatch(/day\/month\/year/);
  });

  it('rejects a weekday that contradicts the date instead of trusting either half', () => {
    const p = one('Monday 3 April 2025');
    expect(p.kind).toBe('invalid');
    expect(p.rule).toMatch(/Thursday, not a Monday/);
  });

  it('does not guess a year that is not written', () => {
    expect(one('3 April').kind).toBe('free-text');
    expect(one('03/04').kind).toBe('free-text');
  });
});

describe('month and year', () => {
  it.each([
    ['April 2025', '2025-04-01', '2025-04-30'],
    ['Apr 2025', '2025-04-01', '2025-04-30'],
    ['APRIL 2025', '2025-04-01', '2025-04-30'],
    ['Sept 2025', '2025-09-01', '2025-09-30'],
    ['Sep 2025', '2025-09-01', '2025-09-30'],
    ['February 2024', '2024-02-01', '2024-02-29'],
    ['Feb 2025', '2025-02-01', '2025-02-28'],
    ["April '25", '2025-04-01', '2025-04-30'],
    ['April \u201925', '2025-04-01', '2025-04-30'],
    ['Jun-2025', '2025-06-01', '2025-06-30'],
    ['June 2025.', '2025-06-01', '2025-06-30'],
    ['04/2025', '2025-04-01', '2025-04-30'],
  ])('reads %p as the whole month, due by its last day', (text, start, end) => {
    const p = one(text);
    expect(p.kind).toBe('month-year');
    expect(span(p)).toEqual([start, end]);
  });

  it('says which rule applied', () => {
    expect(one('April 2025').rule).toBe('month and year: due by the last day of April 2025');
  });

  it('does not read "Apr 25" or "Apr-25" as a month, since 25 could be the day', () => {
    expect(one('Apr 25').kind).toBe('free-text');
    expect(one('Apr-25').kind).toBe('free-text');
  });

  it('calls month 13 invalid', () => {
    expect(one('13/2025').kind).toBe('invalid');
  });
});

describe('end of month', () => {
  it.each([
    'End March 2026',
    'end of March 2026',
    'by end of March 2026',
    'By the end of March 2026',
    'By March 2026',
    'end Mar 26',
    'End-March 2026',
    'END OF MARCH 2026.',
  ])('reads %p as due by 31 March 2026', (text) => {
    const p = one(text);
    expect(p.kind).toBe('end-of-month');
    expect(span(p)).toEqual(['2026-03-01', '2026-03-31']);
    expect(p.rule).toMatch(/31 March 2026/);
  });

  it('reads "by" and a full date as that day', () => {
    const p = one('by 31 March 2026');
    expect(p.kind).toBe('date-text');
    expect(p.end).toBe('2026-03-31');
  });
});

describe('week commencing', () => {
  it.each([
    'w/c 14 April 2025',
    'W/C 14/04/2025',
    'wc 14 April 2025',
    'w/c 14th April 2025',
    'Week commencing 14 April 2025',
    'w/b 14 April 2025',
    'week beginning 14 April 2025',
    'w/c Monday 14 April 2025',
  ])('reads %p as Monday 14 to Sunday 20 April 2025', (text) => {
    const p = one(text);
    expect(p.kind).toBe('week-commencing');
    expect(span(p)).toEqual(['2025-04-14', '2025-04-20']);
    expect(p.rule).toMatch(/Monday 14 April 2025/);
    expect(p.rule).toMatch(/Sunday 20 April 2025/);
    expect(p.rule).not.toMatch(/not a Monday/);
  });

  it('accepts a week that does not start on a Monday but says so', () => {
    const p = one('w/c 15 April 2025');
    expect(span(p)).toEqual(['2025-04-15', '2025-04-21']);
    expect(p.rule).toMatch(/not a Monday/);
  });

  it('calls an impossible week-commencing date invalid', () => {
    expect(one('w/c 31/02/2025').kind).toBe('invalid');
  });

  it('needs a full date after w/c', () => {
    expect(one('w/c 14 April').kind).toBe('free-text');
  });
});

describe('financial-year quarters', () => {
  it.each([
    ['Quarter 1 2025/26', '2025-04-01', '2025-06-30'],
    ['Quarter 3 2024/25', '2024-10-01', '2024-12-31'],
    ['Q1 2025/26', '2025-04-01', '2025-06-30'],
    ['Quarter 3 2024-25', '2024-10-01', '2024-12-31'],
    ['Q3 2024/2025', '2024-10-01', '2024-12-31'],
    ['Q4 2024/25', '2025-01-01', '2025-03-31'],
    ['Qtr 2 2025/26', '2025-07-01', '2025-09-30'],
    ['Q2 FY 2025/26', '2025-07-01', '2025-09-30'],
    ['2025/26 Q1', '2025-04-01', '2025-06-30'],
    ['Q1 (2025/26)', '2025-04-01', '2025-06-30'],
    ['end of Q4 2025/26', '2026-01-01', '2026-03-31'],
    ['Q1 25/26', '2025-04-01', '2025-06-30'],
  ])('reads %p as that quarter of that financial year', (text, start, end) => {
    const p = one(text);
    expect(p.kind).toBe('quarter');
    expect(span(p)).toEqual([start, end]);
  });

  it('reads a single year as the year the financial year starts, and says so', () => {
    const p = one('Q2 2025');
    expect(span(p)).toEqual(['2025-07-01', '2025-09-30']);
    expect(p.rule).toMatch(/single year 2025/);
  });

  it('places a quarter without a year in the financial year of the reporting date', () => {
    expect(span(one('Quarter 2', REPORTING))).toEqual(['2025-07-01', '2025-09-30']);
    expect(span(one('Q2', REPORTING))).toEqual(['2025-07-01', '2025-09-30']);
    expect(span(one('Qtr 2', REPORTING))).toEqual(['2025-07-01', '2025-09-30']);
    // Q4 of 2025/26 falls in the next calendar year.
    expect(span(one('Q4', REPORTING))).toEqual(['2026-01-01', '2026-03-31']);
    // A reporting date in February belongs to the financial year that started the April before.
    expect(span(one('Q1', { ...GB, referenceDate: '2025-02-15' }))).toEqual(['2024-04-01', '2024-06-30']);
    expect(one('Quarter 2', REPORTING).rule).toMatch(/reporting date 30 September 2025/);
  });

  it('gives no date for a quarter without a year when no reporting date is known', () => {
    const r = readTarget('Quarter 2', null, GB);
    expect(r.parts).toEqual([expect.objectContaining({ text: 'Quarter 2', kind: 'quarter' })]);
    expect(r.parts[0].end).toBeUndefined();
    expect(r.parts[0].rule).toMatch(/without a year and no reporting date known/);
    expect(r.state).toBe('free-text');
    expect(r.final).toBeNull();
  });

  it.each(['Quarter 3/ 4', 'Quarter 3/4', 'Quarters 3 and 4', 'Q3-Q4', 'Q3 & Q4', 'Q3/Q4', 'Q3 - Q4'])(
    'reads the combined quarters %p as one part ending with the later quarter',
    (text) => {
      const r = readTarget(text, null, REPORTING);
      expect(r.parts).toHaveLength(1);
      expect(r.parts[0]).toMatchObject({ text, kind: 'quarter', start: '2025-10-01', end: '2026-03-31' });
    },
  );

  it('reads "Quarters 2 and 3" from the start of Q2 to the end of Q3', () => {
    expect(span(one('Quarters 2 and 3', REPORTING))).toEqual(['2025-07-01', '2025-12-31']);
    expect(span(one('Quarters 2 and 3 2024/25'))).toEqual(['2024-07-01', '2024-12-31']);
  });

  it('follows a financial year that starts in another month', () => {
    const july = { ...GB, fyStartMonth: 7 };
    expect(span(one('Q1 2025/26', july))).toEqual(['2025-07-01', '2025-09-30']);
    expect(span(one('Q3 2025/26', july))).toEqual(['2026-01-01', '2026-03-31']);
    const calendar = { ...GB, fyStartMonth: 1 };
    expect(span(one('Q2 2025', calendar))).toEqual(['2025-04-01', '2025-06-30']);
    expect(one('Q2 2025', calendar).rule).not.toMatch(/single year/);
    expect(span(one('Q4', { ...calendar, referenceDate: '2025-05-01' }))).toEqual(['2025-10-01', '2025-12-31']);
    const october = { ...GB, fyStartMonth: 10, referenceDate: '2025-09-30' };
    // 30 September 2025 is in the year that started October 2024.
    expect(span(one('Q1', october))).toEqual(['2024-10-01', '2024-12-31']);
  });

  it('calls a quarter that does not exist, or two years that are not one financial year, invalid', () => {
    expect(one('Q5 2025/26').kind).toBe('invalid');
    expect(one('Quarter 0', REPORTING).kind).toBe('invalid');
    expect(one('Q1 2025/27').kind).toBe('invalid');
  });
});

describe('no date yet', () => {
  it.each(['TBC', 'tbc', 'TBA', 'TBD', 'To be confirmed', 'to be agreed', 'T.B.C.', 'tbc.', 'Date TBC'])(
    'reads %p as to be confirmed',
    (text) => {
      const r = readTarget(text, null, GB);
      expect(r.state).toBe('tbc');
      expect(r.final).toBeNull();
      expect(r.parts).toEqual([{ text, kind: 'tbc', rule: expect.any(String) }]);
    },
  );
});

describe('recurring, no deadline', () => {
  it.each([
    'On going',
    'Ongoing',
    'On-going',
    'ON GOING',
    'In place',
    'Quarterly',
    'Monthly',
    'Weekly',
    'Annually',
    'Continuous',
    'Business as usual',
    'BAU',
    'Ongoing.',
    'On\u2013going',
    'Termly',
    'Half-termly',
    'Each term',
    'As required',
  ])('reads %p as recurring', (text) => {
    const r = readTarget(text, null, GB);
    expect(r.state).toBe('recurring');
    expect(r.final).toBeNull();
    expect(r.parts[0]).toMatchObject({ text, kind: 'recurring' });
  });
});

describe('financial years', () => {
  it.each<[string, string, string]>([
    ['2025/26', '2025-04-01', '2026-03-31'],
    ['2025-26', '2025-04-01', '2026-03-31'],
    ['2025/2026', '2025-04-01', '2026-03-31'],
    ['FY 2025/26', '2025-04-01', '2026-03-31'],
    ['FY25/26', '2025-04-01', '2026-03-31'],
    ['Financial year 2026-27', '2026-04-01', '2027-03-31'],
    ['End of 2025/26', '2025-04-01', '2026-03-31'],
    ['by 2024/25', '2024-04-01', '2025-03-31'],
    ['2099/00', '2099-04-01', '2100-03-31'],
  ])('reads %p as the end of that financial year', (text, start, end) => {
    const p = one(text);
    expect(p).toMatchObject({ kind: 'financial-year', start, end });
    expect(p.rule).toContain('financial year');
  });

  it('ends where the financial-year start in settings says', () => {
    expect(one('2025/26', { ...GB, fyStartMonth: 7 }).end).toBe('2026-06-30');
  });

  it('is told from a month: 2025-12 is December 2025, and 03/04 is no year', () => {
    expect(one('2025-12')).toMatchObject({ kind: 'month-year', end: '2025-12-31' });
    expect(one('03/04').kind).toBe('free-text');
    expect(one('2025/27').kind).not.toBe('financial-year');
  });
});

describe('school terms', () => {
  it.each<[string, string]>([
    ['Autumn term 2025', '2025-12-31'],
    ['Spring term 2026', '2026-03-31'],
    ['Summer term 2026', '2026-07-31'],
    ['Summer Term 2025', '2025-07-31'],
    ['autumn term 2025/26', '2025-12-31'],
    ['Spring term 2025/26', '2026-03-31'],
    ['Summer 2026', '2026-07-31'],
    ['End of the spring term 2026', '2026-03-31'],
    ['by Autumn term 2026', '2026-12-31'],
  ])('reads %p as due at the end of that term', (text, end) => {
    const p = one(text);
    expect(p).toMatchObject({ kind: 'term', end });
  });

  it('takes the term ends from settings', () => {
    const ctx = { ...GB, termEnds: { autumn: '12-19', spring: '04-02', summer: '07-22' } };
    expect(one('Autumn term 2025', ctx).end).toBe('2025-12-19');
    expect(one('Spring term 2026', ctx).end).toBe('2026-04-02');
    expect(one('Summer term 2026', ctx).end).toBe('2026-07-22');
  });

  it('an autumn term set to end in January ends in the next year', () => {
    expect(one('Autumn term 2025', { ...GB, termEnds: { autumn: '01-05', spring: '03-31', summer: '07-31' } }).end).toBe('2026-01-05');
  });

  it('says when a season is read as a term', () => {
    expect(one('Summer 2026').rule).toContain('read as the summer term 2026');
  });

  it('refuses a school year that is not one', () => {
    expect(one('Spring term 2025/27').kind).toBe('invalid');
  });
});

describe('the abbreviations and forms offices type', () => {
  it.each<[string, string]>([
    ['31.03.2025', '2025-03-31'],
    ['3 Sept 2025', '2025-09-03'],
    ['3rd Sept 2025', '2025-09-03'],
  ])('reads %p as one day', (text, day) => {
    expect(one(text)).toMatchObject({ kind: 'date-text', end: day });
  });

  it('reads Sept 2025 as the end of September', () => {
    expect(one('Sept 2025')).toMatchObject({ kind: 'month-year', end: '2025-09-30' });
  });
});

describe('free text', () => {
  it.each([
    'Quarterly from June 2025',
    'Review in June 2025',
    'Before the next inspection',
    'ASAP',
    'See action 2.3',
    'June 2025 onwards',
    '45747',
  ])('never pulls a date out of %p', (text) => {
    const r = readTarget(text, null, REPORTING);
    expect(r.state).toBe('free-text');
    expect(r.final).toBeNull();
    expect(r.parts).toEqual([expect.objectContaining({ text, kind: 'free-text' })]);
  });
});

describe('several dates in one cell', () => {
  it('reads one part per line and takes the latest as the final target', () => {
    const r = readTarget('Dec 2024\nJan 2025\nFebruary 2025', null, GB);
    expect(r.parts.map((p) => [p.text, p.kind, p.end])).toEqual([
      ['Dec 2024', 'month-year', '2024-12-31'],
      ['Jan 2025', 'month-year', '2025-01-31'],
      ['February 2025', 'month-year', '2025-02-28'],
    ]);
    expect(r.final).toBe('2025-02-28');
    expect(r.state).toBe('dated');
  });

  it('takes the latest date even when the lines are out of order', () => {
    const r = readTarget('30/09/2025\r\nApril 2025\r\n\r\nw/c 14 April 2025', null, GB);
    expect(r.parts).toHaveLength(3);
    expect(r.final).toBe('2025-09-30');
  });

  it('splits dates written in a row on one line', () => {
    const r = readTarget('April 2025 June 2025', null, GB);
    expect(r.parts.map((p) => [p.text, p.start, p.end])).toEqual([
      ['April 2025', '2025-04-01', '2025-04-30'],
      ['June 2025', '2025-06-01', '2025-06-30'],
    ]);
    expect(r.final).toBe('2025-06-30');
    const three = readTarget('Dec 2024 Jan 2025 February 2025', null, GB);
    expect(three.parts.map((p) => p.text)).toEqual(['Dec 2024', 'Jan 2025', 'February 2025']);
    expect(three.final).toBe('2025-02-28');
  });

  it('splits dates in a row separated by commas, "and" or a dash, keeping each text as written', () => {
    expect(readTarget('April 2025, June 2025', null, GB).parts.map((p) => p.text)).toEqual(['April 2025', 'June 2025']);
    expect(readTarget('3 April 2025 and 30/06/2025', null, GB).parts.map((p) => p.text)).toEqual(['3 April 2025', '30/06/2025']);
    expect(readTarget('Dec 2024 \u2013 Jan 2025', null, GB).parts.map((p) => p.text)).toEqual(['Dec 2024', 'Jan 2025']);
    expect(readTarget('w/c 14 April 2025 w/c 21 April 2025', null, GB).final).toBe('2025-04-27');
  });

  it('splits on semicolons as a RAG review joins timescales', () => {
    const r = readTarget('Quarter 2; w/c 14 October 2024', null, { ...GB, referenceDate: '2024-09-30' });
    expect(r.parts.map((p) => [p.text, p.kind])).toEqual([
      ['Quarter 2', 'quarter'],
      ['w/c 14 October 2024', 'week-commencing'],
    ]);
    expect(r.final).toBe('2024-10-20');
  });

  it('never splits on a slash or on the spaces inside one date', () => {
    expect(readTarget('Quarter 3/ 4', null, GB).parts.map((p) => p.text)).toEqual(['Quarter 3/ 4']);
    expect(readTarget('14 April 2025', null, GB).parts).toHaveLength(1);
    expect(readTarget('03/04/2025', null, GB).parts).toHaveLength(1);
  });

  it('keeps a line as free text when any word in it is not part of a date', () => {
    const r = readTarget('April 2025 then review June 2025', null, GB);
    expect(r.parts).toEqual([expect.objectContaining({ kind: 'free-text', text: 'April 2025 then review June 2025' })]);
  });

  it('is dated when any part has a date, so a TBC line does not hide the date above it', () => {
    const r = readTarget('January 2025\nTBC', null, GB);
    expect(r.parts.map((p) => p.kind)).toEqual(['month-year', 'tbc']);
    expect(r.state).toBe('dated');
    expect(r.final).toBe('2025-01-31');
  });

  it('keeps an impossible date as its own invalid part beside good ones', () => {
    const r = readTarget('31/02/2025\nMarch 2025', null, GB);
    expect(r.parts.map((p) => p.kind)).toEqual(['invalid', 'month-year']);
    expect(r.state).toBe('dated');
    expect(r.final).toBe('2025-03-31');
    expect(readTarget('31/02/2025 March 2025', null, GB).parts.map((p) => p.kind)).toEqual(['invalid', 'month-year']);
  });

  it('ranks undated cells: invalid over free text over TBC over recurring', () => {
    expect(readTarget('Ongoing\nTBC', null, GB).state).toBe('tbc');
    expect(readTarget('TBC\nsee notes', null, GB).state).toBe('free-text');
    expect(readTarget('see notes\n31/02/2025\nTBC', null, GB).state).toBe('invalid');
    expect(readTarget('Monthly\nIn place', null, GB).state).toBe('recurring');
    expect(readTarget('Quarter 2\nOngoing', null, GB).state).toBe('free-text');
  });

  it('keeps the raw text of the whole cell', () => {
    expect(readTarget('Dec 2024\nJan 2025', null, GB).raw).toBe('Dec 2024\nJan 2025');
  });
});

describe('parseDateText (the date in a "Progress at" header)', () => {
  it.each(['30 June 2025', '30th June 2025', '30/06/2025', '2025-06-30', 'Monday 30 June 2025', '30 Jun 2025.'])('reads %p', (text) => {
    expect(parseDateText(text, GB)).toBe('2025-06-30');
  });

  it('follows the locale for numeric dates', () => {
    expect(parseDateText('03/04/2025', GB)).toBe('2025-04-03');
    expect(parseDateText('03/04/2025', US)).toBe('2025-03-04');
  });

  it('returns null for anything but exactly one real day', () => {
    for (const text of ['31/02/2025', 'June 2025', 'Quarter 2', 'TBC', '', 'as at 30 June 2025', 'Tuesday 30 June 2025']) {
      expect(parseDateText(text, GB)).toBeNull();
    }
  });
});

// ---------------------------------------------------------------------------
// The fixture workbooks' ground truth (tests/fixtures/expected.json).

interface ExpectedPart {
  text?: string;
  kind: string;
  date?: string | null;
  start?: string;
  end?: string;
  weekday?: string;
}
interface ExpectedTarget {
  cell_type: 'date' | 'text';
  value: string;
  number_format?: string;
  parts: ExpectedPart[];
}

const expected = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'expected.json'), 'utf8')) as {
  'milestones.xlsx': {
    actions_detail: { row: number; action: string; target_date: ExpectedTarget }[];
    target_date_part_kinds: Record<string, number>;
  };
  'rag-review.xlsx': { per_row_timescale_parts: Record<string, string[]> };
};

const FIXTURE_KINDS: Record<string, DateKind> = {
  'Excel date': 'excel-date',
  'dd/mm/yyyy text': 'date-text',
  'month and year': 'month-year',
  'to be confirmed': 'tbc',
  'financial-year quarter': 'quarter',
  'week commencing': 'week-commencing',
  'invalid date text': 'invalid',
  'free text': 'free-text',
};

/** The reader's kind of a fixture part: an Excel date shown only as a month is due at that month's end (excel-month). */
function kindOf(t: ExpectedTarget, kind: string): DateKind {
  return kind === 'Excel date' && isMonthFormat(t.number_format ?? null) ? 'excel-month' : FIXTURE_KINDS[kind];
}

function readFixtureCell(t: ExpectedTarget) {
  return t.cell_type === 'date' ? readTarget(serial1900(t.value), t.number_format ?? 'dd/mm/yyyy', GB) : readTarget(t.value, null, GB);
}

describe('milestones.xlsx target dates match expected.json', () => {
  const actions = expected['milestones.xlsx'].actions_detail;

  it('has the actions the fixture README describes', () => {
    expect(actions).toHaveLength(25);
  });

  it.each(actions.map((a) => [a.action, a.row, a.target_date] as const))('action %s (row %d)', (_action, _row, target) => {
    const reading = readFixtureCell(target);
    expect(reading.parts).toHaveLength(target.parts.length);
    target.parts.forEach((want, i) => {
      const got = reading.parts[i];
      expect(got.kind).toBe(kindOf(target, want.kind));
      expect(got.text).toBe(want.text ?? target.value);
      // A month-formatted date holding the month's last day: the month starts on the 1st.
      const start = got.kind === 'excel-month' ? `${target.value.slice(0, 8)}01` : (want.start ?? want.date ?? undefined);
      const end = want.end ?? want.date ?? undefined;
      expect(got.start).toBe(start);
      expect(got.end).toBe(end);
      if (want.weekday) expect(got.rule).toContain(`${want.weekday} ${Number(start!.slice(8))}`);
    });
    const ends = target.parts.map((p) => p.end ?? p.date).filter((d): d is string => typeof d === 'string');
    expect(reading.final).toBe(ends.length ? ends.sort()[ends.length - 1] : null);
  });

  it('also reads the date cells when the workbook has been through LibreOffice (escaped formats)', () => {
    expect(readTarget(serial1900('2025-06-30'), 'mmmm\\ yyyy', GB).final).toBe('2025-06-30');
    expect(readTarget(serial1900('2024-12-20'), 'd\\ mmmm\\ yyyy', GB).final).toBe('2024-12-20');
  });

  it('counts each kind of target-date part as the fixture does', () => {
    const counts: Record<string, number> = {};
    for (const a of actions) {
      for (const p of readFixtureCell(a.target_date).parts) counts[p.kind] = (counts[p.kind] ?? 0) + 1;
    }
    const want: Record<string, number> = {};
    for (const [k, n] of Object.entries(expected['milestones.xlsx'].target_date_part_kinds)) want[FIXTURE_KINDS[k]] = n;
    // The fixture counts month-formatted Excel dates with the others; the reader names them apart.
    for (const a of actions) {
      for (const p of a.target_date.parts) {
        if (kindOf(a.target_date, p.kind) !== 'excel-month') continue;
        want['excel-date']--;
        want['excel-month'] = (want['excel-month'] ?? 0) + 1;
      }
    }
    expect(counts).toEqual(want);
  });
});

describe('rag-review.xlsx timescales match expected.json', () => {
  const rows = Object.entries(expected['rag-review.xlsx'].per_row_timescale_parts);
  const KINDS: Record<string, DateKind> = {
    'In place': 'recurring',
    'w/c 14 October 2024': 'week-commencing',
    'October 2024': 'month-year',
    'Quarter 3/ 4': 'quarter',
    'Quarter 2': 'quarter',
    'On going': 'recurring',
    'On-going': 'recurring',
  };

  it.each(rows)('row No %s splits into the expected parts', (_no, parts) => {
    for (const ctx of [GB, { ...GB, referenceDate: '2024-09-30' }]) {
      const reading = readTarget(parts.join('; '), null, ctx);
      expect(reading.parts.map((p) => p.text)).toEqual(parts);
      expect(reading.parts.map((p) => p.kind)).toEqual(parts.map((p) => KINDS[p]));
    }
  });

  it('dates the quarters from the financial year of the review', () => {
    const ctx = { ...GB, referenceDate: '2024-09-30' };
    expect(span(one('Quarter 2', ctx))).toEqual(['2024-07-01', '2024-09-30']);
    expect(span(one('Quarter 3/ 4', ctx))).toEqual(['2024-10-01', '2025-03-31']);
    expect(span(one('w/c 14 October 2024', ctx))).toEqual(['2024-10-14', '2024-10-20']);
    expect(span(one('October 2024', ctx))).toEqual(['2024-10-01', '2024-10-31']);
  });
});

// Speed itself is measured by `npm run bench`; the timeout only guards against a hang.
describe('many cells', () => {
  it('reads 100,000 target cells of every shape, none of them lost', () => {
    const samples: [string | number, string | null][] = [
      ['03/04/2025', null],
      ['Dec 2024\nJan 2025\nFebruary 2025', null],
      ['April 2025 June 2025', null],
      ['Quarter 3/ 4; w/c 14 October 2024', null],
      ['Quarterly from June 2025', null],
      ['TBC', null],
      ['On going', null],
      [45747, 'dd/mm/yyyy'],
      ['A long sentence about what will happen next year with 3 numbers 4 and 5 in it', null],
      ['31/02/2025', null],
    ];
    let dated = 0;
    for (let i = 0; i < 100000; i++) {
      const [v, f] = samples[i % samples.length];
      if (readTarget(v, f, REPORTING).state === 'dated') dated++;
    }
    expect(dated).toBe(50000);
  }, 60_000);
});
