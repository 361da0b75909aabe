import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { recalculate } from '../src/core/engine';
import { type SheetGrid, type WorkbookGrid, areaA1, cellAt, formatAt } from '../src/core/grid';
import { SETTINGS_KEY } from '../src/core/ownership';
import type { Plan } from '../src/core/plan-schema';
import { main } from '../src/cli/main';
import { openWorkbook, recalculateWorkbook } from '../src/taskpane/preview/session';
import type { OwnedSheet, WorkbookAdapter } from '../src/workbook/adapter';
import { OfficeWorkbook } from '../src/workbook/office/adapter';
import { XlsxWorkbook } from '../src/workbook/xlsx/adapter';
import { readXlsx } from '../src/workbook/xlsx/read';
import { FakeExcel } from './fake-excel/fake-excel';
import { makePlan, sheetsFromGrid } from './fake-excel/plans';

// One contract (src/workbook/adapter.ts), one suite, both hosts: the strict Office
// fake (tests/fake-excel) seeded with the very workbook the .xlsx adapter reads
// (tests/fixtures/workstreams-messy.xlsx, its grid read by the .xlsx reader), and
// the .xlsx adapter over the file itself, whose every change is saved and opened
// again before it is looked at (a real round trip through the bytes).

const FIXTURE = path.join(__dirname, 'fixtures', 'workstreams-messy.xlsx');
/** A register rated by fill colour alone: standard, theme, tinted theme and indexed fills, and a word on another rating's fill. */
const COLOUR_FIXTURE = path.join(__dirname, 'fixtures', 'trackers', 'colour-rag-register.xlsx');
const FILE_NAME = path.basename(FIXTURE);
const fixtureBytes = () => new Uint8Array(fs.readFileSync(FIXTURE));
const NOW = new Date('2025-09-30T12:00:00Z');
const AS_OF = '2025-09-30';

/** A workbook in one host: its adapter now, and again as the next recalculation would find it. */
interface Opened {
  book: WorkbookAdapter;
  /** The workbook after the changes made through `book`: the same open workbook in Excel, the saved file opened again for .xlsx. */
  reopen(): Opened;
  /**
   * The workbook as another program saves it (LibreOffice, Google Sheets): what only
   * Excel keeps gone, the worksheet custom properties and the add-in settings.
   */
  savedElsewhere(): Opened;
}

interface Host {
  name: string;
  open(): Opened;
}

function officeHost(fixture = FIXTURE): Host {
  const fileName = path.basename(fixture);
  return {
    name: 'Office (the strict fake)',
    open() {
      const { grid } = readXlsx(new Uint8Array(fs.readFileSync(fixture)), fileName);
      const fx = new FakeExcel({
        name: fileName,
        sheets: sheetsFromGrid(grid),
        date1904: grid.date1904,
        ...(grid.settings === undefined ? {} : { settings: { [SETTINGS_KEY]: grid.settings } }),
      });
      const opened = (): Opened => ({
        // Every batch in the fake's one request context, so the fake checks each load and sync.
        book: new OfficeWorkbook((batch) => batch(fx.context as unknown as Excel.RequestContext), { tableResize: true, mergedAreas: true }),
        reopen: opened,
        savedElsewhere: () => {
          for (const s of fx.doc.sheets) s.customProperties.clear();
          fx.doc.settings.clear();
          return opened();
        },
      });
      return opened();
    },
  };
}

