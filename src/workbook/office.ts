/**
 * The Excel adapter: the only module that touches Office.js.
 *
 * It reads the open workbook into plain grids for `core`, and applies the plan
 * `core` returns. Every function that talks to Excel takes the request context as
 * a parameter (so tests inject a strict fake); the `Excel.run` wrappers are at the
 * bottom of the file.
 *
 * ## Sync budget
 *
 * Each `context.sync()` is a round trip to Excel (over the network in Excel on the
 * web), so the number of syncs is fixed and does not grow with the number of rows:
 *
 * | step | syncs | what each carries |
 * | --- | --- | --- |
 * | read 1 | 1 | sheet names and visibility, every Table (name, header flag, sheet), Ragbook's settings, workbook name, date-system probe |
 * | read 2 | 1 | for all sheets at once: used-range position and size, Ragbook's marker, merged areas (ExcelApi 1.13 hosts only), every Table's range |
 * | read 3 | 1 | values and number formats of every used range (Ragbook's own summary and issues sheets are known by name; their cells are not read) |
 * | apply 1 | 1 | the sheets as they are now (names, ids, in tab order), and whether the workbook's structure is protected |
 * | apply 2 | 1 | every sheet's marker, so no sheet Ragbook did not create is ever replaced |
 * | apply 3 | 1 | the new sheets, under temporary names: values as one 2D array per sheet, number formats, styles, widths, freeze panes, conditional formats, tab colours, marks |
 * | apply 4 | 1 | the swap: old Ragbook sheets out, temporaries renamed in, settings stored, summary activated |
 *
 * So a recalculation takes 3 + 4 = 7 syncs, for 10 rows or 20,000. Only when a
 * payload would pass `maxPayloadBytes` (4 MB by default; Excel on the web refuses
 * 5 MB) are reads and writes split into row blocks: read 3 and apply 3 then become
 * one sync per block. Reads are sized from the bytes per cell the blocks before
 * them really weighed (30 bytes a cell before the first, which is kept to a
 * quarter of the limit); should Excel still refuse a response as too large, that
 * block is halved and read again.
 * Writes are sized exactly, from the JSON of what is written.
 *
 * Failure paths add syncs: an optional probe that the host refuses (merged areas,
 * the date-system probe) is dropped and its sync retried once; a failed write
 * costs two more syncs to remove the temporaries; a failed swap costs two more to
 * roll it back (or, when every new sheet is already in place, forward).
 *
 * ## Safety
 *
 * Nothing is written to a user's sheet, ever. New sheets are built under temporary
 * names and marked as pending; only the last sync swaps them in, and a failure
 * before or during it leaves the workbook as it was (or, past the point of no
 * return, completes the swap). A sheet is Ragbook's only if its worksheet custom
 * property `RagbookSheet` says so.
 */
import type { CellValue, OwnedRole, SheetGrid, TableDef, WorkbookGrid } from '../core/grid';
import { parseArea } from '../core/grid';
import type { EngineResult } from '../core/model';
import type { ConditionalFormat, Plan, PlanCell, PlanSheet, StyleDef, StyleName } from '../core/plan-schema';
import type { ParsedSettings, Settings } from '../core/settings';

// Only types and core/grid (plain functions) are imported statically: the pane's
// entry imports this module to start in Excel, so zod and the engine must not come
// with it. The settings schema (zod) is import()ed when settings are read or saved,
// and the engine when a recalculation starts.
const settingsModule = () => import(/* webpackChunkName: "engine" */ '../core/settings');

// ---------------------------------------------------------------------------
// Constants

/**
 * The worksheet custom property that marks Ragbook's own sheets: core/plan-schema's
 * OWNER_PROPERTY, repeated here so this module does not load zod (a test checks the two agree).
 */
export const OWNER_PROPERTY = 'RagbookSheet';
/** The lowest ExcelApi set Ragbook runs on: worksheet custom properties (the ownership marker). */
export const REQUIRED_EXCEL_API = '1.12';
/** Merged areas (range.getMergedAreasOrNullObject) are read only where the host has this set. */
export const MERGED_AREAS_EXCEL_API = '1.13';
/** Excel on the web refuses request and response payloads of 5 MB; stay under 4 MB. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 4_000_000;
/** Estimated JSON size of one cell's value and number format in a read. */
export const READ_BYTES_PER_CELL = 30;
/** The workbook setting that holds Ragbook's settings (JSON). */
export const SETTINGS_KEY = 'RagbookSettings';
/** Where the ribbon command writes a failure on Ragbook's own summary sheet (beside the title). */
export const STATUS_CELL = 'B1';

const ROLES: readonly OwnedRole[] = ['summary', 'issues', 'history'];
const PENDING = 'pending:';
const RETIRED = 'retired:';

export type Progress = (stage: string, done: number, total: number) => void;

export const EXCEL_TOO_OLD =
  'This version of Excel is too old for Ragbook. Ragbook needs Excel for Microsoft 365 (version 2008 or later), ' +
  'Excel 2021 or later, Excel for Mac 16.40 or later, or Excel on the web. Update Office (File > Account > ' +
  'Update Options > Update Now), or open the workbook in Excel on the web.';

export const STRUCTURE_PROTECTED =
  "The workbook's structure is protected, so Ragbook cannot add or replace its sheets. Unprotect it (Review > Protect " +
  'Workbook, then enter the password if there is one), then click Recalculate summary again. Your workbook was left as it was.';

// ---------------------------------------------------------------------------
// Errors

export type HostErrorCode =
  | 'edit-mode'
  | 'protected'
  | 'unsupported'
  | 'conflict'
  | 'changed-meanwhile'
  | 'too-large'
  | 'foreign-sheet'
  | 'not-found'
  | 'hidden'
  | 'invalid-settings'
  | 'failed';

