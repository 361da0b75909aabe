import * as fs from 'node:fs';
import * as path from 'node:path';
import { recalculate } from '../src/core/engine';
import { LOCK_NAME, LOCK_STALE_MS, OWNER_PROPERTY, lockFormula, markName } from '../src/core/ownership';
import type { Plan } from '../src/core/plan-schema';
import { readOwnSheets } from '../src/workbook/office/marks';
import { readWorkbookGrid } from '../src/workbook/office/read';
import { recalculateWith } from '../src/workbook/office/recalculate';
import { RagbookHostError } from '../src/workbook/office/errors';
import { applyPlan } from '../src/workbook/office/write';
import { ctx, readAndApply, standardBook, standardPlan } from './fake-excel/books';
import { FakeExcel, FakeOfficeError, LIMITS, type FakeOptions, type FakeSheet } from './fake-excel/fake-excel';
import { PENDING, historyRow, makePlan, markNames, owned, t, trackerRows } from './fake-excel/plans';

// Ragbook's sheets in a workbook that lives on, in Excel: recalculated again and
// again, pointed at by the user's formulas and charts, saved by programs that keep
// only some marks, interrupted at any sync or operation, and recalculated from two
// places at once. All on the strict fake (tests/fake-excel), which turns a
// reference to a deleted sheet into #REF! as Excel does.

const measured: Record<string, number> = {};
afterAll(() => {
  const dir = path.join(__dirname, 'artifacts');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'office-failure-states.json'), JSON.stringify(measured, null, 2) + '\n');
});

/** The next recalculation's plan, as core would make it: each role's existing sheet, the history's next run. */
async function nextPlan(fx: FakeExcel, run: number, over: Partial<Plan> = {}): Promise<Plan> {
  const own = await readOwnSheets(ctx(fx));
  const existing = (role: string) => own.find((s) => s.role === role)?.name ?? null;
  return {
    ...makePlan({
      summary: { existing: existing('summary') },
      issues: { existing: existing('issues') },
      history: { existing: existing('history'), run },
    }),
    ...over,
  };
}

