import type { CellValue } from './grid';
import {
  FAKE_LEAP_SERIAL,
  WEEKDAY_NAMES,
  civilFromDay,
  dayFromCivil,
  dayToIso,
  daysInMonth,
  isoToDay,
  longDateOfDay,
  monthYearName,
  serialToDay,
  weekdayOfDay,
  wholeSerial,
} from './dates-calendar';
import { isDateFormat, isMonthFormat } from './dates-format';

export { isDateFormat, isMonthFormat } from './dates-format';
export { dayToIso, isoToDay, serialToIso } from './dates-calendar';

// Reading target dates (DESIGN.md, "Dates"). Trackers hold real Excel dates and every
// way people type a deadline. The rule throughout: text is read as a date only when
// the whole part is a recognised shape; a date is never pulled out of a sentence,
// never rolled over (31/02 is not 3 March) and never clamped. Each part keeps its
// text as written and a sentence naming the rule that applied, so a reader can check
// the choice.

export interface DateContext {
  locale: 'en-GB' | 'en-US';
  fyStartMonth: number;
  date1904: boolean;
  referenceDate: string | null;
  /** The last day of each school term, as `MM-DD` (settings; DESIGN.md's defaults when absent). */
  termEnds?: TermEnds;
}

/** The three school terms, in the order of the school year. */
export const TERMS = ['autumn', 'spring', 'summer'] as const;
export type Term = (typeof TERMS)[number];
export type TermEnds = Readonly<Record<Term, string>>;
export const DEFAULT_TERM_ENDS: TermEnds = { autumn: '12-31', spring: '03-31', summer: '07-31' };

/** What one part of a target cell was read as; the report names each part's kind by these words. */
export const DATE_KINDS = [
  'excel-date',
  'excel-month',
  'date-text',
  'month-year',
  'end-of-month',
  'week-commencing',
  'quarter',
  'financial-year',
  'term',
  'tbc',
  'recurring',
  'invalid',
  'free-text',
] as const;
export type DateKind = (typeof DATE_KINDS)[number];

export interface DatePart {
  text: string;
  kind: DateKind;
  start?: string;
  end?: string;
  rule: string;
}

/** What a whole target cell amounts to: a due date, or why there is none. */
export const TARGET_STATES = ['dated', 'tbc', 'recurring', 'invalid', 'free-text', 'empty'] as const;
export type TargetState = (typeof TARGET_STATES)[number];

export interface TargetReading {
  raw: string;
  parts: DatePart[];
  final: string | null;
  state: TargetState;
}

// ---------------------------------------------------------------------------
// Context

interface Ctx {
  usOrder: boolean;
  fyStartMonth: number;
  date1904: boolean;
  /** Day number of the reporting date, or null. */
  refDay: number | null;
  /** Month and day each term ends. */
  termEnds: Readonly<Record<Term, { m: number; d: number }>>;
}

const MONTH_DAY = /^(\d{2})-(\d{2})$/;

/** `MM-DD` as a month and day that every year has (29 February is refused: not every year has it). */
export function termEndOf(mmdd: string): { m: number; d: number } | null {
  const m = MONTH_DAY.exec(mmdd);
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2001, month)) return null;
  return { m: month, d: day };
}

// A table's cells share one date context: it is resolved once, not per cell.
const resolved = new WeakMap<DateContext, Ctx>();

function resolveContext(ctx: DateContext): Ctx {
  let c = resolved.get(ctx);
  if (!c) resolved.set(ctx, (c = resolve(ctx)));
  return c;
}

function resolve(ctx: DateContext): Ctx {
  const fy = ctx.fyStartMonth;
  const refDay = ctx.referenceDate ? isoToDay(ctx.referenceDate) : NaN;
  const termEnds = {} as Record<Term, { m: number; d: number }>;
  // Settings are validated elsewhere; a bad value here must still not crash a read.
  for (const t of TERMS) termEnds[t] = termEndOf(ctx.termEnds?.[t] ?? '') ?? termEndOf(DEFAULT_TERM_ENDS[t])!;
  return {
    usOrder: ctx.locale === 'en-US',
    fyStartMonth: Number.isInteger(fy) && fy >= 1 && fy <= 12 ? fy : 4,
    date1904: ctx.date1904 === true,
    refDay: Number.isFinite(refDay) ? refDay : null,
    termEnds,
  };
}

