import type { CellValue, SheetGrid } from '../../core/grid';
import { utf8Length } from './compile';
import { READ_BYTES_PER_CELL } from './constants';
import { isPayloadError } from './errors';

// The cells of a read, in blocks that keep each response under the payload limit
// (Excel on the web refuses 5 MB). Usually one block, so one sync; past the limit,
// blocks are sized from what earlier blocks really weighed, and a block Excel still
// refuses as too large is halved and read again.
//
// Fills ride in the same sync. Per cell they cost more than a value does (an
// object per cell), so they are read per cell only in the columns whose cells do
// not all share one fill, which the read's second sync found out per column: a
// tracker with no coloured cells costs no more than before.

function cellValue(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

/** Columns read together, by their sheet index. */
export interface ColumnRun {
  col: number;
  cols: number;
}

/** How a unit's fills are read: per cell in the mixed runs; one colour for each uniformly filled column. */
export interface FillPlan {
  runs: ColumnRun[];
  uniform: { col: number; colour: string }[];
}

export const NO_FILLS: FillPlan = { runs: [], uniform: [] };

export interface ReadUnit {
  sheet: number;
  row: number;
  col: number;
  rows: number;
  cols: number;
  fills: FillPlan;
}

/** What one row of a unit weighs in the estimate: its values, and its cells whose fills are read one by one. */
function slotsPerRow(u: ReadUnit): number {
  let n = u.cols;
  for (const r of u.fills.runs) n += r.cols;
  return n;
}

/**
 * Hands out the cells to read, one sync's worth at a time. A sync's size is
 * estimated from the bytes per cell seen so far (READ_BYTES_PER_CELL before any):
 * trackers with long progress texts run to several times the estimate, and a
 * block Excel refuses as too large is a wasted round trip. So when the whole read
 * will not fit one sync, the first block is a quarter of the limit, and every
 * block after it is sized from what the blocks before it really weighed.
 */
export class BlockPlanner {
  private readonly queue: ReadUnit[];
  private bytesPerCell = READ_BYTES_PER_CELL;
  private seenBytes = 0;
  private seenCells = 0;
  private first = true;
  syncsSoFar = 0;

  constructor(
    areas: ReadUnit[],
    private readonly max: number,
  ) {
    this.queue = areas.map((a) => ({ ...a }));
  }

  private cellsLeft(): number {
    return this.queue.reduce((n, u) => n + u.rows * slotsPerRow(u), 0);
  }

  estimatedSyncsLeft(): number {
    return Math.ceil((this.cellsLeft() * this.bytesPerCell) / this.max);
  }

  /** The next group of units for one sync; empty when everything has been read. */
  next(): ReadUnit[] {
    if (!this.queue.length) return [];
    let budget = this.max;
    if (this.first && this.cellsLeft() * this.bytesPerCell > this.max) budget = this.max / 4;
    this.first = false;
    const group: ReadUnit[] = [];
    let bytes = 0;
    while (this.queue.length) {
      const u = this.queue[0];
      const perRow = Math.max(1, slotsPerRow(u) * this.bytesPerCell);
      const fit = Math.floor((budget - bytes) / perRow);
      if (fit >= u.rows) {
        group.push(this.queue.shift()!);
        bytes += u.rows * perRow;
        continue;
      }
      // Split the sheet's rows; a group always takes at least one row.
      const take = group.length ? fit : Math.max(1, fit);
      if (take > 0) {
        group.push({ ...u, rows: take });
        u.row += take;
        u.rows -= take;
      }
      break;
    }
    this.syncsSoFar++;
    return group;
  }

  /** What a sync really returned: later blocks are sized from the densest seen so far, with room to spare. */
  observe(bytes: number, cells: number): void {
    this.seenBytes += bytes;
    this.seenCells += cells;
    if (this.seenCells > 0) this.bytesPerCell = Math.max(this.bytesPerCell, (1.25 * this.seenBytes) / this.seenCells);
  }
}

/** About the JSON size of a read's values and number formats, in UTF-8, as Excel sends them. */
function responseSize(values: unknown[][], formats: unknown[][]): number {
  let n = 0;
  for (const block of [values, formats]) {
    for (const row of block) {
      if (!row) continue;
      for (const v of row) n += typeof v === 'string' ? utf8Length(v) + 3 : typeof v === 'number' ? 12 : 6;
    }
  }
  return n;
}

/** `{"format":{"fill":{"color":"#FFFFFF"}}},`: what each cell of getCellProperties weighs. */
const FILL_BYTES_PER_CELL = 40;

/** A colour as Office.js reports a fill, as the grid keeps it: '#RRGGBB', or null for white, which is also what no fill reads as. */
export function fillColour(color: unknown): string | null {
  if (typeof color !== 'string' || !/^#[0-9A-Fa-f]{6}$/.test(color)) return null;
  const upper = color.toUpperCase();
  return upper === '#FFFFFF' ? null : upper;
}

interface CellFill {
  format?: { fill?: { color?: unknown } };
}

/** One sync for the group; if Excel finds the response too large after all, halves it and tries again. */
export async function readUnits(
  context: Excel.RequestContext,
  worksheets: Excel.Worksheet[],
  grids: (SheetGrid | null)[],
  group: ReadUnit[],
): Promise<{ bytes: number; cells: number }> {
  const ranges = group.map((u) => worksheets[u.sheet].getRangeByIndexes(u.row, u.col, u.rows, u.cols).load('values,numberFormat'));
  const fills = group.map((u) =>
    u.fills.runs.map((run) =>
      worksheets[u.sheet].getRangeByIndexes(u.row, run.col, u.rows, run.cols).getCellProperties({ format: { fill: { color: true } } }),
    ),
  );
  try {
    await context.sync();
  } catch (e) {
    if (!isPayloadError(e)) throw e;
    const halves: ReadUnit[][] = [];
    if (group.length > 1) {
      const half = Math.ceil(group.length / 2);
      halves.push(group.slice(0, half), group.slice(half));
    } else {
      const u = group[0];
      if (u.rows < 2) throw e;
      const top = Math.ceil(u.rows / 2);
      halves.push([{ ...u, rows: top }], [{ ...u, row: u.row + top, rows: u.rows - top }]);
    }
    const a = await readUnits(context, worksheets, grids, halves[0]);
    const b = await readUnits(context, worksheets, grids, halves[1]);
    return { bytes: a.bytes + b.bytes, cells: a.cells + b.cells };
  }
  let bytes = 0;
  let cells = 0;
  group.forEach((u, k) => {
    const grid = grids[u.sheet]!;
    const values = ranges[k].values;
    const formats = ranges[k].numberFormat;
    const cellFills = fills[k].map((f) => f.value as CellFill[][]);
    bytes += responseSize(values, formats);
    cells += u.rows * slotsPerRow(u);
    for (const run of u.fills.runs) bytes += u.rows * run.cols * FILL_BYTES_PER_CELL;
    for (let i = 0; i < u.rows; i++) {
      const row: CellValue[] = new Array<CellValue>(u.col).fill(null);
      const fmt: (string | null)[] = new Array<string | null>(u.col).fill(null);
      const vs = values[i] ?? [];
      for (let j = 0; j < u.cols; j++) {
        const v = cellValue(vs[j]);
        row.push(v);
        // Number formats matter only where a number could be a date.
        fmt.push(typeof v === 'number' ? String(formats[i]?.[j] ?? 'General') : null);
      }
      grid.rows[u.row + i] = row;
      grid.formats![u.row + i] = fmt;
      grid.fills![u.row + i] = fillRow(
        row,
        u,
        cellFills.map((f) => f[i] ?? []),
      );
    }
  });
  return { bytes, cells };
}

/**
 * One row's fills, kept as the .xlsx reader keeps them: only on a row that holds a
 * value, from its first column to its last fill, and no row at all when none.
 */
function fillRow(values: readonly CellValue[], u: ReadUnit, runCells: readonly CellFill[][]): (string | null)[] {
  if (!values.some((v) => v !== null)) return [];
  const out: (string | null)[] = [];
  const put = (c: number, colour: string | null) => {
    if (colour === null) return;
    while (out.length < c) out.push(null);
    out[c] = colour;
  };
  for (const { col, colour } of u.fills.uniform) put(col, colour);
  u.fills.runs.forEach((run, k) => {
    const cellsOfRun = runCells[k];
    for (let j = 0; j < run.cols; j++) put(run.col + j, fillColour(cellsOfRun[j]?.format?.fill?.color));
  });
  return out;
}
