import { recalculate } from '../src/core/engine';
import type { CellValue, SheetGrid, WorkbookGrid } from '../src/core/grid';
import { parseArea } from '../src/core/grid';
import { buildPlan, placeSheets } from '../src/core/plan';
import { ACTIONS_COLUMNS, HISTORY_COLUMNS, ISSUES_COLUMNS, SUMMARY_COLUMNS } from '../src/core/plan/columns';
import { type Plan, type PlanSheet, PlanSchema } from '../src/core/plan-schema';
import { describeRagRules } from '../src/core/rag';
import { afterPlan, allRows, valuesOf } from './support/plan-grid';

// The sheets a recalculation writes, read as a manager and a recipient would: the
// headline in the first rows, one Excel Table per sheet with no blank cell, words
// where nothing was counted, printing set up, the history appended.

const NOW = new Date('2025-09-30T12:00:00Z');

function sheet(name: string, rows: CellValue[][], extra: Partial<SheetGrid> = {}): SheetGrid {
  return { name, rows, merges: [], tables: [], ...extra };
}

const HEADER = ['No', 'Action', 'Delivery lead', 'Status', 'Target date'];

function tracker(): SheetGrid {
  return sheet('Tracker', [
    ['Work stream 1: Front door'],
    HEADER,
    [1, 'Triage every contact on the day', 'Ann Lee', 'Completed', '31/03/2025'],
    [2, 'Publish a directory of support', 'Bob Ray', 'In progress', '30/06/2025'],
    [3, 'Introduce a call-back promise', 'Ann Lee', 'Not started', '31/12/2025'],
    [],
    ['Work stream 2: Triage'],
    HEADER,
    [1, 'Clear the backlog of assessments', 'Cy Dee', 'In progress', '31/10/2025'],
    [2, 'Review every care package', 'Cy Dee', 'Completed', '31/08/2025'],
  ]);
}

function register(): SheetGrid {
  return sheet('Register', [
    ['Section', 'No', 'Requirement', 'Status', 'Timescale'],
    ['Leadership', 1, 'Board oversight of the plan', 'Green', '31/12/2025'],
    ['Leadership', 2, 'Monthly performance reports', 'Amber', '31/12/2025'],
    ['Workforce', 3, 'Recruit social workers', 'Red', '31/12/2025'],
  ]);
}

function book(...sheets: SheetGrid[]): WorkbookGrid {
  return { name: 'tracker.xlsx', sheets, date1904: false };
}

function run(wb: WorkbookGrid, settings?: unknown, asOf = '2025-09-30', now = NOW) {
  return recalculate(wb, { asOf, now, settings });
}

function byRole(plan: Plan, role: PlanSheet['role']): PlanSheet {
  return plan.sheets.find((s) => s.role === role)!;
}

/** The cells of a sheet's one table: header row first. */
function tableOf(ps: PlanSheet): CellValue[][] {
  const t = ps.tables![0];
  const a = parseArea(t.ref)!;
  const rows = valuesOf(allRows(ps));
  return rows.slice(a.r1, a.r2 + 1).map((r) => {
    const out: CellValue[] = [];
    for (let c = a.c1; c <= a.c2; c++) out.push(r[c] ?? null);
    return out;
  });
}

function column(table: CellValue[][], name: string): CellValue[] {
  const c = table[0].indexOf(name);
  expect(c).toBeGreaterThanOrEqual(0);
  return table.slice(1).map((r) => r[c]);
}

