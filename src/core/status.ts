import { type CellValue, textOf } from './grid';
import type { ProgressWord } from './settings';

// Reading a status cell (DESIGN.md, "Two kinds of status"): case, spacing, hyphens
// and underscores never matter; synonyms are accepted; a near miss to exactly one
// known word is read as that word with a warning; anything else is Unrecognised.

export type ProgressHow = 'exact' | 'synonym' | 'near-miss' | 'unrecognised' | 'empty';
export interface ProgressReading {
  word: ProgressWord | 'Unrecognised' | 'No status';
  how: ProgressHow;
  raw: string;
  suggestion?: string;
}

export type RatingWord = 'Blue' | 'Green' | 'Amber/Green' | 'Amber' | 'Amber/Red' | 'Red';
export type RatingHow = 'exact' | 'letter' | 'synonym' | 'near-miss' | 'unrecognised' | 'empty';
export interface RatingReading {
  word: RatingWord | 'Unrecognised' | 'Unrated';
  how: RatingHow;
  raw: string;
  suggestion?: string;
}

/** Best to worst. */
export const RATING_ORDER: RatingWord[] = ['Blue', 'Green', 'Amber/Green', 'Amber', 'Amber/Red', 'Red'];

export function normaliseStatusText(s: string): string {
  return s.toLowerCase().replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
}

const CANONICAL: Record<string, ProgressWord> = {
  completed: 'Completed',
  'in progress': 'In progress',
  static: 'Static',
  'not started': 'Not started',
};

const PROGRESS_SYNONYMS: Record<string, ProgressWord> = {
  complete: 'Completed',
  done: 'Completed',
  achieved: 'Completed',
  closed: 'Completed',
  finished: 'Completed',
  ongoing: 'In progress',
  'on going': 'In progress',
  underway: 'In progress',
  'under way': 'In progress',
  'in hand': 'In progress',
  started: 'In progress',
  'on track': 'In progress',
  stalled: 'Static',
  'no progress': 'Static',
  'on hold': 'Static',
  blocked: 'Static',
  'not yet started': 'Not started',
  planned: 'Not started',
  pending: 'Not started',
  'to do': 'Not started',
  todo: 'Not started',
};

const RATINGS: Record<string, RatingWord> = {
  blue: 'Blue',
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
  'amber/green': 'Amber/Green',
  'amber green': 'Amber/Green',
  'green/amber': 'Amber/Green',
  'green amber': 'Amber/Green',
  'amber/red': 'Amber/Red',
  'amber red': 'Amber/Red',
  'red/amber': 'Amber/Red',
  'red amber': 'Amber/Red',
};

const RATING_LETTERS: Record<string, RatingWord> = {
  b: 'Blue',
  g: 'Green',
  a: 'Amber',
  r: 'Red',
  'a/g': 'Amber/Green',
  ag: 'Amber/Green',
  'g/a': 'Amber/Green',
  'a/r': 'Amber/Red',
  ar: 'Amber/Red',
  'r/a': 'Amber/Red',
};

/** Optimal string alignment distance (a swap of two letters counts as one edit), capped. */
export function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j];
    prev = cur;
    if (rowMin > cap) return cap + 1;
  }
  return prev[b.length];
}

/** The single known word within `cap` edits, or null when none or several words qualify. */
function nearest<T>(text: string, words: Map<string, T>, cap: number): { key: string; value: T; distance: number } | null | 'ambiguous' {
  let best: { key: string; value: T; distance: number } | null = null;
  let ambiguous = false;
  for (const [key, value] of words) {
    const d = editDistance(text, key, cap);
    if (d > cap) continue;
    if (!best || d < best.distance) {
      best = { key, value, distance: d };
      ambiguous = false;
    } else if (d === best.distance && value !== best.value) ambiguous = true;
  }
  return ambiguous ? 'ambiguous' : best;
}

