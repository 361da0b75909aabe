import { strToU8, zipSync } from 'fflate';
import {
  CONTENT_TYPE,
  CONTENT_TYPES,
  CORE_REL,
  DECL,
  type Dialect,
  MC,
  STRICT,
  StyleBook,
  TRANSITIONAL,
  X14AC,
  XR,
  XR2,
  XR3,
  appXml,
  coreXml,
  esc,
  excelText,
  relsXml,
  textElement,
  themeXml,
  uid,
} from './excel-like-parts';
import { chartsheetParts, imageParts } from './excel-like-drawings';

// The builder behind excel-like.ts: packages shaped the way Excel saves them, so the
// reader and the writer are tested on the files users have without carrying files
// from other projects' test suites. What makes them Excel's: shared strings with
// Excel's escapes and use counts, a theme, Excel's default stylesheet, a calculation
// chain, extension namespaces under mc:Ignorable, CRLF after each XML declaration,
// and every entry dated 1980-01-01 with no folder entries.

export type Cached = number | string | boolean | { error: string };

/** A cell's content; sheets are given row by row from A1, null for an empty cell. */
export type Cell =
  | string
  | number
  | boolean
  | null
  | { runs: { text: string; bold?: boolean }[] }
  | { value: number; format: string }
  /** An ISO date or date-time, stored as a serial in the workbook's date system. */
  | { date: string; format: string }
  /** A formula with its cached value; `shared` makes it the first of a shared formula over `ref`. */
  | { formula: string; cached: Cached; shared?: { si: number; ref: string } }
  /** A cell that takes the shared formula `si` of an earlier cell. */
  | { sharedFormula: number; cached: Cached };

export interface TableSpec {
  name: string;
  ref: string;
  /** Excel writes insertRow="1" on a table whose only data row is the empty one under its header. */
  insertRow?: boolean;
  /** A table made without a header row; its columns are still named (Column1 …). */
  noHeader?: boolean;
}

export interface WorksheetSpec {
  name: string;
  rows: Cell[][];
  state?: 'hidden' | 'veryHidden';
  widths?: number[];
  merges?: string[];
  tables?: TableSpec[];
  /** Pictures (each its own PNG part) in one drawing over the sheet. */
  images?: number;
  validation?: { sqref: string; prompt: string };
}

export interface ChartSheetSpec {
  name: string;
  state?: 'hidden' | 'veryHidden';
  /** A column chart of `values` by `categories`, which the sheet named holds in A2:B(n+1) under a header row. */
  chart: { sheet: string; title: string; series: string; categories: string[]; values: number[] };
}

export interface DefinedName {
  name: string;
  /** The formula as Excel stores it, without '='. */
  value: string;
  /** The sheet's position, for a name scoped to one sheet (print areas are). */
  localSheetId?: number;
}

export interface ExcelLikeOptions {
  sheets: (WorksheetSpec | ChartSheetSpec)[];
  definedNames?: DefinedName[];
  date1904?: boolean;
  strict?: boolean;
}

const isChart = (s: WorksheetSpec | ChartSheetSpec): s is ChartSheetSpec => 'chart' in s;

export function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The serial number Excel stores for an ISO date or date-time. */
export function serialOf(iso: string, date1904 = false): number {
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : `${iso}Z`);
  const serial = ms / 86400000 + 25569;
  return date1904 ? serial - 1462 : serial;
}

/** Shared strings in order of first use, counting every use as Excel does. */
class SharedStrings {
  private readonly items: string[] = [];
  private readonly index = new Map<string, number>();
  private uses = 0;