// ---------------------------------------------------------------------------
// Patterns. All are matched against normalised text (see `normalise`): lower case,
// single spaces, ASCII dashes and apostrophes, no trailing full stop.

const MONTH =
  '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)';
const WEEKDAY = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)';
const ORDINAL = '(?:st|nd|rd|th)?';
// Exports often carry a midnight time after the date ("03/04/2025 00:00:00").
const TIME_TAIL = '(?:[ t]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?: ?[ap]m)?z?)?';

// 03/04/2025, 3/4/25, 3.4.2025, 03-04-2025: the same separator twice.
const NUMERIC_DATE = new RegExp(`^(\\d{1,2}) ?([/.-]) ?(\\d{1,2}) ?\\2 ?(\\d{4}|\\d{2})${TIME_TAIL}$`);
// 2025-04-03, 2025/04/03: year first is unambiguous in every locale.
const ISO_DATE = new RegExp(`^(\\d{4})([/.-])(\\d{1,2})\\2(\\d{1,2})${TIME_TAIL}$`);
// 3 April 2025, 3rd Apr 2025, Thursday 3 April 2025, 3-Apr-2025, 3rd of April, 2025, 3 Apr '25
const WORDS_DMY = new RegExp(`^(?:${WEEKDAY}\\.?,? )?(\\d{1,2})${ORDINAL}(?: of)?(?: ?- ?| )${MONTH}\\.?,?(?: ?- ?| )('?\\d{2}|\\d{4})$`);
// April 3, 2025 / Thursday, April 3rd 2025: month in words first, so no locale doubt.
const WORDS_MDY = new RegExp(`^(?:${WEEKDAY}\\.?,? )?${MONTH}\\.? (\\d{1,2})${ORDINAL},? (\\d{4})$`);

// April 2025, Sept 2025, Jun-2025, April '25
const MONTH_YEAR = new RegExp(`^${MONTH}\\.?(?:, ?| ?- ?| ?)(\\d{4})$`);
const MONTH_APOS_YEAR = new RegExp(`^${MONTH}\\.? ?-? ?'(\\d{2})$`);
// "Mar 26" could be 26 March, so a bare two-digit year is read only after "end".
const MONTH_BARE_YY = new RegExp(`^${MONTH}\\.? (\\d{2})$`);
// 04/2025, 2025-04
const NUMERIC_MONTH_YEAR = /^(\d{1,2}) ?[/.-] ?(\d{4})$/;
const ISO_MONTH = /^(\d{4})-(\d{1,2})$/;

const END_OF = /^(?:by )?(?:the )?end(?: of)?(?: the)?(?: month of)?(?: ?- ?| )(.+)$/;
const BY = /^by (?:the )?(.+)$/;
const WEEK_COMMENCING = /^(?:w ?\/ ?c|w\.c|wc|w ?\/ ?b|w\.b|wb|week (?:commencing|beginning|starting)(?: on)?)\.?:? ?(.+)$/;

const QWORD = '(?:quarters?|qtrs?|q)\\.?';
const QSEP = ' ?(?:/|-|&|\\+|,|and|to) ?';
const YEAR_SPEC = '(?:(?:fy|financial year) ?)?(?:\\d{4}(?: ?[/-] ?\\d{2}(?:\\d{2})?)?|\\d{2} ?[/-] ?\\d{2})';
// Quarter 2, Q1 2025/26, Quarter 3 2024-25, Quarter 3/ 4, Quarters 2 and 3, Q3-Q4,
// Q3 & Q4, 2025/26 Q1, end of Q4 2025/26, Q1 (2025/26)
const QUARTER = new RegExp(
  `^(?:by )?(?:(?:the )?end (?:of )?)?(?:(${YEAR_SPEC}) )?(?:the )?${QWORD} ?(\\d(?:${QSEP}(?:${QWORD} ?)?\\d)*)` +
    `(?:(?: ?[-,] ?| )(?:of )?(?:\\( ?(${YEAR_SPEC}) ?\\)|(${YEAR_SPEC})))?$`,
);
const YEAR_PARTS = /^(?:(?:fy|financial year) ?)?(\d{2}|\d{4})(?: ?[/-] ?(\d{2}|\d{4}))?$/;
const DIGITS = /\d/g;

