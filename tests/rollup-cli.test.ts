import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../src/cli/main';
import { ReportSchema } from '../src/core/report';
import { RollupReportSchema, type RollupReport } from '../src/core/rollup';
import { DIRECTORATE_SHEETS } from '../src/core/rollup-plan';
import { readXlsx } from '../src/workbook/xlsx/read';

// `ragbook rollup` end to end, in this process with one thread (--jobs 1; the worker
// threads are tested on the built command in rollup-workers.test.ts): which files
// it reads, how it names them, what it refuses and how it says so, its exit codes,
// the report and the directorate workbook, read back by Ragbook's reader and ExcelJS.

const AS_OF = '2025-09-30';
const FIXTURES = path.join(__dirname, 'fixtures');
const BAD = path.join(__dirname, 'bad-inputs');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-rollup-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => fs.mkdtempSync(path.join(root, `${++n}-`));

function place(dir: string, files: Record<string, string>): void {
  for (const [to, from] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, to));
  }
}
const fixture = (name: string) => path.join(FIXTURES, name);
const bad = (name: string) => path.join(BAD, name);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command in this process, catching what it prints. */
async function ragbook(...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const so = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  const se = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
  try {
    const code = await main(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    so.mockRestore();
    se.mockRestore();
  }
}

const rollup = (...args: string[]) => ragbook('rollup', ...args, '--as-of', AS_OF, '--jobs', '1');
const readReport = (file: string): RollupReport => RollupReportSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
const grid = (file: string) => readXlsx(new Uint8Array(fs.readFileSync(file)), path.basename(file)).grid;

describe('which files it reads', () => {
  test('every .xlsx and .xlsm in the folders and their subfolders, once each, in name order; outputs, temporary and lock files passed over', async () => {
    const d = freshDir();
    place(d, {
      'a.xlsx': fixture('rag-review.xlsx'),
      'a.ragbook.xlsx': fixture('workstreams.xlsx'),
      'B.xlsm': bad('macro-enabled.xlsm'),
      'north/Tracker.xlsx': fixture('workstreams.xlsx'),
      'south/deeper/Tracker.xlsx': fixture('milestones.xlsx'),
      '~$a.xlsx': bad('random-bytes.xlsx'),
      '.~lock.a.xlsx#': bad('random-bytes.xlsx'),
      '.hidden/x.xlsx': bad('random-bytes.xlsx'),
      'notes.txt': bad('csv-renamed.xlsx'),
      'old.xls': bad('old-excel-97.xlsx'),
    });
    fs.symlinkSync(path.join(d, 'north'), path.join(d, 'link-to-north'));
    fs.symlinkSync(d, path.join(d, 'north', 'loop'));
    fs.symlinkSync(path.join(d, 'a.xlsx'), path.join(d, 'z-link.xlsx'));
    const out = path.join(d, 'directorate.xlsx');
    const report = path.join(d, 'directorate.json');
    const r = await rollup(d, '--out', out, '--report', report);
    expect(r.stderr).toBe(
      'ragbook: reading 4 workbooks on 1 thread\n' +
        [1, 2, 3, 4].map((i) => `ragbook: read ${i} of 4\n`).join('') +
        'ragbook: writing the directorate workbook\n',
    );
    expect(r.code).toBe(0);
    const files = readReport(report).trackers.map((t) => [t.file, t.path]);
    expect(files).toEqual([
      ['a.xlsx', path.join(d, 'a.xlsx')],
      ['B.xlsm', path.join(d, 'B.xlsm')],
      ['north/Tracker.xlsx', path.join(d, 'north', 'Tracker.xlsx')],
      ['deeper/Tracker.xlsx', path.join(d, 'south', 'deeper', 'Tracker.xlsx')],
    ]);
    expect(r.stdout).toContain(
      `Passed over ${path.join(d, 'a.ragbook.xlsx')}: Ragbook's output for a tracker (the tracker itself is read).`,
    );

    // Run again over the same folder: the directorate workbook and report now sit in it, and are not read.
    const again = await rollup(d, '--out', out, '--report', report);
    expect(again.code).toBe(0);
    expect(readReport(report).trackers).toHaveLength(4);
    expect(again.stdout).toContain(`Passed over ${out}: the directorate workbook being written.`);
  });

  test('a workbook named twice, or named and inside a folder named, is read once', async () => {
    const d = freshDir();
    place(d, { 'x/one.xlsx': fixture('workstreams.xlsx'), 'x/two.xlsx': fixture('milestones.xlsx') });
    const report = path.join(d, 'r.json');
    const one = path.join(d, 'x', 'one.xlsx');
    const r = await rollup(one, path.join(d, 'x'), path.join(d, 'x', '.', 'one.xlsx'), '--out', path.join(d, 'o.xlsx'), '--report', report);
    expect(r.code).toBe(0);
    expect(readReport(report).trackers.map((t) => t.file)).toEqual(['one.xlsx', 'two.xlsx']);
  });

  test("a directorate workbook made earlier under another name is Ragbook's output, passed over and not counted", async () => {
    const d = freshDir();
    place(d, { 't.xlsx': fixture('workstreams.xlsx') });
    expect((await rollup(d, '--out', path.join(d, 'first.xlsx'))).code).toBe(0);
    const report = path.join(d, 'r.json');
    const r = await rollup(d, '--out', path.join(d, 'second.xlsx'), '--report', report);
    expect(r.code).toBe(0);
    expect(readReport(report).trackers.map((t) => t.file)).toEqual(['t.xlsx']);
    expect(r.stdout).toContain(
      `Passed over ${path.join(d, 'first.xlsx')}: it is a directorate workbook made by ragbook rollup, not a tracker.`,
    );
  });
});

describe('bad input', () => {
  test('a damaged, protected or non-workbook file is refused with the message check gives; the rest are read; exit 1', async () => {
    const d = freshDir();
    const broken = [
      'truncated.xlsx',
      'password-protected.xlsx',
      'word-document.xlsx',
      'old-excel-97.xlsx',
      'random-bytes.xlsx',
      'xxe-sheet.xlsx',
    ];
    place(
      d,
      Object.fromEntries([
        ...broken.map((b) => [b, bad(b)]),
        ['good.xlsx', fixture('workstreams.xlsx')],
        ['locked.xlsx', bad('structure-protected.xlsx')],
      ]),
    );
    const report = path.join(d, 'r.json');
    const out = path.join(d, 'o.xlsx');
    const r = await rollup(d, '--out', out, '--report', report);
    expect(r.code).toBe(1);
    const trackers = readReport(report).trackers;
    for (const b of broken) {
      const check = await ragbook('check', path.join(d, b), '--as-of', AS_OF);
      expect(check.code).toBe(2);
      const entry = trackers.find((t) => t.file === b);
      expect(entry && 'refused' in entry ? `ragbook: ${entry.refused}\n` : entry).toBe(check.stderr);
      expect(r.stdout).toContain(`  ${check.stderr.replace(/^ragbook: /, '').trimEnd()}`);
    }
    // A protected structure stops writing into a workbook, never reading it: rollup writes nothing into a tracker.
    expect(trackers.filter((t) => !('refused' in t)).map((t) => t.file)).toEqual(['good.xlsx', 'locked.xlsx']);
    // The directorate workbook lists them, each with its reason.
    const notRead = grid(out).sheets.find((s) => s.name === DIRECTORATE_SHEETS.refused)!;
    const rows = notRead.rows.filter((row) => broken.includes(String(row[0])));
    expect(rows.map((row) => row[0])).toEqual([...broken].sort());
    for (const row of rows) expect(String(row[2])).toMatch(new RegExp(`^${String(row[0]).replace('.', '\\.')} (is|contains)`));
  });

  test('exit 2 for bad arguments, before anything is read or written', async () => {
    const d = freshDir();
    place(d, { 'a.xlsx': fixture('workstreams.xlsx'), 'sub/b.xlsx': fixture('milestones.xlsx') });
    const a = path.join(d, 'a.xlsx');
    const before = fs.readFileSync(a);
    fs.symlinkSync(a, path.join(d, 'alias.xlsx'));
    const cases: [string[], RegExp][] = [
      [[a], /name the directorate workbook to write with --out/],
      [[a, '--out', path.join(d, 'o.csv')], /the directorate workbook is an \.xlsx file/],
      [['--out', path.join(d, 'o.xlsx')], /name the trackers to roll up/],
      [[a, '--out', path.join(d, 'o.xlsx'), '--frobnicate'], /Unknown option '--frobnicate'/],
      [[a, '--out', path.join(d, 'o.xlsx'), '--jobs', '0'], /--jobs '0'/],
      [[path.join(d, 'missing.xlsx'), '--out', path.join(d, 'o.xlsx')], /missing\.xlsx: not found/],
      [[path.join(d, 'empty-folder'), '--out', path.join(d, 'o.xlsx')], /no \.xlsx or \.xlsm workbook was found/],
      [[a, '--out', path.join(d, 'o.xlsx'), '--report', path.join(d, 'o.xlsx')], /that is where the directorate workbook is written/],
      [[a, '--out', path.join(d, 'nowhere', 'o.xlsx')], /the folder .* does not exist/],
      // --out naming an input, however it is spelt: a symbolic link, a dot, a way round.
      [[a, '--out', path.join(d, 'alias.xlsx')], /that is the directorate workbook being written/],
      [[path.join(d, 'alias.xlsx'), '--out', a], /that is the directorate workbook being written/],
      [[a, '--out', path.join(d, '.', 'sub', '..', 'a.xlsx')], /that is the directorate workbook being written/],
    ];
    fs.mkdirSync(path.join(d, 'empty-folder'));
    for (const [args, message] of cases) {
      const r = await ragbook('rollup', ...args, '--as-of', AS_OF);
      expect([args, r.code]).toEqual([args, 2]);
      expect(r.stderr).toMatch(message);
    }
    const badDate = await ragbook('rollup', a, '--out', path.join(d, 'o.xlsx'), '--as-of', '2025-02-30');
    expect([badDate.code, badDate.stderr]).toEqual([2, expect.stringMatching(/--as-of '2025-02-30' is not a real date/)]);
    expect(fs.readFileSync(a).equals(before)).toBe(true);
    expect(fs.readdirSync(d).sort()).toEqual(['a.xlsx', 'alias.xlsx', 'empty-folder', 'sub']);
  });
});

describe('the report', () => {
  test("each tracker's work streams and actions are exactly those of its own report, and the overall adds them up", async () => {
    const d = freshDir();
    place(d, {
      'north/Tracker.xlsx': fixture('workstreams.xlsx'),
      'south/Tracker.xlsx': fixture('workstreams-messy.xlsx'),
      'milestones.xlsx': fixture('milestones.xlsx'),
      'rag-review.xlsx': fixture('rag-review.xlsx'),
      'damaged.xlsx': bad('truncated.xlsx'),
    });
    const report = path.join(d, 'r.json');
    expect((await rollup(d, '--out', path.join(d, 'o.xlsx'), '--report', report)).code).toBe(1);
    const r = readReport(report);
    expect(r.schema).toBe('ragbook.rollup/1');
    expect(r.asOf).toBe(AS_OF);
    expect([r.read, r.refused]).toEqual([4, 1]);
    let total = 0;
    for (const t of r.trackers) {
      if ('refused' in t) {
        expect(t.file).toBe('damaged.xlsx');
        continue;
      }
      const own = path.join(d, `own-${total}.json`);
      expect((await ragbook('check', t.path, '--as-of', AS_OF, '--report', own, '--quiet')).code).toBeLessThanOrEqual(1);
      const single = ReportSchema.parse(JSON.parse(fs.readFileSync(own, 'utf8')));
      expect(t.workstreams).toEqual(single.workstreams);
      expect(t.overall).toEqual(single.overall);
      expect(t.findings.error + t.findings.warning + t.findings.info).toBe(single.issues.length);
      total += t.overall.counts.total;
    }
    expect(r.overall.counts.total).toBe(total);
    expect(r.trackers.map((t) => t.file)).toEqual([
      'damaged.xlsx',
      'milestones.xlsx',
      'north/Tracker.xlsx',
      'rag-review.xlsx',
      'south/Tracker.xlsx',
    ]);
  });

  test('each tracker is read with the settings stored in it, and --settings on top; its last recalculation comes from its own RAG sheets', async () => {
    const d = freshDir();
    const stored = path.join(d, 'stored.json');
    fs.writeFileSync(stored, JSON.stringify({ rag: { redOverdueDays: 3000 } }));
    const src = fixture('milestones.xlsx');
    const tracker = path.join(d, 'in', 'milestones.xlsx');
    fs.mkdirSync(path.dirname(tracker));
    expect((await ragbook('recalc', src, '--out', tracker, '--settings', stored, '--as-of', AS_OF, '--quiet')).code).toBe(0);
    const over = path.join(d, 'over.json');
    fs.writeFileSync(over, JSON.stringify({ dueSoonDays: 200 }));

    const report = path.join(d, 'r.json');
    expect((await rollup(path.join(d, 'in'), '--out', path.join(d, 'o.xlsx'), '--report', report, '--settings', over)).code).toBe(0);
    const [t] = readReport(report).trackers;
    const own = path.join(d, 'own.json');
    await ragbook('check', tracker, '--as-of', AS_OF, '--settings', over, '--report', own, '--quiet');
    const single = ReportSchema.parse(JSON.parse(fs.readFileSync(own, 'utf8')));
    expect('refused' in t).toBe(false);
    if ('refused' in t) return;
    expect(t.overall).toEqual(single.overall);
    // Without either, the tracker is Red with 2 actions due soon; the stored threshold
    // makes it Amber, and --settings' 200-day window finds 3 due soon.
    const plain = path.join(d, 'plain.json');
    await ragbook('check', src, '--as-of', AS_OF, '--report', plain, '--quiet');
    const before = ReportSchema.parse(JSON.parse(fs.readFileSync(plain, 'utf8'))).overall;
    expect([before.rag, before.dueSoon]).toEqual(['Red', 2]);
    expect([t.overall.rag, t.overall.dueSoon]).toEqual(['Amber', 3]);
    expect(t.lastRecalculated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  });
});

describe('the directorate workbook', () => {
  async function made() {
    const d = freshDir();
    place(d, {
      'north/Tracker.xlsx': fixture('workstreams.xlsx'),
      'south/Tracker.xlsx': fixture('milestones.xlsx'),
      'review.xlsx': fixture('rag-review.xlsx'),
      'bad.xlsx': bad('truncated.xlsx'),
    });
    const out = path.join(d, 'directorate.xlsx');
    const report = path.join(d, 'r.json');
    const r = await rollup(d, '--out', out, '--report', report);
    return { d, out, r, report: readReport(report) };
  }

  test("reads back as Ragbook's own sheets: the summary, every work stream, every action and the files not read", async () => {
    const { out, report } = await made();
    const g = grid(out);
    expect(g.sheets.filter((s) => !s.hidden).map((s) => [s.name, s.owned])).toEqual([
      [DIRECTORATE_SHEETS.summary, 'summary'],
      [DIRECTORATE_SHEETS.workstreams, 'workstreams'],
      [DIRECTORATE_SHEETS.actions, 'actions'],
      [DIRECTORATE_SHEETS.refused, 'issues'],
    ]);
    const [summary, workstreams, actions, refused] = g.sheets;
    expect(summary.rows[0][0]).toBe('Directorate summary');
    const header = summary.rows.findIndex((r) => r[0] === 'File');
    const read = report.trackers.filter((t) => !('refused' in t));
    expect(summary.rows.slice(header + 1).map((r) => r[0])).toEqual(read.map((t) => t.file));
    const wsHeader = workstreams.rows.findIndex((r) => r[0] === 'Tracker');
    const wsCount = read.reduce((k, t) => k + ('workstreams' in t ? t.workstreams.length : 0), 0);
    expect(workstreams.rows.length - wsHeader - 1).toBe(wsCount);
    const acHeader = actions.rows.findIndex((r) => r[0] === 'Tracker');
    expect(actions.rows.length - acHeader - 1).toBe(report.overall.counts.total);
    expect(new Set(actions.rows.slice(acHeader + 1).map((r) => r[0]))).toEqual(
      new Set(['north/Tracker.xlsx', 'south/Tracker.xlsx', 'review.xlsx']),
    );
    expect(refused.rows.some((r) => r[0] === 'bad.xlsx')).toBe(true);
    // ragbook check on the directorate workbook says what it is and what to do instead
    // (tests/directorate-not-a-tracker.test.ts has the rest).
    const check = await ragbook('check', out, '--as-of', AS_OF);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('is a directorate workbook written by ragbook rollup, not a tracker');
  });

  test('ExcelJS opens it and sees the same cells: titles, the headline and every action row', async () => {
    const { out, report } = await made();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const names = wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name);
    expect(names).toEqual(Object.values(DIRECTORATE_SHEETS));
    const summary = wb.getWorksheet(DIRECTORATE_SHEETS.summary)!;
    expect(summary.getCell('A1').value).toBe('Directorate summary');
    expect(summary.getCell('A2').value).toBe('Overall RAG');
    expect(summary.getCell('B2').value).toBe(report.overall.rag);
    const actions = wb.getWorksheet(DIRECTORATE_SHEETS.actions)!;
    let rows = 0;
    actions.eachRow((row, i) => {
      if (i > 4) rows++;
    });
    expect(rows).toBe(report.overall.counts.total);
    expect(actions.getRow(4).values).toEqual([
      undefined,
      'Tracker',
      'Work stream',
      'Sheet',
      'Cell',
      'No',
      'Action',
      'Owner',
      'Status',
      'Rating',
      'Target (as typed)',
      'Due (as read)',
      'Days overdue',
    ]);
  });

  test('is written whole or not at all: an earlier one is replaced, and no temporary file is left', async () => {
    const { d, out } = await made();
    const first = fs.readFileSync(out);
    fs.writeFileSync(out, 'an older directorate workbook');
    const again = await rollup(path.join(d, 'north'), '--out', out);
    expect(again.code).toBe(0);
    expect(grid(out).sheets[0].name).toBe(DIRECTORATE_SHEETS.summary);
    expect(fs.readFileSync(out).equals(first)).toBe(false);
    expect(fs.readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
