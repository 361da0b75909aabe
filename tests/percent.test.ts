import { wholePercent } from '../src/core/percent';

// One rounding for the engine, the written sheets, the command line and the pane.

describe('percentages', () => {
  test('are rounded half up to a whole percent, as trackers show them', () => {
    expect(wholePercent(8 / 12)).toBe(67);
    expect(wholePercent(5 / 11)).toBe(45);
    expect(wholePercent(1 / 8)).toBe(13);
    expect(wholePercent(0.285)).toBe(29);
  });

  test('a share whose hundredths are exactly a half rounds up, whatever the float error', () => {
    for (let total = 1; total <= 400; total++) {
      for (let n = 0; n <= total; n++) {
        // Exact half-up rounding of 100n/total, in integers.
        expect({ n, total, pct: wholePercent(n / total) }).toEqual({ n, total, pct: Math.floor((200 * n + total) / (2 * total)) });
      }
    }
  });

  test('nothing and everything are 0% and 100%', () => {
    expect(wholePercent(0)).toBe(0);
    expect(wholePercent(1)).toBe(100);
  });
});