/** What became of the workbook when an operation failed. */
export type Outcome = 'unchanged' | 'leftovers';

/** A failure in Excel, in words a performance officer can act on. */
export class RagbookHostError extends Error {
  override name = 'RagbookHostError';
  constructor(
    message: string,
    readonly code: HostErrorCode,
    readonly officeCode?: string,
    readonly outcome?: Outcome,
  ) {
    super(message);
  }
}

const OUTCOME_TEXT: Record<Outcome, string> = {
  unchanged: 'Your workbook was left as it was.',
  leftovers:
    'Ragbook could not tidy up all of its temporary sheets: you may delete any sheet whose name starts with ~rb-. Your own sheets were not changed.',
};

function officeCode(e: unknown): string | null {
  if (typeof e !== 'object' || e === null) return null;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

/**
 * Turns an Office.js error into a RagbookHostError that says what happened and
 * what to do. `retry` completes "…, then <retry>".
 */
export function toHostError(e: unknown, outcome?: Outcome, retry = 'click Recalculate summary again'): RagbookHostError {
  if (e instanceof RagbookHostError) {
    return outcome && !e.outcome ? new RagbookHostError(withOutcome(e.message, outcome), e.code, e.officeCode, outcome) : e;
  }
  const code = officeCode(e);
  const detail = e instanceof Error ? e.message : String(e);
  let host: HostErrorCode = 'failed';
  let text: string;
  switch (code) {
    case 'InvalidOperationInCellEditMode':
    case 'EditModeCannotAcquireLock':
      host = 'edit-mode';
      text = `Excel is editing a cell. Press Enter or Esc to leave the cell, then ${retry}.`;
      break;
    case 'AccessDenied':
    case 'InsertDeleteConflict':
      host = 'protected';
      text =
        'Excel did not let Ragbook add or replace its sheets: the workbook structure or a sheet is protected, or the workbook ' +
        `is open read-only. Unprotect it (Review > Protect Workbook) or save an editable copy, then ${retry}.`;
      break;
    case 'ApiNotFound':
    case 'NotImplemented':
    case 'UnsupportedFeature':
    case 'UnsupportedOperation':
      host = 'unsupported';
      text = EXCEL_TOO_OLD;
      break;
    case 'Conflict':
    case 'DirtySupportingFormula':
      host = 'conflict';
      text = `Someone else changed the workbook at the same moment (co-authoring). Wait a few seconds, then ${retry}.`;
      break;
    case 'ItemAlreadyExists':
      host = 'changed-meanwhile';
      text = `A sheet with a name Ragbook needed was added while it was working. ${capitalise(retry)}.`;
      break;
    case 'ItemNotFound':
      host = 'changed-meanwhile';
      text = `A sheet Ragbook was using was deleted or renamed while it was working. ${capitalise(retry)}.`;
      break;
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
    case 'RangeExceedsLimit':
      host = 'too-large';
      text = `The workbook is too large for Excel to pass to Ragbook in one piece. Close other workbooks or split very large tracker sheets, then ${retry}.`;
      break;
    case 'RequestAborted':
      text = `Excel cancelled the request. ${capitalise(retry)}.`;
      break;
    case 'InvalidOperation':
      text = `Excel refused a change Ragbook tried to make. If the workbook structure is protected (Review > Protect Workbook), unprotect it, then ${retry}. (Excel said: ${detail})`;
      break;
    default:
      text = code
        ? `Excel could not complete the request (${code}: ${detail}). ${capitalise(retry)}; if it happens again, save the workbook, close and reopen it.`
        : `Something went wrong: ${detail}`;
  }
  return new RagbookHostError(outcome ? withOutcome(text, outcome) : text, host, code ?? undefined, outcome);
}

function withOutcome(text: string, outcome: Outcome): string {
  return `${text} ${OUTCOME_TEXT[outcome]}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function isPayloadError(e: unknown): boolean {
  const code = officeCode(e);
  return code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded';
}

// ---------------------------------------------------------------------------
// Starting up: where the pane and the command page learn whether they are in Excel

/** Whether office.js loaded at all: offline, or blocked, the global `Office` is missing. */
export function officeLoaded(): boolean {
  return typeof Office !== 'undefined' && typeof Office.onReady === 'function';
}

/**
 * Resolves 'excel' when the page runs inside Excel, 'elsewhere' when office.js
 * loaded but reports another host or none (a page opened in a browser), and
 * 'elsewhere' at once when office.js did not load.
 */
export async function whenOfficeReady(): Promise<'excel' | 'elsewhere'> {
  if (!officeLoaded()) return 'elsewhere';
  const info = await Office.onReady();
  return info.host === Office.HostType.Excel ? 'excel' : 'elsewhere';
}

/** The body background of Office's theme (#RRGGBB), or null where the host does not say. */
export function officeThemeBackground(): string | null {
  try {
    return Office.context?.officeTheme?.bodyBackgroundColor ?? null;
  } catch {
    // Hosts without officeTheme throw rather than return undefined.
    return null;
  }
}

/**
 * Registers the ribbon's function command once Office is ready, through
 * Office.actions.associate and, for hosts that look the name up directly, as a
 * global function. Does nothing where office.js did not load.
 */
export function registerFunctionCommand(name: string, handler: (event: Office.AddinCommands.Event) => unknown): void {
  if (!officeLoaded()) return;
  void Office.onReady(() => {
    (globalThis as Record<string, unknown>)[name] = handler;
    try {
      Office.actions?.associate(name, handler);
    } catch {
      // Older hosts call the global function instead.
    }
  });
}

/** Calls `fn` once Office is ready (at once where office.js did not load). */
export function onOfficeReady(fn: () => void): void {
  if (!officeLoaded()) return fn();
  void Office.onReady(() => fn());
}

// ---------------------------------------------------------------------------
// Requirements

export interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

function officeRequirements(): Requirements | null {
  try {
    return typeof Office !== 'undefined' ? (Office.context?.requirements ?? null) : null;
  } catch {
    return null;
  }
}

/** A plain sentence when this Excel cannot run Ragbook, else null. */
export function checkRequirements(requirements: Requirements | null = officeRequirements()): string | null {
  if (!requirements) return 'Ragbook could not reach Excel. Close the Ragbook pane and open it again from the Home tab.';
  return requirements.isSetSupported('ExcelApi', REQUIRED_EXCEL_API) ? null : EXCEL_TOO_OLD;
}

function hostSupportsMergedAreas(): boolean {
  return officeRequirements()?.isSetSupported('ExcelApi', MERGED_AREAS_EXCEL_API) ?? false;
}

// ---------------------------------------------------------------------------
// Reading

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

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function roleOf(marker: string | null): OwnedRole | null {
  return marker !== null && (ROLES as readonly string[]).includes(marker) ? (marker as OwnedRole) : null;
}

/** A sheet left behind by an interrupted run: a pending temporary or a retired old sheet. */
function isDebris(marker: string | null): boolean {
  return marker !== null && (marker.startsWith(PENDING) || marker.startsWith(RETIRED));
}

function stripSheet(address: string): string {
  const bang = address.lastIndexOf('!');
  return bang >= 0 ? address.slice(bang + 1) : address;
}

/** Settings as stored: JSON (maybe quoted twice). A value that is not JSON is returned as it is, for core to report. */
function decodeSetting(value: unknown): unknown {
  let v = value;
  for (let i = 0; i < 2 && typeof v === 'string'; i++) {
    try {
      v = JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

function cellValue(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

/**
 * Runs `build` then a sync; if the sync fails and there is a fallback variant
 * (without an optional probe the host may refuse), builds that and syncs again.
 */
async function syncWithFallback<T>(context: Excel.RequestContext, variants: boolean[], build: (withOptional: boolean) => T): Promise<T> {
  for (let i = 0; ; i++) {
    const handles = build(variants[i]);
    try {
      // At most one retry, and only in the failure path (see the top of this file).
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      return handles;
    } catch (e) {
      const code = officeCode(e);
      if (i === variants.length - 1 || code === 'InvalidOperationInCellEditMode' || code === 'Conflict') throw e;
    }
  }
}

interface ReadUnit {
  sheet: number;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/**
 * Reads every worksheet into a WorkbookGrid in three syncs (more only past the
 * payload limit; see the top of this file).
 */
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

  // Sync 2: used ranges, markers, merged areas and table ranges, all sheets at once.
  const second = await syncWithFallback(context, wantMerges ? [true, false] : [false], (merges) => ({
    used: worksheets.map((ws) => ws.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount')),
    markers: worksheets.map((ws) => ws.customProperties.getItemOrNullObject(OWNER_PROPERTY).load('value')),
    merged: worksheets.map((ws) => (merges ? ws.getRange().getMergedAreasOrNullObject().load('areas/items/address') : null)),
    tables: first.tables.items.map((t) => t.getRange().load('address')),
  }));

  const grids: (SheetGrid | null)[] = worksheets.map((ws, i) => {
    const marker = second.markers[i].isNullObject ? null : String(second.markers[i].value);
    if (isDebris(marker)) return null;
    const merged = second.merged[i];
    const merges =
      merged && !merged.isNullObject
        ? merged.areas.items.map((r) => parseArea(stripSheet(r.address))).filter((a): a is NonNullable<typeof a> => a !== null)
        : [];
    const grid: SheetGrid = { name: ws.name, rows: [], formats: [], merges, tables: [], hidden: ws.visibility !== 'Visible' };
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
    areas.push({ sheet: i, row: used.rowIndex, col: used.columnIndex, rows: used.rowCount, cols: used.columnCount });
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
    }
  }
  return {
    name: opts.fileName ?? wb.name,
    sheets,
    date1904: first.epoch?.value === 1,
    ...(first.setting.isNullObject ? {} : { settings: decodeSetting(first.setting.value) }),
  };
}

/**
 * Hands out the cells to read, one sync's worth at a time. A sync's size is
 * estimated from the bytes per cell seen so far (READ_BYTES_PER_CELL before any):
 * trackers with long progress texts run to several times the estimate, and a
 * block Excel refuses as too large is a wasted round trip. So when the whole read
 * will not fit one sync, the first block is a quarter of the limit, and every
 * block after it is sized from what the blocks before it really weighed.
 */
class BlockPlanner {
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

/** About the JSON size of a read's values and number formats, as Excel sends them. */
function responseSize(values: unknown[][], formats: unknown[][]): number {
  let n = 0;
  for (const block of [values, formats]) {
    for (const row of block) {
      if (!row) continue;
      for (const v of row) n += typeof v === 'string' ? v.length + 3 : typeof v === 'number' ? 12 : 6;
    }
  }
  return n;
}

/** One sync for the group; if Excel finds the response too large after all, halves it and tries again. */
async function readUnits(
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

// ---------------------------------------------------------------------------
// Compiling a plan sheet into what Office.js writes (pure; no Excel here)

type Input = string | number | boolean;

/**
 * What to type into a cell so Excel keeps exactly the plan's value. Text always
 * gets a leading apostrophe: Excel stores the rest as text, so `=Review caseloads`,
 * `+44 1234`, `-5 days`, `@home`, `3.2` and `01/02/2025` stay the text they are.
 */
export function cellInput(cell: PlanCell | undefined): Input {
  if (!cell) return '';
  if (cell.formula) return cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`;
  const v = cell.value;
  if (v === null) return '';
  if (typeof v === 'string') return v === '' ? '' : `'${v}`;
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  return v;
}

export interface StyleRect {
  style: StyleName;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** Cells of one style as few rectangles: runs along each row, joined down the rows. */
export function styleRects(rows: PlanCell[][]): StyleRect[] {
  const out: StyleRect[] = [];
  let open = new Map<string, StyleRect>();
  rows.forEach((row, r) => {
    const next = new Map<string, StyleRect>();
    for (let c = 0; c < row.length;) {
      const style = row[c]?.style;
      if (!style) {
        c++;
        continue;
      }
      let e = c;
      while (e + 1 < row.length && row[e + 1]?.style === style) e++;
      const k = `${c}:${e}:${style}`;
      const prev = open.get(k);
      if (prev && prev.r2 === r - 1) {
        prev.r2 = r;
        next.set(k, prev);
      } else {
        const rect = { style, r1: r, c1: c, r2: r, c2: e };
        out.push(rect);
        next.set(k, rect);
      }
      c = e + 1;
    }
    open = next;
  });
  return out;
}

interface CompiledSheet {
  plan: PlanSheet;
  rows: number;
  cols: number;
  values: Input[][];
  numberFormats: string[][];
  /** JSON size of each row's values and formats, for splitting writes. */
  rowBytes: number[];
  rects: StyleRect[];
  hasFormulas: boolean;
}

export function compileSheet(ps: PlanSheet, styles: Plan['styles']): CompiledSheet {
  const rows = ps.rows.length;
  const cols = Math.max(1, ...ps.rows.map((r) => r.length));
  const values: Input[][] = [];
  const numberFormats: string[][] = [];
  const rowBytes: number[] = [];
  let hasFormulas = false;
  for (const row of ps.rows) {
    const vs: Input[] = [];
    const fs: string[] = [];
    for (let c = 0; c < cols; c++) {
      const cell = row[c];
      if (cell?.formula) hasFormulas = true;
      vs.push(cellInput(cell));
      fs.push((cell?.style && styles[cell.style]?.numberFormat) || 'General');
    }
    values.push(vs);
    numberFormats.push(fs);
    rowBytes.push(JSON.stringify(vs).length + JSON.stringify(fs).length + 2);
  }
  return { plan: ps, rows, cols, values, numberFormats, rowBytes, rects: styleRects(ps.rows), hasFormulas };
}

/** Excel column width in points for a width in characters of the default font. */
export function widthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 4) / 4;
}

