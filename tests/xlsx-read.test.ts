import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import {
  EXCEL_LIKE,
  chartWorkbook,
  date1904Workbook,
  datesWorkbook,
  escapesWorkbook,
  hiddenSheetsWorkbook,
  mergedWorkbook,
  serialOf,
  strictWorkbook,
  tablesWorkbook,
  wholeSheetValidationWorkbook,
} from './support/excel-like';
import { excelJsCannotLoad, expectReadsAsExcelJs } from './support/exceljs-compare';
import { a1, cellAt, formatAt, parseArea, type SheetGrid, type WorkbookGrid } from '../src/core/grid';
import { encodeMarker } from '../src/workbook/xlsx/marker';
import { openPackage, readGrid, readXlsx, WorkbookFileError, type WorkbookFileProblem } from '../src/workbook/xlsx/read';
import { cpuMsSince, cpuNow } from './support/cpu-time';

const FIXTURES = path.join(__dirname, 'fixtures');
const TRACKERS = ['workstreams.xlsx', 'workstreams-messy.xlsx', 'rag-review.xlsx', 'milestones.xlsx'];

function bytesOf(file: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(file));
}

function read(file: string): WorkbookGrid {
  return readXlsx(bytesOf(file), path.basename(file)).grid;
}

function sheet(grid: WorkbookGrid, name: string): SheetGrid {
  const s = grid.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name} in ${grid.sheets.map((x) => x.name).join(', ')}`);
  return s;
}

function at(s: SheetGrid, ref: string) {
  const area = parseArea(ref);
  if (!area) throw new Error(ref);
  return cellAt(s, area.r1, area.c1);
}

function fmtAt(s: SheetGrid, ref: string) {
  const area = parseArea(ref);
  if (!area) throw new Error(ref);
  return formatAt(s, area.r1, area.c1);
}

/** Catches the WorkbookFileError a read throws; fails the test when there is none. */
function failure(fn: () => unknown): WorkbookFileError {
  try {
    fn();
  } catch (err) {
    if (err instanceof WorkbookFileError) return err;
    throw err;
  }
  throw new Error('expected a WorkbookFileError');
}

function expectProblem(fn: () => unknown, problem: WorkbookFileProblem, fileName: string): WorkbookFileError {
  const err = failure(fn);
  expect(err.problem).toBe(problem);
  expect(err.fileName).toBe(fileName);
  expect(err.message).toContain(fileName);
  expect(err.message).not.toMatch(/\n\s+at /);
  return err;
}

// ---------------------------------------------------------------------------
// A minimal workbook builder, so each behaviour is tested on the smallest file
// that shows it.

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

interface SheetSpec {
  name: string;
  xml: string;
  state?: string;
  kind?: 'worksheet' | 'chartsheet' | 'dialogsheet';
  rels?: string;
  extra?: Record<string, string | Uint8Array>;
}

function sheetXml(body: string, prefix = ''): string {
  const p = prefix ? `${prefix}:` : '';
  const ns = prefix ? `xmlns:${prefix}="${MAIN_NS}"` : `xmlns="${MAIN_NS}"`;
  return `${DECL}<${p}worksheet ${ns} xmlns:r="${REL_NS}">${body}</${p}worksheet>`;
}

function buildWorkbook(opts: {
  sheets: SheetSpec[];
  sharedStrings?: string[] | string;
  styles?: string;
  workbookPr?: string;
  extra?: Record<string, string | Uint8Array>;
}): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const put = (name: string, v: string | Uint8Array) => (files[name] = typeof v === 'string' ? strToU8(v) : v);
  put(
    '[Content_Types].xml',
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
  );
  put(
    '_rels/.rels',
    `${DECL}<Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const sheetEls = opts.sheets
    .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ''}/>`)
    .join('');
  put(
    'xl/workbook.xml',
    `${DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${opts.workbookPr ?? ''}<sheets>${sheetEls}</sheets></workbook>`,
  );
  let rels = opts.sheets
    .map((s, i) => {
      const kind = s.kind ?? 'worksheet';
      const folder = kind === 'chartsheet' ? 'chartsheets' : kind === 'dialogsheet' ? 'dialogsheets' : 'worksheets';
      const relKind = kind === 'chartsheet' ? 'chartsheet' : 'worksheet';
      return `<Relationship Id="rId${i + 1}" Type="${REL_NS}/${relKind}" Target="${folder}/sheet${i + 1}.xml"/>`;
    })
    .join('');
  if (opts.sharedStrings !== undefined) {
    rels += `<Relationship Id="rIdSst" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`;
    const sst =
      typeof opts.sharedStrings === 'string'
        ? opts.sharedStrings
        : `${DECL}<sst xmlns="${MAIN_NS}">${opts.sharedStrings.map((t) => `<si><t xml:space="preserve">${t}</t></si>`).join('')}</sst>`;
    put('xl/sharedStrings.xml', sst);
  }
  if (opts.styles !== undefined) {
    rels += `<Relationship Id="rIdStyles" Type="${REL_NS}/styles" Target="styles.xml"/>`;
    put('xl/styles.xml', opts.styles);
  }
  put('xl/_rels/workbook.xml.rels', `${DECL}<Relationships xmlns="${RELS_NS}">${rels}</Relationships>`);
  opts.sheets.forEach((s, i) => {
    const kind = s.kind ?? 'worksheet';
    const folder = kind === 'chartsheet' ? 'chartsheets' : kind === 'dialogsheet' ? 'dialogsheets' : 'worksheets';
    put(`xl/${folder}/sheet${i + 1}.xml`, s.xml);
    if (s.rels) put(`xl/${folder}/_rels/sheet${i + 1}.xml.rels`, `${DECL}<Relationships xmlns="${RELS_NS}">${s.rels}</Relationships>`);
    for (const [k, v] of Object.entries(s.extra ?? {})) put(k, v);
  });
  for (const [k, v] of Object.entries(opts.extra ?? {})) put(k, v);
  return zipSync(files);
}

function oneSheet(body: string, more: Partial<Parameters<typeof buildWorkbook>[0]> = {}): Uint8Array {
  return buildWorkbook({ sheets: [{ name: 'Sheet1', xml: sheetXml(body) }], ...more });
}

// A zip writer that can lie: sizes and checksums are whatever the test says.
interface RawEntry {
  name: string;
  data: Uint8Array;
  method: 0 | 8;
  size: number;
  crc: number;
}

function rawZip(entries: RawEntry[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, Buffer.from(e.data));
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt32LE(e.crc >>> 0, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.size >>> 0, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, cd, eocd]));
}

/** A raw deflate stream that inflates to `segments` × 16 MiB of zeros, built without ever holding them. */
function zeroBomb(segments: number): Uint8Array {
  const segment = zlib.deflateRawSync(Buffer.alloc(16 * 1024 * 1024), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const parts: Buffer[] = [];
  for (let i = 0; i < segments; i++) parts.push(segment);
  parts.push(Buffer.from([0x03, 0x00])); // an empty final block
  return new Uint8Array(Buffer.concat(parts));
}

// ---------------------------------------------------------------------------

describe('reading the tracker fixtures', () => {
  test('workstreams-messy: an action typed as =text stays text', () => {
    const s = sheet(read(path.join(FIXTURES, 'workstreams-messy.xlsx')), 'Progress');
    expect(at(s, 'B24')).toBe('=Review caseloads quarterly at the weekly allocation meeting');
  });

  test('workstreams-messy: merged title rows are reported as merged areas', () => {
    for (const file of ['workstreams-messy.xlsx', 'lo/workstreams-messy.xlsx']) {
      const s = sheet(read(path.join(FIXTURES, file)), 'Progress');
      const merges = s.merges.map((m) => `${a1(m.r1, m.c1)}:${a1(m.r2, m.c2)}`).sort();
      expect(merges).toEqual(['A1:D1', 'A2:D2', 'A4:D4', 'A20:D20', 'A31:D31', 'A44:D44', 'A62:D62', 'A80:D80'].sort());
    }
  });

  test('workstreams-messy: long and non-ASCII text arrives whole', () => {
    const s = sheet(read(path.join(FIXTURES, 'workstreams-messy.xlsx')), 'Progress');
    expect(String(at(s, 'C47')).length).toBeGreaterThanOrEqual(3000);
    expect(String(at(s, 'B13'))).toMatch(/[é–’“”]/);
    expect(String(at(s, 'C67'))).toMatch(/[é–’“”]/);
    expect(at(s, 'C33')).toBe('Progress at 30th June 2025');
    expect(at(s, 'A70')).toBe('NB: figures to be confirmed');
    expect(at(s, 'D53')).toBeNull();
  });

  test('workstreams: typed percentages are numbers under a 0% format', () => {
    const s = sheet(read(path.join(FIXTURES, 'workstreams.xlsx')), 'Progress');
    const row = s.rows.findIndex((r) => r[0] === 'Percentage');
    expect(row).toBeGreaterThan(0);
    expect(cellAt(s, row, 1)).toBe(0.57);
    expect(formatAt(s, row, 1)).toBe('0%');
    expect(at(s, 'A51')).toBeNull(); // the empty No cell
  });

  test('milestones: a real date is a number with a date format, action numbers are text', () => {
    for (const file of ['milestones.xlsx', 'lo/milestones.xlsx']) {
      const s = sheet(read(path.join(FIXTURES, file)), 'Improvement Plan');
      expect(at(s, 'D5')).toBe(45747); // 31/03/2025
      expect(fmtAt(s, 'D5')).toBe('dd/mm/yyyy');
      expect(at(s, 'D16')).toBe(45838); // 30 June 2025
      expect(fmtAt(s, 'D16')?.replace(/\\/g, '')).toBe('mmmm yyyy');
      const ids = s.rows.map((r) => r[0]).filter((v) => typeof v === 'string' && /^\d+\.\d+$/.test(v));
      expect(ids).toContain('3.2');
      expect(ids).toContain('2.10');
      expect(ids).toContain('2.1');
      expect(s.rows.some((r) => r[0] === 3.2)).toBe(false);
      expect(at(s, 'D14')).toBe('Dec 2024\nJan 2025\nFebruary 2025');
      expect(s.merges.length).toBe(8);
    }
  });

  test('rag-review: the RagReview table is found with its header, also after LibreOffice', () => {
    for (const file of ['rag-review.xlsx', 'lo/rag-review.xlsx']) {
      const s = sheet(read(path.join(FIXTURES, file)), 'Review');
      expect(s.tables).toEqual([{ name: 'RagReview', area: parseArea('A1:G21'), hasHeader: true }]);
      expect(s.rows[0]).toEqual(['Section', 'No', 'Requirement', 'Status', 'Achievements', 'Areas for development', 'Timescale']);
      const statuses = s.rows.slice(1).map((r) => r[3]);
      expect(statuses.filter((v) => v === 'Green').length).toBe(6);
      expect(statuses.filter((v) => v === 'Amber').length).toBe(10);
      expect(statuses.filter((v) => v === 'Red').length).toBe(4);
    }
  });

  test.each(TRACKERS)('%s reads to the same values as its LibreOffice copy', (file) => {
    const ours = read(path.join(FIXTURES, file));
    const lo = read(path.join(FIXTURES, 'lo', file));
    expect(lo.sheets.map((s) => s.name)).toEqual(ours.sheets.map((s) => s.name));
    expect(lo.date1904).toBe(ours.date1904);
    for (let i = 0; i < ours.sheets.length; i++) {
      const a = ours.sheets[i];
      const b = lo.sheets[i];
      const rows = Math.max(a.rows.length, b.rows.length);
      for (let r = 0; r < rows; r++) {
        const cols = Math.max(a.rows[r]?.length ?? 0, b.rows[r]?.length ?? 0);
        for (let c = 0; c < cols; c++) {
          expect([a1(r, c), cellAt(b, r, c)]).toEqual([a1(r, c), cellAt(a, r, c)]);
          if (typeof cellAt(a, r, c) === 'number') {
            const fa = formatAt(a, r, c)?.replace(/\\/g, '') ?? null;
            const fb = formatAt(b, r, c)?.replace(/\\/g, '') ?? null;
            expect([a1(r, c), fb]).toEqual([a1(r, c), fa]);
          }
        }
      }
      expect(b.merges).toEqual(a.merges);
      expect(b.tables).toEqual(a.tables);
    }
  });

  test('progress is reported once per worksheet, chart sheets left out', () => {
    const calls: [string, number, number][] = [];
    readXlsx(hiddenSheetsWorkbook(), 'any.xlsx', {
      onProgress: (stage, done, total) => calls.push([stage, done, total]),
    });
    expect(calls.filter((c) => c[0] === 'read')).toEqual([
      ['read', 0, 3],
      ['read', 1, 3],
      ['read', 2, 3],
      ['read', 3, 3],
    ]);
  });
});

// ---------------------------------------------------------------------------
// Packages shaped as Excel saves them (tests/support/excel-like.ts). Files Excel
// itself saved, from other projects' test suites, get the same checks in
// tests/external/excel-authored.test.ts when the shared folder is there.

describe('Excel-shaped workbooks read as ExcelJS reads them', () => {
  const files = Object.keys(EXCEL_LIKE);

  test('a whole-sheet data validation costs nothing to read', () => {
    const bytes = wholeSheetValidationWorkbook();
    expect(excelJsCannotLoad(bytes)).toBe(true);
    const started = cpuNow();
    const grid = readXlsx(bytes, 'validation.xlsx').grid;
    expect(grid.sheets.map((s) => [s.name, s.rows.length])).toEqual([['Sheet1', 0]]);
    expect(cpuMsSince(started)).toBeLessThan(1000);
  });

  test.each(files.filter((f) => !excelJsCannotLoad(EXCEL_LIKE[f]())))('%s', async (file) => {
    await expectReadsAsExcelJs(EXCEL_LIKE[file](), file);
  });

  test('Strict OOXML: the sheets and their values are found', () => {
    const bytes = strictWorkbook();
    expect(strFromU8(unzipSync(bytes)['xl/workbook.xml'])).toContain('xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"');
    const grid = readXlsx(bytes, 'strict.xlsx').grid;
    expect(grid.sheets.map((s) => s.name)).toEqual(['ml_out']);
    expect(at(grid.sheets[0], 'A1')).toBe('Item');
    expect(at(grid.sheets[0], 'B2')).toBe(2);
    expect(at(grid.sheets[0], 'C3')).toBe(0.74);
    expect(fmtAt(grid.sheets[0], 'C3')).toBe('0.0000');
    expect(at(grid.sheets[0], 'D3')).toBeCloseTo(1.85, 10);
    expect(grid.sheets[0].rows.length).toBe(41);
  });

  test('the 1904 date system is reported, and dates keep the serials Excel stored', () => {
    const g1904 = readXlsx(date1904Workbook(), 'date1904.xlsx').grid;
    const g1900 = readXlsx(datesWorkbook(), 'dates.xlsx').grid;
    expect(g1904.date1904).toBe(true);
    expect(g1900.date1904).toBe(false);
    expect(at(g1900.sheets[0], 'B2')).toBe(45747); // 31 March 2025
    expect(at(g1904.sheets[0], 'B2')).toBe(45747 - 1462);
    expect(fmtAt(g1904.sheets[0], 'B2')).toBe('dd/mm/yyyy');
    expect(fmtAt(g1904.sheets[0], 'B5')).toBe('mm-dd-yy'); // built-in format 14
    expect(at(g1900.sheets[0], 'B6')).toBeCloseTo(serialOf('2025-10-14T14:30'), 10);
  });

  test('a chart sheet is skipped, the worksheet after it is read', () => {
    const grid = readXlsx(chartWorkbook(), 'chart.xlsx').grid;
    expect(grid.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    expect(grid.sheets[0].rows[1]).toEqual(['Apr', 3]);
  });

  test('_x000D_ escapes are decoded, _x005F_ keeps a literal escape', () => {
    const bytes = escapesWorkbook();
    const sst = strFromU8(unzipSync(bytes)['xl/sharedStrings.xml']);
    expect(sst).toContain('<t>ABC_x000D_\nDEF</t>');
    expect(sst).toContain('<t>_x005F_x000D_</t>');
    const s = readXlsx(bytes, 'escapes.xlsx').grid.sheets[0];
    expect(at(s, 'A1')).toBe('ABC\r\nDEF');
    expect(at(s, 'A2')).toBe('_x000D_');
    expect(at(s, 'A3')).toBe('line one\nline two');
    expect(at(s, 'A5')).toBe('bell\u0007rung');
  });

  test('hidden and very hidden sheets are marked hidden', () => {
    const grid = readXlsx(hiddenSheetsWorkbook(), 'hidden.xlsx').grid;
    expect(grid.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Visible', false],
      ['Hidden', true],
      ['VeryHidden', true],
    ]);
  });

  test('tables keep their header flag and range, insertRow or not', () => {
    const bytes = tablesWorkbook();
    const parts = unzipSync(bytes);
    const tableParts = Object.keys(parts).filter((k) => k.startsWith('xl/tables/'));
    expect(tableParts.filter((k) => strFromU8(parts[k]).includes('insertRow="1"'))).toHaveLength(2);
    const [s, register] = readXlsx(bytes, 'tables.xlsx').grid.sheets;
    expect(s.tables.map((t) => t.name)).toEqual(['Table1', 'Table2', 'Table3', 'Table4']);
    expect(s.tables.every((t) => t.hasHeader)).toBe(true);
    expect(s.tables[2]).toEqual({ name: 'Table3', area: parseArea('M8:M9'), hasHeader: true });
    expect(register.tables).toEqual([{ name: 'Counts', area: parseArea('A1:B3'), hasHeader: false }]);
  });

  test('merged areas and non-ASCII sheet names', () => {
    const grid = readXlsx(mergedWorkbook(), 'merged.xlsx').grid;
    expect(grid.sheets.map((s) => [s.name, s.merges.length, s.hidden])).toEqual([
      ['Ersatzteilliste', 1, false],
      ['Leiterprüfung', 41, true],
      ['Schweißgerät', 0, false],
    ]);
    expect(at(grid.sheets[2], 'C3')).toBe('Gerät');
    expect(fmtAt(grid.sheets[2], 'D4')).toBe('dd.mm.yyyy');
  });
});

// ---------------------------------------------------------------------------

describe('cell types and file shapes', () => {
  test('shared strings with rich text runs and phonetic guides', () => {
    const sst = `${DECL}<sst xmlns="${MAIN_NS}"><si><r><t>Work </t></r><r><rPr><b/></rPr><t>stream</t></r><r><t xml:space="preserve"> 2</t></r></si><si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/></si><si><t>Tab&amp;&lt;&#x41;&#66;</t></si></sst>`;
    const grid = readXlsx(
      oneSheet(
        '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row></sheetData>',
        {
          sharedStrings: sst,
        },
      ),
      'rich.xlsx',
    ).grid;
    expect(grid.sheets[0].rows[0]).toEqual(['Work stream 2', '漢字', 'Tab&<AB']);
  });

  test('inline strings, formula strings, booleans, errors and formulas without a cached value', () => {
    const body =
      '<sheetData><row r="1">' +
      '<c r="A1" t="inlineStr"><is><t>inline_x000D_text</t></is></c>' +
      '<c r="B1" t="inlineStr"><is><r><t>rich </t></r><r><t>inline</t></r></is></c>' +
      '<c r="C1" t="str"><f>A1&amp;""</f><v>from formula</v></c>' +
      '<c r="D1" t="b"><v>1</v></c><c r="E1" t="b"><v>0</v></c>' +
      '<c r="F1" t="e"><f>NA()</f><v>#N/A</v></c>' +
      '<c r="G1"><f>SUM(1,2)</f></c>' +
      '<c r="H1"><f>SUM(1,2)</f><v>3</v></c>' +
      '<c r="I1" s="0"/>' +
      '</row></sheetData>';
    const s = readXlsx(oneSheet(body), 'types.xlsx').grid.sheets[0];
    expect(s.rows[0]).toEqual(['inline\rtext', 'rich inline', 'from formula', true, false, '#N/A', null, 3]);
  });

  test('ISO date cells (t="d") become serial numbers under a date format', () => {
    const body =
      '<sheetData><row r="1"><c r="A1" t="d"><v>2025-03-31T00:00:00Z</v></c><c r="B1" t="d"><v>1900-01-01</v></c><c r="C1" t="d"><v>2025-03-31T12:00:00</v></c></row></sheetData>';
    const s = readXlsx(oneSheet(body), 'd.xlsx').grid.sheets[0];
    expect(s.rows[0]).toEqual([45747, 1, 45747.5]);
    expect(formatAt(s, 0, 0)).toBe('yyyy-mm-dd');
    const s1904 = readXlsx(oneSheet(body, { workbookPr: '<workbookPr date1904="true"/>' }), 'd.xlsx').grid;
    expect(s1904.date1904).toBe(true);
    expect(cellAt(s1904.sheets[0], 0, 0)).toBe(45747 - 1462);
  });

  test('cells and rows without r attributes are placed by order', () => {
    const body =
      '<sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row><row r="4"><c r="C4"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row></sheetData>';
    const s = readXlsx(oneSheet(body), 'nor.xlsx').grid.sheets[0];
    expect(s.rows).toEqual([['a', 2], [], [], [null, null, 3, 4], [5]]);
  });

  test('cells read in one pass read as the same cells written in a way only the tokenizer reads', () => {
    // sheet-cells.ts reads the common shape of a cell in one pass and leaves any
    // other to the tokenizer. Here every cell is written twice: in the common shape,
    // and with a tab before its attributes, which the one pass leaves alone. Both
    // sheets must read alike, values, formats and fills, and the first must have
    // taken the one pass (the next test checks that the one pass takes the common shape).
    let seed = 20261205;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n; // the high bits: the low ones repeat in short cycles
    };
    const sst = ['alpha', 'beta &amp; gamma', 'line one\r\nline two', ' padded '];
    const styles = `${DECL}<styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="d mmmm yyyy"/></numFmts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/></patternFill></fill></fills><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" fillId="2" applyFill="1"/><xf numFmtId="9"/></cellXfs></styleSheet>`;
    const texts = ['plain', 'a &amp; b &lt;c&gt;', 'two\r\nlines', ' spaced ', 'x_x000D_y', '&#x41;&#66;'];
    const contents: [string | null, string][] = [
      ['n', '<v>42</v>'],
      [null, '<v> 3.5 </v>'],
      [null, '<v>not a number</v>'],
      ['s', '<v>1</v>'],
      ['s', '<v>03</v>'],
      ['s', '<v> 2 </v>'],
      ['inlineStr', `<is><t>${texts[0]}</t></is>`],
      ['inlineStr', `<is><t xml:space="preserve">${texts[3]}</t></is>`],
      ['str', '<v>from a formula</v>'],
      ['str', '<v>a &amp; b\r\nc</v>'],
      ['b', '<v>1</v>'],
      ['e', '<v>#N/A</v>'],
      ['d', '<v>2025-03-31</v>'],
      ['d', '<v>not a date</v>'],
      [null, ''],
    ];
    const common: string[] = [];
    const other: string[] = [];
    for (let r = 1; r <= 400; r++) {
      const cells: string[] = [];
      const cellsOther: string[] = [];
      for (let c = 0; c < 1 + rand(6); c++) {
        const col = String.fromCharCode(65 + c);
        const [type, content0] = contents[rand(contents.length)];
        const content = type === 'inlineStr' ? content0.replace(texts[0], texts[rand(texts.length)]) : content0;
        const attrs = [
          rand(10) ? `r="${rand(4) ? '' : '$'}${col}${rand(4) ? '' : '$'}${r}"` : '',
          rand(3) ? `s="${rand(4)}"` : '',
          type && (type !== 'n' || rand(2)) ? `t="${type}"` : '',
        ].filter(Boolean);
        if (rand(2)) attrs.reverse();
        const close = content === '' && rand(2) ? '/>' : `>${content}</c>`;
        cells.push(`<c${attrs.length ? ' ' + attrs.join(' ') : ''}${close}`);
        cellsOther.push(`<c\t${attrs.join('\t')}${close}`);
      }
      common.push(`<row r="${r}">${cells.join('')}</row>`);
      other.push(`<row r="${r}">${cellsOther.join('')}</row>`);
    }
    const book = (rows: string[]) => oneSheet(`<sheetData>${rows.join('')}</sheetData>`, { sharedStrings: sst, styles });
    const onePass = readXlsx(book(common), 'common.xlsx').grid.sheets[0];
    const tokens = readXlsx(book(other), 'other.xlsx').grid.sheets[0];
    expect(onePass.rows.flat().filter((v) => v !== null).length).toBeGreaterThan(500);
    expect(onePass.rows).toEqual(tokens.rows);
    expect(onePass.formats).toEqual(tokens.formats);
    expect(onePass.fills).toEqual(tokens.fills);

    // A reference that is not a cell, and a shared string that does not exist: the same message either way.
    for (const bad of ['<c r="A0"><v>1</v></c>', '<c r="A1" t="s"><v>9</v></c>', '<c r="A1" t="s"><v>09</v></c>']) {
      const tabbed = bad.replace('<c ', '<c\t');
      const message = (xml: string) => failure(() => readXlsx(book([`<row r="1">${xml}</row>`]), 'bad.xlsx')).message;
      expect(message(bad)).toBe(message(tabbed));
    }
  });

  test('the one pass reads the common cell, and leaves others to the tokenizer', () => {
    const { SheetXmlReader } = require('../src/workbook/xlsx/read/sheet-cells') as typeof import('../src/workbook/xlsx/read/sheet-cells');
    const fields = { ref: -1, style: -1, type: 0, v: undefined as string | undefined, shared: -1, inline: undefined as string | undefined };
    const readsInOnePass = (cell: string) => {
      const x = new SheetXmlReader(strToU8(`<worksheet><sheetData><row r="1">${cell}</row></sheetData></worksheet>`));
      for (let i = 0; i < 3; i++) x.next();
      return x.readCell(fields);
    };
    expect(readsInOnePass('<c r="B7" s="3" t="s"><v>12</v></c>')).toBe(true);
    expect(fields).toEqual({ ref: 6 * 16384 + 1, style: 3, type: 1, v: undefined, shared: 12, inline: undefined });
    expect(readsInOnePass('<c r="A1" t="inlineStr"><is><t>a &amp; b</t></is></c>')).toBe(true);
    expect(fields.inline).toBe('a & b');
    for (const other of [
      '<c\tr="A1"><v>1</v></c>',
      '<c r="A1" cm="1"><v>1</v></c>',
      '<c r="A1"><f>1+1</f><v>2</v></c>',
      '<c r="A1" t="x"><v>1</v></c>',
      '<c r="A1" s="-1"><v>1</v></c>',
      '<c r="A1" r="B1"><v>1</v></c>',
      "<c r='A1'><v>1</v></c>",
      '<x:c r="A1"><v>1</v></x:c>',
    ]) {
      expect([other, readsInOnePass(other)]).toEqual([other, false]);
    }
  });

  test('namespace prefixes are matched by local name', () => {
    const xml = sheetXml(
      '<x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>prefixed</x:t></x:is></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row></x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells>',
      'x',
    );
    const s = readXlsx(buildWorkbook({ sheets: [{ name: 'P', xml }] }), 'prefix.xlsx').grid.sheets[0];
    expect(s.rows).toEqual([['prefixed', 7]]);
    expect(s.merges).toEqual([parseArea('A1:B1')]);
  });

  test('number formats: built-in date ids, custom codes, General left out', () => {
    const styles = `${DECL}<styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="d mmmm yyyy"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="9"/><xf numFmtId="49"/></cellXfs></styleSheet>`;
    const body =
      '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1" s="1"><v>45747</v></c><c r="C1" s="2"><v>45747</v></c><c r="D1" s="3"><v>0.5</v></c><c r="E1" s="1" t="inlineStr"><is><t>text</t></is></c></row></sheetData>';
    const s = readXlsx(oneSheet(body, { styles }), 'fmt.xlsx').grid.sheets[0];
    expect(s.formats?.[0]).toEqual([null, 'mm-dd-yy', 'd mmmm yyyy', '0%']);
  });

  test('chart and dialog sheets are skipped without a crash', () => {
    const chart = `${DECL}<chartsheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`;
    const dialog = `${DECL}<dialogsheet xmlns="${MAIN_NS}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></dialogsheet>`;
    const grid = readXlsx(
      buildWorkbook({
        sheets: [
          { name: 'Chart1', xml: chart, kind: 'chartsheet' },
          { name: 'Dialog1', xml: dialog, kind: 'dialogsheet' },
          { name: 'Data', xml: sheetXml('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>') },
        ],
      }),
      'mixed.xlsx',
    ).grid;
    expect(grid.sheets.map((s) => s.name)).toEqual(['Data']);
  });

  test("a sheet carrying Ragbook's marker is owned", () => {
    const marked = (role: 'summary' | 'history', n: number): SheetSpec => ({
      name: `S${n}`,
      xml: sheetXml(`<sheetData/><customProperties><customPr name="RagbookSheet" r:id="rIdM"/></customProperties>`),
      rels: `<Relationship Id="rIdM" Type="${REL_NS}/customProperty" Target="../customProperty${n}.bin"/>`,
      extra: { [`xl/customProperty${n}.bin`]: encodeMarker(role) },
    });
    const grid = readXlsx(
      buildWorkbook({
        sheets: [
          marked('summary', 1),
          marked('history', 2),
          { name: 'Other', xml: sheetXml('<sheetData/><customProperties><customPr name="Else" r:id="rIdM"/></customProperties>') },
        ],
      }),
      'owned.xlsx',
    ).grid;
    expect(grid.sheets.map((s) => s.owned)).toEqual(['summary', 'history', undefined]);
  });

  describe('settings stored in a web extension part', () => {
    const withSettings = (value: string) =>
      oneSheet('<sheetData/>', {
        extra: {
          'xl/webextensions/webextension1.xml': `${DECL}<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{1}"><we:reference id="x" version="1.0.0.0" store="x" storeType="EXCatalog"/><we:properties><we:property name="Other" value="1"/><we:property name="RagbookSettings" value="${value}"/></we:properties></we:webextension>`,
        },
      });
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

    test('a JSON string holding JSON is unwrapped', () => {
      const inner = JSON.stringify({ dueSoonDays: 7 });
      expect(readXlsx(withSettings(esc(JSON.stringify(inner))), 's.xlsx').grid.settings).toEqual({ dueSoonDays: 7 });
    });

    test('plain JSON is read as it is', () => {
      expect(readXlsx(withSettings(esc('{"locale":"en-US"}')), 's.xlsx').grid.settings).toEqual({ locale: 'en-US' });
    });

    test('bad JSON is passed on raw, never thrown', () => {
      expect(readXlsx(withSettings(esc('{not json')), 's.xlsx').grid.settings).toBe('{not json');
    });

    test('no web extension, no settings', () => {
      expect(readXlsx(oneSheet('<sheetData/>'), 's.xlsx').grid.settings).toBeUndefined();
    });
  });

  test('parts larger than one decoding chunk keep every character, multi-byte ones included', () => {
    const long = 'é–'.repeat(400000) + '漢'; // about 2 MB of UTF-8: tokens straddle chunk edges
    const cells: string[] = [];
    // One, two, three and four bytes a character (a four-byte one is two UTF-16 units), in every row.
    for (let r = 1; r <= 30000; r++) cells.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>€${r}😀ü</t></is></c></row>`);
    const body = `<sheetData><row r="1"><c r="B1" t="inlineStr"><is><t>${long}</t></is></c></row>${cells.slice(1).join('')}</sheetData>`;
    const s = readXlsx(oneSheet(body), 'long.xlsx').grid.sheets[0];
    expect(cellAt(s, 0, 1)).toBe(long);
    expect(s.rows.length).toBe(30000);
    expect(cellAt(s, 29999, 0)).toBe('€30000😀ü');
    for (let r = 1; r < 30000; r += 997) expect(cellAt(s, r, 0)).toBe(`€${r + 1}😀ü`);
  });

  test('a cell cut by the end of a decoded chunk, in four-byte characters, reads whole', () => {
    // What is left unread at a chunk's end is decoded again from its first byte,
    // found by counting its UTF-8 length: each row's text is dense with characters
    // of two, three and four bytes, and of varying length, so the chunk edges fall
    // inside them at every kind of offset.
    const value = (r: number) => `${r}:` + '😀é€'.repeat(1 + (r % 37));
    const rows: string[] = [];
    for (let r = 1; r <= 20000; r++) rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${value(r)}</t></is></c></row>`);
    const s = readXlsx(oneSheet(`<sheetData>${rows.join('')}</sheetData>`), 'emoji.xlsx').grid.sheets[0];
    expect(s.rows.length).toBe(20000);
    const wrong = s.rows.map((row) => row[0]).filter((v, r) => v !== value(r + 1));
    expect(wrong).toEqual([]);
  });

  test('a part written in UTF-16 is read', () => {
    const xml = sheetXml('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Grüße</t></is></c></row></sheetData>').replace(
      'UTF-8',
      'UTF-16',
    );
    const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]));
    const bytes = buildWorkbook({ sheets: [{ name: 'U', xml: '' }] });
    const pkg = openPackage(bytes, 'u16.xlsx');
    pkg.entries.set('xl/worksheets/sheet1.xml', utf16);
    expect(cellAt(readGrid(pkg).sheets[0], 0, 0)).toBe('Grüße');
  });

  test('the package keeps every entry, inflated, in zip order', () => {
    const bytes = bytesOf(path.join(FIXTURES, 'lo/rag-review.xlsx'));
    const pkg = openPackage(bytes, 'rag.xlsx');
    expect([...pkg.entries.keys()][0]).toBe('_rels/.rels');
    expect(new TextDecoder().decode(pkg.entries.get('xl/workbook.xml')).startsWith('<?xml')).toBe(true);
    expect(readGrid(pkg).sheets[0].name).toBe('Review');
  });
});

