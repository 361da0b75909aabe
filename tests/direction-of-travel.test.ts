import type { ActionSnapshot } from '../src/core/change-schema';
import { changeKinds, directionOf, matchActions } from '../src/core/compare';
import { recalculate } from '../src/core/engine';
import type { CellValue, SheetGrid, WorkbookGrid } from '../src/core/grid';
import { ACTIONS_COLUMNS, SUMMARY_COLUMNS } from '../src/core/plan/columns';
import type { Plan, PlanSheet } from '../src/core/plan-schema';
import { toReport } from '../src/core/to-report';
import { afterPlan, valuesOf } from './support/plan-grid';

// Direction of travel: a recalculation compared with the RAG Actions sheet the last
// one left, action by action, and each work stream's RAG and % completed then and now.

const HEADER = ['No', 'Action', 'Delivery lead', 'Status', 'Target date'];

function sheet(name: string, rows: CellValue[][], extra: Partial<SheetGrid> = {}): SheetGrid {
  return { name, rows, merges: [], tables: [], ...extra };
}

function tracker(rows: CellValue[][], title = 'Work stream 1: Front door'): SheetGrid {
  return sheet('Tracker', [[title], HEADER, ...rows]);
}

const book = (...sheets: SheetGrid[]): WorkbookGrid => ({ name: 'tracker.xlsx', sheets, date1904: false });

const AUGUST = { asOf: '2025-08-31', now: new Date('2025-08-31T09:00:00Z') };
const SEPTEMBER = { asOf: '2025-09-30', now: new Date('2025-09-30T09:00:00Z') };

const ROWS: CellValue[][] = [
  [1, 'Triage every contact on the day', 'Ann Lee', 'In progress', '31/12/2025'],
  [2, 'Publish a directory of support', 'Bob Ray', 'In progress', '15/09/2025'],
  [3, 'Introduce a call-back promise', 'Ann Lee', 'Completed', '31/12/2025'],
  [4, 'Set up a carers advice line', 'Cy Dee', 'In progress', '30/11/2025'],
  [5, 'Train the contact centre', 'Cy Dee', 'Not started', '31/12/2025'],
];

/** Last month's recalculation, as it left the workbook, then this month's on the edited tracker. */
function twoRecalculations(edit: (rows: CellValue[][]) => CellValue[][], title?: string) {
  const first = recalculate(book(tracker(ROWS)), AUGUST);
  const written = afterPlan(book(tracker(ROWS)), first.plan);
  const edited = { ...written, sheets: written.sheets.map((s) => (s.owned ? s : tracker(edit(ROWS.map((r) => [...r])), title))) };
  return recalculate(edited, SEPTEMBER);
}

const role = (plan: Plan, r: PlanSheet['role']) => plan.sheets.find((s) => s.role === r)!;

describe('a recalculation compared with the last', () => {
  const second = twoRecalculations((rows) => {
    rows[0][3] = 'Completed'; // 1 completed since
    rows[2][3] = 'In progress'; // 3 went backwards
    rows[3][4] = '31/01/2026'; // 4 target moved
    rows.splice(4, 1); // 5 removed
    rows.push([6, 'Publish the carers strategy', 'Dee Ash', 'Not started', '31/03/2026']); // 6 added
    return rows;
  });
  const { result, plan } = second;

  test('names what changed for each action, since the date of the last', () => {
    const change = result.change!;
    expect(change.since).toBe('2025-08-31');
    expect(change.counts).toEqual({ completed: 1, newlyOverdue: 1, wentBackwards: 1, targetMoved: 1, added: 1, removed: 1 });
    const kinds = change.actions[0].map((a) => a.kinds);
    // Action 2 was due on 15 September: not overdue at the end of August, 15 days overdue now.
    expect(kinds).toEqual([['completed'], ['newly-overdue'], ['went-backwards'], ['target-moved'], ['added']]);
    expect(change.removed.map((r) => r.id)).toEqual(['5']);
  });

  test('finds the changed status on RAG Actions and the work stream’s direction on RAG Summary', () => {
    const actions = valuesOf(role(plan, 'actions').rows);
    const col = ACTIONS_COLUMNS.indexOf('Change since last');
    const rowOf = (text: string) => actions.find((r) => r[4] === text)!;
    expect(rowOf('Triage every contact on the day')[col]).toBe('Completed (was In progress)');
    expect(rowOf('Introduce a call-back promise')[col]).toBe('Went backwards: Completed → In progress');
    expect(rowOf('Set up a carers advice line')[col]).toBe('Target moved: 30 November 2025 → 31 January 2026');
    expect(rowOf('Publish a directory of support')[col]).toBe('Newly overdue (15 days)');
    expect(rowOf('Publish the carers strategy')[col]).toBe('Added');

    const summary = valuesOf(role(plan, 'summary').rows);
    const ws = summary.find((r) => r[0] === 'Work stream 1: Front door')!;
    // August: Green, 1 of 5 completed; September: action 2 overdue by 15 days, and still 1 of 5.
    expect(ws[SUMMARY_COLUMNS.indexOf('Change since last')]).toBe('Worse: Green → Amber, 20%');
    expect(summary.find((r) => r[0] === 'Since last')![1]).toBe(
      'Since 31 August 2025: 1 completed, 1 newly overdue, 1 went backwards, 1 target moved, 1 added, 1 removed.',
    );
    const words = summary.flat().join('\n');
    expect(words).toContain('Work stream 1: Front door (Tracker), action 5: Train the contact centre');
  });

  test('the report carries each work stream’s change: RAG and % completed then, and the word', () => {
    const report = toReport(result);
    const first = recalculate(book(tracker(ROWS)), AUGUST).result;
    expect(report.workstreams[0].change).toEqual({
      since: '2025-08-31',
      rag: first.workstreams[0].figures.rag,
      completed: first.workstreams[0].figures.percent.completed,
      direction: 'Worse',
    });
    expect(report.change!.counts.removed).toBe(1);
    expect(report.workstreams[0].actions[0].change).toEqual(expect.objectContaining({ kinds: ['completed'] }));
  });
});

