import type { Area } from '../grid';
import type { CellReaders } from './cell-readers';
import { ID_TEXT } from './cell-kinds';
import { type SheetView, filledColumns, filledIn, valueAt } from './sheet-view';
import type { Band } from './types';

// Every block of cells that looks like a table (DESIGN.md, "Nothing is dropped
// silently": a row of at least three header-like text cells over at least two
// filled rows) is read as a tracker, a summary block or a key, or reported once as
// unread. This finds such blocks among the cells nothing else has claimed.

const MAX_HEADER_CELL = 60;
const MIN_HEADER_CELLS = 3;
const MIN_ROWS = 2;

function isHeaderLike(v: unknown, readers: CellReaders): boolean {
  if (typeof v !== 'string') return false;
  const t = v.trim();
  return t.length > 0 && t.length <= MAX_HEADER_CELL && !ID_TEXT.test(t) && !readers.isDateLike(t, null);
}

/**
 * The table-like block whose header is row r within the band: its header row,
 * then the rows under it with two or more cells filled in its columns. Null when
 * the row is not a header of three text cells or fewer than two rows follow.
 */
export function tableLikeAt(view: SheetView, r: number, band: Band, readers: CellReaders): Area | null {
  const cols = filledColumns(view, r, band);
  if (cols.length < MIN_HEADER_CELLS) return null;
  let headers = 0;
  for (const c of cols) if (isHeaderLike(valueAt(view, r, c), readers)) headers++;
  // A date or a number may head a column, but most of the row is words.
  if (headers < MIN_HEADER_CELLS || headers < cols.length - 1) return null;
  const columns: Band = { c1: cols[0], c2: cols[cols.length - 1] };
  let last = r;
  for (let q = r + 1; q < view.sheet.rows.length && filledIn(view, q, columns, 2) >= 2; q++) last = q;
  if (last - r < MIN_ROWS) return null;
  return { r1: r, c1: columns.c1, r2: last, c2: columns.c2 };
}
