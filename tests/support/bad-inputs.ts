import { type SpawnSyncReturns, execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { readXlsx, WorkbookFileError } from '../../src/workbook/xlsx/read';

// The bad-input corpus (tests/bad-inputs/, made by scripts/make-bad-inputs.mjs) run
// through the command as a user would run it. The cases are written once here;
// tests/bad-inputs.test.ts runs a sample of each kind in `npm test` (and every file
// through the reader in-process), tests/slow/bad-inputs-corpus.test.ts runs them all:
// - malformed files: exit 2, one line on stderr naming the file, nothing written
//   (no output, no report, no temporary file), less than 5 s, the input untouched;
// - files the reader accepts but the writer cannot update (Strict, a protected
//   structure): `check` reads them, `recalc` refuses them the same way;
// - awkward but valid workbooks: processed correctly within bounded time and memory,
//   the user's sheets byte for byte as they were, Ragbook's own parts well-formed.
// The large cases are made at test time in a temporary folder (never committed).
// The command line itself (paths, --out, --report, --settings) is attacked at the end.

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'ragbook.js');
const CLI_BUNDLE = path.join(ROOT, 'dist', 'cli.js');
export const CORPUS = path.join(ROOT, 'tests', 'bad-inputs');
const SCRIPT = path.join(ROOT, 'scripts', 'make-bad-inputs.mjs');
const TIME = '/usr/bin/time';
const TIMEOUT = '/usr/bin/timeout';
export const AS_OF = '2025-09-30';
/** The issue's bound for refusing a malformed file, process start to exit. */
const REFUSE_MS = 5_000;
/**
 * V8's heap is capped for every run, so a reader that does not bound its memory
 * fails here quickly (out of memory) instead of taking the machine with it.
 */
const HEAP_MB = 2048;
/** Peak resident memory allowed for any run (kB). */
const RSS_LIMIT_KB = 1_500_000;

export interface Entry {
  name: string;
  expect: 'refused' | 'read' | 'write-refused';
  problems?: string[];
  /** For read entries: a clear refusal is accepted instead ('write': by recalc only, check still reads it). */
  orRefused?: string[];
  what: string;
  actions?: number;
  sheets?: string[];
  userSheets?: string[];
  /** The main part's content type, which the output must keep (.xlsm, .xltx). */
  mainContentType?: string;
}