/** A package without its worksheet custom properties and web extension parts, as LibreOffice saves one. */
function withoutExcelOnlyParts(bytes: Uint8Array): Uint8Array {
  const parts = unzipSync(bytes);
  const out: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(parts)) {
    if (/customProperty\d*\.bin$|webextensions\//.test(name)) continue;
    let text = /\.(xml|rels)$/.test(name) ? strFromU8(data) : null;
    if (text !== null) {
      text = text
        .replace(/<customProperties>.*?<\/customProperties>/g, '')
        .replace(/<Relationship [^>]*(customProperty|webextensiontaskpanes)"[^>]*\/>/g, '')
        .replace(/<Override PartName="[^"]*(customProperty|webextension)[^"]*"[^>]*\/>/g, '');
      out[name] = strToU8(text);
    } else out[name] = data;
  }
  return zipSync(out);
}

function xlsxHost(fixture = FIXTURE): Host {
  const fileName = path.basename(fixture);
  const opened = (bytes: Uint8Array): Opened => {
    const book = new XlsxWorkbook(bytes, fileName);
    return { book, reopen: () => opened(book.bytes.slice()), savedElsewhere: () => opened(withoutExcelOnlyParts(book.bytes)) };
  };
  return { name: '.xlsx (round trips through the file)', open: () => opened(new Uint8Array(fs.readFileSync(fixture))) };
}

const HOSTS = [officeHost(), xlsxHost()];

/**
 * A sheet as both hosts must agree on it: values cell by cell over the area either
 * reads, number formats where the value is a number (the only place they matter,
 * and the only place Office reports them; General when none is given), each
 * cell's fill, merged areas, tables, visibility and Ragbook's mark. How rows are
 * padded is the adapter's own business.
 */
function sheetView(s: SheetGrid) {
  const rows = s.rows.length;
  const cols = Math.max(0, ...s.rows.map((r) => r?.length ?? 0));
  const cells: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = cellAt(s, r, c);
      if (v === null) continue;
      cells.push(`${r},${c}: ${JSON.stringify(v)}${typeof v === 'number' ? ` [${formatAt(s, r, c) ?? 'General'}]` : ''}`);
    }
  }
  const fills: string[] = [];
  (s.fills ?? []).forEach((row, r) => row.forEach((f, c) => f !== null && fills.push(`${areaA1({ r1: r, c1: c, r2: r, c2: c })} ${f}`)));
  return {
    name: s.name,
    hidden: Boolean(s.hidden),
    owned: s.owned ?? null,
    tables: s.tables.map((t) => `${t.name} ${areaA1(t.area)} ${t.hasHeader}`).sort(),
    merges: s.merges.map(areaA1).sort(),
    cells,
    fills,
  };
}

/** The whole workbook as both hosts must agree on it; Ragbook's summary and issues sheets by name and mark only. */
function workbookView(g: WorkbookGrid) {
  return {
    name: g.name,
    date1904: g.date1904,
    settings: g.settings,
    sheets: g.sheets.map((s) => (s.owned && s.owned !== 'history' ? { name: s.name, owned: s.owned } : sheetView(s))),
  };
}

const userSheets = (g: WorkbookGrid) => g.sheets.filter((s) => !s.owned).map(sheetView);

async function planFor(book: WorkbookAdapter, settings?: unknown): Promise<Plan> {
  return recalculate(await book.readWorkbook(), { asOf: AS_OF, now: NOW, settings }).plan;
}

/** The hidden sheet both hosts keep a copy of the settings on. */
const SETTINGS_SHEET: OwnedSheet = { name: 'Ragbook settings', role: 'settings' };

/** Ragbook's sheets after a plan is applied: the plan's, then the settings sheet. */
const roles = (plan: Plan): OwnedSheet[] => [...plan.sheets.map((s) => ({ name: s.name, role: s.role })), SETTINGS_SHEET];

describe('both hosts read the same workbook alike', () => {
  test('the grids read from the fixture are the same in Office and in the .xlsx file', async () => {
    const [office, xlsx] = await Promise.all(HOSTS.map((h) => h.open().book.readWorkbook()));
    const view = workbookView(office);
    expect(view).toEqual(workbookView(xlsx));
    // Something to compare: a tracker of 44 actions, its summary blocks' shares under a percent format.
    const cells = sheetView(office.sheets[0]).cells;
    expect(cells.length).toBeGreaterThan(200);
    expect(cells.filter((c) => c.endsWith('[0%]')).length).toBeGreaterThan(2);
  });

  test('a register rated by colour: both hosts read the same fill in each cell, theme, tinted and indexed colours resolved', async () => {
    const [office, xlsx] = await Promise.all(
      [officeHost(COLOUR_FIXTURE), xlsxHost(COLOUR_FIXTURE)].map((h) => h.open().book.readWorkbook()),
    );
    const view = workbookView(office);
    expect(view).toEqual(workbookView(xlsx));
    const fills = (view.sheets[0] as ReturnType<typeof sheetView>).fills;
    // Standard green, theme accent 3, accent 6 darker 25%, indexed 52, and a Green typed on dark red.
    expect(fills).toEqual(expect.arrayContaining(['F5 #00B050', 'F8 #9BBB59', 'F11 #E46C0A', 'F10 #FF9900', 'F12 #C00000']));
  });

  test('after the same two recalculations, both hosts hold the same sheets, marked alike, and read the same grids', async () => {
    const views = [];
    for (const host of HOSTS) {
      let opened = host.open();
      await opened.book.applyPlan(await planFor(opened.book, { dueSoonDays: 21 }));
      opened = opened.reopen();
      await opened.book.applyPlan(await planFor(opened.book));
      opened = opened.reopen();
      views.push({ grid: workbookView(await opened.book.readWorkbook()), own: await opened.book.ownSheets() });
    }
    expect(views[0]).toEqual(views[1]);
  });

  test('hand-built plans (tables, print setup, a history appended to, a sheet set aside) leave both hosts with the same sheets, cells and tables', async () => {
    const views = [];
    for (const host of HOSTS) {
      let opened = host.open();
      await opened.book.applyPlan(makePlan());
      opened = opened.reopen();
      const second = makePlan({
        summary: { existing: 'RAG Summary' },
        issues: { existing: 'RAG Issues' },
        history: { existing: 'RAG History', run: 1, rows: 2 },
      });
      await opened.book.applyPlan(second);
      opened = opened.reopen();
      const third = makePlan({ summary: { existing: 'RAG Summary' }, issues: { existing: 'RAG Issues' }, history: { run: 3 } });
      await opened.book.applyPlan({ ...third, retire: [{ name: 'RAG History', newName: 'RAG History (old)' }] });
      opened = opened.reopen();
      const grid = await opened.book.readWorkbook();
      // Office reads no cells of an archive (nothing needs them); the .xlsx reader reads every sheet's.
      const { cells, ...archive } = sheetView(grid.sheets.find((s) => s.name === 'RAG History (old)')!);
      views.push({ grid: workbookView(grid), own: await opened.book.ownSheets(), archive, cells });
    }
    expect(views.map(({ cells: _, ...v }) => v)[0]).toEqual(views.map(({ cells: _, ...v }) => v)[1]);
    // The set-aside history: the first run's row, the second run's two below it, its table over all three.
    expect(views[0].archive.tables).toEqual(['RagHistory A1:C4 true']);
    expect(views[1].cells.filter((c) => c.startsWith('3,0') || c.startsWith('1,0'))).toEqual([
      '1,0: 45930 [d mmmm yyyy]',
      '3,0: 45932 [d mmmm yyyy]',
    ]);
    expect(views[0].own.map((s) => s.role)).toEqual(['summary', 'issues', 'archive', 'settings', 'history']);
  });
});