describe('a last recalculation saved by a program that drops the values of links (openpyxl)', () => {
  test('still gives the overall figures then, and each work stream’s from its actions', () => {
    const first = recalculate(book(tracker(ROWS)), AUGUST);
    const written = afterPlan(book(tracker(ROWS)), first.plan);
    const summary = written.sheets.find((s) => s.owned === 'summary')!;
    // Every link's value is gone: the work streams' names on RAG Summary are empty.
    const stripped = {
      ...summary,
      rows: summary.rows.map((r) => r.map((v, c) => (c === 0 && v !== 'Overall' && r[1] === 'Tracker' ? null : v))),
    };
    const again = recalculate({ ...written, sheets: written.sheets.map((s) => (s === summary ? stripped : s)) }, SEPTEMBER).result.change!;
    expect(again.overall).toMatchObject({ rag: first.result.overall.rag, completed: first.result.overall.percent.completed });
    expect(again.workstreams[0]).toMatchObject({ rag: null, completed: 0.2, direction: 'Same' });
  });
});

describe('the first recalculation', () => {
  test('has nothing to compare with: change is null and the sheets say so', () => {
    const { result, plan } = recalculate(book(tracker(ROWS)), AUGUST);
    expect(result.change).toBeNull();
    expect(toReport(result).workstreams[0].change).toBeNull();
    const actions = valuesOf(role(plan, 'actions').rows);
    expect(actions.at(-1)![ACTIONS_COLUMNS.indexOf('Change since last')]).toBe('first recalculation');
  });
});

describe('matching actions', () => {
  const snap = (over: Partial<ActionSnapshot>): ActionSnapshot => ({
    sheet: 'S',
    workstream: 'W',
    cell: null,
    id: null,
    action: 'a',
    status: 'In progress',
    rating: null,
    target: null,
    due: null,
    overdueDays: null,
    ...over,
  });

  test('by sheet, work stream and number; then by text where a number is missing or used twice', () => {
    const then = [snap({ id: '1', action: 'x' }), snap({ id: '2', action: 'y' }), snap({ id: '2', action: 'z' }), snap({ action: 'w' })];
    const now = [
      snap({ id: '2', action: 'z' }),
      snap({ id: '1', action: 'x edited' }),
      snap({ action: 'w' }),
      snap({ id: '2', action: 'y' }),
    ];
    expect(matchActions(then, now)).toEqual([2, 0, 3, 1]);
  });

  test('a work stream whose title was edited keeps its actions, matched by number on the same sheet', () => {
    const second = twoRecalculations((rows) => rows, 'Work stream 1: Front door and advice');
    expect(second.result.change!.counts).toMatchObject({ added: 0, removed: 0 });
  });

  test('moving from Static to Not started is no step back; from In progress to Static is', () => {
    expect(changeKinds(snap({ status: 'Static' }), snap({ status: 'Not started' }))).toEqual([]);
    expect(changeKinds(snap({ status: 'In progress' }), snap({ status: 'Static' }))).toEqual(['went-backwards']);
    expect(changeKinds(snap({ rating: 'Green', status: null }), snap({ rating: 'Amber', status: null }))).toEqual(['went-backwards']);
    expect(changeKinds(snap({ rating: 'Green', status: null }), snap({ rating: 'Blue', status: null }))).toEqual(['completed']);
  });

  test('a work stream is Better for a better RAG, else a higher whole % completed, and New when first seen', () => {
    expect(directionOf({ rag: 'Amber', completed: 0.5 }, { rag: 'Green', completed: 0.4 })).toBe('Better');
    expect(directionOf({ rag: 'Green', completed: 0.5 }, { rag: 'Green', completed: 0.4 })).toBe('Worse');
    expect(directionOf({ rag: 'Green', completed: 0.501 }, { rag: 'Green', completed: 0.504 })).toBe('Same');
    expect(directionOf(null, { rag: 'Green', completed: 0.5 })).toBe('New');
  });
});
