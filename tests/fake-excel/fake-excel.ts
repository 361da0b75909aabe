// A strict fake of the part of the Excel JavaScript API that src/workbook/office/
// uses. It behaves like Office.js where that matters for correctness:
//
// - Every API object is a proxy. Reading a property before `load()` and a
//   successful `context.sync()` throws PropertyNotLoaded, as Office.js does.
// - Writes and method calls are queued and applied to the document only at
//   `sync()`, in order. A failing operation stops the batch: the operations before
//   it stay applied (Office.js batches are not transactions) and no loaded value
//   of that batch is delivered.
// - Objects are resolved when a batch runs (a sheet fetched by name is found then,
//   and stays bound to that sheet afterwards, even when it is renamed).
// - It counts syncs, operations and payload bytes (UTF-8 size of the JSON of the
//   values written in the request and of the values loaded in the response) per
//   sync, and can be told to fail at the Nth sync or the Nth operation, or to refuse
//   payloads over a size, like Excel on the web.
// - It holds Excel's limits: 32,767 characters in a cell, 8,192 in a formula, 255
//   in a formula's text constant (HYPERLINK's shown text), 255 in a custom
//   property's key; a sheet may not be called History; a VeryHidden sheet cannot be
//   deleted; a name or a table name already taken is refused.
// - Formulas, defined names and chart series refer to other sheets: a renamed sheet
//   is renamed in them, and a deleted one turns them into #REF!, as in Excel. A
//   formula that is a plain reference shows the value it refers to.
// - Several request contexts (the pane's and the ribbon's runtimes) can work on one
//   workbook at once; their batches run one at a time, in the order they are sent.
//
// Only what the adapter needs is here; anything else is simply missing, so a call
// the fake does not know fails the test instead of passing silently.

export type Scalar = string | number | boolean;

export interface FakeCell {
  value: Scalar;
  formula?: string;
  numberFormat?: string;
  /** The cell was typed with a leading apostrophe (text kept as text). */
  textPrefix?: boolean;
  /** The cell's solid fill as Excel reports it ('#RRGGBB', upper case); absent for no fill. */
  fill?: string;
}

export interface FakeTableState {
  name: string;
  address: string;
  showHeaders: boolean;
  style?: string;
}

export interface FakePageLayout {
  orientation?: string;
  paperSize?: string;
  zoom?: Record<string, unknown>;
  printTitleRows?: string;
  footer: { left?: string; center?: string; right?: string };
}

export interface FakeSheet {
  id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  cells: Map<string, FakeCell>;
  tables: FakeTableState[];
  merges: string[];
  customProperties: Map<string, string>;
  /** Formats written through the API, in order: [address, property, value]. */
  formats: [string, string, unknown][];
  columnWidths: Map<number, number>;
  freezeRows: number;
  tabColor: string;
  conditionalFormats: { address: string; type: string; props: Record<string, unknown> }[];
  /** Protected sheets refuse changes to their cells. */
  protected?: boolean;
  /** Charts on the sheet: each series' range, a reference to a sheet ('RAG History'!$C$2:$C$9). */
  charts: { name: string; series: string[] }[];
  pageLayout: FakePageLayout;
  /** Row heights set through the API, by 0-based row. */
  rowHeights: Map<number, number>;
}

/** A workbook-scoped defined name: its formula is a reference ('Sheet'!$A$1), a constant ("text"), or #REF!. */
export interface FakeName {
  name: string;
  formula: string;
  visible: boolean;
}

export interface FakeDoc {
  name: string;
  sheets: FakeSheet[];
  /** Workbook settings as Office keeps them: JSON text. */
  settings: Map<string, string>;
  activeSheetId: string | null;
  selection: { sheetId: string; address: string } | null;
  date1904: boolean;
  /** Workbook structure protection: sheets cannot be added, deleted, renamed or moved. */
  structureProtected: boolean;
  nextId: number;
  names: FakeName[];
}

export interface FakeOptions {
  /** Fail the Nth sync (1-based, counted over the fake's life) before it runs anything. */
  failAtSync?: number;
  /** Fail the Nth operation (1-based, over the fake's life); earlier ones in its batch stay applied. */
  failAtOperation?: number;
  /** The error code injected failures carry; default GeneralException. */
  failWith?: string;
  /** Refuse a sync whose request or response passes this many bytes (Excel on the web: 5 MB). */
  payloadLimit?: number;
  /** The highest ExcelApi 1.x the host has (default 13): Table.resize needs 1.13. */
  apiMinor?: number;
  /** The host lacks ExcelApi 1.13: getMergedAreasOrNullObject fails with ApiNotFound. */
  noMergedAreasApi?: boolean;
  /** The user is editing a cell: every sync fails with InvalidOperationInCellEditMode. */
  cellEditMode?: boolean;
  /** Calls the host refuses, by name (e.g. getColumnProperties), with the error code each fails with. */
  refuseCalls?: Record<string, string>;
}

export interface SyncRecord {
  index: number;
  operations: number;
  requestBytes: number;
  responseBytes: number;
  /** Operations that changed cells, formats, names or sheets. */
  writes: number;
  /** What each of those operations was, in order. */
  written: string[];
  screenSuspended: boolean;
  calculationSuspended: boolean;
  failed?: string;
}

export class FakeOfficeError extends Error {
  override name = 'RichApi.Error';
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    location?: string,
  ) {
    super(message);
    this.debugInfo = { code, message, errorLocation: location };
  }
}

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

// ---------------------------------------------------------------------------
// Addresses

export interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function colIndex(letters: string): number {
  let c = 0;
  for (const ch of letters.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c - 1;
}

export function rectA1(r: Rect): string {
  const tl = `${colName(r.c1)}${r.r1 + 1}`;
  const br = `${colName(r.c2)}${r.r2 + 1}`;
  return tl === br ? tl : `${tl}:${br}`;
}

/** A1, A1:B2, A:C (whole columns) or 3:5 (whole rows), with or without a sheet prefix and $ signs. */
export function parseRect(address: string): Rect {
  const bang = address.lastIndexOf('!');
  const ref = (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, '').trim();
  const [a, b = a] = ref.split(':');
  const cell = /^([A-Za-z]{1,3})(\d+)$/;
  const col = /^([A-Za-z]{1,3})$/;
  const row = /^(\d+)$/;
  let m1: RegExpExecArray | null;
  let m2: RegExpExecArray | null;
  if ((m1 = cell.exec(a)) && (m2 = cell.exec(b))) {
    return norm({ r1: Number(m1[2]) - 1, c1: colIndex(m1[1]), r2: Number(m2[2]) - 1, c2: colIndex(m2[1]) });
  }
  if ((m1 = col.exec(a)) && (m2 = col.exec(b))) {
    return norm({ r1: 0, c1: colIndex(m1[1]), r2: MAX_ROWS - 1, c2: colIndex(m2[1]) });
  }
  if ((m1 = row.exec(a)) && (m2 = row.exec(b))) {
    return norm({ r1: Number(m1[1]) - 1, c1: 0, r2: Number(m2[1]) - 1, c2: MAX_COLS - 1 });
  }
  throw new FakeOfficeError('InvalidArgument', `The address '${address}' is not valid.`);
}

function norm(r: Rect): Rect {
  const out = { r1: Math.min(r.r1, r.r2), c1: Math.min(r.c1, r.c2), r2: Math.max(r.r1, r.r2), c2: Math.max(r.c1, r.c2) };
  if (out.r1 < 0 || out.c1 < 0 || out.r2 >= MAX_ROWS || out.c2 >= MAX_COLS) {
    throw new FakeOfficeError('InvalidArgument', 'The address is outside the sheet.');
  }
  return out;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

const key = (r: number, c: number) => `${r},${c}`;

function intersects(a: Rect, b: Rect): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

const utf8 = new TextEncoder();
/** The bytes a value takes in a request or a response: its JSON, in UTF-8. */
const bytesOf = (v: unknown) => (v === undefined ? 0 : utf8.encode(JSON.stringify(v)).length);

// ---------------------------------------------------------------------------
// References to sheets, in formulas, defined names and chart series.

const SHEET_PREFIX = /'((?:[^']|'')+)'!|([A-Za-z_][A-Za-z0-9_.]*)!/g;

/** Applies `fn` to each sheet prefix outside the formula's text constants (Excel leaves "…" alone). */
function mapSheetPrefixes(formula: string, fn: (sheet: string) => string | null): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(SHEET_PREFIX, (whole, quoted?: string, bare?: string) => {
            const sheet = quoted !== undefined ? quoted.replace(/''/g, "'") : (bare as string);
            return fn(sheet) ?? whole;
          }),
    )
    .join('');
}

const sameSheet = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The formula after a sheet was renamed: Excel renames every reference to it. */
export function renameSheetIn(formula: string, from: string, to: string): string {
  return mapSheetPrefixes(formula, (sheet) => (sameSheet(sheet, from) ? `${quoteSheet(to)}!` : null));
}

/** The formula after a sheet was deleted: every reference to it becomes #REF!. */
export function breakSheetIn(formula: string, gone: string): string {
  return mapSheetPrefixes(formula, (sheet) => (sameSheet(sheet, gone) ? '#REF!' : null));
}

/** A formula that is one reference to a cell on a sheet: ='RAG Summary'!C9. */
const PLAIN_REFERENCE = /^=\s*(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_.]*))!\$?([A-Za-z]{1,3})\$?(\d+)\s*$/;

// ---------------------------------------------------------------------------
// Typing a value into a cell, as Excel does when `values` is set.