describe.each(HOSTS.map((h) => [h.name, h] as const))('the host contract: %s', (_name, host) => {
  test('a plan applied writes its four sheets and marks them as Ragbook’s: ownSheets finds them, readWorkbook flags them', async () => {
    let opened = host.open();
    const before = await opened.book.readWorkbook();
    expect(await opened.book.ownSheets()).toEqual([]);
    const plan = await planFor(opened.book);
    expect(plan.sheets.map((s) => s.role)).toEqual(['summary', 'actions', 'issues', 'history']);

    const outcome = await opened.book.applyPlan(plan);
    expect(outcome.written).toEqual(plan.sheets.map((s) => s.name));

    opened = opened.reopen();
    expect(await opened.book.ownSheets()).toEqual(roles(plan));
    const after = await opened.book.readWorkbook();
    expect(after.sheets.filter((s) => s.owned).map((s) => ({ name: s.name, role: s.owned }))).toEqual(roles(plan));
    // The user's sheets come first, as they were, and read the same.
    expect(after.sheets.slice(0, before.sheets.length).map((s) => s.name)).toEqual(before.sheets.map((s) => s.name));
    expect(userSheets(after)).toEqual(userSheets(before));
  });

  test('a second plan updates Ragbook’s sheets in place, without touching the user’s sheets', async () => {
    let opened = host.open();
    const before = await opened.book.readWorkbook();
    const first = await planFor(opened.book);
    await opened.book.applyPlan(first);
    opened = opened.reopen();
    const names = (await opened.book.readWorkbook()).sheets.map((s) => s.name);

    const second = await planFor(opened.book);
    expect(second.sheets.map((s) => s.existing)).toEqual(first.sheets.map((s) => s.name));
    expect((await opened.book.applyPlan(second)).written).toEqual(second.sheets.map((s) => s.name));
    opened = opened.reopen();
    const after = await opened.book.readWorkbook();
    expect(after.sheets.map((s) => s.name)).toEqual(names);
    expect(await opened.book.ownSheets()).toEqual(roles(second));
    expect(userSheets(after)).toEqual(userSheets(before));
    // The history sheet grew by the second recalculation's rows (one per work stream
    // and the overall, in the long layout), below the first's and its title and header.
    const history = (g: WorkbookGrid) => g.sheets.find((s) => s.owned === 'history')!.rows.filter((r) => r?.some((v) => v !== null)).length;
    const plannedHistory = recalculate(before, { asOf: AS_OF, now: NOW }).plan.sheets.find((s) => s.role === 'history')!;
    if (plannedHistory.mode !== 'append') throw new Error('RAG History is appended');
    const head = plannedHistory.head.filter((r) => r.some((c) => c.value !== null && c.value !== '')).length;
    const once = plannedHistory.rows.length;
    expect(once).toBe(second.sheets.find((s) => s.role === 'history')!.rows.length);
    expect(history(after)).toBe(head + 2 * once);
  });

  test('settings saved by a recalculation are read back by the next one', async () => {
    const mine = {
      dueSoonDays: 21,
      sheetNames: { summary: 'Board RAG', actions: 'Board actions', issues: 'Board issues', history: 'Board history' },
    };
    let opened = host.open();
    expect(await opened.book.readSettings()).toBeUndefined();
    const first = await planFor(opened.book, mine);
    const saved = JSON.parse(first.settingsJson);
    expect(saved).toMatchObject(mine);
    await opened.book.applyPlan(first);

    opened = opened.reopen();
    expect(await opened.book.readSettings()).toEqual(saved);
    expect((await opened.book.readWorkbook()).settings).toEqual(saved);
    // The next recalculation, given no settings, works by the saved ones: it updates
    // the sheets they named, and saves the same settings again.
    const next = await planFor(opened.book);
    expect(next.sheets.map((s) => [s.name, s.existing])).toEqual([
      ['Board RAG', 'Board RAG'],
      ['Board actions', 'Board actions'],
      ['Board issues', 'Board issues'],
      ['Board history', 'Board history'],
    ]);
    expect(JSON.parse(next.settingsJson)).toEqual(saved);
    await opened.book.applyPlan(next);
    opened = opened.reopen();
    expect(await opened.book.readSettings()).toEqual(saved);
    expect((await opened.book.ownSheets()).map((s) => s.name)).toEqual([
      'Board RAG',
      'Board actions',
      'Board issues',
      'Board history',
      SETTINGS_SHEET.name,
    ]);
  });

  test('settings saved on their own are read back, and replace what was saved before', async () => {
    let opened = host.open();
    await opened.book.saveSettings(JSON.stringify({ dueSoonDays: 7 }));
    opened = opened.reopen();
    expect(await opened.book.readSettings()).toEqual({ dueSoonDays: 7 });
    await opened.book.saveSettings(JSON.stringify({ dueSoonDays: 30, locale: 'en-US' }));
    opened = opened.reopen();
    expect(await opened.book.readSettings()).toEqual({ dueSoonDays: 30, locale: 'en-US' });
    expect((await opened.book.readWorkbook()).settings).toEqual({ dueSoonDays: 30, locale: 'en-US' });
    // Saving settings changes no sheet but the hidden settings sheet.
    expect(await opened.book.ownSheets()).toEqual([SETTINGS_SHEET]);
    expect(userSheets(await opened.book.readWorkbook())).toEqual(userSheets(await host.open().book.readWorkbook()));
  });
});

