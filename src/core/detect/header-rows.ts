import { type CellValue, isBlank, textOf } from '../grid';
import { isStrongTitle } from '../vocabulary/titles';
import type { CellReaders } from './cell-readers';
import { type HeaderReader, type HeaderReading, UNKNOWN } from './header-roles';
import { type SheetView, filledIn, valueAt } from './sheet-view';
import type { Band } from './types';

// Header candidates (DESIGN.md, "How tables are found", step 2): rows, or two
// stacked rows, whose cells name roles by meaning. A row is cut into the runs of
// cells that empty columns bound, so two tables side by side have two headers; a
// group cell merged over sub-headers (`Timescale` over `Start | End`) gives each
// column both words (`Timescale End`).

export interface HeaderCell {
  c: number;
  /** The header as read: a group's words and the sub-header's joined. Empty where blank. */
  text: string;
  reading: HeaderReading;
}

export interface HeaderCandidate {
  /** One row, or the two of a header written over two rows, top first. */
  rows: number[];
  band: Band;
  /** One per column of the band, left to right. */
  cells: HeaderCell[];
}

const ROLE_BITS: Readonly<Record<NonNullable<HeaderReading['role']>, number>> = {
  id: 1,
  action: 2,
  progress: 4,
  status: 8,
  percent: 16,
  target: 32,
  owner: 64,
  milestones: 128,
  group: 256,
};

/** Header cells are a few words; a longer text is an action or a remark. */
export const MAX_HEADER_TEXT = 80;
/** A group cell spans a few sub-headers (`Timescale` over `Start | End`); a wider merge is a title. */
const MAX_GROUP_WIDTH = 4;
const MAX_SUB_HEADER = 40;
/** How far below a gap in a header row is looked at to decide that its column is empty. */
const GAP_LOOK_DOWN = 4;

function headerText(v: CellValue): string {
  return textOf(v).replace(/\s+/g, ' ').trim();
}

/**
 * The runs of filled cells of row r that empty columns bound: a gap splits the row
 * where its columns are empty in the row and in the rows just below (a column with
 * no header but values below is part of the table). Cells covered by a merge count
 * as filled. Returns the bands, left to right.
 */
export function rowBands(view: SheetView, r: number, within: Band): Band[] {
  const row = view.sheet.rows[r];
  if (!row) return [];
  const end = Math.min(within.c2, Math.max(row.length - 1, lastMergedCol(view, r, within)));
  const out: Band[] = [];
  let start = -1;
  let last = -1;
  for (let c = within.c1; c <= end; c++) {
    const filled = !isBlank(row[c]) || view.mergeAt(r, c) !== null;
    if (!filled) continue;
    if (start < 0) start = c;
    else if (c > last + 1 && gapIsEmpty(view, r, last + 1, c - 1)) {
      out.push({ c1: start, c2: last });
      start = c;
    }
    last = c;
  }
  if (start >= 0) out.push({ c1: start, c2: last });
  return out;
}

function lastMergedCol(view: SheetView, r: number, within: Band): number {
  let last = -1;
  for (const m of view.mergesIn(r)) if (m.c2 > last && m.c1 <= within.c2) last = Math.min(m.c2, within.c2);
  return last;
}

function gapIsEmpty(view: SheetView, r: number, c1: number, c2: number): boolean {
  for (let q = r + 1; q <= r + GAP_LOOK_DOWN; q++) {
    for (let c = c1; c <= c2; c++) if (!isBlank(valueAt(view, q, c))) return false;
  }
  return true;
}

/** A group cell of the upper row of a two-row header: its columns and words. */
interface GroupSpan {
  c1: number;
  c2: number;
  text: string;
}

/**
 * The group cells of row u over row u + 1, when the two rows form one header: each
 * filled cell of the lower row sits under a group or under an empty upper cell, at
 * least one under a group, and the sub-headers are short words rather than values.
 * Null when they do not.
 */