/** Excel's limits on what goes into a cell. */
export const LIMITS = { cellText: 32767, formula: 8192, formulaText: 255, propertyKey: 255 };

function checkFormula(formula: string): void {
  if (formula.length > LIMITS.formula)
    throw new FakeOfficeError('InvalidArgument', `A formula is longer than ${LIMITS.formula} characters.`);
  for (const m of formula.matchAll(/"((?:[^"]|"")*)"/g)) {
    if (m[1].replace(/""/g, '"').length > LIMITS.formulaText) {
      throw new FakeOfficeError('InvalidArgument', `Text values in formulas are limited to ${LIMITS.formulaText} characters.`);
    }
  }
}

function evaluate(formula: string): Scalar {
  const m = /^=HYPERLINK\(\s*"(?:[^"]|"")*"\s*,\s*"((?:[^"]|"")*)"\s*\)$/i.exec(formula);
  if (m) return m[1].replace(/""/g, '"');
  const n = /^=\s*([+-]?\d+(?:\.\d+)?)\s*$/.exec(formula);
  if (n) return Number(n[1]);
  if (/#REF!/.test(formula)) return '#REF!';
  if (PLAIN_REFERENCE.test(formula)) return 0;
  return '#NAME?';
}

/** What a cell holds after `input` is typed into it; undefined leaves the cell alone; null clears it. */
export function typeIn(input: unknown): FakeCell | null | undefined {
  if (input === null || input === undefined) return undefined;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new FakeOfficeError('InvalidArgument', 'A value is not a finite number.');
    return { value: input };
  }
  if (typeof input === 'boolean') return { value: input };
  if (typeof input !== 'string') throw new FakeOfficeError('InvalidArgument', `Cannot write a ${typeof input}.`);
  if (input === '') return null;
  if (input.startsWith("'")) {
    if (input.length - 1 > LIMITS.cellText)
      throw new FakeOfficeError('InvalidArgument', `Text is longer than ${LIMITS.cellText} characters.`);
    return { value: input.slice(1), textPrefix: true };
  }
  if (input.length > LIMITS.cellText) throw new FakeOfficeError('InvalidArgument', `Text is longer than ${LIMITS.cellText} characters.`);
  if (input.startsWith('=')) {
    checkFormula(input);
    return { value: evaluate(input), formula: input };
  }
  const numeric = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?%?$/i.exec(input.trim());
  if (numeric) {
    const pct = input.trim().endsWith('%');
    const n = Number(input.trim().replace('%', ''));
    return { value: pct ? n / 100 : n };
  }
  if (/^(true|false)$/i.test(input.trim())) return { value: input.trim().toLowerCase() === 'true' };
  // Excel reads a typed date as a serial number.
  if (/^\d{1,2}[/-]\d{1,2}[/-]\d{2,4}$/.test(input.trim())) return { value: 45000, numberFormat: 'dd/mm/yyyy' };
  // Excel treats a leading +, - or @ as the start of a formula.
  if (/^[+\-@]/.test(input)) return { value: '#NAME?', formula: '=' + input.replace(/^@/, '') };
  return { value: input };
}

// ---------------------------------------------------------------------------
// The fake workbook and its request context

interface Op {
  what: string;
  requestBytes: number;
  write: boolean;
  /** Runs the operation; returns what a load delivers after the sync succeeds. */
  run: () => Staged | void;
}

interface Staged {
  bytes: number;
  publish: (() => void)[];
}

export interface SheetInit {
  name: string;
  /** Rows of values from A1 (or from `origin`); strings are stored as text exactly as given. */
  rows?: (Scalar | null)[][];
  origin?: { r: number; c: number };
  formats?: (string | null)[][];
  /** Solid fills ('#RRGGBB'), parallel to rows; a filled cell may hold no value. */
  fills?: (string | null)[][];
  hidden?: boolean | 'very';
  tables?: { name: string; address: string; showHeaders?: boolean }[];
  merges?: string[];
  customProperties?: Record<string, string>;
  protected?: boolean;
  /** Formulas typed by the user, by address: { C2: "='RAG Summary'!C9" }. */
  formulas?: Record<string, string>;
  charts?: { name: string; series: string[] }[];
}

export class FakeExcel {
  readonly doc: FakeDoc;
  readonly options: FakeOptions;
  readonly syncs: SyncRecord[] = [];
  operations = 0;
  readonly context: FakeRequestContext;

  constructor(
    init: {
      name?: string;
      sheets: SheetInit[];
      settings?: Record<string, unknown>;
      date1904?: boolean;
      /** Workbook-scoped defined names. */
      names?: { name: string; formula: string }[];
    },
    options: FakeOptions = {},
  ) {
    this.options = { ...options };
    this.doc = {
      name: init.name ?? 'Tracker.xlsx',
      sheets: [],
      settings: new Map(Object.entries(init.settings ?? {}).map(([k, v]) => [k, JSON.stringify(v)])),
      activeSheetId: null,
      selection: null,
      date1904: init.date1904 ?? false,
      structureProtected: false,
      nextId: 1,
      names: (init.names ?? []).map((n) => ({
        name: n.name,
        formula: n.formula.startsWith('=') ? n.formula : `=${n.formula}`,
        visible: true,
      })),
    };
    for (const s of init.sheets) this.addSheetState(s);
    this.doc.activeSheetId = this.doc.sheets.find((s) => s.visibility === 'Visible')?.id ?? null;
    this.context = this.newContext();
  }

  /**
   * Another request context on the same workbook: another runtime (the pane and the
   * ribbon command have one each) or a co-author. Its proxies queue on it alone;
   * its batches run in turn with everyone else's.
   */
  newContext(): FakeRequestContext {
    const view = Object.create(this) as FakeExcel;
    const context = new FakeRequestContext(this, view);
    Object.defineProperty(view, 'context', { value: context });
    return context;
  }

  /** Every formula, name and chart series that refers to a sheet, rewritten by `fn`. */
  private rewriteReferences(fn: (formula: string) => string): void {
    for (const sheet of this.doc.sheets) {
      for (const cell of sheet.cells.values()) if (cell.formula) cell.formula = fn(cell.formula);
      for (const chart of sheet.charts) chart.series = chart.series.map(fn);
    }
    for (const n of this.doc.names) n.formula = fn(n.formula);
  }

  renameSheet(sheet: FakeSheet, name: string): void {
    const from = sheet.name;
    sheet.name = name;
    this.rewriteReferences((f) => renameSheetIn(f, from, name));
  }

  deleteSheet(sheet: FakeSheet): void {
    const list = this.doc.sheets;
    list.splice(list.indexOf(sheet), 1);
    this.rewriteReferences((f) => breakSheetIn(f, sheet.name));
  }

  /** What a cell shows: a plain reference shows the cell it refers to, as Excel recalculates it. */
  shown(cell: FakeCell | undefined): Scalar | undefined {
    if (!cell?.formula) return cell?.value;
    if (/#REF!/.test(cell.formula)) return '#REF!';
    const m = PLAIN_REFERENCE.exec(cell.formula);
    if (!m) return cell.value;
    const target = this.sheet(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]);
    if (!target) return '#REF!';
    const { r1, c1 } = parseRect(`${m[3]}${m[4]}`);
    return this.shown(target.cells.get(key(r1, c1))) ?? 0;
  }

  addSheetState(init: SheetInit): FakeSheet {
    const sheet = newSheet(`{${String(this.doc.nextId++).padStart(8, '0')}}`, init.name);
    sheet.visibility = init.hidden === 'very' ? 'VeryHidden' : init.hidden ? 'Hidden' : 'Visible';
    const { r: r0, c: c0 } = init.origin ?? { r: 0, c: 0 };
    (init.rows ?? []).forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === '') return;
        const fmt = init.formats?.[r]?.[c] ?? undefined;
        sheet.cells.set(key(r0 + r, c0 + c), { value: v, ...(fmt ? { numberFormat: fmt } : {}) });
      }),
    );
    (init.fills ?? []).forEach((row, r) =>
      row.forEach((fill, c) => {
        if (!fill) return;
        const k = key(r0 + r, c0 + c);
        sheet.cells.set(k, { ...(sheet.cells.get(k) ?? { value: '' }), fill: fill.toUpperCase() });
      }),
    );
    sheet.tables = (init.tables ?? []).map((t) => ({ name: t.name, address: t.address, showHeaders: t.showHeaders ?? true }));
    sheet.merges = [...(init.merges ?? [])];
    sheet.customProperties = new Map(Object.entries(init.customProperties ?? {}));
    for (const [address, formula] of Object.entries(init.formulas ?? {})) {
      const { r1, c1 } = parseRect(address);
      sheet.cells.set(key(r1, c1), { value: evaluate(formula), formula });
    }
    sheet.charts = (init.charts ?? []).map((c) => ({ name: c.name, series: [...c.series] }));
    sheet.protected = init.protected;
    this.doc.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.doc.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** The sheet's values as a dense grid from A1 to its last used cell ('' for empty). */
  valuesOf(name: string): Scalar[][] {
    const s = this.sheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    const used = usedRect(s);
    if (!used) return [];
    const out: Scalar[][] = [];
    for (let r = 0; r <= used.r2; r++) {
      const row: Scalar[] = [];
      for (let c = 0; c <= used.c2; c++) row.push(this.shown(s.cells.get(key(r, c))) ?? '');
      out.push(row);
    }
    return out;
  }

  cell(sheet: string, address: string): FakeCell | undefined {
    const { r1, c1 } = parseRect(address);
    return this.sheet(sheet)?.cells.get(key(r1, c1));
  }

  /**
   * Everything a user could see or that Ragbook relies on, without internal ids:
   * equal snapshots mean equal workbooks. A deep copy, so a snapshot taken before a
   * change still shows the workbook as it was.
   */
  snapshot(): unknown {
    const active = this.doc.sheets.find((s) => s.id === this.doc.activeSheetId)?.name ?? null;
    return structuredClone({
      sheets: this.doc.sheets.map((s) => ({
        name: s.name,
        visibility: s.visibility,
        cells: [...s.cells.entries()].sort(([a], [b]) => a.localeCompare(b)),
        tables: s.tables,
        merges: [...s.merges].sort(),
        customProperties: [...s.customProperties.entries()].sort(),
        formats: s.formats,
        columnWidths: [...s.columnWidths.entries()].sort((a, b) => a[0] - b[0]),
        freezeRows: s.freezeRows,
        tabColor: s.tabColor,
        conditionalFormats: s.conditionalFormats,
        charts: s.charts,
        pageLayout: s.pageLayout,
        rowHeights: [...s.rowHeights.entries()].sort((a, b) => a[0] - b[0]),
      })),
      settings: [...this.doc.settings.entries()].sort(),
      names: [...this.doc.names].sort((a, b) => a.name.localeCompare(b.name)),
      active,
    });
  }

  /** A snapshot of the named sheets only (the user's own, say). */
  snapshotOf(names: string[]): unknown {
    const all = this.snapshot() as { sheets: { name: string }[] };
    return names.map((n) => all.sheets.find((s) => s.name === n) ?? null);
  }

  get syncCount(): number {
    return this.syncs.length;
  }

  // -- the engine room: runs one batch --------------------------------------

  async runBatch(queue: Op[]): Promise<void> {
    const record: SyncRecord = {
      index: this.syncs.length + 1,
      operations: queue.length,
      requestBytes: queue.reduce((n, op) => n + op.requestBytes, 0),
      responseBytes: 0,
      writes: 0,
      written: [],
      screenSuspended: false,
      calculationSuspended: false,
    };
    this.syncs.push(record);
    await Promise.resolve();
    const fail = (code: string, message: string): never => {
      record.failed = code;
      throw new FakeOfficeError(code, message);
    };
    if (this.options.failAtSync === record.index)
      fail(this.options.failWith ?? 'GeneralException', `Injected failure at sync ${record.index}.`);
    if (this.options.cellEditMode && queue.length) fail('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.');
    const limit = this.options.payloadLimit;
    if (limit !== undefined && record.requestBytes > limit)
      fail('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    const publish: (() => void)[] = [];
    for (const op of queue) {
      this.operations++;
      if (this.options.failAtOperation === this.operations) {
        fail(this.options.failWith ?? 'GeneralException', `Injected failure at operation ${this.operations} (${op.what}).`);
      }
      const refused = this.options.refuseCalls?.[op.what];
      if (refused) fail(refused, `The host refused ${op.what}.`);
      try {
        const staged = op.run();
        if (op.write) {
          record.writes++;
          record.written.push(op.what);
        }
        if (staged) {
          record.responseBytes += staged.bytes;
          publish.push(...staged.publish);
        }
      } catch (e) {
        record.failed = e instanceof FakeOfficeError ? e.code : 'GeneralException';
        throw e instanceof FakeOfficeError ? e : new FakeOfficeError('GeneralException', String(e), op.what);
      }
    }
    if (limit !== undefined && record.responseBytes > limit)
      fail('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    for (const p of publish) p();
  }

  /** Marks the current batch's suspensions (called by Application proxy ops). */
  currentSync(): SyncRecord {
    return this.syncs[this.syncs.length - 1];
  }

  // -- document operations used by the proxies -------------------------------

  findSheet(keyOrName: string): FakeSheet | undefined {
    return this.doc.sheets.find((s) => s.id === keyOrName || s.name.toLowerCase() === keyOrName.toLowerCase());
  }

  checkName(name: string, except?: FakeSheet): void {
    // Excel keeps "History" for itself (the change history of a shared workbook).
    if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name) || /^history$/i.test(name)) {
      throw new FakeOfficeError('InvalidArgument', `'${name}' is not a valid sheet name.`);
    }
    const clash = this.doc.sheets.find((s) => s !== except && s.name.toLowerCase() === name.toLowerCase());
    if (clash) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named '${name}' already exists.`);
  }

  checkStructure(): void {
    if (this.doc.structureProtected) throw new FakeOfficeError('AccessDenied', 'The workbook structure is protected.');
  }
}

function newSheet(id: string, name: string): FakeSheet {
  return {
    id,
    name,
    visibility: 'Visible',
    cells: new Map(),
    tables: [],
    merges: [],
    customProperties: new Map(),
    formats: [],
    columnWidths: new Map(),
    freezeRows: 0,
    tabColor: '',
    conditionalFormats: [],
    charts: [],
    pageLayout: { footer: {} },
    rowHeights: new Map(),
  };
}

/** The sheet's used range: cells with a value or a formula, and (unless `valuesOnly`) cells holding only a format. */
function usedRect(s: FakeSheet, valuesOnly = false): Rect | null {
  let out: Rect | null = null;
  for (const [k, cell] of s.cells) {
    if (valuesOnly && cell.value === '' && !cell.formula) continue;
    const [r, c] = k.split(',').map(Number);
    if (!out) out = { r1: r, c1: c, r2: r, c2: c };
    else {
      out.r1 = Math.min(out.r1, r);
      out.c1 = Math.min(out.c1, c);
      out.r2 = Math.max(out.r2, r);
      out.c2 = Math.max(out.c2, c);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Proxies

type Resolver<T> = () => T | null;

/** Splits 'a, b/c, items/d' into paths. */
function paths(spec: string | string[] | undefined): string[][] {
  const list = spec === undefined ? [] : Array.isArray(spec) ? spec : spec.split(',');
  return list
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => p.split('/'));
}

abstract class FakeObject<T> {
  protected readonly loaded = new Map<string, unknown>();
  private bound: T | null = null;
  private boundOnce = false;

  constructor(
    protected readonly fx: FakeExcel,
    protected readonly resolver: Resolver<T>,
    /** Made by a *OrNullObject method: a missing target is a null object, not an error. */
    protected readonly nullable = false,
    protected readonly what = 'object',
  ) {}

  /** The target as it is now, not as it was when first found (collections are looked up afresh). */
  protected fresh(): T | null {
    return this.resolver();
  }

  /** Finds the target when a batch runs, once; later batches reuse it. */
  resolve(): T | null {
    if (!this.boundOnce) {
      this.bound = this.resolver();
      this.boundOnce = true;
    }
    return this.bound;
  }

  /** The target, or an ItemNotFound error (a method called on a null object, or a missing item). */
  target(): T {
    const t = this.resolve();
    if (t === null || t === undefined) throw new FakeOfficeError('ItemNotFound', `The requested ${this.what} does not exist.`);
    return t;
  }

  get isNullObject(): boolean {
    if (!this.nullable) return false;
    return this.read('isNullObject') as boolean;
  }

  protected read(prop: string): unknown {
    if (!this.loaded.has(prop)) {
      throw new FakeOfficeError(
        'PropertyNotLoaded',
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(prop);
  }

  /** Scalar properties a load may read. */
  protected abstract scalar(target: T, prop: string): unknown;
  /** Navigation properties a load may follow. */

  protected nav(_prop: string): FakeObject<any> | null {
    return null;
  }

  load(spec?: string | string[]): this {
    const ps = paths(spec);
    this.fx.context.enqueue({ what: `load ${this.what}`, requestBytes: bytesOf(spec ?? ''), write: false, run: () => this.collect(ps) });
    return this;
  }

  /** Runs at sync: reads the requested properties now, delivers them if the batch succeeds. */
  collect(ps: string[][]): Staged {
    const staged: Staged = { bytes: 0, publish: [] };
    const t = this.resolve();
    if (this.nullable) {
      const isNull = t === null || t === undefined;
      staged.publish.push(() => this.loaded.set('isNullObject', isNull));
      if (isNull) return staged;
    } else if (t === null || t === undefined) {
      throw new FakeOfficeError('ItemNotFound', `The requested ${this.what} does not exist.`);
    }
    const groups = new Map<string, string[][]>();
    for (const p of ps) {
      const head = p[0];
      if (!groups.has(head)) groups.set(head, []);
      if (p.length > 1) groups.get(head)!.push(p.slice(1));
    }
    for (const [head, rest] of groups) {
      const child = this.nav(head);
      if (child) {
        const inner = child.collect(rest);
        staged.bytes += inner.bytes;
        staged.publish.push(...inner.publish, () => this.loaded.set(head, child));
        continue;
      }
      const value = this.scalar(t as T, head);
      if (value === undefined)
        throw new FakeOfficeError('InvalidArgument', `The property '${head}' of ${this.what} is not known to the fake.`);
      staged.bytes += bytesOf(value);
      staged.publish.push(() => this.loaded.set(head, value));
    }
    return staged;
  }

  protected enqueueWrite(what: string, payload: unknown, run: () => void): void {
    this.fx.context.enqueue({ what, requestBytes: bytesOf(payload) + what.length, write: true, run });
  }

  protected enqueueCall(what: string, run: () => void, write = true): void {
    this.fx.context.enqueue({ what, requestBytes: what.length, write, run });
  }
}

abstract class FakeCollection<T, P extends FakeObject<T>> extends FakeObject<T[]> {
  protected abstract item(target: T): P;

  get items(): P[] {
    return this.read('items') as P[];
  }

  protected scalar(_target: T[], _prop: string): unknown {
    return undefined;
  }

  override collect(ps: string[][]): Staged {
    // A collection is looked up afresh by every load, as Office.js does: its items are the ones there now.
    const list = this.fresh();
    if (list === null || list === undefined) throw new FakeOfficeError('ItemNotFound', `The requested ${this.what} does not exist.`);
    // `load('name')` on a collection means the items' names, as in Office.js.
    const itemPaths = ps.map((p) => (p[0] === 'items' ? p.slice(1) : p)).filter((p) => p.length);
    const proxies = list.map((t) => this.item(t));
    const staged: Staged = { bytes: 2, publish: [() => this.loaded.set('items', proxies)] };
    for (const p of proxies) {
      const inner = p.collect(itemPaths);
      staged.bytes += inner.bytes + 1;
      staged.publish.push(...inner.publish);
    }
    return staged;
  }
}

export class FakeRequestContext {
  private queue: Op[] = [];
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;

  /** `view` is the workbook as this context's proxies see it: their `context` is this one. */
  constructor(
    readonly fx: FakeExcel,
    view: FakeExcel,
  ) {
    this.workbook = new FakeWorkbook(view);
    this.application = this.workbook.application;
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    await this.fx.runBatch(queue);
  }
}

class FakeWorkbook extends FakeObject<FakeDoc> {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly settings: FakeSettingCollection;
  readonly application: FakeApplication;
  readonly functions: FakeFunctions;
  readonly protection: FakeWorkbookProtection;
  readonly names: FakeNamedItemCollection;

  constructor(fx: FakeExcel) {
    super(fx, () => fx.doc, false, 'workbook');
    this.names = new FakeNamedItemCollection(fx);
    this.worksheets = new FakeWorksheetCollection(fx);
    this.tables = new FakeTableCollection(fx);
    this.settings = new FakeSettingCollection(fx);
    this.application = new FakeApplication(fx);
    this.functions = new FakeFunctions(fx);
    this.protection = new FakeWorkbookProtection(fx);
  }

  get name(): string {
    return this.read('name') as string;
  }

  protected scalar(doc: FakeDoc, prop: string): unknown {
    return prop === 'name' ? doc.name : undefined;
  }
}

// -- defined names ------------------------------------------------------------

/** A defined name's type as Office.js reports it. */
function nameType(formula: string): string {
  if (/#REF!/.test(formula)) return 'Error';
  if (/^=\s*"/.test(formula)) return 'String';
  if (/^=\s*[+-]?\d/.test(formula)) return 'Double';
  return 'Range';
}

/** Names Excel accepts: a letter, underscore or backslash first; then letters, digits, _ . \ ; not a cell reference. */
function checkDefinedName(name: string): void {
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || name.length > 255) {
    throw new FakeOfficeError('InvalidArgument', `'${name}' is not a valid name.`);
  }
}

class FakeNamedItem extends FakeObject<FakeName> {
  protected scalar(n: FakeName, prop: string): unknown {
    switch (prop) {
      case 'name':
        return n.name;
      case 'formula':
        return n.formula;
      case 'type':
        return nameType(n.formula);
      case 'value':
        return nameType(n.formula) === 'Range' ? n.formula.replace(/^=/, '') : n.formula.replace(/^=\s*"?|"$/g, '');
      case 'visible':
        return n.visible;
      default:
        return undefined;
    }
  }
  get name(): string {
    return this.read('name') as string;
  }
  get formula(): string {
    return this.read('formula') as string;
  }
  set formula(value: string) {
    this.enqueueWrite('namedItem.formula', value, () => {
      const f = value.startsWith('=') ? value : `=${value}`;
      checkFormula(f);
      this.target().formula = f;
    });
  }
  get type(): string {
    return this.read('type') as string;
  }
  get value(): unknown {
    return this.read('value');
  }
  get visible(): boolean {
    return this.read('visible') as boolean;
  }
  delete(): void {
    this.enqueueWrite('namedItem.delete', null, () => {
      const n = this.target();
      const list = this.fx.doc.names;
      const i = list.indexOf(n);
      if (i < 0) throw new FakeOfficeError('ItemNotFound', `The name '${n.name}' does not exist.`);
      list.splice(i, 1);
    });
  }
}

class FakeNamedItemCollection extends FakeCollection<FakeName, FakeNamedItem> {
  constructor(fx: FakeExcel) {
    super(fx, () => fx.doc.names, false, 'named item collection');
  }
  protected item(t: FakeName): FakeNamedItem {
    return new FakeNamedItem(this.fx, () => t, false, `name '${t.name}'`);
  }
  private find(name: string): FakeName | null {
    return this.fx.doc.names.find((n) => n.name.toLowerCase() === name.toLowerCase()) ?? null;
  }
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.fx, () => this.find(name), false, `name '${name}'`);
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.fx, () => this.find(name), true, `name '${name}'`);
  }
  /** `reference`: a range (the name refers to it) or a formula ("=Sheet1!$A$1", "=\"text\""). */
  add(name: string, reference: FakeRange | string, _comment?: string): FakeNamedItem {
    let made: FakeName | null = null;
    this.enqueueWrite(`names.add(${name})`, [name, typeof reference === 'string' ? reference : 'range'], () => {
      checkDefinedName(name);
      const taken = this.find(name) ?? this.fx.doc.sheets.flatMap((s) => s.tables).find((t) => t.name.toLowerCase() === name.toLowerCase());
      if (taken) throw new FakeOfficeError('ItemAlreadyExists', 'A resource with the same name or identifier already exists.');
      let formula: string;
      if (typeof reference === 'string') {
        formula = reference.startsWith('=') ? reference : `=${reference}`;
        checkFormula(formula);
      } else {
        const { sheet, rect } = reference.target();
        formula = `=${quoteSheet(sheet.name)}!${absolute(rect)}`;
      }
      made = { name, formula, visible: true };
      this.fx.doc.names.push(made);
    });
    return new FakeNamedItem(this.fx, () => made, false, `new name '${name}'`);
  }
}

/** $A$1 or $A$1:$B$2. */
function absolute(r: Rect): string {
  const one = (row: number, col: number) => `$${colName(col)}$${row + 1}`;
  return r.r1 === r.r2 && r.c1 === r.c2 ? one(r.r1, r.c1) : `${one(r.r1, r.c1)}:${one(r.r2, r.c2)}`;
}

/** workbook.protection (ExcelApi 1.7): whether the workbook's structure is protected. */
class FakeWorkbookProtection extends FakeObject<FakeDoc> {
  constructor(fx: FakeExcel) {
    super(fx, () => fx.doc, false, 'workbook protection');
  }
  protected scalar(doc: FakeDoc, prop: string): unknown {
    return prop === 'protected' ? doc.structureProtected : undefined;
  }
  get protected(): boolean {
    return this.read('protected') as boolean;
  }
}

class FakeApplication extends FakeObject<FakeDoc> {
  constructor(fx: FakeExcel) {
    super(fx, () => fx.doc, false, 'application');
  }
  protected scalar(): unknown {
    return undefined;
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.enqueueCall('suspendScreenUpdatingUntilNextSync', () => void (this.fx.currentSync().screenSuspended = true), false);
  }
  suspendApiCalculationUntilNextSync(): void {
    this.enqueueCall('suspendApiCalculationUntilNextSync', () => void (this.fx.currentSync().calculationSuspended = true), false);
  }
}

class FakeFunctionResult extends FakeObject<{ value: unknown; error: string | null }> {
  protected scalar(t: { value: unknown; error: string | null }, prop: string): unknown {
    return prop === 'value' ? t.value : prop === 'error' ? t.error : undefined;
  }
  get value(): unknown {
    return this.read('value');
  }
  get error(): unknown {
    return this.read('error');
  }
}

class FakeFunctions extends FakeObject<FakeDoc> {
  constructor(fx: FakeExcel) {
    super(fx, () => fx.doc, false, 'functions');
  }
  protected scalar(): unknown {
    return undefined;
  }
  /** DATE(y, m, d) evaluated by the workbook, in its own date system. */
  date(year: number, month: number, day: number): FakeFunctionResult {
    return new FakeFunctionResult(
      this.fx,
      () => {
        const days = Date.UTC(year, month - 1, day) / 86400000;
        const serial = this.fx.doc.date1904 ? days + 24107 : days + 25569;
        return { value: serial, error: null };
      },
      false,
      'function result',
    );
  }
}

// -- worksheets ---------------------------------------------------------------

class FakeWorksheetCollection extends FakeCollection<FakeSheet, FakeWorksheet> {
  constructor(fx: FakeExcel) {
    super(fx, () => fx.doc.sheets, false, 'worksheet collection');
  }
  protected item(t: FakeSheet): FakeWorksheet {
    return new FakeWorksheet(this.fx, () => t);
  }
  getItem(keyOrName: string): FakeWorksheet {
    return new FakeWorksheet(this.fx, () => this.fx.findSheet(keyOrName) ?? null, false, `worksheet '${keyOrName}'`);
  }
  getItemOrNullObject(keyOrName: string): FakeWorksheet {
    return new FakeWorksheet(this.fx, () => this.fx.findSheet(keyOrName) ?? null, true, `worksheet '${keyOrName}'`);
  }
  add(name?: string): FakeWorksheet {
    let created: FakeSheet | null = null;
    const proxy = new FakeWorksheet(
      this.fx,
      () => {
        if (!created) throw new FakeOfficeError('InvalidOperation', 'The worksheet is used before the batch that adds it ran.');
        return created;
      },
      false,
      `new worksheet '${name}'`,
    );
    this.enqueueWrite(`worksheets.add(${name})`, name, () => {
      this.fx.checkStructure();
      const sheetName = name ?? `Sheet${this.fx.doc.nextId}`;
      this.fx.checkName(sheetName);
      created = newSheet(`{${String(this.fx.doc.nextId++).padStart(8, '0')}}`, sheetName);
      this.fx.doc.sheets.push(created);
    });
    return proxy;
  }
}

class FakeWorksheet extends FakeObject<FakeSheet> {
  protected scalar(s: FakeSheet, prop: string): unknown {
    switch (prop) {
      case 'name':
        return s.name;
      case 'id':
        return s.id;
      case 'visibility':
        return s.visibility;
      case 'position':
        return this.fx.doc.sheets.indexOf(s);
      case 'tabColor':
        return s.tabColor;
      default:
        return undefined;
    }
  }

  get name(): string {
    return this.read('name') as string;
  }
  set name(value: string) {
    this.enqueueWrite(`worksheet.name = ${value}`, value, () => {
      const s = this.target();
      this.fx.checkStructure();
      this.fx.checkName(value, s);
      this.fx.renameSheet(s, value);
    });
  }
  get id(): string {
    return this.read('id') as string;
  }
  get visibility(): string {
    return this.read('visibility') as string;
  }
  set visibility(value: string) {
    this.enqueueWrite(`worksheet.visibility = ${value}`, value, () => {
      const s = this.target();
      if (!['Visible', 'Hidden', 'VeryHidden'].includes(value)) throw new FakeOfficeError('InvalidArgument', `Visibility '${value}'.`);
      if (value === s.visibility) return;
      this.fx.checkStructure();
      if (value !== 'Visible' && this.fx.doc.sheets.filter((x) => x !== s && x.visibility === 'Visible').length === 0) {
        throw new FakeOfficeError('InvalidOperation', 'A workbook must keep at least one visible sheet.');
      }
      s.visibility = value as FakeSheet['visibility'];
      if (value !== 'Visible' && this.fx.doc.activeSheetId === s.id) {
        this.fx.doc.activeSheetId = this.fx.doc.sheets.find((x) => x.visibility === 'Visible')?.id ?? null;
      }
    });
  }
  get position(): number {
    return this.read('position') as number;
  }
  set position(value: number) {
    this.enqueueWrite(`worksheet.position = ${value}`, value, () => {
      const s = this.target();
      this.fx.checkStructure();
      const list = this.fx.doc.sheets;
      if (!Number.isInteger(value) || value < 0 || value >= list.length)
        throw new FakeOfficeError('InvalidArgument', 'Position out of range.');
      list.splice(list.indexOf(s), 1);
      list.splice(value, 0, s);
    });
  }
  get tabColor(): string {
    return this.read('tabColor') as string;
  }
  set tabColor(value: string) {
    this.enqueueWrite('worksheet.tabColor', value, () => void (this.target().tabColor = value));
  }

  get customProperties(): FakeCustomPropertyCollection {
    return new FakeCustomPropertyCollection(this.fx, () => this.target().customProperties);
  }
  get freezePanes(): { freezeRows(n: number): void; unfreeze(): void } {
    return {
      freezeRows: (n: number) => this.enqueueWrite('freezePanes.freezeRows', n, () => void (this.target().freezeRows = n)),
      unfreeze: () => this.enqueueWrite('freezePanes.unfreeze', null, () => void (this.target().freezeRows = 0)),
    };
  }
  get tables(): FakeSheetTables {
    return new FakeSheetTables(this.fx, this);
  }
  get pageLayout(): FakePageLayoutProxy {
    return new FakePageLayoutProxy(this.fx, this);
  }

  activate(): void {
    this.enqueueCall(
      'worksheet.activate',
      () => {
        const s = this.target();
        if (s.visibility !== 'Visible') throw new FakeOfficeError('InvalidOperation', 'A hidden sheet cannot be activated.');
        this.fx.doc.activeSheetId = s.id;
      },
      false,
    );
  }

  delete(): void {
    this.enqueueWrite('worksheet.delete', null, () => {
      const s = this.target();
      this.fx.checkStructure();
      const list = this.fx.doc.sheets;
      if (s.visibility === 'VeryHidden') throw new FakeOfficeError('InvalidOperation', 'A VeryHidden sheet cannot be deleted.');
      if (list.filter((x) => x !== s && x.visibility === 'Visible').length === 0) {
        throw new FakeOfficeError('InvalidOperation', 'A workbook must keep at least one visible sheet.');
      }
      const i = list.indexOf(s);
      this.fx.deleteSheet(s);
      if (this.fx.doc.activeSheetId === s.id) {
        const next = list.slice(Math.max(0, i - 1)).find((x) => x.visibility === 'Visible') ?? list.find((x) => x.visibility === 'Visible');
        this.fx.doc.activeSheetId = next?.id ?? null;
      }
      if (this.fx.doc.selection?.sheetId === s.id) this.fx.doc.selection = null;
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.fx, () => {
      const s = this.target();
      return { sheet: s, rect: address ? parseRect(address) : { r1: 0, c1: 0, r2: MAX_ROWS - 1, c2: MAX_COLS - 1 } };
    });
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.fx, () => {
      if (rows < 1 || cols < 1) throw new FakeOfficeError('InvalidArgument', 'A range needs at least one row and one column.');
      return { sheet: this.target(), rect: norm({ r1: row, c1: col, r2: row + rows - 1, c2: col + cols - 1 }) };
    });
  }

  /** As Office.js: the top-left cell when the sheet holds nothing, never an error. */
  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.fx, () => {
      const s = this.target();
      return { sheet: s, rect: usedRect(s, valuesOnly) ?? { r1: 0, c1: 0, r2: 0, c2: 0 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.fx,
      () => {
        const s = this.target();
        const rect = usedRect(s, valuesOnly);
        return rect ? { sheet: s, rect } : null;
      },
      true,
    );
  }
}

// -- ranges -------------------------------------------------------------------

interface RangeTarget {
  sheet: FakeSheet;
  rect: Rect;
}

function cellCount(r: Rect): number {
  return (r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1);
}

/** Reading a whole sheet's values is not something the adapter should ever do. */
const MAX_READ_CELLS = 5_000_000;

class FakeRange extends FakeObject<RangeTarget> {
  constructor(fx: FakeExcel, resolver: Resolver<RangeTarget>, nullable = false) {
    super(fx, resolver, nullable, 'range');
  }

  protected scalar(t: RangeTarget, prop: string): unknown {
    const { sheet, rect } = t;
    switch (prop) {
      case 'address':
        return `${quoteSheet(sheet.name)}!${rectA1(rect)}`;
      case 'rowIndex':
        return rect.r1;
      case 'columnIndex':
        return rect.c1;
      case 'rowCount':
        return rect.r2 - rect.r1 + 1;
      case 'columnCount':
        return rect.c2 - rect.c1 + 1;
      case 'values':
      case 'numberFormat':
      case 'formulas': {
        if (cellCount(rect) > MAX_READ_CELLS) throw new FakeOfficeError('RangeExceedsLimit', 'The range is too large to read.');
        const out: unknown[][] = [];
        for (let r = rect.r1; r <= rect.r2; r++) {
          const row: unknown[] = [];
          for (let c = rect.c1; c <= rect.c2; c++) {
            const cell = sheet.cells.get(key(r, c));
            row.push(
              prop === 'values'
                ? (this.fx.shown(cell) ?? '')
                : prop === 'formulas'
                  ? (cell?.formula ?? cell?.value ?? '')
                  : (cell?.numberFormat ?? 'General'),
            );
          }
          out.push(row);
        }
        return out;
      }
      default:
        return undefined;
    }
  }

  get address(): string {
    return this.read('address') as string;
  }
  get rowIndex(): number {
    return this.read('rowIndex') as number;
  }
  get columnIndex(): number {
    return this.read('columnIndex') as number;
  }
  get rowCount(): number {
    return this.read('rowCount') as number;
  }
  get columnCount(): number {
    return this.read('columnCount') as number;
  }
  get values(): unknown[][] {
    return this.read('values') as unknown[][];
  }
  set values(input: unknown) {
    this.enqueueWrite('range.values', input, () => {
      const { sheet, rect } = this.target();
      if (sheet.protected) throw new FakeOfficeError('AccessDenied', 'The sheet is protected.');
      forEachInput(rect, input, 'values', (r, c, v) => {
        const typed = typeIn(v);
        if (typed === undefined) return;
        const k = key(r, c);
        const old = sheet.cells.get(k);
        // Typing or clearing a value keeps the cell's formats, its fill among them.
        const fill = old?.fill ? { fill: old.fill } : {};
        if (typed === null) {
          if (old?.numberFormat || old?.fill)
            sheet.cells.set(k, { value: '', ...(old.numberFormat ? { numberFormat: old.numberFormat } : {}), ...fill });
          else sheet.cells.delete(k);
          return;
        }
        const numberFormat = old?.numberFormat ?? typed.numberFormat;
        sheet.cells.set(k, { ...typed, ...(numberFormat ? { numberFormat } : {}), ...fill });
      });
      dropEmpty(sheet, rect);
    });
  }
  get numberFormat(): unknown[][] {
    return this.read('numberFormat') as unknown[][];
  }
  set numberFormat(input: unknown) {
    this.enqueueWrite('range.numberFormat', input, () => {
      const { sheet, rect } = this.target();
      if (sheet.protected) throw new FakeOfficeError('AccessDenied', 'The sheet is protected.');
      forEachInput(rect, input, 'numberFormat', (r, c, v) => {
        if (v === null || v === undefined) return;
        if (typeof v !== 'string') throw new FakeOfficeError('InvalidArgument', 'A number format must be text.');
        const k = key(r, c);
        const old = sheet.cells.get(k);
        if (v === 'General') {
          if (old) {
            const { numberFormat: _drop, ...rest } = old;
            sheet.cells.set(k, rest);
          }
        } else sheet.cells.set(k, { ...(old ?? { value: '' }), numberFormat: v });
      });
      dropEmpty(sheet, rect);
    });
  }

  get format(): FakeRangeFormat {
    return new FakeRangeFormat(this.fx, this);
  }
  get conditionalFormats(): { add(type: string): FakeConditionalFormat; clearAll(): void } {
    return {
      clearAll: () =>
        this.enqueueWrite('conditionalFormats.clearAll', null, () => {
          const { sheet, rect } = this.target();
          sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => !intersects(parseRect(cf.address), rect));
        }),
      add: (type: string) => {
        let made: { address: string; type: string; props: Record<string, unknown> } | null = null;
        this.enqueueWrite(`conditionalFormats.add(${type})`, type, () => {
          const { sheet, rect } = this.target();
          if (!['DataBar', 'Custom'].includes(type))
            throw new FakeOfficeError('InvalidArgument', `Conditional format type '${type}' is not known to the fake.`);
          made = { address: rectA1(rect), type, props: {} };
          sheet.conditionalFormats.push(made);
        });
        return new FakeConditionalFormat(this.fx, () => made, type);
      },
    };
  }

  merge(across = false): void {
    this.enqueueWrite('range.merge', across, () => {
      const { sheet, rect } = this.target();
      if (sheet.merges.some((m) => intersects(parseRect(m), rect)))
        throw new FakeOfficeError('InvalidOperation', 'The range overlaps a merged area.');
      if (across) for (let r = rect.r1; r <= rect.r2; r++) sheet.merges.push(rectA1({ ...rect, r1: r, r2: r }));
      else sheet.merges.push(rectA1(rect));
    });
  }

  /** Office.js's cell properties: a 2D array of `{ format: { fill: { color } } }`, the only properties the fake knows. */
  getCellProperties(options: unknown): FakeClientResult<unknown[][]> {
    checkFillOptions(options, 'getCellProperties');
    return new FakeClientResult(this.fx, 'getCellProperties', () => {
      const { sheet, rect } = this.target();
      if (cellCount(rect) > MAX_READ_CELLS) throw new FakeOfficeError('RangeExceedsLimit', 'The range is too large to read.');
      const out: unknown[][] = [];
      for (let r = rect.r1; r <= rect.r2; r++) {
        const row: unknown[] = [];
        for (let c = rect.c1; c <= rect.c2; c++) row.push({ format: { fill: { color: fillOf(sheet, r, c) } } });
        out.push(row);
      }
      return out;
    });
  }

  /** One entry per column; a colour not shared by every cell of the column is null, as Office.js reports it. */
  getColumnProperties(options: unknown): FakeClientResult<unknown[]> {
    checkFillOptions(options, 'getColumnProperties');
    return new FakeClientResult(this.fx, 'getColumnProperties', () => {
      const { sheet, rect } = this.target();
      if (rect.r2 - rect.r1 + 1 === MAX_ROWS || rect.c2 - rect.c1 + 1 === MAX_COLS)
        throw new FakeOfficeError('RangeExceedsLimit', 'The fake reads column properties of a bounded range only.');
      const out: unknown[] = [];
      for (let c = rect.c1; c <= rect.c2; c++) {
        let color: string | null = fillOf(sheet, rect.r1, c);
        for (let r = rect.r1 + 1; r <= rect.r2 && color !== null; r++) if (fillOf(sheet, r, c) !== color) color = null;
        out.push({ format: { fill: { color } } });
      }
      return out;
    });
  }

  getEntireColumn(): FakeRange {
    return new FakeRange(this.fx, () => {
      const t = this.target();
      return { sheet: t.sheet, rect: { r1: 0, c1: t.rect.c1, r2: MAX_ROWS - 1, c2: t.rect.c2 } };
    });
  }

  select(): void {
    this.enqueueCall(
      'range.select',
      () => {
        const { sheet, rect } = this.target();
        if (this.fx.doc.activeSheetId !== sheet.id) throw new FakeOfficeError('InvalidSelection', 'The range is not on the active sheet.');
        this.fx.doc.selection = { sheetId: sheet.id, address: rectA1(rect) };
      },
      false,
    );
  }

  calculate(): void {
    this.enqueueCall('range.calculate', () => void this.target(), false);
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    const areas = new FakeRangeAreas(this.fx, () => {
      if (this.fx.options.noMergedAreasApi || (this.fx.options.apiMinor ?? 13) < 13)
        throw new FakeOfficeError('ApiNotFound', 'getMergedAreasOrNullObject needs ExcelApi 1.13.');
      const { sheet, rect } = this.target();
      const found = sheet.merges.map(parseRect).filter((m) => intersects(m, rect));
      if (found.length > 512) throw new FakeOfficeError('GeneralException', 'More than 512 merged areas.');
      return found.length ? found.map((m) => ({ sheet, rect: m })) : null;
    });
    return areas;
  }

  /** Clears contents and formats (and with them the cells' number formats); what Excel's Range.clear('All') does. */
  clear(applyTo: string = 'All'): void {
    this.enqueueWrite(`range.clear(${applyTo})`, applyTo, () => {
      const { sheet, rect } = this.target();
      if (applyTo !== 'All' && applyTo !== 'Contents')
        throw new FakeOfficeError('InvalidArgument', `clear('${applyTo}') is not known to the fake.`);
      if (sheet.protected) throw new FakeOfficeError('AccessDenied', 'The sheet is protected.');
      for (const k of [...sheet.cells.keys()]) {
        const [r, c] = k.split(',').map(Number);
        if (r < rect.r1 || r > rect.r2 || c < rect.c1 || c > rect.c2) continue;
        const cell = sheet.cells.get(k)!;
        if (applyTo === 'All' || !cell.numberFormat) sheet.cells.delete(k);
        else sheet.cells.set(k, { value: '', numberFormat: cell.numberFormat });
      }
      if (applyTo === 'All') sheet.formats = sheet.formats.filter(([address]) => !contains(rect, parseRect(address)));
    });
  }

  unmerge(): void {
    this.enqueueWrite('range.unmerge', null, () => {
      const { sheet, rect } = this.target();
      sheet.merges = sheet.merges.filter((m) => !intersects(parseRect(m), rect));
    });
  }

  getEntireRow(): FakeRange {
    return new FakeRange(this.fx, () => {
      const t = this.target();
      return { sheet: t.sheet, rect: { r1: t.rect.r1, c1: 0, r2: t.rect.r2, c2: MAX_COLS - 1 } };
    });
  }
}

function contains(outer: Rect, inner: Rect): boolean {
  return inner.r1 >= outer.r1 && inner.r2 <= outer.r2 && inner.c1 >= outer.c1 && inner.c2 <= outer.c2;
}

function forEachInput(rect: Rect, input: unknown, what: string, fn: (r: number, c: number, v: unknown) => void): void {
  const rows = rect.r2 - rect.r1 + 1;
  const cols = rect.c2 - rect.c1 + 1;
  if (!Array.isArray(input)) {
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) fn(rect.r1 + r, rect.c1 + c, input);
    return;
  }
  if (input.length !== rows || input.some((row) => !Array.isArray(row) || row.length !== cols)) {
    throw new FakeOfficeError(
      'InvalidArgument',
      `The number of rows or columns in the input array for ${what} doesn't match the size or dimensions of the range (${rows}×${cols}).`,
    );
  }
  input.forEach((row: unknown[], r) => row.forEach((v, c) => fn(rect.r1 + r, rect.c1 + c, v)));
}

