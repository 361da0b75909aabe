import { type Area, type CellValue, type SheetGrid, a1, cellAt, isBlank } from './grid';
import { summaryLabel, type SummaryLabel } from './headers';

// Hand-typed summary blocks under a table: a row of labels
// (`Completed | In progress | Static | Total`), a `Number` row and a `Percentage`
// row. Some trackers write them down the page instead (`Completed | 4 | 57%`).

export type CountField = 'completed' | 'inProgress' | 'static' | 'notStarted' | 'total';
const COUNT_FIELDS: ReadonlySet<SummaryLabel> = new Set(['completed', 'inProgress', 'static', 'notStarted', 'total']);

export interface StatedField {
  field: CountField;
  /** The label as typed, e.g. `In progress`. */
  label: string;
  count: number | null;
  countCell: string | null;
  percent: number | null;
  percentCell: string | null;
}

export interface SummaryBlock {
  area: Area;
  fields: StatedField[];
}

function labelOf(v: CellValue): SummaryLabel | null {
  return typeof v === 'string' ? summaryLabel(v) : null;
}

function cells(sheet: SheetGrid, r: number): number[] {
  const row = sheet.rows[r];
  const out: number[] = [];
  if (row) for (let c = 0; c < row.length; c++) if (!isBlank(row[c])) out.push(c);
  return out;
}

/** A typed count or percentage: 4, '4', 0.57, '57%', 57 (typed as a whole percent). */
export function statedNumber(v: CellValue, percent: boolean): number | null {
  if (typeof v === 'number') return percent && v > 1 ? v / 100 : v;
  if (typeof v !== 'string') return null;
  const t = v.trim().replace(/,/g, '');
  const m = /^(-?\d+(?:\.\d+)?)\s*(%?)$/.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  if (m[2] === '%' || (percent && n > 1)) return n / 100;
  return n;
}

function isHorizontalStart(sheet: SheetGrid, r: number): boolean {
  // Asked of every body row: it stops at the first cell that is not text, which
  // for an action row is usually its number in the first column.
  const row = sheet.rows[r];
  if (!row) return false;
  let filled = 0;
  let labels = 0;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (isBlank(v)) continue;
    if (typeof v !== 'string') return false;
    filled++;
    const l = summaryLabel(v);
    if (l && COUNT_FIELDS.has(l)) labels++;
  }
  return filled >= 2 && labels >= 2 && labels * 4 >= filled * 3;
}

function verticalEntry(sheet: SheetGrid, r: number): { c: number; field: SummaryLabel; values: number[] } | null {
  const cs = cells(sheet, r);
  if (cs.length < 2 || cs.length > 4) return null;
  const field = labelOf(cellAt(sheet, r, cs[0]));
  if (!field || !COUNT_FIELDS.has(field)) return null;
  const values = cs.slice(1);
  if (values.some((c) => statedNumber(cellAt(sheet, r, c), false) === null)) return null;
  return { c: cs[0], field, values };
}

export function isSummaryStart(sheet: SheetGrid, r: number): boolean {
  if (isHorizontalStart(sheet, r)) return true;
  return verticalEntry(sheet, r) !== null && verticalEntry(sheet, r + 1) !== null;
}

export function findSummaryBlock(sheet: SheetGrid, r: number): SummaryBlock | null {
  if (r >= sheet.rows.length) return null;
  if (isHorizontalStart(sheet, r)) return horizontal(sheet, r);
  if (verticalEntry(sheet, r) && verticalEntry(sheet, r + 1)) return vertical(sheet, r);
  return null;
}

function horizontal(sheet: SheetGrid, r: number): SummaryBlock {
  const columns: { c: number; field: CountField; label: string }[] = [];
  for (const c of cells(sheet, r)) {
    const l = labelOf(cellAt(sheet, r, c));
    if (l && COUNT_FIELDS.has(l)) columns.push({ c, field: l as CountField, label: String(cellAt(sheet, r, c)).trim() });
  }
  const firstLabelCol = columns[0].c;
  let countsRow: number | null = null;
  let percentRow: number | null = null;
  let last = r;
  for (let q = r + 1; q <= r + 3 && q < sheet.rows.length; q++) {
    const cs = cells(sheet, q);
    if (cs.length === 0) break;
    const rowLabel = cs
      .filter((c) => c < firstLabelCol)
      .map((c) => labelOf(cellAt(sheet, q, c)))
      .find((l) => l !== null);
    const values = columns.map(({ c }) => cellAt(sheet, q, c));
    const numeric = values.filter((v) => statedNumber(v, false) !== null);
    if (numeric.length === 0) break;
    const looksPercent =
      rowLabel === 'percentage' ||
      values.some((v) => typeof v === 'string' && v.trim().endsWith('%')) ||
      (rowLabel !== 'number' &&
        numeric.every((v) => (statedNumber(v, false) ?? 0) <= 1) &&
        numeric.some((v) => !Number.isInteger(statedNumber(v, false))));
    if (looksPercent && percentRow === null) percentRow = q;
    else if (!looksPercent && countsRow === null) countsRow = q;
    else break;
    last = q;
  }
  const labelCol = Math.max(0, firstLabelCol - 1);
  return {
    area: { r1: r, c1: labelCol, r2: last, c2: columns[columns.length - 1].c },
    fields: columns.map(({ c, field, label }) => ({
      field,
      label,
      count: countsRow === null ? null : statedNumber(cellAt(sheet, countsRow, c), false),
      countCell: countsRow === null ? null : a1(countsRow, c),
      percent: percentRow === null ? null : statedNumber(cellAt(sheet, percentRow, c), true),
      percentCell: percentRow === null ? null : a1(percentRow, c),
    })),
  };
}

function vertical(sheet: SheetGrid, r: number): SummaryBlock {
  const fields: StatedField[] = [];
  let q = r;
  let c1 = Infinity;
  let c2 = 0;
  for (let e = verticalEntry(sheet, q); e; e = verticalEntry(sheet, ++q)) {
    const [countCol, percentCol] = e.values;
    const first = statedNumber(cellAt(sheet, q, countCol), false);
    // A lone value that is a fraction is a percentage, not a count.
    const firstIsPercent = percentCol === undefined && first !== null && !Number.isInteger(first);
    fields.push({
      field: e.field as CountField,
      label: String(cellAt(sheet, q, e.c)).trim(),
      count: firstIsPercent ? null : first,
      countCell: firstIsPercent ? null : a1(q, countCol),
      percent: firstIsPercent ? first : percentCol === undefined ? null : statedNumber(cellAt(sheet, q, percentCol), true),
      percentCell: firstIsPercent ? a1(q, countCol) : percentCol === undefined ? null : a1(q, percentCol),
    });
    c1 = Math.min(c1, e.c);
    c2 = Math.max(c2, ...e.values);
  }
  return { area: { r1: r, c1, r2: q - 1, c2 }, fields };
}