function twoRowGroups(view: SheetView, u: number, band: Band, read: HeaderReader, readers: CellReaders): GroupSpan[] | null {
  const l = u + 1;
  if (filledIn(view, l, band, 1) === 0) return null;
  const groups: GroupSpan[] = [];
  for (let c = band.c1; c <= band.c2; c++) {
    const v = valueAt(view, u, c);
    if (typeof v !== 'string' || isBlank(v)) continue;
    const m = view.mergeAt(u, c);
    let c2 = c;
    if (m && m.r1 === u && m.r2 === u && m.c1 === c && m.c2 > c) {
      c2 = m.c2;
    } else if (!m) {
      // A group typed without merging: the empty cells to its right, over sub-headers.
      while (c2 + 1 <= band.c2 && isBlank(valueAt(view, u, c2 + 1)) && view.mergeAt(u, c2 + 1) === null) c2++;
      if (c2 === c || filledIn(view, l, { c1: c, c2 }, 2) < 2) continue;
    } else {
      continue;
    }
    const text = headerText(v);
    // A merge from the left edge, or a wide one, or a title's wording, is a title over the header.
    if (c === band.c1 || c2 - c + 1 > MAX_GROUP_WIDTH || text.length > MAX_SUB_HEADER || isStrongTitle(text)) return null;
    groups.push({ c1: c, c2, text });
    c = c2;
  }
  if (groups.length === 0) return null;
  let underGroup = 0;
  const row = view.sheet.rows[l] ?? [];
  for (let c = band.c1; c <= band.c2; c++) {
    const v = row[c] ?? null;
    if (isBlank(v)) continue;
    if (typeof v !== 'string' || v.trim().length > MAX_SUB_HEADER) return null;
    const group = groups.find((g) => c >= g.c1 && c <= g.c2);
    // A word a header may be (`Start`, `End`, `RAG`) is a sub-header, even where it is
    // also a near miss of a status word (`Start` of `Started`); other status words are values.
    const named = group !== undefined && (read(v).known || read(`${group.text} ${v}`).known);
    if (!named && (readers.isProgressWord(v) || readers.isRatingWord(v))) return null;
    if (group) {
      underGroup++;
      continue;
    }
    // Under a header of its own (not a group), a filled cell is a value, not a sub-header.
    if (!isBlank(valueAt(view, u, c)) || view.mergeAt(u, c) !== null) return null;
  }
  return underGroup > 0 ? groups : null;
}

/** The header whose top row is u, within the band: one row, or two when row u holds group cells. */
export function headerAt(
  view: SheetView,
  u: number,
  band: Band,
  read: HeaderReader,
  readers: CellReaders,
  twoRows = true,
): HeaderCandidate {
  const groups = twoRows ? twoRowGroups(view, u, band, read, readers) : null;
  const cells: HeaderCell[] = [];
  if (!groups) {
    for (let c = band.c1; c <= band.c2; c++) {
      const v = valueAt(view, u, c);
      const text = typeof v === 'string' || typeof v === 'number' ? headerText(v) : '';
      cells.push({ c, text, reading: typeof v === 'string' && text ? read(text) : UNKNOWN });
    }
    return { rows: [u], band, cells };
  }
  for (let c = band.c1; c <= band.c2; c++) {
    const group = groups.find((g) => c >= g.c1 && c <= g.c2);
    const upper = group ? group.text : headerText(valueAt(view, u, c));
    const lowerValue = valueAt(view, u + 1, c);
    const lower = typeof lowerValue === 'string' ? headerText(lowerValue) : '';
    if (!group) {
      const text = upper || lower;
      cells.push({ c, text, reading: text ? read(text) : UNKNOWN });
      continue;
    }
    const text = lower ? `${upper} ${lower}` : upper;
    // The sub-header names the column (`RAG` under `Progress`); where it says nothing
    // Ragbook knows, both words together may (`Progress Q1`).
    let reading = lower ? read(lower) : read(upper);
    if (!reading.known && lower) reading = read(text);
    cells.push({ c, text, reading });
  }
  return { rows: [u, u + 1], band, cells };
}

/**
 * Whether row r, within the band, reads as a header row at all: a few short texts,
 * at least two of them naming roles, one of those the action, its number or its
 * status, and most of the texts headers Ragbook knows. Asked of every row under a
 * table (a second header ends it), so it gives up at the first cell that rules it out.
 */
export function looksLikeHeader(view: SheetView, r: number, band: Band, read: HeaderReader): boolean {
  const row = view.sheet.rows[r];
  if (!row) return false;
  const end = Math.min(band.c2, row.length - 1);
  let texts = 0;
  let known = 0;
  let notText = 0;
  let roles = 0;
  let anchor = false;
  // The roles seen, one bit each: asked of every row, so nothing is allocated.
  let seen = 0;
  for (let c = band.c1; c <= end; c++) {
    const v = row[c];
    if (isBlank(v)) continue;
    if (typeof v !== 'string') {
      // A column may be headed by a real date (the update as at 30/06/2025), but an
      // action row starts with its number.
      if (known === 0) return false;
      notText++;
      continue;
    }
    if (v.length > MAX_HEADER_TEXT * 2) return false;
    texts++;
    const h = read(v);
    if (!h.known) continue;
    known++;
    const bit = h.role === null ? 0 : ROLE_BITS[h.role];
    if (bit && !(seen & bit)) {
      seen |= bit;
      roles++;
      if (h.role === 'action' || h.role === 'id' || h.role === 'status') anchor = true;
    }
  }
  if (roles < 2 || !anchor) return false;
  if (known * 2 < texts && known < 3) return false;
  return !(notText > 0 && (known < 3 || notText >= known));
}
