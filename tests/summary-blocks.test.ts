import { recalculate } from '../src/core/engine';
import type { CellValue, WorkbookGrid } from '../src/core/grid';
import { type SummaryLabel, createSummaryLabeller } from '../src/core/vocabulary/summary-labels';

// Hand-typed summary blocks under a table (`Completed | In progress | Static |
// Total`): their labels are the status words, read as the status cells are, so a
// block in the tracker's own words is found and checked against the rows.

const summaryLabel = createSummaryLabeller({});
const NOW = new Date('2025-09-30T12:00:00Z');

function run(rows: CellValue[][], settings?: unknown) {
  const wb: WorkbookGrid = { name: 'test.xlsx', sheets: [{ name: 'WS', rows, merges: [], tables: [] }], date1904: false };
  return recalculate(wb, { asOf: '2025-09-30', now: NOW, settings }).result;
}

describe('the labels of a hand-typed summary block', () => {
  test.each<[string, SummaryLabel]>([
    ['Completed', 'completed'],
    ['Complete', 'completed'],
    ['In progress', 'inProgress'],
    ['In Progress', 'inProgress'],
    ['in-progress', 'inProgress'],
    ['Static', 'static'],
    ['Not started', 'notStarted'],
    ['Total', 'total'],
    ['TOTAL:', 'total'],
    ['No. of actions', 'total'],
    ['Number of actions', 'total'],
    ['Number', 'number'],
    [' Number ', 'number'],
    ['Percentage', 'percentage'],
    ['%', 'percentage'],
    ['Percentage:', 'percentage'],
  ])('%p is the %s label', (text, label) => {
    expect(summaryLabel(text)).toBe(label);
  });

  test('other cells are not summary labels', () => {
    for (const v of [
      null,
      4,
      0.57,
      '',
      'Status',
      'Work stream 3: Safeguarding adults practice',
      'NB: figures to be confirmed',
      'Appendix B',
    ]) {
      expect(summaryLabel(v)).toBeNull();
    }
  });
});

describe('a block in the tracker\u2019s own words', () => {
  const PARKED = { statusSynonyms: { Parked: 'Static' } };
  const tracker = (counts: CellValue[]): CellValue[][] => [
    ['No', 'Action', 'Status'],
    [1, 'Agree the plan', 'Completed'],
    [2, 'Train the team', 'To do'],
    [3, 'Review the policy', 'Parked'],
    [],
    ['Completed', 'To do', 'Parked', 'Total'],
    counts,
  ];

  test('with a settings synonym (Parked is Static) and a built-in one (To do) is recognised, not counted as actions', () => {
    const r = run(tracker([1, 1, 1, 3]), PARKED);
    expect(r.workstreams).toHaveLength(1);
    const w = r.workstreams[0];
    expect(w.figures.counts).toMatchObject({ total: 3, completed: 1, notStarted: 1, static: 1 });
    expect(w.stated).toEqual({ range: 'A6:D7', covers: ['WS'], matches: true, differences: [] });
    expect(r.findings.filter((f) => f.code === 'summary.stale')).toEqual([]);
  });

  test('is reconciled: a stale figure under Parked or To do is reported', () => {
    const r = run(tracker([1, 2, 0, 3]), PARKED);
    const w = r.workstreams[0];
    expect(w.figures.counts.total).toBe(3);
    expect(w.stated!.matches).toBe(false);
    expect(w.stated!.differences.map((d) => [d.field, d.label, d.stated, d.actual, d.cell])).toEqual([
      ['notStarted', 'To do', 2, 1, 'B7'],
      ['static', 'Parked', 0, 1, 'C7'],
    ]);
    expect(r.findings.filter((f) => f.code === 'summary.stale').map((f) => f.cell)).toEqual(['B7', 'C7']);
  });

  test('started, to do and todo label a block as they read a status cell', () => {
    expect(summaryLabel('Started')).toBe('inProgress');
    expect(summaryLabel('To do')).toBe('notStarted');
    expect(summaryLabel('To-do')).toBe('notStarted');
    expect(summaryLabel('Todo')).toBe('notStarted');
  });

  test('a word means what the settings say only in the workbook whose settings say it', () => {
    expect(createSummaryLabeller({ Parked: 'Static' })('Parked')).toBe('static');
    expect(createSummaryLabeller({ parked: 'Static' })('PARKED:')).toBe('static');
    expect(summaryLabel('Parked')).toBeNull();
  });

  test('no synonym turns Total or Number into a status', () => {
    const label = createSummaryLabeller({ Total: 'Completed', Number: 'Static' });
    expect(label('Total')).toBe('total');
    expect(label('Number')).toBe('number');
  });
});

describe('percentages typed in a block', () => {
  test('are read as the sheet shows them: 28.5% is 29%, so a block agreeing with 2 of 7 is not stale', () => {
    const rows: CellValue[][] = [['No', 'Action', 'Status']];
    for (let i = 1; i <= 7; i++) rows.push([i, `Action ${i}`, i <= 2 ? 'Completed' : 'In progress']);
    rows.push([], ['Completed', 'In progress', 'Total'], [2, 5, 7], [0.285, 0.714, null]);
    const w = run(rows).workstreams[0];
    expect(w.stated).toMatchObject({ matches: true, differences: [] });
  });
});
