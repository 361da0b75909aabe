import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { NAMES, firstPlan, secondPlan } from './xlsx-plans';
import { decodeMarker } from '../../src/workbook/xlsx/marker';
import { readXlsx } from '../../src/workbook/xlsx/read';
import { XlsxWriteError, applyPlanToXlsx } from '../../src/workbook/xlsx/write';
import { attributes, childElements, rootElement } from '../../src/workbook/xlsx/opc/xml-spans';

// What the .xlsx writer must do to any workbook it is given, as checks shared by the
// writer's tests (npm test, on the project's own packages) and tests/external/ (on
// files other programs saved): every part it does not own comes out byte for byte,
// its sheets are added after the user's and marked as its own, ExcelJS reads the
// result with the user's values unchanged, and a second run updates its sheets in place.

/** The parts Ragbook may edit; everything else must come out byte for byte. */
export const EDITABLE = new Set([
  '[Content_Types].xml',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/styles.xml',
  'docProps/app.xml',
]);

export function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

export function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}

/**
 * The parts of `before` Ragbook does not own that are missing from `after` or differ
 * in it; `editable` names the parts it may edit (compared ignoring case, as OPC does).
 */
export function changedUserParts(
  before: Record<string, Uint8Array> | Map<string, Uint8Array>,
  after: Record<string, Uint8Array>,
  editable: Set<string> = EDITABLE,
): string[] {
  const skip = new Set([...editable].map((name) => name.toLowerCase()));
  const changed: string[] = [];
  const entries = before instanceof Map ? [...before] : Object.entries(before);
  for (const [name, data] of entries) {
    if (skip.has(name.toLowerCase())) continue;
    if (name.toLowerCase() === '_rels/.rels' && onlySettingsLinkAdded(data, after[name])) continue;
    if (after[name] && onlyUnselected(data, after[name])) continue;
    if (!after[name] || !same(after[name], data)) changed.push(name);
  }
  return changed;
}

/**
 * The package's relationships may gain one thing only: the link to the task panes
 * part that leads to Ragbook's settings (where Office keeps an add-in's settings),
 * in the prefix the part uses (POI's 58760.xlsx writes ns0:Relationship).
 */
function onlySettingsLinkAdded(before: Uint8Array, after: Uint8Array | undefined): boolean {
  if (!after) return false;
  if (same(before, after)) return true;
  const text = strFromU8(after);
  const link =
    /<(?:[\w.-]+:)?Relationship Id="rId\d+" Type="http:\/\/schemas\.microsoft\.com\/office\/2011\/relationships\/webextensiontaskpanes" Target="xl\/webextensions\/taskpanes\.xml"\/>/.exec(
      text,
    );
  return link !== null && text.slice(0, link.index) + text.slice(link.index + link[0].length) === strFromU8(before);
}

/**
 * A sheet that was the active tab may lose one thing only: its tabSelected, when
 * Ragbook's summary becomes the active tab (two selected tabs would be grouped).
 */
