import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { readXlsx, WorkbookFileError } from '../src/workbook/xlsx/read';

// The bad-input corpus (tests/bad-inputs/, made by scripts/make-bad-inputs.mjs) run
// through the command as a user would run it:
// - malformed files: exit 2, one line on stderr naming the file, nothing written
//   (no output, no report, no temporary file), less than 5 s, the input untouched;
// - awkward but valid workbooks: processed correctly within bounded time and memory.
// The large cases are made at test time in a temporary folder (never committed).

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'ragbook.js');
const CLI_BUNDLE = path.join(ROOT, 'dist', 'cli.js');
const CORPUS = path.join(__dirname, 'bad-inputs');
const SCRIPT = path.join(ROOT, 'scripts', 'make-bad-inputs.mjs');
const TIME = '/usr/bin/time';
const AS_OF = '2025-09-30';
/** The issue's bound for refusing a malformed file, process start to exit. */
const REFUSE_MS = 5_000;

interface Entry {
  name: string;
  expect: 'refused' | 'read';
  problems?: string[];
  orRefused?: string[];
  what: string;
  actions?: number;
  sheets?: string[];
  userSheets?: string[];
}

const manifest: Entry[] = JSON.parse(fs.readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8'));
const refused = manifest.filter((e) => e.expect === 'refused');
const readable = manifest.filter((e) => e.expect === 'read');

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-bad-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
let n = 0;
const freshDir = () => fs.mkdtempSync(path.join(tmpRoot, `${++n}-`));
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** dist/cli.js is built by `npm install`; if it is missing, build it (to a temporary name, then rename, so no other test sees half a file). */
function ensureCli(): void {
  if (fs.existsSync(CLI_BUNDLE)) return;

  const { buildSync } = require('esbuild') as typeof import('esbuild');
  const tmp = `${CLI_BUNDLE}.${process.pid}.tmp`;
  buildSync({
    entryPoints: [path.join(ROOT, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: tmp,
    logLevel: 'warning',
  });
  fs.renameSync(tmp, CLI_BUNDLE);
}

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of the command in kB, when /usr/bin/time is there. */
  rssKb: number | null;
}

const TIMEOUT = '/usr/bin/timeout';

function ragbook(args: string[], opts: { timeoutMs?: number; cwd?: string } = {}): Run {
  const limit = opts.timeoutMs ?? 30_000;
  // Peak memory from GNU time; coreutils timeout kills the command itself (killing
  // the time wrapper would leave the command running on).
  const measure = fs.existsSync(TIME) && fs.existsSync(TIMEOUT);
  const rssFile = path.join(tmpRoot, `rss-${process.pid}-${++n}.txt`);
  const argv = measure
    ? [TIME, '-f', '%M', '-o', rssFile, TIMEOUT, '-s', 'KILL', String(Math.ceil(limit / 1000)), process.execPath, BIN, ...args]
    : [process.execPath, BIN, ...args];
  const t0 = process.hrtime.bigint();
  const r: SpawnSyncReturns<string> = spawnSync(argv[0], argv.slice(1), {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: limit + 10_000,
    killSignal: 'SIGKILL',
    maxBuffer: 16 << 20,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let rssKb: number | null = null;
  if (measure && fs.existsSync(rssFile)) {
    const m = /(\d+)\s*$/.exec(fs.readFileSync(rssFile, 'utf8'));
    rssKb = m ? Number(m[1]) : null;
  }
  // timeout -s KILL exits 137 when it had to kill; GNU time then adds a line of its own.
  const killedByTimeout = measure && (r.status === 137 || r.status === 124);
  const stderr = (r.stderr ?? '').replace(/^Command (terminated by signal|exited with non-zero status).*\n?/gm, '');
  return {
    status: killedByTimeout ? null : r.status,
    signal: killedByTimeout ? 'SIGKILL' : r.signal,
    stdout: r.stdout ?? '',
    stderr,
    ms,
    rssKb,
  };
}

/** Progress lines the command prints for large files, which may come before the error. */
const PROGRESS = /^ragbook: (Reading workbook|Reading trackers|Summarising|Writing workbook|Done|unzip|read)( \d+\/\d+)?$/;
const messageLines = (stderr: string) => stderr.split('\n').filter((l) => l.trim() !== '' && !PROGRESS.test(l));

function expectRefused(run: Run, fileName: string, limitMs = REFUSE_MS): void {
  const lines = messageLines(run.stderr);
  const why = `stderr was: ${run.stderr.slice(0, 600)}`;
  expect({ killed: run.signal, status: run.status, why: run.status === 2 ? '' : why }).toEqual({ killed: null, status: 2, why: '' });
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ragbook: /);
  expect(lines[0]).toContain(fileName);
  expect(lines[0]).not.toMatch(/\bat .*\.js:\d+|Error:|undefined|\[object/);
  expect(run.ms).toBeLessThan(limitMs);
}

beforeAll(() => ensureCli(), 120_000);

// ---------------------------------------------------------------------------

test('the corpus is exactly what scripts/make-bad-inputs.mjs makes', () => {
  const out = freshDir();
  const r = spawnSync(process.execPath, [SCRIPT, '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(0);
  const made = fs.readdirSync(out).sort();
  expect(made).toEqual(fs.readdirSync(CORPUS).sort());
  for (const f of made) expect(`${f} ${sha(path.join(out, f))}`).toBe(`${f} ${sha(path.join(CORPUS, f))}`);
});

describe('malformed files are refused: exit 2, one line naming the file, nothing written, < 5 s', () => {
  test.each(refused.map((e) => [e.name, e] as const))('%s', (name, entry) => {
    const dir = freshDir();
    const input = path.join(dir, name);
    fs.copyFileSync(path.join(CORPUS, name), input);
    const before = sha(input);

    // As the issue gives it: --out beside, and a report asked for too.
    const run = ragbook([
      'recalc',
      input,
      '--out',
      path.join(dir, 'out.xlsx'),
      '--report',
      path.join(dir, 'report.json'),
      '--as-of',
      AS_OF,
    ]);
    expectRefused(run, name);
    // The default output name, and the check command.
    expectRefused(ragbook(['recalc', input, '--quiet']), name);
    expectRefused(ragbook(['check', input, '--report', path.join(dir, 'check.json')]), name);

    // Nothing written: the folder holds the input alone, as it was.
    expect(fs.readdirSync(dir)).toEqual([name]);
    expect(sha(input)).toBe(before);
    // Never the content of a file an external entity names.
    expect(run.stderr + run.stdout).not.toMatch(/root:.*:0:0:/);

    // The reader says what kind of problem it is.
    let problem: string | null = null;
    try {
      readXlsx(new Uint8Array(fs.readFileSync(input)), name);
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbookFileError);
      problem = (e as WorkbookFileError).problem;
    }
    expect(entry.problems).toContain(problem);
  });
});

describe('external entities are never resolved', () => {
  test('a DOCTYPE naming a local file and a URL: no request is made, the file is not read, exit 2', async () => {
    const hits: string[] = [];
    const server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('<!ENTITY leak "LEAKED-OVER-HTTP">');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const dir = freshDir();
      const canary = path.join(dir, 'canary.txt');
      fs.writeFileSync(canary, 'CANARY-SECRET-42');
      const parts = unzipSync(new Uint8Array(fs.readFileSync(path.join(CORPUS, 'xxe-sheet.xlsx'))));
      const cases: [string, string][] = [
        ['file', `<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://${canary}">]>`],
        ['http', `<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "http://127.0.0.1:${port}/entity">]>`],
        ['dtd', `<!DOCTYPE worksheet SYSTEM "http://127.0.0.1:${port}/external.dtd">`],
        ['parameter', `<!DOCTYPE worksheet [<!ENTITY % p SYSTEM "http://127.0.0.1:${port}/param.dtd"> %p;]>`],
      ];
      for (const [label, doctype] of cases) {
        const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']).replace(/<!DOCTYPE[^\]]*\]>|<!DOCTYPE[^>]*>/, doctype);
        const file = path.join(dir, `xxe-${label}.xlsx`);
        fs.writeFileSync(file, zipSync({ ...parts, 'xl/worksheets/sheet1.xml': new TextEncoder().encode(sheet) }));
        const run = ragbook(['recalc', file, '--out', path.join(dir, 'out.xlsx'), '--report', path.join(dir, 'r.json')]);
        expectRefused(run, path.basename(file));
        expect(run.stderr + run.stdout).not.toMatch(/CANARY-SECRET-42|LEAKED-OVER-HTTP/);
      }
      expect(fs.readdirSync(dir).filter((f) => /out|r\.json/.test(f))).toEqual([]);
      expect(hits).toEqual([]);
    } finally {
      server.close();
    }
  });
});

// ---------------------------------------------------------------------------
// Awkward but valid

interface Report {
  workstreams: { sheet: string; counts: { total: number } }[];
  overall: { counts: { total: number } };
  issues: { sheet: string; cell: string }[];
}

/**
 * Runs recalc with a report and checks it succeeded within `limitMs`. When
 * `refusalAllowed` names the file, a quick, clear refusal (exit 2) is accepted too,
 * and then there is no report.
 */
function recalcOk(input: string, dir: string, limitMs: number, refusalAllowed?: string): { out: string; report: Report | null; run: Run } {
  const out = path.join(dir, 'out.xlsx');
  const reportFile = path.join(dir, 'report.json');
  const run = ragbook(['recalc', input, '--out', out, '--report', reportFile, '--as-of', AS_OF, '--quiet'], {
    timeoutMs: Math.max(limitMs * 3, 30_000),
  });
  if (refusalAllowed && run.status === 2) {
    expectRefused(run, refusalAllowed, limitMs);
    expect(fs.readdirSync(dir)).toEqual([path.basename(input)]);
    return { out, report: null, run };
  }
  expect({ status: run.status, signal: run.signal, stderr: run.status === 0 ? '' : run.stderr.slice(0, 600) }).toEqual({
    status: 0,
    signal: null,
    stderr: '',
  });
  expect(run.ms).toBeLessThan(limitMs);
  return { out, report: JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Report, run };
}

/** Sheet name → worksheet part, read from the package's own workbook.xml and its relationships. */
function sheetParts(zip: Record<string, Uint8Array>): Map<string, string> {
  const wb = strFromU8(zip['xl/workbook.xml']);
  const rels = strFromU8(zip['xl/_rels/workbook.xml.rels']);
  const unescape = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : path.posix.join('xl', target));
  }
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    if (name !== undefined && id) out.set(unescape(name), targets.get(id)!);
  }
  return out;
}

/** The sheet and cell a HYPERLINK("#'Sheet'!A1", …) formula jumps to, Excel's quoting undone. */
function linkTarget(formula: string): { sheet: string; cell: string } | null {
  const m = /^=?HYPERLINK\("#((?:[^"]|"")*)"/i.exec(formula);
  if (!m) return null;
  const ref = m[1].replace(/""/g, '"');
  const q = /^'((?:[^']|'')*)'!([A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?)$/.exec(ref);
  return q ? { sheet: q[1].replace(/''/g, "'"), cell: q[2] } : null;
}

