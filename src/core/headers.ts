import type { CellValue } from './grid';
import { HEADER_WORDS, PERIOD_AFTER, PERIOD_BEFORE, PERIOD_LEAD, PROGRESS_AT, PROGRESS_DATED, type Role } from './vocabulary/headers';
import { memoByJson } from './memo';

// Header cells are matched by meaning, not exact text: the words are those of
// vocabulary/headers.ts, and settings can add words of their own. Every text cell
// of a sheet may be asked about while looking for header rows, so the table is
// built once and a miss must be cheap.

export interface HeaderMatch {
  role: Role;
  confidence: 'exact' | 'prefix';
  /** Set when the header names a period (`Q2 status`, `Status at 30/09/2025`): one of a series of such columns. */
  dated?: true;
}

/** Header text is never this long; longer cells are action or progress text and need no look-up. */
const MAX_HEADER_LENGTH = 80;

/**
 * Case, spacing, line breaks inside a wrapped header cell, underscores and
 * closing punctuation (`Ref:`, `No.`, `By when?`, `Status*`) never change what a
 * header means. `#` is kept: on its own it is the id column.
 */
export function normaliseHeader(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/_+/g, ' ')
      .replace(/\s+/g, ' ')
      // `Rec. No.` is `Rec No`: an abbreviation's dot inside the header means nothing either.
      .replace(/\. /g, ' ')
      .replace(/[\s:.?*]+$/, '')
      .trim()
  );
}

/**
 * A long header cell with guidance after a dash or in brackets (`Status – select from
 * the drop-down list. Use Completed only when …`) is read by its words before them.
 */
export function guidanceCut(h: string): string {
  if (h.length <= MAX_HEADER_LENGTH) return h;
  const at = h.search(/ [-–—] |\(/);
  return at > 0 ? normaliseHeader(h.slice(0, at)) : h;
}

/** Headers are a few words; longer text is from the rows and is not tried against the looser rules. */
const MAX_HEADER_WORDS = 8;

export function progressHeaderDateText(text: string): string | null {
  const m = PROGRESS_AT.exec(text.replace(/\s+/g, ' ').trim());
  if (!m) return null;
  // `Progress at 30 June 2025 (Q1)`: the bracketed note is not part of the date.
  const date = m[1].replace(/\s*\([^)]*\)?$/, '').trim();
  return date || null;
}

/** The header matcher for the settings' header words: built once per distinct words (memo.ts), as it holds only their table. */
export const createHeaderMatcher = memoByJson(buildHeaderMatcher);

function buildHeaderMatcher(extra: Partial<Record<Role, string[]>>): (text: CellValue) => HeaderMatch | null {
  const table = new Map<string, Role>();
  for (const [role, words] of Object.entries(HEADER_WORDS) as [Role, readonly string[]][]) {
    for (const w of words) table.set(normaliseHeader(w), role);
  }
  // Settings come last so an office's own meaning for a word wins over ours.
  for (const [role, words] of Object.entries(extra ?? {}) as [Role, string[] | undefined][]) {
    for (const w of words ?? []) {
      const n = normaliseHeader(w);
      if (n) table.set(n, role);
    }
  }

  // The first word of every header known, so that text whose first word starts no
  // header is not split and looked up word by word.
  const firstWords = new Set<string>();
  for (const k of table.keys()) firstWords.add(k.split(/[ -]/)[0]);

  function lookUp(h: string): Role | undefined {
    // `Target-date`, `RAG-status`: a hyphen between words is a space.
    return table.get(h) ?? (h.includes('-') ? table.get(h.replace(/\s*-\s*/g, ' ')) : undefined);
  }

  return (value) => {
    if (typeof value !== 'string' || value.length > MAX_HEADER_LENGTH * 2) return null;
    const h = guidanceCut(normaliseHeader(value));
    if (!h || h.length > MAX_HEADER_LENGTH) return null;
    const exact = lookUp(h);
    if (exact) return { role: exact, confidence: 'exact' };
    if (PROGRESS_AT.test(h) || PROGRESS_DATED.test(h)) return { role: 'progress', confidence: 'prefix' };
    // `Timescale (by when)`, `Status (RAG)`, `Target date (dd/mm/yyyy)`: the words
    // before the bracket decide.
    const paren = h.indexOf('(');
    if (paren > 0) {
      const r = lookUp(normaliseHeader(h.slice(0, paren)));
      if (r) return { role: r, confidence: 'prefix' };
    }
    // `Status – select from the drop-down list`: a header with its guidance after a dash.
    const dash = h.search(/ [-–—] /);
    if (dash > 0) {
      const r = lookUp(normaliseHeader(h.slice(0, dash)));
      if (r) return { role: r, confidence: 'prefix' };
    }
    let words = 1;
    for (let i = h.indexOf(' '); i >= 0; i = h.indexOf(' ', i + 1)) if (++words > MAX_HEADER_WORDS) return null;
    // `Status / RAG`, `Progress & comments`, `Lead officer / team`: a header naming
    // two things is the column of both when the words it knows agree.
    if (h.includes('/') || h.includes('&')) {
      const parts = h.split(/ ?[/&] ?/).map((x) => normaliseHeader(x));
      const first = parts[0] ? lookUp(parts[0]) : undefined;
      if (first && parts.every((x) => !x || (lookUp(x) ?? first) === first)) return { role: first, confidence: 'prefix' };
    }
    // Every split into the words before and after a space. A period starts with one of
    // a few words or characters, so most splits of ordinary text are passed over
    // without copying anything.
    PERIOD_LEAD.lastIndex = 0;
    const periodFirst = PERIOD_LEAD.test(h);
    const headerFirst = firstWords.has(h.slice(0, h.indexOf(' ') >>> 0));
    if (!periodFirst && !headerFirst) return null;
    for (let at = h.indexOf(' '); at > 0; at = h.indexOf(' ', at + 1)) {
      PERIOD_LEAD.lastIndex = at + 1;
      if (headerFirst && PERIOD_LEAD.test(h)) {
        const before = lookUp(h.slice(0, at));
        if (before && PERIOD_AFTER.test(h.slice(at + 1))) return { role: before, confidence: 'prefix', dated: true };
      }
      if (periodFirst && PERIOD_BEFORE.test(h.slice(0, at))) {
        const after = lookUp(h.slice(at + 1));
        if (after) return { role: after, confidence: 'prefix', dated: true };
      }
    }
    return null;
  };
}