function onlyUnselected(before: Uint8Array, after: Uint8Array): boolean {
  if (same(before, after)) return true;
  const was = strFromU8(before);
  if (!/\stabSelected\s*=/.test(was)) return false;
  const now = strFromU8(after);
  return !/\stabSelected\s*=/.test(now) && was.replace(/\stabSelected\s*=\s*("[^"]*"|'[^']*')/g, '') === now;
}

/** Every part of `before` that Ragbook does not own is in `after`, byte for byte. */
export function expectPreserved(before: Record<string, Uint8Array>, after: Record<string, Uint8Array>): void {
  expect(changedUserParts(before, after)).toEqual([]);
}

export function wellFormed(xml: string, part: string): void {
  const parser = new SaxesParser({ xmlns: true });
  const errors: string[] = [];
  parser.on('error', (e) => errors.push(e.message));
  parser.write(xml).close();
  if (errors.length) throw new Error(`${part} is not well formed: ${errors.join('; ')}`);
}

/** Parts that are new or differ from the input. */
export function changedParts(before: Record<string, Uint8Array>, after: Record<string, Uint8Array>): string[] {
  return Object.keys(after).filter((k) => !before[k] || !same(before[k], after[k]));
}

/** Ragbook's sheets as the reader finds them after a write. */
const OWNED = [
  [NAMES.summary, 'summary'],
  [NAMES.issues, 'issues'],
  [NAMES.history, 'history'],
  ['Ragbook settings', 'settings'],
];

/** Each sheet's identity: its name, sheetId, relationship id and part. */
export function sheetIdentities(files: Record<string, Uint8Array>): { name: string; sheetId: string; relId: string; part: string }[] {
  const xml = strFromU8(files['xl/workbook.xml']);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
  const sheets = childElements(xml, rootElement(xml)).find((e) => e.local === 'sheets')!;
  return childElements(xml, sheets).map((s) => {
    const a = attributes(xml, s);
    const relId = a.get('r:id') ?? '';
    const target = new RegExp(`Id="${relId}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '';
    return {
      name: a.get('name') ?? '',
      sheetId: a.get('sheetId') ?? '',
      relId,
      part: target.startsWith('/') ? target.slice(1) : `xl/${target}`,
    };
  });
}

/** The workbook's sheet names, in tab order, read from the workbook part. */
export function sheetNames(files: Record<string, Uint8Array>): string[] {
  const xml = strFromU8(files['xl/workbook.xml']);
  const sheets = childElements(xml, rootElement(xml)).find((e) => e.local === 'sheets');
  if (!sheets) throw new Error('no sheets');
  return childElements(xml, sheets).map((s) => attributes(xml, s).get('name') as string);
}

export async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** Every cell's value, by sheet and address, as ExcelJS reads them. */
export function valuesOf(wb: ExcelJS.Workbook, skip: string[] = []): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  wb.eachSheet((ws) => {
    if (skip.includes(ws.name)) return;
    const cells: Record<string, unknown> = {};
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        cells[cell.address] = cell.value;
      });
    });
    out[ws.name] = cells;
  });
  return out;
}

export function expectError(fn: () => unknown, problem: string): XlsxWriteError {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof XlsxWriteError)) throw e;
    expect(e.problem).toBe(problem);
    return e;
  }
  throw new Error(`expected an XlsxWriteError (${problem})`);
}

/** The cells of tests/support/xlsx-plans.ts's summary as ExcelJS reads them back. */
export function summaryChecks(wb: ExcelJS.Workbook, title: string): void {
  const ws = wb.getWorksheet(NAMES.summary);
  if (!ws) throw new Error('no summary sheet');
  expect(ws.getCell('A1').value).toBe(title);
  expect(ws.getCell('B2').value).toBe('Brackenmoor <tracker> & "plans".xlsx');
  expect(ws.getCell('A3').value).toBe('Controlchars gone');
  // ExcelJS does not undo Excel's _xHHHH_ escapes; the escaped form proves the text stays literal.
  expect(ws.getCell('B3').value).toBe('keeps _x005F_x000D_ literal');
  expect(ws.getCell('C3').value).toBe(true);
  expect(String(ws.getCell('E3').value).length).toBe(32767);
  const link = ws.getCell('A5').value as ExcelJS.CellFormulaValue;
  expect(link.formula).toBe(`HYPERLINK("#'Progress'!A7","Work stream 1")`);
  expect(link.result).toBe('Work stream 1');
  // Text that starts with '=' stays text: a value, not a formula.
  expect(ws.getCell('A6').value).toBe('=Review caseloads');
  expect(ws.getCell('A6').type).toBe(ExcelJS.ValueType.String);
  expect(ws.getCell('D5').value).toBe(0.8);
  expect(ws.getCell('D5').numFmt).toBe('0%');
  expect(ws.getCell('E5').value).toBe('Green');
  expect((ws.getCell('E5').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FF1E7B34');
  expect(ws.getCell('E5').font.bold).toBe(true);
  expect(ws.getCell('C5').value).toBe(5);
  const issues = wb.getWorksheet(NAMES.issues);
  expect(issues?.getCell('E5').value).toBe('Line one\nline two');
  expect(wb.getWorksheet(NAMES.history)?.getCell('A1').value).toBe('Recalculated');
}

/**
 * The writer's whole contract on one workbook, with the plans of xlsx-plans.ts: a
 * first run adds the three sheets and keeps the user's parts, a second updates
 * them, and a plan that takes a user's sheet name is refused. `exceljs: false` for
 * a workbook ExcelJS cannot load (see exceljs-compare.ts).
 */
export async function expectWriterKeepsWorkbook(input: Uint8Array, base: string, opts: { exceljs: boolean }): Promise<void> {
  const before = unzip(input);
  const { bytes, written } = applyPlanToXlsx(input, firstPlan());
  expect(written).toEqual([NAMES.summary, NAMES.issues, NAMES.history]);
  const after = unzip(bytes);

  // (1) The user's parts are untouched.
  expectPreserved(before, after);

  // Every XML part Ragbook changed or created is well formed.
  for (const part of changedParts(before, after)) {
    if (/\.(xml|rels)$/.test(part)) wellFormed(strFromU8(after[part]), part);
  }

  // The new sheets come after the user's, in plan order, then the hidden settings sheet.
  const names = sheetNames(after);
  expect(names.slice(-4)).toEqual([NAMES.summary, NAMES.issues, NAMES.history, 'Ragbook settings']);
  expect(names.slice(0, -4)).toEqual(sheetNames(before));

  // Each new sheet carries Ragbook's marks, which the reader recognises.
  const { grid } = readXlsx(bytes, base);
  expect(grid.sheets.filter((s) => s.owned).map((s) => [s.name, s.owned])).toEqual(OWNED);

  // The user's sheets read exactly as before, through Ragbook's own reader.
  const userSheets = (g: typeof grid) => g.sheets.filter((s) => !s.owned);
  expect(userSheets(grid)).toEqual(readXlsx(input, base).grid.sheets);
  const summary = grid.sheets.find((s) => s.name === NAMES.summary);
  expect(summary?.rows[5]?.[0]).toBe('=Review caseloads');
  expect(summary?.rows[2]?.[1]).toBe('keeps _x000D_ literal');

  // (2) and (3): ExcelJS reads the new sheets and the user's sheets' values are unchanged.
  const original = opts.exceljs ? await load(input) : null;
  if (original) {
    const updated = await load(bytes);
    summaryChecks(updated, 'RAG summary');
    expect(valuesOf(updated, [...Object.values(NAMES), 'Ragbook settings'])).toEqual(valuesOf(original));
  }

  // (4) A second run updates Ragbook's sheets in place: the same sheetIds, parts and
  // relationships, the first run's history row as it was; the user's parts still intact.
  const second = applyPlanToXlsx(bytes, secondPlan());
  const after2 = unzip(second.bytes);
  expectPreserved(before, after2);
  expect(sheetNames(after2)).toEqual(names);
  expect(sheetIdentities(after2)).toEqual(sheetIdentities(after));
  const markers = Object.keys(after2).filter((k) => /customProperty\d+\.bin$/.test(k));
  expect(markers.map((k) => decodeMarker(after2[k])).sort()).toEqual(['history', 'issues', 'settings', 'summary']);
  const historyPart = sheetIdentities(after).find((s) => s.name === NAMES.history)!.part;
  const firstRow = /<row r="2"[^>]*>.*?<\/row>/.exec(strFromU8(after[historyPart]))![0];
  expect(strFromU8(after2[historyPart])).toContain(firstRow);
  for (const part of changedParts(before, after2)) {
    if (/\.(xml|rels)$/.test(part)) wellFormed(strFromU8(after2[part]), part);
  }
  const grid2 = readXlsx(second.bytes, base).grid;
  expect(userSheets(grid2)).toEqual(userSheets(grid));
  expect(grid2.sheets.find((s) => s.name === NAMES.summary)?.rows[0]?.[0]).toBe('RAG summary, second run');
  const history = grid2.sheets.find((s) => s.name === NAMES.history);
  expect(history?.rows.slice(1).map((r) => r[0])).toEqual([45930.5, 45931.5]);
  expect(history?.owned).toBe('history');
  expect(grid2.sheets.filter((s) => s.owned).map((s) => [s.name, s.owned])).toEqual(OWNED);
  if (original) {
    const reread = await load(second.bytes);
    summaryChecks(reread, 'RAG summary, second run');
    expect(valuesOf(reread, [...Object.values(NAMES), 'Ragbook settings'])).toEqual(valuesOf(original));
  }
  // Repeated runs reuse the formats they added, so the styles part does not grow.
  expect(strFromU8(after2['xl/styles.xml'] ?? new Uint8Array())).toBe(strFromU8(after['xl/styles.xml'] ?? new Uint8Array()));

  // (5) A plan naming a user's sheet it does not replace is refused.
  const userSheet = sheetNames(before)[0];
  const clash = firstPlan();
  clash.sheets[1].name = userSheet;
  expectError(() => applyPlanToXlsx(input, clash), 'name-taken');
}

/** A Strict Open XML workbook is refused with a message that says how to save it as a normal workbook. */
export function expectStrictRefused(input: Uint8Array): void {
  const err = expectError(() => applyPlanToXlsx(input, firstPlan()), 'strict');
  expect(err.message).toContain('Strict Open XML workbooks');
  expect(err.message).toContain('Excel Workbook (*.xlsx)');
}

/**
 * Each picture's deflated stream, exactly as the input stores it (found through the
 * zip's central directory), appears verbatim in the output: unchanged parts are
 * copied, never inflated and deflated again.
 */
export function expectMediaStreamsKept(input: Uint8Array, output: Uint8Array): void {
  const raw = Buffer.from(input);
  const hay = Buffer.from(output);
  const media = Object.keys(unzip(input)).filter((k) => k.startsWith('xl/media/'));
  expect(media.length).toBeGreaterThan(0);
  for (const m of media) {
    const name = Buffer.from(m);
    const central = raw.lastIndexOf(name) - 46;
    expect([m, raw.readUInt32LE(central)]).toEqual([m, 0x02014b50]);
    const size = raw.readUInt32LE(central + 20);
    const local = raw.readUInt32LE(central + 42);
    const start = local + 30 + raw.readUInt16LE(local + 26) + raw.readUInt16LE(local + 28);
    const stream = raw.subarray(start, start + size);
    expect(stream.length).toBeGreaterThan(64);
    expect([m, hay.indexOf(stream) > 0]).toEqual([m, true]);
  }
}
