import * as fs from 'node:fs';
import * as path from 'node:path';
import { markName, OWNER_PROPERTY, SETTINGS_KEY } from '../src/core/ownership';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import { recalculate } from '../src/core/engine';
import { readXlsx } from '../src/workbook/xlsx/read';
import { cellInput, styleRects, widthPoints, writeSyncCount } from '../src/workbook/office/compile';
import { DEFAULT_MAX_PAYLOAD_BYTES, STATUS_CELL } from '../src/workbook/office/constants';
import { showMessageDialog } from '../src/workbook/office/dialog';
import { EXCEL_TOO_OLD, NO_ANSWER, RagbookHostError, STRUCTURE_PROTECTED } from '../src/workbook/office/errors';
import { goToCellIn, writeStatusLineIn } from '../src/workbook/office/navigation';
import { readWorkbookGrid } from '../src/workbook/office/read';
import { recalculateWith, type Recalculate } from '../src/workbook/office/recalculate';
import { readSettingsFrom, saveSettingsTo } from '../src/workbook/office/settings';
import {
  checkRequirements,
  officeLoaded,
  officeThemeBackground,
  registerFunctionCommand,
  whenOfficeReady,
} from '../src/workbook/office/startup';
import { applyPlan } from '../src/workbook/office/write';
import { runRecalculateSummary, type CommandDeps } from '../src/commands/commands';
import { ctx, readAndApply, standardBook, standardPlan } from './fake-excel/books';
import { FakeExcel, FakeOfficeError, fakeRequirements, type FakeOptions, type SheetInit } from './fake-excel/fake-excel';
import { PENDING, TRICKY_TEXT, makePlan, owned, sheetsFromGrid, t, trackerRows } from './fake-excel/plans';

// The Office adapter against a strict fake of the Excel API (tests/fake-excel).
// The sync counts measured here are also written to tests/artifacts/office-sync-counts.json.
// What keeps Ragbook's sheets alive through repeated runs, other programs, user
// formulas, failures and two runs at once is in tests/office-survive.test.ts.

const measured: Record<string, number> = {};

afterAll(() => {
  const dir = path.join(__dirname, 'artifacts');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'office-sync-counts.json'), JSON.stringify(measured, null, 2) + '\n');
});

/** Operations that touch only the lock (a defined name): all a sync that writes nothing else may write. */
const LOCK_OPS = /^(names\.add\(Ragbook_Lock\)|namedItem\.delete)$/;

// ---------------------------------------------------------------------------

describe('the fake is strict like Office.js', () => {
  test('reading a property before load and sync throws PropertyNotLoaded', async () => {
    const fx = standardBook();
    const sheets = fx.context.workbook.worksheets;
    expect(() => sheets.items).toThrow(/PropertyNotLoaded|not available/);
    sheets.load('items/name');
    expect(() => sheets.items).toThrow(/not available/);
    await fx.context.sync();
    expect(sheets.items.map((s) => s.name)).toEqual(['Tracker', 'RAG Summary', 'RAG Issues', 'Notes']);
    expect(() => sheets.items[0].visibility).toThrow(/not available/);
  });

  test('writes are applied only at sync, and a failing operation leaves the earlier ones applied', async () => {
    const fx = standardBook({ failAtOperation: 3 });
    const ws = fx.context.workbook.worksheets.getItem('Notes');
    ws.getRange('C1').values = [['one']];
    ws.getRange('C2').values = [['two']];
    ws.getRange('C3').values = [['three']];
    expect(fx.cell('Notes', 'C1')).toBeUndefined();
    await expect(fx.context.sync()).rejects.toMatchObject({ code: 'GeneralException' });
    expect(fx.cell('Notes', 'C1')?.value).toBe('one');
    expect(fx.cell('Notes', 'C2')?.value).toBe('two');
    expect(fx.cell('Notes', 'C3')).toBeUndefined();
  });

  test('typed text that looks like a formula becomes a formula unless it starts with an apostrophe', async () => {
    const fx = standardBook();
    const ws = fx.context.workbook.worksheets.getItem('Notes');
    ws.getRange('C1:D1').values = [['=Review caseloads', "'=Review caseloads"]];
    await fx.context.sync();
    expect(fx.cell('Notes', 'C1')?.formula).toBe('=Review caseloads');
    expect(fx.cell('Notes', 'D1')).toEqual({ value: '=Review caseloads', textPrefix: true });
  });
});

// ---------------------------------------------------------------------------

