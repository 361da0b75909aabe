import type { SheetGrid, TableDef, WorkbookGrid } from '../../core/grid';
import { parseArea } from '../../core/grid';
import { SETTINGS_KEY } from '../../core/ownership';
import type { Progress } from '../adapter';
import { DEFAULT_MAX_PAYLOAD_BYTES } from './constants';
import { officeCode, toHostError } from './errors';
import { isDebris, loadMarks, markOf, roleOf } from './marks';
import { BlockPlanner, type ColumnRun, type FillPlan, NO_FILLS, type ReadUnit, fillColour, readUnits } from './read-blocks';
import { decodeSetting } from './settings-value';
import { hostSupportsMergedAreas } from './startup';

// Reading the workbook into plain grids, in three syncs whatever the number of rows
// (more only past the payload limit: see read-blocks.ts):
//
// | sync | what it carries |
// | --- | --- |
// | 1 | sheet names and visibility, every Table (name, header flag, sheet), Ragbook's settings, workbook name, date-system probe |
// | 2 | for all sheets at once: used-range position and size, Ragbook's marker, merged areas (ExcelApi 1.13 hosts only), every Table's range, each used column's fill where all its cells share one |
// | 3 | values and number formats of every used range, and the fills of the columns whose cells differ (Ragbook's own summary and issues sheets are known by their mark; their cells are not read) |
//
// An optional probe the host refuses (merged areas, the date-system probe, the
// columns' fills) is dropped and its sync retried; without the columns' fills,
// every cell's fill is read.

export interface ReadOptions {
  /** Split reads so no response passes this size; default 4 MB. */
  maxPayloadBytes?: number;
  /** The name shown on the summary; default the workbook's own name. */
  fileName?: string;
  /** Read merged areas; default: when the host reports ExcelApi 1.13. */
  mergedAreas?: boolean;
  /**
   * Read the cells of Ragbook's own summary and issues sheets too. Off by default:
   * the engine reads only the user's sheets and the history, and a long issues
   * sheet would only add to the payload.
   */
  ownedCells?: boolean;
  onProgress?: Progress;
}

function stripSheet(address: string): string {
  const bang = address.lastIndexOf('!');
  return bang >= 0 ? address.slice(bang + 1) : address;
}

/**
 * Runs `build` then a sync; if the sync fails and there is a fallback variant
 * (without an optional probe the host may refuse), builds that and syncs again.
 */
async function syncWithFallback<T, V>(context: Excel.RequestContext, variants: V[], build: (variant: V) => T): Promise<T> {
  for (let i = 0; ; i++) {
    const handles = build(variants[i]);
    try {
      // At most one retry, and only in the failure path.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      return handles;
    } catch (e) {
      const code = officeCode(e);
      if (i === variants.length - 1 || code === 'InvalidOperationInCellEditMode' || code === 'Conflict') throw e;
    }
  }
}

/** Reads every worksheet into a WorkbookGrid in three syncs (more only past the payload limit). */
export async function readWorkbookGrid(context: Excel.RequestContext, opts: ReadOptions = {}): Promise<WorkbookGrid> {
  try {
    return await readGrid(context, opts);
  } catch (e) {
    throw toHostError(e, 'unchanged');
  }
}

