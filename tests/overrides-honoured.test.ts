import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/cli/main';
import { recalculate } from '../src/core/engine';
import type { WorkbookGrid } from '../src/core/grid';
import type { Report } from '../src/core/report';
import type { TableOverride } from '../src/core/table-evidence';
import { XlsxWorkbook } from '../src/workbook/xlsx/adapter';
import { readXlsx } from '../src/workbook/xlsx/read';
import { excelLikePackage } from './support/excel-like';

// The officer's corrections (settings `tables`) change what is counted: a table
// ignored, a work stream renamed, a column given its role; from the pane's saved
// settings, a --settings file, or the settings a recalculation wrote into the
// workbook. These are the behaviours the rebuilt detection must keep.

const FIXTURE = path.join(__dirname, 'fixtures', 'workstreams.xlsx');
const AS_OF = '2025-09-30';
const NOW = new Date('2025-09-30T12:00:00Z');

function grid(): WorkbookGrid {
  return readXlsx(new Uint8Array(fs.readFileSync(FIXTURE)), 'workstreams.xlsx').grid;
}

function run(g: WorkbookGrid, tables: TableOverride[]) {
  return recalculate(g, { asOf: AS_OF, now: NOW, settings: { tables } }).result;
}

/** A tracker whose Start date is the first date column and whose Completion date is the target. */
function datesTracker(): WorkbookGrid {
  const date = (iso: string) => ({ date: iso, format: 'dd/mm/yyyy' });
  const bytes = excelLikePackage({
    sheets: [
      {
        name: 'Plan',
        rows: [
          ['No', 'Action', 'Status', 'Start date', 'Completion date'],
          ['1', 'Agree the new triage model', 'In progress', date('2025-04-01'), date('2026-03-31')],
          ['2', 'Train the duty team', 'In progress', date('2025-05-01'), date('2026-01-31')],
          ['3', 'Audit twenty cases', 'Completed', date('2025-06-01'), date('2025-08-31')],
        ],
      },
    ],
  });
  return readXlsx(bytes, 'plan.xlsx').grid;
}

describe('corrections change what is counted', () => {
  test('an ignored table gives no work stream and no finding, and is listed as ignored', () => {
    const before = run(grid(), []);
    expect(before.workstreams.map((w) => w.title)).toContain('Work stream 2a: Assessment and review timeliness');
    const after = run(grid(), [{ sheet: 'Progress', range: 'A22:D28', ignore: true }]);
    expect(after.workstreams.map((w) => w.title)).not.toContain('Work stream 2a: Assessment and review timeliness');
    expect(after.workstreams).toHaveLength(before.workstreams.length - 1);
    const rowOf = (cell: string) => Number(/\d+/.exec(cell)![0]);
    expect(after.findings.filter((f) => f.sheet === 'Progress' && rowOf(f.cell) >= 22 && rowOf(f.cell) <= 28)).toEqual([]);
    expect(after.tables.find((t) => t.range === 'A22:D28')).toMatchObject({ state: 'ignored', overridden: true, workstreams: [] });
    expect(after.overall.counts.total).toBe(before.overall.counts.total - before.workstreams[1].figures.counts.total);
  });

  test('a work stream renamed keeps its figures under the new title, and its table says the title came from the settings', () => {
    const before = run(grid(), []);
    const after = run(grid(), [{ sheet: 'Progress', range: 'A6:D13', title: 'Front door' }]);
    expect(after.workstreams[0].title).toBe('Front door');
    expect(after.workstreams[0].figures).toEqual(before.workstreams[0].figures);
    expect(after.workstreams.slice(1).map((w) => w.title)).toEqual(before.workstreams.slice(1).map((w) => w.title));
    expect(after.tables[0].workstreams[0]).toEqual({ title: 'Front door', range: 'A6:D13', titleSource: 'override' });
    expect(after.tables[0].overridden).toBe(true);
  });

  test('a column given the target role is read as the target, and the detected one is not', () => {
    const before = recalculate(datesTracker(), { asOf: AS_OF, now: NOW }).result;
    expect(before.workstreams[0].figures.overdue).toBe(0);
    const after = recalculate(datesTracker(), {
      asOf: AS_OF,
      now: NOW,
      settings: { tables: [{ sheet: 'Plan', range: 'A1:E4', roles: { D: 'target' } }] },
    }).result;
    // Judged by the start dates, both actions in progress are overdue.
    expect(after.workstreams[0].figures.overdue).toBe(2);
    const columns = after.tables[0].columns.map((c) => [c.column, c.role, c.source]);
    expect(columns).toContainEqual(['D', 'target', 'override']);
    expect(columns).toContainEqual(['E', null, null]);
  });

  test('a status column left unread leaves the table without a status', () => {
    const after = recalculate(datesTracker(), {
      asOf: AS_OF,
      now: NOW,
      settings: { tables: [{ sheet: 'Plan', range: 'A1:E4', roles: { C: 'none' } }] },
    }).result;
    expect(after.workstreams[0].kind).toBe('neither');
    expect(after.findings.map((f) => f.code)).toContain('table.no-status');
  });

  test('a correction for another sheet, or for a table that has gone, changes nothing', () => {
    const before = run(grid(), []);
    const after = run(grid(), [
      { sheet: 'Notes', range: 'A22:D28', ignore: true },
      { sheet: 'Progress', range: 'Z100:Z120', title: 'Nowhere' },
    ]);
    expect(after.workstreams.map((w) => [w.title, w.figures])).toEqual(before.workstreams.map((w) => [w.title, w.figures]));
  });
});

