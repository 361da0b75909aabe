// When typed text is a slip of a known spelling (DESIGN.md, "Reading a status cell",
// rule 3). A near miss is counted silently bar a warning, so the rule must never turn
// one meaning into another: `Off track` is not `On track`, `Unstarted` is not
// `Started`. Three tests, each on its own enough to refuse:
//   1. reach: the text is at most `slipsAllowed(spelling)` edits from the spelling
//      (one slip up to 6 letters, two beyond; a swap of two letters is one slip);
//   2. one meaning: no spelling of another meaning is within its own reach of the
//      text. Because reach is measured from each spelling, any slip of a spelling
//      is within reach of it, so a slip that also reaches another meaning is refused
//      rather than guessed;
//   3. whole words: lined up letter by letter, every word on both sides keeps its
//      first letter and more than half of its letters. `off` for `on` keeps one
//      letter of two, `unstarted` for `started` adds a word's start, `none` for
//      `done` changes a short word's first letter: each is another word, not a slip.

// Three rows of the distance table, reused by every call: statuses are read one
// at a time, and allocating per comparison dominated the cost of reading a column
// of free text.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Optimal string alignment distance (a swap of two neighbouring letters is one
 * edit, as in `Ambre`), giving up early once it must exceed `cap`: most
 * comparisons are against words far away, and those should cost almost nothing.
 */
export function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const n = b.length;
  if (rowA.length <= n) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
    rowC = new Int32Array(n + 1);
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = prev[j - 1] + (ai === bj ? 0 : 1);
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      if (j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj && prev2[j - 2] + 1 < v) v = prev2[j - 2] + 1;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[n];
}

const NOT_LETTER = /[^\p{L}\p{N}]/u;

/** Whether the character at k is a letter or digit (anything else separates words). */
function isLetter(s: string, k: number): boolean {
  const c = s.charCodeAt(k);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  return !NOT_LETTER.test(s[k]);
}

/** Letters and digits only: `in progress` has 10, `n/a` 2. */
function letterCount(s: string): number {
  let n = 0;
  for (let k = 0; k < s.length; k++) if (isLetter(s, k)) n++;
  return n;
}

/** Slips a near miss of this spelling may hold: one up to 6 letters, two beyond. */
export function slipsAllowed(spelling: string): number {
  return letterCount(spelling) <= 6 ? 1 : 2;
}

/**
 * For each character of a and of b, whether an optimal alignment keeps it (the same
 * letter on both sides, or one of two swapped letters). Texts here are short (a
 * spelling and text within two edits of it), so the whole table is affordable.
 */
// The whole table for keptLetters, reused: near misses are judged for every typed
// slip in a column, and a table per call was most of their cost.
let table = new Int32Array(32 * 32);

function keptLetters(a: string, b: string): { a: boolean[]; b: boolean[] } {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  if (table.length < (n + 1) * w) table = new Int32Array((n + 1) * w * 2);
  const d = table;
  for (let i = 0; i <= n; i++) d[i * w] = i;
  for (let j = 0; j <= m; j++) d[j] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      let v = d[(i - 1) * w + j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      if (d[(i - 1) * w + j] + 1 < v) v = d[(i - 1) * w + j] + 1;
      if (d[i * w + j - 1] + 1 < v) v = d[i * w + j - 1] + 1;
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] && d[(i - 2) * w + j - 2] + 1 < v)
        v = d[(i - 2) * w + j - 2] + 1;
      d[i * w + j] = v;
    }
  }
  const keptA = new Array<boolean>(n).fill(false);
  const keptB = new Array<boolean>(m).fill(false);
  let i = n;
  let j = m;
  // Back from the end, keeping letters wherever an optimal path allows it.
  while (i > 0 || j > 0) {
    const here = d[i * w + j];
    if (i > 0 && j > 0 && a[i - 1] === b[j - 1] && here === d[(i - 1) * w + j - 1]) {
      keptA[i - 1] = keptB[j - 1] = true;
      i--;
      j--;
    } else if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] && here === d[(i - 2) * w + j - 2] + 1) {
      keptA[i - 1] = keptA[i - 2] = keptB[j - 1] = keptB[j - 2] = true;
      i -= 2;
      j -= 2;
    } else if (i > 0 && j > 0 && here === d[(i - 1) * w + j - 1] + 1) {
      i--;
      j--;
    } else if (i > 0 && here === d[(i - 1) * w + j] + 1) {
      i--;
    } else {
      j--;
    }
  }
  return { a: keptA, b: keptB };
}

/** Every word of s keeps its first letter and more than half of its letters. */
function wordsKept(s: string, kept: boolean[]): boolean {
  let start = -1;
  let letters = 0;
  let keptCount = 0;
  for (let k = 0; k <= s.length; k++) {
    if (k < s.length && isLetter(s, k)) {
      if (start < 0) {
        start = k;
        if (!kept[k]) return false;
      }
      letters++;
      if (kept[k]) keptCount++;
    } else if (start >= 0) {
      if (keptCount * 2 <= letters) return false;
      start = -1;
      letters = 0;
      keptCount = 0;
    }
  }
  return true;
}

