// Every way a RAG rating is written (DESIGN.md, "Statuses, ratings and progress"):
// the words, their five-point in-betweens, the letters, and a colour followed by a
// comment. The status reader, the summary-block reader, the report's schema, the
// written sheets and the pane all take the words from here. Plain data, no zod.

/** Best to worst. Blue is complete; Amber/Green and Amber/Red are the five-point scale's in-betweens. */
export const RAG_WORDS = ['Blue', 'Green', 'Amber/Green', 'Amber', 'Amber/Red', 'Red'] as const;
export type RagWord = (typeof RAG_WORDS)[number];

/**
 * A work stream's RAG: a rating, or Not rated where nothing can be judged (no
 * action still counts, or no status, rating or readable date to judge by).
 */
export const NOT_RATED = 'Not rated';
export const RAG_VALUES = [...RAG_WORDS, NOT_RATED] as const;
export type RagValue = (typeof RAG_VALUES)[number];

/**
 * Rating spellings, in normalised status text (see normaliseStatusText) with the
 * spaces around '/' removed, so `Amber / Green`, `amber-green` and `Amber Green`
 * all land on the same key. Either colour of an in-between may come first.
 */
export const RATING_SPELLINGS: ReadonlyMap<string, RagWord> = new Map(
  RAG_WORDS.flatMap((word): [string, RagWord][] => {
    const parts = word.toLowerCase().split('/');
    if (parts.length === 1) return [[parts[0], word]];
    const [a, b] = parts;
    return [
      [`${a}/${b}`, word],
      [`${a} ${b}`, word],
      [`${b}/${a}`, word],
      [`${b} ${a}`, word],
    ];
  }),
);

/** RAG letters, compared with every space removed: `A / G` and `AG` are the same mark. */
export const RATING_LETTERS: ReadonlyMap<string, RagWord> = new Map(
  RAG_WORDS.flatMap((word): [string, RagWord][] => {
    const letters = word
      .toLowerCase()
      .split('/')
      .map((w) => w[0]);
    if (letters.length === 1) return [[letters[0], word]];
    const [a, b] = letters;
    return [
      [`${a}/${b}`, word],
      [`${a}${b}`, word],
      [`${b}/${a}`, word],
    ];
  }),
);

// `Green - on track`, `Blue (complete)`, `Red: overdue`: a colour followed by a
// comment is still a rating, but it is reported as a reading, not taken silently.
// Longest alternatives first so `amber green - …` is not read as plain Amber.
const COLOURS = [...RATING_SPELLINGS.keys()]
  .map((k) => k.replace('/', ' ?\\/ ?'))
  .sort((a, b) => b.length - a.length)
  .join('|');
export const RATING_WITH_COMMENT = new RegExp(`^(${COLOURS})\\s*(?:[(:–—,]\\s*|\\s)(.*[a-z].*)$`);

/** What a rating cell is counted as: a RAG word, or neither, with the reason. */
export const RATING_READINGS = [...RAG_WORDS, 'Unrecognised', 'Unrated'] as const;
export type RatingRead = (typeof RATING_READINGS)[number];