function dropEmpty(sheet: FakeSheet, rect: Rect): void {
  for (let r = rect.r1; r <= rect.r2; r++) {
    for (let c = rect.c1; c <= rect.c2; c++) {
      const k = key(r, c);
      const cell = sheet.cells.get(k);
      if (cell && cell.value === '' && !cell.formula && !cell.numberFormat && !cell.fill) sheet.cells.delete(k);
    }
  }
}

/** A cell's fill as Office.js reports it: no fill reads as white. */
function fillOf(sheet: FakeSheet, r: number, c: number): string {
  return sheet.cells.get(key(r, c))?.fill ?? '#FFFFFF';
}

/** The only load options the fake serves: `{ format: { fill: { color: true } } }`. Anything else is refused, as an unknown call is. */
function checkFillOptions(options: unknown, what: string): void {
  const o = options as { format?: { fill?: Record<string, unknown> } } | null;
  const ok =
    o !== null &&
    typeof o === 'object' &&
    Object.keys(o).join() === 'format' &&
    typeof o.format === 'object' &&
    o.format !== null &&
    Object.keys(o.format).join() === 'fill' &&
    typeof o.format.fill === 'object' &&
    o.format.fill !== null &&
    Object.keys(o.format.fill).join() === 'color' &&
    o.format.fill.color === true;
  if (!ok) throw new FakeOfficeError('InvalidArgument', `${what} options ${JSON.stringify(options)} are not known to the fake.`);
}