  add(xml: string): number {
    this.uses++;
    let i = this.index.get(xml);
    if (i === undefined) this.index.set(xml, (i = this.items.push(xml) - 1));
    return i;
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  xml(d: Dialect): string {
    return `${DECL}<sst xmlns="${d.main}" count="${this.uses}" uniqueCount="${this.items.length}">${this.items.map((x) => `<si>${x}</si>`).join('')}</sst>`;
  }
}

// The default run properties Excel spells out on every run after the first.
const RUN_FONT = '<sz val="11"/><color theme="1"/><rFont val="Calibri"/><family val="2"/><scheme val="minor"/>';

interface Context {
  d: Dialect;
  date1904: boolean;
  strings: SharedStrings;
  styles: StyleBook;
  /** Formula cells by sheet id, for the calculation chain. */
  chain: { ref: string; sheetId: number }[];
  files: Map<string, string | Uint8Array>;
  overrides: Map<string, string>;
  defaults: Map<string, string>;
  counters: { table: number; drawing: number; image: number; chart: number };
}

function cellXml(cell: Cell, ref: string, sheetId: number, ctx: Context): string | null {
  if (cell === null) return null;
  const c = (attrs: string, inner: string) => `<c r="${ref}"${attrs}>${inner}</c>`;
  if (typeof cell === 'string') return c(' t="s"', `<v>${ctx.strings.add(textElement(cell))}</v>`);
  if (typeof cell === 'number') return c('', `<v>${cell}</v>`);
  if (typeof cell === 'boolean') return c(' t="b"', `<v>${cell ? 1 : 0}</v>`);
  if ('runs' in cell) {
    const runs = cell.runs.map((r, i) => {
      const props = i === 0 && !r.bold ? '' : `<rPr>${r.bold ? '<b/>' : ''}${RUN_FONT}</rPr>`;
      return `<r>${props}${textElement(r.text)}</r>`;
    });
    return c(' t="s"', `<v>${ctx.strings.add(runs.join(''))}</v>`);
  }
  if ('format' in cell) {
    const value = 'date' in cell ? serialOf(cell.date, ctx.date1904) : cell.value;
    return c(` s="${ctx.styles.indexOf(cell.format)}"`, `<v>${value}</v>`);
  }
  ctx.chain.push({ ref, sheetId });
  const f =
    'sharedFormula' in cell
      ? `<f t="shared" si="${cell.sharedFormula}"/>`
      : cell.shared
        ? `<f t="shared" ref="${cell.shared.ref}" si="${cell.shared.si}">${esc(cell.formula)}</f>`
        : `<f>${esc(cell.formula)}</f>`;
  const v = cell.cached;
  if (typeof v === 'number') return c('', `${f}<v>${v}</v>`);
  if (typeof v === 'boolean') return c(' t="b"', `${f}<v>${v ? 1 : 0}</v>`);
  if (typeof v === 'string') return c(' t="str"', `${f}<v>${excelText(v)}</v>`);
  return c(' t="e"', `${f}<v>${esc(v.error)}</v>`);
}

function tableXml(t: TableSpec, id: number, header: string[], ctx: Context): string {
  const columns = header.map(
    (h, i) => `<tableColumn id="${i + 1}" xr3:uid="${uid(id * 100 + i)}" name="${esc(t.noHeader ? `Column${i + 1}` : h)}"/>`,
  );
  const headerAttrs = t.noHeader ? ' headerRowCount="0"' : '';
  const filter = t.noHeader ? '' : `<autoFilter ref="${t.ref}" xr:uid="${uid(id)}"/>`;
  return (
    `${DECL}<table xmlns="${ctx.d.main}" xmlns:mc="${MC}" mc:Ignorable="xr xr3" xmlns:xr="${XR}" xmlns:xr3="${XR3}" id="${id}" xr:uid="${uid(id)}" ` +
    `name="${esc(t.name)}" displayName="${esc(t.name)}" ref="${t.ref}"${headerAttrs}${t.insertRow ? ' insertRow="1"' : ''} totalsRowShown="0">` +
    `${filter}<tableColumns count="${columns.length}">${columns.join('')}</tableColumns>` +
    '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>'
  );
}

/** The 0-based corners of an A1 range. */
function corners(ref: string): { r1: number; c1: number; r2: number; c2: number } {
  const at = (a: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a)!;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return { r: Number(m[2]) - 1, c: col };
  };
  const [a, b = a] = ref.split(':');
  const p = at(a);
  const q = at(b);
  return { r1: p.r, c1: p.c, r2: q.r, c2: q.c };
}