describe('the .xlsx outputs carry the settings the pane says are saved into the workbook', () => {
  test('the command line: recalc --settings s.json, then recalc on its output, keeps them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-contract-'));
    try {
      const input = path.join(dir, FILE_NAME);
      fs.copyFileSync(FIXTURE, input);
      const settingsFile = path.join(dir, 's.json');
      fs.writeFileSync(settingsFile, JSON.stringify({ dueSoonDays: 21, sheetNames: { summary: 'Board RAG' } }));
      const once = path.join(dir, 'once.xlsx');
      const twice = path.join(dir, 'twice.xlsx');
      expect(await main(['recalc', input, '--settings', settingsFile, '--out', once, '--as-of', AS_OF, '--quiet'])).toBe(0);
      expect(await main(['recalc', once, '--out', twice, '--as-of', AS_OF, '--quiet'])).toBe(0);

      const read = (f: string) => readXlsx(new Uint8Array(fs.readFileSync(f)), path.basename(f)).grid;
      const first = read(once);
      expect(first.settings).toMatchObject({ dueSoonDays: 21, sheetNames: { summary: 'Board RAG', issues: 'RAG Issues' } });
      const second = read(twice);
      expect(second.settings).toEqual(first.settings);
      // The second run used them: it replaced 'Board RAG' rather than adding a 'RAG Summary'.
      expect(second.sheets.map((s) => s.name)).toEqual(first.sheets.map((s) => s.name));
      expect(second.sheets.filter((s) => s.owned).map((s) => s.name)).toEqual([
        'Board RAG',
        'RAG Actions',
        'RAG Issues',
        'RAG History',
        SETTINGS_SHEET.name,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the preview: the downloaded workbook holds the settings edited in the pane', async () => {
    const opened = openWorkbook(fixtureBytes(), FILE_NAME);
    const { DEFAULT_SETTINGS } = await import('../src/core/settings');
    const edited = { ...DEFAULT_SETTINGS, dueSoonDays: 10 };
    const run = await recalculateWorkbook(opened, AS_OF, edited, () => undefined);
    const downloaded = openWorkbook(run.bytes, 'downloaded.xlsx');
    expect(downloaded.grid.settings).toEqual(edited);
  });
});
