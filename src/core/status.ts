import { ratingOfFill } from './fill-colours';
import { detach, memoByJson } from './memo';
import { type CellValue, textOf } from './grid';
import { type Candidate, candidatesOf, judgeNearMiss } from './near-miss';
import {
  type ProgressRead,
  type ProgressWord,
  type SpellingMeaning,
  normaliseStatusText,
  progressSpellings,
  yesNoWord,
} from './vocabulary/progress';
import { RATING_LETTERS, RATING_SPELLINGS, RATING_WITH_COMMENT, type RagWord, type RatingRead } from './vocabulary/ratings';

export { editDistance } from './near-miss';

// Reading a status cell (DESIGN.md, "Statuses, ratings and progress"). Trackers are
// typed by hand for months, so the same word turns up as `complete`, `COMPLETED `
// and `Done`; all of those must count, but a guess must never be silent: synonyms
// and near misses say how they were read so the officer can be told. The words
// themselves are those of vocabulary/progress.ts and vocabulary/ratings.ts; when a
// slip is a near miss is decided in near-miss.ts.

/** How a progress cell was read, best first; the report names each reading by these words. */
export const PROGRESS_HOWS = ['exact', 'synonym', 'near-miss', 'yes-no', 'percent', 'unrecognised', 'empty'] as const;
export type ProgressHow = (typeof PROGRESS_HOWS)[number];
export interface ProgressReading {
  readonly word: ProgressRead;
  how: ProgressHow;
  raw: string;
  suggestion?: string;
  /** The rating the word implies (`At risk`: Amber; a completed word: Blue), or null. */
  implied: RagWord | null;
}

/** How a rating cell was read; a letter (`G`, `A/R`) is a reading of its own, and so is an empty cell's fill. */
export const RATING_HOWS = ['exact', 'letter', 'synonym', 'near-miss', 'colour', 'unrecognised', 'empty'] as const;
export type RatingHow = (typeof RATING_HOWS)[number];
export interface RatingReading {
  word: RatingRead;
  how: RatingHow;
  raw: string;
  suggestion?: string;
  /** The cell's fill, '#RRGGBB', when the rating was read from it. */
  fill?: string;
}

/** Bounded cache: a column of free text mistaken for statuses must not grow memory without limit. */
const CACHE_LIMIT = 10_000;