/** True when text differs from the spelling only by slips inside its words, never by a whole word. */
export function onlySlips(text: string, spelling: string): boolean {
  const kept = keptLetters(text, spelling);
  return wordsKept(text, kept.a) && wordsKept(spelling, kept.b);
}

export interface NearMissJudgement<T> {
  /** The one meaning the text is a slip of; null when none, or when slips of two meanings are within reach. */
  near: T | null;
  /** The spelling it is a slip of. */
  spelling: string | null;
  /** The strictly closest meaning within the suggestion reach, for text that is not a near miss. */
  hint: T | null;
}

/** A known spelling (normalised), its meaning, and how many slips a near miss of it may hold. */
export interface Candidate<T> {
  spelling: string;
  value: T;
  reach: number;
  /** Where each character stands in the spelling, as bits, for the bit-parallel distance; null when too long for 31 bits. */
  positions: BitPositions | null;
}

interface BitPositions {
  ascii: Int32Array;
  other: Map<number, number>;
}

const WORD_BITS = 31;

function positionsOf(spelling: string): BitPositions | null {
  if (spelling.length === 0 || spelling.length > WORD_BITS) return null;
  const ascii = new Int32Array(128);
  const other = new Map<number, number>();
  for (let i = 0; i < spelling.length; i++) {
    const ch = spelling.charCodeAt(i);
    if (ch < 128) ascii[ch] |= 1 << i;
    else other.set(ch, (other.get(ch) ?? 0) | (1 << i));
  }
  return { ascii, other };
}

/**
 * The optimal string alignment distance between a spelling (up to 31 characters,
 * given by its bit positions) and text, computed a column of the table at a time in
 * the bits of one number (Hyyrö's bit-parallel algorithm, with his extension for a
 * swap of two neighbouring letters). A column of free text is compared with every
 * spelling, so this is the reader's hottest loop; tests hold it to editDistance.
 */
export function bitDistance(positions: BitPositions, m: number, text: string): number {
  const high = 1 << (m - 1);
  let vp = (1 << m) - 1;
  let vn = 0;
  let d0 = 0;
  let eqPrev = 0;
  let score = m;
  for (let j = 0; j < text.length; j++) {
    const ch = text.charCodeAt(j);
    const eq = ch < 128 ? positions.ascii[ch] : (positions.other.get(ch) ?? 0);
    const tr = (((~d0 & eq) << 1) & eqPrev) | 0;
    d0 = (((eq & vp) + vp) ^ vp) | eq | vn | tr | 0;
    let hp = vn | ~(d0 | vp);
    let hn = d0 & vp;
    if (hp & high) score++;
    else if (hn & high) score--;
    hp = (hp << 1) | 1;
    hn = hn << 1;
    vp = hn | ~(d0 | hp);
    vn = d0 & hp;
    eqPrev = eq;
  }
  return score;
}

/** The spellings made ready for judging: their reach and bit positions are worked out once, not per cell. */
export function candidatesOf<T>(
  spellings: Iterable<readonly [string, T]>,
  reach: (spelling: string) => number = slipsAllowed,
): Candidate<T>[] {
  const out: Candidate<T>[] = [];
  for (const [spelling, value] of spellings) out.push({ spelling, value, reach: reach(spelling), positions: positionsOf(spelling) });
  return out;
}

/** How far a suggestion for unrecognised text may reach: never more than half the text, so `N/A` suggests nothing. */
function suggestionReach(length: number): number {
  return Math.min(4, Math.floor(length / 2));
}

/**
 * Judges normalised text that is not itself a known spelling against every
 * candidate. `same(a, b)` says whether two meanings are one.
 */
export function judgeNearMiss<T>(text: string, candidates: readonly Candidate<T>[], same: (a: T, b: T) => boolean): NearMissJudgement<T> {
  const hintReach = suggestionReach(text.length);
  let meaning: T | null = null;
  let ambiguous = false;
  const within: { spelling: string; d: number }[] = [];
  let hint: T | null = null;
  let hintDistance = hintReach + 1;
  let tied = false;
  for (let k = 0; k < candidates.length; k++) {
    const { spelling, value, reach, positions } = candidates[k];
    const cap = reach > hintReach ? reach : hintReach;
    const gap = text.length - spelling.length;
    if (gap > cap || -gap > cap) continue;
    const d = positions ? bitDistance(positions, spelling.length, text) : editDistance(text, spelling, cap);
    if (d <= reach) {
      if (meaning === null) meaning = value;
      else if (!same(meaning, value)) ambiguous = true;
      within.push({ spelling, d });
    }
    if (d <= hintReach) {
      if (d < hintDistance) {
        hint = value;
        hintDistance = d;
        tied = false;
      } else if (d === hintDistance && hint !== null && !same(hint, value)) tied = true;
    }
  }
  const suggestion = tied ? null : hint;
  if (meaning === null || ambiguous) return { near: null, spelling: null, hint: suggestion };
  // Closest first: the spelling the text is most likely a slip of decides.
  within.sort((x, y) => x.d - y.d);
  for (const w of within) if (onlySlips(text, w.spelling)) return { near: meaning, spelling: w.spelling, hint: suggestion };
  return { near: null, spelling: null, hint: suggestion };
}