async function readGrid(context: Excel.RequestContext, opts: ReadOptions): Promise<WorkbookGrid> {
  const max = opts.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const wantMerges = opts.mergedAreas ?? hostSupportsMergedAreas();
  const wb = context.workbook;
  let syncsDone = 0;
  const progress = (total: number) => opts.onProgress?.('Reading the workbook', ++syncsDone, total);

  // Sync 1: the sheets, the tables, the settings, the name, the date system.
  const first = await syncWithFallback(context, [true, false], (probe) => {
    const sheets = wb.worksheets.load('items/name,items/visibility');
    const tables = wb.tables.load('items/name,items/showHeaders,items/worksheet/name');
    const setting = wb.settings.getItemOrNullObject(SETTINGS_KEY).load('value');
    wb.load('name');
    // No ExcelApi up to 1.13 says whether the workbook counts dates from 1904, but
    // the workbook's own DATE function does: DATE(1904,1,2) is 1 there, 1463 otherwise.
    // If a host refuses the probe, the read is retried without it (1900 system).
    const epoch = probe ? wb.functions.date(1904, 1, 2).load('value') : null;
    return { sheets, tables, setting, epoch };
  });
  progress(3);
  const worksheets = first.sheets.items;

  // Sync 2: used ranges, markers, merged areas, table ranges and column fills, all sheets at once.
  const probes = wantMerges
    ? [
        { merges: true, columnFills: true },
        { merges: false, columnFills: true },
        { merges: false, columnFills: false },
      ]
    : [
        { merges: false, columnFills: true },
        { merges: false, columnFills: false },
      ];
  const second = await syncWithFallback(context, probes, ({ merges, columnFills }) => ({
    used: worksheets.map((ws) => ws.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount')),
    markers: loadMarks(worksheets),
    merged: worksheets.map((ws) => (merges ? ws.getRange().getMergedAreasOrNullObject().load('areas/items/address') : null)),
    tables: first.tables.items.map((t) => t.getRange().load('address')),
    // getUsedRange, not its OrNullObject form: a blank sheet gives A1, never an error.
    columnFills: columnFills
      ? worksheets.map((ws) => ws.getUsedRange(true).getColumnProperties({ format: { fill: { color: true } } }))
      : null,
  }));

  const grids: (SheetGrid | null)[] = worksheets.map((ws, i) => {
    const marker = markOf(second.markers[i]);
    if (isDebris(marker)) return null;
    const merged = second.merged[i];
    const merges =
      merged && !merged.isNullObject
        ? merged.areas.items.map((r) => parseArea(stripSheet(r.address))).filter((a): a is NonNullable<typeof a> => a !== null)
        : [];
    const grid: SheetGrid = { name: ws.name, rows: [], formats: [], fills: [], merges, tables: [], hidden: ws.visibility !== 'Visible' };
    const role = roleOf(marker);
    if (role) grid.owned = role;
    return grid;
  });
  first.tables.items.forEach((t, k) => {
    const i = worksheets.findIndex((ws) => ws.name === t.worksheet.name);
    const area = parseArea(stripSheet(second.tables[k].address));
    if (i < 0 || !grids[i] || !area) return;
    const def: TableDef = { name: t.name, area, hasHeader: t.showHeaders };
    grids[i]!.tables.push(def);
  });

  // Sync 3 (and one more per block past the payload limit): the cells.
  const areas: ReadUnit[] = [];
  worksheets.forEach((_, i) => {
    const used = second.used[i];
    const owned = grids[i]?.owned;
    if (!grids[i] || used.isNullObject || (owned && owned !== 'history' && !opts.ownedCells)) return;
    // Ragbook's own sheets carry no fills the engine reads.
    const fills = owned ? NO_FILLS : fillPlan(used.columnIndex, used.columnCount, second.columnFills?.[i].value ?? null);
    areas.push({ sheet: i, row: used.rowIndex, col: used.columnIndex, rows: used.rowCount, cols: used.columnCount, fills });
  });
  const blocks = new BlockPlanner(areas, max);
  for (let group = blocks.next(); group.length; group = blocks.next()) {
    const measured = await readUnits(context, worksheets, grids, group);
    blocks.observe(measured.bytes, measured.cells);
    progress(2 + blocks.syncsSoFar + blocks.estimatedSyncsLeft());
  }

  const sheets = grids.filter((g): g is SheetGrid => g !== null);
  for (const g of sheets) {
    for (let r = 0; r < g.rows.length; r++) {
      g.rows[r] ??= [];
      g.formats![r] ??= [];
      g.fills![r] ??= [];
    }
  }
  return {
    name: opts.fileName ?? wb.name,
    sheets,
    date1904: first.epoch?.value === 1,
    ...(first.setting.isNullObject ? {} : { settings: decodeSetting(first.setting.value) }),
  };
}

interface ColumnFill {
  format?: { fill?: { color?: unknown } };
}

/**
 * Which columns of a used range need their fills read cell by cell: those whose
 * cells do not all share one fill (Office.js reports null for them). A column all
 * of one colour is that colour in every cell; all white or unfilled, nothing.
 * Without the columns' fills (the probe was refused), every column is read.
 */
export function fillPlan(firstCol: number, cols: number, columns: readonly ColumnFill[] | null): FillPlan {
  if (columns === null || columns.length !== cols) return { runs: [{ col: firstCol, cols }], uniform: [] };
  const runs: ColumnRun[] = [];
  const uniform: FillPlan['uniform'] = [];
  columns.forEach((p, j) => {
    const color = p?.format?.fill?.color;
    const col = firstCol + j;
    if (color === null || color === undefined) {
      const last = runs[runs.length - 1];
      if (last && last.col + last.cols === col) last.cols++;
      else runs.push({ col, cols: 1 });
      return;
    }
    const colour = fillColour(color);
    if (colour !== null) uniform.push({ col, colour });
  });
  return { runs, uniform };
}
