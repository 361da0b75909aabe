import { isValidIsoDate, todayIso } from '../src/core/iso-date';
import { longDate, longDateOf } from '../src/core/long-date';
import { MONTH_NAMES, monthName } from '../src/core/month-names';

// Dates as people read them (findings, date rules, the pane) and as the as-of date is typed.

describe('long dates', () => {
  test('are written day first with the month in words', () => {
    expect(longDate('2025-09-30')).toBe('30 September 2025');
    expect(longDate('2026-01-01')).toBe('1 January 2026');
    expect(longDateOf(2025, 4, 3)).toBe('3 April 2025');
  });

  test('text that is not an ISO date is returned as it is', () => {
    expect(longDate('30/09/2025')).toBe('30/09/2025');
    expect(longDate('')).toBe('');
  });
});

describe('month names', () => {
  test('run January to December', () => {
    expect(MONTH_NAMES).toHaveLength(12);
    expect(monthName(1)).toBe('January');
    expect(monthName(12)).toBe('December');
  });

  test('a number that is no month is written as it is', () => {
    expect(monthName(13)).toBe('13');
  });
});

describe('the as-of date', () => {
  test('defaults to today where the user is, as YYYY-MM-DD', () => {
    expect(todayIso(new Date(2025, 8, 30, 23, 59))).toBe('2025-09-30');
    expect(todayIso(new Date(2026, 0, 5, 0, 1))).toBe('2026-01-05');
  });

  test('must be a real day written YYYY-MM-DD', () => {
    expect(isValidIsoDate('2025-09-30')).toBe(true);
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2025-02-29')).toBe(false);
    expect(isValidIsoDate('2025-13-01')).toBe(false);
    expect(isValidIsoDate('30/09/2025')).toBe(false);
    expect(isValidIsoDate('')).toBe(false);
  });

  test('a year before 100 is not read as the 1900s', () => {
    expect(isValidIsoDate('0025-01-01')).toBe(false);
  });
});