interface WriteSegment {
  sheet: number;
  row: number;
  rows: number;
}

/** Allowance for one queued operation's envelope in a request (object path, action type, ids). */
const OP_BYTES = 80;
/** Allowance for a batch's own envelope and the suspend calls. */
const BATCH_BYTES = 1024;

/**
 * Splits the rows of all sheets into write syncs of at most `max` bytes; the first
 * sync also carries the formatting (`fixedBytes`).
 */
function packWrites(sheets: CompiledSheet[], max: number, fixedBytes: number): WriteSegment[][] {
  const budget = max - BATCH_BYTES;
  const segmentBytes = 3 * OP_BYTES; // the range, its number formats, its values
  const groups: WriteSegment[][] = [[]];
  let bytes = fixedBytes;
  sheets.forEach((s, i) => {
    for (let r = 0; r < s.rows; r++) {
      let group = groups[groups.length - 1];
      let last: WriteSegment | undefined = group[group.length - 1];
      if (last && !(last.sheet === i && last.row + last.rows === r)) last = undefined;
      const cost = s.rowBytes[r] + (last ? 0 : segmentBytes);
      if (bytes + cost > budget && (group.length > 0 || bytes > fixedBytes)) {
        group = [];
        groups.push(group);
        bytes = 0;
        last = undefined;
      }
      if (last) last.rows++;
      else {
        group.push({ sheet: i, row: r, rows: 1 });
        bytes += segmentBytes;
      }
      bytes += s.rowBytes[r];
    }
  });
  return groups;
}

