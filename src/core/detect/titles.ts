import type { CellValue } from '../grid';
import { STRAY_LABEL, isStrongTitle } from '../vocabulary/titles';
import type { HeaderReader } from './header-roles';
import { type SheetView, filledIn, firstFilledIn, valueAt } from './sheet-view';
import type { Band } from './types';

// The title a table's first work stream takes from the rows above its header
// (DESIGN.md: a work stream's title is its title row as written, else its grouping
// column's value, else its sheet's name). Above a header sit a title, stray labels
// (`Appendix B`, `Lead officer: …`), the notes of the table before, and the
// document's own heading; which of them names the table is judged by where it sits.

export interface TitleFound {
  text: string;
  row: number;
}

export interface TitlesAbove {
  /** The nearest `Work stream 2:` style title above, however far. */
  strong: TitleFound | null;
  /** The nearest title-like row touching the header: no blank row between, stray labels apart. */
  adjacent: TitleFound | null;
  /** The nearest title-like row above at all (for a sheet of several tables). */
  plain: TitleFound | null;
}

function titleText(v: CellValue): string | null {
  return typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() || null : null;
}

/**
 * What may title the table whose header starts at `top`, looking no higher than
 * `from`, in the band of columns the table and its title share.
 */
export function titlesAbove(
  view: SheetView,
  from: number,
  top: number,
  band: Band,
  read: HeaderReader,
  label: (v: CellValue) => unknown,
): TitlesAbove {
  let strong: TitleFound | null = null;
  let adjacent: TitleFound | null = null;
  let plain: TitleFound | null = null;
  let touching = true;
  for (let r = top - 1; r >= from; r--) {
    const filled = filledIn(view, r, band, 3);
    if (filled === 0) {
      touching = false;
      continue;
    }
    const c = firstFilledIn(view, r, band);
    const text = titleText(valueAt(view, r, c));
    if (text === null || label(valueAt(view, r, c)) !== null) {
      touching = false;
      continue;
    }
    if (isStrongTitle(text)) {
      strong = { text, row: r };
      if (touching && !adjacent) adjacent = strong;
      if (!plain) plain = strong;
      break;
    }
    // `Appendix B` and `Lead officer: …` label a table wherever they sit; a lone
    // header word (`Progress` over two quarterly columns) heads columns, not the table.
    if (STRAY_LABEL.test(text)) continue;
    if (filled === 1 && !read(text).known) {
      const found = { text, row: r };
      if (touching && !adjacent) adjacent = found;
      if (!plain) plain = found;
    }
    touching = false;
  }
  return { strong, adjacent, plain };
}