describe('awkward but valid workbooks are read correctly', () => {
  test.each(readable.map((e) => [e.name, e] as const))('%s', async (name, entry) => {
    const dir = freshDir();
    const input = path.join(dir, name);
    fs.copyFileSync(path.join(CORPUS, name), input);
    const before = sha(input);
    const { out, report, run } = recalcOk(input, dir, 10_000, entry.orRefused ? name : undefined);
    if (!report) return; // refused, quickly and clearly, which this entry allows
    expect(sha(input)).toBe(before);
    expect(report.overall.counts.total).toBe(entry.actions);
    if (run.rssKb !== null) expect(run.rssKb).toBeLessThan(1_500_000);

    const inZip = unzipSync(new Uint8Array(fs.readFileSync(input)));
    const outZip = unzipSync(new Uint8Array(fs.readFileSync(out)));
    const inSheets = sheetParts(inZip);
    const outSheets = sheetParts(outZip);

    if (entry.sheets) {
      // Every sheet is found under its own name, in the report and in the links.
      expect(new Set(report.workstreams.map((w) => w.sheet))).toEqual(new Set(entry.sheets));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const issues = wb.worksheets.find((w) => /^RAG Issues/.test(w.name));
      expect(issues).toBeDefined();
      const linked = new Map<string, number>();
      for (const ws of wb.worksheets.filter((w) => /^RAG (Issues|Summary)/.test(w.name))) {
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            const v = cell.value as { formula?: string } | null;
            if (!v || typeof v !== 'object' || !v.formula) return;
            const t = linkTarget(v.formula);
            expect(t).not.toBeNull();
            expect([...outSheets.keys()]).toContain(t!.sheet);
            if (ws === issues) linked.set(t!.sheet, (linked.get(t!.sheet) ?? 0) + 1);
          }),
        );
      }
      for (const s of entry.sheets) expect(linked.get(s) ?? 0).toBeGreaterThan(0);
      // The quoting itself: an apostrophe doubled inside the quotes, as Excel writes it.
      const formulas: string[] = [];
      issues!.eachRow((row) =>
        row.eachCell(
          (c) => void (typeof c.value === 'object' && c.value && 'formula' in c.value && formulas.push(String(c.value.formula))),
        ),
      );
      expect(formulas.some((f) => f.includes("#'It''s ours'!"))).toBe(true);
      expect(formulas.some((f) => f.includes(`#'O''Brien''s ''team'' plan'!`))).toBe(true);
      expect(formulas.some((f) => f.includes(`#'Plan ""A""'!`))).toBe(true);
      // Every finding in the report names one of the sheets.
      for (const i of report.issues) if (i.sheet !== '(settings)') expect(entry.sheets).toContain(i.sheet);
    }

    if (entry.userSheets) {
      // The user's sheets, their own 'RAG Summary' included, are byte for byte as they were.
      for (const s of entry.userSheets) {
        const a = inSheets.get(s)!;
        const b = outSheets.get(s);
        expect(b).toBeDefined();
        expect(Buffer.from(outZip[b!]).equals(Buffer.from(inZip[a]))).toBe(true);
      }
      // Ragbook wrote beside it, under a free name.
      expect([...outSheets.keys()]).toContain('RAG Summary (2)');
      expect(strFromU8(outZip[outSheets.get('RAG Summary (2)')!])).not.toContain('My own RAG summary');
    }
  });
});

