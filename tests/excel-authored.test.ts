import * as fs from 'node:fs';
import * as path from 'node:path';
import { recalculate } from '../src/core/engine';
import { ReportSchema } from '../src/core/report';
import { toReport } from '../src/core/to-report';
import { readXlsx, WorkbookFileError } from '../src/workbook/xlsx/read';

// Thirty workbooks saved by real Excel (Windows, Mac, Online; Strict OOXML, 1904
// dates, chart sheets, images, tables). None is a tracker: each must still give a
// report or a clear message, never a crash.

const DIR = path.join(__dirname, 'fixtures', 'excel-authored');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.xlsx'));

test('all thirty Excel-saved workbooks are present', () => {
  expect(files).toHaveLength(30);
});

test.each(files)('%s gives a report or a clear message', (file) => {
  const bytes = new Uint8Array(fs.readFileSync(path.join(DIR, file)));
  let grid;
  try {
    grid = readXlsx(bytes, file).grid;
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookFileError);
    expect((e as Error).message).toContain(file);
    return;
  }
  const { result, plan } = recalculate(grid, { asOf: '2025-09-30', now: new Date('2025-09-30T12:00:00Z') });
  const report = ReportSchema.parse(toReport(result));
  for (const w of report.workstreams) {
    const c = w.counts;
    expect(c.completed + c.inProgress + c.static + c.notStarted + c.unrecognised + c.noStatus).toBeLessThanOrEqual(c.total);
  }
  for (const f of report.issues) {
    if (f.sheet !== '(settings)') expect(grid.sheets.map((s) => s.name).concat(plan.sheets.map((s) => s.name))).toContain(f.sheet);
  }
  expect(plan.sheets.map((s) => s.role)).toEqual(['summary', 'issues', 'history']);
});

test('the 1904 date system is read from the workbook', () => {
  const { grid } = readXlsx(new Uint8Array(fs.readFileSync(path.join(DIR, 'exceljs__1904.xlsx'))), 'exceljs__1904.xlsx');
  expect(grid.date1904).toBe(true);
});
