import { recalculate } from '../src/core/engine';
import type { CellValue, SheetGrid, WorkbookGrid } from '../src/core/grid';
import { readXlsx } from '../src/workbook/xlsx/read';
import { tablesWorkbook } from './support/excel-like';

// The rules of DESIGN.md on small hand-made trackers, one behaviour per test.

const NOW = new Date('2025-09-30T12:00:00Z');

function sheet(name: string, rows: CellValue[][], extra: Partial<SheetGrid> = {}): SheetGrid {
  return { name, rows, merges: [], tables: [], ...extra };
}

function book(...sheets: SheetGrid[]): WorkbookGrid {
  return { name: 'test.xlsx', sheets, date1904: false };
}

function run(wb: WorkbookGrid, asOf = '2025-09-30', settings?: unknown) {
  return recalculate(wb, { asOf, now: NOW, settings }).result;
}

const HEADER = ['No', 'Action', 'Progress', 'Status', 'Target date'];

describe('the RAG of a work stream', () => {
  const rows = (statuses: string[], target = '31/12/2025') => [
    HEADER,
    ...statuses.map((s, i) => [i + 1, `Action ${i + 1}`, 'note', s, target]),
  ];

  test('is Blue when every action is completed', () => {
    expect(run(book(sheet('WS', rows(['Completed', 'Done'])))).workstreams[0].figures.rag).toBe('Blue');
  });

  test('is Green when nothing is overdue, static or without status', () => {
    expect(run(book(sheet('WS', rows(['Completed', 'In progress', 'Not started'])))).workstreams[0].figures.rag).toBe('Green');
  });

  test('is Amber when an action is Static but under a quarter of them', () => {
    const r = run(book(sheet('WS', rows(['Static', 'In progress', 'In progress', 'In progress', 'Completed']))));
    expect(r.workstreams[0].figures.rag).toBe('Amber');
  });

  test('is Red when a quarter or more of the actions are Static', () => {
    expect(run(book(sheet('WS', rows(['Static', 'In progress', 'In progress', 'Completed'])))).workstreams[0].figures.rag).toBe('Red');
  });

  test('is Amber when an action is overdue by 28 days or less, Red beyond', () => {
    expect(run(book(sheet('WS', rows(['In progress'], '15/09/2025')))).workstreams[0].figures.rag).toBe('Amber');
    const red = run(book(sheet('WS', rows(['In progress'], '01/08/2025'))));
    expect(red.workstreams[0].figures.rag).toBe('Red');
    expect(red.workstreams[0].figures.overdue).toBe(1);
  });

  test('a completed action is never overdue', () => {
    expect(run(book(sheet('WS', rows(['Completed'], '01/01/2020')))).workstreams[0].figures.overdue).toBe(0);
  });

  test('an action due within 14 days is due soon', () => {
    expect(run(book(sheet('WS', rows(['In progress'], '10/10/2025')))).workstreams[0].figures.dueSoon).toBe(1);
  });

  test('thresholds come from settings', () => {
    const r = run(book(sheet('WS', rows(['Static', 'In progress', 'In progress', 'Completed']))), '2025-09-30', {
      rag: { redStaticShare: 0.5 },
    });
    expect(r.workstreams[0].figures.rag).toBe('Amber');
  });
});

describe('status columns', () => {
  test('a Status column full of Green/Amber/Red is a rating column, and its RAG is the worst rating', () => {
    const r = run(
      book(
        sheet('Review', [
          ['Ref', 'Requirement', 'Status'],
          [1, 'a', 'Green'],
          [2, 'b', 'Amber'],
          [3, 'c', 'G'],
        ]),
      ),
    );
    const w = r.workstreams[0];
    expect(w.kind).toBe('ratings');
    expect(w.figures.ratings).toMatchObject({ green: 2, amber: 1, unrated: 0 });
    expect(w.figures.rag).toBe('Amber');
    expect(r.findings.some((f) => f.code === 'status.missing')).toBe(false);
  });

  test('the most-common rule can be chosen in settings', () => {
    const wb = book(
      sheet('Review', [
        ['Ref', 'Requirement', 'RAG'],
        [1, 'a', 'Green'],
        [2, 'b', 'Green'],
        [3, 'c', 'Red'],
      ]),
    );
    expect(run(wb, '2025-09-30', { rag: { ratingsRule: 'most-common' } }).workstreams[0].figures.rag).toBe('Green');
  });

  test('with both a progress status and a rating, a rating kinder than the facts is reported', () => {
    const wb = book(
      sheet('Both', [
        ['No', 'Action', 'Status', 'RAG', 'Due date'],
        [1, 'a', 'Static', 'Green', '31/12/2025'],
        [2, 'b', 'Completed', 'Blue', '31/12/2025'],
      ]),
    );
    const r = run(wb);
    expect(r.workstreams[0].kind).toBe('both');
    const f = r.findings.filter((x) => x.code === 'rating.optimistic');
    expect(f.map((x) => x.cell)).toEqual(['D2']);
  });

  test('a table with no status column gets one finding, not one per row', () => {
    const r = run(
      book(
        sheet('Plan', [
          ['No', 'Action', 'Target date'],
          [1, 'a', '01/01/2025'],
          [2, 'b', '01/01/2026'],
        ]),
      ),
    );
    expect(r.findings.filter((f) => f.code === 'table.no-status')).toHaveLength(1);
    const c = r.workstreams[0].figures.counts;
    expect(c.noStatus).toBe(2);
    expect(c.total).toBe(2);
  });

  test('unrecognised and empty statuses stay in the total', () => {
    const r = run(book(sheet('WS', [HEADER, [1, 'a', '', 'Blah', ''], [2, 'b', '', '', ''], [3, 'c', '', 'In progess', '']])));
    const c = r.workstreams[0].figures.counts;
    expect(c).toMatchObject({ unrecognised: 1, noStatus: 1, inProgress: 1, total: 3 });
    expect(r.findings.find((f) => f.code === 'status.unrecognised')!.cell).toBe('D2');
    expect(r.findings.find((f) => f.code === 'status.missing')!.cell).toBe('D3');
  });

  test('synonyms from settings are accepted', () => {
    const r = run(book(sheet('WS', [HEADER, [1, 'a', '', 'Signed off', '']])), '2025-09-30', {
      statusSynonyms: { 'signed off': 'Completed' },
    });
    expect(r.workstreams[0].figures.counts.completed).toBe(1);
  });
});

