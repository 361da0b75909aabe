// Every word a progress status cell may say (DESIGN.md, "Statuses, ratings and
// progress"). The status reader, the summary-block reader and the pane read this
// one list, extended by the settings' status synonyms. Plain data and no zod: the
// pane's first bundle lists the four words in its settings form.

/** The four words counted, in the order the pane and the written sheets list them. */
export const PROGRESS_WORDS = ['Completed', 'In progress', 'Static', 'Not started'] as const;
export type ProgressWord = (typeof PROGRESS_WORDS)[number];

/** Case, surrounding and doubled spaces, hyphens and underscores never change what a status says. */
export function normaliseStatusText(s: string): string {
  return s.toLowerCase().replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
}

// Other spellings from real council, NHS, audit and inspection trackers. A settings
// synonym may give any of these another meaning (a service may mean something else
// by `Planned`), but never the four words themselves.
const BUILT_IN_SYNONYMS: readonly (readonly [string, ProgressWord])[] = [
  ['complete', 'Completed'],
  ['done', 'Completed'],
  ['achieved', 'Completed'],
  ['closed', 'Completed'],
  ['finished', 'Completed'],
  ['ongoing', 'In progress'],
  ['on going', 'In progress'],
  ['underway', 'In progress'],
  ['under way', 'In progress'],
  ['in hand', 'In progress'],
  ['started', 'In progress'],
  ['on track', 'In progress'],
  ['stalled', 'Static'],
  ['no progress', 'Static'],
  ['on hold', 'Static'],
  ['blocked', 'Static'],
  ['not yet started', 'Not started'],
  ['planned', 'Not started'],
  ['pending', 'Not started'],
  ['to do', 'Not started'],
  ['todo', 'Not started'],
];

export interface ProgressSpellings {
  /** Every spelling, normalised, with the word it counts as. */
  known: ReadonlyMap<string, ProgressWord>;
  /** The spellings that are synonyms rather than one of the four words. */
  synonyms: ReadonlySet<string>;
}

const CANONICAL: ReadonlyMap<string, ProgressWord> = new Map(PROGRESS_WORDS.map((w) => [normaliseStatusText(w), w]));

/** The built-in spellings with the settings' synonyms on top; `normalise` keys them as the caller compares. */
export function progressSpellings(
  extraSynonyms: Readonly<Record<string, ProgressWord>> | undefined,
  normalise: (s: string) => string = normaliseStatusText,
): ProgressSpellings {
  const known = new Map<string, ProgressWord>();
  for (const [k, v] of CANONICAL) known.set(normalise(k), v);
  const canonical = new Set(known.keys());
  const synonyms = new Set<string>();
  for (const [k, v] of [...BUILT_IN_SYNONYMS, ...Object.entries(extraSynonyms ?? {})]) {
    const n = normalise(k);
    if (!n || canonical.has(n)) continue;
    known.set(n, v);
    synonyms.add(n);
  }
  return { known, synonyms };
}

/** What a progress cell is counted as: one of the four words, or neither, with the reason. */
export const PROGRESS_READINGS = [...PROGRESS_WORDS, 'Unrecognised', 'No status'] as const;
export type ProgressRead = (typeof PROGRESS_READINGS)[number];