describe('RAG Summary', () => {
  const { plan, result } = run(book(tracker(), register()));
  const summary = byRole(plan, 'summary');
  const rows = valuesOf(summary.rows);

  test('is written first, and is the sheet shown after the recalculation', () => {
    expect(plan.sheets.map((s) => s.role)).toEqual(['summary', 'actions', 'issues', 'history']);
    expect(plan.activate).toBe(summary.name);
    expect(() => PlanSchema.parse(plan)).not.toThrow();
  });

  test('leads with the headline a manager can quote, the title in A1', () => {
    expect(rows[0][0]).toBe('RAG summary: tracker.xlsx');
    expect(summary.rows[0][0].style).toBe('title');
    const line = (label: string) => rows.find((r) => r[0] === label)?.[1];
    expect(line('Overall RAG')).toBe(result.overall.rag);
    // Front door has an action 92 days overdue; Triage none; the register's worst rating is Red.
    expect(line('Work streams')).toBe('4 work streams: 2 Red · 1 Amber · 1 Green · 0 Blue');
    // The share is of the 5 actions whose progress is recorded; the register's 3 record ratings only.
    expect(line('Actions')).toBe(
      '8 actions: 2 completed (40% of the 5 whose progress is recorded), 2 in progress, 0 static, 1 not started; 3 in tables of RAG ratings or dates only',
    );
    expect(line('Overdue')).toBe('1 action overdue, the longest by 92 days');
    expect(line('Hand-typed summaries')).toBe('None found under the tables');
    expect(line('Since last')).toBe('First recalculation: nothing to compare with yet.');
    const asOf = rows.find((r) => r[0] === 'As of')!;
    expect(typeof asOf[1]).toBe('number');
    expect(rows.findIndex((r) => r[0] === 'Recalculated')).toBe(9);
    expect(plan.pending).toMatchObject({ cell: 'B10' });
  });

  test('then one Excel Table: a row per work stream and the overall row, with no blank cell', () => {
    const table = tableOf(summary);
    expect(table[0]).toEqual([...SUMMARY_COLUMNS]);
    expect(column(table, 'Work stream')).toEqual([...result.workstreams.map((w) => w.title), 'Overall']);
    for (const row of table) for (const v of row) expect(v === null || v === '').toBe(false);
    expect(summary.merges).toEqual([]);
  });

  test('a table of ratings says its progress was not recorded, never 0%', () => {
    const table = tableOf(summary);
    const leadership = table.find((r) => r[0] === 'Leadership')!;
    const at = (name: string) => leadership[SUMMARY_COLUMNS.indexOf(name as (typeof SUMMARY_COLUMNS)[number])];
    expect(at('% Completed')).toBe('not recorded');
    expect(at('Completed')).toBe('n/a');
    expect(at('RAG')).toBe('Amber');
    expect(at('Why')).toBe('The worst rating given is Amber. Ratings given: 1 Amber, 1 Green.');
  });

  test('a work stream with nothing left to judge says Not rated, on grey, and words for its shares, here and in the history', () => {
    const closed = sheet('Closed', [
      ['No', 'Action', 'Status'],
      [1, 'Hold a summit on triage', 'Withdrawn'],
      [2, 'Set up a steering group', 'Withdrawn'],
    ]);
    const { plan: p } = run(book(closed));
    expect(() => PlanSchema.parse(p)).not.toThrow();
    const row = byRole(p, 'summary').rows.find((r) => r[0]?.value === 'Closed')!;
    const at = (name: (typeof SUMMARY_COLUMNS)[number]) => row[SUMMARY_COLUMNS.indexOf(name)];
    expect(at('RAG')).toEqual({ value: 'Not rated', style: 'rag-none' });
    expect(at('% Completed').value).toBe('none counted');
    expect(at('% In progress').value).toBe('none counted');
    const history = tableOf(byRole(p, 'history'));
    expect(column(history, 'RAG')).toEqual(['Not rated', 'Not rated']);
    expect(column(history, '% completed')).toEqual(['none counted', 'none counted']);
  });

  test('the RAG cell holds the word on its colour; names link to the first cell of their table', () => {
    const r = SUMMARY_COLUMNS.indexOf('RAG');
    const first = summary.rows.findIndex((row) => row[0]?.value === 'Work stream 1: Front door');
    expect(summary.rows[first][r]).toMatchObject({ value: 'Red', style: 'rag-Red' });
    expect(summary.rows[first][0].formula).toBe(`HYPERLINK("#'Tracker'!A1","Work stream 1: Front door")`);
  });

  test('prints landscape, one page wide, the header row repeated, the as-of date in the footer', () => {
    const headerRow = parseArea(summary.tables![0].ref)!.r1;
    expect(summary.print).toEqual({
      orientation: 'landscape',
      paper: 'A4',
      fitToWidth: 1,
      repeatRows: `$${headerRow + 1}:$${headerRow + 1}`,
      footer: { left: 'RAG summary', center: 'As of 30 September 2025', right: 'Page &P of &N' },
    });
  });

  test('a data bar shows % completed', () => {
    const pct = SUMMARY_COLUMNS.indexOf('% Completed');
    const bar = summary.conditionalFormats.find((c) => c.type === 'dataBar')!;
    expect(parseArea(bar.range)).toMatchObject({ c1: pct, c2: pct });
  });

  test('the legend states the rules in force, for the kinds of table the workbook has', () => {
    const text = rows.map((r) => r.filter((v) => typeof v === 'string').join(' ')).join('\n');
    expect(text).toContain('Tables with a progress status');
    expect(text).toContain('Tables with RAG ratings only');
    expect(text).not.toContain('Tables with no status column');
    const stricter = run(book(tracker()), { rag: { redOverdueDays: 10, redStaticShare: 0.5 } }).plan;
    const stricterRows = byRole(stricter, 'summary').rows;
    const words = valuesOf(stricterRows).flat().join('\n');
    expect(words).toContain('An action is overdue by more than 10 days.');
    expect(words).toContain('50% or more of the actions are Static.');
    expect(words).not.toContain('Tables with RAG ratings only');
    // Generated from the rules themselves: each progress rule a row, in the order they apply, its RAG on its colour.
    const said = describeRagRules({ redOverdueDays: 10, redStaticShare: 0.5, ratingsRule: 'worst' }, 14);
    const ruled = stricterRows.filter((r) => r.length === 2 && r[0].style?.startsWith('rag-') && r[1].style === 'note');
    expect(ruled.map((r) => [r[0].value, r[1].value])).toEqual(said.progress.map((l) => [l.rag, l.text]));
    expect(ruled.find((r) => r[0].value === 'Not rated')![0].style).toBe('rag-none');
    expect(words).toContain(said.implied);
    expect(words).toContain(said.overall);
    for (const note of said.notes) expect(words).toContain(note);
  });
});