describe('tracker shapes', () => {
  test('a lone table on a sheet is named after the sheet', () => {
    const r = run(book(sheet('Carers', [['Carers strategy 2025'], [], HEADER, [1, 'a', '', 'Completed', '']])));
    expect(r.workstreams.map((w) => w.title)).toEqual(['Carers']);
  });

  test('one work stream per sheet, in workbook order', () => {
    const r = run(book(sheet('Beta', [HEADER, [1, 'a', '', 'Completed', '']]), sheet('Alpha', [HEADER, [1, 'a', '', 'Static', '']])));
    expect(r.workstreams.map((w) => w.title)).toEqual(['Beta', 'Alpha']);
  });

  test('area headings inside one table start new work streams', () => {
    const r = run(
      book(
        sheet('Plan', [
          ['Ref', 'Action', 'Status'],
          ['Area 1: Leadership'],
          ['1.1', 'a', 'Completed'],
          ['Area 2: Practice'],
          ['2.1', 'b', 'Static'],
          ['2.2', 'c', 'In progress'],
        ]),
      ),
    );
    expect(r.workstreams.map((w) => [w.title, w.figures.counts.total])).toEqual([
      ['Area 1: Leadership', 1],
      ['Area 2: Practice', 2],
    ]);
  });

  test('a Section written once and left blank below still groups its rows', () => {
    const r = run(
      book(
        sheet('Reg', [
          ['Section', 'No', 'Requirement', 'RAG'],
          ['Leadership', 1, 'a', 'Green'],
          [null, 2, 'b', 'Red'],
          ['Practice', 3, 'c', 'Amber'],
        ]),
      ),
    );
    expect(r.workstreams.map((w) => [w.title, w.figures.counts.total])).toEqual([
      ['Leadership', 2],
      ['Practice', 1],
    ]);
  });

  test('a summary written down the page is reconciled too', () => {
    const r = run(
      book(
        sheet('WS', [
          ['Work stream 1: Access'],
          HEADER,
          [1, 'a', '', 'Completed', ''],
          [2, 'b', '', 'In progress', ''],
          [],
          ['Completed', 2, '100%'],
          ['In progress', 0, '0%'],
          ['Total', 2],
        ]),
      ),
    );
    const s = r.workstreams[0].stated!;
    expect(s.matches).toBe(false);
    expect(s.differences.map((d) => [d.field, d.stated, d.actual])).toEqual([
      ['completed', 2, 1],
      ['inProgress', 0, 1],
      ['percent.completed', 1, 0.5],
      ['percent.inProgress', 0, 0.5],
    ]);
  });

  test('an Action column holding 1.1, 2.3 is the action number when a Description column follows', () => {
    const r = run(
      book(
        sheet('Plan', [
          ['Action', 'Description', 'Status'],
          ['1.1', 'Do a thing', 'Completed'],
          ['1.10', 'Another', 'Static'],
        ]),
      ),
    );
    expect(r.workstreams[0].actions.map((a) => [a.id, a.text])).toEqual([
      ['1.1', 'Do a thing'],
      ['1.10', 'Another'],
    ]);
  });

  test("Ragbook's own sheets are never read as trackers", () => {
    const r = run(
      book(
        sheet('WS', [HEADER, [1, 'a', '', 'Completed', '']]),
        sheet('RAG Summary', [HEADER, [1, 'x', '', 'Static', '']], { owned: 'summary' }),
      ),
    );
    expect(r.workstreams).toHaveLength(1);
  });

  test('a workbook with no tracker says so', () => {
    const r = run(book(sheet('Notes', [['Just some notes'], ['and more']])));
    expect(r.workstreams).toEqual([]);
    expect(r.findings.map((f) => f.code)).toContain('workbook.no-tracker');
  });
});

