import type { Counts, Ratings } from './report';
import { PROGRESS_WORDS, type ProgressRead, type ProgressWord } from './vocabulary/progress';
import { RAG_WORDS, type RagWord } from './vocabulary/ratings';

// The names of the figures counted per work stream. They are field names of the JSON
// report, a stable interface, so they are written here once: the report's schema,
// the engine, the summary-block reader and the pane take them from this module,
// which stays free of zod for the pane's first bundle.

/** The counts of the progress words, in PROGRESS_WORDS' order. */
export const PROGRESS_COUNT_FIELDS = ['completed', 'inProgress', 'static', 'notStarted', 'withdrawn'] as const;
export type ProgressCountField = (typeof PROGRESS_COUNT_FIELDS)[number];

/**
 * The counts that have a share: a share is of the actions that still count (total
 * less withdrawn), so Withdrawn has none.
 */
export const SHARE_FIELDS = ['completed', 'inProgress', 'static', 'notStarted'] as const satisfies readonly ProgressCountField[];
export type ShareField = (typeof SHARE_FIELDS)[number];

/** Every count: the words, then the actions that could not be counted as one, then the total. */
export const COUNT_FIELDS = [...PROGRESS_COUNT_FIELDS, 'unrecognised', 'noStatus', 'total'] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

/** The count of each progress word. */
export const PROGRESS_FIELD = Object.fromEntries(PROGRESS_WORDS.map((w, i) => [w, PROGRESS_COUNT_FIELDS[i]])) as Readonly<
  Record<ProgressWord, ProgressCountField>
>;

/** The count of each reading of a progress cell, the two that are no word included. */
export const READ_COUNT_FIELD: Readonly<Record<ProgressRead, CountField>> = {
  ...PROGRESS_FIELD,
  Unrecognised: 'unrecognised',
  'No status': 'noStatus',
};

/** One count per rating, in the report's order, then the actions without one. */
export const RATING_FIELDS = ['blue', 'green', 'amber', 'red', 'amberGreen', 'amberRed', 'unrated'] as const;
export type RatingField = (typeof RATING_FIELDS)[number];

/** A rating's count is named for its word: Amber/Green is counted under amberGreen. */
export const RATING_FIELD: Readonly<Record<RagWord, Exclude<RatingField, 'unrated'>>> = Object.fromEntries(
  RAG_WORDS.map((w) => {
    const [first, second = ''] = w.split('/');
    return [w, first.toLowerCase() + second];
  }),
) as Record<RagWord, Exclude<RatingField, 'unrated'>>;

function zeros<K extends string>(names: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const n of names) out[n] = 0;
  return out;
}

export function emptyCounts(): Counts {
  return zeros(COUNT_FIELDS);
}

export function emptyRatings(): Ratings {
  return zeros(RATING_FIELDS);
}