/**
 * OfficeExtension.ClientResult: the value a method returns, delivered by the next
 * successful sync; reading it before then throws ValueNotLoaded, as Office.js does.
 */
export class FakeClientResult<T> {
  private delivered = false;
  private result: T | undefined;

  constructor(fx: FakeExcel, what: string, compute: () => T) {
    fx.context.enqueue({
      what,
      requestBytes: what.length,
      write: false,
      run: () => {
        const value = compute();
        return {
          bytes: bytesOf(value),
          publish: [
            () => {
              this.result = value;
              this.delivered = true;
            },
          ],
        };
      },
    });
  }

  get value(): T {
    if (!this.delivered) {
      throw new FakeOfficeError(
        'ValueNotLoaded',
        'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
      );
    }
    return this.result as T;
  }
}

class FakeRangeAreas extends FakeObject<RangeTarget[]> {
  constructor(fx: FakeExcel, resolver: Resolver<RangeTarget[]>) {
    super(fx, resolver, true, 'merged areas');
  }
  protected scalar(t: RangeTarget[], prop: string): unknown {
    if (prop === 'address') return t.map((x) => `${quoteSheet(x.sheet.name)}!${rectA1(x.rect)}`).join(', ');
    if (prop === 'areaCount') return t.length;
    return undefined;
  }