// ---------------------------------------------------------------------------
// The large cases, made now (they are too big to commit)

describe('large awkward and malicious files', () => {
  const dir = path.join(tmpRoot, 'large');
  let made: Entry[] = [];

  beforeAll(() => {
    const r = spawnSync(process.execPath, [SCRIPT, '--large', dir], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`make-bad-inputs --large failed: ${r.stderr}`);
    made = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  }, 180_000);

  test('a million shared strings: read in bounded time and memory', () => {
    expect(made.map((m) => m.name)).toContain('million-shared-strings.xlsx');
    const { report, run } = recalcOk(path.join(dir, 'million-shared-strings.xlsx'), freshDir(), 20_000);
    expect(report!.overall.counts.total).toBe(5);
    if (run.rssKb !== null) expect(run.rssKb).toBeLessThan(1_500_000);
  });

  test('every row down to 1,048,576 present and formatted: read in bounded time and memory', () => {
    const { report, run } = recalcOk(path.join(dir, 'formatted-rows-to-bottom.xlsx'), freshDir(), 20_000);
    expect(report!.overall.counts.total).toBe(5);
    if (run.rssKb !== null) expect(run.rssKb).toBeLessThan(1_500_000);
  });

  test.each(['zip-bomb-2gib.xlsx', 'zip-bomb-2gib-honest.xlsx'])('%s (inflates to 2 GiB): refused in < 5 s without the memory', (name) => {
    const out = freshDir();
    const run = ragbook(['recalc', path.join(dir, name), '--out', path.join(out, 'out.xlsx')]);
    expectRefused(run, name);
    expect(fs.readdirSync(out)).toEqual([]);
    if (run.rssKb !== null) expect(run.rssKb).toBeLessThan(500_000);
  });

  test('896 MiB of zero bytes, honest in size and checksum, just under the 1 GiB bound: refused in bounded time', () => {
    // Inflating 896 MiB is allowed by the documented bound; reading it must then stop
    // at the first byte that cannot start XML, not scan it again on every refill.
    const out = freshDir();
    const run = ragbook(['recalc', path.join(dir, 'zip-bomb-under-limit.xlsx'), '--out', path.join(out, 'out.xlsx')], {
      timeoutMs: 30_000,
    });
    expect(run.signal).toBeNull(); // killed after 30 s: the reader does not stop in bounded time
    expectRefused(run, 'zip-bomb-under-limit.xlsx', 15_000);
    expect(fs.readdirSync(out)).toEqual([]);
  }, 60_000);
});