describe('wherever the corrections are kept', () => {
  test('a damaged correction stored in the workbook is reported, and the others still apply', async () => {
    const book = new XlsxWorkbook(new Uint8Array(fs.readFileSync(FIXTURE)), 'workstreams.xlsx');
    await book.saveSettings(
      JSON.stringify({
        tables: [
          { sheet: 'Progress', range: 'A22-D28', ignore: true },
          { sheet: 'Progress', range: 'A6:D13', title: 'Front door' },
        ],
      }),
    );
    const result = recalculate(await book.readWorkbook(), { asOf: AS_OF, now: NOW }).result;
    expect(result.workstreams[0].title).toBe('Front door');
    expect(result.workstreams.map((w) => w.title)).toContain('Work stream 2a: Assessment and review timeliness');
    expect(result.findings.filter((f) => f.code === 'settings.invalid').map((f) => f.cell)).toEqual(['tables.0.range']);
  });

  test('the command line: corrections from --settings are used, written into the workbook, and used again from there', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-overrides-'));
    try {
      const input = path.join(dir, 'workstreams.xlsx');
      fs.copyFileSync(FIXTURE, input);
      const settings = path.join(dir, 's.json');
      fs.writeFileSync(settings, JSON.stringify({ tables: [{ sheet: 'Progress', range: 'A22:D28', ignore: true }] }));
      const out = path.join(dir, 'out.xlsx');
      const first = path.join(dir, 'first.json');
      const second = path.join(dir, 'second.json');
      expect(await main(['recalc', input, '--settings', settings, '--out', out, '--report', first, '--as-of', AS_OF, '--quiet'])).toBe(0);
      // No --settings now: the workbook written carries the correction.
      await main(['check', out, '--report', second, '--as-of', AS_OF, '--quiet']);
      for (const file of [first, second]) {
        const report = JSON.parse(fs.readFileSync(file, 'utf8')) as Report;
        expect(report.workstreams.map((w) => w.title)).not.toContain('Work stream 2a: Assessment and review timeliness');
        expect(report.tables.find((t) => t.range === 'A22:D28')?.state).toBe('ignored');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the command line: a damaged correction in a --settings file stops the run with a message naming it, and nothing is written', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-overrides-'));
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s) => {
      written.push(String(s));
      return true;
    });
    try {
      const input = path.join(dir, 'workstreams.xlsx');
      fs.copyFileSync(FIXTURE, input);
      const settings = path.join(dir, 's.json');
      fs.writeFileSync(settings, JSON.stringify({ tables: [{ sheet: 'Progress', range: 'A22:D28', roles: { D: 'deadline' } }] }));
      expect(await main(['recalc', input, '--settings', settings, '--as-of', AS_OF, '--quiet'])).toBe(2);
      expect(written.join('')).toContain('tables.0.roles.D');
      expect(fs.readdirSync(dir).sort()).toEqual(['s.json', 'workstreams.xlsx']);
    } finally {
      spy.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--tables prints each table with the column behind each role, for the ranges a correction names', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s) => {
      lines.push(String(s));
      return true;
    });
    try {
      await main(['check', FIXTURE, '--as-of', AS_OF, '--tables']);
    } finally {
      spy.mockRestore();
    }
    const text = lines.join('');
    expect(text).toContain('Tables read (6):');
    expect(text).toMatch(/ {2}Progress!A22:D28 {2}Read as a tracker · header row 22 · score \d+% · 1 work stream\n/);
    expect(text).toMatch(/ {4}D {3}Status +Status or rating \(from its values\)\n/);
    expect(text).toContain(
      'Row 20, title "Work stream 2a: Assessment and review timeliness": a title above the header row names the work stream',
    );
  });
});
