import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  AS_OF,
  INPUT,
  SEED,
  describeWhen,
  expectAbsentOrComplete,
  pickWhen,
  prepare,
  rng,
  run,
  runAndKill,
  sha,
  tempFiles,
  tmpRoot,
} from '../support/cli-faults';

// `ragbook recalc` killed at random moments of its run (seeded: RAGBOOK_FAULT_SEED
// replays a run), a third of them aimed at the write itself.

beforeAll(prepare, 180_000);

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
      expect(sha(INPUT)).toBe(run.inputHash);
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
      `SIGKILL trials (run ${run.fullMs} ms, writing from ${run.writeAtMs} ms):\n${outcomes.join('\n')}\ntemporary files left by SIGKILL: ${leftovers}`,
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
      expect(sha(INPUT)).toBe(run.inputHash);
      const state = expectAbsentOrComplete(out);
      expect(tempFiles(dir)).toEqual([]);
      if (fs.existsSync(report)) expect(() => JSON.parse(fs.readFileSync(report, 'utf8'))).not.toThrow();
      outcomes.push(`${describeWhen(when)} → ${k.signal ?? `exit ${k.code}`}, output ${state}`);
    }
    console.log(`SIGTERM trials (run ${run.fullMs} ms):\n${outcomes.join('\n')}`);
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
      const state = sha(file) === run.inputHash ? 'as it was' : (expectAbsentOrComplete(file), 'complete new workbook');
      for (const f of fs.readdirSync(dir).filter((x) => x !== 'tracker.xlsx')) expect(f).toMatch(/^\.tracker\.xlsx\.\d+\.[0-9a-z]+\.tmp$/);
      if (k.midWrite) midWrite++;
      outcomes.push(`${describeWhen(when)} → ${k.signal ?? `exit ${k.code}`}${k.midWrite ? ' mid-write' : ''}: ${state}`);
    }
    console.log(`--in-place SIGKILL trials:\n${outcomes.join('\n')}`);
    // Some kills landed while the new workbook was being written beside the old one.
    expect(midWrite).toBeGreaterThanOrEqual(1);
  }, 300_000);
});