function setBounded<K, V>(cache: Map<K, V>, key: K, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

type Reading<T> = Omit<T, 'raw'>;

/** Two spellings mean the same when they count as the same word and imply the same rating (`On track` is not `Off track`). */
function sameMeaning(a: SpellingMeaning, b: SpellingMeaning): boolean {
  return a.word === b.word && a.implied === b.implied;
}

const sameRating = (a: RagWord, b: RagWord) => a === b;

// A rating slip is one letter in a word long enough that one letter cannot turn one
// colour into another (`Red` and `Rex` are too short to judge).
const RATING_CANDIDATES: Candidate<RagWord>[] = candidatesOf(RATING_SPELLINGS, () => 1);

/** The reader of status cells for the settings' synonyms: built once per distinct synonyms (memo.ts), as it holds only their answers. */
export const createStatusReader = memoByJson(buildStatusReader);

function buildStatusReader(extraSynonyms: Readonly<Record<string, ProgressWord>>) {
  // Everything a progress cell may say, with how it is said: the settings' synonyms on top of the built-in words.
  const { known, synonyms } = progressSpellings(extraSynonyms);
  const candidates = candidatesOf(known);

  // Trackers hold a handful of distinct spellings across thousands of rows, so
  // each spelling is worked out once.
  const progressCache = new Map<string, Reading<ProgressReading>>();
  const ratingCache = new Map<string, Reading<RatingReading>>();

  function readProgress(n: string): Reading<ProgressReading> {
    const direct = known.get(n);
    if (direct) return { word: direct.word, how: synonyms.has(n) ? 'synonym' : 'exact', implied: direct.implied };
    const { near, hint } = judgeNearMiss(n, candidates, sameMeaning);
    if (near) return { word: near.word, how: 'near-miss', suggestion: near.word, implied: near.implied };
    return hint
      ? { word: 'Unrecognised', how: 'unrecognised', suggestion: hint.word, implied: null }
      : { word: 'Unrecognised', how: 'unrecognised', implied: null };
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
    if (slash.length >= 4) {
      const { near } = judgeNearMiss(slash, RATING_CANDIDATES, sameRating);
      if (near) return { word: near, how: 'near-miss', suggestion: near };
    }
    return { word: 'Unrecognised', how: 'unrecognised' };
  }

  // A column holds a handful of spellings over thousands of rows: the finished
  // reading (raw text included) is kept per cell text, so a repeated word costs one
  // map lookup and no allocation. Readings are shared, so they are never mutated.
  const progressByRaw = new Map<string, ProgressReading>();
  const ratingByRaw = new Map<string, RatingReading>();
  const colourByFill = new Map<string, RatingReading | null>();
  // Yes or no, by the cell's text: asked of every cell of a status column when the
  // columns are told apart, so the text is normalised once per spelling, not per cell.
  const yesNoByRaw = new Map<string, ProgressWord | null>();

  function yesNoOf(raw: string): ProgressWord | null {
    let word = yesNoByRaw.get(raw);
    if (word === undefined) {
      word = yesNoWord(normaliseStatusText(raw)) ?? null;
      setBounded(yesNoByRaw, detach(raw), word);
    }
    return word;
  }

  function progress(value: CellValue): ProgressReading {
    const typed = textOf(value);
    let reading = progressByRaw.get(typed);
    if (reading) return reading;
    const raw = detach(typed);
    const n = normaliseStatusText(raw);
    if (!n) {
      reading = { word: 'No status', how: 'empty', raw, implied: null };
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
  }

  function rating(value: CellValue): RatingReading {
    const typed = textOf(value);
    let reading = ratingByRaw.get(typed);
    if (reading) return reading;
    const raw = detach(typed);
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
  }

  return {
    progress,
    rating,
    /** The word a yes or a no counts as (`Y`: Completed), or null for any other text. */
    yesNoWord: (value: CellValue): ProgressWord | null => yesNoOf(textOf(value)),
    /**
     * A cell of a column that asks whether each action is done (`Done? (Y/N)`): yes
     * is Completed, no is In progress; anything else is read as a status word.
     */
    yesNo(value: CellValue): ProgressReading {
      const raw = textOf(value);
      const word = yesNoOf(raw);
      if (!word) return progress(value);
      return { word, how: 'yes-no', raw, implied: null };
    },
    /**
     * The rating of an empty rating cell from its fill, as a reading; null when the
     * cell has text or its fill is no RAG colour (grey, white, a pale header yellow).
     */
    colour(value: CellValue, fill: string | null): RatingReading | null {
      if (!fill || normaliseStatusText(textOf(value))) return null;
      let reading = colourByFill.get(fill);
      if (reading === undefined) {
        const word = ratingOfFill(fill);
        reading = word ? { word, how: 'colour', raw: textOf(value), fill } : null;
        setBounded(colourByFill, fill, reading);
      }
      return reading;
    },
  };
}

export type StatusReader = ReturnType<typeof createStatusReader>;

/** What a status-like column holds, decided by its values. */
export const STATUS_DIMENSIONS = ['progress', 'rating', 'yes-no', 'unknown'] as const;
export type StatusDimension = (typeof STATUS_DIMENSIONS)[number];

/**
 * Decides what a status-like column holds from its values: 'rating' if most filled
 * cells read as ratings (exact, letter, a colour with a comment, or an empty cell
 * filled with a RAG colour), 'yes-no' if most say yes or no, 'progress' if most read
 * as progress words (exact, synonym, near miss), else 'unknown'. A header says
 * `Status` either way, so only the values can tell. `fills` is parallel to `values`.
 */
export function classifyStatusValues(
  values: readonly CellValue[],
  reader: StatusReader,
  fills?: readonly (string | null)[],
): StatusDimension {
  let ratings = 0;
  let progress = 0;
  let yesNo = 0;
  let filled = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || (typeof v === 'string' && !v.trim())) {
      if (fills && ratingOfFill(fills[i])) {
        filled++;
        ratings++;
      }
      continue;
    }
    filled++;
    // Ratings first: no rating spelling is also a progress word, and a letter such
    // as `A` must not be weighed as a failed progress word.
    const r = reader.rating(v).how;
    if (r === 'exact' || r === 'letter' || r === 'synonym') {
      ratings++;
      continue;
    }
    if (reader.yesNoWord(v)) {
      yesNo++;
      continue;
    }
    const p = reader.progress(v).how;
    if (p === 'exact' || p === 'synonym' || p === 'near-miss') progress++;
  }
  if (ratings * 2 > filled) return 'rating';
  if (yesNo * 2 > filled) return 'yes-no';
  if (progress * 2 > filled) return 'progress';
  return 'unknown';
}