const noRef = (fx: FakeExcel) =>
  fx.doc.sheets.flatMap((s) => [...s.cells.values()].filter((c) => /#REF!/.test(c.formula ?? '') || c.value === '#REF!').map(() => s.name));

describe('the strict fake is as strict as Excel', () => {
  test('a used range of values only leaves out cells that hold only a format', async () => {
    const fx = new FakeExcel({ sheets: [{ name: 'S', rows: [['a']] }] });
    fx.sheet('S')!.cells.set('9,3', { value: '', numberFormat: '0%' });
    const values = fx.context.workbook.worksheets.getItem('S').getUsedRangeOrNullObject(true).load('address');
    const all = fx.context.workbook.worksheets.getItem('S').getUsedRangeOrNullObject().load('address');
    await fx.context.sync();
    expect([values.address, all.address]).toEqual(['S!A1', 'S!A1:D10']);
  });

  test('Excel refuses a sheet called History, deleting a VeryHidden sheet, and a name already taken', async () => {
    const fx = new FakeExcel({ sheets: [{ name: 'S' }, { name: 'Old', hidden: 'very' }], names: [{ name: 'Taken', formula: '=S!$A$1' }] });
    fx.context.workbook.worksheets.add('history');
    await expect(fx.context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    fx.context.workbook.worksheets.getItem('Old').delete();
    await expect(fx.context.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
    fx.context.workbook.names.add('taken', '="x"');
    await expect(fx.context.sync()).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
  });

  test('Excel’s limits: 32,767 characters in a cell, 8,192 in a formula, 255 in a formula’s text, 255 in a custom property’s key', async () => {
    const fx = new FakeExcel({ sheets: [{ name: 'S' }] });
    const ws = fx.context.workbook.worksheets.getItem('S');
    const refused = async (write: () => void) => {
      write();
      await expect(fx.context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    };
    await refused(() => (ws.getRange('A1').values = [[`'${'x'.repeat(LIMITS.cellText + 1)}`]]));
    await refused(() => (ws.getRange('A1').values = [[`=${'1+'.repeat(4100)}1`]]));
    await refused(() => (ws.getRange('A1').values = [[`=HYPERLINK("#S!A1","${'y'.repeat(256)}")`]]));
    await refused(() => ws.customProperties.add('k'.repeat(256), 'v'));
    ws.getRange('A1').values = [[`'${'x'.repeat(LIMITS.cellText)}`]];
    await fx.context.sync();
  });

  test('formulas, names and chart series follow a renamed sheet, and turn into #REF! when it is deleted', async () => {
    const fx = new FakeExcel({
      sheets: [
        { name: 'Data', rows: [[1], [2], [42]] },
        { name: 'Mine', formulas: { A1: '=Data!A3' }, charts: [{ name: 'Trend', series: ['Data!$A$1:$A$3'] }] },
      ],
      names: [{ name: 'Answer', formula: '=Data!$A$3' }],
    });
    expect(fx.valuesOf('Mine')).toEqual([[42]]);
    fx.context.workbook.worksheets.getItem('Data').name = 'RAG Summary';
    await fx.context.sync();
    expect(fx.cell('Mine', 'A1')?.formula).toBe("='RAG Summary'!A3");
    expect(fx.sheet('Mine')!.charts[0].series).toEqual(["'RAG Summary'!$A$1:$A$3"]);
    expect(fx.doc.names[0].formula).toBe("='RAG Summary'!$A$3");
    fx.context.workbook.worksheets.getItem('RAG Summary').delete();
    await fx.context.sync();
    expect(fx.cell('Mine', 'A1')?.formula).toBe('=#REF!A3');
    expect(fx.valuesOf('Mine')).toEqual([['#REF!']]);
    expect(fx.sheet('Mine')!.charts[0].series).toEqual(['#REF!$A$1:$A$3']);
    expect(fx.doc.names[0].formula).toBe('=#REF!$A$3');
  });

  test('two request contexts (the pane’s and the ribbon’s runtimes) work on one workbook, their batches one after another', async () => {
    const fx = new FakeExcel({ sheets: [{ name: 'S' }] });
    const [a, b] = [fx.newContext(), fx.newContext()];
    a.workbook.worksheets.getItem('S').getRange('A1').values = [['from a']];
    b.workbook.worksheets.getItem('S').getRange('A2').values = [['from b']];
    expect(a.pending).toBe(1);
    await Promise.all([a.sync(), b.sync()]);
    expect(fx.valuesOf('S')).toEqual([['from a'], ['from b']]);
    expect(fx.syncCount).toBe(2);
  });
});

describe('Ragbook’s sheets keep their identity, so what refers to them keeps working', () => {
  /** The standard workbook, with a user's formula on the summary, a chart on the history and a name, as a manager would add them. */
  async function referred(options: FakeOptions = {}): Promise<FakeExcel> {
    const fx = standardBook(options);
    await readAndApply(fx, standardPlan());
    fx.sheet('Notes')!.cells.set('2,2', { value: 0, formula: "='RAG Summary'!C9" });
    fx.sheet('Notes')!.charts.push({ name: 'Trend', series: ["'RAG History'!$C$2:$C$9"] });
    fx.doc.names.push({ name: 'Headline', formula: "='RAG Summary'!$C$9", visible: true });
    return fx;
  }

  test('a user’s formula on the summary, a chart on the history and a name stay valid through two recalculations', async () => {
    const fx = await referred();
    const ids = fx.doc.sheets.map((s) => s.id);
    for (const run of [1, 2]) await readAndApply(fx, await nextPlan(fx, run));
    expect(fx.doc.sheets.map((s) => s.id)).toEqual(ids);
    expect(fx.cell('Notes', 'C3')?.formula).toBe("='RAG Summary'!C9");
    // It shows the summary's figure (the overall % completed), as Excel recalculates it.
    expect(fx.valuesOf('Notes')[2][2]).toBe(0.47);
    expect(fx.sheet('Notes')!.charts[0].series).toEqual(["'RAG History'!$C$2:$C$9"]);
    expect(fx.doc.names.find((n) => n.name === 'Headline')?.formula).toBe("='RAG Summary'!$C$9");
    expect(noRef(fx)).toEqual([]);
    // The history: each run's row below the last, the first as it was written, its table grown.
    expect(fx.valuesOf('RAG History')).toEqual([
      ['Recalculated', 'As of', 'Overall % completed'],
      ...[0, 1, 2].map((r) => historyRow(r).map((c) => c.value)),
    ]);
    expect(fx.sheet('RAG History')!.tables).toEqual([
      { name: 'RagHistory', address: 'A1:C4', showHeaders: true, style: 'TableStyleLight1' },
    ]);
  });

  test('deleting and adding the sheets back, as Ragbook once did, is what breaks them: the fake shows it', async () => {
    const fx = await referred();
    fx.context.workbook.worksheets.getItem('RAG Summary').delete();
    fx.context.workbook.worksheets.add('RAG Summary');
    await fx.context.sync();
    expect(fx.cell('Notes', 'C3')?.formula).toBe('=#REF!C9');
    expect(noRef(fx)).toEqual(['Notes']);
  });

  test('without Table.resize (ExcelApi 1.12), the history’s table is converted and added again over the grown range', async () => {
    const fx = await referred({ apiMinor: 12 });
    await readAndApply(fx, await nextPlan(fx, 1), { tableResize: false });
    expect(fx.sheet('RAG History')!.tables).toEqual([
      { name: 'RagHistory', address: 'A1:C3', showHeaders: true, style: 'TableStyleLight1' },
    ]);
    expect(fx.sheet('RAG Summary')!.tables.map((x) => x.name)).toEqual(['RagSummary']);
  });

  test('with the engine: two recalculations, and the user’s formula on the summary shows the new figures', async () => {
    const fx = new FakeExcel({
      sheets: [
        { name: 'Progress', rows: trackerRows(6) },
        { name: 'Board pack', formulas: { A1: "='RAG Summary'!A1" } },
      ],
    });
    const now = new Date('2025-09-30T12:00:00Z');
    await recalculateWith(ctx(fx), recalculate, { asOf: '2025-09-30', now });
    const ids = fx.doc.sheets.map((s) => s.id);
    await recalculateWith(ctx(fx), recalculate, { asOf: '2025-09-30', now });
    expect(fx.doc.sheets.map((s) => s.id)).toEqual(ids);
    expect(fx.valuesOf('Board pack')[0][0]).toBe(fx.valuesOf('RAG Summary')[0][0]);
    expect(noRef(fx)).toEqual([]);
  });

  test('an old Ragbook sheet made VeryHidden is updated in place (Excel would refuse to delete it) and shown again', async () => {
    const fx = standardBook();
    fx.sheet('RAG Issues')!.visibility = 'VeryHidden';
    const id = fx.sheet('RAG Issues')!.id;
    await readAndApply(fx, standardPlan());
    expect(fx.sheet('RAG Issues')).toMatchObject({ id, visibility: 'Visible' });
    expect(fx.valuesOf('RAG Issues')[0][0]).toBe('RAG issues');
  });

  test('after a save by LibreOffice (custom properties gone, names kept) Ragbook finds its sheets by name and marks them again', async () => {
    const fx = standardBook();
    await readAndApply(fx, standardPlan());
    for (const s of fx.doc.sheets) s.customProperties.clear();
    const grid = await readWorkbookGrid(ctx(fx));
    expect(grid.sheets.filter((s) => s.owned).map((s) => [s.name, s.owned])).toEqual([
      ['RAG Summary', 'summary'],
      ['RAG Issues', 'issues'],
      ['RAG History', 'history'],
      ['Ragbook settings', 'settings'],
    ]);
    const names = fx.doc.sheets.map((s) => s.name);
    await readAndApply(fx, await nextPlan(fx, 1));
    expect(fx.doc.sheets.map((s) => s.name)).toEqual(names);
    expect(fx.sheet('RAG Summary')!.customProperties.get(OWNER_PROPERTY)).toBe('summary');
  });

  test('a sheet the user renamed is followed by its name mark; a copy the user made of the summary is left alone', async () => {
    const fx = standardBook();
    await readAndApply(fx, standardPlan());
    fx.context.workbook.worksheets.getItem('RAG Summary').name = 'Board view';
    await fx.context.sync();
    // Move or Copy: the copy keeps the custom property, not the workbook's name.
    const copy = fx.addSheetState({ name: 'Board view (2)', rows: [['my snapshot']], customProperties: owned('summary') });
    const own = await readOwnSheets(ctx(fx));
    expect(own.find((s) => s.role === 'summary')?.name).toBe('Board view');
    expect(own.find((s) => s.name === 'Board view (2)')?.role).toBe('archive');
    await readAndApply(fx, await nextPlan(fx, 1));
    expect(fx.sheet('RAG Summary')?.cells.size).toBeGreaterThan(10);
    expect(fx.sheet('Board view (2)')).toBe(copy);
    expect(fx.valuesOf('Board view (2)')).toEqual([['my snapshot']]);
  });

  test('a history in an older layout is set aside: renamed, marked as an archive, never written again; a new history takes its place', async () => {
    const fx = standardBook();
    await readAndApply(fx, standardPlan());
    const old = fx.sheet('RAG History')!;
    const plan = await nextPlan(fx, 1, { retire: [{ name: 'RAG History', newName: 'RAG History (to 2025)' }] });
    plan.sheets[2] = { ...plan.sheets[2], existing: null } as Plan['sheets'][number];
    await readAndApply(fx, plan);
    expect(fx.sheet('RAG History (to 2025)')).toBe(old);
    expect(old.customProperties.get(OWNER_PROPERTY)).toBe('archive');
    expect(fx.doc.names.find((n) => n.name === 'Ragbook_Archive1')?.formula).toBe("='RAG History (to 2025)'!$A$1");
    expect(fx.doc.names.find((n) => n.name === markName('history'))?.formula).toBe("='RAG History'!$A$1");
    expect(fx.valuesOf('RAG History').length).toBe(2);
    const archived = fx.valuesOf('RAG History (to 2025)');
    await readAndApply(fx, await nextPlan(fx, 2));
    expect(fx.valuesOf('RAG History (to 2025)')).toEqual(archived);
  });

  test('text past Excel’s limits is cut to fit rather than stopping the recalculation: a long note, a long link text', async () => {
    const fx = standardBook();
    const plan = standardPlan();
    const summary = plan.sheets[0] as Extract<Plan['sheets'][number], { mode: 'replace' }>;
    const long = 'w'.repeat(300);
    summary.rows[1] = [t('Note'), t('n'.repeat(40_000))];
    summary.rows[3] = [t('Findings'), { value: long, formula: `HYPERLINK("#'RAG Issues'!A1","${long}")`, style: 'link' }];
    await readAndApply(fx, plan);
    expect(String(fx.cell('RAG Summary', 'B2')?.value)).toHaveLength(LIMITS.cellText);
    expect(String(fx.cell('RAG Summary', 'B4')?.value)).toHaveLength(255);
  });
});

describe('a failure at any sync or operation leaves the old summary, the new one, or one whose status line says so; the next recalculation repairs it', () => {
  type State = 'old' | 'new' | 'pending';
  const cellsOf = (s: FakeSheet) => JSON.stringify([...s.cells.entries()].sort(([a], [b]) => a.localeCompare(b)));

  async function states(fail: (k: number) => FakeOptions, count: number) {
    const clean = standardBook();
    await readAndApply(clean, standardPlan());
    const oldSummary = cellsOf(standardBook().sheet('RAG Summary')!);
    const newSummary = cellsOf(clean.sheet('RAG Summary')!);
    const names = clean.doc.sheets.map((s) => s.name);
    const users = standardBook().snapshotOf(['Tracker', 'Notes']);
    const seen: Record<State, number> = { old: 0, new: 0, pending: 0 };
    for (let k = 1; k <= count; k++) {
      const fx = standardBook(fail(k));
      const error = await readAndApply(fx, standardPlan()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(fx.snapshotOf(['Tracker', 'Notes'])).toEqual(users);
      const summary = cellsOf(fx.sheet('RAG Summary')!);
      const state: State | null =
        summary === oldSummary
          ? 'old'
          : summary === newSummary
            ? 'new'
            : fx.cell('RAG Summary', PENDING.cell)?.value === PENDING.text
              ? 'pending'
              : null;
      expect([k, state]).toEqual([k, expect.stringMatching(/old|new|pending/)]);
      seen[state!]++;
      if (error) {
        expect(error).toBeInstanceOf(RagbookHostError);
        // Said as it is: left as it was, or partly updated (the status line says so).
        expect((error as RagbookHostError).message).toMatch(state === 'pending' ? /only partly updated/ : /left as it was/);
      }
      expect(fx.doc.names.some((n) => n.name === LOCK_NAME)).toBe(false);

      // The next recalculation, with nothing failing, repairs it: the same sheets as a clean run, the new summary.
      fx.options.failAtSync = undefined;
      fx.options.failAtOperation = undefined;
      await readAndApply(fx, await nextPlan(fx, 1));
      expect([k, fx.doc.sheets.map((s) => s.name)]).toEqual([k, names]);
      const repaired = fx.sheet('RAG Summary')!;
      expect([k, cellsOf(repaired)]).toEqual([k, newSummary]);
      expect(fx.snapshotOf(['Tracker', 'Notes'])).toEqual(users);
    }
    return seen;
  }

  test('at every sync', async () => {
    const ok = standardBook();
    await readAndApply(ok, standardPlan());
    expect(ok.syncCount).toBe(6);
    const seen = await states((k) => ({ failAtSync: k, failWith: 'Conflict' }), ok.syncCount);
    measured['syncs tried'] = ok.syncCount;
    measured['failed syncs leaving the old summary'] = seen.old;
    measured['failed syncs leaving the new summary'] = seen.new;
    measured['failed syncs leaving a summary that says it is unfinished'] = seen.pending;
    expect(seen.old + seen.new + seen.pending).toBe(6);
  });

  test('at every operation', async () => {
    const ok = standardBook();
    await readAndApply(ok, standardPlan());
    const total = ok.operations;
    expect(total).toBeGreaterThan(100);
    const seen = await states((k) => ({ failAtOperation: k }), total);
    measured['operations tried'] = total;
    measured['failed operations leaving the old summary'] = seen.old;
    measured['failed operations leaving the new summary'] = seen.new;
    measured['failed operations leaving a summary that says it is unfinished'] = seen.pending;
    expect(seen.old + seen.new + seen.pending).toBe(total);
    expect(seen.pending).toBeGreaterThan(0);
    expect(seen.old).toBeGreaterThan(0);
  });
});

/** The tracker's sheets and one set of Ragbook's, as two recalculations at once must leave them. */
const ONE_SET_OF_SHEETS = ['Progress', 'Notes', 'RAG Summary', 'RAG Actions', 'RAG Issues', 'RAG History', 'Ragbook settings'];
describe('one recalculation at a time', () => {
  const NOW = new Date('2025-09-30T12:00:00Z');
  const book = () =>
    new FakeExcel({
      sheets: [
        { name: 'Progress', rows: trackerRows(8) },
        { name: 'Notes', rows: [['mine']] },
      ],
    });
  const history = (fx: FakeExcel) => fx.valuesOf(fx.doc.sheets.find((s) => s.customProperties.get(OWNER_PROPERTY) === 'history')!.name);
  /** The work stream column of RAG History below its header: each recalculation adds its one work stream and the overall. */
  const runsInHistory = (fx: FakeExcel) => {
    const rows = history(fx);
    const header = rows.findIndex((r) => r[0] === 'Recalculated');
    expect(rows[header]).toEqual(['Recalculated', 'As of', 'Work stream', 'RAG', 'Actions', '% completed', 'Overdue']);
    return rows.slice(header + 1).map((r) => r[2]);
  };
  const RUN = ['Work stream 1: Improving triage', 'Overall'];

  test('the pane and the ribbon at once: the second says so clearly, and the first’s sheets are whole', async () => {
    const fx = book();
    const [pane, ribbon] = [fx.newContext(), fx.newContext()];
    const [first, second] = await Promise.allSettled([
      recalculateWith(ctx(pane), recalculate, { asOf: '2025-09-30', now: NOW }),
      recalculateWith(ctx(ribbon), recalculate, { asOf: '2025-09-30', now: NOW, lock: { waitMs: 0 } }),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'busy', outcome: 'unchanged' } });
    expect((second as PromiseRejectedResult).reason.message).toMatch(
      /^Another recalculation of this workbook has been running since \d\d:\d\d/,
    );
    expect(fx.doc.sheets.map((s) => s.name)).toEqual(ONE_SET_OF_SHEETS);
    expect(runsInHistory(fx)).toEqual(RUN);
    expect(fx.doc.names.some((n) => n.name === LOCK_NAME)).toBe(false);
  });

  test('a second recalculation that waits runs once the first has finished, on what the first wrote', async () => {
    const fx = book();
    const [pane, ribbon] = [fx.newContext(), fx.newContext()];
    const lock = { waitMs: 60_000, now: () => NOW.getTime(), sleep: () => Promise.resolve() };
    const results = await Promise.all([
      recalculateWith(ctx(pane), recalculate, { asOf: '2025-09-30', now: NOW }),
      recalculateWith(ctx(ribbon), recalculate, { asOf: '2025-09-30', now: NOW, lock }),
    ]);
    expect(results.map((r) => r.workstreams.length)).toEqual([1, 1]);
    // One set of sheets, updated twice: nobody wrote beside or over the other.
    expect(fx.doc.sheets.map((s) => s.name)).toEqual(ONE_SET_OF_SHEETS);
    expect(runsInHistory(fx)).toEqual([...RUN, ...RUN]);
  });

  test('a lock left by a run that stopped (Excel closed) is taken over once it is stale, not before', async () => {
    const fx = book();
    const since = NOW.getTime() - LOCK_STALE_MS - 1000;
    fx.doc.names.push({ name: LOCK_NAME, formula: lockFormula({ id: 'crashed', since }), visible: true });
    await recalculateWith(ctx(fx), recalculate, { asOf: '2025-09-30', now: NOW, lock: { now: () => NOW.getTime(), waitMs: 0 } });
    expect(fx.doc.names.some((n) => n.name === LOCK_NAME)).toBe(false);
    expect(runsInHistory(fx)).toEqual(RUN);

    const fresh = book();
    fresh.doc.names.push({ name: LOCK_NAME, formula: lockFormula({ id: 'running', since: NOW.getTime() - 60_000 }), visible: true });
    const before = fresh.snapshot();
    const err = await recalculateWith(ctx(fresh), recalculate, {
      asOf: '2025-09-30',
      now: NOW,
      lock: { now: () => NOW.getTime(), waitMs: 0 },
    }).catch((e) => e);
    expect(err).toMatchObject({ code: 'busy' });
    expect(fresh.snapshot()).toEqual(before);
  });

  test('a plan applied on its own while a recalculation runs waits too; a failed run lets go of the lock', async () => {
    const fx = book();
    fx.doc.names.push({ name: LOCK_NAME, formula: lockFormula({ id: 'other', since: NOW.getTime() }), visible: true });
    const err = await applyPlan(ctx(fx), makePlan(), {
      lock: { run: { id: 'me', since: NOW.getTime() }, held: false, waitMs: 0, now: () => NOW.getTime() },
    }).catch((e) => e);
    expect(err).toMatchObject({ code: 'busy' });
    fx.doc.names = [];
    fx.options.failAtSync = fx.syncCount + 4;
    fx.options.failWith = 'GeneralException';
    await expect(recalculateWith(ctx(fx), recalculate, { asOf: '2025-09-30', now: NOW })).rejects.toBeInstanceOf(RagbookHostError);
    expect(fx.doc.names.some((n) => n.name === LOCK_NAME)).toBe(false);
  });

  test('marks written by an earlier version (custom properties alone) still mark the sheets; the names are added', async () => {
    const fx = standardBook();
    expect(fx.doc.names).toEqual([]);
    await readAndApply(fx, standardPlan());
    expect(fx.doc.names.map((n) => n.name).sort()).toEqual(
      markNames({ summary: 'RAG Summary', issues: 'RAG Issues', history: 'RAG History', settings: 'Ragbook settings' })
        .map((n) => n.name)
        .sort(),
    );
  });
});

test('FakeOfficeError carries Office’s code', () => {
  expect(new FakeOfficeError('ItemAlreadyExists', 'x').code).toBe('ItemAlreadyExists');
});
