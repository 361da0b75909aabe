// Workbooks the Office adapter's tests share, on the strict fake.
import { SETTINGS_KEY } from '../../src/core/ownership';
import type { Plan } from '../../src/core/plan-schema';
import type { WorkbookGrid } from '../../src/core/grid';
import { readWorkbookGrid } from '../../src/workbook/office/read';
import { newRun } from '../../src/workbook/office/lock';
import { type ApplyOptions, applyPlan } from '../../src/workbook/office/write';
import { FakeExcel, type FakeOptions, type FakeRequestContext } from './fake-excel';
import { makePlan, owned, trackerRows } from './plans';

export const ctx = (fx: FakeExcel | FakeRequestContext) => (fx instanceof FakeExcel ? fx.context : fx) as unknown as Excel.RequestContext;

/** A workbook with a tracker, Ragbook's own summary and issues sheets (marked as an earlier version marked them), and a user sheet after them. */
export function standardBook(options: FakeOptions = {}, rows = 10): FakeExcel {
  return new FakeExcel(
    {
      sheets: [
        { name: 'Tracker', rows: trackerRows(rows) },
        { name: 'RAG Summary', rows: [['RAG summary'], ['old figures']], customProperties: owned('summary') },
        { name: 'RAG Issues', rows: [['RAG issues'], ['old finding']], customProperties: owned('issues') },
        { name: 'Notes', rows: [['My own notes'], ['=Do not touch']] },
      ],
      settings: { [SETTINGS_KEY]: { dueSoonDays: 14 } },
    },
    options,
  );
}

export const standardPlan = (): Plan => makePlan({ summary: { existing: 'RAG Summary' }, issues: { existing: 'RAG Issues' } });

/** Reads the workbook, then applies the plan (which takes the lock itself). */
export async function readAndApply(fx: FakeExcel, plan: Plan, opts: ApplyOptions = {}): Promise<WorkbookGrid> {
  const grid = await readWorkbookGrid(ctx(fx), { maxPayloadBytes: opts.maxPayloadBytes });
  await applyPlan(ctx(fx), plan, { tableResize: true, ...opts, lock: { run: newRun(), held: false, ...opts.lock } });
  return grid;
}