const TBC = /^(?:date )?(?:t\.? ?b\.? ?[cad]|to be (?:confirmed|agreed|arranged|determined|decided|set|scheduled|advised))$/;
const RECURRING = new RegExp(
  '^(?:on ?-? ?going|in place|continuous(?:ly)?|continual|business as usual|bau|daily|weekly|fortnightly|' +
    'monthly|bi-?monthly|quarterly|(?:six|6|half) ?-?(?:monthly|yearly)|bi-?annual(?:ly)?|annual(?:ly)?|yearly|' +
    'every (?:week|month|quarter|year)|(?:half ?-?)?termly|(?:each|every|per) (?:half )?term|' +
    'as (?:and when )?(?:required|needed))$',
);

// 2025/26, 2025-26, 2025/2026, FY 2025/26, FY25/26, financial year 2025-26. A first
// year of two digits needs the FY: `03/04` is more likely a day and month.
const FINANCIAL_YEAR = /^(?:(?:fy|f\/y|financial year) ?(\d{2}|\d{4})|(\d{4})) ?[/-] ?(\d{2}|\d{4})$/;
// Autumn term 2025, Spring Term 2026, summer term 2025/26, Summer 2026, Autumn term '25.
const TERM_TEXT = /^(autumn|spring|summer)( term)?(?: of)? (\d{4}|'\d{2})(?: ?[/-] ?(\d{2}|\d{4}))?$/;

const LINE_BREAK = /\r\n|\r|\n/;
const WHITESPACE = /\s+/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const APOSTROPHES = /[\u2018\u2019\u02bc`]/g;
const TRAILING_STOPS = /[\s.]+$/;
const LEADING_BULLET = /^[\u2022\u00b7\u25aa\u25e6\u2023*-] /;
// The lines of a cell with several milestones are often numbered to match the
// milestones beside them: `1. Dec 2024`, `2) Jan 2025`.
const LEADING_NUMBER = /^\(?\d{1,2}[.)]\s+(?=\S)/;
const HAS_DIGIT = /\d/;
// Words and the separators that may stand between dates written in a row.
const TOKEN = /[^\s,&;]+|[,&]/g;
// A slash standing alone (`Dec 2024 / Jan 2025`) separates too; one inside a quarter (`Quarter 3/ 4`) does not.
const ROW_SEPARATORS = new Set([',', '&', 'and', '-', '\u2013', '\u2014', 'then', '+', '/']);

function normalise(text: string): string {
  let s = text.replace(DASHES, '-').replace(APOSTROPHES, "'").replace(WHITESPACE, ' ').trim();
  s = s.replace(TRAILING_STOPS, '');
  s = s.replace(LEADING_BULLET, '');
  return s.toLowerCase();
}

function monthIndex(word: string): number {
  switch (word.slice(0, 3)) {
    case 'jan':
      return 1;
    case 'feb':
      return 2;
    case 'mar':
      return 3;
    case 'apr':
      return 4;
    case 'may':
      return 5;
    case 'jun':
      return 6;
    case 'jul':
      return 7;
    case 'aug':
      return 8;
    case 'sep':
      return 9;
    case 'oct':
      return 10;
    case 'nov':
      return 11;
    default:
      return 12;
  }
}

function weekdayIndex(word: string): number {
  switch (word.slice(0, 3)) {
    case 'sun':
      return 0;
    case 'mon':
      return 1;
    case 'tue':
      return 2;
    case 'wed':
      return 3;
    case 'thu':
      return 4;
    case 'fri':
      return 5;
    default:
      return 6;
  }
}

// ---------------------------------------------------------------------------
// Single dates

/** A day read from text, how it was read, or why it cannot be a day. */
type DayRead = { day: number; how: string } | { why: string };

// Years below 1900 are typing slips (0025, 1025): Excel cannot hold them as dates.
const MIN_YEAR = 1900;

function twoDigitYear(yy: string): number {
  return 2000 + Number(yy);
}

function checkDay(y: number, m: number, d: number, how: string, hint = ''): DayRead {
  if (y < MIN_YEAR) return { why: `the year ${y} is not a plausible date` };
  if (m < 1 || m > 12) return { why: `there is no month ${m}${hint}` };
  if (d < 1) return { why: `there is no day ${d}` };
  const dim = daysInMonth(y, m);
  if (d > dim) return { why: `${monthYearName(y, m)} has only ${dim} days` };
  return { day: dayFromCivil(y, m, d), how };
}

function checkWeekday(read: DayRead, weekday: string | undefined): DayRead {
  if (!weekday || !('day' in read)) return read;
  const actual = weekdayOfDay(read.day);
  const written = weekdayIndex(weekday);
  // "Monday 3 April 2025" contradicts itself (a Thursday); neither half is trusted.
  if (actual === written) return read;
  return { why: `${longDateOfDay(read.day)} is a ${WEEKDAY_NAMES[actual]}, not a ${WEEKDAY_NAMES[written]}` };
}

/** A single full date (day, month and year), or null when s is not shaped like one. */
function readFullDate(s: string, c: Ctx): DayRead | null {
  let m = NUMERIC_DATE.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const short = m[4].length === 2;
    const y = short ? twoDigitYear(m[4]) : Number(m[4]);
    const order = c.usOrder ? 'month/day/year' : 'day/month/year';
    const how = `${order} text${short ? `, two-digit year ${m[4]} read as ${y}` : ''}`;
    const hint = ` (read as ${order})`;
    return c.usOrder ? checkDay(y, a, b, how, hint) : checkDay(y, b, a, how, hint);
  }
  m = ISO_DATE.exec(s);
  if (m) return checkDay(Number(m[1]), Number(m[3]), Number(m[4]), 'year-month-day text');
  m = WORDS_DMY.exec(s);
  if (m) {
    const yy = m[4];
    const short = yy.length !== 4;
    const digits = yy.replace("'", '');
    const y = short ? twoDigitYear(digits) : Number(yy);
    const how = `date in words${short ? `, two-digit year ${digits} read as ${y}` : ''}`;
    return checkWeekday(checkDay(y, monthIndex(m[3]), Number(m[2]), how), m[1]);
  }
  m = WORDS_MDY.exec(s);
  if (m) return checkWeekday(checkDay(Number(m[4]), monthIndex(m[2]), Number(m[3]), 'date in words'), m[1]);
  return null;
}

type MonthRead = { y: number; m: number; note: string } | { why: string };

function readMonthYear(s: string, allowBareShortYear: boolean): MonthRead | null {
  let m = MONTH_YEAR.exec(s);
  if (m) return checkMonth(Number(m[2]), monthIndex(m[1]), '');
  m = MONTH_APOS_YEAR.exec(s);
  if (m) {
    const y = twoDigitYear(m[2]);
    return checkMonth(y, monthIndex(m[1]), `, '${m[2]} read as ${y}`);
  }
  if (allowBareShortYear) {
    m = MONTH_BARE_YY.exec(s);
    if (m) {
      const y = twoDigitYear(m[2]);
      return checkMonth(y, monthIndex(m[1]), `, ${m[2]} read as ${y}`);
    }
  }
  m = NUMERIC_MONTH_YEAR.exec(s);
  if (m) return checkMonth(Number(m[2]), Number(m[1]), '');
  m = ISO_MONTH.exec(s);
  if (m) return checkMonth(Number(m[1]), Number(m[2]), '');
  return null;
}