export const manifest: Entry[] = JSON.parse(fs.readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8'));
export const refused = manifest.filter((e) => e.expect === 'refused');
export const readable = manifest.filter((e) => e.expect === 'read');
export const writeRefused = manifest.filter((e) => e.expect === 'write-refused');

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-bad-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
let n = 0;
export const freshDir = () => fs.mkdtempSync(path.join(tmpRoot, `${++n}-`));
export const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** dist/cli.js is built by `npm install`; if it is missing, build it (to a temporary name, then rename, so no other test sees half a file). */
export function ensureCli(): void {
  if (fs.existsSync(CLI_BUNDLE)) return;

  // Built by the project's own script, so the bundle is the one shipped (no code from
  // strings: the bundle test scans it); into a file of this worker's, then renamed,
  // so a test in another worker never runs half a bundle.
  const tmp = `${CLI_BUNDLE}.${process.pid}.tmp.js`;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.mjs'), '--out', tmp], { cwd: ROOT, stdio: 'inherit' });
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
  /** User + system CPU seconds, when /usr/bin/time is there. */
  cpuS: number | null;
}

/** Runs as root drop to nobody for the permission tests (root reads anything). */
const AS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const SETPRIV = '/usr/bin/setpriv';

export function ragbook(args: string[], opts: { timeoutMs?: number; cwd?: string; asNobody?: boolean } = {}): Run {
  const limit = opts.timeoutMs ?? 30_000;
  // Peak memory and CPU time from GNU time; coreutils timeout kills the command itself
  // (killing the time wrapper would leave the command running on).
  const measure = fs.existsSync(TIME) && fs.existsSync(TIMEOUT);
  const rssFile = path.join(tmpRoot, `rss-${process.pid}-${++n}.txt`);
  const node = [process.execPath, BIN, ...args];
  const drop = opts.asNobody && AS_ROOT && fs.existsSync(SETPRIV) ? [SETPRIV, '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
  const argv = measure
    ? [TIME, '-f', '%M %U %S', '-o', rssFile, TIMEOUT, '-s', 'KILL', String(Math.ceil(limit / 1000)), ...drop, ...node]
    : [...drop, ...node];
  const t0 = process.hrtime.bigint();
  const r: SpawnSyncReturns<string> = spawnSync(argv[0], argv.slice(1), {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: limit + 10_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 << 20,
    env: { ...process.env, NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` },
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let rssKb: number | null = null;
  let cpuS: number | null = null;
  if (measure && fs.existsSync(rssFile)) {
    const m = /(\d+) ([\d.]+) ([\d.]+)\s*$/.exec(fs.readFileSync(rssFile, 'utf8'));
    if (m) {
      rssKb = Number(m[1]);
      cpuS = Number(m[2]) + Number(m[3]);
    }
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
    cpuS,
  };
}

/** Progress lines the command prints for large files, which may come before the error. */
const PROGRESS = /^ragbook: (Reading workbook|Reading trackers|Summarising|Writing workbook|Done|unzip|read)( \d+\/\d+)?$/;
const messageLines = (stderr: string) => stderr.split('\n').filter((l) => l.trim() !== '' && !PROGRESS.test(l));
/** Characters that drive a terminal or break a line: C0 and C1 controls, DEL, and bidirectional overrides. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point.
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * Time bounds. CPU time (from GNU time, when the machine has it) is checked in every
 * suite: other programs running beside the tests do not inflate it. Wall time is
 * checked at the bound itself in the slow suite (RAGBOOK_TIMED=1) and, in `npm test`,
 * at four times the bound, as a guard against a hang that gives the same result on
 * a busy machine as on an idle one.
 */
const TIMED = process.env.RAGBOOK_TIMED === '1';
function expectWithin(run: Run, limitMs: number): void {
  if (run.cpuS !== null) expect(run.cpuS * 1000).toBeLessThan(limitMs);
  expect(run.ms).toBeLessThan(TIMED ? limitMs : limitMs * 4);
}

export function expectRefused(run: Run, fileName: string, limitMs = REFUSE_MS): void {
  const lines = messageLines(run.stderr);
  const why = `stderr was: ${run.stderr.slice(0, 600)}`;
  expect({ killed: run.signal, status: run.status, why: run.status === 2 ? '' : why }).toEqual({ killed: null, status: 2, why: '' });
  expect({ lines, count: lines.length }).toEqual({ lines, count: 1 });
  expect(lines[0]).toMatch(/^ragbook: /);
  expect(lines[0]).toContain(fileName);
  expect(lines[0]).not.toMatch(/\bat .*\.js:\d+|Error:|undefined|\[object|unexpected error/);
  // Text from the file (part or sheet names) must not drive the terminal.
  expect(lines[0]).not.toMatch(TERMINAL_CONTROL);
  expectWithin(run, limitMs);
  if (run.rssKb !== null) expect(run.rssKb).toBeLessThan(RSS_LIMIT_KB);
}

/** The files in `dir` other than `keep`: what a refused run must not have written. */
export const written = (dir: string, ...keep: string[]) => fs.readdirSync(dir).filter((f) => !keep.includes(f));

// ---------------------------------------------------------------------------
// Awkward but valid

interface Report {
  workstreams: { sheet: string; counts: Record<string, number> }[];
  overall: { counts: Record<string, number> };
  issues: { code: string; sheet: string; cell: string }[];
}

/**
 * Runs recalc with a report and checks it succeeded within `limitMs`. When
 * `refusalAllowed` names the file, a quick, clear refusal (exit 2) is accepted too,
 * and then there is no report.
 */
/**
 * Where a run writes: a macro-enabled workbook or a template keeps its extension
 * (Excel reads the kind of package from the name, and the command refuses any
 * other); everything else is written as .xlsx.
 */
function outputFor(input: string, dir: string): string {
  const ext = path.extname(input).toLowerCase();
  return path.join(dir, `out${/^\.x(lsm|lt[xm])$/.test(ext) ? ext : '.xlsx'}`);
}

function recalcOk(input: string, dir: string, limitMs: number, refusalAllowed?: string): { out: string; report: Report | null; run: Run } {
  const out = outputFor(input, dir);
  const reportFile = path.join(dir, 'report.json');
  const run = ragbook(['recalc', input, '--out', out, '--report', reportFile, '--as-of', AS_OF, '--quiet'], {
    timeoutMs: Math.max(limitMs * 3, 30_000),
  });
  if (refusalAllowed && run.status === 2) {
    expectRefused(run, refusalAllowed, limitMs);
    expect(written(dir)).toEqual([path.basename(input)]);
    return { out, report: null, run };
  }
  expect({
    status: run.status,
    signal: run.signal,
    stderr: run.status === 0 ? '' : run.stderr.slice(0, 600),
    peakMB: run.status === 0 ? 0 : Math.round((run.rssKb ?? 0) / 1024),
  }).toEqual({
    status: 0,
    signal: null,
    stderr: '',
    peakMB: 0,
  });
  expectWithin(run, limitMs);
  if (run.rssKb !== null) expect(run.rssKb).toBeLessThan(RSS_LIMIT_KB);
  return { out, report: JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Report, run };
}

/** Sheet name → worksheet part, read from the package's own workbook.xml and its relationships. */
function sheetParts(zip: Record<string, Uint8Array>): Map<string, string> {
  const text = (b: Uint8Array) => (b[0] === 0xff && b[1] === 0xfe ? new TextDecoder('utf-16le').decode(b) : strFromU8(b));
  const find = (name: string) => Object.keys(zip).find((k) => k.toLowerCase() === name.toLowerCase())!;
  const wb = text(zip[find('xl/workbook.xml')]);
  const rels = text(zip[find('xl/_rels/workbook.xml.rels')]);
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
    if (id && target) targets.set(id, find(target.startsWith('/') ? target.slice(1) : path.posix.join('xl', target)));
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

/** A strict, non-validating XML parse (saxes): throws on anything not well-formed. */
function wellFormed(part: string, bytes: Uint8Array): void {
  const text =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? new TextDecoder('utf-16le').decode(bytes.subarray(2))
      : strFromU8(bytes).replace(/^\uFEFF/, '');
  const parser = new SaxesParser({ xmlns: false });
  let error: string | null = null;
  parser.on('error', (e) => {
    error ??= e.message;
  });
  parser.write(text).close();
  expect({ part, error }).toEqual({ part, error: null });
}

/**
 * What every successful run must leave: each of the input's sheets byte for byte as
 * it was, Ragbook's own parts (every part that is new or changed) well-formed XML,
 * the output readable by Ragbook with the plan's four sheets and the hidden settings
 * sheet marked as its own, and a report whose findings point at the input's sheets.
 */
function checkOutput(input: string, out: string, report: Report): void {
  const inZip = unzipSync(new Uint8Array(fs.readFileSync(input)));
  const outZip = unzipSync(new Uint8Array(fs.readFileSync(out)));
  const inSheets = sheetParts(inZip);
  const outSheets = sheetParts(outZip);
  for (const [name, part] of inSheets) {
    const b = outSheets.get(name);
    expect({ sheet: name, inOutput: b !== undefined }).toEqual({ sheet: name, inOutput: true });
    expect({ sheet: name, same: Buffer.from(outZip[b!]).equals(Buffer.from(inZip[part])) }).toEqual({ sheet: name, same: true });
  }
  for (const [part, bytes] of Object.entries(outZip)) {
    if (!/\.(xml|rels)$/i.test(part)) continue;
    const before = inZip[part];
    if (before && Buffer.from(before).equals(Buffer.from(bytes))) continue;
    wellFormed(part, bytes);
  }
  const { grid } = readXlsx(new Uint8Array(fs.readFileSync(out)), 'out.xlsx');
  // The plan's sheets in its order, then the copy of the settings, which only Ragbook sees.
  expect(grid.sheets.filter((s) => s.owned).map((s) => [s.owned, s.hidden === true])).toEqual([
    ['summary', false],
    ['actions', false],
    ['issues', false],
    ['history', false],
    ['settings', true],
  ]);
  const sheetNames = new Set(inSheets.keys());
  for (const i of report.issues) {
    if (i.sheet.startsWith('(')) continue;
    // A sheet the workbook lists without a part (r:id="") is named by the note that it was skipped, and only there.
    if (i.code === 'sheet.skipped') expect(sheetNames.has(i.sheet)).toBe(false);
    else expect({ code: i.code, sheet: i.sheet, known: sheetNames.has(i.sheet) }).toEqual({ code: i.code, sheet: i.sheet, known: true });
  }
  for (const w of report.workstreams) {
    const c = w.counts;
    expect(c.completed + c.inProgress + c.static + c.notStarted + c.withdrawn + c.unrecognised + c.noStatus).toBe(c.total);
  }
}

/** The main part's content type, from [Content_Types].xml. */
function mainContentType(file: string): string | undefined {
  const zip = unzipSync(new Uint8Array(fs.readFileSync(file)));
  const ct = strFromU8(zip['[Content_Types].xml']);
  return /PartName="\/xl\/workbook\.xml"\s+ContentType="([^"]+)"/.exec(ct)?.[1];
}

// ---------------------------------------------------------------------------

/** The committed corpus is byte for byte what its script makes. */
export function testCorpusIsGenerated(): void {
  test('the corpus is exactly what scripts/make-bad-inputs.mjs makes', () => {
    const out = freshDir();
    const r = spawnSync(process.execPath, [SCRIPT, '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    const made = fs.readdirSync(out).sort();
    expect(made).toEqual(fs.readdirSync(CORPUS).sort());
    for (const f of made) expect(`${f} ${sha(path.join(out, f))}`).toBe(`${f} ${sha(path.join(CORPUS, f))}`);
  }, 180_000);
}

/** The manifest is sound: every file once, each with an outcome. */
export function testManifest(): void {
  test('the manifest lists every file once, each with an outcome the tests below know', () => {
    const names = manifest.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const e of manifest) {
      expect(['refused', 'read', 'write-refused']).toContain(e.expect);
      if (e.expect === 'refused') expect(e.problems?.length).toBeGreaterThan(0);
      else expect(typeof e.actions).toBe('number');
    }
    // The corpus holds more than the handful the issue names: the reader must be tried on files it has never seen.
    expect(refused.length).toBeGreaterThanOrEqual(50);
  });
}

/** Malformed files, refused by recalc and check alike. */
export function describeRefused(entries: Entry[]): void {
  describe('malformed files are refused: exit 2, one line naming the file, nothing written, < 5 s', () => {
    test.each(entries.map((e) => [e.name, e] as const))('%s', (name, entry) => {
      const dir = freshDir();
      const input = path.join(dir, name);
      fs.copyFileSync(path.join(CORPUS, name), input);
      const before = sha(input);

      // As the issue gives it: --out beside, and a report asked for too.
      const run = ragbook(['recalc', input, '--out', outputFor(input, dir), '--report', path.join(dir, 'report.json'), '--as-of', AS_OF]);
      expectRefused(run, name);
      // The default output name, and the check command.
      expectRefused(ragbook(['recalc', input, '--quiet']), name);
      expectRefused(ragbook(['check', input, '--report', path.join(dir, 'check.json')]), name);

      // Nothing written: the folder holds the input alone, as it was.
      expect(written(dir)).toEqual([name]);
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
      expect({ name, problem, expected: entry.problems }).toEqual({
        name,
        problem: entry.problems!.includes(problem!) ? problem : 'one of the expected kinds',
        expected: entry.problems,
      });
    });
  });
}

/** Read by check, refused by recalc. */
export function describeWriteRefused(entries: Entry[]): void {
  describe('read by check, but recalc cannot write them: recalc refuses with one line naming the file and writes nothing', () => {
    test.each(entries.map((e) => [e.name, e] as const))('%s', (name, entry) => {
      const dir = freshDir();
      const input = path.join(dir, name);
      fs.copyFileSync(path.join(CORPUS, name), input);
      const before = sha(input);
      expectRefused(
        ragbook(['recalc', input, '--out', path.join(dir, 'out.xlsx'), '--report', path.join(dir, 'r.json'), '--as-of', AS_OF]),
        name,
      );
      expectRefused(ragbook(['recalc', input, '--in-place', '--as-of', AS_OF, '--quiet']), name);
      expect(written(dir)).toEqual([name]);
      expect(sha(input)).toBe(before);

      // check needs no writer: it reads the workbook (or, where the entry allows, refuses it just as clearly).
      const report = path.join(dir, 'check.json');
      const check = ragbook(['check', input, '--report', report, '--as-of', AS_OF, '--quiet']);
      if (entry.orRefused && check.status === 2) {
        expectRefused(check, name);
        return;
      }
      expect({ exitedZeroOrOne: check.status === 0 || check.status === 1, stderr: check.stderr }).toEqual({
        exitedZeroOrOne: true,
        stderr: '',
      });
      expect(JSON.parse(fs.readFileSync(report, 'utf8')).overall.counts.total).toBe(entry.actions);
    });
  });
}

/** No DOCTYPE is ever followed, in any part. */
export function describeExternalEntities(): void {
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
        // The sheet cases start from the corpus file whose sheet uses &xxe; in a cell; the
        // others from a clean tracker, so that only their own DOCTYPE can get them refused.
        const sheetParts = unzipSync(new Uint8Array(fs.readFileSync(path.join(CORPUS, 'xxe-sheet.xlsx'))));
        const cleanParts = unzipSync(new Uint8Array(fs.readFileSync(path.join(CORPUS, 'user-rag-summary.xlsx'))));
        const cases: [string, string, string][] = [
          ['file', 'xl/worksheets/sheet1.xml', `<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://${canary}">]>`],
          ['http', 'xl/worksheets/sheet1.xml', `<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "http://127.0.0.1:${port}/entity">]>`],
          ['dtd', 'xl/worksheets/sheet1.xml', `<!DOCTYPE worksheet SYSTEM "http://127.0.0.1:${port}/external.dtd">`],
          ['parameter', 'xl/worksheets/sheet1.xml', `<!DOCTYPE worksheet [<!ENTITY % p SYSTEM "http://127.0.0.1:${port}/param.dtd"> %p;]>`],
          // Parts other than the sheet: the ones Ragbook reads, and the one its writer edits.
          ['styles', 'xl/styles.xml', `<!DOCTYPE styleSheet SYSTEM "http://127.0.0.1:${port}/styles.dtd">`],
          ['rels', 'xl/_rels/workbook.xml.rels', `<!DOCTYPE Relationships SYSTEM "http://127.0.0.1:${port}/rels.dtd">`],
          ['content-types', '[Content_Types].xml', `<!DOCTYPE Types SYSTEM "http://127.0.0.1:${port}/types.dtd">`],
        ];
        const notRefused: string[] = [];
        for (const [label, part, doctype] of cases) {
          const parts = part === 'xl/worksheets/sheet1.xml' ? sheetParts : cleanParts;
          const xml = strFromU8(parts[part]).replace(/<!DOCTYPE[^\]]*\]>\n?|<!DOCTYPE[^>]*>\n?/, '');
          const withDoctype = xml.replace(/^(<\?xml[^>]*\?>\s*)?/, (m) => `${m}${doctype}\n`);
          const file = path.join(dir, `xxe-${label}.xlsx`);
          fs.writeFileSync(file, zipSync({ ...parts, [part]: new TextEncoder().encode(withDoctype) }));
          const run = ragbook(['recalc', file, '--out', path.join(dir, 'out.xlsx'), '--report', path.join(dir, 'r.json')]);
          expect(run.stderr + run.stdout).not.toMatch(/CANARY-SECRET-42|LEAKED-OVER-HTTP/);
          if (fs.existsSync(path.join(dir, 'out.xlsx'))) {
            expect(
              strFromU8(unzipSync(new Uint8Array(fs.readFileSync(path.join(dir, 'out.xlsx'))))[part] ?? new Uint8Array()),
            ).not.toContain('CANARY');
          }
          try {
            expectRefused(run, path.basename(file));
          } catch (e) {
            notRefused.push(`${label}: ${(e as Error).message.split('\n').slice(0, 12).join(' ')}`);
          }
          for (const f of fs.readdirSync(dir)) if (/out|r\.json/.test(f)) fs.rmSync(path.join(dir, f));
        }
        // Never resolved, whatever the part (checked for every case before the refusals).
        expect(hits).toEqual([]);
        expect(notRefused).toEqual([]);
      } finally {
        server.close();
      }
    });
  });
}

