import ExcelJS from 'exceljs';

// A tracker the pane has never seen, made at test time: one work stream per sheet
// (DESIGN.md shape 4), headers worded differently from the fixtures, statuses typed
// the way people type them, real dates and text dates, and a hand-typed totals
// block under each table, one of them stale. Its own totals, as a person would
// count them, are returned beside the file, so a test can compare the pane's
// figures with what the tracker itself says.

export interface UnseenStream {
  sheet: string;
  /** Counted from the rows, as an officer would. */
  actual: { completed: number; inProgress: number; static: number; total: number };
  /** What the hand-typed totals under the table say. */
  typed: { completed: number; inProgress: number; static: number; total: number };
}

const STREAMS: { sheet: string; rows: [string, string, string, string | Date][]; typed: UnseenStream['typed'] }[] = [
  {
    sheet: 'Housing options',
    rows: [
      ['Publish the allocations policy', 'Approved by cabinet', 'Complete', new Date(Date.UTC(2025, 2, 31))],
      ['Review temporary accommodation', 'Two of five reviews held', 'In progress', 'March 2026'],
      ['Recruit two caseworkers', 'One post filled', 'ongoing', new Date(Date.UTC(2025, 11, 31))],
      ['Clear the backlog of appeals', 'No capacity this quarter', 'Stalled', 'Q3 2025/26'],
      ['Train front-line staff', 'All sessions delivered', 'Done', new Date(Date.UTC(2025, 5, 30))],
    ],
    // Typed before the caseworker post was advertised: says 2 in progress, 0 static.
    typed: { completed: 2, inProgress: 3, static: 0, total: 5 },
  },
  {
    sheet: 'Adult care',
    rows: [
      ['Reduce waiting list', 'Down from 300 to 180', 'In progress', 'End March 2026'],
      ['Carers strategy', 'Signed off', 'Completed', new Date(Date.UTC(2025, 3, 30))],
      ['Direct payments audit', 'Audit report accepted', 'Completed', '30/06/2025'],
      ['Commission day services', 'Waiting for the budget', 'Static', 'TBC'],
    ],
    typed: { completed: 2, inProgress: 1, static: 1, total: 4 },
  },
];

const WORD: Record<string, 'completed' | 'inProgress' | 'static'> = {
  complete: 'completed',
  completed: 'completed',
  done: 'completed',
  'in progress': 'inProgress',
  ongoing: 'inProgress',
  static: 'static',
  stalled: 'static',
};

export async function makeUnseenTracker(): Promise<{ bytes: Buffer; streams: UnseenStream[] }> {
  const wb = new ExcelJS.Workbook();
  const streams: UnseenStream[] = [];
  for (const s of STREAMS) {
    const ws = wb.addWorksheet(s.sheet);
    ws.addRow([`Borough improvement plan: ${s.sheet}`]);
    ws.addRow([]);
    ws.addRow(['Ref', 'Objective', 'Update', 'RAG status', 'Deadline', 'Responsible officer']);
    const actual = { completed: 0, inProgress: 0, static: 0, total: 0 };
    s.rows.forEach(([action, update, status, due], i) => {
      const row = ws.addRow([`${i + 1}`, action, update, status, due, 'A. Officer']);
      if (due instanceof Date) row.getCell(5).numFmt = 'dd/mm/yyyy';
      actual[WORD[status.toLowerCase()]]++;
      actual.total++;
    });
    ws.addRow([]);
    ws.addRow(['', 'Completed', 'In progress', 'Static', 'Total']);
    ws.addRow(['Number', s.typed.completed, s.typed.inProgress, s.typed.static, s.typed.total]);
    ws.getColumn(2).width = 36;
    ws.getColumn(3).width = 30;
    streams.push({ sheet: s.sheet, actual, typed: s.typed });
  }
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { bytes, streams };
}