function checkMonth(y: number, m: number, note: string): MonthRead {
  if (y < MIN_YEAR) return { why: `the year ${y} is not a plausible date` };
  if (m < 1 || m > 12) return { why: `there is no month ${m}` };
  return { y, m, note };
}

// ---------------------------------------------------------------------------
// Parts

function invalid(text: string, why: string): DatePart {
  return { text, kind: 'invalid', rule: `not a real date: ${why}; it is not rolled over or guessed` };
}

function freeText(text: string): DatePart {
  return { text, kind: 'free-text', rule: 'not a recognised date: read as free text' };
}

function dayPart(text: string, read: DayRead): DatePart {
  if ('why' in read) return invalid(text, read.why);
  const iso = dayToIso(read.day);
  return { text, kind: 'date-text', start: iso, end: iso, rule: `${read.how}: due by ${longDateOfDay(read.day)}` };
}

function monthPart(text: string, read: MonthRead, kind: 'month-year' | 'end-of-month'): DatePart {
  if ('why' in read) return invalid(text, read.why);
  const start = dayFromCivil(read.y, read.m, 1);
  const end = dayFromCivil(read.y, read.m, daysInMonth(read.y, read.m));
  const name = monthYearName(read.y, read.m);
  const rule =
    kind === 'month-year'
      ? `month and year${read.note}: due by the last day of ${name}`
      : `end of month${read.note}: due by ${longDateOfDay(end)}, the last day of ${name}`;
  return { text, kind, start: dayToIso(start), end: dayToIso(end), rule };
}

