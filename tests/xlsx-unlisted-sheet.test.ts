import * as fs from 'node:fs';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { recalculate } from '../src/core/engine';
import { readXlsx } from '../src/workbook/xlsx/read';
import { applyPlanToXlsx } from '../src/workbook/xlsx/write';

// A workbook listing a sheet with no relationship (r:id="", as POI's 60825.xlsx and
// ClosedXML's SheetsWithoutRelId.xlsx do): Excel repairs the entry away and openpyxl
// skips it, so every sheet index after it means another sheet there. Ragbook writes
// no print-titles name scoped by such an index (openpyxl could not open the file,
// Excel would repeat the wrong sheet's rows); the sheets written are still marked.

const FILE = path.join(__dirname, 'bad-inputs', 'sheet-without-relationship.xlsx');

test('no sheet-scoped name after a sheet listed without a relationship; the marks still written', () => {
  const bytes = new Uint8Array(fs.readFileSync(FILE));
  const { grid } = readXlsx(bytes, 'x.xlsx');
  const out = applyPlanToXlsx(bytes, recalculate(grid, { asOf: '2025-09-30', now: new Date('2025-09-30T12:00:00Z') }).plan).bytes;
  const wb = strFromU8(unzipSync(out)['xl/workbook.xml']);
  const sheets = [...wb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => m[0]);
  const unlisted = sheets.findIndex((s) => /r:id=""/.test(s));
  expect(unlisted).toBeGreaterThanOrEqual(0);
  const scoped = [...wb.matchAll(/localSheetId="(\d+)"/g)].map((m) => Number(m[1]));
  expect(scoped.filter((i) => i > unlisted)).toEqual([]);
  expect(wb).toContain('name="Ragbook_Summary"');
  expect(
    readXlsx(out, 'x.xlsx')
      .grid.sheets.filter((s) => s.owned)
      .map((s) => s.owned),
  ).toEqual(['summary', 'actions', 'issues', 'history', 'settings']);
});