export function createStatusReader(extraSynonyms: Record<string, ProgressWord>) {
  const known = new Map<string, ProgressWord>();
  const how = new Map<string, ProgressHow>();
  for (const [k, v] of Object.entries(CANONICAL)) {
    known.set(k, v);
    how.set(k, 'exact');
  }
  for (const [k, v] of Object.entries(PROGRESS_SYNONYMS).concat(Object.entries(extraSynonyms))) {
    const n = normaliseStatusText(k);
    if (!how.has(n) || how.get(n) !== 'exact') {
      known.set(n, v);
      how.set(n, 'synonym');
    }
  }
  const ratingWords = new Map(Object.entries(RATINGS));
  // Trackers hold a handful of distinct spellings, so each is worked out once.
  const progressCache = new Map<string, Omit<ProgressReading, 'raw'>>();
  const ratingCache = new Map<string, Omit<RatingReading, 'raw'>>();

  function readProgress(n: string): Omit<ProgressReading, 'raw'> {
    const direct = known.get(n);
    if (direct) return { word: direct, how: how.get(n)! };
    // Short words are too easy to reach by accident: "done" is two edits from "none".
    const cap = n.length <= 4 ? 0 : n.length <= 7 ? 1 : 2;
    const near = cap > 0 ? nearest(n, known, cap) : null;
    if (near && near !== 'ambiguous') return { word: near.value, how: 'near-miss', suggestion: near.value };
    const loose = nearest(n, known, 4);
    return { word: 'Unrecognised', how: 'unrecognised', suggestion: loose && loose !== 'ambiguous' ? loose.value : undefined };
  }

  function readRating(n: string): Omit<RatingReading, 'raw'> {
    const word = ratingWords.get(n) ?? ratingWords.get(n.replace(/\s*\/\s*/g, '/'));
    if (word) return { word, how: 'exact' };
    const letter = RATING_LETTERS[n.replace(/\s+/g, '')];
    if (letter) return { word: letter, how: 'letter' };
    if (n.length >= 4) {
      const near = nearest(n, ratingWords, 1);
      if (near && near !== 'ambiguous') return { word: near.value, how: 'near-miss', suggestion: near.value };
    }
    return { word: 'Unrecognised', how: 'unrecognised' };
  }

  return {
    progress(value: CellValue): ProgressReading {
      const raw = value === null ? '' : textOf(value);
      const n = normaliseStatusText(raw);
      if (!n) return { word: 'No status', how: 'empty', raw };
      let r = progressCache.get(n);
      if (!r) {
        r = readProgress(n);
        progressCache.set(n, r);
      }
      return { ...r, raw };
    },
    rating(value: CellValue): RatingReading {
      const raw = value === null ? '' : textOf(value);
      const n = normaliseStatusText(raw);
      if (!n) return { word: 'Unrated', how: 'empty', raw };
      let r = ratingCache.get(n);
      if (!r) {
        r = readRating(n);
        ratingCache.set(n, r);
      }
      return { ...r, raw };
    },
  };
}

export type StatusReader = ReturnType<typeof createStatusReader>;

export function classifyStatusValues(values: CellValue[], reader: StatusReader): 'progress' | 'rating' | 'unknown' {
  let ratings = 0;
  let progress = 0;
  let filled = 0;
  for (const v of values) {
    if (v === null || (typeof v === 'string' && !v.trim())) continue;
    filled++;
    const r = reader.rating(v);
    if (r.how === 'exact' || r.how === 'letter') {
      ratings++;
      continue;
    }
    const p = reader.progress(v);
    if (p.how === 'exact' || p.how === 'synonym' || p.how === 'near-miss') progress++;
  }
  if (!filled) return 'unknown';
  if (ratings * 2 > filled && ratings >= progress) return 'rating';
  if (progress * 2 > filled) return 'progress';
  if (ratings > progress) return 'rating';
  return progress > 0 ? 'progress' : 'unknown';
}
