import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/cli/main';
import { CompareReportSchema } from '../src/core/compare-report';

// `ragbook compare OLD NEW` on two versions of the same tracker, as a manager runs it
// before a board meeting: what changed, printed and in the report, and exit codes as
// `check` gives them.

type Row = (string | number | Date | null)[];

const HEADER: Row = ['No', 'Action', 'Progress at 31 August 2025', 'Status', 'Target date', 'Lead'];
const AUGUST: Row[] = [
  [1, 'Triage every contact on the day', 'Rota drafted', 'In progress', new Date(Date.UTC(2025, 11, 31)), 'Ann Lee'],
  [2, 'Publish a directory of support', 'Listings gathered', 'In progress', new Date(Date.UTC(2025, 8, 15)), 'Bob Ray'],
  [3, 'Introduce a call-back promise', 'Script agreed', 'In progress', new Date(Date.UTC(2025, 11, 31)), 'Ann Lee'],
  [4, 'Set up a carers advice line', 'Provider chosen', 'In progress', new Date(Date.UTC(2025, 10, 30)), 'Cy Dee'],
  [5, 'Train the contact centre', 'Not yet', 'Not started', new Date(Date.UTC(2025, 11, 31)), 'Cy Dee'],
];

async function workbook(file: string, rows: Row[], header = HEADER): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tracker');
  ws.addRow(['Work stream 1: Front door']);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  ws.getColumn(5).numFmt = 'dd/mm/yyyy';
  await wb.xlsx.writeFile(file);
}

let dir: string;
let printed: string[];
let errors: string[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-compare-'));
  printed = [];
  errors = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((s) => (printed.push(String(s)), true));
  jest.spyOn(process.stderr, 'write').mockImplementation((s) => (errors.push(String(s)), true));
});

afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function versions(): Promise<{ old: string; now: string }> {
  const old = path.join(dir, 'august.xlsx');
  const now = path.join(dir, 'september.xlsx');
  await workbook(old, AUGUST);
  const september = AUGUST.map((r) => [...r]);
  september[0][3] = 'Completed';
  september[2][3] = 'Static';
  september[3][4] = new Date(Date.UTC(2026, 0, 31));
  september.splice(4, 1);
  september.push([6, 'Publish the carers strategy', 'Drafting', 'Not started', new Date(Date.UTC(2026, 2, 31)), 'Dee Ash']);
  await workbook(now, september, ['No', 'Action', 'Progress at 30 September 2025', 'Status', 'Target date', 'Lead']);
  return { old, now };
}

describe('ragbook compare', () => {
  test('says what changed between two versions of a tracker, judging the older at its own reporting date', async () => {
    const { old, now } = await versions();
    const report = path.join(dir, 'changes.json');
    const code = await main(['compare', old, now, '--as-of', '2025-09-30', '--report', report]);
    expect(errors.join('')).toBe('');
    expect(code).toBe(0);
    const text = printed.join('');
    expect(text).toContain(`Compared ${old} (as of 31 August 2025, its reporting date)`);
    expect(text).toContain('Since 31 August 2025: 1 completed, 1 newly overdue, 1 went backwards, 1 target moved, 1 added, 1 removed.');
    expect(text).toMatch(/Work stream 1: Front door\s+Tracker\s+Green → Amber\s+0% → 20%\s+Worse/);
    expect(text).toContain('Tracker!D5  3  Introduce a call-back promise  (Work stream 1: Front door): In progress → Static');
    expect(text).toContain('Tracker!D6  4  Set up a carers advice line  (Work stream 1: Front door): 30 November 2025 → 31 January 2026');
    expect(text).toContain(
      'Tracker!D4  2  Publish a directory of support  (Work stream 1: Front door): 15 days overdue, due 15 September 2025',
    );

    const json = CompareReportSchema.parse(JSON.parse(fs.readFileSync(report, 'utf8')));
    expect(json.old).toEqual({ source: old, asOf: '2025-08-31', asOfFrom: 'reporting-date' });
    expect(json.counts).toEqual({ completed: 1, newlyOverdue: 1, wentBackwards: 1, targetMoved: 1, added: 1, removed: 1 });
    expect(json.workstreams).toEqual([
      {
        title: 'Work stream 1: Front door',
        sheet: 'Tracker',
        then: { rag: 'Green', completed: 0 },
        now: { rag: 'Amber', completed: 0.2 },
        direction: 'Worse',
      },
    ]);
    expect(json.changes.find((c) => c.kinds.includes('removed'))!.then).toMatchObject({ id: '5', action: 'Train the contact centre' });
  });

  test('--old-as-of gives the older version its date', async () => {
    const { old, now } = await versions();
    const report = path.join(dir, 'changes.json');
    expect(await main(['compare', old, now, '--as-of', '2025-09-30', '--old-as-of', '2025-09-20', '--report', report, '--quiet'])).toBe(0);
    const json = CompareReportSchema.parse(JSON.parse(fs.readFileSync(report, 'utf8')));
    expect(json.old).toMatchObject({ asOf: '2025-09-20', asOfFrom: 'option' });
    // Action 2 was already overdue on 20 September.
    expect(json.counts.newlyOverdue).toBe(0);
  });

  test('exits 1 when the newer version has errors, as check does', async () => {
    const { old } = await versions();
    const bad = path.join(dir, 'bad.xlsx');
    await workbook(bad, [...AUGUST.slice(0, 4), [5, 'Train the contact centre', 'Not yet', 'Wibble', null, 'Cy Dee']]);
    expect(await main(['compare', old, bad, '--as-of', '2025-09-30'])).toBe(1);
    expect(printed.join('')).toContain(`${bad} has 1 error to fix`);
  });

  test.each([
    [['compare', 'only-one.xlsx'], /name the older and the newer workbook/],
    [['compare', 'a.xlsx', 'b.xlsx', 'c.xlsx'], /compare takes two workbooks/],
    [['compare', 'a.xlsx', 'b.xlsx', '--out', 'x.xlsx'], /compare writes no workbook/],
  ])('bad arguments %p: exit 2 with the usage', async (argv, message) => {
    expect(await main(argv)).toBe(2);
    expect(errors.join('')).toMatch(message);
  });

  test('a missing or damaged file: exit 2, one line naming the file', async () => {
    const { old } = await versions();
    const missing = path.join(dir, 'nope.xlsx');
    expect(await main(['compare', old, missing])).toBe(2);
    expect(errors.join('').trim().split('\n')).toHaveLength(1);
    expect(errors.join('')).toContain('nope.xlsx');
    errors = [];
    const damaged = path.join(dir, 'damaged.xlsx');
    fs.writeFileSync(damaged, 'not a workbook at all');
    expect(await main(['compare', damaged, old])).toBe(2);
    expect(errors.join('').trim().split('\n')).toHaveLength(1);
    expect(errors.join('')).toContain('damaged.xlsx');
  });

  test('the same file twice, or a bad date: exit 2 with one line', async () => {
    const { old, now } = await versions();
    expect(await main(['compare', old, old])).toBe(2);
    expect(errors.join('')).toContain('the same file twice');
    errors = [];
    expect(await main(['compare', old, now, '--old-as-of', '2025-02-30'])).toBe(2);
    expect(errors.join('')).toContain("--old-as-of '2025-02-30' is not a real date");
  });
});
