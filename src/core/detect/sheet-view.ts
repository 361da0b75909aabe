import { type Area, type CellValue, type SheetGrid, isBlank } from '../grid';
import type { Band } from './types';

// A sheet as detection reads it: cells by row within a band of columns, and the
// merged areas a cell belongs to. Merges matter three ways: a group header over two
// sub-headers, a heading merged across a table, and an action whose number and text
// are merged down over its milestone rows.

/** A merge taller than this is a layout frame, not a header or an action; only its top rows are indexed. */
const MAX_INDEXED_MERGE_ROWS = 200;

export interface SheetView {
  sheet: SheetGrid;
  /** The merged area covering (r, c), top-left included; null when the cell is not merged. */
  mergeAt(r: number, c: number): Area | null;
  /** The merged areas that row r crosses. */
  mergesIn(r: number): readonly Area[];
  /** The widest column any row reaches, plus one. */
  width: number;
}

const NO_MERGES: readonly Area[] = [];

export function viewOf(sheet: SheetGrid): SheetView {
  const byRow = new Map<number, Area[]>();
  for (const m of sheet.merges) {
    if (m.r2 === m.r1 && m.c2 === m.c1) continue;
    const last = Math.min(m.r2, m.r1 + MAX_INDEXED_MERGE_ROWS);
    for (let r = m.r1; r <= last; r++) {
      let list = byRow.get(r);
      if (!list) byRow.set(r, (list = []));
      list.push(m);
    }
  }
  let width = 0;
  for (const row of sheet.rows) if (row && row.length > width) width = row.length;
  return {
    sheet,
    width,
    mergesIn(r) {
      return byRow.get(r) ?? NO_MERGES;
    },
    mergeAt(r, c) {
      const list = byRow.get(r);
      if (!list) return null;
      for (let i = 0; i < list.length; i++) {
        const m = list[i];
        if (c >= m.c1 && c <= m.c2) return m;
      }
      return null;
    },
  };
}

export function valueAt(view: SheetView, r: number, c: number): CellValue {
  const row = view.sheet.rows[r];
  if (!row) return null;
  const v = row[c];
  return v === undefined ? null : v;
}

export function fillAt(view: SheetView, r: number, c: number): string | null {
  return view.sheet.fills?.[r]?.[c] ?? null;
}

/** How many cells of row r within the band are filled, counting no further than `upTo`. */
export function filledIn(view: SheetView, r: number, band: Band, upTo = Infinity): number {
  const row = view.sheet.rows[r];
  if (!row) return 0;
  const end = Math.min(band.c2, row.length - 1);
  let n = 0;
  for (let c = band.c1; c <= end && n < upTo; c++) if (!isBlank(row[c])) n++;
  return n;
}

/** The first filled column of row r within the band, or -1. */
export function firstFilledIn(view: SheetView, r: number, band: Band): number {
  const row = view.sheet.rows[r];
  if (!row) return -1;
  const end = Math.min(band.c2, row.length - 1);
  for (let c = band.c1; c <= end; c++) if (!isBlank(row[c])) return c;
  return -1;
}

/** The last filled column of row r within the band, or -1. */
export function lastFilledIn(view: SheetView, r: number, band: Band): number {
  const row = view.sheet.rows[r];
  if (!row) return -1;
  for (let c = Math.min(band.c2, row.length - 1); c >= band.c1; c--) if (!isBlank(row[c])) return c;
  return -1;
}

/** The filled columns of row r within the band. */
export function filledColumns(view: SheetView, r: number, band: Band): number[] {
  const row = view.sheet.rows[r];
  const out: number[] = [];
  if (!row) return out;
  const end = Math.min(band.c2, row.length - 1);
  for (let c = band.c1; c <= end; c++) if (!isBlank(row[c])) out.push(c);
  return out;
}

export function inArea(a: Area, r: number, c: number): boolean {
  return r >= a.r1 && r <= a.r2 && c >= a.c1 && c <= a.c2;
}

export function overlaps(a: Area, b: Area): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}