/** Awkward but valid workbooks, recalculated. */
export function describeReadable(entries: Entry[]): void {
  describe('awkward but valid workbooks are read correctly', () => {
    test.each(entries.map((e) => [e.name, e] as const))('%s', async (name, entry) => {
      const dir = freshDir();
      const input = path.join(dir, name);
      fs.copyFileSync(path.join(CORPUS, name), input);
      const before = sha(input);
      const { out, report, run } = recalcOk(input, dir, 10_000, entry.orRefused ? name : undefined);
      expect(sha(input)).toBe(before);
      if (!report) {
        // Refused by recalc, quickly and clearly, which this entry allows: check still reads it
        // when only the writer may refuse ('write').
        if (entry.orRefused?.includes('write')) {
          const check = ragbook(['check', input, '--as-of', AS_OF, '--quiet']);
          if (!(entry.orRefused.length > 1 && check.status === 2)) expect([0, 1]).toContain(check.status);
        }
        return;
      }
      expect(report.overall.counts.total).toBe(entry.actions);
      if (run.rssKb !== null) expect(run.rssKb).toBeLessThan(RSS_LIMIT_KB);
      checkOutput(input, out, report);
      // Nothing else appeared: the output and the report, no temporary file, and no
      // zip entry extracted anywhere (../ names, absolute names).
      expect(written(dir, name).sort()).toEqual([path.basename(out), 'report.json']);
      for (const slip of [
        path.join(dir, '..', '..', 'ragbook-zip-slip.txt'),
        '/tmp/ragbook-zip-slip-abs.txt',
        path.join(dir, '..', 'ragbook-zip-slip.txt'),
      ]) {
        expect(fs.existsSync(slip)).toBe(false);
      }
      // The terminal never receives control characters from the workbook.
      const shown = ragbook(['check', input, '--as-of', AS_OF]);
      expect(shown.stdout.split('\n').filter((l) => TERMINAL_CONTROL.test(l))).toEqual([]);

      const outZip = unzipSync(new Uint8Array(fs.readFileSync(out)));
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
        // Ragbook wrote beside the user's own 'RAG Summary', under a free name.
        expect([...outSheets.keys()]).toContain('RAG Summary (2)');
        expect(strFromU8(outZip[outSheets.get('RAG Summary (2)')!])).not.toContain('My own RAG summary');
      }

      if (entry.mainContentType) {
        // The default output keeps the extension, and with it the kind of package: a
        // macro-enabled workbook stays one, its macros byte for byte.
        const ext = path.extname(name);
        const def = path.join(dir, `${path.basename(name, ext)}.ragbook${ext}`);
        const r = ragbook(['recalc', input, '--as-of', AS_OF, '--quiet']);
        expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
        expect(mainContentType(def)).toBe(entry.mainContentType);
        const inZip = unzipSync(new Uint8Array(fs.readFileSync(input)));
        const defZip = unzipSync(new Uint8Array(fs.readFileSync(def)));
        for (const [part, bytes] of Object.entries(inZip)) {
          if (/\.bin$/.test(part)) expect(Buffer.from(defZip[part]).equals(Buffer.from(bytes))).toBe(true);
        }
        // Under an .xlsx name, Excel opens only a plain workbook: a macro-enabled or
        // template package there is a file nobody can open. Refuse, or write a plain one.
        const plainDir = freshDir();
        const plain = path.join(plainDir, 'plain.xlsx');
        const p = ragbook(['recalc', input, '--out', plain, '--as-of', AS_OF, '--quiet']);
        if (p.status === 2) {
          expectRefused(p, 'plain.xlsx');
          expect(fs.readdirSync(plainDir)).toEqual([]);
        } else {
          expect(p.status).toBe(0);
          expect(mainContentType(plain)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml');
        }
      }
    });
  });
}