function weekPart(text: string, read: DayRead): DatePart {
  if ('why' in read) return invalid(text, read.why);
  const end = read.day + 6;
  const wd = weekdayOfDay(read.day);
  const day = `${WEEKDAY_NAMES[wd]} ${longDateOfDay(read.day)}`;
  // Accepted anyway: the author named a day, and the week still runs seven days from it.
  const notMonday = wd === 1 ? '' : ` (not a Monday)`;
  return {
    text,
    kind: 'week-commencing',
    start: dayToIso(read.day),
    end: dayToIso(end),
    rule: `week commencing ${day}${notMonday}: due by ${WEEKDAY_NAMES[weekdayOfDay(end)]} ${longDateOfDay(end)}`,
  };
}

function fyLabel(startYear: number, fyStartMonth: number): string {
  if (fyStartMonth === 1) return String(startYear);
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** "financial year 2025/26 (April 2025 to March 2026)": the months say which start month is in force. */
function fyName(startYear: number, fyStartMonth: number): string {
  const lastMonth = ((fyStartMonth + 10) % 12) + 1;
  const lastYear = fyStartMonth === 1 ? startYear : startYear + 1;
  return (
    `financial year ${fyLabel(startYear, fyStartMonth)} ` +
    `(${monthYearName(startYear, fyStartMonth)} to ${monthYearName(lastYear, lastMonth)})`
  );
}

/** The financial year (named by the calendar year it starts in) that holds a day. */
function fyOfDay(day: number, fyStartMonth: number): number {
  const { y, m } = civilFromDay(day);
  return m >= fyStartMonth ? y : y - 1;
}

/** First and last day of quarter q (1-4) of the financial year starting in fyYear. */
function quarterDays(fyYear: number, q: number, fyStartMonth: number): [number, number] {
  const first = fyStartMonth - 1 + 3 * (q - 1);
  const last = first + 2;
  const sy = fyYear + Math.floor(first / 12);
  const sm = (first % 12) + 1;
  const ey = fyYear + Math.floor(last / 12);
  const em = (last % 12) + 1;
  return [dayFromCivil(sy, sm, 1), dayFromCivil(ey, em, daysInMonth(ey, em))];
}

type YearRead = { fy: number; note: string } | { why: string };

function readFinancialYear(spec: string, fyStartMonth: number): YearRead | null {
  const m = YEAR_PARTS.exec(spec);
  if (!m) return null;
  const first = m[1].length === 2 ? twoDigitYear(m[1]) : Number(m[1]);
  if (first < MIN_YEAR) return { why: `the year ${first} is not a plausible date` };
  if (m[2] === undefined) {
    if (m[1].length === 2) return null;
    // "Q2 2025" does not say which financial year; the one starting in 2025 is the
    // usual reading, and the rule says so.
    const note = fyStartMonth === 1 ? '' : `, reading the single year ${first} as the year it starts`;
    return { fy: first, note };
  }
  const second = Number(m[2]);
  const expected = m[2].length === 2 ? (first + 1) % 100 : first + 1;
  if (second !== expected) return { why: `${spec} is not one financial year` };
  return { fy: first, note: '' };
}

function quarterPart(text: string, m: RegExpExecArray, c: Ctx): DatePart | null {
  const before = m[1];
  const after = m[3] ?? m[4];
  if (before !== undefined && after !== undefined) return null;
  const quarters = (m[2].match(DIGITS) ?? []).map(Number);
  for (const q of quarters) if (q < 1 || q > 4) return invalid(text, `there is no quarter ${q}`);
  const lo = Math.min(...quarters);
  const hi = Math.max(...quarters);
  const which = lo === hi ? `quarter ${lo}` : `quarters ${lo} to ${hi}`;
  const spec = before ?? after;
  let fy: number;
  let how: string;
  if (spec !== undefined) {
    const read = readFinancialYear(spec, c.fyStartMonth);
    if (!read) return null;
    if ('why' in read) return invalid(text, read.why);
    fy = read.fy;
    how = `${which} of ${fyName(fy, c.fyStartMonth)}${read.note}`;
  } else if (c.refDay !== null) {
    fy = fyOfDay(c.refDay, c.fyStartMonth);
    how = `${which} without a year, placed in ${fyName(fy, c.fyStartMonth)} by the reporting date ${longDateOfDay(c.refDay)}`;
  } else {
    return { text, kind: 'quarter', rule: `${which} without a year and no reporting date known: no date can be given` };
  }
  const start = quarterDays(fy, lo, c.fyStartMonth)[0];
  const end = quarterDays(fy, hi, c.fyStartMonth)[1];
  return {
    text,
    kind: 'quarter',
    start: dayToIso(start),
    end: dayToIso(end),
    rule: `${how}: ${longDateOfDay(start)} to ${longDateOfDay(end)}, due by ${longDateOfDay(end)}`,
  };
}

/** The end of the financial year named by s (`2025/26`: 31 March 2026 with an April start), or null when s names none. */
function financialYearPart(text: string, s: string, c: Ctx): DatePart | null {
  const m = FINANCIAL_YEAR.exec(s);
  if (!m) return null;
  const firstText = m[1] ?? m[2];
  const first = firstText.length === 2 ? twoDigitYear(firstText) : Number(firstText);
  const second = Number(m[3]);
  const expected = m[3].length === 2 ? (first + 1) % 100 : first + 1;
  // `2025-12` is December 2025, not a financial year: only consecutive years are one.
  if (second !== expected) return null;
  if (first < MIN_YEAR) return invalid(text, `the year ${first} is not a plausible date`);
  const [start] = quarterDays(first, 1, c.fyStartMonth);
  const [, end] = quarterDays(first, 4, c.fyStartMonth);
  return {
    text,
    kind: 'financial-year',
    start: dayToIso(start),
    end: dayToIso(end),
    rule: `${fyName(first, c.fyStartMonth)}: due by ${longDateOfDay(end)}, the end of that financial year`,
  };
}

/** The end of the school term named by s (`Autumn term 2025`: 31 December 2025 by default), or null when s names none. */
function termPart(text: string, s: string, c: Ctx): DatePart | null {
  const m = TERM_TEXT.exec(s);
  if (!m) return null;
  const term = m[1] as Term;
  const yearText = m[3].replace("'", '');
  const first = yearText.length === 2 ? twoDigitYear(yearText) : Number(yearText);
  let year = first;
  if (m[4] !== undefined) {
    // `Spring term 2025/26`: a school year; autumn falls in its first year, spring and summer in its second.
    const second = Number(m[4]);
    if (second !== (m[4].length === 2 ? (first + 1) % 100 : first + 1)) return invalid(text, `${m[3]}/${m[4]} is not one school year`);
    if (term !== 'autumn') year = first + 1;
  }
  if (year < MIN_YEAR) return invalid(text, `the year ${year} is not a plausible date`);
  const { m: month, d } = c.termEnds[term];
  // An autumn term set to end in January ends in the next calendar year.
  const endYear = term === 'autumn' && month < 8 ? year + 1 : year;
  const end = dayFromCivil(endYear, month, d);
  const name = `${term} term ${year}`;
  const how = m[2] ? name : `${m[1]} ${m[3]} read as the ${name}`;
  return { text, kind: 'term', end: dayToIso(end), rule: `${how}: due by ${longDateOfDay(end)}, the last day of that term` };
}

/** A financial year or a school term, whole. */
function yearOrTermPart(text: string, s: string, c: Ctx): DatePart | null {
  // Every such text starts with a year, `fy`, `financial year` or a season: most text is passed over at once.
  const first = s.charCodeAt(0);
  if (first >= 48 && first <= 57) return financialYearPart(text, s, c);
  if (first === 102) return financialYearPart(text, s, c); // f
  if (first === 97 || first === 115) return termPart(text, s, c); // a, s
  return null;
}

/** Reads one part (one line, or one piece of a line) as a whole. */
function readPart(text: string, c: Ctx): DatePart {
  const s = normalise(text);
  if (TBC.test(s)) return { text, kind: 'tbc', rule: 'to be confirmed: no date yet' };
  if (RECURRING.test(s)) return { text, kind: 'recurring', rule: 'recurring or ongoing: no deadline' };
  if (!HAS_DIGIT.test(s)) return freeText(text);

  let m = WEEK_COMMENCING.exec(s);
  if (m) {
    const read = readFullDate(m[1], c);
    if (read) return weekPart(text, read);
  }
  m = QUARTER.exec(s);
  if (m) {
    const part = quarterPart(text, m, c);
    if (part) return part;
  }
  const whole = yearOrTermPart(text, s, c);
  if (whole) return whole;
  m = END_OF.exec(s);
  if (m) {
    const read = readMonthYear(m[1], true);
    if (read) return monthPart(text, read, 'end-of-month');
    const yearOrTerm = yearOrTermPart(text, m[1], c);
    if (yearOrTerm) return yearOrTerm;
  }
  m = BY.exec(s);
  if (m) {
    const day = readFullDate(m[1], c);
    if (day) return dayPart(text, day);
    const month = readMonthYear(m[1], false);
    if (month) return monthPart(text, month, 'end-of-month');
    const yearOrTerm = yearOrTermPart(text, m[1], c);
    if (yearOrTerm) return yearOrTerm;
  }
  const day = readFullDate(s, c);
  if (day) return dayPart(text, day);
  const month = readMonthYear(s, false);
  if (month) return monthPart(text, month, 'month-year');
  return freeText(text);
}

// Longest date shape in words: "by the end of the month of March 2026" is 8 tokens.
const MAX_TOKENS_PER_DATE = 8;
// A line longer than this is prose, not a list of dates.
const MAX_TOKENS_PER_ROW = 40;

interface Token {
  start: number;
  end: number;
  separator: boolean;
  digit: boolean;
}

/**
 * Several dates in a row on one line (`Dec 2024 Jan 2025 February 2025`): the line is
 * split only when every word belongs to a date (or is a separator such as a comma
 * between dates), so a date is never pulled out of a sentence like
 * `Quarterly from June 2025`. The split with the fewest parts wins.
 */
function splitRow(line: string, c: Ctx): DatePart[] | null {
  const tokens: Token[] = [];
  let digits = 0;
  TOKEN.lastIndex = 0;
  for (let t = TOKEN.exec(line); t; t = TOKEN.exec(line)) {
    const word = t[0];
    const digit = HAS_DIGIT.test(word);
    if (digit) digits++;
    tokens.push({
      start: t.index,
      end: t.index + word.length,
      separator: ROW_SEPARATORS.has(word.toLowerCase()),
      digit,
    });
    if (tokens.length > MAX_TOKENS_PER_ROW) return null;
  }
  // Every date has a digit, so two dates need two words with digits.
  if (digits < 2) return null;

  const n = tokens.length;
  // best[i]: fewest parts covering tokens [0, i); via[i]: the part ending at i.
  const best: number[] = new Array<number>(n + 1).fill(Infinity);
  const via: (DatePart | null)[] = new Array<DatePart | null>(n + 1).fill(null);
  const from: number[] = new Array<number>(n + 1).fill(-1);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    if (best[i] === Infinity) continue;
    let s = i;
    // One separator may stand between two dates, never before the first.
    if (tokens[s].separator) {
      if (i === 0) continue;
      s++;
    }
    if (s >= n || tokens[s].separator) continue;
    for (let j = s + 1; j <= Math.min(n, s + MAX_TOKENS_PER_DATE); j++) {
      if (tokens[j - 1].separator || best[i] + 1 >= best[j]) continue;
      let hasDigit = false;
      for (let k = s; k < j && !hasDigit; k++) hasDigit = tokens[k].digit;
      if (!hasDigit) continue;
      const part = readPart(line.slice(tokens[s].start, tokens[j - 1].end), c);
      if (part.end === undefined && part.kind !== 'invalid') continue;
      best[j] = best[i] + 1;
      via[j] = part;
      from[j] = i;
    }
  }
  if (best[n] === Infinity || best[n] < 2) return null;
  const parts: DatePart[] = [];
  for (let j = n; j > 0; j = from[j]) parts.push(via[j] as DatePart);
  return parts.reverse();
}

