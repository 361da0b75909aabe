import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readXlsx } from '../src/workbook/xlsx/read';

// `ragbook rollup` on worker threads gives what one thread gives. The command is
// bundled afresh (worker threads run the bundle, not TypeScript) and run as the
// user runs it, over a folder of trackers and a damaged file, with one thread and
// with more threads than files would need.

const ROOT = path.resolve(__dirname, '..');
const AS_OF = '2025-09-30';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-workers-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const bundle = path.join(dir, 'cli.js');
beforeAll(() => {
  const { buildSync } = require('esbuild') as typeof import('esbuild');
  buildSync({
    entryPoints: [path.join(ROOT, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'warning',
  });
});

function run(args: string[]) {
  const code = `require(${JSON.stringify(bundle)}).main(${JSON.stringify(args)}).then((c) => { process.exitCode = c; })`;
  return spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: 120_000 });
}

const grid = (file: string) => readXlsx(new Uint8Array(fs.readFileSync(file)), path.basename(file)).grid;

test('worker threads give the same report and directorate workbook as one thread', () => {
  const trackers = path.join(dir, 'trackers');
  const copies: [string, string][] = [
    ['fixtures/workstreams.xlsx', 'north/Tracker.xlsx'],
    ['fixtures/milestones.xlsx', 'south/Tracker.xlsx'],
    ['fixtures/rag-review.xlsx', 'review.xlsx'],
    ['fixtures/workstreams-messy.xlsx', 'messy.xlsx'],
    ['fixtures/variants/mixed-shapes.xlsx', 'a/mixed.xlsx'],
    ['fixtures/variants/register-tables.xlsx', 'a/register.xlsx'],
    ['fixtures/variants/dates-1904.xlsx', 'b/dates.xlsx'],
    ['bad-inputs/truncated.xlsx', 'b/damaged.xlsx'],
    ['bad-inputs/password-protected.xlsx', 'b/locked.xlsx'],
  ];
  for (const [from, to] of copies) {
    fs.mkdirSync(path.dirname(path.join(trackers, to)), { recursive: true });
    fs.copyFileSync(path.join(__dirname, from), path.join(trackers, to));
  }
  const outputs = (jobs: string) => {
    const out = path.join(dir, `d-${jobs}.xlsx`);
    const report = path.join(dir, `r-${jobs}.json`);
    const r = run(['rollup', trackers, '--out', out, '--report', report, '--as-of', AS_OF, '--jobs', jobs]);
    expect([r.status, r.stderr]).toEqual([1, expect.stringContaining(`reading 9 workbooks on ${jobs} thread`)]);
    return { out, report, stdout: r.stdout };
  };
  const one = outputs('1');
  const many = outputs('4');
  expect(fs.readFileSync(many.report, 'utf8')).toBe(fs.readFileSync(one.report, 'utf8'));
  const unnamed = (s: string) => s.replace(/[dr]-\d\.(xlsx|json)/g, '');
  expect(unnamed(many.stdout)).toBe(unnamed(one.stdout));
  const report = JSON.parse(fs.readFileSync(one.report, 'utf8'));
  expect([report.read, report.refused]).toEqual([7, 2]);

  // The workbooks differ only in the moment they were made.
  const cells = (file: string) => grid(file).sheets.map((s) => ({ name: s.name, rows: s.rows.filter((row) => row[0] !== 'Rolled up') }));
  expect(cells(many.out)).toEqual(cells(one.out));

  // As the user runs it: bin/ragbook.js, which starts the first worker thread before loading the command.
  const out = path.join(dir, 'd-bin.xlsx');
  const reportFile = path.join(dir, 'r-bin.json');
  const bin = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin/ragbook.js'), 'rollup', trackers, '--out', out, '--report', reportFile, '--as-of', AS_OF, '--jobs', '2'],
    { encoding: 'utf8', timeout: 120_000 },
  );
  expect([bin.status, bin.stderr]).toEqual([1, expect.stringContaining('reading 9 workbooks on 2 threads')]);
  expect(fs.readFileSync(reportFile, 'utf8')).toBe(fs.readFileSync(one.report, 'utf8'));
  expect(cells(out)).toEqual(cells(one.out));
});