/** Operations the formatting of a sheet queues, counted from the plan, so the first write sync leaves room for them. */
function formattingBytes(sheets: CompiledSheet[], styles: Plan['styles']): number {
  let ops = 0;
  for (const s of sheets) {
    ops += 3; // add, load id, mark
    for (const rect of s.rects) {
      const def = styles[rect.style] ?? {};
      ops += 1 + Object.keys(def).length + (def.border ? 12 : 0);
    }
    ops += s.plan.columnWidths.length * 3 + s.plan.merges.length * 2 + s.plan.conditionalFormats.length * 8 + 2;
  }
  return ops * (OP_BYTES + 24);
}

/** How many syncs writing the plan's values takes (1 unless past the payload limit). */
export function writeSyncCount(plan: Plan, maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES): number {
  const compiled = plan.sheets.map((ps) => compileSheet(ps, plan.styles));
  return packWrites(compiled, maxPayloadBytes, formattingBytes(compiled, plan.styles)).length;
}

// ---------------------------------------------------------------------------
// Writing a plan

export interface ApplyOptions {
  /** Split writes so no request passes this size; default 4 MB. */
  maxPayloadBytes?: number;
  /** The suffix of temporary sheet names; random by default. */
  token?: string;
  onProgress?: Progress;
}

/** A sheet as it was when the write began; `existing` lists them in tab order. */
interface SheetInfo {
  ws: Excel.Worksheet;
  name: string;
  id: string;
}