describe('tables found by meaning, whatever their size and wording', () => {
  test('a tracker of one action is read however short its action (`a` could be a rating letter): the header says what it is', () => {
    const r = run(
      book(
        sheet('Log', [
          ['No', 'Action', 'Owner', 'Deadline', 'RAG'],
          [1, 'a', 'Ann', '31/12/2025', 'G'],
        ]),
      ),
    );
    expect(r.workstreams.map((w) => [w.title, w.figures.counts.total, w.kind])).toEqual([['Log', 1, 'ratings']]);
  });

  test('under Timescale, End is the target and Start never, even though Start is a near miss of a status word', () => {
    const r = run(
      book(
        sheet(
          'WSoA',
          [
            ['Ref', 'Action', 'Lead', 'Timescale', null, 'Status'],
            [null, null, null, 'Start', 'End', null],
            ['1.1', 'Recruit', 'Head of SEND', '01/01/2025', '31/03/2025', 'In progress'],
            ['1.2', 'Publish', 'Head of SEND', '01/09/2025', '31/12/2025', 'In progress'],
          ],
          { merges: [{ r1: 0, c1: 3, r2: 0, c2: 4 }] },
        ),
      ),
    );
    const t = r.tables.find((x) => x.state === 'read')!;
    expect(t.headerRows).toEqual([1, 2]);
    expect(t.columns.filter((c) => c.role === 'target').map((c) => [c.column, c.header])).toEqual([['E', 'Timescale End']]);
    expect(r.workstreams[0].figures.overdue).toBe(1);
    expect(r.workstreams[0].actions.map((a) => a.targetCell)).toEqual(['E3', 'E4']);
  });

  test('a number and a text alone on a row head the actions numbered under it; an action with nothing filled in stays an action', () => {
    const r = run(
      book(
        sheet('Plan', [
          ['No', 'Action', 'Lead', 'Due', 'Status'],
          ['1', 'Leadership', null, null, null],
          ['1.1', 'Appoint a lead', 'Ann', '31/12/2025', 'Completed'],
          ['1.2', 'Set up a board', 'Bob', '31/12/2025', 'In progress'],
          ['2', 'Practice', null, null, null],
          ['2.1', 'Audit cases', 'Cy', '31/12/2025', 'Static'],
          ['2.2', 'Write the new practice standards', null, null, null],
          ['2.3', 'Train the teams', 'Di', '31/12/2025', 'Not started'],
        ]),
      ),
    );
    expect(r.workstreams.map((w) => [w.title, w.figures.counts.total, w.figures.counts.noStatus])).toEqual([
      ['1 Leadership', 2, 0],
      ['2 Practice', 3, 1],
    ]);
  });

  test('a short text alone in the action column, unnumbered, over numbered actions is a heading', () => {
    const r = run(
      book(
        sheet('Plan', [
          ['No', 'Action', 'Lead', 'Due', 'Status'],
          [null, 'Leadership and governance', null, null, null],
          ['1.1', 'Appoint a lead', 'Ann', '31/12/2025', 'Completed'],
          ['1.2', 'Set up a board', 'Bob', '31/12/2025', 'In progress'],
          [null, 'Practice', null, null, null],
          ['2.1', 'Audit cases', 'Cy', '31/12/2025', 'Static'],
          ['2.2', 'Write the standards', null, null, null],
        ]),
      ),
    );
    expect(r.workstreams.map((w) => [w.title, w.figures.counts.total])).toEqual([
      ['Leadership and governance', 2],
      ['Practice', 2],
    ]);
    const unnumbered = run(
      book(
        sheet('Log', [
          ['No', 'Action', 'Lead', 'Due', 'Status'],
          ['1', 'Appoint a lead', 'Ann', '31/12/2025', 'Completed'],
          ['2', 'Set up a board', 'Bob', '31/12/2025', 'In progress'],
          [null, 'Chase the auditors', null, null, null],
          ['3', 'Audit cases', 'Cy', '31/12/2025', 'Static'],
        ]),
      ),
    );
    expect(unnumbered.workstreams.map((w) => [w.title, w.figures.counts.total])).toEqual([['Log', 4]]);
  });

  test('a heading with its own rating beside it starts a work stream and is no action', () => {
    const r = run(
      book(
        sheet('Plan', [
          ['No', 'Action', 'Lead', 'Due', 'RAG'],
          ['Objective 1: Leadership', null, null, null, 'Amber'],
          ['1.1', 'Appoint a lead', 'Ann', '31/12/2025', 'Green'],
          ['1.2', 'Set up a board', 'Bob', '31/12/2025', 'Amber'],
          ['Objective 2: Practice', null, null, null, 'Red'],
          ['2.1', 'Audit cases', 'Cy', '31/12/2025', 'Red'],
        ]),
      ),
    );
    expect(r.workstreams.map((w) => [w.title, w.figures.counts.total])).toEqual([
      ['Objective 1: Leadership', 2],
      ['Objective 2: Practice', 1],
    ]);
  });

  test('a key beside the table, its heading alone over word and meaning, is a key: never counted, never unread', () => {
    const r = run(
      book(
        sheet('Register', [
          ['Ref', 'Requirement', 'RAG', null, 'Key', null],
          ['1', 'Write it', 'Green', null, 'Green', 'On track'],
          ['2', 'Read it', 'Red', null, 'Amber', 'At risk'],
          ['3', 'Do it', 'Amber', null, 'Red', 'Off track'],
        ]),
      ),
    );
    expect(r.tables.map((t) => [t.range, t.state])).toEqual([
      ['A1:C4', 'read'],
      ['E1:F4', 'legend'],
    ]);
    expect(r.workstreams[0].figures.counts.total).toBe(3);
  });

  test("a Target over figures is an indicator's target, not a date: the table says once that it has no target column", () => {
    const r = run(
      book(
        sheet('Scorecard', [
          ['Objective', 'Lead', 'Target', 'Actual', 'Review date', 'RAG'],
          ['Reduce waiting times', 'Ann', 10, 12, '31/12/2025', 'Red'],
          ['Improve satisfaction', 'Bob', 0.8, 0.85, '31/12/2025', 'Green'],
        ]),
      ),
    );
    expect(r.workstreams.map((w) => w.figures.counts.total)).toEqual([2]);
    expect(r.findings.filter((f) => f.code.startsWith('date.')).map((f) => f.cell)).toEqual([]);
    expect(r.findings.filter((f) => f.code === 'table.no-target')).toHaveLength(1);
  });

  test('with no Status header, columns of status words are the status, the latest period that holds values first', () => {
    const r = run(
      book(
        sheet(
          'Plan',
          [
            ['Ref', 'Action', 'Owner', 'Progress', null, null, null],
            [null, null, null, 'Q1', 'Q2', 'Q3', 'Q4'],
            ['1', 'Do a', 'Ann', 'On track', 'Completed', null, null],
            ['2', 'Do b', 'Bob', 'On track', 'Static', null, null],
          ],
          { merges: [{ r1: 0, c1: 3, r2: 0, c2: 6 }] },
        ),
      ),
    );
    expect(r.workstreams[0].figures.counts).toMatchObject({ completed: 1, static: 1, total: 2 });
    expect(r.tables[0].columns.filter((c) => c.role === 'status').map((c) => [c.column, c.source])).toEqual([
      ['D', 'values'],
      ['E', 'values'],
    ]);
  });

  test('a narrow empty spacer column inside one table joins its halves; tables side by side stay apart', () => {
    const spacer = run(
      book(
        sheet('Plan', [
          ['Ref', 'Action', null, 'Owner', 'Status'],
          ['1', 'Do a', null, 'Ann', 'Completed'],
          ['2', 'Do b', null, 'Bob', 'In progress'],
        ]),
      ),
    );
    expect(spacer.tables.map((t) => [t.range, t.state])).toEqual([['A1:E3', 'read']]);
    expect(spacer.workstreams.map((w) => w.figures.counts.total)).toEqual([2]);
    const apart = run(
      book(
        sheet('Plan', [
          ['Ref', 'Action', 'Status', null, 'Ref', 'Action', 'Status'],
          ['1', 'Do a', 'Completed', null, '1', 'Do x', 'Static'],
          ['2', 'Do b', 'In progress', null, '2', 'Do y', 'Completed'],
        ]),
      ),
    );
    expect(apart.tables.map((t) => t.range)).toEqual(['A1:C3', 'E1:G3']);
  });

  test('an Outcome written once over its actions groups them; an Outcome per action does not', () => {
    const grouped = run(
      book(
        sheet('Plan', [
          ['Outcome', 'Action', 'Lead', 'Timescale', 'RAG'],
          ['Children are safer', 'Audit 50 cases a month', 'Head of QA', 'March 2026', 'Green'],
          [null, 'Run practice weeks', 'PSW', 'Dec 2025', 'Amber'],
          ['Families are heard', 'Set up a parent panel', 'Participation lead', 'Nov 2025', 'Red'],
        ]),
      ),
    );
    expect(grouped.workstreams.map((w) => [w.title, w.figures.counts.total])).toEqual([
      ['Children are safer', 2],
      ['Families are heard', 1],
    ]);
    const own = run(
      book(
        sheet('Log', [
          ['Action', 'Owner', 'Status', 'Outcome'],
          ['Chase the invoice', 'Ann', 'Completed', 'Paid'],
          ['Book the room', 'Bob', 'Completed', 'Booked for May'],
        ]),
      ),
    );
    expect(own.workstreams.map((w) => [w.title, w.figures.counts.total])).toEqual([['Log', 2]]);
  });

  test('Implemented? (Y/N) is the status', () => {
    const r = run(
      book(
        sheet('Audit', [
          ['Rec', 'Recommendation', 'Officer', 'Target date', 'Implemented?'],
          ['1', 'Review policy', 'Ann', '31/12/2025', 'Y'],
          ['2', 'Train staff', 'Bob', '31/12/2025', 'N'],
        ]),
      ),
    );
    expect(r.workstreams[0].figures.counts).toMatchObject({ completed: 1, inProgress: 1, total: 2 });
  });

  test('headers written as questions or with guidance after a dash are read by meaning', () => {
    const r = run(
      book(
        sheet('Plan', [
          [
            'Ref',
            'What needs to happen?',
            'Who is responsible?',
            'By when will it be done?',
            'Status – select from the drop-down list. Use Completed only when the evidence is on file',
          ],
          ['1', 'Write the strategy', 'Ann', '31/12/2025', 'Completed'],
          ['2', 'Consult families', 'Bob', '31/08/2025', 'In progress'],
        ]),
      ),
    );
    expect(r.tables[0].columns.map((c) => c.role)).toEqual(['id', 'action', 'owner', 'target', 'status']);
    expect(r.workstreams[0].figures).toMatchObject({ overdue: 1, counts: { completed: 1, inProgress: 1, total: 2 } });
  });

  test('a date saying when the action was actually done is never its target', () => {
    const r = run(
      book(
        sheet('Plan', [
          ['Ref', 'Action', 'Completion date (actual)', 'Target date', 'Status'],
          ['1', 'Write the strategy', '01/06/2025', '31/12/2025', 'Completed'],
          ['2', 'Consult families', null, '31/08/2025', 'In progress'],
        ]),
      ),
    );
    expect(r.tables[0].columns.filter((c) => c.role === 'target').map((c) => c.column)).toEqual(['D']);
    expect(r.workstreams[0].figures.overdue).toBe(1);
  });

  test('an Item column of sentences beside a status column is the action; an Item of numbers stays the number', () => {
    const r = run(
      book(
        sheet('Snags', [
          ['Item', 'Owner', 'Status', 'Due'],
          ['Fix the boiler in the hall', 'Ann', 'Completed', '31/12/2025'],
          ['Replace the front door locks', 'Bob', 'In progress', '31/12/2025'],
        ]),
        sheet('Numbered', [
          ['Item', 'Description', 'Owner', 'Status'],
          ['1', 'Fix the boiler', 'Ann', 'Completed'],
          ['2', 'Replace the locks', 'Bob', 'In progress'],
        ]),
      ),
    );
    expect(r.tables.map((t) => t.columns.map((c) => c.role))).toEqual([
      ['action', 'owner', 'status', 'target'],
      ['id', 'action', 'owner', 'status'],
    ]);
    expect(r.workstreams.map((w) => w.figures.counts.total)).toEqual([2, 2]);
  });

  test('a hand-typed summary beside the table is checked with it; a cross-tab beside it is reported unread', () => {
    const beside = run(
      book(
        sheet('Plan', [
          ['Ref', 'Action', 'Owner', 'Status', null, 'Status', 'Number'],
          ['1', 'Do a', 'Ann', 'Completed', null, 'Completed', 1],
          ['2', 'Do b', 'Bob', 'In progress', null, 'In progress', 1],
          ['3', 'Do c', 'Cy', 'In progress', null, 'Total', 3],
        ]),
      ),
    );
    expect(beside.workstreams[0].stated).toMatchObject({
      range: 'F1:G4',
      matches: false,
      differences: [{ field: 'inProgress', stated: 1, actual: 2 }],
    });
    const crossTab = run(
      book(
        sheet('Plan', [
          ['Ref', 'Action', 'Priority', 'Status', null, 'Priority', 'Implemented', 'Open', 'Total'],
          ['1', 'Do a', 'High', 'Implemented', null, 'High', 1, 1, 2],
          ['2', 'Do b', 'High', 'Open', null, 'Medium', 0, 1, 1],
          ['3', 'Do c', 'Medium', 'Open', null, 'Total', 1, 2, 3],
        ]),
      ),
    );
    expect(crossTab.workstreams[0].stated).toBeNull();
    expect(crossTab.tables.map((t) => [t.range, t.state])).toEqual([
      ['A1:D4', 'read'],
      ['F1:I4', 'unread'],
    ]);
  });

  test('a Bucket column groups the rows into work streams', () => {
    const r = run(
      book(
        sheet('Planner', [
          ['Bucket', 'Task', 'Status'],
          ['Quick wins', 'Fix the form', 'Completed'],
          ['Quick wins', 'Change the letter', 'Static'],
          ['Long term', 'Redesign the service', 'In progress'],
        ]),
      ),
    );
    expect(r.workstreams.map((w) => [w.title, w.figures.counts.total])).toEqual([
      ['Quick wins', 2],
      ['Long term', 1],
    ]);
  });

  test('an expenses list with a Date column and an overview of counts are no trackers: reported unread, never work streams', () => {
    const r = run(
      book(
        sheet('Expenses', [
          ['Date', 'Item', 'Amount', 'Paid by'],
          ['01/01/2025', 'Rent', 500, 'Ann'],
          ['02/01/2025', 'Food', 20, 'Bob'],
          ['03/01/2025', 'Fuel', 40, 'Ann'],
        ]),
        sheet('Overview', [
          ['Area', 'Actions', 'Completed', 'In progress'],
          ['Leadership', 5, 2, 3],
          ['Practice', 4, 1, 3],
        ]),
      ),
    );
    expect(r.workstreams).toEqual([]);
    expect(r.tables.map((t) => [t.sheet, t.range, t.state])).toEqual([
      ['Expenses', 'A1:D4', 'unread'],
      ['Overview', 'A1:D3', 'unread'],
    ]);
    expect(r.findings.filter((f) => f.code === 'table.unread').map((f) => f.sheet)).toEqual(['Expenses', 'Overview']);
  });

  test('plain Id | Price Excel Tables and header-only Excel Tables never become work streams', () => {
    const { grid } = readXlsx(tablesWorkbook(), 'tables.xlsx');
    const r = recalculate(grid, { asOf: '2025-09-30', now: NOW }).result;
    expect(r.workstreams).toEqual([]);
    expect(r.findings.map((f) => f.code)).toContain('workbook.no-tracker');
  });
});