describe('RAG Actions', () => {
  const { plan, result } = run(book(tracker(), register()));
  const actions = byRole(plan, 'actions');
  const table = tableOf(actions);

  test('lists every action as read, in one Excel Table', () => {
    expect(table[0]).toEqual([...ACTIONS_COLUMNS]);
    expect(table.length - 1).toBe(result.workstreams.reduce((n, w) => n + w.actions.length, 0));
    for (const row of table) for (const v of row) expect(v === null || v === '').toBe(false);
  });

  test('says who owns each action, its status as counted, its target as typed and as read, and the days overdue', () => {
    const row = table.find((r) => r[4] === 'Publish a directory of support')!;
    expect(row.slice(0, 9)).toEqual([
      'Work stream 1: Front door',
      'Tracker',
      'D4',
      '2',
      'Publish a directory of support',
      'Bob Ray',
      'In progress',
      'none',
      '30/06/2025',
    ]);
    expect(row[9]).toBe(45838); // 30 June 2025
    expect(row[10]).toBe(92);
    const rated = table.find((r) => r[4] === 'Recruit social workers')!;
    expect(rated.slice(6, 8)).toEqual(['not recorded', 'Red']);
    // Filtered to what is overdue, by owner: a number in every row, so a number filter keeps them all in play.
    expect(column(table, 'Days overdue').every((v) => typeof v === 'number')).toBe(true);
  });

  test('each row links to the cell where the status is typed', () => {
    const link = allRows(actions)
      .flat()
      .find((c) => c.value === 'D4')!;
    expect(link.formula).toBe(`HYPERLINK("#'Tracker'!D4","D4")`);
  });

  test('an overdue day count is highlighted, and the sheet prints like the summary', () => {
    expect(actions.conditionalFormats).toEqual([expect.objectContaining({ type: 'expression', style: 'sev-error' })]);
    expect(actions.print).toMatchObject({ orientation: 'landscape', fitToWidth: 1 });
  });
});

describe('RAG Issues', () => {
  test('lists identical findings once, and a date text read the same way once per table', () => {
    const rows: CellValue[][] = [['No', 'Action', 'Status', 'Target date']];
    for (let i = 1; i <= 6; i++) rows.push([i, `Action ${i}`, 'In progress', 'Quarter 4 2025/26']);
    rows.push([7, 'Action 7', 'Wibble', '']);
    const wb = book(sheet('Plan', rows));
    const { plan, result } = run(wb);
    const issues = tableOf(byRole(plan, 'issues'));
    expect(issues[0]).toEqual([...ISSUES_COLUMNS]);
    // The readers say how a text was read once per table, counting the other cells it covers.
    expect(result.findings.filter((f) => f.code === 'date.read')).toHaveLength(1);
    const shown = issues.filter((r) => String(r[4]).includes("'Quarter 4 2025/26' read as"));
    expect(shown).toHaveLength(1);
    expect(shown[0][2]).toBe('D2');
    expect(shown[0][4]).toContain('The same text in 5 other cells of this table is read the same way.');
    expect(issues[1][0]).toBe('Error');
    expect(issues).toHaveLength(3);
    // The same finding twice over, word for word, is one row on the sheet (and each copy stays in the report).
    const doubled = { ...result, findings: [...result.findings, ...result.findings] };
    const again = buildPlan(doubled, wb, placeSheets(wb, result.settings));
    expect(tableOf(byRole(again, 'issues'))).toEqual(issues);
  });

  test('with nothing to report, the table still has a row, of words', () => {
    const { plan } = run(
      book(
        // A target date column too: a table without one is reported (table.no-target).
        sheet('WS', [
          ['No', 'Action', 'Status', 'Target date'],
          [1, 'Publish the plan', 'Completed', '31/12/2025'],
        ]),
      ),
    );
    expect(tableOf(byRole(plan, 'issues'))[1]).toEqual(['none', 'none', 'none', 'none', 'No problems found.', 'none']);
  });
});