/** The large cases, made at test time. */
export function describeLarge(): void {
  describe('large awkward and malicious files', () => {
    const dir = path.join(tmpRoot, 'large');
    let made: Entry[] = [];

    beforeAll(() => {
      const r = spawnSync(process.execPath, ['--max-old-space-size=4096', SCRIPT, '--large', dir], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 300_000,
      });
      if (r.status !== 0) throw new Error(`make-bad-inputs --large failed: ${r.stderr}`);
      made = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    }, 360_000);

    test('a million shared strings: read in bounded time and memory', () => {
      expect(made.map((m) => m.name)).toContain('million-shared-strings.xlsx');
      const { report, run } = recalcOk(path.join(dir, 'million-shared-strings.xlsx'), freshDir(), 20_000);
      expect(report!.overall.counts.total).toBe(5);
      if (run.rssKb !== null) expect(run.rssKb).toBeLessThan(RSS_LIMIT_KB);
    });

    test('every row down to 1,048,576 present and formatted: read in bounded time and memory', () => {
      const { report, run } = recalcOk(path.join(dir, 'formatted-rows-to-bottom.xlsx'), freshDir(), 20_000);
      expect(report!.overall.counts.total).toBe(5);
      if (run.rssKb !== null) expect(run.rssKb).toBeLessThan(RSS_LIMIT_KB);
    });

    test.each(['zip-bomb-2gib.xlsx', 'zip-bomb-2gib-honest.xlsx'])(
      '%s (inflates to 2 GiB): refused in < 5 s without the memory',
      (name) => {
        const out = freshDir();
        const run = ragbook(['recalc', path.join(dir, name), '--out', path.join(out, 'out.xlsx')]);
        expectRefused(run, name);
        expect(fs.readdirSync(out)).toEqual([]);
        if (run.rssKb !== null) expect(run.rssKb).toBeLessThan(500_000);
      },
    );

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

    // Small files whose content costs far more than their size: read (or refused
    // clearly) in 20 s and 1.5 GB, whatever the amplification.
    test.each([
      'many-number-formats.xlsx',
      'many-fills.xlsx',
      'filled-cells-to-bottom.xlsx',
      'far-column-every-row.xlsx',
      'empty-shared-strings.xlsx',
      'million-merges.xlsx',
      'sixty-five-thousand-parts.xlsx',
    ])(
      '%s: read, or refused clearly, in bounded time and memory',
      (name) => {
        const entry = made.find((m) => m.name === name);
        expect(entry).toBeDefined();
        const work = freshDir();
        const input = path.join(work, name);
        fs.copyFileSync(path.join(dir, name), input);
        const { out, report } = recalcOk(input, work, 20_000, entry!.orRefused ? name : undefined);
        if (!report) return;
        expect(report.overall.counts.total).toBe(entry!.actions);
        checkOutput(input, out, report);
      },
      120_000,
    );
  });
}

