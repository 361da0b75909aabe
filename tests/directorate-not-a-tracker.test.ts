import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/cli/main';
import { DirectorateWorkbookError, recalculate } from '../src/core/engine';
import { readXlsx } from '../src/workbook/xlsx/read';

// A directorate workbook (ragbook rollup's) holds the directorate's summary and
// actions in sheets marked as Ragbook's: recalculated as a tracker, they would be
// replaced by an empty RAG Summary. recalc, check and compare refuse it, saying why
// and what to do; the file is left as it was.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-directorate-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function ragbook(...args: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const so = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const se = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
  try {
    return { code: await main(args), err: err.join('') };
  } finally {
    so.mockRestore();
    se.mockRestore();
  }
}

describe('a directorate workbook is not recalculated as a tracker', () => {
  const directorate = path.join(root, 'Directorate.xlsx');
  beforeAll(async () => {
    const trackers = path.join(root, 'trackers');
    fs.mkdirSync(trackers);
    for (const f of ['workstreams.xlsx', 'milestones.xlsx']) fs.copyFileSync(path.join(__dirname, 'fixtures', f), path.join(trackers, f));
    const r = await ragbook('rollup', trackers, '--out', directorate, '--as-of', '2025-09-30', '--jobs', '1', '--quiet');
    expect(r.code).toBe(0);
  }, 60_000);

  test('the engine refuses it with DirectorateWorkbookError', () => {
    const { grid } = readXlsx(new Uint8Array(fs.readFileSync(directorate)), 'Directorate.xlsx');
    expect(() => recalculate(grid, { asOf: '2025-09-30', now: new Date('2025-09-30T12:00:00Z') })).toThrow(DirectorateWorkbookError);
  });

  test.each([['recalc'], ['check']])('ragbook %s says what it is and what to do, exits 2 and writes nothing', async (command) => {
    const before = fs.readFileSync(directorate);
    const out = path.join(root, `${command}.xlsx`);
    const r = await ragbook(command, directorate, ...(command === 'recalc' ? ['--out', out] : []), '--as-of', '2025-09-30');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Directorate\.xlsx is a directorate workbook written by ragbook rollup, not a tracker/);
    expect(r.err).toMatch(/Run ragbook rollup on the trackers again/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readFileSync(directorate).equals(before)).toBe(true);
  });
});
