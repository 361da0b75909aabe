import { recalculate } from '../../src/core/engine';
import { ReportSchema } from '../../src/core/report';
import { toReport } from '../../src/core/to-report';
import { readXlsx, WorkbookFileError } from '../../src/workbook/xlsx/read';

// What any workbook, tracker or not, must give: a report whose counts add up and
// whose findings name real sheets, or a WorkbookFileError that names the file.

export const AS_OF = '2025-09-30';
export const NOW = new Date('2025-09-30T12:00:00Z');

export function expectReportOrClearMessage(bytes: Uint8Array, file: string): void {
  let grid;
  try {
    grid = readXlsx(bytes, file).grid;
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookFileError);
    expect((e as Error).message).toContain(file);
    return;
  }
  const { result, plan } = recalculate(grid, { asOf: AS_OF, now: NOW });
  const report = ReportSchema.parse(toReport(result));
  for (const w of report.workstreams) {
    const c = w.counts;
    expect(c.completed + c.inProgress + c.static + c.notStarted + c.unrecognised + c.noStatus).toBeLessThanOrEqual(c.total);
  }
  for (const f of report.issues) {
    if (f.sheet !== '(settings)') expect(grid.sheets.map((s) => s.name).concat(plan.sheets.map((s) => s.name))).toContain(f.sheet);
  }
  expect(plan.sheets.map((s) => s.role)).toEqual(['summary', 'actions', 'issues', 'history']);
}
