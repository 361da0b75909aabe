import type { CellValue, SheetGrid } from '../../core/grid';
import { utf8Length } from './compile';
import { READ_BYTES_PER_CELL } from './constants';
import { isPayloadError } from './errors';

// The cells of a read, in blocks that keep each response under the payload limit
// (Excel on the web refuses 5 MB). Usually one block, so one sync; past the limit,
// blocks are sized from what earlier blocks really weighed, and a block Excel still
// refuses as too large is halved and read again.

function cellValue(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

export interface ReadUnit {
  sheet: number;
  row: number;
  col: number;
  rows: number;
  cols: number;
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
    return this.queue.reduce((n, u) => n + u.rows * u.cols, 0);
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
      const perRow = Math.max(1, u.cols * this.bytesPerCell);
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

/** One sync for the group; if Excel finds the response too large after all, halves it and tries again. */
export async function readUnits(
  context: Excel.RequestContext,
  worksheets: Excel.Worksheet[],
  grids: (SheetGrid | null)[],
  group: ReadUnit[],
): Promise<{ bytes: number; cells: number }> {
  const ranges = group.map((u) => worksheets[u.sheet].getRangeByIndexes(u.row, u.col, u.rows, u.cols).load('values,numberFormat'));
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
    bytes += responseSize(values, formats);
    cells += u.rows * u.cols;
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
    }
  });
  return { bytes, cells };
}
