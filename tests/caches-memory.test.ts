import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { createCellReaders } from '../src/core/detect/cell-readers';
import { createHeaderReader } from '../src/core/detect/header-roles';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import { createStatusReader } from '../src/core/status';
import { createTargetCaches, readTargetCached } from '../src/core/target-readings';

// The readers' caches are kept from one workbook to the next (ragbook rollup reads
// 100s of trackers in one thread). A cell's text, as the .xlsx reader hands it
// over, is a cut of its sheet's whole decoded text, which V8 keeps as a view of
// that text: a cache that kept the cut would keep the sheet's text alive too. Here
// each "sheet" is 1 MB of text and each cell a cut of it; once the sheets are
// dropped, the caches must not hold them.

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const SHEETS = 40;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** One cell's text cut from a fresh 1 MB text: distinct per sheet, so every cut is a cache miss. */
function cellOfNewSheet(i: number, cell: (i: number) => string): string {
  const sheet = `${'x'.repeat(500_000)}${cell(i)}${'y'.repeat(500_000)}`;
  const at = 500_000;
  return sheet.slice(at, at + cell(i).length);
}

test.each([
  ['status words', (v: string) => createStatusReader(DEFAULT_SETTINGS.statusSynonyms).progress(v), (i: number) => `Completed on time ${i}`],
  ['header words', (v: string) => createHeaderReader(DEFAULT_SETTINGS)(v), (i: number) => `Target date ${i}`],
  [
    'target dates',
    (v: string) => {
      const cacheFor = createTargetCaches();
      readTargetCached(cacheFor({ locale: 'en-GB', fyStartMonth: 4, date1904: false, referenceDate: '2025-09-30' }), v, null);
    },
    (i: number) => `end of March ${2000 + i}`,
  ],
  ['is-it-a-date', (v: string) => createCellReaders(DEFAULT_SETTINGS, false).isDateLike(v, null), (i: number) => `31 March ${2000 + i}`],
])('the %s cache keeps its own copy of each text, not the sheet it was cut from', (_name, ask, cell) => {
  const before = heapAfterGc();
  for (let i = 0; i < SHEETS; i++) ask(cellOfNewSheet(i, cell));
  const kept = heapAfterGc() - before;
  // 40 sheets of 1 MB: keeping them would be 40 MB; the texts themselves are a few kilobytes.
  expect(kept).toBeLessThan(8 * 1024 * 1024);
});