  protected override nav(prop: string): FakeObject<any> | null {
    return prop === 'areas' ? new FakeRangeCollection(this.fx, () => this.resolve()) : null;
  }
  get areas(): FakeRangeCollection {
    return this.read('areas') as FakeRangeCollection;
  }
}

class FakeRangeCollection extends FakeCollection<RangeTarget, FakeRange> {
  protected item(t: RangeTarget): FakeRange {
    return new FakeRange(this.fx, () => t);
  }
}

// -- formats --------------------------------------------------------------------

class FakeRangeFormat {
  constructor(
    private readonly fx: FakeExcel,
    private readonly range: FakeRange,
  ) {}

  private setter(prop: string, value: unknown, apply?: (t: RangeTarget) => void): void {
    this.fx.context.enqueue({
      what: `format.${prop}`,
      requestBytes: bytesOf(value) + prop.length,
      write: true,
      run: () => {
        const t = this.range.target();
        if (t.sheet.protected) throw new FakeOfficeError('AccessDenied', 'The sheet is protected.');
        apply?.(t);
        t.sheet.formats.push([rectA1(t.rect), prop, value]);
      },
    });
  }

  get fill(): { color: string } {
    // Excel keeps the colour on every cell of the range, as getCellProperties reports it.
    const set = (v: string) =>
      this.setter('fill.color', v, (t) => {
        if (typeof v !== 'string' || !/^#[0-9A-Fa-f]{6}$/.test(v))
          throw new FakeOfficeError('InvalidArgument', `'${v}' is not a colour the fake knows.`);
        for (let r = t.rect.r1; r <= t.rect.r2; r++) {
          for (let c = t.rect.c1; c <= t.rect.c2; c++) {
            const k = key(r, c);
            t.sheet.cells.set(k, { ...(t.sheet.cells.get(k) ?? { value: '' }), fill: v.toUpperCase() });
          }
        }
      });
    return {
      set color(v: string) {
        set(v);
      },
    } as { color: string };
  }
  get font(): { bold: boolean; italic: boolean; underline: string; size: number; color: string } {
    const set = (p: string, v: unknown) => this.setter(`font.${p}`, v);
    return {
      set bold(v: boolean) {
        set('bold', v);
      },
      set italic(v: boolean) {
        set('italic', v);
      },
      set underline(v: string) {
        set('underline', v);
      },
      set size(v: number) {
        set('size', v);
      },
      set color(v: string) {
        set('color', v);
      },
    } as { bold: boolean; italic: boolean; underline: string; size: number; color: string };
  }
  set wrapText(v: boolean) {
    this.setter('wrapText', v);
  }
  set horizontalAlignment(v: string) {
    if (!['General', 'Left', 'Center', 'Right'].includes(v)) throw new Error(`alignment ${v} not known to the fake`);
    this.setter('horizontalAlignment', v);
  }
  set verticalAlignment(v: string) {
    this.setter('verticalAlignment', v);
  }
  set columnWidth(v: number) {
    this.setter('columnWidth', v, (t) => {
      for (let c = t.rect.c1; c <= t.rect.c2; c++) t.sheet.columnWidths.set(c, v);
    });
  }
  set rowHeight(v: number) {
    this.setter('rowHeight', v, (t) => {
      if (!(v > 0 && v <= 409)) throw new FakeOfficeError('InvalidArgument', 'A row height is between 0 and 409 points.');
      for (let r = t.rect.r1; r <= t.rect.r2; r++) t.sheet.rowHeights.set(r, v);
    });
  }
  get borders(): { getItem(index: string): { style: string; color: string } } {
    const set = (p: string, v: unknown) => this.setter(p, v);
    const known = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'];
    return {
      getItem: (index: string) => {
        if (!known.includes(index)) throw new Error(`border ${index} not known to the fake`);
        return {
          set style(v: string) {
            set(`borders.${index}.style`, v);
          },
          set color(v: string) {
            set(`borders.${index}.color`, v);
          },
        } as { style: string; color: string };
      },
    };
  }
}

type CfRecord = { address: string; type: string; props: Record<string, unknown> };

/** A conditional format: every property set is recorded under its path. */
class FakeConditionalFormat {
  constructor(
    private readonly fx: FakeExcel,
    private readonly made: () => CfRecord | null,
    private readonly type: string,
  ) {}