describe('the worker thread started before the command loads (bin/first-worker.js)', () => {
  const { startFirstWorker, WORKER_FLAG: binFlag } = require('../bin/first-worker.js') as {
    startFirstWorker: (script: string) => import('../src/cli/rollup-pool').FirstWorker | null;
    WORKER_FLAG: string;
  };
  const jobsOf = (names: string[]) =>
    names.map((file, index) => ({ index, file: { file, path: file }, asOf: AS_OF, now: '', settings: null, withReport: false }));

  test('is started with the flag the command’s bundle looks for', async () => {
    const { WORKER_FLAG } = await import('../src/cli/rollup-worker');
    expect(binFlag).toBe(WORKER_FLAG);
  });

  test('is taken as the first of the threads, and reads its share', async () => {
    const script = path.join(dir, 'thread-naming-worker.js');
    fs.writeFileSync(
      script,
      `const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', (job) => setTimeout(() => parentPort.postMessage({ index: job.index, kind: 'skipped', reason: String(threadId) }), 20));
parentPort.postMessage('ready');
`,
    );
    const first = startFirstWorker(script)!;
    // It has started, and said it listens, before it is taken.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { readAll } = await import('../src/cli/rollup-pool');
    const outcomes: { reason?: string }[] = [];
    await readAll(jobsOf(['a', 'b', 'c', 'd', 'e', 'f']), {
      size: 2,
      script,
      first,
      onOutcome: (o) => outcomes.push(o as { reason?: string }),
    });
    expect(outcomes).toHaveLength(6);
    const threads = new Set(outcomes.map((o) => o.reason));
    expect(threads.size).toBe(2);
    // Taken once only: a second run starts threads of its own.
    expect(first.take()).toBeNull();
  });

  test('one that could not start fails the run with its error, before any tracker is given out', async () => {
    const script = path.join(dir, 'broken-worker.js');
    fs.writeFileSync(script, `throw new Error('the bundle is broken');\n`);
    const first = startFirstWorker(script)!;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { readAll } = await import('../src/cli/rollup-pool');
    const outcomes: unknown[] = [];
    await expect(readAll(jobsOf(['a', 'b']), { size: 1, script, first, onOutcome: (o) => outcomes.push(o) })).rejects.toThrow(
      'the bundle is broken',
    );
    expect(outcomes).toEqual([]);
  });
});

test('a thread that dies costs only the tracker it was reading: it is refused, and the rest are read', async () => {
  // A stand-in for the command's bundle that answers as a worker does, except on two files.
  const script = path.join(dir, 'fragile-worker.js');
  fs.writeFileSync(
    script,
    `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (job) => {
  if (job.file.file === 'exits.xlsx') process.exit(3);
  if (job.file.file === 'throws.xlsx') setImmediate(() => { throw new Error('boom'); });
  else parentPort.postMessage({ index: job.index, kind: 'skipped', reason: 'read by ' + job.file.file });
});
parentPort.postMessage('ready');
`,
  );
  const { readAll } = await import('../src/cli/rollup-pool');
  const names = ['a.xlsx', 'exits.xlsx', 'b.xlsx', 'throws.xlsx', 'c.xlsx', 'd.xlsx'];
  const jobs = names.map((file, index) => ({ index, file: { file, path: file }, asOf: AS_OF, now: '', settings: null, withReport: false }));
  // A dying thread's last answers and its end arrive in no set order: several runs, so a race shows.
  for (let run = 0; run < 6; run++) {
    const outcomes: { index: number }[] = [];
    await readAll(jobs, { size: 2, script, onOutcome: (o) => outcomes.push(o) });
    expect(outcomes.map((o) => o.index).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const byIndex = new Map(outcomes.map((o) => [o.index, o]));
    expect(byIndex.get(1)).toEqual({
      index: 1,
      kind: 'refused',
      message: expect.stringMatching(/^exits\.xlsx could not be read \(the thread reading it stopped/),
    });
    expect(byIndex.get(3)).toEqual({
      index: 3,
      kind: 'refused',
      message: expect.stringMatching(/^throws\.xlsx could not be read \(the thread reading it stopped: boom\)/),
    });
    for (const i of [0, 2, 4, 5]) expect(byIndex.get(i)).toMatchObject({ kind: 'skipped', reason: `read by ${names[i]}` });
  }
});
