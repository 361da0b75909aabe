import { type CellValue, textOf } from './grid';
import { type ProgressRead, type ProgressWord, normaliseStatusText, progressSpellings } from './vocabulary/progress';
import { RATING_LETTERS, RATING_SPELLINGS, RATING_WITH_COMMENT, type RatingRead } from './vocabulary/ratings';

// Reading a status cell (DESIGN.md, "Statuses, ratings and progress"). Trackers are
// typed by hand for months, so the same word turns up as `complete`, `COMPLETED `
// and `Done`; all of those must count, but a guess must never be silent: synonyms
// and near misses say how they were read so the officer can be told. The words
// themselves are those of vocabulary/progress.ts and vocabulary/ratings.ts.

/** How a progress cell was read, best first; the report names each reading by these words. */
export const PROGRESS_HOWS = ['exact', 'synonym', 'near-miss', 'unrecognised', 'empty'] as const;
export type ProgressHow = (typeof PROGRESS_HOWS)[number];
export interface ProgressReading {
  readonly word: ProgressRead;
  how: ProgressHow;
  raw: string;
  suggestion?: string;
}

/** How a rating cell was read; a letter (`G`, `A/R`) is a reading of its own. */
export const RATING_HOWS = ['exact', 'letter', 'synonym', 'near-miss', 'unrecognised', 'empty'] as const;
export type RatingHow = (typeof RATING_HOWS)[number];
export interface RatingReading {
  word: RatingRead;
  how: RatingHow;
  raw: string;
  suggestion?: string;
}

/** Bounded cache: a column of free text mistaken for statuses must not grow memory without limit. */
const CACHE_LIMIT = 10_000;

// ---------------------------------------------------------------------------

// Three rows of the distance table, reused by every call: statuses are read one
// at a time, and allocating per comparison dominated the cost of reading a column
// of free text.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Optimal string alignment distance (a swap of two neighbouring letters is one
 * edit, as in `Ambre`), giving up early once it must exceed `cap`: most
 * comparisons are against words far away, and those should cost almost nothing.
 */
export function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const n = b.length;
  if (rowA.length <= n) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
    rowC = new Int32Array(n + 1);
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = prev[j - 1] + (ai === bj ? 0 : 1);
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      if (j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj && prev2[j - 2] + 1 < v) v = prev2[j - 2] + 1;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[n];
}

interface Judgement<T> {
  /** The one value within the near-miss cap, 'ambiguous' when two values are, else null. */
  near: T | 'ambiguous' | null;
  /** The strictly closest value within the suggestion cap, for an unrecognised cell. */
  hint: T | null;
}

/**
 * One pass over the known words answers both questions about unmatched text.
 * A near miss needs a single value within reach: when words for two different
 * values are both within reach the text is ambiguous, even if one is closer,
 * because guessing between, say, In progress and Static would put an action in
 * the wrong column with only a warning to show for it.
 */
function judge<T>(text: string, words: ReadonlyMap<string, T>, nearCap: number, hintCap: number): Judgement<T> {
  const cap = Math.max(nearCap, hintCap);
  let near: T | 'ambiguous' | null = null;
  let hint: T | null = null;
  let hintDistance = hintCap + 1;
  let tied = false;
  for (const [key, value] of words) {
    const d = editDistance(text, key, cap);
    if (d > cap) continue;
    if (d <= nearCap && near !== 'ambiguous') near = near === null || near === value ? value : 'ambiguous';
    if (d < hintDistance) {
      hint = value;
      hintDistance = d;
      tied = false;
    } else if (d === hintDistance && value !== hint) tied = true;
  }
  return { near, hint: tied ? null : hint };
}

/**
 * How many edits a progress near miss may be. Short words sit close to other
 * real words (`none` is one edit from `done`, `tbc` three from `todo`), so they
 * must be typed right; longer phrases such as `In progess` tolerate two slips.
 */
function nearMissCap(length: number): number {
  if (length <= 4) return 0;
  if (length <= 7) return 1;
  return 2;
}

/** How far a suggestion for unrecognised text may reach: never more than half the text, so `N/A` suggests nothing. */
function suggestionCap(length: number): number {
  return Math.min(4, Math.floor(length / 2));
}

