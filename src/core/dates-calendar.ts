import { longDateOf } from './long-date';
import { monthName } from './month-names';

// Calendar arithmetic on whole days counted from 1970-01-01.
//
// Target dates are calendar days, not instants: going through `Date` objects in local
// time would shift a day across time zones and daylight saving, and `Date.UTC` maps
// years 0-99 to 1900-1999. Plain integer arithmetic (the civil-from-days algorithm of
// Howard Hinnant) has neither problem and is faster on 100,000 cells.

/** Index 0 is Sunday, as in `Date.prototype.getUTCDay`. */
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** m is 1-12. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_LENGTHS[m - 1];
}

/** Days since 1970-01-01 of a proleptic Gregorian y-m-d (m 1-12). Does not validate. */
export function dayFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface Civil {
  y: number;
  m: number;
  d: number;
}

export function civilFromDay(day: number): Civil {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

export function isoFromCivil(y: number, m: number, d: number): string {
  const ys = y >= 0 && y < 1000 ? String(y).padStart(4, '0') : String(y);
  return ys + '-' + pad2(m) + '-' + pad2(d);
}

/**
 * Days since 1970-01-01. Returns NaN for anything that is not a YYYY-MM-DD string, so
 * a bad value poisons comparisons visibly instead of becoming a plausible day.
 * The date itself is not validated (1900-02-29 counts as 1 March), which keeps the
 * Excel serial 60 usable in arithmetic. Read by character codes: it is asked of
 * every dated action, and a regular expression's match array per call was a tenth
 * of what reading the rows allocated.
 */
export function isoToDay(iso: string): number {
  if (typeof iso !== 'string' || iso.length !== 10 || iso.charCodeAt(4) !== DASH || iso.charCodeAt(7) !== DASH) return NaN;
  const y = digitsAt(iso, 0, 4);
  const m = digitsAt(iso, 5, 7);
  const d = digitsAt(iso, 8, 10);
  if (y < 0 || m < 0 || d < 0) return NaN;
  return dayFromCivil(y, m, d);
}

const DASH = 45;

/** The number written by the ASCII digits from..to-1 of s; -1 when any is not a digit. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

export function dayToIso(day: number): string {
  const c = civilFromDay(Math.floor(day));
  return isoFromCivil(c.y, c.m, c.d);
}

/** 0 = Sunday ... 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** A day number as "3 April 2025". */
export function longDateOfDay(day: number): string {
  const c = civilFromDay(day);
  return longDateOf(c.y, c.m, c.d);
}

export function monthYearName(y: number, m: number): string {
  return monthName(m) + ' ' + y;
}

// 1900 system: serial 1 is 1900-01-01 and serial 25569 is 1970-01-01. Excel copies a
// Lotus 1-2-3 bug and counts a 29 February 1900 at serial 60, so serials from 61 on
// are one day ahead of a true count and serials below 60 are not.
const EPOCH_1900_FROM_61 = 25569;
const EPOCH_1900_BEFORE_60 = 25568;
// 1904 system (old Mac workbooks): serial 0 is 1904-01-01, day -24107.
const EPOCH_1904 = 24107;
/** The fake leap day in the 1900 system. */
export const FAKE_LEAP_SERIAL = 60;

// Excel keeps times to the millisecond; a tiny allowance keeps float noise such as
// 45747.99999999999 (really 45748 exactly) from falling back a day.
const SERIAL_EPSILON = 1e-9;

export function wholeSerial(serial: number): number {
  return Math.floor(serial + SERIAL_EPSILON);
}

/**
 * Days since 1970-01-01 of an Excel serial. The 1900 system's fake 29 February (serial
 * 60) comes out as 1 March 1900; callers that care test for it with FAKE_LEAP_SERIAL.
 */
export function serialToDay(serial: number, date1904: boolean): number {
  const s = wholeSerial(serial);
  if (date1904) return s - EPOCH_1904;
  return s >= 61 ? s - EPOCH_1900_FROM_61 : s - EPOCH_1900_BEFORE_60;
}

export function serialToIso(serial: number, date1904: boolean): string {
  // Excel shows serial 60 as 29/02/1900; say the same so the text matches the cell.
  if (!date1904 && wholeSerial(serial) === FAKE_LEAP_SERIAL) return '1900-02-29';
  return dayToIso(serialToDay(serial, date1904));
}

/** The serial Excel would store for a day, for tests and writers. */
export function dayToSerial(day: number, date1904: boolean): number {
  if (date1904) return day + EPOCH_1904;
  const s = day + EPOCH_1900_FROM_61;
  return s >= 61 ? s : s - 1;
}
