import * as fs from 'node:fs';
import * as path from 'node:path';
import { recalculate } from '../src/core/engine';
import { readXlsx, WorkbookFileError } from '../src/workbook/xlsx/read';
import {
  AS_OF,
  CORPUS,
  type Entry,
  describeCommandLinePaths,
  describeExternalEntities,
  describeReadable,
  describeRefused,
  describeWriteRefused,
  ensureCli,
  expectRefused,
  freshDir,
  ragbook,
  readable,
  refused,
  testManifest,
  writeRefused,
} from './support/bad-inputs';

// The bad-input corpus, fast: every file through the reader and the engine
// in-process, and a sample of each kind through the command as a user runs it (exit
// code, one line naming the file, nothing written, time and memory). The whole
// corpus through the command, and the large cases, are in tests/slow/.

beforeAll(() => ensureCli(), 120_000);

testManifest();

/** The first files of each kind of refusal, in the manifest's order. */
function samplePerProblem(entries: Entry[], perKind: number): Entry[] {
  const seen = new Map<string, number>();
  return entries.filter((e) => {
    const kind = e.problems!.join('|');
    const n = seen.get(kind) ?? 0;
    seen.set(kind, n + 1);
    return n < perKind;
  });
}

/** Awkward files whose handling a user would notice first: names, links, macros, templates, sizes, encodings. */
const READABLE_SAMPLE = [
  'sheet-names-with-quotes.xlsx',
  'user-rag-summary.xlsx',
  'macro-enabled.xlsm',
  'template.xltx',
  'zip-slip-names.xlsx',
  'control-characters.xlsx',
  'utf16-parts.xlsx',
  'zip64.xlsx',
];

test('the samples cover every kind of refusal and exist in the corpus', () => {
  const kinds = new Set(refused.flatMap((e) => e.problems!));
  const sampled = new Set(samplePerProblem(refused, 1).flatMap((e) => e.problems!));
  expect([...sampled].sort()).toEqual([...kinds].sort());
  for (const name of READABLE_SAMPLE) expect(readable.map((e) => e.name)).toContain(name);
});

describe('every malformed file is refused by the reader with its kind of problem, naming the file', () => {
  test.each(refused.map((e) => [e.name, e] as const))('%s', (name, entry) => {
    let error: unknown = null;
    try {
      readXlsx(new Uint8Array(fs.readFileSync(path.join(CORPUS, name))), name);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WorkbookFileError);
    const e = error as WorkbookFileError;
    expect({ name, problem: entry.problems!.includes(e.problem) ? 'expected' : e.problem }).toEqual({ name, problem: 'expected' });
    expect(e.message).toContain(name);
  });
});

// The huge-* files (tens of megabytes of one text, comment or attribute) take seconds
// each to read: the slow suite reads them all, in-process and through the command.
const inProcess = [...readable, ...writeRefused].filter((e) => !/^huge-/.test(e.name));

describe('every awkward but valid file is read and counted in-process', () => {
  test.each(inProcess.map((e) => [e.name, e] as const))('%s', (name, entry) => {
    let grid;
    try {
      grid = readXlsx(new Uint8Array(fs.readFileSync(path.join(CORPUS, name))), name).grid;
    } catch (e) {
      // Only where the manifest allows a clear refusal by the reader.
      expect(e).toBeInstanceOf(WorkbookFileError);
      expect(entry.orRefused?.some((k) => k !== 'write')).toBe(true);
      return;
    }
    const { result } = recalculate(grid, { asOf: AS_OF, now: new Date('2025-09-30T12:00:00Z') });
    expect(result.overall.counts.total).toBe(entry.actions);
  });
});

/** The refusal of a corpus file by the reader, as a user would read it. */
function refusal(name: string): WorkbookFileError {
  try {
    readXlsx(new Uint8Array(fs.readFileSync(path.join(CORPUS, name))), name);
  } catch (e) {
    if (e instanceof WorkbookFileError) return e;
    throw e;
  }
  throw new Error(`${name} was read`);
}

describe('packages other tools write oddly are named for what they are', () => {
  test('a sheet listed with an empty relationship id is skipped and named in a note; the tracker beside it is read', () => {
    const name = 'sheet-without-relationship.xlsx';
    const { grid } = readXlsx(new Uint8Array(fs.readFileSync(path.join(CORPUS, name))), name);
    expect(grid.sheets.map((s) => s.name)).toEqual(['Tracker']);
    expect(grid.skipped).toEqual([{ name: 'Module1', reason: 'no-part' }]);
    const { result } = recalculate(grid, { asOf: AS_OF, now: new Date('2025-09-30T12:00:00Z') });
    expect(result.overall.counts.total).toBe(5);
    expect(result.findings.filter((f) => f.code === 'sheet.skipped')).toEqual([
      expect.objectContaining({ severity: 'info', sheet: 'Module1', message: expect.stringContaining('was not read') }),
    ]);
  });

  test('parts stored under names with backslashes are named as such, not as missing', () => {
    const e = refusal('backslash-part-names.xlsx');
    expect(e.problem).toBe('corrupt');
    expect(e.message).toContain('the part xl/workbook.xml is stored under a name with backslashes (xl\\workbook.xml)');
    expect(e.message).not.toMatch(/missing/);
  });

  test('a part that unpacks to a few bytes more than the zip says is damaged, not a zip bomb', () => {
    const e = refusal('part-longer-than-declared.xlsx');
    expect(e.problem).toBe('corrupt');
    expect(e.message).toContain('the part xl/_rels/workbook.xml.rels fails its checksum');
    expect(e.message).not.toMatch(/zip bomb|stated size/);
  });

  test('a refused macro-enabled workbook is told to save it as .xlsm, never as .xlsx, by the reader and by the command', () => {
    const name = 'macro-enabled-bad-checksum.xlsm';
    const e = refusal(name);
    expect(e.message).toContain('save it as .xlsm (Excel Macro-Enabled Workbook), which keeps its macros');
    expect(e.message).not.toContain('.xlsx');
    const dir = freshDir();
    const input = path.join(dir, name);
    fs.copyFileSync(path.join(CORPUS, name), input);
    const run = ragbook(['recalc', input, '--as-of', AS_OF]);
    expectRefused(run, name);
    expect(run.stderr).toContain('.xlsm');
    expect(run.stderr).not.toContain('.xlsx');
    expect(fs.readdirSync(dir)).toEqual([name]);
  });

  test.each([
    ['random bytes', new Uint8Array(64).fill(7)],
    ['a zip of text', new Uint8Array(fs.readFileSync(path.join(CORPUS, 'not-a-workbook.xlsx')))],
  ])('%s under a macro-enabled name keeps its kind in the advice', (_what, bytes) => {
    let message = '';
    try {
      readXlsx(bytes, 'Plan.xlsm');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('Plan.xlsm');
    expect(message).toContain('.xlsm');
    expect(message).not.toContain('.xlsx');
  });
});

describeRefused(samplePerProblem(refused, 1));
describeWriteRefused(writeRefused);
describeExternalEntities();
describeReadable(readable.filter((e) => READABLE_SAMPLE.includes(e.name)));
describeCommandLinePaths();
