import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { readXlsx } from '../src/workbook/xlsx/read';

// Fault injection for the command: `ragbook recalc` on a large-ish workbook, killed
// at random points (SIGKILL: no chance to clean up; SIGTERM: the command's handler
// runs). Afterwards:
// - the input is byte-identical (with --in-place: either as it was or the complete
//   new workbook, never a mix);
// - there is no partial file under the output name: either nothing, or the whole,
//   readable result (the output is written to a temporary file and renamed);
// - after SIGTERM, no temporary file is left. After SIGKILL a temporary file
//   (.<out>.<pid>.<stamp>.tmp) may be left beside the output: nothing can remove it
//   when the process is killed outright, and it never has the output's name.
// The kill times come from a seeded generator (RAGBOOK_FAULT_SEED to replay a run).
// A third of the kills are aimed at the write itself (the moment the temporary file
// appears); the tests require that some did land while it was being written.
// A full disk (a tiny tmpfs) makes the write itself fail part-way.
// The Office adapter's fault injection is in tests/office-adapter.test.ts.

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'ragbook.js');
const CLI_BUNDLE = path.join(ROOT, 'dist', 'cli.js');
const AS_OF = '2025-09-30';
const SEED = Number(process.env.RAGBOOK_FAULT_SEED ?? 20250930);
const ACTIONS = 9_000;
const SHEETS = 6;

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-faults-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

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

// ---------------------------------------------------------------------------
// A large-ish tracker, made here so the test needs neither Python nor a fixture

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const col = (c: number) => String.fromCharCode(65 + c);