describe('settings stored in the workbook', () => {
  test('a damaged setting gives a clear finding and the default, never a crash', () => {
    const wb = { ...book(sheet('WS', [HEADER, [1, 'a', '', 'Completed', '']])), settings: { dueSoonDays: 'soon', locale: 'en-GB' } };
    const r = run(wb);
    expect(r.settings.dueSoonDays).toBe(14);
    const f = r.findings.find((x) => x.code === 'settings.invalid')!;
    expect(f.message).toContain('dueSoonDays');
  });

  test('settings that are not JSON give the defaults', () => {
    const wb = { ...book(sheet('WS', [HEADER, [1, 'a', '', 'Completed', '']])), settings: '{not json' };
    expect(run(wb).settings.rag.redOverdueDays).toBe(28);
  });
});

describe('the plan of sheets', () => {
  test('a user sheet called RAG Summary is left alone and Ragbook writes beside it', () => {
    const wb = book(sheet('WS', [HEADER, [1, 'a', '', 'Completed', '']]), sheet('RAG Summary', [['my own notes']]));
    const { plan, result } = recalculate(wb, { asOf: '2025-09-30', now: NOW });
    expect(plan.sheets[0]).toMatchObject({ name: 'RAG Summary (2)', existing: null });
    expect(result.findings.map((f) => f.code)).toContain('sheet.name-taken');
  });

  test("Ragbook's own summary is replaced in place", () => {
    const wb = book(sheet('WS', [HEADER, [1, 'a', '', 'Completed', '']]), sheet('RAG Summary', [['old']], { owned: 'summary' }));
    const { plan } = recalculate(wb, { asOf: '2025-09-30', now: NOW });
    expect(plan.sheets[0]).toMatchObject({ name: 'RAG Summary', existing: 'RAG Summary' });
  });

  test('tracker text is written as a value, links as HYPERLINK formulas with quotes doubled', () => {
    const wb = book(sheet("It's ours", [['Work stream 1: "Quoted" = risky'], HEADER, [1, '=Review caseloads', '', 'Completed', '']]));
    const { plan } = recalculate(wb, { asOf: '2025-09-30', now: NOW });
    const cells = plan.sheets[0].rows.flat();
    const link = cells.find((c) => c.formula?.includes('Quoted'))!;
    expect(link.formula).toBe(`HYPERLINK("#'It''s ours'!A1","Work stream 1: ""Quoted"" = risky")`);
    expect(link.value).toBe('Work stream 1: "Quoted" = risky');
    for (const c of plan.sheets.flatMap((s) => s.rows.flat())) {
      if (c.formula) expect(c.formula.startsWith('HYPERLINK(')).toBe(true);
    }
  });
});

