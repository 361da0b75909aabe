import type { SheetGrid, TableDef, WorkbookGrid } from '../../core/grid';
import { parseArea } from '../../core/grid';
import { type RunLock, SETTINGS_KEY } from '../../core/ownership';
import type { Progress } from '../adapter';
import { chooseSettings, settingsFromSheet } from '../settings-sheet';
import { DEFAULT_MAX_PAYLOAD_BYTES } from './constants';
import { officeCode, toHostError } from './errors';
import { type LockOptions, acquireAfterRefusal, queueAcquire } from './lock';
import { isDebris, loadMarks, loadNames, markOf, namesOf, rolesOf } from './marks';
import { BlockPlanner, type ColumnRun, type FillPlan, NO_FILLS, type ReadUnit, fillColour, readUnits } from './read-blocks';
import { hostSupportsMergedAreas } from './startup';
import { decodeSetting } from './settings-value';

// Reading the workbook into plain grids, in three syncs whatever the number of rows
// (more only past the payload limit: see read-blocks.ts):
//
// | sync | what it carries |
// | --- | --- |
// | 1 | sheet names and visibility, every Table (name, header flag, sheet), the defined names (Ragbook's marks), Ragbook's settings, workbook name, date-system probe |
// | 2 | for all sheets at once: used-range position and size, the custom-property mark, merged areas (ExcelApi 1.13 hosts only: detection reads an action merged over several rows as one), every Table's range, each used column's fill where all its cells share one (ExcelApi 1.9, below what Ragbook requires); and the lock, when the read starts a recalculation (lock.ts) |
// | 3 | values and number formats of every used range, and the fills of the columns whose cells differ (Ragbook's own summary, actions and issues sheets are known by their marks; their cells are not read) |
//
// Whether merged areas are asked for is decided from the host's requirement sets;
// a host that still refuses them (too many on a sheet) is read again without them,
// after the lock is settled (a sync that fails may have taken it already).

export interface ReadOptions {
  /** Split reads so no response passes this size; default 4 MB. */
  maxPayloadBytes?: number;
  /** The name shown on the summary; default the workbook's own name. */
  fileName?: string;
  /**
   * Read the cells of Ragbook's own summary and issues sheets too. Off by default:
   * the engine reads only the user's sheets and the history, and a long issues
   * sheet would only add to the payload.
   */
  ownedCells?: boolean;
  /** Read merged areas; default: when the host reports ExcelApi 1.13. */
  mergedAreas?: boolean;
  /** Take the lock for this run in the second sync (a recalculation's read). */
  lock?: { run: RunLock } & LockOptions;
  onProgress?: Progress;
}

function stripSheet(address: string): string {
  const bang = address.lastIndexOf('!');
  return bang >= 0 ? address.slice(bang + 1) : address;
}

/** Reads every worksheet into a WorkbookGrid in three syncs (more only past the payload limit). */
export async function readWorkbookGrid(context: Excel.RequestContext, opts: ReadOptions = {}): Promise<WorkbookGrid> {
  try {
    return await readGrid(context, opts);
  } catch (e) {
    throw toHostError(e, 'unchanged');
  }
}

/**
 * Runs `build` then a sync; if the sync fails for a reason that may pass (Excel on
 * the web drops a request now and then), builds it again and syncs once more. The
 * same batch both times: a probe is never dropped to make a sync pass, since a
 * 1904 workbook read as 1900 would have every date 1,462 days out.
 */
async function syncTwice<T>(context: Excel.RequestContext, build: () => T): Promise<T> {
  try {
    const handles = build();
    await context.sync();
    return handles;
  } catch (e) {
    const code = officeCode(e);
    if (code === 'InvalidOperationInCellEditMode' || code === 'AccessDenied' || code === 'InactiveWorkbook') throw e;
    const handles = build();
    await context.sync();
    return handles;
  }
}