function setBounded<K, V>(cache: Map<K, V>, key: K, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

type Reading<T> = Omit<T, 'raw'>;

export function createStatusReader(extraSynonyms: Readonly<Record<string, ProgressWord>>) {
  // Everything a progress cell may say, with how it is said: the settings' synonyms on top of the built-in words.
  const { known, synonyms } = progressSpellings(extraSynonyms);

  // Trackers hold a handful of distinct spellings across thousands of rows, so
  // each spelling is worked out once.
  const progressCache = new Map<string, Reading<ProgressReading>>();
  const ratingCache = new Map<string, Reading<RatingReading>>();

  function readProgress(n: string): Reading<ProgressReading> {
    const direct = known.get(n);
    if (direct) return { word: direct, how: synonyms.has(n) ? 'synonym' : 'exact' };
    const { near, hint } = judge(n, known, nearMissCap(n.length), suggestionCap(n.length));
    if (near !== null && near !== 'ambiguous') return { word: near, how: 'near-miss', suggestion: near };
    return hint ? { word: 'Unrecognised', how: 'unrecognised', suggestion: hint } : { word: 'Unrecognised', how: 'unrecognised' };
  }

  function readRating(n: string): Reading<RatingReading> {
    const slash = n.replace(/\s*\/\s*/g, '/');
    const word = RATING_SPELLINGS.get(slash);
    if (word) return { word, how: 'exact' };
    const letter = RATING_LETTERS.get(slash.replace(/\s+/g, ''));
    if (letter) return { word: letter, how: 'letter' };
    const m = RATING_WITH_COMMENT.exec(n);
    if (m) {
      const colour = RATING_SPELLINGS.get(m[1].replace(/\s*\/\s*/g, '/'));
      // `Green Amber Red` is a list, not a comment: leave it to the officer.
      const rest = m[2].replace(/[)\s]+$/, '');
      if (colour && !RATING_SPELLINGS.has(rest) && !RATING_SPELLINGS.has(rest.split(' ')[0]))
        return { word: colour, how: 'synonym', suggestion: colour };
    }
    // Only one slip, and only in words long enough that one slip cannot turn one
    // colour into another (`Red` and `Rex` are too short to judge).
    if (slash.length >= 4) {
      const { near } = judge(slash, RATING_SPELLINGS, 1, 0);
      if (near !== null && near !== 'ambiguous') return { word: near, how: 'near-miss', suggestion: near };
    }
    return { word: 'Unrecognised', how: 'unrecognised' };
  }

  // A column holds a handful of spellings over thousands of rows: the finished
  // reading (raw text included) is kept per cell text, so a repeated word costs one
  // map lookup and no allocation. Readings are shared, so they are never mutated.
  const progressByRaw = new Map<string, ProgressReading>();
  const ratingByRaw = new Map<string, RatingReading>();

  return {
    progress(value: CellValue): ProgressReading {
      const raw = textOf(value);
      let reading = progressByRaw.get(raw);
      if (reading) return reading;
      const n = normaliseStatusText(raw);
      if (!n) {
        reading = { word: 'No status', how: 'empty', raw };
      } else {
        let r = progressCache.get(n);
        if (!r) {
          r = readProgress(n);
          setBounded(progressCache, n, r);
        }
        reading = { ...r, raw };
      }
      setBounded(progressByRaw, raw, reading);
      return reading;
    },
    rating(value: CellValue): RatingReading {
      const raw = textOf(value);
      let reading = ratingByRaw.get(raw);
      if (reading) return reading;
      const n = normaliseStatusText(raw);
      if (!n) {
        reading = { word: 'Unrated', how: 'empty', raw };
      } else {
        let r = ratingCache.get(n);
        if (!r) {
          r = readRating(n);
          setBounded(ratingCache, n, r);
        }
        reading = { ...r, raw };
      }
      setBounded(ratingByRaw, raw, reading);
      return reading;
    },
  };
}

export type StatusReader = ReturnType<typeof createStatusReader>;

/**
 * Decides what a status-like column holds from its values: 'rating' if most
 * non-empty values read as ratings (exact, letter, or a colour with a comment),
 * 'progress' if most read as progress words (exact/synonym/near-miss), else
 * 'unknown'. A header says `Status` either way, so only the values can tell.
 */
export function classifyStatusValues(values: CellValue[], reader: StatusReader): 'progress' | 'rating' | 'unknown' {
  let ratings = 0;
  let progress = 0;
  let filled = 0;
  for (const v of values) {
    if (v === null || (typeof v === 'string' && !v.trim())) continue;
    filled++;
    // Ratings first: no rating spelling is also a progress word, and a letter such
    // as `A` must not be weighed as a failed progress word.
    const r = reader.rating(v).how;
    if (r === 'exact' || r === 'letter' || r === 'synonym') {
      ratings++;
      continue;
    }
    const p = reader.progress(v).how;
    if (p === 'exact' || p === 'synonym' || p === 'near-miss') progress++;
  }
  if (ratings * 2 > filled) return 'rating';
  if (progress * 2 > filled) return 'progress';
  return 'unknown';
}