describe('target dates in findings', () => {
  test('a recurring target is a note, never overdue', () => {
    const r = run(book(sheet('WS', [HEADER, [1, 'a', '', 'In progress', 'Ongoing'], [2, 'b', '', 'In progress', 'Quarterly']])));
    const notes = r.findings.filter((f) => f.code === 'date.recurring');
    expect(notes.map((f) => [f.cell, f.severity, f.value])).toEqual([
      ['E2', 'info', 'Ongoing'],
      ['E3', 'info', 'Quarterly'],
    ]);
    expect(r.workstreams[0].figures.overdue).toBe(0);
  });

  test('a date that can mean only one day, or an Excel date, gives no note; 03/04/2025 says how it was read', () => {
    const r = run(
      book(
        sheet(
          'WS',
          [HEADER, [1, 'a', '', 'Completed', '30/09/2025'], [2, 'b', '', 'Completed', 45900], [3, 'c', '', 'Completed', '03/04/2025']],
          { formats: [[], [null, null, null, null, null], [null, null, null, null, 'dd/mm/yyyy']] },
        ),
      ),
    );
    expect(r.findings.filter((f) => f.code.startsWith('date.')).map((f) => f.cell)).toEqual(['E4']);
    expect(r.findings.find((f) => f.cell === 'E4')!.message).toContain('3 April 2025');
  });
});

