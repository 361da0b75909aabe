import { createHeaderMatcher, guidanceCut, normaliseHeader } from '../headers';
import { detach, memoByJson } from '../memo';
import type { Settings } from '../settings';
import {
  AGREED_TARGET_WORDS,
  END_TARGET_WORDS,
  GROUP_HEADER_WORDS,
  GROUP_IF_REPEATED_WORDS,
  HEADER_WORDS,
  ID_SUFFIX,
  NOT_ID_WORDS,
  NOT_TARGET_DATE_HEADERS,
  ORIGINAL_TARGET_WORDS,
  OWNER_SUFFIX,
  PERCENT_DONE_WORDS,
  PERCENT_HEADER,
  REVISED_TARGET_WORDS,
  type Role,
} from '../vocabulary/headers';

// What one header cell says its column holds, by meaning (DESIGN.md's header table
// and "Several date columns"). The synonyms are those of vocabulary/headers.ts with
// the settings' own words on top (core/headers.ts); this adds what a table needs to
// choose between several date columns.

export interface HeaderReading {
  role: Role | 'group' | null;
  /**
   * For a target header, how directly it names the action's target, higher first:
   * 5 revised (Revised, Latest, Current), 4 agreed, 3.5 an end (End date), 3 a plain
   * target (Target date, Due), 2 original, 1 a bare `Date`. 0 for other headers.
   */
  targetRank: number;
  /** A date that is never the target: when the action started, was raised, met or closed. */
  notTarget: boolean;
  /** One of a series of columns kept per period (`Q2 status`). */
  dated: boolean;
  /** The header is one Ragbook knows (a role, a grouping word, or a date that is not the target). */
  known: boolean;
  /** A header that groups the rows when its values are written once, merged down or repeated (`Outcome`). */
  groupIfRepeated?: true;
}

export const UNKNOWN: HeaderReading = { role: null, targetRank: 0, notTarget: false, dated: false, known: false };
const GROUP_IF_REPEATED: HeaderReading = { ...UNKNOWN, groupIfRepeated: true };

export const TARGET_RANK = { revised: 5, agreed: 4, end: 3.5, plain: 3, original: 2, bareDate: 1 } as const;

const MAX_HEADER = 80;
const ACTUAL = /\bactual(?:ly)?\b/;
const CACHE_LIMIT = 5000;
const QUALIFIERS = new RegExp(`${REVISED_TARGET_WORDS.source}|${AGREED_TARGET_WORDS.source}|${ORIGINAL_TARGET_WORDS.source}`, 'g');

function targetRank(h: string): number {
  if (/^dates?$/.test(h)) return TARGET_RANK.bareDate;
  if (REVISED_TARGET_WORDS.test(h)) return TARGET_RANK.revised;
  if (AGREED_TARGET_WORDS.test(h)) return TARGET_RANK.agreed;
  if (ORIGINAL_TARGET_WORDS.test(h)) return TARGET_RANK.original;
  if (END_TARGET_WORDS.test(h)) return TARGET_RANK.end;
  return TARGET_RANK.plain;
}

export type HeaderReader = (text: string) => HeaderReading;

export function createHeaderReader(settings: Pick<Settings, 'headerSynonyms'>): HeaderReader {
  return headerReaderFor(settings.headerSynonyms);
}

/** Built once per distinct header words (memo.ts): it holds only their answers. */
const headerReaderFor = memoByJson(buildHeaderReader);

function buildHeaderReader(headerSynonyms: Settings['headerSynonyms']): HeaderReader {
  const match = createHeaderMatcher(headerSynonyms);
  const notTarget = new Set(NOT_TARGET_DATE_HEADERS.map(normaliseHeader));
  const percent = new Set(HEADER_WORDS.percent.map(normaliseHeader));
  const cache = new Map<string, HeaderReading>();

  function asRole(role: Role, dated: boolean, h: string): HeaderReading {
    return { role, targetRank: role === 'target' ? targetRank(h) : 0, notTarget: false, dated, known: true };
  }

  function read(h: string): HeaderReading {
    if (notTarget.has(h)) return { ...UNKNOWN, notTarget: true, known: true };
    if (percent.has(h) || (PERCENT_HEADER.test(h) && PERCENT_DONE_WORDS.test(h))) return asRole('percent', false, h);
    if (GROUP_HEADER_WORDS.has(h)) return { ...UNKNOWN, role: 'group', known: true };
    if (GROUP_IF_REPEATED_WORDS.has(h)) return GROUP_IF_REPEATED;
    const m = match(h);
    // `Completion date (actual)`, `Actual end`: when it was done, never when it is due.
    if (m?.role === 'target' && ACTUAL.test(h)) return { ...UNKNOWN, notTarget: true, known: true };
    if (m) return asRole(m.role, m.dated === true, h);
    // `Revised target date`, `Latest target`, `Original due date`: a target header
    // with a word saying which one; `Revised start date` is still a start.
    QUALIFIERS.lastIndex = 0;
    if (QUALIFIERS.test(h)) {
      const base = normaliseHeader(h.replace(QUALIFIERS, ' '));
      if (base && notTarget.has(base)) return { ...UNKNOWN, notTarget: true, known: true };
      const b = base ? match(base) : null;
      if (b?.role === 'target') return { role: 'target', targetRank: targetRank(h), notTarget: false, dated: false, known: true };
    }
    if (ID_SUFFIX.test(h) && !NOT_ID_WORDS.test(h)) return asRole('id', false, h);
    if (OWNER_SUFFIX.test(h)) return asRole('owner', false, h);
    return UNKNOWN;
  }

  return (text) => {
    if (text.length > MAX_HEADER * 2) return UNKNOWN;
    let r = cache.get(text);
    if (r === undefined) {
      const h = guidanceCut(normaliseHeader(text));
      r = !h || h.length > MAX_HEADER ? UNKNOWN : read(h);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(detach(text), r);
    }
    return r;
  };
}