interface Job {
  compiled: CompiledSheet;
  old: SheetInfo | null;
  tempName: string;
  retiredName: string;
  sheet: Excel.Worksheet | null;
  id: string | null;
}

function randomToken(): string {
  return Math.random().toString(36).slice(2, 8).padEnd(6, '0');
}

function applyStyle(range: Excel.Range, def: StyleDef | undefined): void {
  if (!def) return;
  const f = range.format;
  if (def.fill) f.fill.color = def.fill;
  if (def.bold !== undefined) f.font.bold = def.bold;
  if (def.italic !== undefined) f.font.italic = def.italic;
  if (def.underline !== undefined) f.font.underline = def.underline ? 'Single' : 'None';
  if (def.size !== undefined) f.font.size = def.size;
  if (def.color) f.font.color = def.color;
  if (def.wrap !== undefined) f.wrapText = def.wrap;
  if (def.align) f.horizontalAlignment = def.align === 'left' ? 'Left' : def.align === 'center' ? 'Center' : 'Right';
}

function applyBorders(range: Excel.Range, rect: StyleRect): void {
  const edges: Parameters<Excel.RangeBorderCollection['getItem']>[0][] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
  if (rect.r2 > rect.r1) edges.push('InsideHorizontal');
  if (rect.c2 > rect.c1) edges.push('InsideVertical');
  for (const edge of edges) {
    const b = range.format.borders.getItem(edge);
    b.style = 'Continuous';
    b.color = '#BFBFBF';
  }
}

/** A data bar for fractions (every value 0..1) runs from 0 to 100%; otherwise Excel scales it. */
function fractionsOnly(ps: PlanSheet, address: string): boolean {
  const a = parseArea(address);
  if (!a) return false;
  let any = false;
  for (let r = a.r1; r <= a.r2; r++) {
    for (let c = a.c1; c <= a.c2; c++) {
      const v = ps.rows[r]?.[c]?.value;
      if (v === null || v === undefined) continue;
      if (typeof v !== 'number' || v < 0 || v > 1) return false;
      any = true;
    }
  }
  return any;
}

function applyConditionalFormat(ws: Excel.Worksheet, ps: PlanSheet, cf: ConditionalFormat, styles: Plan['styles']): void {
  const range = ws.getRange(cf.range);
  if (cf.type === 'dataBar') {
    // dataBar and custom are navigation properties, not values: nothing to load.
    // eslint-disable-next-line office-addins/load-object-before-read
    const bar = range.conditionalFormats.add('DataBar').dataBar;
    bar.positiveFormat.fillColor = cf.color;
    bar.positiveFormat.gradientFill = false;
    if (fractionsOnly(ps, cf.range)) {
      bar.lowerBoundRule = { type: 'Number', formula: '0' };
      bar.upperBoundRule = { type: 'Number', formula: '1' };
    }
    return;
  }
  // eslint-disable-next-line office-addins/load-object-before-read
  const custom = range.conditionalFormats.add('Custom').custom;
  custom.rule.formula = cf.formula.startsWith('=') ? cf.formula : `=${cf.formula}`;
  const def = styles[cf.style];
  if (def?.fill) custom.format.fill.color = def.fill;
  if (def?.color) custom.format.font.color = def.color;
  if (def?.bold !== undefined) custom.format.font.bold = def.bold;
}

/** Queues everything but the values and merges: marker, styles, widths, panes, rules, tab. */
function queueFormatting(ws: Excel.Worksheet, s: CompiledSheet, styles: Plan['styles']): void {
  const ps = s.plan;
  for (const rect of s.rects) {
    const range = ws.getRangeByIndexes(rect.r1, rect.c1, rect.r2 - rect.r1 + 1, rect.c2 - rect.c1 + 1);
    const def = styles[rect.style];
    applyStyle(range, def);
    if (def?.border) applyBorders(range, rect);
  }
  ps.columnWidths.forEach((w, c) => {
    if (w > 0) ws.getRangeByIndexes(0, c, 1, 1).getEntireColumn().format.columnWidth = widthPoints(w);
  });
  if (ps.freezeRows > 0) ws.freezePanes.freezeRows(ps.freezeRows);
  for (const cf of ps.conditionalFormats) applyConditionalFormat(ws, ps, cf, styles);
  if (ps.tabColor) ws.tabColor = ps.tabColor;
}

function queueValues(ws: Excel.Worksheet, s: CompiledSheet, seg: WriteSegment): void {
  const range = ws.getRangeByIndexes(seg.row, 0, seg.rows, s.cols);
  range.numberFormat = s.numberFormats.slice(seg.row, seg.row + seg.rows);
  range.values = s.values.slice(seg.row, seg.row + seg.rows);
}

function suspend(context: Excel.RequestContext, calculation: boolean): void {
  context.application.suspendScreenUpdatingUntilNextSync();
  if (calculation) context.application.suspendApiCalculationUntilNextSync();
}