function makeWorkbook(file: string): void {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const sid = (s: string) => {
    let i = ids.get(s);
    if (i === undefined) ids.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const statuses = ['Completed', 'In progress', 'Static', 'Not started', 'complete', 'In progess', ''];
  const targets: (string | number)[] = [45747, 'March 2025', 'w/c 14 April 2025', 'Q2 2025/26', 'TBC', 46022, '31/02/2025'];
  const r = rng(7);
  const files: Record<string, Uint8Array> = {};
  const perSheet = ACTIONS / SHEETS;
  for (let s = 0; s < SHEETS; s++) {
    const rows: string[] = [];
    let row = 0;
    const cell = (c: number, v: string | number | null, style = 0) => {
      if (v === null || v === '') return '';
      const ref = `${col(c)}${row}`;
      return typeof v === 'number'
        ? `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`
        : `<c r="${ref}" t="s"><v>${sid(v)}</v></c>`;
    };
    const put = (...cells: string[]) => rows.push(`<row r="${row}">${cells.join('')}</row>`);
    for (let block = 0; block < 5; block++) {
      row++;
      put(cell(0, `Work stream ${s * 5 + block + 1}: Improving triage`));
      row++;
      put(...['No', 'Action', 'Progress at 30 June 2025', 'Status', 'Target date', 'Delivery lead'].map((h, c) => cell(c, h)));
      for (let i = 1; i <= perSheet / 5; i++) {
        row++;
        const t = targets[Math.floor(r() * targets.length)];
        put(
          cell(0, i),
          cell(1, `Review the allocation of caseloads in locality ${i % 17} with partners (${s}.${block}.${i})`),
          cell(2, `Progress note ${Math.floor(r() * 1e9).toString(36)}: draft shared with the board; next review in the autumn.`),
          cell(3, statuses[Math.floor(r() * statuses.length)]),
          cell(4, t, typeof t === 'number' ? 1 : 0),
          cell(5, ['Ruth Penhale', 'Owen Tregear', 'Priya Nair'][i % 3]),
        );
      }
      row += 2;
    }
    files[`xl/worksheets/sheet${s + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`,
    );
  }
  const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  const sheetIdx = Array.from({ length: SHEETS }, (_, i) => i + 1);
  files['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>${sheetIdx
      .map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${CT}.worksheet+xml"/>`)
      .join(
        '',
      )}<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/></Types>`,
  );
  files['_rels/.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${sheetIdx.map((i) => `<sheet name="Plan ${i}" sheetId="${i}" r:id="rId${i}"/>`).join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetIdx
      .map((i) => `<Relationship Id="rId${i}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`)
      .join(
        '',
      )}<Relationship Id="rId${SHEETS + 1}" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId${SHEETS + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  files['xl/styles.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS}"><fonts count="1"><font/></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  );
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`,
  );
  fs.writeFileSync(file, zipSync(files, { level: 6, mtime: new Date('2025-09-30T09:00:00Z') }));
}

// ---------------------------------------------------------------------------

const INPUT = path.join(tmpRoot, 'tracker.xlsx');
let inputHash = '';
/** Wall time of an undisturbed run, and when it starts writing. */
let fullMs = 0;
let writeAtMs = 0;

interface Killed {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  killedAtMs: number | null;
  writingAtMs: number | null;
  /** A temporary file was in the output folder at the moment of the kill: the kill landed mid-write. */
  midWrite: boolean;
  ms: number;
}

interface When {
  /** Kill this long after the start. */
  delayMs?: number;
  /** Kill this long after the command says it is writing. */
  afterWritingMs?: number;
  /** Kill this long after a temporary file appears in `dir` (the file itself being written). */
  afterTempMs?: number;
  dir?: string;
}

/** Starts the command and kills it with `signal` at the moment `when` says. */
function runAndKill(args: string[], signal: NodeJS.Signals, when: When): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child: ChildProcess = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let killedAtMs: number | null = null;
    let writingAtMs: number | null = null;
    let timer: NodeJS.Timeout | null = null;
    let midWrite = false;
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) {
        killedAtMs = Date.now() - t0;
        child.kill(signal);
        if (when.dir) midWrite = fs.readdirSync(when.dir).some((f) => f.endsWith('.tmp'));
      }
    };
    if (when.delayMs !== undefined) timer = setTimeout(kill, when.delayMs);
    let watcher: fs.FSWatcher | null = null;
    if (when.afterTempMs !== undefined && when.dir) {
      watcher = fs.watch(when.dir, (_event, name) => {
        if (timer !== null || !name || !String(name).endsWith('.tmp')) return;
        // No delay at all: kill from inside the event, while the file is being written.
        if (when.afterTempMs === 0) kill();
        else timer = setTimeout(kill, when.afterTempMs);
      });
    }
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (writingAtMs === null && stderr.includes('Writing workbook')) writingAtMs = Date.now() - t0;
      if (when.afterWritingMs !== undefined && timer === null && stderr.includes('Writing workbook'))
        timer = setTimeout(kill, when.afterWritingMs);
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('exit', (code, sig) => {
      if (timer) clearTimeout(timer);
      watcher?.close();
      clearTimeout(guard);
      resolve({ code, signal: sig, stderr, killedAtMs, writingAtMs, midWrite, ms: Date.now() - t0 });
    });
  });
}

/** The output is either absent or the whole result: a workbook that reads back with Ragbook's summary in it. */
function expectAbsentOrComplete(file: string): 'absent' | 'complete' {
  if (!fs.existsSync(file)) return 'absent';
  const { grid } = readXlsx(new Uint8Array(fs.readFileSync(file)), path.basename(file));
  expect(grid.sheets.some((s) => s.owned === 'summary')).toBe(true);
  expect(grid.sheets.filter((s) => !s.owned).length).toBe(SHEETS);
  return 'complete';
}

/** A third of the trials anywhere in the run, a third while the new workbook is built, a third while the file is written. */
function pickWhen(trial: number, random: () => number, dir: string): When {
  switch (trial % 3) {
    case 0:
      return { delayMs: Math.round(random() * fullMs * 1.1), dir };
    case 1:
      return { afterWritingMs: Math.round(random() * Math.max(50, fullMs - writeAtMs)), dir };
    default:
      return { afterTempMs: Math.floor(random() * 3), dir };
  }
}

const describeWhen = (w: When) => JSON.stringify({ ...w, dir: undefined });

const tempFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

beforeAll(async () => {
  ensureCli();
  makeWorkbook(INPUT);
  inputHash = sha(INPUT);
  // One undisturbed run: it succeeds, and says how long a run takes and when it writes
  // (its progress lines on stderr, printed for inputs over 1 MB).
  const out = path.join(tmpRoot, 'baseline.xlsx');
  const r = await runAndKill(['recalc', INPUT, '--out', out, '--as-of', AS_OF], 'SIGKILL', {});
  if (r.code !== 0) throw new Error(`the undisturbed run failed (${r.code}): ${r.stderr}`);
  expect(expectAbsentOrComplete(out)).toBe('complete');
  fullMs = r.ms;
  writeAtMs = r.writingAtMs ?? fullMs * 0.6;
}, 180_000);

describe(`killing ragbook recalc at random points (seed ${SEED})`, () => {
  test('SIGKILL at random times, and while it writes: input untouched, nothing partial under the output name', async () => {
    const random = rng(SEED);
    const outcomes: string[] = [];
    let leftovers = 0;
    let midWrite = 0;
    let writeTrials = 0;
    for (let trial = 0; trial < 12; trial++) {
      const dir = fs.mkdtempSync(path.join(tmpRoot, 'kill-'));
      const out = path.join(dir, 'out.xlsx');
      const when = pickWhen(trial, random, dir);
      const k = await runAndKill(['recalc', INPUT, '--out', out, '--as-of', AS_OF], 'SIGKILL', when);
      expect(sha(INPUT)).toBe(inputHash);
      const state = expectAbsentOrComplete(out);
      // Only a temporary file, under another name, may be left by SIGKILL.
      const others = fs.readdirSync(dir).filter((f) => f !== 'out.xlsx');
      for (const f of others) expect(f).toMatch(/^\.out\.xlsx\.\d+\.[0-9a-z]+\.tmp$/);
      leftovers += others.length;
      if (when.afterTempMs !== undefined) writeTrials++;
      if (k.midWrite) midWrite++;
      outcomes.push(
        `${describeWhen(when)} → ${k.signal ?? `exit ${k.code}`}${k.midWrite ? ' mid-write' : ''}, output ${state}, ${others.length} temp`,
      );
    }
    console.log(
      `SIGKILL trials (run ${fullMs} ms, writing from ${writeAtMs} ms):\n${outcomes.join('\n')}\ntemporary files left by SIGKILL: ${leftovers}`,
    );
    // The point of the test: some kills really landed while the output file was being
    // written (a temporary file was there at the moment of the kill), and even those
    // left nothing under the output name.
    expect(writeTrials).toBeGreaterThanOrEqual(4);
    expect(midWrite).toBeGreaterThanOrEqual(1);
  }, 300_000);

  test('SIGTERM at random times: no temporary file is left, and nothing partial under the output name', async () => {
    const random = rng(SEED + 1);
    const outcomes: string[] = [];
    for (let trial = 0; trial < 6; trial++) {
      const dir = fs.mkdtempSync(path.join(tmpRoot, 'term-'));
      const out = path.join(dir, 'out.xlsx');
      const report = path.join(dir, 'report.json');
      const when = pickWhen(trial, random, dir);
      const k = await runAndKill(['recalc', INPUT, '--out', out, '--report', report, '--as-of', AS_OF], 'SIGTERM', when);
      expect(sha(INPUT)).toBe(inputHash);
      const state = expectAbsentOrComplete(out);
      expect(tempFiles(dir)).toEqual([]);
      if (fs.existsSync(report)) expect(() => JSON.parse(fs.readFileSync(report, 'utf8'))).not.toThrow();
      outcomes.push(`${describeWhen(when)} → ${k.signal ?? `exit ${k.code}`}, output ${state}`);
    }
    console.log(`SIGTERM trials (run ${fullMs} ms):\n${outcomes.join('\n')}`);
  }, 300_000);

  test('SIGKILL during --in-place: the workbook is either as it was or the complete new one, never a mix', async () => {
    const random = rng(SEED + 2);
    const outcomes: string[] = [];
    let midWrite = 0;
    for (let trial = 0; trial < 6; trial++) {
      const dir = fs.mkdtempSync(path.join(tmpRoot, 'inplace-'));
      const file = path.join(dir, 'tracker.xlsx');
      fs.copyFileSync(INPUT, file);
      const when = pickWhen(trial, random, dir);
      const k = await runAndKill(['recalc', file, '--in-place', '--as-of', AS_OF], 'SIGKILL', when);
      const state = sha(file) === inputHash ? 'as it was' : (expectAbsentOrComplete(file), 'complete new workbook');
      for (const f of fs.readdirSync(dir).filter((x) => x !== 'tracker.xlsx')) expect(f).toMatch(/^\.tracker\.xlsx\.\d+\.[0-9a-z]+\.tmp$/);
      if (k.midWrite) midWrite++;
      outcomes.push(`${describeWhen(when)} → ${k.signal ?? `exit ${k.code}`}${k.midWrite ? ' mid-write' : ''}: ${state}`);
    }
    console.log(`--in-place SIGKILL trials:\n${outcomes.join('\n')}`);
    // Some kills landed while the new workbook was being written beside the old one.
    expect(midWrite).toBeGreaterThanOrEqual(1);
  }, 300_000);
});

// ---------------------------------------------------------------------------
// A full disk. The output folder is a tiny tmpfs, mounted in a private mount
// namespace (unshare: no root needed where user namespaces are allowed), so writes
// fail part-way with ENOSPC. A short write is the dangerous case: write(2) may write
// less than asked without an error, and a writer that does not check the count
// renames a truncated file into place and reports success.

const UNSHARE = '/usr/bin/unshare';

interface FullDiskRun {
  code: number | null;
  stderr: string;
  /** The files left in the full folder, copied out after the run, with their sizes. */
  files: Map<string, number>;
  copy: string;
}

/** Runs ragbook with `disk` mounted as a tmpfs of `sizeKb`; `setup` lines run inside first (e.g. to copy an input onto it). */
function onFullDisk(sizeKb: number, args: (disk: string) => string[], setup: (disk: string) => string = () => ''): FullDiskRun {
  const disk = fs.mkdtempSync(path.join(tmpRoot, 'disk-'));
  const copy = fs.mkdtempSync(path.join(tmpRoot, 'disk-copy-'));
  const q = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  const script = [
    `mount -t tmpfs -o size=${sizeKb}k tmpfs ${q(disk)} || exit 99`,
    setup(disk),
    `${[process.execPath, BIN, ...args(disk)].map(q).join(' ')}`,
    'code=$?',
    `cp -a ${q(disk)}/. ${q(copy)}/`,
    'exit $code',
  ].join('\n');
  const r = spawnSync(UNSHARE, ['-rm', 'sh', '-c', script], { encoding: 'utf8', timeout: 120_000 });
  if (r.status === 99 || r.error) {
    throw new Error(`cannot make a full disk here (unshare -rm and mount -t tmpfs are needed): ${r.error ?? r.stderr}`);
  }
  const files = new Map(fs.readdirSync(copy).map((f) => [f, fs.statSync(path.join(copy, f)).size]));
  return { code: r.status, stderr: r.stderr, files, copy };
}

function expectOneLine(r: FullDiskRun, name: string): void {
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '' && !/^ragbook: (Reading|Summarising|Writing|Done|unzip|read)\b/.test(l));
  expect({ code: r.code, lines }).toEqual({ code: 2, lines: [expect.stringContaining(name)] });
  expect(lines[0]).not.toMatch(/\bat .*\.js:\d+|unexpected error/);
}

describe('a full disk', () => {
  test('the output does not fit: exit 2, one line, no file (whole or truncated) under the output name, no temporary file', () => {
    const r = onFullDisk(64, (disk) => ['recalc', INPUT, '--out', path.join(disk, 'out.xlsx'), '--as-of', AS_OF, '--quiet']);
    // A truncated out.xlsx with exit 0 is the worst outcome: the user believes it.
    expect({ files: [...r.files.keys()], code: r.code }).toEqual({ files: [], code: 2 });
    expectOneLine(r, 'out.xlsx');
    expect(sha(INPUT)).toBe(inputHash);
  });

  test('--in-place on a full disk: the workbook stays exactly as it was, and no temporary file is left', () => {
    const small = path.join(tmpRoot, 'small.xlsx');
    fs.copyFileSync(path.join(ROOT, 'tests', 'bad-inputs', 'user-rag-summary.xlsx'), small);
    const before = sha(small);
    const r = onFullDisk(
      8,
      (disk) => ['recalc', path.join(disk, 'tracker.xlsx'), '--in-place', '--as-of', AS_OF, '--quiet'],
      (disk) => `cp '${small}' '${disk}/tracker.xlsx'`,
    );
    expect([...r.files.keys()]).toEqual(['tracker.xlsx']);
    expect(sha(path.join(r.copy, 'tracker.xlsx'))).toBe(before);
    expectOneLine(r, 'tracker.xlsx');
  });

  test('the report does not fit: exit 2, one line, no truncated report under its name', () => {
    const outDir = fs.mkdtempSync(path.join(tmpRoot, 'report-full-'));
    const r = onFullDisk(4, (disk) => [
      'recalc',
      INPUT,
      '--out',
      path.join(outDir, 'out.xlsx'),
      '--report',
      path.join(disk, 'report.json'),
      '--as-of',
      AS_OF,
      '--quiet',
    ]);
    for (const [f, size] of r.files) expect({ f, size }).toEqual({ f: 'report.json', size: expect.any(Number) });
    if (r.files.has('report.json')) expect(() => JSON.parse(fs.readFileSync(path.join(r.copy, 'report.json'), 'utf8'))).not.toThrow();
    expectOneLine(r, 'report.json');
    expect(fs.readdirSync(outDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