function worksheetXml(ws: WorksheetSpec, sheetId: number, selected: boolean, ctx: Context, part: string): string {
  const { d } = ctx;
  const rows: string[] = [];
  let minR = Infinity;
  let minC = Infinity;
  let maxR = -1;
  let maxC = -1;
  ws.rows.forEach((row, r) => {
    const cells: string[] = [];
    let lo = Infinity;
    let hi = -1;
    row.forEach((cell, c) => {
      const xml = cellXml(cell, `${colName(c)}${r + 1}`, sheetId, ctx);
      if (xml === null) return;
      cells.push(xml);
      lo = Math.min(lo, c);
      hi = Math.max(hi, c);
    });
    if (!cells.length) return;
    rows.push(`<row r="${r + 1}" spans="${lo + 1}:${hi + 1}" x14ac:dyDescent="0.25">${cells.join('')}</row>`);
    [minR, maxR, minC, maxC] = [Math.min(minR, r), Math.max(maxR, r), Math.min(minC, lo), Math.max(maxC, hi)];
  });
  const dimension = maxR < 0 ? 'A1' : `${colName(minC)}${minR + 1}:${colName(maxC)}${maxR + 1}`;

  const rels: { id: string; type: string; target: string }[] = [];
  const relId = () => `rId${rels.length + 1}`;
  let tail = '';
  if (ws.images) {
    const id = relId();
    rels.push({ id, type: d.rel('drawing'), target: `../drawings/drawing${imageParts(ws.images, ctx)}.xml` });
    tail += `<drawing r:id="${id}"/>`;
  }
  if (ws.tables?.length) {
    const parts = ws.tables.map((t) => {
      const id = relId();
      const n = ++ctx.counters.table;
      const area = corners(t.ref);
      const header = Array.from({ length: area.c2 - area.c1 + 1 }, (_, i) => {
        const v = ws.rows[area.r1]?.[area.c1 + i];
        return typeof v === 'string' ? v : `Column${i + 1}`;
      });
      ctx.files.set(`xl/tables/table${n}.xml`, tableXml(t, n, header, ctx));
      ctx.overrides.set(`/xl/tables/table${n}.xml`, CONTENT_TYPE.table);
      rels.push({ id, type: d.rel('table'), target: `../tables/table${n}.xml` });
      return `<tablePart r:id="${id}"/>`;
    });
    tail += `<tableParts count="${parts.length}">${parts.join('')}</tableParts>`;
  }
  if (rels.length) ctx.files.set(part.replace('worksheets/', 'worksheets/_rels/') + '.rels', relsXml(rels));

  const cols = ws.widths?.length
    ? `<cols>${ws.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : '';
  const merges = ws.merges?.length
    ? `<mergeCells count="${ws.merges.length}">${ws.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : '';
  const validation = ws.validation
    ? `<dataValidations count="1"><dataValidation allowBlank="1" showInputMessage="1" showErrorMessage="1" promptTitle="Note" prompt="${esc(ws.validation.prompt)}" sqref="${ws.validation.sqref}" xr:uid="${uid(sheetId + 7)}"/></dataValidations>`
    : '';
  return (
    `${DECL}<worksheet xmlns="${d.main}" xmlns:r="${d.r}" xmlns:mc="${MC}" mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="${X14AC}" ` +
    `xmlns:xr="${XR}" xmlns:xr2="${XR2}" xmlns:xr3="${XR3}" xr:uid="${uid(sheetId)}"><dimension ref="${dimension}"/>` +
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>${cols}<sheetData>${rows.join('')}</sheetData>` +
    `${merges}${validation}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${tail}</worksheet>`
  );
}

/** A package of the given sheets, as Excel would save them. */
export function excelLikePackage(opts: ExcelLikeOptions): Uint8Array {
  const d = opts.strict ? STRICT : TRANSITIONAL;
  const ctx: Context = {
    d,
    date1904: opts.date1904 ?? false,
    strings: new SharedStrings(),
    styles: new StyleBook(),
    chain: [],
    files: new Map(),
    overrides: new Map([['/xl/workbook.xml', CONTENT_TYPE.workbook]]),
    defaults: new Map([
      ['rels', 'application/vnd.openxmlformats-package.relationships+xml'],
      ['xml', 'application/xml'],
    ]),
    counters: { table: 0, drawing: 0, image: 0, chart: 0 },
  };
  const sheetParts: string[] = [];
  const wbRels: { id: string; type: string; target: string }[] = [];
  let worksheets = 0;
  let chartsheets = 0;
  opts.sheets.forEach((s, i) => {
    const sheetId = i + 1;
    const selected = i === 0;
    const kind = isChart(s) ? 'chartsheet' : 'worksheet';
    const part = isChart(s) ? `xl/chartsheets/sheet${++chartsheets}.xml` : `xl/worksheets/sheet${++worksheets}.xml`;
    // Listed before the parts it refers to, as Excel lists them.
    ctx.overrides.set(`/${part}`, CONTENT_TYPE[kind]);
    ctx.files.set(part, '');
    ctx.files.set(part, isChart(s) ? chartsheetParts(s, selected, ctx, part) : worksheetXml(s, sheetId, selected, ctx, part));
    wbRels.push({ id: `rId${sheetId}`, type: d.rel(kind), target: part.slice(3) });
    const state = s.state ? ` state="${s.state}"` : '';
    sheetParts.push(`<sheet name="${esc(s.name)}" sheetId="${sheetId}"${state} r:id="rId${sheetId}"/>`);
  });

  const more = (type: string, target: string, contentType: string, xml: string) => {
    wbRels.push({ id: `rId${wbRels.length + 1}`, type: d.rel(type), target });
    ctx.files.set(`xl/${target}`, xml);
    ctx.overrides.set(`/xl/${target}`, contentType);
  };
  more('theme', 'theme/theme1.xml', CONTENT_TYPE.theme, themeXml(d));
  more('styles', 'styles.xml', CONTENT_TYPE.styles, ctx.styles.xml(d));
  if (!ctx.strings.empty) more('sharedStrings', 'sharedStrings.xml', CONTENT_TYPE.sharedStrings, ctx.strings.xml(d));
  if (ctx.chain.length) {
    // Excel names the sheet only where it changes from the entry before.
    const entries = ctx.chain.map(
      (e, i) => `<c r="${e.ref}"${i === 0 || ctx.chain[i - 1].sheetId !== e.sheetId ? ` i="${e.sheetId}"` : ''}/>`,
    );
    more('calcChain', 'calcChain.xml', CONTENT_TYPE.calcChain, `${DECL}<calcChain xmlns="${d.main}">${entries.join('')}</calcChain>`);
  }

  const workbookPr = d.strict
    ? `<workbookPr dateCompatibility="0"${ctx.date1904 ? ' date1904="1"' : ''} defaultThemeVersion="166925"/>`
    : `<workbookPr${ctx.date1904 ? ' date1904="1"' : ''} defaultThemeVersion="166925"/>`;
  const names = (opts.definedNames ?? []).map(
    (n) =>
      `<definedName name="${esc(n.name)}"${n.localSheetId === undefined ? '' : ` localSheetId="${n.localSheetId}"`}>${esc(n.value)}</definedName>`,
  );
  const definedNames = names.length ? `<definedNames>${names.join('')}</definedNames>` : '';
  const workbook =
    `${DECL}<workbook xmlns="${d.main}" xmlns:r="${d.r}" xmlns:mc="${MC}" mc:Ignorable="x15 xr xr6 xr10 xr2" ` +
    'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" ' +
    `xmlns:xr="${XR}" xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" ` +
    `xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" xmlns:xr2="${XR2}"${d.strict ? ' conformance="strict"' : ''}>` +
    `<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27425"/>${workbookPr}` +
    `<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15720" xr2:uid="${uid(0)}"/></bookViews>` +
    `<sheets>${sheetParts.join('')}</sheets>${definedNames}<calcPr calcId="191029"/></workbook>`;

  const titles = (chart: boolean) => opts.sheets.filter((s) => isChart(s) === chart).map((s) => s.name);
  ctx.overrides.set('/docProps/core.xml', CONTENT_TYPE.core);
  ctx.overrides.set('/docProps/app.xml', CONTENT_TYPE.app);
  const types =
    `${DECL}<Types xmlns="${CONTENT_TYPES}">` +
    [...ctx.defaults].map(([ext, type]) => `<Default Extension="${ext}" ContentType="${type}"/>`).join('') +
    [...ctx.overrides].map(([name, type]) => `<Override PartName="${name}" ContentType="${type}"/>`).join('') +
    '</Types>';
  const rootRels = relsXml([
    { id: 'rId3', type: d.rel('extendedProperties'), target: 'docProps/app.xml' },
    { id: 'rId2', type: CORE_REL, target: 'docProps/core.xml' },
    { id: 'rId1', type: d.rel('officeDocument'), target: 'xl/workbook.xml' },
  ]);

  // Excel's entry order: the content types, the package relationships, the workbook, then the rest.
  const ordered: [string, string | Uint8Array][] = [
    ['[Content_Types].xml', types],
    ['_rels/.rels', rootRels],
    ['xl/workbook.xml', workbook],
    ['xl/_rels/workbook.xml.rels', relsXml(wbRels)],
    ...ctx.files,
    ['docProps/core.xml', coreXml()],
    ['docProps/app.xml', appXml(d, titles(false), titles(true))],
  ];
  const zip: Record<string, Uint8Array> = {};
  for (const [name, data] of ordered) zip[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(zip, { level: 6, mtime: new Date(1980, 0, 1) });
}

export type { Context as ExcelLikeContext };