describe('findings on the RAG Issues sheet', () => {
  test('link to their cell, with the sheet name quoted as Excel wants', () => {
    const wb = book(sheet(`Team's "plan"`, [HEADER, [1, 'a', '', 'Done?', '']]));
    const { plan } = recalculate(wb, { asOf: '2025-09-30', now: NOW });
    const issues = plan.sheets.find((p) => p.role === 'issues')!;
    const link = issues.rows.flat().find((c) => c.formula && c.value === 'D2')!;
    expect(link.formula).toBe(`HYPERLINK("#'Team''s ""plan""'!D2","D2")`);
  });

  test('are ordered errors, warnings, notes, and within each in workbook order', () => {
    const wb = book(
      sheet('First', [HEADER, [1, 'a', '', 'Ongoing', ''], [2, 'b', '', '', '']]),
      sheet('Second', [HEADER, [1, 'a', '', 'Wibble', ''], [2, 'b', '', 'In progess', '']]),
    );
    const r = run(wb);
    expect(r.findings.map((f) => `${f.severity} ${f.sheet}!${f.cell}`)).toEqual([
      'error First!D3',
      'error Second!D2',
      'warning Second!D3',
      'info First!D2',
    ]);
  });
});

describe('large tables', () => {
  test('one table of 200,000 actions is read whole, without overflowing the call stack', () => {
    const rows: CellValue[][] = [HEADER];
    for (let i = 1; i <= 200_000; i++) rows.push([i, `Action ${i}`, '', i % 2 ? 'Completed' : 'In progress', '']);
    const r = run(book(sheet('Big', rows)));
    expect(r.workstreams).toHaveLength(1);
    expect(r.workstreams[0].figures.counts).toMatchObject({ total: 200_000, completed: 100_000, inProgress: 100_000 });
    expect(r.workstreams[0].area).toEqual({ r1: 0, c1: 0, r2: 200_000, c2: 4 });
  });
});

describe('withdrawn actions', () => {
  test('are counted on their own, left out of the percentages, and never overdue or due soon', () => {
    const r = run(
      book(
        sheet('WS', [
          HEADER,
          [1, 'a', '', 'Completed', '31/12/2025'],
          [2, 'b', '', 'Superseded', '01/01/2025'],
          [3, 'c', '', 'N/A', '05/10/2025'],
          [4, 'd', '', 'In progress', '31/12/2025'],
        ]),
      ),
    );
    const f = r.workstreams[0].figures;
    expect(f.counts).toMatchObject({ completed: 1, inProgress: 1, withdrawn: 2, total: 4 });
    expect(f.percent).toEqual({ completed: 0.5, inProgress: 0.5, static: 0, notStarted: 0 });
    expect({ overdue: f.overdue, dueSoon: f.dueSoon, rag: f.rag }).toEqual({ overdue: 0, dueSoon: 0, rag: 'Green' });
    expect(r.findings.some((x) => x.code === 'date.overdue')).toBe(false);
  });

  test('a work stream whose every action is withdrawn is Not rated, with no percentages', () => {
    const r = run(book(sheet('WS', [HEADER, [1, 'a', '', 'Cancelled', '01/01/2025'], [2, 'b', '', 'No longer required', '']])));
    expect(r.workstreams[0].figures.rag).toBe('Not rated');
    expect(r.workstreams[0].figures.percent.completed).toBeNull();
    expect(r.overall.rag).toBe('Not rated');
  });

  test('settings may add words that count as Withdrawn', () => {
    const r = run(book(sheet('WS', [HEADER, [1, 'a', '', 'Dropped', '']])), '2025-09-30', { statusSynonyms: { Dropped: 'Withdrawn' } });
    expect(r.workstreams[0].figures.counts.withdrawn).toBe(1);
  });
});