async function readGrid(context: Excel.RequestContext, opts: ReadOptions): Promise<WorkbookGrid> {
  const max = opts.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const wantMerges = opts.mergedAreas ?? hostSupportsMergedAreas();
  const wb = context.workbook;
  let syncsDone = 0;
  const progress = (total: number) => opts.onProgress?.('Reading the workbook', ++syncsDone, total);

  // Sync 1: the sheets, the tables, the names, the settings, the name, the date system.
  const first = await syncTwice(context, () => {
    const sheets = wb.worksheets.load('items/name,items/visibility');
    const tables = wb.tables.load('items/name,items/showHeaders,items/worksheet/name');
    const setting = wb.settings.getItemOrNullObject(SETTINGS_KEY).load('value');
    const names = loadNames(context);
    wb.load('name');
    // No ExcelApi up to 1.13 says whether the workbook counts dates from 1904, but
    // the workbook's own DATE function does: DATE(1904,1,2) is 1 there, 1463 otherwise.
    const epoch = wb.functions.date(1904, 1, 2).load('value');
    return { sheets, tables, setting, names, epoch };
  });
  progress(3);
  const worksheets = first.sheets.items;

  // Sync 2: used ranges, marks, merged areas, table ranges and column fills, all sheets at once; the lock first, when taking it.
  const secondBatch = () => ({
    used: worksheets.map((ws) => ws.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount')),
    markers: loadMarks(worksheets),
    tables: first.tables.items.map((t) => t.getRange().load('address')),
    merged: worksheets.map((ws) => (wantMerges ? ws.getRange().getMergedAreasOrNullObject().load('areas/items/address') : null)),
    // getUsedRange, not its OrNullObject form: a blank sheet gives A1, never an error.
    columnFills: worksheets.map((ws) => ws.getUsedRange(true).getColumnProperties({ format: { fill: { color: true } } })),
  });
  let second: ReturnType<typeof secondBatch>;
  if (opts.lock) {
    try {
      queueAcquire(context, opts.lock.run);
      second = secondBatch();
      await context.sync();
    } catch (e) {
      const code = officeCode(e);
      if (code === 'InvalidOperationInCellEditMode') throw e;
      // Another run may have held the lock and written meanwhile: once this run holds it, the workbook is read again.
      await acquireAfterRefusal(context, opts.lock.run, opts.lock);
      return readGrid(context, { ...opts, lock: undefined, mergedAreas: wantMerges && code === 'ItemAlreadyExists' });
    }
  } else {
    try {
      second = secondBatch();
      await context.sync();
    } catch (e) {
      // Merged areas are the one probe a host may refuse on a sheet it otherwise reads
      // (too many areas): without them an action merged over rows reads as its first row.
      if (!wantMerges || officeCode(e) === 'InvalidOperationInCellEditMode') throw e;
      return readGrid(context, { ...opts, mergedAreas: false });
    }
  }

  const marks = second.markers.map(markOf);
  const roles = rolesOf(
    worksheets.map((ws) => ws.name),
    marks,
    namesOf(first.names),
  );
  const grids: (SheetGrid | null)[] = worksheets.map((ws, i) => {
    if (isDebris(marks[i])) return null;
    const merged = second.merged[i];
    const merges =
      merged && !merged.isNullObject
        ? merged.areas.items.map((r) => parseArea(stripSheet(r.address))).filter((a): a is NonNullable<typeof a> => a !== null)
        : [];
    const grid: SheetGrid = { name: ws.name, rows: [], formats: [], fills: [], merges, tables: [], hidden: ws.visibility !== 'Visible' };
    const role = roles[i];
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
  const cellsWanted = (owned: SheetGrid['owned']) => !owned || owned === 'history' || owned === 'settings' || opts.ownedCells;
  worksheets.forEach((_, i) => {
    const used = second.used[i];
    const owned = grids[i]?.owned;
    if (!grids[i] || used.isNullObject || !cellsWanted(owned)) return;
    // Ragbook's own sheets carry no fills the engine reads.
    const fills = owned ? NO_FILLS : fillPlan(used.columnIndex, used.columnCount, second.columnFills[i].value);
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
  const copy = sheets.find((g) => g.owned === 'settings');
  const settings = chooseSettings(
    first.setting.isNullObject ? undefined : decodeSetting(first.setting.value),
    copy ? settingsFromSheet(copy) : undefined,
  );
  return {
    name: opts.fileName ?? wb.name,
    sheets,
    date1904: first.epoch.value === 1,
    ...(settings === undefined ? {} : { settings }),
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