function readLine(line: string, c: Ctx, out: DatePart[]): void {
  const whole = readPart(line, c);
  if (whole.kind === 'free-text') {
    const row = splitRow(line, c);
    if (row) {
      for (const p of row) out.push(p);
      return;
    }
  }
  out.push(whole);
}

// ---------------------------------------------------------------------------
// Cells

// A bare number in a target column is read as a serial only when it lands in
// 1950-2099; outside that it is more likely a count or a reference.
const PLAUSIBLE_FIRST_DAY = dayFromCivil(1950, 1, 1);
const PLAUSIBLE_LAST_DAY = dayFromCivil(2099, 12, 31);
// Excel shows #### for serials after 31 December 9999.
const LAST_EXCEL_DAY = dayFromCivil(9999, 12, 31);

function numberPart(value: number, numberFormat: string | null, c: Ctx): DatePart {
  const written = String(value);
  if (!Number.isFinite(value)) return freeText(written);
  const dateFormat = isDateFormat(numberFormat);
  const serial = wholeSerial(value);
  const day = serialToDay(value, c.date1904);
  if (dateFormat) {
    if (!c.date1904 && serial === FAKE_LEAP_SERIAL) {
      return invalid(written, 'Excel serial 60 is 29 February 1900, a day that never existed');
    }
    if (serial < (c.date1904 ? 0 : 1) || day > LAST_EXCEL_DAY) {
      return invalid(written, `the serial ${written} is outside Excel's dates`);
    }
    const iso = dayToIso(day);
    if (isMonthFormat(numberFormat)) return excelMonthPart(iso, day, numberFormat!);
    return { text: iso, kind: 'excel-date', start: iso, end: iso, rule: `Excel date: due by ${longDateOfDay(day)}` };
  }
  if (day >= PLAUSIBLE_FIRST_DAY && day <= PLAUSIBLE_LAST_DAY) {
    const iso = dayToIso(day);
    return {
      text: written,
      kind: 'excel-date',
      start: iso,
      end: iso,
      rule: `the number ${written} has no date format; read as an Excel date serial: due by ${longDateOfDay(day)}`,
    };
  }
  return freeText(written);
}

