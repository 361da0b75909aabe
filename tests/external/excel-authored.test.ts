import * as fs from 'node:fs';
import * as path from 'node:path';
import { cellAt, parseArea, type SheetGrid } from '../../src/core/grid';
import { readXlsx } from '../../src/workbook/xlsx/read';
import { applyPlanToXlsx } from '../../src/workbook/xlsx/write';
import { excelJsCannotLoad, expectReadsAsExcelJs } from '../support/exceljs-compare';
import { expectReportOrClearMessage } from '../support/report-checks';
import { firstPlan } from '../support/xlsx-plans';
import { expectMediaStreamsKept, expectStrictRefused, expectWriterKeepsWorkbook } from '../support/xlsx-write-checks';
import { EXCEL_AUTHORED, bytesOf } from './shared';

// Thirty workbooks that Microsoft Excel saved (Windows, Mac, Online), from ExcelJS's
// and calamine's test suites (fixtures/excel-authored/ in the shared folder, with
// its README). The same checks run in npm test on packages the tests build in
// Excel's shape (tests/support/excel-like.ts); here they meet the real thing.

const files = fs
  .readdirSync(EXCEL_AUTHORED)
  .filter((f) => f.endsWith('.xlsx'))
  .sort();
const bytes = (file: string) => bytesOf(path.join(EXCEL_AUTHORED, file));
const read = (file: string) => readXlsx(bytes(file), file).grid;
const at = (s: SheetGrid, ref: string) => {
  const area = parseArea(ref)!;
  return cellAt(s, area.r1, area.c1);
};

/** Strict Open XML, which the writer refuses. */
const STRICT = 'calamine__strict_iso_paths.xlsx';
/** ExcelJS never finishes loading it: a data validation over A1:XFD1048576. */
const WHOLE_SHEET_VALIDATION = 'exceljs__test-issue-1842.xlsx';

test('all thirty Excel-saved workbooks are there', () => {
  expect(files).toHaveLength(30);
  expect(files.filter((f) => excelJsCannotLoad(bytes(f)))).toEqual([WHOLE_SHEET_VALIDATION]);
});

describe('read as ExcelJS reads them', () => {
  test.each(files.filter((f) => f !== WHOLE_SHEET_VALIDATION))('%s', async (file) => {
    await expectReadsAsExcelJs(bytes(file), file);
  });
});

describe('reading', () => {
  test('a whole-sheet data validation costs nothing to read', () => {
    const started = Date.now();
    const grid = read(WHOLE_SHEET_VALIDATION);
    expect(grid.sheets.map((s) => [s.name, s.rows.length])).toEqual([['Sheet1', 0]]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('Strict OOXML: the sheets and their values are found', () => {
    const grid = read(STRICT);
    expect(grid.sheets.map((s) => s.name)).toEqual(['ml_out']);
    expect(at(grid.sheets[0], 'A1')).toBe('Item');
    expect(at(grid.sheets[0], 'B2')).toBe(1.5);
    expect(grid.sheets[0].rows.length).toBe(76);
  });

  test('the 1904 date system is reported', () => {
    expect(read('exceljs__1904.xlsx').date1904).toBe(true);
    expect(read('exceljs__gold.xlsx').date1904).toBe(false);
  });

  test('a chart sheet is skipped, the worksheet after it is read', () => {
    expect(read('exceljs__chart-sheet.xlsx').sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });

  test('_x000D_ escapes are decoded, _x005F_ keeps a literal escape', () => {
    expect(at(read('calamine__has_x000D_.xlsx').sheets[0], 'A1')).toBe('ABC\r\nDEF');
    expect(at(read('exceljs__shared_string_with_escape.xlsx').sheets[0], 'A1')).toBe('_x000D_');
  });

  test('hidden and very hidden sheets are marked hidden', () => {
    expect(read('calamine__any_sheets.xlsx').sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Visible', false],
      ['Hidden', true],
      ['VeryHidden', true],
    ]);
  });

  test('progress is reported once per worksheet, the chart sheet left out', () => {
    const calls: [string, number, number][] = [];
    readXlsx(bytes('calamine__any_sheets.xlsx'), 'any.xlsx', { onProgress: (stage, done, total) => calls.push([stage, done, total]) });
    expect(calls.filter((c) => c[0] === 'read')).toEqual([
      ['read', 0, 3],
      ['read', 1, 3],
      ['read', 2, 3],
      ['read', 3, 3],
    ]);
  });

  test('tables with the insertRow attribute keep their header flag and range', () => {
    const s = read('calamine__table_with_insertrow_attribute.xlsx').sheets[0];
    expect(s.tables.map((t) => t.name)).toEqual(['Table1', 'Table2', 'Table3', 'Table4']);
    expect(s.tables.every((t) => t.hasHeader)).toBe(true);
  });

  test.each(files)('%s gives a report or a clear message', (file) => {
    expectReportOrClearMessage(bytes(file), file);
  });
});

describe('writing', () => {
  test('a Strict Open XML workbook is refused with a clear message', () => {
    expectStrictRefused(bytes(STRICT));
  });

  test.each(files.filter((f) => f !== STRICT))(
    "%s: Ragbook's sheets are added and every part of the user's is kept byte for byte",
    async (file) => {
      const input = bytes(file);
      await expectWriterKeepsWorkbook(input, file, { exceljs: !excelJsCannotLoad(input) });
    },
  );

  test("the pictures' compressed bytes are copied, not deflated again", () => {
    const input = bytes('exceljs__images.xlsx');
    expectMediaStreamsKept(input, applyPlanToXlsx(input, firstPlan()).bytes);
  });
});
