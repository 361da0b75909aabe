import { contradicts, isPercentFormat, percentScale, progressOfPercent, readPercent } from '../src/core/percent-complete';

// Reading a percent-complete cell (DESIGN.md, "Statuses, ratings and progress"):
// 0–100% as a number, a percentage or text.

describe('a percent-complete cell', () => {
  test('a number under a percentage format is a fraction, however the column is written', () => {
    expect(readPercent(0.4, '0%', 'whole')).toEqual({ raw: '0.4', fraction: 0.4, how: 'percent' });
    expect(readPercent(1, '0.0%', 'whole').fraction).toBe(1);
    expect(readPercent(0, '0%', 'fraction').fraction).toBe(0);
  });

  test('a plain number is a whole percentage in a column of whole percentages, a fraction in a column of fractions', () => {
    expect(readPercent(35, null, 'whole').fraction).toBe(0.35);
    expect(readPercent(100, 'General', 'whole').fraction).toBe(1);
    expect(readPercent(0.45, null, 'fraction').fraction).toBe(0.45);
    expect(readPercent(1, null, 'fraction').fraction).toBe(1);
  });

  test('text with a percent sign is a percentage; plain figures follow the column', () => {
    expect(readPercent('50%', null, 'fraction').fraction).toBe(0.5);
    expect(readPercent(' 100 % ', null, 'fraction').fraction).toBe(1);
    expect(readPercent('0%', null, 'fraction').fraction).toBe(0);
    expect(readPercent('60', null, 'whole').fraction).toBe(0.6);
    expect(readPercent('0.25', null, 'fraction').fraction).toBe(0.25);
  });

  test('an empty cell is empty; anything that is no share of 0–100% is unrecognised', () => {
    expect(readPercent(null, '0%', 'fraction')).toEqual({ raw: '', fraction: null, how: 'empty' });
    expect(readPercent('  ', null, 'fraction').how).toBe('empty');
    for (const v of ['about half', '150%', '-5%', 'TBC', true])
      expect(readPercent(v, null, 'whole')).toMatchObject({ fraction: null, how: 'unrecognised' });
    expect(readPercent(1.5, '0%', 'fraction').how).toBe('unrecognised');
    expect(readPercent(250, null, 'whole').how).toBe('unrecognised');
    expect(readPercent(Number.NaN, null, 'whole').how).toBe('unrecognised');
  });

  test("a column's plain numbers are whole percentages when any is above 1", () => {
    expect(percentScale([0, 35, 100, null], [null, null, null, null])).toBe('whole');
    expect(percentScale([0, 0.45, 1], [null, null, null])).toBe('fraction');
    // Numbers under a % format say nothing about the plain ones.
    expect(percentScale([40, 0.5], ['0%', null])).toBe('fraction');
    expect(percentScale(['60', '25%'], [null, null])).toBe('whole');
  });

  test('a percentage format is told from quoted text and escapes', () => {
    expect(isPercentFormat('0%')).toBe(true);
    expect(isPercentFormat('0.00%')).toBe(true);
    expect(isPercentFormat('0" %"')).toBe(false);
    expect(isPercentFormat('0\\%')).toBe(false);
    expect(isPercentFormat(null)).toBe(false);
  });
});

describe('percent complete as progress, and as a check on a status', () => {
  test('100% is Completed, 0% Not started, anything between In progress', () => {
    expect(progressOfPercent(1)).toBe('Completed');
    expect(progressOfPercent(0)).toBe('Not started');
    expect(progressOfPercent(0.01)).toBe('In progress');
    expect(progressOfPercent(0.995)).toBe('In progress');
  });

  test('Completed below 100%, an open action at 100% and Not started above 0% contradict their percentage', () => {
    expect(contradicts('Completed', 0.4)).toBe(true);
    expect(contradicts('Completed', 1)).toBe(false);
    expect(contradicts('In progress', 1)).toBe(true);
    expect(contradicts('Static', 1)).toBe(true);
    expect(contradicts('Not started', 0.25)).toBe(true);
    expect(contradicts('Not started', 0)).toBe(false);
  });

  test('In progress at 0% and Withdrawn at any percentage are no contradiction', () => {
    expect(contradicts('In progress', 0)).toBe(false);
    expect(contradicts('Withdrawn', 0.5)).toBe(false);
    expect(contradicts('Unrecognised', 1)).toBe(false);
  });
});
