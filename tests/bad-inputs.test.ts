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

describeRefused(samplePerProblem(refused, 1));
describeWriteRefused(writeRefused);
describeExternalEntities();
describeReadable(readable.filter((e) => READABLE_SAMPLE.includes(e.name)));
describeCommandLinePaths();
