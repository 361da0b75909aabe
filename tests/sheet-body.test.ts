import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { nodeCodec } from '../src/cli/node-codec';
import { STYLES } from '../src/core/plan';
import type { Plan, PlanCell, PlanSheet } from '../src/core/plan-schema';
import { type ZipCodec, jsCodec, jsCrc32 } from '../src/workbook/xlsx/codec';
import { crc32Combine } from '../src/workbook/xlsx/opc/crc32-combine';
import { readXlsx } from '../src/workbook/xlsx/read';
import { SheetBody, XlsxWriteError, newWorkbookFormats, newWorkbookFromPlan } from '../src/workbook/xlsx/write';

// The rows of a new sheet packed as they come (the directorate workbook's All
// actions, written while the trackers are still being read) must make the very
// workbook the same rows make when planned whole.

describe('the CRC of pieces laid end to end', () => {
  test('is computed from the CRCs of the pieces and the second one’s length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.uint8Array({ maxLength: 2000 }), (a, b) => {
        const ab = new Uint8Array(a.length + b.length);
        ab.set(a);
        ab.set(b, a.length);
        expect(crc32Combine(jsCrc32(a), jsCrc32(b), b.length)).toBe(jsCrc32(ab));
      }),
      { numRuns: 300 },
    );
  });
});

const cell = (value: string | number, style: PlanCell['style']): PlanCell => ({ value, style });

/** A word that repeats down the sheet, one object as the plan makes it. */
const repeated = new Map<string, PlanCell>();
const word = (value: string, style: PlanCell['style']): PlanCell => {
  const key = `${style}|${value}`;
  if (!repeated.has(key)) repeated.set(key, { value, style, repeats: true });
  return repeated.get(key)!;
};

/** Rows as a long list has them: repeated words, long wrapped text, numbers, dates; some rows taller. */
function listRows(count: number, seed: number): { rows: PlanCell[][]; heights: (number | null)[] } {
  const rows: PlanCell[][] = [];
  const heights: (number | null)[] = [];
  for (let i = 0; i < count; i++) {
    const k = (i * 7919 + seed) % 101;
    rows.push([
      word(`tracker-${k % 5}.xlsx`, 'wrap'),
      cell(`Action ${i}: ${'review the caseload & report <monthly> '.repeat(1 + (k % 4))}`, 'wrap'),
      // The same word as another object: still kept once.
      k % 3 ? word('In progress', 'text') : { value: 'Completed', style: 'text', repeats: true },
      cell(45000 + k, 'date'),
      cell(k, 'integer'),
    ]);
    heights.push(k % 4 ? 15 * (1 + (k % 4)) + 2 : null);
  }
  return { rows, heights };
}

function listSheet(head: PlanCell[][], following: number, rows: PlanCell[][], heights: (number | null)[]): PlanSheet {
  const headerRow = head.length - 1;
  const last = head.length + following + rows.length - 1;
  return {
    role: 'actions',
    name: 'All actions',
    existing: null,
    mode: 'replace',
    columnWidths: [20, 50, 14, 20, 8],
    rowHeights: [null, ...head.slice(1).map(() => null), ...heights],
    rows: [...head, ...rows],
    ...(following ? { following } : {}),
    merges: [],
    conditionalFormats: [],
    freezeRows: head.length,
    tabColor: '#548235',
    tables: [{ name: 'List', ref: `A${headerRow + 1}:E${last + 1}`, style: 'TableStyleLight1' }],
    print: {
      orientation: 'landscape',
      paper: 'A4',
      fitToWidth: 1,
      repeatRows: `$${headerRow + 1}:$${headerRow + 1}`,
      footer: { left: 'All actions', center: 'As of 30 September 2025', right: 'Page &P of &N' },
    },
  };
}

const planOf = (sheet: PlanSheet): Plan => ({
  sheets: [sheet],
  styles: STYLES,
  activate: sheet.name,
  settingsJson: '{}',
  retire: [],
  pending: null,
});

const HEAD: PlanCell[][] = [
  [cell('All actions', 'title')],
  [],
  ['Tracker', 'Action', 'Status', 'Due', 'Days'].map((h) => cell(h, 'header')),
];

/** The sheet's part as text, the shared strings part (if any), and the workbook read back. */
function written(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  const name = Object.keys(files).find((n) => /worksheets\/sheet\d+\.xml$/.test(n))!;
  const sst = files['xl/sharedStrings.xml'];
  return { xml: strFromU8(files[name]), sst: sst ? strFromU8(sst) : null, grid: readXlsx(bytes, 'list.xlsx').grid };
}

