import { type Area, type CellValue, isBlank, textOf } from '../grid';
import { KEY_ENTRY, KEY_HEADING, KEY_MEANING_HEADER } from '../vocabulary/titles';
import type { CellReaders } from './cell-readers';
import type { HeaderReader } from './header-roles';
import { type SheetView, filledColumns, filledIn, firstFilledIn, valueAt } from './sheet-view';
import type { Band } from './types';

// Keys and legends (DESIGN.md, "Tracker shapes" 8): `Key` over `Blue = complete`,
// `Green – on track` …; a small table `RAG | Meaning` over one row per colour; a
// `Status key` over each status word and what it means. They explain the words a
// tracker uses and are never counted as actions, nor reported as unread tables.

/** A key lists a handful of words; a longer list is a table of its own. */
const MAX_ENTRIES = 10;
const MAX_ENTRY_WORD = 30;
const MAX_EXPLANATION = 200;

function text(v: CellValue): string {
  return typeof v === 'string' ? v.trim() : '';
}

/** A key's entry word: a status or rating word, or any short label (a key may define its own words). */
function isEntryWord(v: CellValue, readers: CellReaders): boolean {
  const t = text(v);
  if (!t || t.length > MAX_ENTRY_WORD) return false;
  return readers.isRatingWord(t) || readers.isProgressWord(t) || t.split(/\s+/).length <= 4;
}

/**
 * The entries of a key from row `from` down, in the columns from c0: each a word
 * with its meaning beside it, or `Word = meaning` in one cell. Returns the last row
 * and the last column used, or null when there are fewer than two.
 */
function entriesBelow(view: SheetView, from: number, c0: number, band: Band, readers: CellReaders, needWord: boolean) {
  let last = -1;
  let lastCol = c0;
  const seen = new Set<string>();
  for (let r = from; r < from + MAX_ENTRIES && r < view.sheet.rows.length; r++) {
    const cols = filledColumns(view, r, { c1: c0, c2: band.c2 });
    if (cols.length === 0 || cols[0] !== c0) break;
    const first = valueAt(view, r, c0);
    const word = text(first);
    let ok = false;
    if (cols.length === 1) {
      // `Blue = complete` in one cell.
      const m = KEY_ENTRY.exec(word);
      ok = m !== null && word.length <= MAX_EXPLANATION && (!needWord || readers.isRatingWord(m[1]) || readers.isProgressWord(m[1]));
    } else if (cols.length <= 3 && isEntryWord(first, readers)) {
      // A word and its meaning (and what happens) beside it: text, never a date or a figure.
      ok = cols.slice(1).every((c) => {
        const v = valueAt(view, r, c);
        return typeof v === 'string' && v.length <= MAX_EXPLANATION;
      });
      if (needWord) ok &&= readers.isRatingWord(first) || readers.isProgressWord(first);
    }
    if (!ok || seen.has(word.toLowerCase())) break;
    seen.add(word.toLowerCase());
    last = r;
    lastCol = Math.max(lastCol, cols[cols.length - 1]);
  }
  return last >= from + 1 ? { last, lastCol } : null;
}

/** The key starting at row r within the band, or null. */
export function legendAt(view: SheetView, r: number, band: Band, readers: CellReaders, read: HeaderReader): Area | null {
  // Asked of every row: a key starts with a short word in its first filled cell, and most rows do not.
  if (filledIn(view, r, band, 4) > 3) return null;
  const lead = valueAt(view, r, firstFilledIn(view, r, band));
  if (typeof lead !== 'string' || lead.length > 40) return null;
  const cols = filledColumns(view, r, band);
  if (cols.length === 0 || cols.length > 3) return null;
  const c0 = cols[0];
  const first = text(valueAt(view, r, c0));
  if (!first || first.length > 40) return null;
  if (cols.length === 1 && KEY_HEADING.test(first)) {
    // `Key` alone over `Green | On track`: its entries reach past the heading's own cell.
    const e = entriesBelow(view, r + 1, c0, { c1: band.c1, c2: Math.max(band.c2, reachRight(view, r, c0)) }, readers, false);
    return e ? { r1: r, c1: c0, r2: e.last, c2: Math.max(e.lastCol, mergeEnd(view, r, c0)) } : null;
  }
  // `RAG | Meaning | What happens`: the words of a status column over their meanings.
  if (
    cols.length >= 2 &&
    (read(first).role === 'status' || KEY_HEADING.test(first)) &&
    KEY_MEANING_HEADER.test(textOf(valueAt(view, r, cols[1])))
  ) {
    const e = entriesBelow(view, r + 1, c0, band, readers, true);
    return e ? { r1: r, c1: c0, r2: e.last, c2: Math.max(e.lastCol, cols[cols.length - 1]) } : null;
  }
  return null;
}

function mergeEnd(view: SheetView, r: number, c: number): number {
  const m = view.mergeAt(r, c);
  return m ? m.c2 : c;
}

/** How far right a key's entries may reach from its heading at (r, c): a word, its meaning and what happens, while the heading's row is empty there. */
function reachRight(view: SheetView, r: number, c: number): number {
  let last = c;
  while (last < c + 2 && isBlank(valueAt(view, r, last + 1)) && view.mergeAt(r, last + 1) === null) last++;
  return last;
}