describe('a status that implies a rating', () => {
  test('keeps the work stream at that rating or worse: At risk is at least Amber, Off track Red', () => {
    const rows = (second: string) => [HEADER, [1, 'a', '', 'On track', '31/12/2025'], [2, 'b', '', second, '31/12/2025']];
    expect(run(book(sheet('WS', rows('On track')))).workstreams[0].figures.rag).toBe('Green');
    expect(run(book(sheet('WS', rows('At risk')))).workstreams[0].figures.rag).toBe('Amber');
    expect(run(book(sheet('WS', rows('Off track')))).workstreams[0].figures.rag).toBe('Red');
    expect(run(book(sheet('WS', rows('Off track')))).workstreams[0].figures.counts.inProgress).toBe(2);
  });
});

describe('percent complete', () => {
  const PCT = ['No', 'Action', '% complete', 'Target date'];

  test('gives progress where there is no status column: 100% Completed, 0% Not started, between In progress', () => {
    const r = run(
      book(
        sheet(
          'Plan',
          [PCT, [1, 'a', 1, '31/12/2025'], [2, 'b', 0.5, '31/12/2025'], [3, 'c', 0, '31/12/2025'], [4, 'd', null, '31/12/2025']],
          {
            formats: [[], [null, null, '0%'], [null, null, '0%'], [null, null, '0%'], [null, null, '0%']],
          },
        ),
      ),
    );
    const w = r.workstreams[0];
    expect(w.kind).toBe('progress');
    expect(w.figures.counts).toMatchObject({ completed: 1, inProgress: 1, notStarted: 1, noStatus: 1, total: 4 });
    expect(r.findings.filter((f) => f.code === 'status.missing').map((f) => [f.cell, f.message])).toEqual([
      ['C5', 'Action 4 has no percentage complete, and the table has no status column. It is counted as No status.'],
    ]);
    expect(r.findings.some((f) => f.code === 'table.no-status')).toBe(false);
  });

  test('whole numbers under a % header and text such as 50% are read too', () => {
    const r = run(
      book(
        sheet('Plan', [
          ['No', 'Action', '%', 'Due'],
          [1, 'a', 100, ''],
          [2, 'b', 35, ''],
          [3, 'c', '50%', ''],
          [4, 'd', 'about half', ''],
        ]),
      ),
    );
    expect(r.workstreams[0].figures.counts).toMatchObject({ completed: 1, inProgress: 2, unrecognised: 1 });
    expect(r.findings.find((f) => f.code === 'status.unrecognised')!.cell).toBe('C5');
  });

  test('beside a status, checks it: Completed at 40% and In progress at 100% are warnings, and the status counts', () => {
    const r = run(
      book(
        sheet('Plan', [
          ['No', 'Action', 'Status', '% complete', 'Target date'],
          [1, 'a', 'Completed', 0.4, '31/12/2025'],
          [2, 'b', 'In progress', 1, '31/12/2025'],
          [3, 'c', 'In progress', 0, '31/12/2025'],
          [4, 'd', 'Completed', 1, '31/12/2025'],
        ]),
      ),
    );
    const w = r.workstreams[0];
    expect(w.figures.counts).toMatchObject({ completed: 2, inProgress: 2 });
    const mismatches = r.findings.filter((f) => f.code === 'status.percent-mismatch');
    expect(mismatches.map((f) => [f.cell, f.severity])).toEqual([
      ['D2', 'warning'],
      ['D3', 'warning'],
    ]);
    expect(mismatches[0].message).toBe("Action 1 has status 'Completed' but is 40% complete. The status is counted (Completed).");
  });
});