describe('sync budget', () => {
  test('10 rows and 20,000 rows take the same syncs: 3 to read, 3 to write, 6 in all', async () => {
    const counts: Record<number, { read: number; apply: number }> = {};
    for (const rows of [10, 20_000]) {
      const fx = standardBook({}, rows);
      const grid = await readWorkbookGrid(ctx(fx));
      const read = fx.syncCount;
      expect(grid.sheets[0].rows).toHaveLength(rows + 2);
      // The plan grows with the tracker too: a history of as many rows.
      await applyPlan(ctx(fx), makePlan({ summary: { existing: 'RAG Summary' }, issues: { existing: 'RAG Issues' }, history: { rows } }));
      counts[rows] = { read, apply: fx.syncCount - read };
      expect(fx.valuesOf('RAG History')).toHaveLength(rows + 1);
      // No sync came near Excel on the web's limit.
      for (const s of fx.syncs) expect(Math.max(s.requestBytes, s.responseBytes)).toBeLessThanOrEqual(DEFAULT_MAX_PAYLOAD_BYTES);
    }
    expect(counts[10]).toEqual({ read: 3, apply: 3 });
    expect(counts[20_000]).toEqual({ read: 3, apply: 3 });
    measured['read syncs, 10 rows'] = counts[10].read;
    measured['read syncs, 20,000 rows'] = counts[20_000].read;
    measured['write syncs, 10 rows'] = counts[10].apply;
    measured['write syncs, 20,000 rows'] = counts[20_000].apply;
  });

  test('past the payload limit, reads go in row blocks sized from what earlier blocks weighed: none refused, none over the limit', async () => {
    const max = 100_000;
    const blocksFor: Record<number, number> = {};
    for (const rows of [5_000, 20_000]) {
      const fx = new FakeExcel({ sheets: [{ name: 'Tracker', rows: trackerRows(rows) }] }, { payloadLimit: max });
      const small = new FakeExcel({ sheets: [{ name: 'Tracker', rows: trackerRows(rows) }] });
      const grid = await readWorkbookGrid(ctx(fx), { maxPayloadBytes: max });
      // The cells as one unblocked read: what the blocks must add up to.
      expect(grid).toEqual(await readWorkbookGrid(ctx(small)));
      const cellBytes = small.syncs[2].responseBytes;
      expect(fx.syncs.filter((s) => s.failed)).toEqual([]);
      for (const s of fx.syncs) expect(s.responseBytes).toBeLessThanOrEqual(max);
      const blocks = fx.syncCount - 2;
      // At least as many blocks as the bytes need; at most a quarter-size first
      // block and 25% headroom more.
      expect(blocks).toBeGreaterThanOrEqual(Math.ceil(cellBytes / max));
      expect(blocks).toBeLessThanOrEqual(Math.ceil((1.25 * cellBytes) / max) + 2);
      blocksFor[rows] = blocks;
      measured[`read syncs, ${rows.toLocaleString('en-GB')} rows, 100 kB blocks`] = fx.syncCount;
    }
    // Four times the rows, about four times the blocks: one more sync per block.
    expect(blocksFor[20_000]).toBeGreaterThanOrEqual(4 * blocksFor[5_000] - 4);
    expect(blocksFor[20_000]).toBeLessThanOrEqual(4 * blocksFor[5_000] + 4);
  });

  test('past the payload limit, writes go in row blocks: one more sync per block, none over the limit', async () => {
    const max = 100_000;
    const fx = standardBook();
    const plan = makePlan({ summary: { existing: 'RAG Summary' }, issues: { existing: 'RAG Issues' }, history: { rows: 20_000 } });
    await applyPlan(ctx(fx), plan, { maxPayloadBytes: max });
    const valueSyncs = writeSyncCount(plan, max);
    expect(valueSyncs).toBeGreaterThan(10);
    expect(writeSyncCount(plan)).toBe(1);
    // Two syncs to check the sheets (the first takes the lock), then one per block.
    expect(fx.syncCount).toBe(2 + valueSyncs);
    expect(fx.syncs.filter((s) => s.writes > 0)).toHaveLength(valueSyncs + 1);
    for (const s of fx.syncs) expect(s.requestBytes).toBeLessThanOrEqual(max);
    const hist = fx.valuesOf('RAG History');
    expect(hist).toHaveLength(20_001);
    expect(hist[20_000]).toEqual([45930 + 19_999, 45930, 0.99]);
    // Twice the rows, about twice the blocks.
    const fx2 = standardBook();
    const plan2 = makePlan({ summary: { existing: 'RAG Summary' }, issues: { existing: 'RAG Issues' }, history: { rows: 40_000 } });
    await applyPlan(ctx(fx2), plan2, { maxPayloadBytes: max });
    const valueSyncs2 = writeSyncCount(plan2, max);
    expect(fx2.syncCount).toBe(2 + valueSyncs2);
    expect(valueSyncs2).toBeGreaterThanOrEqual(2 * valueSyncs - 2);
    expect(valueSyncs2).toBeLessThanOrEqual(2 * valueSyncs + 2);
    measured['write syncs, 20,000-row history, 100 kB blocks'] = fx.syncCount;
  });

  test('if Excel still refuses a response as too large, the read is halved and retried', async () => {
    const long = (i: number) => `Progress ${i}: ` + 'the team met weekly and reviewed every case. '.repeat(10);
    const fx = new FakeExcel({ sheets: [{ name: 'Tracker', rows: trackerRows(400, long) }] }, { payloadLimit: 60_000 });
    const reference = await readWorkbookGrid(ctx(new FakeExcel({ sheets: [{ name: 'Tracker', rows: trackerRows(400, long) }] })));
    const grid = await readWorkbookGrid(ctx(fx));
    expect(grid).toEqual(reference);
    expect(fx.syncs.some((s) => s.failed === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    for (const s of fx.syncs.filter((x) => !x.failed)) expect(s.responseBytes).toBeLessThanOrEqual(60_000);
  });

  test('the survey writes nothing but the lock; the write suspends screen updating and calculation', async () => {
    const fx = standardBook();
    await readAndApply(fx, standardPlan());
    expect(fx.syncs.slice(0, 5).flatMap((s) => s.written)).toEqual(['names.add(Ragbook_Lock)']);
    const writing = fx.syncs.slice(5);
    expect(writing).toHaveLength(1);
    expect(writing[0].screenSuspended).toBe(true);
    expect(writing[0].calculationSuspended).toBe(true);
    // It ends by letting go of the lock, then the summary's status line.
    expect(writing[0].written.slice(-2)).toEqual(['namedItem.delete', 'range.values']);
  });

  test('payloads are counted in UTF-8 bytes of the request: text beyond ASCII weighs more than its length', async () => {
    const limit = 120_000;
    const pounds = '€—'.repeat(300);
    const plan = makePlan({ history: { rows: 100 } });
    const history = plan.sheets[2] as Extract<(typeof plan.sheets)[number], { mode: 'append' }>;
    history.rows = history.rows.map((r) => [...r, t(pounds)]);
    const text = JSON.stringify(history.rows.map((r) => r.map((c) => c.value)));
    // Counted in UTF-16 units the history would fit one request; in the UTF-8 bytes Excel counts, it does not.
    expect(text.length).toBeLessThan(limit * 0.6);
    expect(new TextEncoder().encode(text).length).toBeGreaterThan(limit);
    const fx = new FakeExcel({ sheets: [{ name: 'Tracker', rows: trackerRows(3) }] }, { payloadLimit: limit });
    await applyPlan(ctx(fx), plan, { maxPayloadBytes: limit });
    expect(fx.syncs.filter((s) => s.failed)).toEqual([]);
    expect(fx.syncCount).toBeGreaterThan(3);
    for (const s of fx.syncs) expect(s.requestBytes).toBeLessThanOrEqual(limit);
    expect(fx.valuesOf('RAG History')).toHaveLength(101);
    expect(fx.valuesOf('RAG History')[100][3]).toBe(pounds);
  });

  test('a write Excel still refuses as too large is halved and sent again, and nothing is lost', async () => {
    const plan = makePlan({ history: { rows: 3000 } });
    const fx = new FakeExcel({ sheets: [{ name: 'Tracker', rows: trackerRows(3) }] }, { payloadLimit: 60_000 });
    // The adapter believes the limit is higher than Excel's: its blocks are refused, and halved.
    await applyPlan(ctx(fx), plan, { maxPayloadBytes: 400_000 });
    expect(fx.syncs.some((s) => s.failed === 'RequestPayloadSizeLimitExceeded')).toBe(true);
    for (const s of fx.syncs.filter((x) => !x.failed)) expect(s.requestBytes).toBeLessThanOrEqual(60_000);
    expect(fx.valuesOf('RAG History')).toHaveLength(3001);
    expect(fx.valuesOf('RAG History')[3000]).toEqual([45930 + 2999, 45930, 0.99]);
    expect(fx.doc.names.map((n) => n.name)).not.toContain('Ragbook_Lock');
  });
});

// ---------------------------------------------------------------------------

describe('reading', () => {
  test('used ranges that do not start at A1, tables, hidden sheets, owners (by name and by property), number formats, settings', async () => {
    const fx = new FakeExcel({
      sheets: [
        {
          name: 'Register',
          origin: { r: 2, c: 1 },
          rows: [
            ['Section', 'No', 'Requirement', 'Status', 'Timescale'],
            ['Leadership', '1.1', 'Agree the plan', 'Green', 45930],
          ],
          formats: [[], [null, null, null, null, 'dd/mm/yyyy']],
          tables: [{ name: 'Rag', address: 'B3:F4' }],
          merges: ['B1:F1'],
        },
        { name: 'Old', rows: [['x']], hidden: true },
        { name: 'RAG History', rows: [['Recalculated'], [45900]], customProperties: owned('history') },
        // Marked by its defined name alone, as after a save by LibreOffice.
        { name: 'RAG Summary', rows: [['RAG summary'], ['old figures']] },
        { name: '~rb-tmp-summary-zzz', rows: [['half-written']], customProperties: { [OWNER_PROPERTY]: 'pending:summary' } },
      ],
      names: [{ name: markName('summary'), formula: "='RAG Summary'!$A$1" }],
      settings: { [SETTINGS_KEY]: { dueSoonDays: 7 } },
      date1904: true,
    });
    const grid = await readWorkbookGrid(ctx(fx));
    expect(fx.syncCount).toBe(3);
    expect(grid.name).toBe('Tracker.xlsx');
    expect(grid.date1904).toBe(true);
    expect(grid.settings).toEqual({ dueSoonDays: 7 });
    expect(grid.sheets.map((s) => s.name)).toEqual(['Register', 'Old', 'RAG History', 'RAG Summary']);
    const [reg, old, hist, summary] = grid.sheets;
    expect(reg.rows[0]).toEqual([]);
    expect(reg.rows[2]).toEqual([null, 'Section', 'No', 'Requirement', 'Status', 'Timescale']);
    expect(reg.rows[3]).toEqual([null, 'Leadership', '1.1', 'Agree the plan', 'Green', 45930]);
    expect(reg.formats![3][5]).toBe('dd/mm/yyyy');
    expect(reg.tables).toEqual([{ name: 'Rag', area: { r1: 2, c1: 1, r2: 3, c2: 5 }, hasHeader: true }]);
    // Merged areas are asked for only where the host reports ExcelApi 1.13; this one reports no requirement sets.
    expect(reg.merges).toEqual([]);
    expect(reg.hidden).toBe(false);
    expect(reg.owned).toBeUndefined();
    expect(old.hidden).toBe(true);
    expect(hist.owned).toBe('history');
    expect(hist.rows).toEqual([['Recalculated'], [45900]]);
    // Ragbook's own summary is known by name and owner; its cells are not needed.
    expect(summary).toMatchObject({ owned: 'summary', rows: [] });
  });

  test('a first sync Excel drops now and then is sent again whole: a 1904 workbook is still read as 1904', async () => {
    const fx = new FakeExcel(
      { sheets: [{ name: 'Plan', rows: [['Due'], [44000]], formats: [[], ['dd/mm/yyyy']] }], date1904: true },
      { failAtSync: 1, failWith: 'GeneralException' },
    );
    const grid = await readWorkbookGrid(ctx(fx));
    expect(grid.date1904).toBe(true);
    expect(fx.syncs[0].failed).toBe('GeneralException');
    expect(fx.syncCount).toBe(4);
    // Twice dropped: said, not guessed.
    const twice = new FakeExcel({ sheets: [{ name: 'Plan' }], date1904: true }, { failAtSync: 1 });
    twice.options.failAtOperation = 1;
    await expect(readWorkbookGrid(ctx(twice))).rejects.toBeInstanceOf(RagbookHostError);
  });

  test('the settings come from the add-in settings, or from the hidden settings sheet when another program dropped them', async () => {
    const sheetOnly = new FakeExcel({
      sheets: [
        { name: 'Tracker', rows: trackerRows(2) },
        { name: 'Ragbook settings', rows: [['Ragbook settings'], ['…'], [], ['{"dueSoonDays":'], ['9}']], hidden: true },
      ],
      names: [{ name: markName('settings'), formula: "='Ragbook settings'!$A$1" }],
    });
    const grid = await readWorkbookGrid(ctx(sheetOnly));
    expect(grid.settings).toEqual({ dueSoonDays: 9 });
    expect(grid.sheets.find((s) => s.name === 'Ragbook settings')?.owned).toBe('settings');
    expect((await readSettingsFrom(ctx(sheetOnly))).settings.dueSoonDays).toBe(9);
    sheetOnly.doc.settings.set(SETTINGS_KEY, JSON.stringify({ dueSoonDays: 4 }));
    expect((await readWorkbookGrid(ctx(sheetOnly))).settings).toEqual({ dueSoonDays: 4 });
  });

  test('fills: a register rated by colour reads each cell’s fill in the same three syncs, white and no fill alike as none', async () => {
    const fx = new FakeExcel({
      sheets: [
        {
          name: 'Register',
          rows: [
            ['No', 'Action', 'RAG', 'Lead'],
            ['1', 'Agree the plan', null, 'Chief executive'],
            ['2', 'Recruit', 'Green', 'HR'],
            [null, null, null, null],
            ['3', 'Train', null, 'HR'],
          ],
          fills: [
            ['#1F3864', '#1F3864', '#1F3864', '#1F3864'],
            [null, null, '#00b050'],
            [null, null, '#C00000'],
            ['#FFC000', '#FFC000'],
            [null, null, '#FFFFFF'],
          ],
        },
      ],
    });
    const grid = await readWorkbookGrid(ctx(fx), { mergedAreas: true });
    expect(fx.syncCount).toBe(3);
    // The header's fill, an empty rating cell's, a word on another colour; no fill kept on the empty row.
    expect(grid.sheets[0].fills).toEqual([
      ['#1F3864', '#1F3864', '#1F3864', '#1F3864'],
      [null, null, '#00B050'],
      [null, null, '#C00000'],
      [],
      [],
    ]);
  });

  test('fills: a column all of one colour is read once for the column, and a tracker with no fills reads no more than its values', async () => {
    const plain = new FakeExcel({ sheets: [{ name: 'Tracker', rows: trackerRows(2_000) }] });
    await readWorkbookGrid(ctx(plain));
    const rows = trackerRows(2_000);
    const banded = new FakeExcel({ sheets: [{ name: 'Tracker', rows, fills: rows.map(() => [null, null, null, '#FFC000']) }] });
    const grid = await readWorkbookGrid(ctx(banded));
    expect(grid.sheets[0].fills![1500]).toEqual([null, null, null, '#FFC000']);
    // Sync 3 carries the same bytes either way: no cell's properties were read.
    expect(banded.syncs[2].responseBytes).toBe(plain.syncs[2].responseBytes);
    expect(banded.syncCount).toBe(3);
  });

  test('merged areas: read where the host has them (an action merged over rows is one action), and a sheet with more than Excel gives is read again without them', async () => {
    const rows = [
      ['No', 'Action', 'Status'],
      ['1', 'Merged over two rows', 'Open'],
      [null, null, 'Open'],
    ];
    const one = new FakeExcel({ sheets: [{ name: 'Plan', rows, merges: ['B2:B3'] }] });
    const grid = await readWorkbookGrid(ctx(one), { mergedAreas: true });
    expect(grid.sheets[0].merges).toEqual([{ r1: 1, c1: 1, r2: 2, c2: 1 }]);
    expect(one.syncCount).toBe(3);
    const many = Array.from({ length: 600 }, (_, i) => `D${i + 1}:E${i + 1}`);
    const crowded = new FakeExcel({ sheets: [{ name: 'Plan', rows, merges: ['B2:B3', ...many] }] });
    const again = await readWorkbookGrid(ctx(crowded), { mergedAreas: true });
    expect(again.sheets[0].merges).toEqual([]);
    expect(again.sheets[0].rows).toEqual(grid.sheets[0].rows);
    // The second sync failed once and the read began again without merged areas.
    expect(crowded.syncCount).toBe(5);
  });

  test('fills: a host that refuses the columns’ fills (ExcelApi 1.9; Ragbook requires 1.12) fails the read with its error, after two syncs, and is never read without fills', async () => {
    const init = {
      sheets: [
        {
          name: 'Register',
          rows: [
            ['Action', 'RAG'],
            ['Plan', null],
          ],
          fills: [[], [null, '#FF0000']],
        },
      ],
    };
    const fx = new FakeExcel(init, { refuseCalls: { getColumnProperties: 'GeneralException' } });
    // A colour-only register read without its fills would be silently unrated: refusing is right.
    await expect(readWorkbookGrid(ctx(fx), { mergedAreas: false })).rejects.toThrow();
    expect(fx.syncCount).toBe(2);
    const grid = await readWorkbookGrid(ctx(new FakeExcel(init)), { mergedAreas: false });
    expect(grid.sheets[0].fills).toEqual([[], [null, '#FF0000']]);
  });

  test('fills: past the payload limit, fills go in the same row blocks as values, none refused', async () => {
    const rows = trackerRows(3_000);
    const fills = rows.map((_, i) => (i % 3 === 0 ? [null, null, null, '#00B050'] : i % 3 === 1 ? [null, null, null, '#FFC000'] : []));
    const fx = new FakeExcel({ sheets: [{ name: 'Tracker', rows, fills }] }, { payloadLimit: 100_000 });
    const grid = await readWorkbookGrid(ctx(fx), { maxPayloadBytes: 100_000 });
    expect(grid).toEqual(await readWorkbookGrid(ctx(new FakeExcel({ sheets: [{ name: 'Tracker', rows, fills }] }))));
    expect(fx.syncCount).toBeGreaterThan(4);
    expect(fx.syncs.filter((x) => x.failed)).toEqual([]);
    for (const x of fx.syncs) expect(x.responseBytes).toBeLessThanOrEqual(100_000);
    expect(grid.sheets[0].fills!.slice(6, 9)).toEqual([[null, null, null, '#00B050'], [null, null, null, '#FFC000'], []]);
  });

  test('the strict fake serves cell properties as Office.js does: after a sync, only fill colours, and not for a range too large', async () => {
    const fx = new FakeExcel({ sheets: [{ name: 'S', rows: [['a']], fills: [['#ff0000']] }] });
    const sheet = fx.context.workbook.worksheets.getItem('S');
    const props = sheet.getRange('A1:B1').getCellProperties({ format: { fill: { color: true } } });
    // A ClientResult needs no load(), only a sync; the first read is early on purpose.
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
    expect(() => props.value).toThrow(expect.objectContaining({ code: 'ValueNotLoaded' }));
    await fx.context.sync();
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
    expect(props.value).toEqual([[{ format: { fill: { color: '#FF0000' } } }, { format: { fill: { color: '#FFFFFF' } } }]]);
    expect(() => sheet.getRange('A1').getCellProperties({ format: { font: { color: true } } })).toThrow(
      expect.objectContaining({ code: 'InvalidArgument' }),
    );
    sheet.getRange('A:Z').getCellProperties({ format: { fill: { color: true } } });
    await expect(fx.context.sync()).rejects.toMatchObject({ code: 'RangeExceedsLimit' });
  });

  test('an empty sheet reads as no rows; the 1900 date system is the default', async () => {
    const fx = new FakeExcel({ sheets: [{ name: 'Blank' }] });
    const grid = await readWorkbookGrid(ctx(fx), { fileName: 'Given name.xlsx' });
    expect(grid).toEqual({
      name: 'Given name.xlsx',
      sheets: [{ name: 'Blank', rows: [], formats: [], fills: [], merges: [], tables: [], hidden: false }],
      date1904: false,
    });
  });
});

// ---------------------------------------------------------------------------

describe('writing a plan', () => {
  test('updates Ragbook’s sheets in place, adds new ones, marks them twice, stores settings, leaves user sheets alone', async () => {
    const fx = standardBook();
    const users = fx.snapshotOf(['Tracker', 'Notes']);
    const ids = ['RAG Summary', 'RAG Issues'].map((n) => fx.sheet(n)!.id);
    await readAndApply(fx, standardPlan());
    expect(fx.doc.sheets.map((s) => s.name)).toEqual(['Tracker', 'RAG Summary', 'RAG Issues', 'Notes', 'RAG History', 'Ragbook settings']);
    // The same sheets, not new ones under old names.
    expect(['RAG Summary', 'RAG Issues'].map((n) => fx.sheet(n)!.id)).toEqual(ids);
    expect(fx.snapshotOf(['Tracker', 'Notes'])).toEqual(users);
    for (const [name, role] of [
      ['RAG Summary', 'summary'],
      ['RAG Issues', 'issues'],
      ['RAG History', 'history'],
      ['Ragbook settings', 'settings'],
    ] as const) {
      expect(fx.sheet(name)!.customProperties.get(OWNER_PROPERTY)).toBe(role);
      expect(fx.doc.names.find((n) => n.name === markName(role))?.formula).toBe(`='${name}'!$A$1`);
    }
    expect(fx.sheet('Ragbook settings')!.visibility).toBe('Hidden');
    expect(fx.valuesOf('Ragbook settings')[3]).toEqual(['{"dueSoonDays":21}']);
    // The old summary's cells are gone, not left below the new ones.
    expect(fx.valuesOf('RAG Summary').flat()).not.toContain('old figures');
    const summary = fx.sheet('RAG Summary')!;
    expect(fx.valuesOf('RAG Summary')[6]).toEqual(['Work stream 1: Improving triage', 10, 0.6, 'Green']);
    expect(fx.cell('RAG Summary', 'B4')).toMatchObject({ value: '2 errors', formula: `=HYPERLINK("#'RAG Issues'!A1","2 errors")` });
    expect(fx.cell('RAG Summary', 'C7')?.numberFormat).toBe('0%');
    // The status line is what the plan says in the end (empty here), not that a recalculation is under way.
    expect(fx.cell('RAG Summary', PENDING.cell)).toBeUndefined();
    expect(summary.merges).toEqual(['A5:D5']);
    expect(summary.tables).toEqual([{ name: 'RagSummary', address: 'A6:D9', showHeaders: true, style: 'TableStyleLight9' }]);
    expect(fx.sheet('RAG History')!.tables).toEqual([
      { name: 'RagHistory', address: 'A1:C2', showHeaders: true, style: 'TableStyleLight1' },
    ]);
    expect(summary.pageLayout).toEqual({
      orientation: 'Landscape',
      paperSize: 'A4',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: '$6:$6',
      footer: { left: 'Tracker.xlsx', center: 'Page &P of &N', right: 'As of 30 September 2025' },
    });
    expect([...summary.rowHeights]).toEqual([
      [0, 24],
      [4, 8],
    ]);
    expect(summary.freezeRows).toBe(6);
    expect(summary.tabColor).toBe('#1F3864');
    expect(summary.columnWidths.get(0)).toBe(widthPoints(44));
    expect(summary.formats).toContainEqual(['D7', 'fill.color', '#1E7B34']);
    expect(summary.conditionalFormats).toEqual([
      {
        address: 'C7:C8',
        type: 'DataBar',
        props: {
          'dataBar.positiveFormat.fillColor': '#5B9BD5',
          'dataBar.positiveFormat.gradientFill': false,
          'dataBar.lowerBoundRule': { type: 'Number', formula: '0' },
          'dataBar.upperBoundRule': { type: 'Number', formula: '1' },
        },
      },
      {
        address: 'B7:B8',
        type: 'Custom',
        props: {
          'custom.rule.formula': '=B7>8',
          'custom.format.fill.color': '#F8D7DA',
          'custom.format.font.color': '#7A0010',
          'custom.format.font.bold': true,
        },
      },
    ]);
    expect(JSON.parse(fx.doc.settings.get(SETTINGS_KEY)!)).toEqual({ dueSoonDays: 21 });
    expect(fx.doc.activeSheetId).toBe(summary.id);
    expect(fx.doc.names.map((n) => n.name)).not.toContain('Ragbook_Lock');
  });

  test('formula-looking text is written as text, exactly, and reads back the same', async () => {
    const fx = standardBook();
    await readAndApply(fx, standardPlan());
    TRICKY_TEXT.forEach((text, i) => {
      const cell = fx.cell('RAG Issues', `D${i + 3}`);
      expect(cell).toMatchObject({ value: text, textPrefix: true });
      expect(cell?.formula).toBeUndefined();
    });
    const grid = await readWorkbookGrid(ctx(fx), { ownedCells: true });
    const issues = grid.sheets.find((s) => s.name === 'RAG Issues')!;
    expect(issues.rows.slice(2).map((r) => r[3])).toEqual(TRICKY_TEXT);
    expect(issues.owned).toBe('issues');
  });

  test('cellInput: text gets an apostrophe, formulas an equals sign, empty cells nothing', () => {
    expect(cellInput({ value: '=Review caseloads' })).toBe("'=Review caseloads");
    expect(cellInput({ value: 'x', formula: 'HYPERLINK("#A1","x")' })).toBe('=HYPERLINK("#A1","x")');
    expect(cellInput({ value: 3 })).toBe(3);
    expect(cellInput({ value: null })).toBe('');
    expect(cellInput({ value: '' })).toBe('');
    expect(cellInput(undefined)).toBe('');
    expect(cellInput({ value: false })).toBe(false);
  });

  test('styles are grouped into rectangles', () => {
    const rows = [
      [t('a', 'header'), t('b', 'header')],
      [t('c', 'text'), t('d', 'text')],
      [t('e', 'text'), t('f', 'text')],
      [t('g', 'text')],
    ];
    expect(styleRects(rows)).toEqual([
      { style: 'header', r1: 0, c1: 0, r2: 0, c2: 1 },
      { style: 'text', r1: 1, c1: 0, r2: 2, c2: 1 },
      { style: 'text', r1: 3, c1: 0, r2: 3, c2: 0 },
    ]);
  });

  test('a foreign "RAG Summary" is left alone and the new summary goes beside it', async () => {
    const fx = new FakeExcel({
      sheets: [
        { name: 'Tracker', rows: trackerRows(5) },
        { name: 'RAG Summary', rows: [['My own summary, typed by hand'], [42]] },
      ],
    });
    const before = fx.snapshotOf(['Tracker', 'RAG Summary']);
    const grid = await readWorkbookGrid(ctx(fx));
    expect(grid.sheets.find((s) => s.name === 'RAG Summary')!.owned).toBeUndefined();
    await applyPlan(ctx(fx), makePlan({ summary: { name: 'RAG Summary (2)' } }));
    expect(fx.snapshotOf(['Tracker', 'RAG Summary'])).toEqual(before);
    expect(fx.sheet('RAG Summary')!.customProperties.size).toBe(0);
    expect(fx.doc.sheets.map((s) => s.name)).toEqual([
      'Tracker',
      'RAG Summary',
      'RAG Summary (2)',
      'RAG Issues',
      'RAG History',
      'Ragbook settings',
    ]);
    expect(fx.sheet('RAG Summary (2)')!.customProperties.get(OWNER_PROPERTY)).toBe('summary');
  });

  test('a plan that would write into a sheet Ragbook did not mark is refused, and nothing is written', async () => {
    const fx = new FakeExcel({
      sheets: [
        { name: 'Tracker', rows: trackerRows(5) },
        { name: 'RAG Summary', rows: [['Mine']] },
      ],
    });
    const before = fx.snapshot();
    const err = await applyPlan(ctx(fx), makePlan({ summary: { existing: 'RAG Summary' } })).catch((e) => e);
    expect(err).toBeInstanceOf(RagbookHostError);
    expect(err.code).toBe('foreign-sheet');
    expect(err.message).toMatch(/was not created by Ragbook/);
    expect(fx.snapshot()).toEqual(before);
    // Nothing but the lock, taken and let go.
    for (const s of fx.syncs) for (const w of s.written) expect(w).toMatch(LOCK_OPS);
  });

  test('a sheet whose rows were packed apart for a new file (a directorate’s All actions) is refused, not written short', async () => {
    const fx = new FakeExcel({ sheets: [{ name: 'Tracker', rows: trackerRows(5) }] });
    const before = fx.snapshot();
    const plan = makePlan();
    const packed = { ...plan, sheets: plan.sheets.map((s, i) => (i === 0 && s.mode === 'replace' ? { ...s, following: 100 } : s)) };
    const err = await applyPlan(ctx(fx), packed).catch((e) => e);
    expect(err).toBeInstanceOf(RagbookHostError);
    expect(err).toMatchObject({ outcome: 'unchanged' });
    expect(err.message).toMatch(/directorate workbook/);
    expect(fx.snapshot()).toEqual(before);
  });

  test('a sheet that takes a planned name meanwhile stops the write before anything is written', async () => {
    const fx = new FakeExcel({
      sheets: [
        { name: 'Tracker', rows: trackerRows(5) },
        { name: 'RAG History', rows: [['typed meanwhile']] },
      ],
    });
    const before = fx.snapshot();
    const err = await applyPlan(ctx(fx), makePlan()).catch((e) => e);
    expect(err).toMatchObject({ code: 'changed-meanwhile' });
    expect(fx.snapshot()).toEqual(before);
  });

  test('sheets an earlier version left while swapping (marked pending: or retired:) are neither read nor written', async () => {
    const fx = standardBook();
    fx.addSheetState({ name: '~rb-tmp-summary-old000', rows: [['half']], customProperties: { [OWNER_PROPERTY]: 'pending:summary' } });
    fx.addSheetState({ name: '~rb-old-history-old000', rows: [['kept']], customProperties: { [OWNER_PROPERTY]: 'retired:history' } });
    const left = fx.snapshotOf(['~rb-tmp-summary-old000', '~rb-old-history-old000']);
    const grid = await readAndApply(fx, standardPlan());
    expect(grid.sheets.map((s) => s.name)).not.toContain('~rb-tmp-summary-old000');
    expect(fx.snapshotOf(['~rb-tmp-summary-old000', '~rb-old-history-old000'])).toEqual(left);
  });

  test('a summary the user moved to the front stays at the front', async () => {
    const fx = new FakeExcel({
      sheets: [
        { name: 'RAG Summary', rows: [['old']], customProperties: owned('summary') },
        { name: 'Tracker', rows: trackerRows(5) },
        { name: 'RAG Issues', rows: [['old']], customProperties: owned('issues') },
        { name: 'RAG History', rows: [['Recalculated'], [45000]], customProperties: owned('history') },
      ],
    });
    await readAndApply(
      fx,
      makePlan({ summary: { existing: 'RAG Summary' }, issues: { existing: 'RAG Issues' }, history: { existing: 'RAG History', run: 1 } }),
    );
    expect(fx.doc.sheets.map((s) => s.name)).toEqual(['RAG Summary', 'Tracker', 'RAG Issues', 'RAG History', 'Ragbook settings']);
  });
});

// ---------------------------------------------------------------------------

describe('failures explained: what happened, what to do, what became of the workbook', () => {
  test('a protected workbook structure is noticed before anything is written: a plain message and no change', async () => {
    const fx = standardBook();
    fx.doc.structureProtected = true;
    const before = fx.snapshot();
    const err = await readAndApply(fx, standardPlan()).catch((e) => e);
    expect(err).toBeInstanceOf(RagbookHostError);
    expect(err).toMatchObject({ code: 'protected', outcome: 'unchanged' });
    expect(err.message).toBe(STRUCTURE_PROTECTED);
    expect(err.message).toMatch(/Review > Protect Workbook/);
    expect(err.message).toMatch(/left as it was/);
    expect(fx.snapshot()).toEqual(before);
    // Known from the survey: nothing but the lock was written, and it was let go.
    for (const s of fx.syncs) for (const w of s.written) expect(w).toMatch(LOCK_OPS);
    expect(fx.syncCount).toBe(3 + 2 + 2);
  });

  test('with the structure protected, Ragbook still updates the sheets it has, in place: that needs no new sheet', async () => {
    const fx = standardBook();
    await readAndApply(fx, standardPlan());
    fx.doc.structureProtected = true;
    await readAndApply(
      fx,
      makePlan({ summary: { existing: 'RAG Summary' }, issues: { existing: 'RAG Issues' }, history: { existing: 'RAG History', run: 1 } }),
    );
    expect(fx.valuesOf('RAG History').map((r) => r[0])).toEqual(['Recalculated', 45930, 45931]);
  });

  test('protection Excel reports only when writing (AccessDenied) is explained too, and nothing is changed', async () => {
    const fx = standardBook({ failAtSync: 6, failWith: 'AccessDenied' });
    const before = fx.snapshot();
    const err = await readAndApply(fx, standardPlan()).catch((e) => e);
    expect(err).toMatchObject({ code: 'protected', officeCode: 'AccessDenied' });
    expect(err.message).toMatch(/protected/);
    expect(err.message).toMatch(/left as it was/);
    expect(fx.snapshot()).toEqual(before);
  });

  test('a sheet protected against selecting its cells: Go to cell says so, and names the cell', async () => {
    // The second sync is the one that activates and selects.
    const fx = standardBook({ failAtSync: 2, failWith: 'AccessDenied' });
    const err = await goToCellIn(ctx(fx), 'Tracker', 'D5').catch((e) => e);
    expect(err).toBeInstanceOf(RagbookHostError);
    expect(err).toMatchObject({ code: 'protected', officeCode: 'AccessDenied' });
    expect(err.message).toMatch(/^The sheet 'Tracker' is protected/);
    expect(err.message).toMatch(/Tracker!D5/);
    expect(err.message).not.toMatch(/add or replace its sheets/);
  });

  test('cell edit mode gives the Enter-or-Esc message', async () => {
    const fx = standardBook({ cellEditMode: true });
    const recalc: Recalculate = () => {
      throw new Error('not reached');
    };
    const err = await recalculateWith(ctx(fx), recalc).catch((e) => e);
    expect(err).toBeInstanceOf(RagbookHostError);
    expect(err.code).toBe('edit-mode');
    expect(err.message).toMatch(/^Excel is editing a cell\. Press Enter or Esc to leave the cell, then click Recalculate summary again\./);
  });

  test.each([
    ['Conflict', 'conflict', /co-authoring/],
    ['ApiNotFound', 'unsupported', /too old/],
    ['InsertDeleteConflict', 'insert-delete', /a table, a filter or merged cells/],
    ['ItemAlreadyExists', 'changed-meanwhile', /added while/],
    ['InvalidArgument', 'invalid-argument', /fault in Ragbook/],
    ['InactiveWorkbook', 'inactive-workbook', /Click anywhere in this workbook/],
  ])('Office error %s becomes %s', async (officeCode, code, text) => {
    const fx = standardBook({ failAtSync: 6, failWith: officeCode });
    const before = fx.snapshot();
    const err = await readAndApply(fx, standardPlan()).catch((e) => e);
    expect(err).toMatchObject({ code, officeCode, outcome: 'unchanged' });
    expect(err.message).toMatch(text);
    expect(err.message).toMatch(/left as it was/);
    expect(fx.snapshot()).toEqual(before);
  });

  test('InsertDeleteConflict is not called protection, and EditModeCannotAcquireLock (not an Excel error code) is not special', async () => {
    const { toHostError } = await import('../src/workbook/office/errors');
    expect(toHostError(new FakeOfficeError('InsertDeleteConflict', 'x')).message).not.toMatch(/protect/i);
    expect(toHostError(new FakeOfficeError('EditModeCannotAcquireLock', 'x')).code).toBe('failed');
  });
});

// ---------------------------------------------------------------------------

describe('settings', () => {
  const withSetting = (value: unknown) => new FakeExcel({ sheets: [{ name: 'Tracker' }], settings: { [SETTINGS_KEY]: value } });

  test('no settings: the defaults, no problems', async () => {
    const parsed = await readSettingsFrom(ctx(new FakeExcel({ sheets: [{ name: 'Tracker' }] })));
    expect(parsed).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  test('settings that are not JSON: the defaults and a problem', async () => {
    const parsed = await readSettingsFrom(ctx(withSetting('{"dueSoonDays": 7,')));
    expect(parsed.settings).toEqual(DEFAULT_SETTINGS);
    expect(parsed.problems).toEqual([{ path: '(settings)', message: expect.stringMatching(/not valid JSON/) }]);
  });

  test('a damaged setting: its default and a problem naming it; the good ones are kept', async () => {
    const parsed = await readSettingsFrom(ctx(withSetting({ dueSoonDays: -3, financialYearStartMonth: 1 })));
    expect(parsed.settings.dueSoonDays).toBe(DEFAULT_SETTINGS.dueSoonDays);
    expect(parsed.settings.financialYearStartMonth).toBe(1);
    expect(parsed.problems.map((p) => p.path)).toEqual(['dueSoonDays']);
  });

  test('settings stored as JSON text (quoted twice) are read too', async () => {
    const parsed = await readSettingsFrom(ctx(withSetting(JSON.stringify({ dueSoonDays: 10 }))));
    expect(parsed.settings.dueSoonDays).toBe(10);
    expect(parsed.problems).toEqual([]);
  });

  test('saving stores them in the add-in settings and on the hidden settings sheet, in three syncs, under the lock', async () => {
    const fx = standardBook();
    await saveSettingsTo(ctx(fx), { ...DEFAULT_SETTINGS, dueSoonDays: 12 });
    expect(fx.syncCount).toBe(3);
    expect(JSON.parse(fx.doc.settings.get(SETTINGS_KEY)!).dueSoonDays).toBe(12);
    expect(JSON.parse(String(fx.valuesOf('Ragbook settings')[3][0])).dueSoonDays).toBe(12);
    expect(fx.sheet('Ragbook settings')!.visibility).toBe('Hidden');
    // Ragbook's summary and the user's sheets are as they were.
    expect(fx.valuesOf('RAG Summary')).toEqual([['RAG summary'], ['old figures']]);
    expect(fx.doc.names.map((n) => n.name)).toEqual([markName('settings')]);
    // Saved again: the same sheet, updated.
    const id = fx.sheet('Ragbook settings')!.id;
    await saveSettingsTo(ctx(fx), { ...DEFAULT_SETTINGS, dueSoonDays: 13 });
    expect(fx.sheet('Ragbook settings')!.id).toBe(id);
    fx.doc.settings.clear();
    expect((await readSettingsFrom(ctx(fx))).settings.dueSoonDays).toBe(13);
  });

  test('saving stores them in the workbook; invalid settings are refused', async () => {
    const fx = withSetting({});
    await saveSettingsTo(ctx(fx), { ...DEFAULT_SETTINGS, dueSoonDays: 30 });
    expect((await readSettingsFrom(ctx(fx))).settings.dueSoonDays).toBe(30);
    const err = await saveSettingsTo(ctx(fx), { ...DEFAULT_SETTINGS, dueSoonDays: -1 }).catch((e) => e);
    expect(err).toMatchObject({ code: 'invalid-settings' });
    expect((await readSettingsFrom(ctx(fx))).settings.dueSoonDays).toBe(30);
  });
});

// ---------------------------------------------------------------------------

describe('navigation, status line, requirements', () => {
  test('go to cell activates the sheet and selects the cell', async () => {
    const fx = standardBook();
    await goToCellIn(ctx(fx), 'Notes', 'B2');
    expect(fx.doc.activeSheetId).toBe(fx.sheet('Notes')!.id);
    expect(fx.doc.selection).toEqual({ sheetId: fx.sheet('Notes')!.id, address: 'B2' });
    expect(fx.syncCount).toBe(2);
  });

  test('go to cell on a hidden or missing sheet says so', async () => {
    const fx = new FakeExcel({
      sheets: [
        { name: 'Tracker', rows: [['x']] },
        { name: 'Old', rows: [['y']], hidden: true },
      ],
    });
    await expect(goToCellIn(ctx(fx), 'Old', 'A1')).rejects.toMatchObject({ code: 'hidden', message: expect.stringMatching(/Unhide/) });
    await expect(goToCellIn(ctx(fx), 'Gone', 'A1')).rejects.toMatchObject({ code: 'not-found' });
    await expect(goToCellIn(ctx(fx), 'Tracker', 'dueSoonDays')).rejects.toMatchObject({ code: 'not-found' });
  });

  test('the status line goes only on Ragbook’s own summary sheet', async () => {
    const fx = standardBook();
    expect(await writeStatusLineIn(ctx(fx), 'Recalculation failed at 10:02: Excel is editing a cell.')).toBe(true);
    expect(fx.cell('RAG Summary', STATUS_CELL)).toMatchObject({ value: 'Recalculation failed at 10:02: Excel is editing a cell.' });
    const foreign = new FakeExcel({ sheets: [{ name: 'RAG Summary', rows: [['mine']] }] });
    const before = foreign.snapshot();
    expect(await writeStatusLineIn(ctx(foreign), 'x')).toBe(false);
    expect(foreign.snapshot()).toEqual(before);
  });

  test('requirements: ExcelApi 1.12 or a plain message', () => {
    expect(checkRequirements(fakeRequirements(13))).toBeNull();
    expect(checkRequirements(fakeRequirements(12))).toBeNull();
    expect(checkRequirements(fakeRequirements(11))).toBe(EXCEL_TOO_OLD);
    expect(checkRequirements(null)).toMatch(/could not reach Excel/);
  });
});

// ---------------------------------------------------------------------------

describe('the ribbon command', () => {
  function deps(over: Partial<CommandDeps>): CommandDeps & { log: string[] } {
    const log: string[] = [];
    return {
      log,
      check: () => null,
      recalculate: async () => log.push('recalculate'),
      statusLine: async (text) => (log.push(`status: ${text}`), true),
      dialog: async (title, message) => void log.push(`dialog: ${message}`),
      now: () => new Date(2025, 8, 30, 10, 2),
      ...over,
    };
  }

  test('success: recalculates and completes, no message', async () => {
    const completed = jest.fn();
    const d = deps({});
    await runRecalculateSummary({ completed }, d);
    expect(d.log).toEqual(['recalculate']);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  test('failure: the reason goes to the status line and a dialog, and the event still completes', async () => {
    const completed = jest.fn();
    const d = deps({
      recalculate: async () => {
        throw new RagbookHostError(
          'Excel is editing a cell. Press Enter or Esc to leave the cell, then click Recalculate summary again.',
          'edit-mode',
        );
      },
    });
    await runRecalculateSummary({ completed }, d);
    expect(d.log).toEqual([
      'status: Recalculation failed at 10:02: Excel is editing a cell. Press Enter or Esc to leave the cell, then click Recalculate summary again.',
      'dialog: Excel is editing a cell. Press Enter or Esc to leave the cell, then click Recalculate summary again.',
    ]);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  test('when Excel stops answering, the watchdog tells the user and the event completes', async () => {
    const completed = jest.fn();
    const never = () => new Promise<never>(() => undefined);
    const d = deps({ recalculate: never, statusLine: never, timeoutMs: 20 });
    await runRecalculateSummary({ completed }, d);
    expect(d.log).toEqual([`dialog: ${NO_ANSWER}`]);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  test('even when showing the failure fails, the event completes; an old Excel is told so', async () => {
    const completed = jest.fn();
    const shown: string[] = [];
    await runRecalculateSummary(
      { completed },
      deps({
        check: () => EXCEL_TOO_OLD,
        statusLine: async () => {
          throw new FakeOfficeError('GeneralException', 'no');
        },
        dialog: async (_t, m) => {
          shown.push(m);
          throw new Error('dialog blocked');
        },
      }),
    );
    expect(shown).toEqual([EXCEL_TOO_OLD]);
    expect(completed).toHaveBeenCalledTimes(1);
  });
});

// ---------------------------------------------------------------------------
// With the real engine.

describe('readWorkbookGrid → recalculate → applyPlan with the engine', () => {
  const NOW = new Date('2025-09-30T12:00:00Z');
  const tracker = (): SheetInit[] => [
    {
      name: 'Progress',
      rows: [
        ['Work stream 2: Improving triage'],
        ['No', 'Action', 'Progress at 30 June 2025', 'Status'],
        [1, 'Review caseloads', '=Review caseloads weekly', 'Completed'],
        [2, 'Train staff', 'Done in May', 'completed'],
        [3, 'Audit files', 'Under way', 'In progess'],
        [4, 'Publish guidance', '', 'Static'],
        [5, 'Close the loop', 'Planned', ''],
      ],
    },
    { name: 'RAG Summary', rows: [['A summary I typed myself']] },
  ];

  test('the figures, the sheets beside a foreign summary, 6 syncs; a second run updates its own sheets in place', async () => {
    const fx = new FakeExcel({ sheets: tracker() });
    const before = fx.snapshotOf(['Progress', 'RAG Summary']);
    const result = await recalculateWith(ctx(fx), recalculate, { asOf: '2025-09-30', now: NOW });
    expect(fx.syncCount).toBe(6);
    measured['whole recalculation (engine), syncs'] = fx.syncCount;
    measured['whole recalculation (engine), syncs before in-place updates'] = 7;
    expect(result.workstreams).toHaveLength(1);
    expect(result.workstreams[0].title).toBe('Work stream 2: Improving triage');
    expect(result.workstreams[0].figures.counts.total).toBe(5);
    expect(fx.snapshotOf(['Progress', 'RAG Summary'])).toEqual(before);
    const names = fx.doc.sheets.map((s) => s.name);
    expect(names.slice(0, 2)).toEqual(['Progress', 'RAG Summary']);
    expect(names).toContain('RAG Summary (2)');
    expect(fx.sheet('RAG Summary (2)')!.customProperties.get(OWNER_PROPERTY)).toBe('summary');
    // Text from the tracker that looks like a formula stays text wherever it is written.
    for (const s of fx.doc.sheets) {
      for (const cell of s.cells.values()) if (cell.formula) expect(cell.formula).toMatch(/^=HYPERLINK\(/);
    }

    const ids = fx.doc.sheets.map((s) => s.id);
    const again = await recalculateWith(ctx(fx), recalculate, { asOf: '2025-09-30', now: NOW });
    expect(fx.syncCount).toBe(12);
    expect(again.workstreams[0].figures.counts).toEqual(result.workstreams[0].figures.counts);
    expect(fx.doc.sheets.map((s) => s.name)).toEqual(names);
    expect(fx.doc.sheets.map((s) => s.id)).toEqual(ids);
    const history = fx.doc.sheets.find((s) => s.customProperties.get(OWNER_PROPERTY) === 'history')!;
    // Each run appended its work stream and the overall below the header, in the long layout.
    const rows = fx.valuesOf(history.name);
    const header = rows.findIndex((r) => r[0] === 'Recalculated');
    expect(header).toBeGreaterThan(0);
    expect(rows.slice(header + 1).map((r) => r[2])).toEqual([
      'Work stream 2: Improving triage',
      'Overall',
      'Work stream 2: Improving triage',
      'Overall',
    ]);
    expect(fx.snapshotOf(['Progress', 'RAG Summary'])).toEqual(before);
  });

  test('fixture workbooks give the same result through the Office adapter as through the .xlsx reader', async () => {
    for (const file of ['workstreams.xlsx', 'rag-review.xlsx', 'milestones.xlsx']) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(__dirname, 'fixtures', file)));
      const { grid } = readXlsx(bytes, file);
      const direct = recalculate(grid, { asOf: '2025-09-30', now: NOW }).result;
      const fx = new FakeExcel({ name: file, sheets: sheetsFromGrid(grid), date1904: grid.date1904 });
      const viaOffice = await recalculateWith(ctx(fx), recalculate, { asOf: '2025-09-30', now: NOW });
      expect(fx.syncCount).toBe(6);
      expect(viaOffice.workstreams.map((w) => [w.title, w.figures.counts, w.figures.rag])).toEqual(
        direct.workstreams.map((w) => [w.title, w.figures.counts, w.figures.rag]),
      );
      expect(viaOffice.findings.map((f) => [f.code, f.cell])).toEqual(direct.findings.map((f) => [f.code, f.cell]));
    }
  });
});

// ---------------------------------------------------------------------------
// The ribbon command end to end on the fake, and starting up in (or out of) Office.

describe('the ribbon command on the fake workbook, with the engine', () => {
  const NOW = new Date('2025-09-30T12:00:00Z');
  const book = (options: FakeOptions = {}) =>
    new FakeExcel(
      {
        sheets: [
          {
            name: 'Progress',
            rows: [
              ['Work stream 1: Front door'],
              ['No', 'Action', 'Progress', 'Status'],
              [1, 'Publish the policy', 'Done', 'Completed'],
              [2, 'Train staff', 'Half done', 'In progress'],
            ],
          },
          { name: 'Notes', rows: [['mine']] },
        ],
      },
      options,
    );
  const depsFor = (fx: FakeExcel, dialogs: string[]): CommandDeps => ({
    check: () => null,
    recalculate: () => recalculateWith(ctx(fx), recalculate, { asOf: '2025-09-30', now: NOW }),
    statusLine: (text) => writeStatusLineIn(ctx(fx), text),
    dialog: async (_title, message) => void dialogs.push(message),
    now: () => new Date(2025, 8, 30, 10, 2),
  });

  test('Recalculate summary writes the RAG sheets and leaves RAG Summary active, without opening the pane', async () => {
    const fx = book();
    const dialogs: string[] = [];
    const completed = jest.fn();
    await runRecalculateSummary({ completed }, depsFor(fx, dialogs));
    expect(completed).toHaveBeenCalledTimes(1);
    expect(dialogs).toEqual([]);
    const active = fx.doc.sheets.find((s) => s.id === fx.doc.activeSheetId)!;
    expect(active.name).toBe('RAG Summary');
    expect(active.customProperties.get(OWNER_PROPERTY)).toBe('summary');
  });

  test('a failure while writing is never silent: the old summary stays, its status line and a dialog say why', async () => {
    const fx = book();
    const dialogs: string[] = [];
    await runRecalculateSummary({ completed: () => undefined }, depsFor(fx, dialogs));
    const summaryBefore = fx.snapshotOf(['Progress', 'Notes', 'RAG Summary']);
    // The next run fails at its sixth sync (the write), as in a co-authoring clash.
    fx.options.failAtSync = fx.syncCount + 6;
    fx.options.failWith = 'Conflict';
    const completed = jest.fn();
    await runRecalculateSummary({ completed }, depsFor(fx, dialogs));
    expect(completed).toHaveBeenCalledTimes(1);
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]).toMatch(/co-authoring/);
    expect(dialogs[0]).toMatch(/left as it was/);
    const status = fx.cell('RAG Summary', STATUS_CELL)!;
    expect(String(status.value)).toMatch(/^Recalculation failed at 10:02: Someone else changed the workbook/);
    expect(status.textPrefix).toBe(true);
    // Apart from that one status cell (B1) and its red bold font, the summary and the user's sheets are as they were.
    type Snap = { cells: [string, unknown][]; formats: unknown[] };
    const [before, after] = [summaryBefore, fx.snapshotOf(['Progress', 'Notes', 'RAG Summary'])] as Snap[][];
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(after[2].cells.filter(([k]) => k !== '0,1')).toEqual(before[2].cells);
    expect(after[2].formats.slice(0, before[2].formats.length)).toEqual(before[2].formats);
    expect(after[2].formats.slice(before[2].formats.length)).toEqual([
      ['B1', 'font.color', '#C00000'],
      ['B1', 'font.bold', true],
    ]);
    expect(fx.doc.sheets.map((s) => s.name).filter((n) => n.startsWith('~rb-'))).toEqual([]);
  });
});

describe('starting up: only workbook/office/ asks Office.js where it is', () => {
  const g = globalThis as Record<string, unknown>;
  afterEach(() => {
    delete g.Office;
    delete g.recalculateSummary;
  });

  test('every batch runs with delayForCellEdit: a click while a cell is being edited waits rather than fails', async () => {
    const seen: unknown[] = [];
    const fx = standardBook();
    g.Excel = {
      run: (opts: unknown, batch: (c: unknown) => Promise<unknown>) => {
        seen.push(opts);
        return batch(fx.context);
      },
    };
    try {
      const { excelRunner } = await import('../src/workbook/office/run');
      await expect(excelRunner(async () => 'ran')).resolves.toBe('ran');
      expect(seen).toEqual([{ delayForCellEdit: true }]);
    } finally {
      delete g.Excel;
    }
  });

  test('without office.js (offline, blocked): not loaded, and not Excel', async () => {
    expect(officeLoaded()).toBe(false);
    await expect(whenOfficeReady()).resolves.toBe('elsewhere');
    expect(officeThemeBackground()).toBeNull();
  });

  test('office.js in a plain browser reports no host: not Excel; inside Excel: Excel', async () => {
    g.Office = { HostType: { Excel: 'Excel' }, onReady: async () => ({ host: null, platform: null }) };
    expect(officeLoaded()).toBe(true);
    await expect(whenOfficeReady()).resolves.toBe('elsewhere');
    g.Office = {
      HostType: { Excel: 'Excel' },
      onReady: async () => ({ host: 'Excel', platform: 'PC' }),
      context: { officeTheme: { bodyBackgroundColor: '#262626' } },
    };
    await expect(whenOfficeReady()).resolves.toBe('excel');
    expect(officeThemeBackground()).toBe('#262626');
  });

  test('a host without officeTheme (it throws) gives no theme rather than an error', () => {
    g.Office = {
      onReady: async () => ({}),
      get context() {
        throw new Error('officeTheme is not supported');
      },
    };
    expect(officeThemeBackground()).toBeNull();
  });

  test('the function command is associated once Office is ready, and also set as a global for older hosts', async () => {
    const associate = jest.fn();
    g.Office = { onReady: (fn?: () => void) => (fn?.(), Promise.resolve({ host: 'Excel' })), actions: { associate } };
    const handler = jest.fn();
    registerFunctionCommand('recalculateSummary', handler);
    expect(associate).toHaveBeenCalledWith('recalculateSummary', handler);
    expect(g.recalculateSummary).toBe(handler);
  });

  test('the failure dialog resolves when closed, and at once when no dialog can be shown', async () => {
    const handlers: Record<string, () => void> = {};
    const close = jest.fn();
    const urls: string[] = [];
    const hadWindow = 'window' in globalThis;
    if (!hadWindow) g.window = { location: { href: 'https://localhost:3000/commands.html' } };
    g.Office = {
      AsyncResultStatus: { Succeeded: 'succeeded' },
      EventType: { DialogMessageReceived: 'message', DialogEventReceived: 'event' },
      context: {
        ui: {
          displayDialogAsync: (url: string, _o: unknown, cb: (r: unknown) => void) => {
            urls.push(url);
            cb({ status: 'succeeded', value: { close, addEventHandler: (t: string, h: () => void) => (handlers[t] = h) } });
          },
        },
      },
    };
    const shown = showMessageDialog('Ragbook could not recalculate the summary', 'Excel is editing a cell.');
    expect(new URL(urls[0]).searchParams.get('message')).toBe('Excel is editing a cell.');
    handlers.message();
    await shown;
    expect(close).toHaveBeenCalled();

    (g.Office as { context: { ui: unknown } }).context.ui = {
      displayDialogAsync: (_u: string, _o: unknown, cb: (r: unknown) => void) => cb({ status: 'failed' }),
    };
    await expect(showMessageDialog('t', 'm', 60_000)).resolves.toBeUndefined();
    if (!hadWindow) delete g.window;
  });
});