  private recorder(prefix: string, allowed: string[], nested: Record<string, string[]> = {}): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    for (const p of allowed) {
      Object.defineProperty(obj, p, {
        set: (v: unknown) => {
          this.fx.context.enqueue({
            what: `conditionalFormat.${prefix}${p}`,
            requestBytes: bytesOf(v) + p.length,
            write: true,
            run: () => {
              const cf = this.made();
              if (!cf) throw new FakeOfficeError('InvalidOperation', 'The conditional format was not created.');
              cf.props[`${prefix}${p}`] = v;
            },
          });
        },
        get: () => {
          throw new FakeOfficeError('PropertyNotLoaded', `The property '${prefix}${p}' is not available.`);
        },
      });
    }
    for (const [n, inner] of Object.entries(nested)) {
      const child = this.recorder(`${prefix}${n}.`, inner);
      Object.defineProperty(obj, n, { get: () => child });
    }
    return obj;
  }

  get dataBar(): Record<string, unknown> {
    if (this.type !== 'DataBar') throw new FakeOfficeError('InvalidOperation', 'Not a data bar.');
    return this.recorder('dataBar.', ['showDataBarOnly', 'barDirection', 'lowerBoundRule', 'upperBoundRule'], {
      positiveFormat: ['fillColor', 'gradientFill', 'borderColor'],
    });
  }
  get custom(): Record<string, unknown> {
    if (this.type !== 'Custom') throw new FakeOfficeError('InvalidOperation', 'Not a custom rule.');
    const rule = this.recorder('custom.rule.', ['formula']);
    const fill = this.recorder('custom.format.fill.', ['color']);
    const font = this.recorder('custom.format.font.', ['color', 'bold', 'italic']);
    return { rule, format: { fill, font } };
  }
}

