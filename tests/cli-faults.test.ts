import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AS_OF, BIN, INPUT, ROOT, expectAbsentOrComplete, prepare, run, runAndKill, sha, tempFiles, tmpRoot } from './support/cli-faults';

// The command interrupted or starved, at fixed moments so the result is the same
// every run: killed the moment its temporary file appears or it starts writing, and
// writing onto a full disk. The same kills at random moments are in
// tests/slow/cli-kills.test.ts.

beforeAll(prepare, 180_000);

describe('killed at fixed moments', () => {
  test('SIGKILL the moment the temporary output appears: input untouched, nothing partial under the output name', async () => {
    const dir = fs.mkdtempSync(path.join(tmpRoot, 'kill-'));
    const out = path.join(dir, 'out.xlsx');
    await runAndKill(['recalc', INPUT, '--out', out, '--as-of', AS_OF], 'SIGKILL', { afterTempMs: 0, dir });
    expect(sha(INPUT)).toBe(run.inputHash);
    expectAbsentOrComplete(out);
    for (const f of fs.readdirSync(dir).filter((x) => x !== 'out.xlsx')) expect(f).toMatch(/^\.out\.xlsx\.\d+\.[0-9a-z]+\.tmp$/);
  });

  test('SIGTERM as it starts writing: no temporary file is left, the report is whole or absent', async () => {
    const dir = fs.mkdtempSync(path.join(tmpRoot, 'term-'));
    const out = path.join(dir, 'out.xlsx');
    const report = path.join(dir, 'report.json');
    await runAndKill(['recalc', INPUT, '--out', out, '--report', report, '--as-of', AS_OF], 'SIGTERM', { afterWritingMs: 0, dir });
    expect(sha(INPUT)).toBe(run.inputHash);
    expectAbsentOrComplete(out);
    expect(tempFiles(dir)).toEqual([]);
    if (fs.existsSync(report)) expect(() => JSON.parse(fs.readFileSync(report, 'utf8'))).not.toThrow();
  });

  test('SIGKILL during --in-place, the moment the new workbook starts: the workbook is as it was or the complete new one', async () => {
    const dir = fs.mkdtempSync(path.join(tmpRoot, 'inplace-'));
    const file = path.join(dir, 'tracker.xlsx');
    fs.copyFileSync(INPUT, file);
    await runAndKill(['recalc', file, '--in-place', '--as-of', AS_OF], 'SIGKILL', { afterTempMs: 0, dir });
    if (sha(file) !== run.inputHash) expect(expectAbsentOrComplete(file)).toBe('complete');
    for (const f of fs.readdirSync(dir).filter((x) => x !== 'tracker.xlsx')) expect(f).toMatch(/^\.tracker\.xlsx\.\d+\.[0-9a-z]+\.tmp$/);
  });
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
    expect(sha(INPUT)).toBe(run.inputHash);
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
