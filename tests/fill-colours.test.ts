import fc from 'fast-check';
import { fillAgrees, hslOf, ratingOfFill } from '../src/core/fill-colours';
import { RAG_COLOURS } from '../src/core/palette';
import { RAG_WORDS } from '../src/core/vocabulary/ratings';

// The rating an empty cell's fill stands for (DESIGN.md: "a cell that is empty but
// filled with a RAG colour is read as that rating"), decided by hue, and never
// guessed from a fill that is no RAG signal.

describe('a fill colour read as a rating', () => {
  test.each<[string, string, string]>([
    // Excel's standard colours, the row under the theme colours in every colour picker.
    ['#C00000', 'Red', 'dark red'],
    ['#FF0000', 'Red', 'red'],
    ['#FFC000', 'Amber', 'orange (the amber of most trackers)'],
    ['#FFFF00', 'Amber', 'yellow'],
    ['#92D050', 'Green', 'light green'],
    ['#00B050', 'Green', 'green'],
    ['#00B0F0', 'Blue', 'light blue'],
    ['#0070C0', 'Blue', 'blue'],
    // Other ambers, theme colours and their shades, as resolved by the adapters.
    ['#FFBF00', 'Amber', 'amber'],
    ['#FF9900', 'Amber', 'indexed colour 52 (orange)'],
    ['#E46C0A', 'Amber', 'accent6 (orange) darker 25%'],
    ['#F79646', 'Amber', 'accent6 of the Office 2007 theme'],
    ['#ED7D31', 'Amber', 'accent2 (orange) of the Office theme'],
    ['#9BBB59', 'Green', 'accent3 (olive green) of the Office 2007 theme'],
    ['#70AD47', 'Green', 'accent6 (green) of the Office theme'],
    ['#4472C4', 'Blue', 'accent1 (blue) of the Office theme'],
    ['#4F81BD', 'Blue', 'accent1 of the Office 2007 theme'],
    ['#C0504D', 'Red', 'accent2 (red) of the Office 2007 theme'],
    ['#E06666', 'Red', 'a lighter red picked by hand'],
    ['#00FF00', 'Green', 'bright green'],
  ])('%s is %s (%s)', (fill, word) => {
    expect(ratingOfFill(fill)).toBe(word);
    expect(ratingOfFill(fill.toLowerCase().slice(1))).toBe(word);
  });

  test.each<[string, string]>([
    ['#FFFFFF', 'white'],
    ['#000000', 'black'],
    ['#D9D9D9', 'light grey'],
    ['#808080', 'grey'],
    ['#F2F2F2', 'the pale grey of a header'],
    ['#FFF2CC', 'the pale yellow of a header (accent4 lighter 80%)'],
    ['#FFFF99', 'a pale yellow'],
    ['#FFEB9C', "Excel's pale Neutral fill"],
    ['#C6EFCE', "Excel's pale Good fill"],
    ['#FFC7CE', "Excel's pale Bad fill"],
    ['#DDEBF7', 'a pale blue banded row'],
    ['#BDD7EE', 'a light blue banded row'],
    ['#7030A0', 'purple'],
    ['#FF66CC', 'pink'],
    ['#00FFFF', 'cyan'],
    ['#1C1C1C', 'near black'],
    ['not a colour', 'text that is no colour'],
  ])('%s is no rating (%s)', (fill) => {
    expect(ratingOfFill(fill)).toBeNull();
  });

  test('no fill is no rating', () => {
    expect(ratingOfFill(null)).toBeNull();
    expect(ratingOfFill(undefined)).toBeNull();
    expect(ratingOfFill('')).toBeNull();
  });

  test("Ragbook's own palette reads as written, the five-point in-betweens included", () => {
    for (const w of RAG_WORDS) expect(ratingOfFill(RAG_COLOURS[w].fill)).toBe(w);
    expect(ratingOfFill(RAG_COLOURS['Not rated'].fill)).toBeNull();
  });

  test('no grey, at any lightness, is ever a rating', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (v) => {
        const h = v.toString(16).padStart(2, '0').toUpperCase();
        expect(ratingOfFill(`#${h}${h}${h}`)).toBeNull();
      }),
    );
  });

  test('a colour paler than 75% lightness is never a rating, whatever its hue', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        const fill = `#${n.toString(16).padStart(6, '0').toUpperCase()}`;
        const hsl = hslOf(fill)!;
        if (hsl.l > 0.76) expect(ratingOfFill(fill)).toBeNull();
      }),
    );
  });

  test('hue, saturation and lightness of a fill', () => {
    expect(hslOf('#FF0000')).toEqual({ h: 0, s: 1, l: 0.5 });
    expect(hslOf('#00FF00')!.h).toBe(120);
    expect(hslOf('#0000FF')!.h).toBe(240);
    expect(hslOf('#808080')!.s).toBe(0);
    expect(hslOf('#12345')).toBeNull();
  });

  test('a rating word agrees with its own colour, and an in-between with either of its colours', () => {
    expect(fillAgrees('Green', 'Green')).toBe(true);
    expect(fillAgrees('Green', 'Red')).toBe(false);
    expect(fillAgrees('Amber/Green', 'Green')).toBe(true);
    expect(fillAgrees('Amber/Green', 'Amber')).toBe(true);
    expect(fillAgrees('Amber/Red', 'Green')).toBe(false);
  });
});
