import { PROGRESS_FIELD, type ProgressCountField, RATING_FIELD, type RatingField } from '../count-fields';
import type { CellValue } from '../grid';
import { type ProgressWord, progressSpellings } from './progress';
import { RATING_SPELLINGS } from './ratings';

// The labels of a hand-typed summary block (`Completed | In progress | Static |
// Total`, with `Number` and `Percentage` rows). Its column labels are the words
// officers use in the status column itself, synonyms included (`Complete | Ongoing
// | On hold`), so they are read from the same spellings as the status cells, the
// settings' synonyms too; or the colours, when the block counts RAG ratings.

/** A figure a block states: a progress count, the total, or a rating's count. */
export type StatedFigure = ProgressCountField | 'total' | Exclude<RatingField, 'unrated'>;
/** A block's labels: the figures, and the row or column headings `Number` and `Percentage`. */
export type SummaryLabel = StatedFigure | 'number' | 'percentage';

// Words that label the total, the counts and the percentages themselves.
const FIGURE_LABELS: readonly (readonly [string, 'total' | 'number' | 'percentage'])[] = [
  ['total', 'total'],
  ['totals', 'total'],
  ['grand total', 'total'],
  ['total actions', 'total'],
  ['total number of actions', 'total'],
  ['no. of actions', 'total'],
  ['no of actions', 'total'],
  ['number of actions', 'total'],
  ['number', 'number'],
  ['no.', 'number'],
  ['count', 'number'],
  ['percentage', 'percentage'],
  ['percent', 'percentage'],
  ['%', 'percentage'],
  ['% of actions', 'percentage'],
  ['percentage of actions', 'percentage'],
  ['% of total', 'percentage'],
];

/** Words that may head the label column of a block written down the page (`Status | Number | %`). */
export const BLOCK_CORNER_WORDS: ReadonlySet<string> = new Set(['status', 'rag', 'rag status', 'progress status', 'summary', 'rating']);

/**
 * Only a trailing colon is dropped: `No.` is a label of its own, kept with its dot.
 * `Amber / Green` and `Amber-Green` are the same colour.
 */
function normaliseLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/[-_]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*:$/, '')
    .replace(/ ?\/ ?/g, '/');
}

const HAS_DIGIT = /\d/;
// Status words repeat down every row, so each spelling is normalised once.
const LABEL_CACHE_LIMIT = 5000;

export type SummaryLabeller = (text: CellValue) => SummaryLabel | null;

// Recalculations in one pane or one command mostly share their settings, so the
// last labeller is kept: its cache stays warm, and detection, which asks it about
// every row, calls one function run after run, which the optimiser handles best.
let last: { key: string; labeller: SummaryLabeller } | null = null;

/** Reads summary labels with the settings' status synonyms as well as the built-in words. */
export function createSummaryLabeller(statusSynonyms: Readonly<Record<string, ProgressWord>> | undefined): SummaryLabeller {
  const key = JSON.stringify(statusSynonyms ?? {});
  if (last?.key !== key) last = { key, labeller: buildLabeller(statusSynonyms) };
  return last.labeller;
}

function buildLabeller(statusSynonyms: Readonly<Record<string, ProgressWord>> | undefined): SummaryLabeller {
  const labels = new Map<string, SummaryLabel>();
  // A word that says more than its count (`At risk`, `Overdue`, `On track`) heads a
  // column counting some of that word's actions, not all of them: no label.
  for (const [spelling, meant] of progressSpellings(statusSynonyms, normaliseLabel).known)
    if (meant.implied === null || meant.implied === 'Blue') labels.set(spelling, PROGRESS_FIELD[meant.word]);
  for (const [spelling, word] of RATING_SPELLINGS) labels.set(spelling, RATING_FIELD[word]);
  // Last, so no synonym can turn `Total` or `Number` into a status.
  for (const [spelling, label] of FIGURE_LABELS) labels.set(spelling, label);

  const cache = new Map<string, SummaryLabel | null>();
  return (text) => {
    // Asked of the first cells of every row: no label is long or holds a digit, and
    // most cells fail one of those tests before any copy of the text is made.
    if (typeof text !== 'string' || text.length > 40 || HAS_DIGIT.test(text)) return null;
    const known = cache.get(text);
    if (known !== undefined) return known;
    const label = labels.get(normaliseLabel(text)) ?? null;
    if (cache.size >= LABEL_CACHE_LIMIT) cache.clear();
    cache.set(text, label);
    return label;
  };
}