// -- custom properties, settings, tables -----------------------------------------

type KV = { key: string; value: string };

class FakeKeyValue extends FakeObject<KV> {
  protected scalar(t: KV, prop: string): unknown {
    return prop === 'key' ? t.key : prop === 'value' ? t.value : undefined;
  }
  get key(): string {
    return this.read('key') as string;
  }
  get value(): unknown {
    return this.read('value');
  }
}

class FakeCustomPropertyCollection extends FakeObject<Map<string, string>> {
  protected scalar(): unknown {
    return undefined;
  }
  getItemOrNullObject(k: string): FakeKeyValue {
    return new FakeKeyValue(
      this.fx,
      () => {
        const map = this.target();
        const found = [...map.keys()].find((x) => x.toLowerCase() === k.toLowerCase());
        return found === undefined ? null : { key: found, value: map.get(found)! };
      },
      true,
      `custom property '${k}'`,
    );
  }
  add(k: string, value: string): void {
    this.enqueueWrite(`customProperties.add(${k})`, [k, value], () => {
      const map = this.target();
      if (typeof value !== 'string') throw new FakeOfficeError('InvalidArgument', 'A custom property value must be text.');
      if (k.length > LIMITS.propertyKey)
        throw new FakeOfficeError('InvalidArgument', `A custom property key is longer than ${LIMITS.propertyKey} characters.`);
      for (const x of [...map.keys()]) if (x.toLowerCase() === k.toLowerCase()) map.delete(x);
      map.set(k, value);
    });
  }
}

class FakeSettingCollection extends FakeObject<Map<string, string>> {
  constructor(fx: FakeExcel) {
    super(fx, () => fx.doc.settings, false, 'settings');
  }
  protected scalar(): unknown {
    return undefined;
  }
  getItemOrNullObject(k: string): FakeKeyValue {
    return new FakeKeyValue(
      this.fx,
      () => {
        const json = this.target().get(k);
        return json === undefined ? null : { key: k, value: JSON.parse(json) };
      },
      true,
      `setting '${k}'`,
    );
  }
  add(k: string, value: unknown): void {
    this.enqueueWrite(`settings.add(${k})`, value, () => void this.target().set(k, JSON.stringify(value)));
  }
}

type TableTarget = { sheet: FakeSheet; table: FakeTableState };

