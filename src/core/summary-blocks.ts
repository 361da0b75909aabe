import { type Area, type CellValue, type SheetGrid, a1, cellAt, isBlank } from './grid';
import { BLOCK_CORNER_WORDS, type StatedFigure, type SummaryLabel, type SummaryLabeller } from './vocabulary/summary-labels';

// Hand-typed summary blocks under a table: a row of labels
// (`Completed | In progress | Static | Total`), a `Number` row and a `Percentage`
// row. Some trackers write them down the page instead (`Completed | 4 | 57%`),
// sometimes under a heading row of their own (`| Number | %`). A block may count
// RAG ratings rather than progress (`Blue | Green | Amber | Red | Total`).

// The labels are read as the status cells are (vocabulary/summary-labels.ts), so a
// block in the tracker's own words, settings' synonyms included, is recognised.

/** A label that names a figure rather than the `Number` or `Percentage` row. */
function isStatedFigure(l: SummaryLabel | null): l is StatedFigure {
  return l !== null && l !== 'number' && l !== 'percentage';
}

export interface StatedField {
  field: StatedFigure;
  /** The label as typed, e.g. `In progress`. */
  label: string;
  /** Null when the cell is empty or not a number; then countCell says whether there was a cell to compare. */
  count: number | null;
  /** Null when the block leaves this count empty: nothing was stated, so nothing is compared. */
  countCell: string | null;
  percent: number | null;
  percentCell: string | null;
}

export interface SummaryBlock {
  area: Area;
  fields: StatedField[];
}

/**
 * The columns a block is looked for in: a table's own, widened to the next table on
 * either side, so the blocks of two tables side by side stay apart. Inclusive.
 */
export interface ColumnBand {
  c1: number;
  c2: number;
}

const ALL_COLUMNS: ColumnBand = { c1: 0, c2: Number.MAX_SAFE_INTEGER };

function cells(sheet: SheetGrid, r: number, band: ColumnBand): number[] {
  const row = sheet.rows[r];
  const out: number[] = [];
  if (row) for (let c = band.c1, end = Math.min(row.length - 1, band.c2); c <= end; c++) if (!isBlank(row[c])) out.push(c);
  return out;
}

// Officers type a dash for "none" in a count row, as accountants do.
const DASH = /^[-\u2013\u2014]$/;

/** A typed count or percentage: 4, '4', '-', 0.57, '57%', 57 (typed as a whole percent). */
export function statedNumber(v: CellValue, percent: boolean): number | null {
  if (typeof v === 'number') return percent && v > 1 ? v / 100 : v;
  if (typeof v !== 'string') return null;
  const t = v.trim().replace(/,/g, '');
  if (DASH.test(t)) return 0;
  const m = /^(-?\d+(?:\.\d+)?)\s*(%?)$/.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  if (m[2] === '%' || (percent && n > 1)) return n / 100;
  return n;
}

function isHorizontalStart(sheet: SheetGrid, r: number, label: SummaryLabeller, band: ColumnBand): boolean {
  // Asked of every body row: it stops at the first cell that is not text, which
  // for an action row is usually its number in the first column.
  const row = sheet.rows[r];
  if (!row) return false;
  let filled = 0;
  let labels = 0;
  for (let c = band.c1, end = Math.min(row.length - 1, band.c2); c <= end; c++) {
    const v = row[c];
    if (isBlank(v)) continue;
    if (typeof v !== 'string') return false;
    filled++;
    if (isStatedFigure(label(v))) labels++;
  }
  return filled >= 2 && labels >= 2 && labels * 4 >= filled * 3;
}

function verticalEntry(
  sheet: SheetGrid,
  r: number,
  label: SummaryLabeller,
  band: ColumnBand,
): { c: number; field: StatedFigure; values: number[] } | null {
  const row = sheet.rows[r];
  if (!row) return null;
  // Most rows asked about are action rows: their first filled cell is rarely a label.
  let first = -1;
  for (let c = band.c1, end = Math.min(row.length - 1, band.c2); c <= end; c++) {
    if (!isBlank(row[c])) {
      first = c;
      break;
    }
  }
  if (first < 0) return null;
  const field = label(row[first]);
  if (!isStatedFigure(field)) return null;
  const cs = cells(sheet, r, band);
  if (cs.length < 2 || cs.length > 4) return null;
  const values = cs.slice(1);
  if (values.some((c) => statedNumber(cellAt(sheet, r, c), false) === null)) return null;
  return { c: cs[0], field, values };
}