/**
 * An Excel date shown only as a month (`Mar-26`): the person typed a month and Excel
 * stored a day of it, usually the first, so the whole month is the deadline.
 */
function excelMonthPart(iso: string, day: number, numberFormat: string): DatePart {
  const { y, m } = civilFromDay(day);
  const end = dayFromCivil(y, m, daysInMonth(y, m));
  return {
    text: iso,
    kind: 'excel-month',
    start: dayToIso(dayFromCivil(y, m, 1)),
    end: dayToIso(end),
    rule: `Excel date shown as a month (${numberFormat}): due by ${longDateOfDay(end)}, the last day of ${monthYearName(y, m)}`,
  };
}

// When no part has a date, the most serious kind decides the state.
const STATE_RANK: Record<'invalid' | 'free-text' | 'tbc' | 'recurring', number> = {
  invalid: 4,
  'free-text': 3,
  tbc: 2,
  recurring: 1,
};

function summarise(raw: string, parts: DatePart[]): TargetReading {
  let final: string | null = null;
  let state: TargetState = 'empty';
  let rank = 0;
  for (const p of parts) {
    if (p.end !== undefined) {
      // ISO strings compare in date order.
      if (final === null || p.end > final) final = p.end;
      continue;
    }
    // A quarter with no year to place it in is as unusable as free text.
    const k = p.kind === 'invalid' || p.kind === 'tbc' || p.kind === 'recurring' ? p.kind : 'free-text';
    if (STATE_RANK[k] > rank) {
      rank = STATE_RANK[k];
      state = k;
    }
  }
  if (final !== null) state = 'dated';
  return { raw, parts, final, state };
}