/** What the command is pointed at, and where it is told to write. */
export function describeCommandLinePaths(): void {
  describe('the command line refuses bad paths with one line, exit 2, nothing written', () => {
    const TRACKER = path.join(CORPUS, 'user-rag-summary.xlsx');

    /** A folder with a copy of the tracker, open to every user (the permission cases run as nobody when root). */
    function workDir(): { dir: string; input: string; hash: string } {
      const dir = freshDir();
      fs.chmodSync(tmpRoot, 0o755);
      fs.chmodSync(dir, 0o777);
      const input = path.join(dir, 'tracker.xlsx');
      fs.copyFileSync(TRACKER, input);
      fs.chmodSync(input, 0o666);
      return { dir, input, hash: sha(input) };
    }

    test('a folder named like a workbook', () => {
      const { dir } = workDir();
      fs.mkdirSync(path.join(dir, 'folder.xlsx'));
      expectRefused(ragbook(['recalc', path.join(dir, 'folder.xlsx')]), 'folder.xlsx');
      expectRefused(ragbook(['check', path.join(dir, 'folder.xlsx')]), 'folder.xlsx');
      expect(written(dir, 'tracker.xlsx')).toEqual(['folder.xlsx']);
    });

    test('a named pipe, and a link to /dev/zero: refused at once, not read for ever', () => {
      const { dir } = workDir();
      const fifo = path.join(dir, 'pipe.xlsx');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      expectRefused(ragbook(['recalc', fifo], { timeoutMs: 15_000 }), 'pipe.xlsx');
      fs.symlinkSync('/dev/zero', path.join(dir, 'zero.xlsx'));
      expectRefused(ragbook(['check', path.join(dir, 'zero.xlsx')], { timeoutMs: 15_000 }), 'zero.xlsx');
      expect(written(dir, 'tracker.xlsx').sort()).toEqual(['pipe.xlsx', 'zero.xlsx']);
    });

    test('a file that cannot be read', () => {
      const { dir, input } = workDir();
      fs.chmodSync(input, 0o000);
      expectRefused(ragbook(['recalc', input], { asNobody: true }), 'tracker.xlsx');
      expect(written(dir)).toEqual(['tracker.xlsx']);
    });

    test('a workbook reached through a symbolic link: read; --in-place updates the workbook the link points to (or refuses), never just replaces the link', () => {
      const { dir, input, hash } = workDir();
      const link = path.join(dir, 'link.xlsx');
      fs.symlinkSync(input, link);
      const plain = ragbook(['recalc', link, '--as-of', AS_OF, '--quiet']);
      expect({ status: plain.status, stderr: plain.stderr }).toEqual({ status: 0, stderr: '' });
      expect(fs.existsSync(path.join(dir, 'link.ragbook.xlsx'))).toBe(true);
      fs.rmSync(path.join(dir, 'link.ragbook.xlsx'));

      const r = ragbook(['recalc', link, '--in-place', '--as-of', AS_OF, '--quiet']);
      // Replacing the link with a new file would leave the real workbook as it was, silently.
      expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
      if (r.status === 2) {
        expectRefused(r, 'link.xlsx');
        expect(sha(input)).toBe(hash);
      } else {
        expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
        expect(sha(input)).not.toBe(hash);
        const { grid } = readXlsx(new Uint8Array(fs.readFileSync(input)), 'tracker.xlsx');
        expect(grid.sheets.some((s) => s.owned === 'summary')).toBe(true);
      }
      expect(written(dir).sort()).toEqual(['link.xlsx', 'tracker.xlsx']);
    });

    test.each([
      ['a folder', (dir: string) => (fs.mkdirSync(path.join(dir, 'outdir')), path.join(dir, 'outdir'))],
      ['a folder, with a trailing slash', (dir: string) => (fs.mkdirSync(path.join(dir, 'outdir')), path.join(dir, 'outdir') + path.sep)],
      ['a folder that does not exist', (dir: string) => path.join(dir, 'missing', 'out.xlsx')],
      ['a folder the user cannot write to', (dir: string) => (fs.mkdirSync(path.join(dir, 'ro'), 0o555), path.join(dir, 'ro', 'out.xlsx'))],
    ])('--out pointing at %s', (_what, target) => {
      const { dir, input, hash } = workDir();
      const out = target(dir);
      const before = fs.readdirSync(dir).sort();
      const r = ragbook(['recalc', input, '--out', out, '--report', path.join(dir, 'r.json'), '--as-of', AS_OF, '--quiet'], {
        asNobody: true,
      });
      expectRefused(r, path.basename(out.replace(/[/\\]+$/, '')));
      expect(fs.readdirSync(dir).sort()).toEqual(before);
      for (const sub of fs.readdirSync(dir))
        if (fs.statSync(path.join(dir, sub)).isDirectory()) expect(fs.readdirSync(path.join(dir, sub))).toEqual([]);
      expect(sha(input)).toBe(hash);
    });

    test('--out naming the input by another spelling', () => {
      const { dir, input, hash } = workDir();
      for (const out of [input, path.join(dir, '.', 'tracker.xlsx'), path.join(dir, '..', path.basename(dir), 'tracker.xlsx')]) {
        expectRefused(ragbook(['recalc', input, '--out', out, '--quiet']), 'tracker.xlsx');
      }
      expect(sha(input)).toBe(hash);
      expect(written(dir)).toEqual(['tracker.xlsx']);
    });

    test('--report naming the input: refused, and the workbook is not overwritten with JSON', () => {
      const { dir, input, hash } = workDir();
      expectRefused(ragbook(['recalc', input, '--out', path.join(dir, 'out.xlsx'), '--report', input, '--quiet']), 'tracker.xlsx');
      expectRefused(ragbook(['check', input, '--report', input, '--quiet']), 'tracker.xlsx');
      expect(sha(input)).toBe(hash);
      expect(written(dir)).toEqual(['tracker.xlsx']);
    });

    test('--report naming the --out file: refused, not a workbook silently replaced by its report', () => {
      const { dir, input } = workDir();
      const out = path.join(dir, 'out.xlsx');
      expectRefused(ragbook(['recalc', input, '--out', out, '--report', out, '--quiet']), 'out.xlsx');
      expect(written(dir)).toEqual(['tracker.xlsx']);
    });

    test.each([
      ['a folder', (dir: string) => (fs.mkdirSync(path.join(dir, 'reports')), path.join(dir, 'reports'))],
      ['a folder that does not exist', (dir: string) => path.join(dir, 'missing', 'r.json')],
      ['a folder the user cannot write to', (dir: string) => (fs.mkdirSync(path.join(dir, 'ro'), 0o555), path.join(dir, 'ro', 'r.json'))],
    ])('--report pointing at %s: refused before anything is written (no workbook without its report)', (_what, target) => {
      const { dir, input, hash } = workDir();
      const report = target(dir);
      const before = fs.readdirSync(dir).sort();
      const r = ragbook(['recalc', input, '--out', path.join(dir, 'out.xlsx'), '--report', report, '--as-of', AS_OF, '--quiet'], {
        asNobody: true,
      });
      expectRefused(r, path.basename(report));
      expect(fs.readdirSync(dir).sort()).toEqual(before);
      expect(sha(input)).toBe(hash);
    });

    test.each([
      ['not JSON', 'bad.json', (f: string) => fs.writeFileSync(f, '{nope')],
      ['failing its schema', 'bad.json', (f: string) => fs.writeFileSync(f, '{"dueSoonDays": "soon"}')],
      ['a JSON array', 'bad.json', (f: string) => fs.writeFileSync(f, '[]')],
      [
        'too many synonyms',
        'bad.json',
        (f: string) =>
          fs.writeFileSync(
            f,
            JSON.stringify({ statusSynonyms: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`word ${i}`, 'Completed'])) }),
          ),
      ],
      ['a folder', 'settings.json', (f: string) => fs.mkdirSync(f)],
      ['missing', 'missing.json', () => undefined],
      ['a link to /dev/zero', 'zero.json', (f: string) => fs.symlinkSync('/dev/zero', f)],
    ])('--settings %s: refused, naming the settings file', (_what, file, make) => {
      const { dir, input, hash } = workDir();
      const settings = path.join(dir, file);
      make(settings);
      const before = fs.readdirSync(dir).sort();
      expectRefused(
        ragbook(['recalc', input, '--settings', settings, '--report', path.join(dir, 'r.json'), '--quiet'], { timeoutMs: 15_000 }),
        file,
      );
      expect(fs.readdirSync(dir).sort()).toEqual(before);
      expect(sha(input)).toBe(hash);
    });
  });
}