describe('ratings', () => {
  const REG = ['Ref', 'Requirement', 'RAG', 'Target date'];

  test('an empty rating cell filled with a RAG colour is that rating, said once per colour in the table', () => {
    const fills = [[], [null, null, '#00B050'], [null, null, '#00B050'], [null, null, '#FFC000'], [null, null, null]];
    const r = run(book(sheet('Reg', [REG, [1, 'a', null, ''], [2, 'b', null, ''], [3, 'c', null, ''], [4, 'd', 'Green', '']], { fills })));
    const w = r.workstreams[0];
    expect(w.kind).toBe('ratings');
    expect(w.figures.ratings).toMatchObject({ green: 3, amber: 1, unrated: 0 });
    expect(w.figures.rag).toBe('Amber');
    const notes = r.findings.filter((f) => f.code === 'rating.colour');
    expect(notes.map((f) => [f.cell, f.severity])).toEqual([
      ['C2', 'info'],
      ['C4', 'info'],
    ]);
    expect(notes[0].message).toContain('so are 1 more empty cell');
  });

  test('a rating word on the fill of another rating is a warning, and the word counts', () => {
    const r = run(
      book(
        sheet('Reg', [REG, [1, 'a', 'Green', ''], [2, 'b', 'Red', '']], { fills: [[], [null, null, '#C00000'], [null, null, '#C00000']] }),
      ),
    );
    expect(r.workstreams[0].figures.ratings).toMatchObject({ green: 1, red: 1 });
    expect(r.findings.filter((f) => f.code === 'rating.fill-mismatch').map((f) => [f.cell, f.severity])).toEqual([['C2', 'warning']]);
  });

  test('a grey or pale fill is never read as a rating', () => {
    const r = run(
      book(
        sheet('Reg', [REG, [1, 'a', 'Green', ''], [2, 'b', null, '']], { fills: [[], [null, null, '#D9D9D9'], [null, null, '#FFF2CC']] }),
      ),
    );
    expect(r.workstreams[0].figures.ratings).toMatchObject({ green: 1, unrated: 1 });
    expect(r.findings.some((f) => f.code === 'rating.colour' || f.code === 'rating.fill-mismatch')).toBe(false);
    expect(r.findings.find((f) => f.code === 'rating.missing')!.cell).toBe('C3');
  });

  test('in a ratings-only table, an action overdue beyond the red threshold under a kinder rating is a warning', () => {
    const r = run(
      book(sheet('Reg', [REG, [1, 'a', 'Green', '01/08/2025'], [2, 'b', 'Red', '01/08/2025'], [3, 'c', 'Amber', '20/09/2025']])),
    );
    expect(r.findings.filter((f) => f.code === 'rating.overdue').map((f) => f.cell)).toEqual(['C2']);
    expect(r.workstreams[0].figures.rag).toBe('Red');
  });
});

describe('a Done? (Y/N) column', () => {
  test('is the status: Y is Completed, N In progress', () => {
    const r = run(
      book(
        sheet('Log', [
          ['Ref', 'Action', 'Due', 'Done? (Y/N)'],
          ['TB/1', 'a', '', 'Y'],
          ['TB/2', 'b', '', 'N'],
          ['TB/3', 'c', '', 'n'],
        ]),
      ),
    );
    expect(r.workstreams[0].figures.counts).toMatchObject({ completed: 1, inProgress: 2, total: 3 });
    expect(r.workstreams[0].actions.map((a) => a.progress!.how)).toEqual(['yes-no', 'yes-no', 'yes-no']);
  });
});

describe('no status and no rating', () => {
  test('one finding for the table, and Not rated where no target date can be read either', () => {
    const r = run(
      book(
        sheet('Plan', [
          ['No', 'Action', 'Lead', 'Target date'],
          ['AREA 1: Governance', null, null, null],
          [1, 'a', 'Chief Executive', 'When resources allow'],
          ['AREA 2: Finance', null, null, null],
          [2, 'b', 'Section 151 Officer', ''],
        ]),
      ),
    );
    expect(r.findings.filter((f) => f.code === 'table.no-status')).toHaveLength(1);
    for (const w of r.workstreams) expect({ title: w.title, rag: w.figures.rag }).toEqual({ title: w.title, rag: 'Not rated' });
  });
});

describe('the same reading of the same text', () => {
  test('is reported once per table, with how many other cells it covers', () => {
    const rows: CellValue[][] = [HEADER];
    for (let i = 1; i <= 40; i++) rows.push([i, `Action ${i}`, '', 'In progress', i % 2 ? 'Q3 2025/26' : 'Ongoing']);
    const r = run(book(sheet('WS', rows)));
    const read = r.findings.filter((f) => f.code === 'date.read');
    const recurring = r.findings.filter((f) => f.code === 'date.recurring');
    expect(read.map((f) => f.cell)).toEqual(['E2']);
    expect(read[0].message).toContain('The same text in 19 other cells of this table is read the same way.');
    expect(recurring.map((f) => f.cell)).toEqual(['E3']);
  });
});

describe('financial years and school terms', () => {
  test('are read as the end of the year or term, the term ends coming from settings', () => {
    const rows = [
      HEADER,
      [1, 'a', '', 'In progress', '2025/26'],
      [2, 'b', '', 'In progress', 'Autumn term 2025'],
      [3, 'c', '', 'In progress', 'Summer term 2025'],
    ];
    const byDefault = run(book(sheet('WS', rows)));
    expect(byDefault.workstreams[0].actions.map((a) => a.target!.final)).toEqual(['2026-03-31', '2025-12-31', '2025-07-31']);
    const set = run(book(sheet('WS', rows)), '2025-09-30', { termEnds: { autumn: '12-19', spring: '03-31', summer: '07-22' } });
    expect(set.workstreams[0].actions.map((a) => a.target!.final)).toEqual(['2026-03-31', '2025-12-19', '2025-07-22']);
  });

  test('a target without its year is read afresh at another as-of date, though readings are kept between recalculations', () => {
    const rows = [HEADER, [1, 'a', '', 'In progress', 'Q4']];
    const at = (asOf: string) => run(book(sheet('WS', rows)), asOf).workstreams[0].actions[0].target!.final;
    expect([at('2025-09-30'), at('2026-09-30'), at('2025-09-30')]).toEqual(['2026-03-31', '2027-03-31', '2026-03-31']);
  });

  test('a damaged term end gives a clear finding and the default', () => {
    const r = run(book(sheet('WS', [HEADER, [1, 'a', '', 'In progress', 'Spring term 2026']])), '2025-09-30', {
      termEnds: { autumn: '12-31', spring: '02-30', summer: '07-31' },
    });
    expect(r.findings.find((f) => f.code === 'settings.invalid')!.message).toContain('termEnds.spring');
    expect(r.workstreams[0].actions[0].target!.final).toBe('2026-03-31');
  });
});
