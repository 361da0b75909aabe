import { RAG_COLOURS } from './palette';
import { RAG_WORDS, type RagWord } from './vocabulary/ratings';

// The rating a cell's fill colour stands for (DESIGN.md, "Statuses, ratings and
// progress"): registers often leave the rating cell empty and colour it in. Fills
// arrive resolved to '#RRGGBB' (core/grid.ts), from Excel's standard colours, its
// theme colours and their tints, indexed colours, or any colour picked by hand, so
// the rating is decided by the colour's hue, not from a list of codes:
//
//   red      hue 345°–15°    FF0000, C00000 (dark red), E06666
//   amber    hue 15°–65°     FFC000 (Excel's amber), FFBF00, FF9900 (orange),
//                            E46C0A (accent6 darker 25%), FFFF00 (yellow)
//   green    hue 70°–170°    00B050, 92D050 (light green), 9BBB59 (accent3), 00FF00
//   blue     hue 185°–250°   0070C0, 00B0F0 (light blue), 4472C4, 1F4E79
//
// and only for colours strong enough to be a signal: saturation at least 35% and
// lightness between 12% and 75%. Greys, white, black, pale tints (a pale yellow
// header, FFF2CC; Excel's pale Good / Bad / Neutral fills; banded rows) and hues
// between the bands (yellow-green, cyan, purple, pink) are never read as a rating.
// Ragbook's own palette (core/palette.ts) is read exactly, the five-point scale's
// in-betweens included, so a summary copied back into a tracker reads as written.

interface Band {
  rating: RagWord;
  from: number;
  to: number;
}

const BANDS: readonly Band[] = [
  { rating: 'Red', from: 345, to: 360 },
  { rating: 'Red', from: 0, to: 15 },
  { rating: 'Amber', from: 15, to: 65 },
  { rating: 'Green', from: 70, to: 170 },
  { rating: 'Blue', from: 185, to: 250 },
];

const MIN_SATURATION = 0.35;
const MIN_LIGHTNESS = 0.12;
const MAX_LIGHTNESS = 0.75;

const OWN_PALETTE: ReadonlyMap<string, RagWord> = new Map(RAG_WORDS.map((w) => [RAG_COLOURS[w].fill.toUpperCase(), w]));

const HEX = /^#?([0-9a-f]{6})$/i;

/** Hue in degrees, saturation and lightness in 0–1 (HSL), of '#RRGGBB'; null when it is not one. */
export function hslOf(fill: string): { h: number; s: number; l: number } | null {
  const m = HEX.exec(fill.trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  const r = ((n >> 16) & 255) / 255;
  const g = ((n >> 8) & 255) / 255;
  const b = (n & 255) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { h: 0, s: 0, l };
  const s = d / (1 - Math.abs(2 * l - 1));
  let h: number;
  if (max === r) h = ((g - b) / d) % 6;
  else if (max === g) h = (b - r) / d + 2;
  else h = (r - g) / d + 4;
  h *= 60;
  if (h < 0) h += 360;
  return { h, s, l };
}

const cache = new Map<string, RagWord | null>();
const CACHE_LIMIT = 1000;

/** The rating a solid fill stands for, or null when the colour is no RAG signal. */
export function ratingOfFill(fill: string | null | undefined): RagWord | null {
  if (!fill) return null;
  const known = cache.get(fill);
  if (known !== undefined) return known;
  const rating = decide(fill);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(fill, rating);
  return rating;
}

function decide(fill: string): RagWord | null {
  const own = OWN_PALETTE.get(`#${fill.replace(/^#/, '').toUpperCase()}`);
  if (own) return own;
  const hsl = hslOf(fill);
  if (!hsl || hsl.s < MIN_SATURATION || hsl.l < MIN_LIGHTNESS || hsl.l > MAX_LIGHTNESS) return null;
  for (const band of BANDS) if (hsl.h >= band.from && hsl.h < band.to) return band.rating;
  return null;
}

/**
 * Whether a rating word agrees with the rating of its fill: an in-between agrees
 * with either of its colours (Amber/Green on green or amber).
 */
export function fillAgrees(word: RagWord, fillRating: RagWord): boolean {
  return word === fillRating || word.split('/').includes(fillRating);
}