/** Table names share one namespace with defined names; Excel says "invalid argument" for a taken one. */
function checkTableName(fx: FakeExcel, name: string, self: FakeTableState | null): void {
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || name.length > 255) {
    throw new FakeOfficeError('InvalidArgument', `'${name}' is not a valid table name.`);
  }
  const lower = name.toLowerCase();
  const taken =
    fx.doc.sheets.some((s) => s.tables.some((t) => t !== self && t.name.toLowerCase() === lower)) ||
    fx.doc.names.some((n) => n.name.toLowerCase() === lower);
  if (taken) throw new FakeOfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
}

/** A table's header cells become text, none empty, none repeated (Excel names them Column1, Name2 …). */
function fixHeaders(sheet: FakeSheet, rect: Rect): void {
  const used = new Set<string>();
  for (let c = rect.c1; c <= rect.c2; c++) {
    const k = key(rect.r1, c);
    const cell = sheet.cells.get(k);
    const text = cell && cell.value !== '' ? String(cell.value) : '';
    let name = text || `Column${c - rect.c1 + 1}`;
    const base = name;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base}${i}`;
    used.add(name.toLowerCase());
    if (name !== text || typeof cell?.value !== 'string') sheet.cells.set(k, { ...(cell ?? {}), value: name });
  }
}

class FakeTable extends FakeObject<TableTarget> {
  protected scalar(t: TableTarget, prop: string): unknown {
    return prop === 'name'
      ? t.table.name
      : prop === 'showHeaders'
        ? t.table.showHeaders
        : prop === 'style'
          ? (t.table.style ?? '')
          : undefined;
  }

  protected override nav(prop: string): FakeObject<any> | null {
    return prop === 'worksheet' ? new FakeWorksheet(this.fx, () => this.target().sheet) : null;
  }
  get name(): string {
    return this.read('name') as string;
  }
  set name(value: string) {
    this.enqueueWrite(`table.name = ${value}`, value, () => {
      const t = this.target();
      checkTableName(this.fx, value, t.table);
      t.table.name = value;
    });
  }
  get showHeaders(): boolean {
    return this.read('showHeaders') as boolean;
  }
  get style(): string {
    return this.read('style') as string;
  }
  set style(value: string) {
    this.enqueueWrite('table.style', value, () => void (this.target().table.style = value));
  }
  get worksheet(): FakeWorksheet {
    return this.read('worksheet') as FakeWorksheet;
  }
  getRange(): FakeRange {
    return new FakeRange(this.fx, () => {
      const t = this.target();
      return { sheet: t.sheet, rect: parseRect(t.table.address) };
    });
  }
  /** ExcelApi 1.13: the table over a new range, with the same header row. */
  resize(address: string): void {
    this.enqueueWrite(`table.resize(${address})`, address, () => {
      if ((this.fx.options.apiMinor ?? 13) < 13) throw new FakeOfficeError('ApiNotFound', 'Table.resize needs ExcelApi 1.13.');
      const { sheet, table } = this.target();
      const was = parseRect(table.address);
      const rect = parseRect(address);
      if (rect.r1 !== was.r1) throw new FakeOfficeError('InvalidArgument', 'The header row must stay where it is.');
      if (sheet.tables.some((x) => x !== table && intersects(parseRect(x.address), rect))) {
        throw new FakeOfficeError('InvalidOperation', 'A table cannot overlap another table.');
      }
      table.address = rectA1(rect);
      fixHeaders(sheet, rect);
    });
  }
  /** The table goes; its cells stay as they are. */
  convertToRange(): void {
    this.enqueueWrite('table.convertToRange', null, () => {
      const { sheet, table } = this.target();
      sheet.tables.splice(sheet.tables.indexOf(table), 1);
    });
  }
  /** The table goes, and its cells with it. */
  delete(): void {
    this.enqueueWrite('table.delete', null, () => {
      const { sheet, table } = this.target();
      const rect = parseRect(table.address);
      sheet.tables.splice(sheet.tables.indexOf(table), 1);
      for (let r = rect.r1; r <= rect.r2; r++) for (let c = rect.c1; c <= rect.c2; c++) sheet.cells.delete(key(r, c));
    });
  }
}

class FakeTableCollection extends FakeCollection<TableTarget, FakeTable> {
  constructor(fx: FakeExcel) {
    super(fx, () => fx.doc.sheets.flatMap((sheet) => sheet.tables.map((table) => ({ sheet, table }))), false, 'table collection');
  }
  protected item(t: TableTarget): FakeTable {
    return new FakeTable(this.fx, () => t, false, `table '${t.table.name}'`);
  }
}

/** worksheet.tables: the sheet's tables, and adding one. */
class FakeSheetTables extends FakeCollection<TableTarget, FakeTable> {
  constructor(
    fx: FakeExcel,
    private readonly ws: FakeWorksheet,
  ) {
    super(fx, () => ws.target().tables.map((table) => ({ sheet: ws.target(), table })), false, 'sheet table collection');
  }
  protected item(t: TableTarget): FakeTable {
    return new FakeTable(this.fx, () => t, false, `table '${t.table.name}'`);
  }
  private find(name: string): TableTarget | null {
    const sheet = this.ws.target();
    const table = sheet.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
    return table ? { sheet, table } : null;
  }
  getItem(name: string): FakeTable {
    return new FakeTable(this.fx, () => this.find(name), false, `table '${name}'`);
  }
  getItemOrNullObject(name: string): FakeTable {
    return new FakeTable(this.fx, () => this.find(name), true, `table '${name}'`);
  }
  add(address: string, hasHeaders: boolean): FakeTable {
    let made: TableTarget | null = null;
    this.enqueueWrite(`tables.add(${address})`, [address, hasHeaders], () => {
      const sheet = this.ws.target();
      const rect = parseRect(address);
      if (sheet.tables.some((t) => intersects(parseRect(t.address), rect))) {
        throw new FakeOfficeError('InvalidOperation', 'A table cannot overlap another table.');
      }
      if (sheet.merges.some((m) => intersects(parseRect(m), rect)))
        throw new FakeOfficeError('InvalidOperation', 'A table cannot hold merged cells.');
      const all = this.fx.doc.sheets.flatMap((s) => s.tables.map((t) => t.name));
      let n = all.length + 1;
      while (all.includes(`Table${n}`)) n++;
      const table: FakeTableState = { name: `Table${n}`, address: rectA1(rect), showHeaders: hasHeaders, style: 'TableStyleMedium2' };
      if (hasHeaders) fixHeaders(sheet, rect);
      sheet.tables.push(table);
      made = { sheet, table };
    });
    return new FakeTable(this.fx, () => made, false, `new table over ${address}`);
  }
}

// -- print setup ----------------------------------------------------------------

class FakePageLayoutProxy {
  constructor(
    private readonly fx: FakeExcel,
    private readonly ws: FakeWorksheet,
  ) {}
  private set(what: string, value: unknown, apply: (p: FakePageLayout) => void): void {
    this.fx.context.enqueue({
      what: `pageLayout.${what}`,
      requestBytes: bytesOf(value) + what.length,
      write: true,
      run: () => apply(this.ws.target().pageLayout),
    });
  }
  set orientation(v: string) {
    if (!['Landscape', 'Portrait'].includes(v)) throw new Error(`orientation ${v} not known to the fake`);
    this.set('orientation', v, (p) => void (p.orientation = v));
  }
  set paperSize(v: string) {
    // Excel.PaperType's values, as Office.js spells them; a name it does not know is refused.
    if (!['A4', 'Letter', 'A3', 'A5', 'Legal'].includes(v)) throw new FakeOfficeError('InvalidArgument', `paperSize ${v}`);
    this.set('paperSize', v, (p) => void (p.paperSize = v));
  }
  /** Set as one object, as Office.js requires (x.zoom = {...}). */
  set zoom(v: Record<string, unknown>) {
    this.set('zoom', v, (p) => {
      for (const [k, n] of Object.entries(v)) {
        if (!['scale', 'horizontalFitToPages', 'verticalFitToPages'].includes(k) || typeof n !== 'number' || n < 0) {
          throw new FakeOfficeError('InvalidArgument', `zoom.${k} = ${String(n)}`);
        }
      }
      p.zoom = { ...v };
    });
  }
  setPrintTitleRows(rows: string): void {
    this.set('setPrintTitleRows', rows, (p) => {
      const r = parseRect(rows);
      if (r.c1 !== 0 || r.c2 !== MAX_COLS - 1) throw new FakeOfficeError('InvalidArgument', 'Print title rows must be whole rows.');
      p.printTitleRows = rows;
    });
  }
  get headersFooters(): { defaultForAllPages: { leftFooter: string; centerFooter: string; rightFooter: string } } {
    const set = (side: 'left' | 'center' | 'right', v: string) =>
      this.set(`${side}Footer`, v, (p) => {
        if (v.length > 255) throw new FakeOfficeError('InvalidArgument', 'A footer section holds at most 255 characters.');
        p.footer[side] = v;
      });
    return {
      defaultForAllPages: {
        set leftFooter(v: string) {
          set('left', v);
        },
        set centerFooter(v: string) {
          set('center', v);
        },
        set rightFooter(v: string) {
          set('right', v);
        },
      } as { leftFooter: string; centerFooter: string; rightFooter: string },
    };
  }
}

/** The Office.context.requirements stand-in. */
export function fakeRequirements(maxMinor: number): { isSetSupported(name: string, version?: string): boolean } {
  return {
    isSetSupported(name: string, version = '1.1') {
      if (name !== 'ExcelApi') return false;
      const [, minor] = version.split('.').map(Number);
      return minor <= maxMinor;
    },
  };
}