/**
 * The heading row of a block written down the page (`| Number | %`): every cell is a
 * count or percentage heading, bar an optional heading over the labels. Returns the
 * columns it names, or null.
 */
function verticalHeader(sheet: SheetGrid, r: number, label: SummaryLabeller, band: ColumnBand): BlockHeading | null {
  const row = sheet.rows[r];
  if (!row) return null;
  let countCol: number | null = null;
  let percentCol: number | null = null;
  let filled = 0;
  for (let c = band.c1, end = Math.min(row.length - 1, band.c2); c <= end; c++) {
    const v = row[c];
    if (isBlank(v)) continue;
    if (typeof v !== 'string' || ++filled > 4) return null;
    const l = label(v);
    if (l === 'number' || l === 'total') countCol ??= c;
    else if (l === 'percentage') percentCol ??= c;
    else if (v.length > 20 || !BLOCK_CORNER_WORDS.has(v.toLowerCase().replace(/\s+/g, ' ').trim())) return null;
  }
  return countCol === null && percentCol === null ? null : { countCol, percentCol };
}

/** The columns of a block written down the page that its heading row names. */
interface BlockHeading {
  countCol: number | null;
  percentCol: number | null;
}

/**
 * Whether a block starts at row r, its labels read by `label` (the status words with
 * the settings' synonyms): detection asks this of every row under a table.
 */
export function isSummaryStart(sheet: SheetGrid, r: number, label: SummaryLabeller, band: ColumnBand = ALL_COLUMNS): boolean {
  if (isHorizontalStart(sheet, r, label, band)) return true;
  if (verticalEntry(sheet, r, label, band) !== null) return verticalEntry(sheet, r + 1, label, band) !== null;
  return (
    verticalHeader(sheet, r, label, band) !== null &&
    verticalEntry(sheet, r + 1, label, band) !== null &&
    verticalEntry(sheet, r + 2, label, band) !== null
  );
}

/** The block starting at row r within the band, or null. */
export function findSummaryBlock(sheet: SheetGrid, r: number, label: SummaryLabeller, band: ColumnBand = ALL_COLUMNS): SummaryBlock | null {
  if (r >= sheet.rows.length) return null;
  if (isHorizontalStart(sheet, r, label, band)) return horizontal(sheet, r, label, band);
  if (verticalEntry(sheet, r, label, band) && verticalEntry(sheet, r + 1, label, band)) return vertical(sheet, r, r, null, label, band);
  const head = verticalHeader(sheet, r, label, band);
  if (head && verticalEntry(sheet, r + 1, label, band) && verticalEntry(sheet, r + 2, label, band))
    return vertical(sheet, r, r + 1, head, label, band);
  return null;
}