/**
 * Reads a target-date cell into its parts (one per line, per `;`-separated piece, or
 * per date written in a row), the final target (the latest due-by day) and a state.
 */
export function readTarget(value: CellValue, numberFormat: string | null, ctx: DateContext): TargetReading {
  if (value === null || value === undefined) return summarise('', []);
  if (typeof value === 'boolean') {
    const text = value ? 'TRUE' : 'FALSE';
    return summarise(text, [freeText(text)]);
  }
  const c = resolveContext(ctx);
  if (typeof value === 'number') {
    const part = numberPart(value, numberFormat, c);
    return summarise(part.text, [part]);
  }
  const parts: DatePart[] = [];
  const lines = value.split(LINE_BREAK);
  for (const line of lines) {
    for (const piece of line.split(';')) {
      let text = piece.trim();
      if (lines.length > 1) text = text.replace(LEADING_NUMBER, '');
      if (text !== '') readLine(text, c, parts);
    }
  }
  return summarise(value, parts);
}

/**
 * One full date written as text ("30 June 2025", "30th June 2025", "03/04/2025"), as
 * ISO; null when the text is not exactly one real date. Used for the date in a
 * `Progress at <date>` header.
 */
export function parseDateText(text: string, ctx: DateContext): string | null {
  const read = readFullDate(normalise(text), resolveContext(ctx));
  return read && 'day' in read ? dayToIso(read.day) : null;
}
