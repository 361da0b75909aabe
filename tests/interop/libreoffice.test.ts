import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { recalculate } from '../../src/core/engine';
import type { WorkbookGrid } from '../../src/core/grid';
import { XlsxWorkbook } from '../../src/workbook/xlsx/adapter';
import { readXlsx } from '../../src/workbook/xlsx/read';
import { applyPlanToXlsx } from '../../src/workbook/xlsx/write';
import { chartWorkbook } from '../support/excel-like';
import { NAMES, firstPlan, secondPlan } from '../support/xlsx-plans';
import { makeUnseenTracker } from './unseen-tracker';

// What Ragbook writes, opened by LibreOffice: the values of its sheets as
// LibreOffice exports them, after a first and a second run and beside a chart sheet
// (placed first, as Excel saves it), and the conditional formats LibreOffice keeps
// when it saves the file again.

const MESSY = path.join(__dirname, '..', 'fixtures', 'workstreams-messy.xlsx');
const bytesOf = (file: string) => new Uint8Array(fs.readFileSync(file));
const unzip = (bytes: Uint8Array) => unzipSync(bytes);

const soffice = (() => {
  const r = spawnSync('which', ['soffice'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
})();

/** Converts files to xlsx with LibreOffice, into `out`; returns the output paths by input name. */
function saveWithLibreOffice(profile: string, out: string, files: string[]): void {
  execFileSync(requireSoffice(), [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', out, ...files], {
    stdio: 'pipe',
    timeout: 120000,
  });
}

function requireSoffice(): string {
  // Required, like xmllint for the manifest: a skipped check would pass unseen.
  if (!soffice) throw new Error('LibreOffice is not installed (Debian: apt-get install libreoffice-calc-nogui); .ci/run installs it');
  return soffice;
}

describe('a workbook saved by LibreOffice between two recalculations', () => {
  test('a hidden tracker recalculated, saved by LibreOffice, recalculated again: the same sheet names, the settings kept, RAG History holding both recalculations', async () => {
    requireSoffice();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-lo-trip-'));
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
    try {
      const { bytes } = await makeUnseenTracker();
      const settings = { dueSoonDays: 21, sheetNames: { summary: 'Board RAG', issues: 'RAG Issues', history: 'RAG History' } };
      const first = new XlsxWorkbook(new Uint8Array(bytes), 'tracker.xlsx');
      const plan1 = recalculate(await first.readWorkbook(), { asOf: '2025-09-30', now: new Date('2025-09-30T09:00:00Z'), settings }).plan;
      await first.applyPlan(plan1);
      const once = first.bytes;
      fs.writeFileSync(path.join(dir, 'tracker.xlsx'), once);

      const resaved = path.join(dir, 'resaved');
      fs.mkdirSync(resaved);
      saveWithLibreOffice(`file://${profileDir}`, resaved, [path.join(dir, 'tracker.xlsx')]);
      const lo = new Uint8Array(fs.readFileSync(path.join(resaved, 'tracker.xlsx')));

      // What LibreOffice 7.4 kept, and what it dropped: the premise of core/ownership.ts.
      const parts = unzipSync(lo);
      const wbXml = strFromU8(parts['xl/workbook.xml']);
      expect(Object.keys(parts).filter((k) => /customProperty/i.test(k))).toEqual([]);
      expect(Object.keys(parts).filter((k) => /webextensions\/webextension\d*\.xml$/.test(k))).toEqual([]);
      for (const mark of ['Ragbook_Summary', 'Ragbook_Actions', 'Ragbook_Issues', 'Ragbook_History', 'Ragbook_Settings'])
        expect(wbXml).toContain(`name="${mark}"`);
      expect(wbXml).toMatch(/<sheet name="Ragbook settings" sheetId="\d+" state="hidden"/);

      const grid: WorkbookGrid = readXlsx(lo, 'tracker.xlsx').grid;
      const owned = (g: WorkbookGrid) => g.sheets.filter((s) => s.owned).map((s) => [s.name, s.owned]);
      expect(owned(grid)).toEqual(owned(readXlsx(once, 'tracker.xlsx').grid));
      expect(grid.settings).toEqual(JSON.parse(plan1.settingsJson));

      const second = new XlsxWorkbook(lo, 'tracker.xlsx');
      const plan2 = recalculate(await second.readWorkbook(), { asOf: '2025-10-31', now: new Date('2025-10-31T09:00:00Z') }).plan;
      expect(plan2.sheets.map((s) => [s.name, s.existing])).toEqual(plan1.sheets.map((s) => [s.name, s.name]));
      await second.applyPlan(plan2);
      const twice = readXlsx(second.bytes, 'tracker.xlsx').grid;
      const names = (g: WorkbookGrid) => g.sheets.map((s) => s.name);
      expect(names(twice)).toEqual(names(readXlsx(once, 'tracker.xlsx').grid));
      expect(names(twice).filter((n) => / \(\d+\)$/.test(n))).toEqual([]);
      // The long layout: a title and a note above the header row, then a row per work
      // stream and an overall row for each recalculation, the earlier ones first.
      const history = twice.sheets.find((s) => s.owned === 'history')!;
      const headerAt = history.rows.findIndex((r) => r[0] === 'Recalculated');
      expect(headerAt).toBeGreaterThan(0);
      const head = history.rows[headerAt];
      const asOf = head.indexOf('As of');
      const stream = head.indexOf('Work stream');
      const rows = history.rows.slice(headerAt + 1).filter((r) => r.some((v) => v !== null && v !== ''));
      const streams = plan1.sheets.find((s) => s.role === 'summary')!.tables![0];
      const perRecalculation = Number(/\d+$/.exec(streams.ref)![0]) - Number(/\d+/.exec(streams.ref)![0]);
      // Both recalculations: 30 September and 31 October 2025 (serials 45930 and 45961), each with its overall row last.
      expect(rows.map((r) => r[asOf])).toEqual([
        ...Array<number>(perRecalculation).fill(45930),
        ...Array<number>(perRecalculation).fill(45961),
      ]);
      expect(rows.filter((r) => r[stream] === 'Overall').map((r) => rows.indexOf(r))).toEqual([
        perRecalculation - 1,
        2 * perRecalculation - 1,
      ]);
      expect(twice.settings).toEqual(JSON.parse(plan1.settingsJson));

      // LibreOffice opens the second output too, and keeps the marks once more.
      fs.writeFileSync(path.join(dir, 'twice.xlsx'), second.bytes);
      saveWithLibreOffice(`file://${profileDir}`, resaved, [path.join(dir, 'twice.xlsx')]);
      const again = readXlsx(new Uint8Array(fs.readFileSync(path.join(resaved, 'twice.xlsx'))), 'twice.xlsx').grid;
      expect(owned(again)).toEqual(owned(twice));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(profileDir, { recursive: true, force: true });
    }
  });
});

describe('RAG History appended to after LibreOffice saved it', () => {
  test('its earlier rows stay as they were, the new one goes below, and its Excel Table grows to it', () => {
    requireSoffice();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-lo-append-'));
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
    try {
      fs.writeFileSync(path.join(dir, 'first.xlsx'), applyPlanToXlsx(bytesOf(MESSY), firstPlan()).bytes);
      const resaved = path.join(dir, 'resaved');
      fs.mkdirSync(resaved);
      saveWithLibreOffice(`file://${profileDir}`, resaved, [path.join(dir, 'first.xlsx')]);
      const lo = new Uint8Array(fs.readFileSync(path.join(resaved, 'first.xlsx')));
      const before = readXlsx(lo, 'lo.xlsx').grid.sheets.find((s) => s.owned === 'history')!;
      const out = applyPlanToXlsx(lo, secondPlan()).bytes;
      const after = readXlsx(out, 'out.xlsx').grid;
      const history = after.sheets.find((s) => s.owned === 'history')!;
      expect(history.rows.slice(0, before.rows.length)).toEqual(before.rows);
      expect(history.rows.map((r) => r[0])).toEqual(['Recalculated', 45930.5, 45931.5]);
      expect(history.tables.map((t) => [t.name, t.area])).toEqual([['RagHistory', { r1: 0, c1: 0, r2: 2, c2: 3 }]]);
      expect(after.sheets.filter((s) => s.owned).map((s) => s.name)).toEqual([
        NAMES.summary,
        NAMES.issues,
        NAMES.history,
        'Ragbook settings',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(profileDir, { recursive: true, force: true });
    }
  });
});

describe('LibreOffice reads what Ragbook writes', () => {
  test('the summary sheet values appear in LibreOffice CSV export, for the first and the second run', () => {
    const program = requireSoffice();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-lo-'));
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
    const profile = `file://${profileDir}`;
    try {
      const first = applyPlanToXlsx(bytesOf(MESSY), firstPlan()).bytes;
      const second = applyPlanToXlsx(first, secondPlan()).bytes;
      const charts = applyPlanToXlsx(chartWorkbook(), firstPlan()).bytes;
      const files = { 'first.xlsx': first, 'second.xlsx': second, 'charts.xlsx': charts };
      for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), data);
      execFileSync(
        program,
        [
          `-env:UserInstallation=${profile}`,
          '--headless',
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
          '--outdir',
          dir,
          ...Object.keys(files).map((f) => path.join(dir, f)),
        ],
        { stdio: 'pipe', timeout: 120000 },
      );
      // Lines of each exported sheet, leaving out the 32,767-character cell so a failure stays readable.
      const csv = (base: string, sheet: string) =>
        fs
          .readFileSync(path.join(dir, `${base}-${sheet}.csv`), 'utf8')
          .split(/\r?\n/)
          .map((l) => l.replace(/x{1000,}/, 'LONG'));
      const summary = csv('first', NAMES.summary);
      expect(summary).toContain('RAG summary,,,,');
      expect(summary).toContain('Workbook,"Brackenmoor <tracker> & ""plans"".xlsx",,,');
      expect(summary).toContain('Controlchars gone,keeps _x000D_ literal,TRUE,,LONG');
      expect(summary).toContain('Work stream 1,Progress,5,80%,Green');
      // Text that looks like a formula stays text in LibreOffice too.
      expect(summary).toContain('=Review caseloads,Progress,3,33%,Amber');
      expect(summary).toContain('Overall,2 work streams,8,63%,Red');
      expect(csv('first', NAMES.issues)).toContain(
        `Error,Progress,D17,Work stream 2: Improving triage,Status 'In progess' read as 'In progress'`,
      );
      expect(csv('first', 'Progress').join('\n')).toContain('Work stream');
      expect(csv('second', NAMES.summary)).toContain('"RAG summary, second run",,,,');
      expect(csv('charts', NAMES.summary)).toContain('Work stream 1,Progress,5,80%,Green');

      // LibreOffice keeps the data bar and the expression rule when it saves the file again.
      const resaved = path.join(dir, 'resaved');
      fs.mkdirSync(resaved);
      execFileSync(
        program,
        [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', resaved, path.join(dir, 'first.xlsx')],
        {
          stdio: 'pipe',
          timeout: 120000,
        },
      );
      const lo = unzip(new Uint8Array(fs.readFileSync(path.join(resaved, 'first.xlsx'))));
      const sheetsXml = Object.keys(lo)
        .filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))
        .map((k) => strFromU8(lo[k]))
        .join('');
      expect(sheetsXml).toMatch(/<cfRule[^>]*type="dataBar"/);
      expect(sheetsXml).toMatch(/<cfRule[^>]*type="expression"[^>]*>\s*<formula>C5&gt;4<\/formula>/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(profileDir, { recursive: true, force: true });
    }
  });
});