// ---------------------------------------------------------------------------

describe('files that are not readable workbooks', () => {
  const good = bytesOf(path.join(FIXTURES, 'workstreams.xlsx'));

  test('random bytes are not a zip', () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
    expectProblem(() => readXlsx(random, 'random.xlsx'), 'not-zip', 'random.xlsx');
    expectProblem(() => readXlsx(new Uint8Array(0), 'empty.xlsx'), 'not-zip', 'empty.xlsx');
    expectProblem(() => readXlsx(strToU8('Name,Status\nA,Done\n'), 'export.xlsx'), 'not-zip', 'export.xlsx');
  });

  test('a truncated workbook is reported as damaged', () => {
    for (const cut of [good.length - 10, Math.floor(good.length / 2), 100]) {
      const err = expectProblem(() => readXlsx(good.subarray(0, cut), 'cut.xlsx'), 'corrupt', 'cut.xlsx');
      expect(err.message).toMatch(/cut short|damaged/);
    }
  });

  test('a changed byte inside a part fails its checksum', () => {
    const stored = zipSync({ 'xl/workbook.xml': strToU8(`<workbook xmlns="${MAIN_NS}"><sheets/></workbook>`) }, { level: 0 });
    const at = Buffer.from(stored).indexOf('<sheets/>');
    const damaged = stored.slice();
    damaged[at + 1] = 'S'.charCodeAt(0);
    const err = expectProblem(() => readXlsx(damaged, 'flip.xlsx'), 'corrupt', 'flip.xlsx');
    expect(err.message).toContain('xl/workbook.xml');
  });

  test('an old .xls (OLE2 compound file) is recognised', () => {
    const cfb = new Uint8Array(2048);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const name = 'Workbook';
    for (let i = 0; i < name.length; i++) cfb[1024 + i * 2] = name.charCodeAt(i);
    cfb[1024 + 64] = (name.length + 1) * 2;
    const err = expectProblem(() => readXlsx(cfb, 'budget.xls'), 'xls', 'budget.xls');
    expect(err.message).toBe(
      'budget.xls is an old Excel 97-2003 (.xls) workbook. Open it in Excel and save it as .xlsx (Excel Workbook), then try again.',
    );
  });

  test('a password-protected workbook is recognised', () => {
    const cfb = new Uint8Array(2048);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const name = 'EncryptedPackage';
    for (let i = 0; i < name.length; i++) cfb[1024 + 128 + i * 2] = name.charCodeAt(i);
    cfb[1024 + 128 + 64] = (name.length + 1) * 2;
    const err = expectProblem(() => readXlsx(cfb, 'secret.xlsx'), 'encrypted', 'secret.xlsx');
    expect(err.message).toContain('protected with a password');
    expect(err.message).toContain('Encrypt with Password');
  });

  test('a zip that is not a workbook says what it is', () => {
    const text = zipSync({ 'notes.txt': strToU8('hello') });
    expectProblem(() => readXlsx(text, 'notes.zip'), 'not-workbook', 'notes.zip');
    const docx = zipSync({
      '[Content_Types].xml': strToU8(`${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
      '_rels/.rels': strToU8(
        `${DECL}<Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="word/document.xml"/></Relationships>`,
      ),
      'word/document.xml': strToU8(`${DECL}<w:document xmlns:w="x"/>`),
    });
    const err = expectProblem(() => readXlsx(docx, 'letter.docx'), 'not-workbook', 'letter.docx');
    expect(err.message).toContain('Word document');
    const ods = zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') });
    expect(expectProblem(() => readXlsx(ods, 'calc.ods'), 'not-workbook', 'calc.ods').message).toContain('OpenDocument');
  });

  test('an entry that declares more than the limit is refused before inflating', () => {
    // 208 MiB of zeros, honestly declared, packed into about 200 KB.
    const size = 13 * 16 * 1024 * 1024;
    const packed = rawZip([{ name: 'xl/worksheets/sheet1.xml', data: zeroBomb(13), method: 8, size, crc: 0 }]);
    expect(packed.length).toBeLessThan(1024 * 1024);
    const started = cpuNow();
    const err = expectProblem(() => readXlsx(packed, 'zeros.xlsx', { maxUncompressedBytes: 50 * 1024 * 1024 }), 'too-large', 'zeros.xlsx');
    expect(cpuMsSince(started)).toBeLessThan(5000);
    expect(err.message).toContain('50 MB');
  });

  test('an entry that inflates past its declared size (a zip bomb) is stopped quickly', () => {
    const bomb = zeroBomb(128); // inflates to 2 GiB, declares 1 KB
    const file = rawZip([{ name: 'xl/worksheets/sheet1.xml', data: bomb, method: 8, size: 1024, crc: 0 }]);
    const started = cpuNow();
    const err = expectProblem(() => readXlsx(file, 'bomb.xlsx'), 'too-large', 'bomb.xlsx');
    expect(err.message).toContain('xl/worksheets/sheet1.xml');
    expect(cpuMsSince(started)).toBeLessThan(5000);
  });

  test('declared sizes are added up across entries', () => {
    const file = rawZip([
      { name: 'a.xml', data: new Uint8Array(0), method: 0, size: 0x80000000, crc: 0 },
      { name: 'b.xml', data: new Uint8Array(0), method: 0, size: 0x80000000, crc: 0 },
    ]);
    expectProblem(() => readXlsx(file, 'huge.xlsx'), 'too-large', 'huge.xlsx');
  });

  test('a DOCTYPE with an external entity is refused, never resolved', () => {
    const evil = `${DECL}<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>`;
    const err = expectProblem(
      () => readXlsx(buildWorkbook({ sheets: [{ name: 'S', xml: evil }] }), 'evil.xlsx'),
      'unsafe-xml',
      'evil.xlsx',
    );
    expect(err.message).toContain('xl/worksheets/sheet1.xml');
    expect(err.message).not.toContain('root:');
    const laughs = `${DECL}<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><sst xmlns="${MAIN_NS}"><si><t>&lol2;</t></si></sst>`;
    expectProblem(() => readXlsx(oneSheet('<sheetData/>', { sharedStrings: laughs }), 'lol.xlsx'), 'unsafe-xml', 'lol.xlsx');
  });

  test('damaged sheet XML is reported as damaged, naming the part', () => {
    const cases = [
      '<sheetData><row r="1"><c r="A1"><v>1</v></c>', // ends early
      '<sheetData><row r="1"><c r="A1"><v>1</c></row></sheetData>', // mismatched
      '<sheetData><row r="1"><c r="A1" t="s"><v>9</v></c></row></sheetData>', // no such shared string
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&nope;</t></is></c></row></sheetData>', // unknown entity
      '<sheetData><row r="1"><c r=A1><v>1</v></c></row></sheetData>', // unquoted attribute
      '<sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData>', // beyond the last column
      '<sheetData><row r="1"><c r="A1048577"><v>1</v></c></row></sheetData>', // beyond the last row
    ];
    for (const body of cases) {
      const xml = `${DECL}<worksheet xmlns="${MAIN_NS}">${body}${body.endsWith('</sheetData>') ? '</worksheet>' : ''}`;
      const err = expectProblem(
        () => readXlsx(buildWorkbook({ sheets: [{ name: 'S', xml }], sharedStrings: ['only'] }), 'bad.xlsx'),
        'corrupt',
        'bad.xlsx',
      );
      expect(err.message).toContain('xl/worksheets/sheet1.xml');
    }
  });

  test('a workbook that names a missing sheet part is damaged', () => {
    const files = zipSync({
      '_rels/.rels': strToU8(
        `<Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
      'xl/workbook.xml': strToU8(
        `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Gone" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        `<Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    });
    expect(expectProblem(() => readXlsx(files, 'gone.xlsx'), 'corrupt', 'gone.xlsx').message).toContain('Gone');
  });
});

// ---------------------------------------------------------------------------

describe('speed', () => {
  test('50,000 rows of 7 columns over 20 sheets read in well under a second', () => {
    const statuses = ['Completed', 'In progress', 'Static', 'Not started'];
    const strings: string[] = [];
    const index = new Map<string, number>();
    const s = (t: string) => {
      let i = index.get(t);
      if (i === undefined) index.set(t, (i = strings.push(t) - 1));
      return i;
    };
    const sheets: SheetSpec[] = [];
    for (let k = 1; k <= 20; k++) {
      const rows: string[] = [];
      for (let r = 1; r <= 2500; r++) {
        rows.push(
          `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" t="s"><v>${s(`Action ${k}.${r}: review the allocation process`)}</v></c>` +
            `<c r="C${r}" t="s"><v>${s(`Progress ${k}.${r} – meeting held, actions agreed &amp; minuted`)}</v></c>` +
            `<c r="D${r}" t="s"><v>${s(statuses[r % 4])}</v></c><c r="E${r}" s="1"><v>${45000 + (r % 700)}</v></c>` +
            `<c r="F${r}" t="s"><v>${s(`Officer ${r % 37}`)}</v></c><c r="G${r}" s="2"><v>${(r % 100) / 100}</v></c></row>`,
        );
      }
      sheets.push({ name: `Sheet ${k}`, xml: sheetXml(`<sheetData>${rows.join('')}</sheetData>`) });
    }
    const styles = `${DECL}<styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="9"/></cellXfs></styleSheet>`;
    const bytes = buildWorkbook({ sheets, sharedStrings: strings, styles });

    readXlsx(bytes, 'warm-up.xlsx');
    const started = cpuNow();
    const { grid } = readXlsx(bytes, 'big.xlsx');
    const ms = cpuMsSince(started);
    expect(grid.sheets.length).toBe(20);
    expect(grid.sheets.reduce((n, sh) => n + sh.rows.length, 0)).toBe(50000);
    expect(formatAt(grid.sheets[19], 2499, 4)).toBe('dd/mm/yyyy');
    // The target is well under a second on a developer machine; the bound leaves room for slow CI.
    expect(ms).toBeLessThan(2500);
  });
});