/** Settings go into the workbook as an object (Office stores it as JSON). */
function settingsValue(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/**
 * Writes the plan's sheets: builds each under a temporary name, then swaps them
 * in for the old Ragbook sheets in the last sync. On failure the workbook is left
 * as it was (or the swap is completed if every new sheet was already in place),
 * and a RagbookHostError says what happened.
 */
export async function applyPlan(context: Excel.RequestContext, plan: Plan, opts: ApplyOptions = {}): Promise<void> {
  const max = opts.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const token = opts.token ?? randomToken();
  const worksheets = context.workbook.worksheets;

  // Apply 1 and 2: the sheets as they are now, and whose they are. Nothing is written yet.
  let existing: SheetInfo[];
  let marks: (string | null)[];
  let structureProtected: boolean;
  try {
    worksheets.load('items/name,items/id');
    // Asked in the same sync: a protected structure would refuse the first sheet added.
    const protection = context.workbook.protection.load('protected');
    await context.sync();
    structureProtected = protection.protected;
    existing = worksheets.items.map((ws) => ({ ws, name: ws.name, id: ws.id }));
    const markers = existing.map((s) => s.ws.customProperties.getItemOrNullObject(OWNER_PROPERTY).load('value'));
    await context.sync();
    marks = markers.map((m) => (m.isNullObject ? null : String(m.value)));
  } catch (e) {
    throw toHostError(e, 'unchanged');
  }

  if (structureProtected) throw new RagbookHostError(STRUCTURE_PROTECTED, 'protected', undefined, 'unchanged');
  const jobs = planJobs(plan, existing, marks, token);
  const debris = existing.filter((_, i) => marks[i]?.startsWith(PENDING));
  const compiled = jobs.map((j) => j.compiled);
  const groups = packWrites(compiled, max, formattingBytes(compiled, plan.styles));
  const writeSyncs = groups.length;
  const step = (n: number) => opts.onProgress?.('Writing the RAG sheets', n, writeSyncs + 1);

  // Apply 3 (one sync per block past the payload limit): the new sheets, under temporary names.
  try {
    for (let g = 0; g < groups.length; g++) {
      suspend(context, true);
      if (g === 0) {
        for (const d of debris) d.ws.delete();
        for (const job of jobs) {
          const ws = worksheets.add(job.tempName);
          ws.load('id');
          ws.customProperties.add(OWNER_PROPERTY, PENDING + job.compiled.plan.role);
          queueFormatting(ws, job.compiled, plan.styles);
          job.sheet = ws;
        }
      }
      for (const seg of groups[g]) queueValues(jobs[seg.sheet].sheet!, compiled[seg.sheet], seg);
      if (g === groups.length - 1) {
        // Merged last, once every value is in place.
        for (const job of jobs) for (const m of job.compiled.plan.merges) job.sheet!.getRange(m).merge(false);
      }
      // One sync per write block: a single sync unless the payload limit is passed.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      step(g + 1);
    }
    for (const job of jobs) job.id = job.sheet!.id;
  } catch (e) {
    const clean = await discardTemporaries(context, jobs);
    throw toHostError(e, clean ? 'unchanged' : 'leftovers');
  }

  // Apply 4: the swap.
  const order = finalPositions(existing, debris, jobs);
  try {
    context.application.suspendScreenUpdatingUntilNextSync();
    for (const job of jobs) {
      if (!job.old) continue;
      const old = worksheets.getItem(job.old.id);
      old.name = job.retiredName;
      old.customProperties.add(OWNER_PROPERTY, RETIRED + job.compiled.plan.role);
    }
    for (const job of jobs) {
      job.sheet!.name = job.compiled.plan.name;
      job.sheet!.customProperties.add(OWNER_PROPERTY, job.compiled.plan.role);
    }
    queueFinish(context, plan, jobs, order);
    await context.sync();
    step(writeSyncs + 1);
  } catch (e) {
    const outcome = await recoverSwap(context, plan, jobs, order);
    if (outcome === 'forward') return;
    throw toHostError(e, outcome === 'back' ? 'unchanged' : 'leftovers');
  }
}

function planJobs(plan: Plan, existing: SheetInfo[], marks: (string | null)[], token: string): Job[] {
  const names = new Set<string>();
  return plan.sheets.map((ps) => {
    const role = ps.role;
    if (names.has(ps.name.toLowerCase())) {
      throw new RagbookHostError(
        `Ragbook planned two sheets called '${ps.name}'. Check the sheet names in Settings.`,
        'failed',
        undefined,
        'unchanged',
      );
    }
    names.add(ps.name.toLowerCase());
    let old: SheetInfo | null = null;
    if (ps.replaces) {
      const i = existing.findIndex((s) => sameName(s.name, ps.replaces!));
      if (i >= 0) {
        if (marks[i] !== role) {
          throw new RagbookHostError(
            `The sheet '${existing[i].name}' was not created by Ragbook, so Ragbook will not replace it. Rename that sheet, or choose another name for Ragbook's ${role} sheet in Settings. Your workbook was left as it was.`,
            'foreign-sheet',
            undefined,
            'unchanged',
          );
        }
        old = existing[i];
      }
      // A replaced sheet that has gone meanwhile: the new one is simply added.
    }
    const clash = existing.find((s) => s !== old && sameName(s.name, ps.name));
    if (clash) {
      throw new RagbookHostError(
        `A sheet called '${clash.name}' appeared while Ragbook was working, so Ragbook did not write beside it. Click Recalculate summary again. Your workbook was left as it was.`,
        'changed-meanwhile',
        undefined,
        'unchanged',
      );
    }
    return {
      compiled: compileSheet(ps, plan.styles),
      old,
      tempName: `~rb-tmp-${role}-${token}`,
      retiredName: `~rb-old-${role}-${token}`,
      sheet: null,
      id: null,
    };
  });
}

/**
 * Where each new sheet goes: where the sheet it replaces was (so a summary the user
 * moved to the front stays there); new ones at the end. Returned in ascending
 * position, the order in which setting positions reproduces the arrangement.
 */
function finalPositions(existing: SheetInfo[], debris: SheetInfo[], jobs: Job[]): { job: Job; position: number }[] {
  const kept = existing.filter((s) => !debris.includes(s));
  const out: { job: Job; position: number }[] = [];
  for (const job of jobs) {
    if (job.old) out.push({ job, position: kept.indexOf(job.old) });
  }
  return out.filter((x) => x.position >= 0).sort((a, b) => a.position - b.position);
}

/** The part of the swap after every new sheet has its name: deletes, settings, places, focus. */
function queueFinish(
  context: Excel.RequestContext,
  plan: Plan,
  jobs: Job[],
  order: { job: Job; position: number }[],
  gone?: Set<string>,
): void {
  const worksheets = context.workbook.worksheets;
  context.workbook.settings.add(SETTINGS_KEY, settingsValue(plan.settingsJson));
  for (const job of jobs) if (job.old && !gone?.has(job.old.id)) worksheets.getItem(job.old.id).delete();
  for (const { job, position } of order) worksheets.getItem(job.id!).position = position;
  for (const job of jobs) {
    if (job.compiled.hasFormulas && job.compiled.rows > 0)
      worksheets.getItem(job.id!).getRangeByIndexes(0, 0, job.compiled.rows, job.compiled.cols).calculate();
  }
  const active = jobs.find((j) => sameName(j.compiled.plan.name, plan.activate));
  if (active) worksheets.getItem(active.id!).activate();
}

/** Removes the temporary sheets of a failed write. True when none is left. */
async function discardTemporaries(context: Excel.RequestContext, jobs: Job[]): Promise<boolean> {
  try {
    const worksheets = context.workbook.worksheets;
    const probes = jobs.map((j) => worksheets.getItemOrNullObject(j.tempName).load('name'));
    await context.sync();
    let any = false;
    for (const p of probes) {
      if (!p.isNullObject) {
        p.delete();
        any = true;
      }
    }
    if (any) await context.sync();
    return true;
  } catch {
    return false;
  }
}

/**
 * After a failed swap: look at what happened. If every new sheet already has its
 * final name, finish the swap (forward); otherwise undo it (back): delete the new
 * sheets and give the old ones back their names and marks.
 */
async function recoverSwap(
  context: Excel.RequestContext,
  plan: Plan,
  jobs: Job[],
  order: { job: Job; position: number }[],
): Promise<'forward' | 'back' | 'failed'> {
  try {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/id,items/name');
    await context.sync();
    const nameById = new Map(worksheets.items.map((ws) => [ws.id, ws.name]));
    const inPlace = jobs.every((j) => nameById.get(j.id!) === j.compiled.plan.name);
    if (inPlace) {
      const gone = new Set(jobs.filter((j) => j.old && !nameById.has(j.old.id)).map((j) => j.old!.id));
      for (const job of jobs) worksheets.getItem(job.id!).customProperties.add(OWNER_PROPERTY, job.compiled.plan.role);
      queueFinish(context, plan, jobs, order, gone);
      await context.sync();
      return 'forward';
    }
    for (const job of jobs) if (nameById.has(job.id!)) worksheets.getItem(job.id!).delete();
    for (const job of jobs) {
      if (!job.old || !nameById.has(job.old.id)) continue;
      const old = worksheets.getItem(job.old.id);
      if (nameById.get(job.old.id) !== job.old.name) old.name = job.old.name;
      old.customProperties.add(OWNER_PROPERTY, job.compiled.plan.role);
    }
    await context.sync();
    return 'back';
  } catch {
    return 'failed';
  }
}

// ---------------------------------------------------------------------------
// Settings, navigation, status

async function parseStoredSettings(raw: unknown): Promise<ParsedSettings> {
  const { DEFAULT_SETTINGS, parseSettings } = await settingsModule();
  if (raw === undefined) return parseSettings(undefined);
  const value = decodeSetting(raw);
  if (typeof value === 'string') {
    return {
      settings: DEFAULT_SETTINGS,
      problems: [{ path: '(settings)', message: 'the settings stored in the workbook are not valid JSON; the defaults are used' }],
    };
  }
  return parseSettings(value);
}

/** The workbook's settings, checked: a damaged setting gives its default and a problem, never an error. */
export async function readSettingsFrom(context: Excel.RequestContext): Promise<ParsedSettings> {
  const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY).load('value');
  try {
    await context.sync();
  } catch (e) {
    throw toHostError(e, undefined, 'try again');
  }
  return parseStoredSettings(item.isNullObject ? undefined : item.value);
}

