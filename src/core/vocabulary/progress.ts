import type { RagWord } from './ratings';

// Every word a progress status cell may say (DESIGN.md, "Statuses, ratings and
// progress"): the word it is counted as, and the rating it implies. The status
// reader, the summary-block reader and the pane read this one list, extended by the
// settings' status synonyms. Plain data and no zod: the pane's first bundle lists the
// words in its settings form.

/** The words counted, in the order the pane and the written sheets list them; Withdrawn is kept out of the shares. */
export const PROGRESS_WORDS = ['Completed', 'In progress', 'Static', 'Not started', 'Withdrawn'] as const;
export type ProgressWord = (typeof PROGRESS_WORDS)[number];

/** Case, surrounding and doubled spaces, hyphens and underscores never change what a status says. */
export function normaliseStatusText(s: string): string {
  return s.toLowerCase().replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** One way of writing a status: the word it counts as and, where it says more, the rating it implies. */
export interface StatusSpelling {
  spelling: string;
  word: ProgressWord;
  /** `At risk` is In progress but at least Amber; a completed word implies Blue. */
  implies?: RagWord;
}

// Other spellings from real council, NHS, audit and inspection trackers. A settings
// synonym may give any of these another meaning (a service may mean something else
// by `Planned`), but never the five words themselves. A completed word implies Blue
// without saying so here: every Completed spelling does.
const BUILT_IN: readonly StatusSpelling[] = [
  { spelling: 'complete', word: 'Completed' },
  { spelling: 'done', word: 'Completed' },
  { spelling: 'achieved', word: 'Completed' },
  { spelling: 'closed', word: 'Completed' },
  { spelling: 'finished', word: 'Completed' },
  { spelling: 'implemented', word: 'Completed' },
  { spelling: 'embedded', word: 'Completed' },
  { spelling: 'delivered', word: 'Completed' },
  { spelling: 'fully implemented', word: 'Completed' },
  { spelling: 'fully achieved', word: 'Completed' },
  { spelling: 'fully complete', word: 'Completed' },
  { spelling: 'ongoing', word: 'In progress' },
  { spelling: 'on going', word: 'In progress' },
  { spelling: 'underway', word: 'In progress' },
  { spelling: 'under way', word: 'In progress' },
  { spelling: 'in hand', word: 'In progress' },
  { spelling: 'started', word: 'In progress' },
  { spelling: 'open', word: 'In progress' },
  { spelling: 'work in progress', word: 'In progress' },
  { spelling: 'partially implemented', word: 'In progress' },
  { spelling: 'partially achieved', word: 'In progress' },
  { spelling: 'partially complete', word: 'In progress' },
  { spelling: 'partially completed', word: 'In progress' },
  { spelling: 'partly implemented', word: 'In progress' },
  { spelling: 'partly achieved', word: 'In progress' },
  { spelling: 'on track', word: 'In progress', implies: 'Green' },
  { spelling: 'on schedule', word: 'In progress', implies: 'Green' },
  { spelling: 'at risk', word: 'In progress', implies: 'Amber' },
  { spelling: 'delayed', word: 'In progress', implies: 'Amber' },
  { spelling: 'slipping', word: 'In progress', implies: 'Amber' },
  { spelling: 'slipped', word: 'In progress', implies: 'Amber' },
  { spelling: 'off track', word: 'In progress', implies: 'Red' },
  { spelling: 'behind schedule', word: 'In progress', implies: 'Red' },
  { spelling: 'overdue', word: 'In progress', implies: 'Red' },
  { spelling: 'stalled', word: 'Static' },
  { spelling: 'no progress', word: 'Static' },
  { spelling: 'on hold', word: 'Static' },
  { spelling: 'paused', word: 'Static' },
  { spelling: 'blocked', word: 'Static' },
  { spelling: 'not achieved', word: 'Static', implies: 'Red' },
  { spelling: 'not yet started', word: 'Not started' },
  { spelling: 'planned', word: 'Not started' },
  { spelling: 'pending', word: 'Not started' },
  { spelling: 'to do', word: 'Not started' },
  { spelling: 'todo', word: 'Not started' },
  { spelling: 'not yet due', word: 'Not started' },
  { spelling: 'not implemented', word: 'Not started' },
  { spelling: 'not yet implemented', word: 'Not started' },
  { spelling: 'superseded', word: 'Withdrawn' },
  { spelling: 'cancelled', word: 'Withdrawn' },
  { spelling: 'canceled', word: 'Withdrawn' },
  { spelling: 'no longer required', word: 'Withdrawn' },
  { spelling: 'no longer needed', word: 'Withdrawn' },
  { spelling: 'no longer applicable', word: 'Withdrawn' },
  { spelling: 'not applicable', word: 'Withdrawn' },
  { spelling: 'n/a', word: 'Withdrawn' },
  { spelling: 'na', word: 'Withdrawn' },
];

/** The built-in spellings other than the five words, as listed: the vocabulary test and the README read them. */
export const BUILT_IN_SPELLINGS: readonly StatusSpelling[] = BUILT_IN;

/** What a spelling counts as, and the rating it implies (null when it implies none). */
export interface SpellingMeaning {
  word: ProgressWord;
  implied: RagWord | null;
}

export interface ProgressSpellings {
  /** Every spelling, normalised, with what it means. */
  known: ReadonlyMap<string, SpellingMeaning>;
  /** The spellings that are synonyms rather than one of the five words. */
  synonyms: ReadonlySet<string>;
}

/** A completed word implies Blue; any other word implies nothing of itself. */
function meaning(word: ProgressWord, implies?: RagWord): SpellingMeaning {
  return { word, implied: implies ?? (word === 'Completed' ? 'Blue' : null) };
}

/** The built-in spellings with the settings' synonyms on top; `normalise` keys them as the caller compares. */
export function progressSpellings(
  extraSynonyms: Readonly<Record<string, ProgressWord>> | undefined,
  normalise: (s: string) => string = normaliseStatusText,
): ProgressSpellings {
  const known = new Map<string, SpellingMeaning>();
  for (const w of PROGRESS_WORDS) known.set(normalise(w), meaning(w));
  const canonical = new Set(known.keys());
  const synonyms = new Set<string>();
  const add = (spelling: string, m: SpellingMeaning) => {
    const n = normalise(spelling);
    if (!n || canonical.has(n)) return;
    known.set(n, m);
    synonyms.add(n);
  };
  for (const s of BUILT_IN) add(s.spelling, meaning(s.word, s.implies));
  // A synonym from settings says only which word it counts as; a built-in spelling
  // given another word by settings loses the rating it implied, which was for its old word.
  for (const [k, v] of Object.entries(extraSynonyms ?? {})) add(k, meaning(v));
  return { known, synonyms };
}

/** What a progress cell is counted as: one of the five words, or neither, with the reason. */
export const PROGRESS_READINGS = [...PROGRESS_WORDS, 'Unrecognised', 'No status'] as const;
export type ProgressRead = (typeof PROGRESS_READINGS)[number];

// A `Done? (Y/N)` column: yes is done; no is an action still open, so In progress.
const YES_NO: ReadonlyMap<string, ProgressWord> = new Map([
  ['y', 'Completed'],
  ['yes', 'Completed'],
  ['n', 'In progress'],
  ['no', 'In progress'],
]);

/** The word a yes or no means in a column that asks whether each action is done; undefined for anything else. */
export function yesNoWord(normalised: string): ProgressWord | undefined {
  return YES_NO.get(normalised);
}