/** The same rows, written whole from the plan and handed over in blocks. */
function bothWays(codec: ZipCodec, head: PlanCell[][], blocks: number[]) {
  const all = blocks.map((n, i) => listRows(n, i));
  const rows = all.flatMap((b) => b.rows);
  const heights = all.flatMap((b) => b.heights);
  const whole = newWorkbookFromPlan(planOf(listSheet(head, 0, rows, heights)), { codec });
  const body = new SheetBody(codec, newWorkbookFormats(STYLES), head.length);
  for (const b of all) body.add(b.rows, b.heights);
  const given = newWorkbookFromPlan(planOf(listSheet(head, rows.length, [], [])), {
    codec,
    bodies: new Map([['All actions', body]]),
  });
  return { whole: written(whole.bytes), given: written(given.bytes), rows: rows.length };
}

/** Each row's opening tag (number, height) and the sheet's XML around its rows. */
const rowTags = (xml: string) => xml.match(/<row [^>]*>/g) ?? [];
/** The sheet's XML outside its rows, with format indexes taken out (a whole plan numbers only the formats it uses). */
const frame = (xml: string) => xml.replace(/<sheetData>.*<\/sheetData>/s, '<sheetData/>').replace(/ s="\d+"/g, '');

describe('rows handed over in blocks', () => {
  test.each([
    ['Node’s zlib (the command line)', nodeCodec],
    ['fflate (the browser’s preview)', jsCodec],
  ])('make the same sheet as the rows planned whole, with %s', (_, codec) => {
    const { whole, given, rows } = bothWays(codec, HEAD, [3, 1, 250, 40, 7000]);
    expect(frame(given.xml)).toBe(frame(whole.xml));
    expect(rowTags(given.xml)).toEqual(rowTags(whole.xml));
    expect(given.xml).toContain(`<dimension ref="A1:E${HEAD.length + rows}"/>`);
    // Repeated text is kept once, in the shared strings: a tracker's name is one entry, however many rows name it;
    // text met once (an action's description) stays in its cell.
    expect(given.sst).toMatch(/<sst [^>]*count="\d+" uniqueCount="\d+">/);
    const [, count, unique] = /count="(\d+)" uniqueCount="(\d+)"/.exec(given.sst!)!.map(Number);
    expect(count).toBe(rows * 2);
    expect(unique).toBe(7);
    expect(given.sst!.match(/<si>/g)).toHaveLength(unique);
    expect(given.sst!.match(/<t>tracker-0\.xlsx<\/t>/g)).toHaveLength(1);
    expect(given.sst!.match(/<t>Completed<\/t>/g)).toHaveLength(1);
    expect(given.xml).toMatch(/t="inlineStr"><is><t[^>]*>Action 1: /);
    expect(whole.sst).toBeNull();
    const sheet = given.grid.sheets[0];
    expect(sheet.rows).toEqual(whole.grid.sheets[0].rows);
    expect(sheet.rows).toHaveLength(HEAD.length + rows);
    expect(sheet.tables[0]?.area).toEqual({ r1: 2, c1: 0, r2: HEAD.length + rows - 1, c2: 4 });
  });

  test('a sheet opening longer than one stored block (64 KB) is kept whole', () => {
    const longHead = [...HEAD.slice(0, 2), ...listRows(600, 9).rows, HEAD[2]];
    const { whole, given } = bothWays(nodeCodec, longHead, [50]);
    expect(frame(given.xml)).toBe(frame(whole.xml));
    expect(rowTags(given.xml)).toEqual(rowTags(whole.xml));
    expect(given.grid.sheets[0].rows).toEqual(whole.grid.sheets[0].rows);
    expect(given.xml.indexOf('<sheetData>')).toBeGreaterThan(0);
    expect(given.xml.length).toBeGreaterThan(3 * 65535);
  });

  test('rows the plan counts but nobody handed over are refused, not written short', () => {
    const body = new SheetBody(nodeCodec, newWorkbookFormats(STYLES), HEAD.length);
    const { rows, heights } = listRows(10, 1);
    body.add(rows, heights);
    const plan = planOf(listSheet(HEAD, 11, [], []));
    expect(() => newWorkbookFromPlan(plan, { codec: nodeCodec, bodies: new Map([['All actions', body]]) })).toThrow(XlsxWriteError);
    expect(() => newWorkbookFromPlan(plan, { codec: nodeCodec })).toThrow(XlsxWriteError);
  });
});