export async function saveSettingsTo(context: Excel.RequestContext, settings: Settings): Promise<void> {
  const { SettingsSchema } = await settingsModule();
  const checked = SettingsSchema.safeParse(settings);
  if (!checked.success) {
    const first = checked.error.issues[0];
    throw new RagbookHostError(
      `These settings were not saved: ${first.path.join('.') || 'settings'}: ${first.message}.`,
      'invalid-settings',
      undefined,
      'unchanged',
    );
  }
  context.workbook.settings.add(SETTINGS_KEY, checked.data);
  try {
    await context.sync();
  } catch (e) {
    throw toHostError(e, 'unchanged', 'save the settings again');
  }
}

/** Activates the sheet and selects the cell (or range). */
export async function goToCellIn(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  const area = parseArea(cell);
  if (!area) throw new RagbookHostError(`'${cell}' is not a cell address Ragbook can go to.`, 'not-found');
  const ws = context.workbook.worksheets.getItemOrNullObject(sheet).load('visibility');
  try {
    await context.sync();
    if (ws.isNullObject) {
      throw new RagbookHostError(
        `There is no sheet called '${sheet}' in this workbook any more. Recalculate to bring the findings up to date.`,
        'not-found',
      );
    }
    if (ws.visibility !== 'Visible') {
      throw new RagbookHostError(`The sheet '${sheet}' is hidden. Right-click any sheet tab, choose Unhide, then try again.`, 'hidden');
    }
    ws.activate();
    ws.getRange(cell.replace(/\$/g, '')).select();
    await context.sync();
  } catch (e) {
    if (officeCode(e) === 'AccessDenied') {
      throw new RagbookHostError(
        `The sheet '${sheet}' is protected so that its cells cannot be selected. The cell is ${sheet}!${cell}; to go there, unprotect the sheet (Review > Unprotect Sheet).`,
        'protected',
        'AccessDenied',
      );
    }
    throw toHostError(e, undefined, 'try again');
  }
}