describe('RAG History', () => {
  test('is appended in the long layout: a row per work stream and an overall row, each with its RAG', () => {
    const { plan, result } = run(book(tracker(), register()));
    const history = byRole(plan, 'history');
    expect(history.mode).toBe('append');
    if (history.mode !== 'append') return;
    expect(valuesOf(history.head).at(-1)).toEqual([...HISTORY_COLUMNS]);
    const rows = valuesOf(history.rows);
    expect(rows.map((r) => r[2])).toEqual([...result.workstreams.map((w) => w.title), 'Overall']);
    expect(rows.map((r) => r[3])).toEqual([...result.workstreams.map((w) => w.figures.rag), result.overall.rag]);
    // A register records no progress: its share is words, never 0%.
    expect(rows.find((r) => r[2] === 'Leadership')![5]).toBe('not recorded');
    expect(rows[0][5]).toBeCloseTo(1 / 3);
  });

  test('a second recalculation adds its rows below the first', () => {
    const first = run(book(tracker()));
    const wb = afterPlan(book(tracker()), first.plan);
    const second = run(wb, undefined, '2025-10-31', new Date('2025-10-31T12:00:00Z'));
    const history = byRole(second.plan, 'history');
    expect(history).toMatchObject({ mode: 'append', existing: 'RAG History', name: 'RAG History' });
    const after = afterPlan(wb, second.plan).sheets.find((s) => s.owned === 'history')!;
    expect(after.rows.filter((r) => typeof r[0] === 'number')).toHaveLength(6);
  });

  test('an older history in the wide layout is kept under an archive name, and the long one starts', () => {
    const wide = sheet(
      'RAG History',
      [
        ['Recalculated', 'As of', 'Overall % completed', 'Overall RAG', 'Work stream 1: Front door'],
        [45900.5, 45900, 0.5, 'Amber', 0.25],
      ],
      { owned: 'history' },
    );
    const { plan } = run(book(tracker(), wide));
    expect(plan.retire).toEqual([{ name: 'RAG History', newName: 'RAG History (old layout)' }]);
    expect(byRole(plan, 'history')).toMatchObject({ name: 'RAG History', existing: null });
    const after = afterPlan(book(tracker(), wide), plan);
    expect(after.sheets.find((s) => s.name === 'RAG History (old layout)')!.rows).toEqual(wide.rows);
  });
});

describe('column widths and row heights', () => {
  const { plan } = run(book(tracker(), register()));

  test('every date and number has the width it needs, so none shows ###', () => {
    const need: Record<string, number> = { date: 19, dateShort: 13, datetime: 19, percent: 6, integer: 4 };
    for (const ps of plan.sheets) {
      allRows(ps).forEach((row) =>
        row.forEach((cell, c) => {
          if (typeof cell?.value === 'number' && cell.style && need[cell.style]) {
            expect({ sheet: ps.name, c, width: Math.max(ps.columnWidths[c], need[cell.style]) }).toEqual({
              sheet: ps.name,
              c,
              width: ps.columnWidths[c],
            });
          }
        }),
      );
    }
  });

  test('a long name wraps in a column of bounded width, in a row tall enough for its lines', () => {
    const long = 'Work stream 9: ' + 'Improve the quality and timeliness of assessments and reviews '.repeat(2).trim();
    const t = tracker();
    t.rows[0] = [long];
    const summary = byRole(run(book(t)).plan, 'summary');
    expect(summary.columnWidths[0]).toBeLessThanOrEqual(40);
    const r = summary.rows.findIndex((row) => row[0]?.value === long);
    expect(summary.rowHeights![r]).toBeGreaterThanOrEqual(45);
  });
});