function horizontal(sheet: SheetGrid, r: number, label: SummaryLabeller, band: ColumnBand): SummaryBlock {
  const columns: { c: number; field: StatedFigure; label: string }[] = [];
  for (const c of cells(sheet, r, band)) {
    const l = label(cellAt(sheet, r, c));
    if (isStatedFigure(l)) columns.push({ c, field: l, label: String(cellAt(sheet, r, c)).trim() });
  }
  const firstLabelCol = columns[0].c;
  // The block starts at its row labels (`Number`, `Percentage`) or a heading above
  // them (`Summary`), else at its first column label.
  let c1 = firstLabelCol;
  for (const c of cells(sheet, r, band)) if (c < c1 && typeof cellAt(sheet, r, c) === 'string') c1 = c;
  let countsRow: number | null = null;
  let percentRow: number | null = null;
  let last = r;
  for (let q = r + 1; q <= r + 3 && q < sheet.rows.length; q++) {
    const cs = cells(sheet, q, band);
    if (cs.length === 0) break;
    const labelCells = cs.filter((c) => c < firstLabelCol && typeof cellAt(sheet, q, c) === 'string');
    const rowLabel = labelCells.map((c) => label(cellAt(sheet, q, c))).find((l) => l !== null);
    const values = columns.map(({ c }) => cellAt(sheet, q, c));
    const numeric = values.filter((v) => statedNumber(v, false) !== null);
    // Every figure under the labels is a number (or left empty); a row with words
    // there (the next table's header, say) is not part of the block.
    if (numeric.length === 0 || numeric.length < values.filter((v) => !isBlank(v)).length) break;
    const looksPercent =
      rowLabel === 'percentage' ||
      values.some((v) => typeof v === 'string' && v.trim().endsWith('%')) ||
      (rowLabel !== 'number' &&
        rowLabel !== 'total' &&
        numeric.every((v) => (statedNumber(v, false) ?? 0) <= 1) &&
        numeric.some((v) => !Number.isInteger(statedNumber(v, false))));
    if (looksPercent && percentRow === null) percentRow = q;
    else if (!looksPercent && countsRow === null) countsRow = q;
    else break;
    for (const c of labelCells) if (c < c1) c1 = c;
    last = q;
  }
  // A row of whole percents (57, 29, 14) is read on one scale: 1 there is 1%, not 100%.
  const wholePercents =
    percentRow !== null &&
    columns.some(({ c }) => {
      const v = cellAt(sheet, percentRow!, c);
      return typeof v === 'number' ? v > 1 : typeof v === 'string' && !v.includes('%') && (statedNumber(v, false) ?? 0) > 1;
    });
  const percentAt = (c: number): number | null => {
    const v = cellAt(sheet, percentRow!, c);
    if (wholePercents && typeof v === 'number') return v / 100;
    if (wholePercents && typeof v === 'string' && !v.includes('%')) {
      const n = statedNumber(v, false);
      return n === null ? null : n / 100;
    }
    return statedNumber(v, true);
  };
  return {
    area: { r1: r, c1, r2: last, c2: columns[columns.length - 1].c },
    fields: columns.map(({ c, field, label }) => {
      const counted = countsRow !== null && !isBlank(cellAt(sheet, countsRow, c));
      return {
        field,
        label,
        count: counted ? statedNumber(cellAt(sheet, countsRow!, c), false) : null,
        countCell: counted ? a1(countsRow!, c) : null,
        percent: percentRow === null ? null : percentAt(c),
        percentCell: percentRow === null ? null : a1(percentRow, c),
      };
    }),
  };
}

function vertical(
  sheet: SheetGrid,
  top: number,
  r: number,
  head: BlockHeading | null,
  label: SummaryLabeller,
  band: ColumnBand,
): SummaryBlock {
  const fields: StatedField[] = [];
  let q = r;
  let c1 = Infinity;
  let c2 = 0;
  if (head) {
    for (const c of cells(sheet, top, band)) {
      c1 = Math.min(c1, c);
      c2 = Math.max(c2, c);
    }
  }
  for (let e = verticalEntry(sheet, q, label, band); e; e = verticalEntry(sheet, ++q, label, band)) {
    let countCol: number | undefined;
    let percentCol: number | undefined;
    if (head && (head.countCol !== null || head.percentCol !== null)) {
      // The heading row says which column is which (`| % | Number` happens too).
      countCol = head.countCol !== null && e.values.includes(head.countCol) ? head.countCol : undefined;
      percentCol = head.percentCol !== null && e.values.includes(head.percentCol) ? head.percentCol : undefined;
    } else {
      [countCol, percentCol] = e.values;
    }
    const first = countCol === undefined ? null : statedNumber(cellAt(sheet, q, countCol), false);
    // A lone value that is a fraction is a percentage, not a count.
    const firstIsPercent = !head && percentCol === undefined && first !== null && !Number.isInteger(first);
    fields.push({
      field: e.field,
      label: String(cellAt(sheet, q, e.c)).trim(),
      count: firstIsPercent ? null : first,
      countCell: firstIsPercent || countCol === undefined ? null : a1(q, countCol),
      percent: firstIsPercent ? first : percentCol === undefined ? null : statedNumber(cellAt(sheet, q, percentCol), true),
      percentCell: firstIsPercent && countCol !== undefined ? a1(q, countCol) : percentCol === undefined ? null : a1(q, percentCol),
    });
    c1 = Math.min(c1, e.c);
    c2 = Math.max(c2, ...e.values);
  }
  return { area: { r1: top, c1, r2: q - 1, c2 }, fields };
}