/**
 * Writes a one-line status on Ragbook's own summary sheet, beside its title, if
 * there is one; the user's sheets are never touched. Returns whether it wrote.
 */
export async function writeStatusLineIn(context: Excel.RequestContext, text: string): Promise<boolean> {
  const worksheets = context.workbook.worksheets.load('items/name');
  await context.sync();
  const markers = worksheets.items.map((ws) => ws.customProperties.getItemOrNullObject(OWNER_PROPERTY).load('value'));
  await context.sync();
  const i = markers.findIndex((m) => !m.isNullObject && m.value === 'summary');
  if (i < 0) return false;
  const cell = worksheets.items[i].getRange(STATUS_CELL);
  cell.values = [[`'${text}`]];
  cell.format.font.color = '#C00000';
  cell.format.font.bold = true;
  await context.sync();
  return true;
}

// ---------------------------------------------------------------------------
// The whole recalculation

export interface RecalcInExcelOptions {
  /** YYYY-MM-DD; default per the settings (today). */
  asOf?: string;
  onProgress?: Progress;
  /** Settings from the pane, over the workbook's own. */
  settings?: unknown;
  /** The moment stamped on the summary; default now. */
  now?: Date;
  maxPayloadBytes?: number;
  mergedAreas?: boolean;
  token?: string;
}

/** The engine's `recalculate`, passed in so this module loads without it (and tests can use it or not). */
export type Recalculate = (
  wb: WorkbookGrid,
  opts: { asOf?: string; now: Date; settings?: unknown; onProgress?: Progress },
) => { result: EngineResult; plan: Plan };

/** Read → recalculate → write, in one request context. */
export async function recalculateWith(
  context: Excel.RequestContext,
  recalculate: Recalculate,
  opts: RecalcInExcelOptions = {},
): Promise<EngineResult> {
  const grid = await readWorkbookGrid(context, {
    maxPayloadBytes: opts.maxPayloadBytes,
    mergedAreas: opts.mergedAreas,
    onProgress: opts.onProgress,
  });
  const { result, plan } = recalculate(grid, {
    asOf: opts.asOf,
    now: opts.now ?? new Date(),
    settings: opts.settings,
    onProgress: opts.onProgress,
  });
  await applyPlan(context, plan, { maxPayloadBytes: opts.maxPayloadBytes, token: opts.token, onProgress: opts.onProgress });
  opts.onProgress?.('Done', 1, 1);
  return result;
}

// ---------------------------------------------------------------------------
// Excel.run wrappers: what the pane and the ribbon command call

async function run<T>(fn: (context: Excel.RequestContext) => Promise<T>, retry = 'try again'): Promise<T> {
  try {
    return await Excel.run(fn);
  } catch (e) {
    // Office's errors are explained; the engine's own (a bad as-of date) already speak plainly.
    throw e instanceof RagbookHostError || officeCode(e) === null ? e : toHostError(e, undefined, retry);
  }
}

/** Recalculates the open workbook and writes the RAG sheets; resolves with what the pane shows. */
export async function recalculateInExcel(opts: RecalcInExcelOptions = {}): Promise<EngineResult> {
  const problem = checkRequirements();
  if (problem) throw new RagbookHostError(problem, 'unsupported', undefined, 'unchanged');
  const { recalculate } = await import(/* webpackChunkName: "engine" */ '../core/engine');
  return run((context) => recalculateWith(context, recalculate, opts), 'click Recalculate summary again');
}

export function readSettings(): Promise<ParsedSettings> {
  return run((context) => readSettingsFrom(context));
}

export function saveSettings(settings: Settings): Promise<void> {
  return run((context) => saveSettingsTo(context, settings), 'save the settings again');
}

export function goToCell(sheet: string, cell: string): Promise<void> {
  return run((context) => goToCellIn(context, sheet, cell));
}

export function writeStatusLine(text: string): Promise<boolean> {
  return run((context) => writeStatusLineIn(context, text)).catch(() => false);
}

/**
 * Shows a message in an Office dialog (the commands page in dialog mode) and
 * resolves when the user closes it, or after `timeoutMs`, or at once if no dialog
 * can be shown. Never rejects.
 */
export function showMessageDialog(title: string, message: string, timeoutMs = 4 * 60_000): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    let dialog: Office.Dialog | null = null;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try {
        dialog?.close();
      } catch {
        // already closed
      }
      resolve();
    };
    const timer = setTimeout(finish, timeoutMs);
    try {
      const url = new URL('commands.html', window.location.href);
      url.search = new URLSearchParams({ dialog: '1', title, message }).toString();
      Office.context.ui.displayDialogAsync(url.toString(), { height: 30, width: 35, displayInIframe: true }, (res) => {
        if (res.status !== Office.AsyncResultStatus.Succeeded) return finish();
        dialog = res.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, finish);
        dialog.addEventHandler(Office.EventType.DialogEventReceived, finish);
      });
    } catch {
      finish();
    }
  });
}

/** Inside the message dialog: tells the command that opened it to close it. */
export function closeMessageDialog(): void {
  try {
    Office.context.ui.messageParent('close');
  } catch {
    window.close();
  }
}
