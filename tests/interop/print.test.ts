import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { recalculate } from '../../src/core/engine';
import { XlsxWorkbook } from '../../src/workbook/xlsx/adapter';

// What a recipient without the add-in sees: the written workbook printed to PDF by
// LibreOffice, page by page, and read by openpyxl. Each of Ragbook's sheets prints
// one page wide with its header row on every page and the as-of date in the footer;
// no figure shows ###; the headline is in RAG Summary's first rows; a status changed
// between two recalculations is found on RAG Summary and RAG Actions, and RAG
// History keeps both recalculations.

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'improvement-plan.xlsx');
const PYTHON = '/usr/bin/python3';

const tool = (name: string) => spawnSync('which', [name], { encoding: 'utf8' }).stdout.trim() || null;
const soffice = tool('soffice');
const pdftotext = tool('pdftotext');
const pdfinfo = tool('pdfinfo');

/** Each printed sheet: its footer, the first and last of its table's headers. */
const SHEETS = [
  { footer: 'RAG summary', first: 'Work stream', last: 'Why' },
  { footer: 'RAG actions', first: 'Work stream', last: 'since last' },
  { footer: 'RAG issues', first: 'Severity', last: 'Suggestion' },
  { footer: 'RAG history', first: 'Recalculated', last: 'Overdue' },
];

async function recalc(
  bytes: Uint8Array,
  asOf: string,
  now: Date,
): Promise<{ bytes: Uint8Array; result: ReturnType<typeof recalculate>['result'] }> {
  const book = new XlsxWorkbook(bytes, 'improvement-plan.xlsx');
  const { result, plan } = recalculate(await book.readWorkbook(), { asOf, now });
  await book.applyPlan(plan);
  return { bytes: book.bytes, result };
}

function pdfPages(xlsx: string, dir: string): string[] {
  execFileSync(soffice!, [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], {
    stdio: 'ignore',
    timeout: 180_000,
  });
  const text = execFileSync(pdftotext!, ['-layout', path.join(dir, path.basename(xlsx).replace(/\.xlsx$/, '.pdf')), '-'], {
    encoding: 'utf8',
  });
  return text.split('\f').filter((p) => p.trim() !== '');
}

/** Each page's size in points, width by height, in page order (pdfinfo). */
function pageSizes(pdf: string): [number, number][] {
  const info = execFileSync(pdfinfo!, ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [Number(m[1]), Number(m[2])]);
}

function openpyxlRows(xlsx: string, sheet: string, rows: number): unknown[][] {
  const script = `
import json, sys, openpyxl
# data_only: a link shows its label, as on screen.
wb = openpyxl.load_workbook(sys.argv[1], data_only=True)
ws = wb[sys.argv[2]]
out = [[c.value if not hasattr(c.value, 'isoformat') else c.value.isoformat() for c in row] for row in ws.iter_rows(min_row=1, max_row=int(sys.argv[3]))]
print(json.dumps({'rows': out, 'active': wb.active.title}))
`;
  const r = execFileSync(PYTHON, ['-c', script, xlsx, sheet, String(rows)], { encoding: 'utf8' });
  const parsed = JSON.parse(r) as { rows: unknown[][]; active: string };
  return [[parsed.active], ...parsed.rows];
}

const describeIf = soffice && pdftotext && pdfinfo ? describe : describe.skip;

describeIf('a recipient prints the written workbook', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-print-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('each RAG sheet prints one page wide, its header on every page, the as-of date in the footer, and no ###', async () => {
    const { bytes, result } = await recalc(new Uint8Array(fs.readFileSync(EXAMPLE)), '2025-09-30', new Date('2025-09-30T16:45:00Z'));
    const file = path.join(dir, 'printed.xlsx');
    fs.writeFileSync(file, bytes);
    const pages = pdfPages(file, dir);
    for (const s of SHEETS) {
      // RAG History's rows each carry their as-of date; the others say it in the footer.
      const mine = pages.filter((p) => p.includes(s.footer) && (s.footer === 'RAG history' || p.includes('As of 30 September 2025')));
      expect({ sheet: s.footer, pages: mine.length > 0 }).toEqual({ sheet: s.footer, pages: true });
      mine.forEach((p, i) => {
        // The first and the last column's headers on every page: one page wide, the header repeated.
        expect({ sheet: s.footer, page: i, first: p.includes(s.first), last: p.includes(s.last) }).toEqual({
          sheet: s.footer,
          page: i,
          first: true,
          last: true,
        });
        expect(p).toMatch(/Page \d+ of \d+/);
      });
    }
    // Laid out for A4, landscape, as UK offices print (a program's default is often US Letter).
    const all = execFileSync(pdftotext!, ['-layout', path.join(dir, 'printed.pdf'), '-'], { encoding: 'utf8' }).split('\f');
    const sizes = pageSizes(path.join(dir, 'printed.pdf'));
    const ragPages = all.map((p, i) => (SHEETS.some((s) => p.includes(s.footer)) && p.includes('Page ') ? i : -1)).filter((i) => i >= 0);
    expect(ragPages.length).toBeGreaterThan(3);
    for (const i of ragPages) {
      const [w, h] = sizes[i];
      expect({ page: i + 1, w: Math.round(w), h: Math.round(h) }).toEqual({ page: i + 1, w: 842, h: 595 });
    }
    // (The example's own Carers sheet shows ### in a narrow date column: that sheet is the user's, and left as it is.)
    for (const p of pages.filter((x) => SHEETS.some((s) => x.includes(s.footer) && x.includes('Page ')))) expect(p).not.toContain('###');
    // Every work stream's name is printed whole (wrapped, never cut).
    const summary = pages
      .filter((p) => p.includes('RAG summary'))
      .join(' ')
      .replace(/\s+/g, ' ');
    for (const w of result.workstreams)
      for (const word of w.title.split(/\s+/))
        expect({ title: w.title, word: summary.includes(word) }).toEqual({ title: w.title, word: true });
  });

  test('openpyxl reads the headline from the first rows, and the workbook opens on RAG Summary', async () => {
    const { bytes, result } = await recalc(new Uint8Array(fs.readFileSync(EXAMPLE)), '2025-09-30', new Date('2025-09-30T16:45:00Z'));
    const file = path.join(dir, 'headline.xlsx');
    fs.writeFileSync(file, bytes);
    const [[active], ...rows] = openpyxlRows(file, 'RAG Summary', 10);
    expect(active).toBe('RAG Summary');
    const line = (label: string) => rows.find((r) => r[0] === label)?.[1];
    expect(rows[0][0]).toBe('RAG summary: improvement-plan.xlsx');
    expect(line('Overall RAG')).toBe(result.overall.rag);
    expect(line('Work streams')).toMatch(/^21 work streams: \d+ Red · \d+ Amber · \d+ Green · \d+ Blue$/);
    // The share is of the actions whose progress is recorded (readers: a table of RAG ratings records none), and says so.
    expect(line('Actions')).toBe(
      '93 actions: 33 completed (45% of the 73 whose progress is recorded), 21 in progress, 9 static, 9 not started, 1 without status; 20 in tables of RAG ratings or dates only',
    );
    expect(line('As of')).toBe('2025-09-30T00:00:00');
  });

  test('a status changed between two recalculations is found on RAG Summary and RAG Actions; RAG History keeps both', async () => {
    const first = await recalc(new Uint8Array(fs.readFileSync(EXAMPLE)), '2025-08-31', new Date('2025-08-31T09:00:00Z'));
    const once = path.join(dir, 'once.xlsx');
    fs.writeFileSync(once, first.bytes);
    // Someone marks Carers action 1 Completed in the written workbook, as a colleague would in Excel.
    const edited = path.join(dir, 'edited.xlsx');
    execFileSync(PYTHON, [
      '-c',
      `import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nwb['Carers']['D2'] = 'Completed'\nwb.save(sys.argv[2])`,
      once,
      edited,
    ]);
    const second = await recalc(new Uint8Array(fs.readFileSync(edited)), '2025-09-30', new Date('2025-09-30T09:00:00Z'));
    expect(second.result.change?.since).toBe('2025-08-31');
    const twice = path.join(dir, 'twice.xlsx');
    fs.writeFileSync(twice, second.bytes);

    const [, ...actions] = openpyxlRows(twice, 'RAG Actions', 200);
    const header = actions.findIndex((r) => r[0] === 'Work stream');
    const col = actions[header].indexOf('Change since last');
    const carers1 = actions.find((r) => r[1] === 'Carers' && r[3] === '1')!;
    expect(carers1[col]).toBe('Completed (was In progress)');

    const [, ...summary] = openpyxlRows(twice, 'RAG Summary', 40);
    const sHeader = summary.findIndex((r) => r[0] === 'Work stream');
    const carers = summary.find((r) => r[0] === 'Carers')!;
    expect(carers[summary[sHeader].indexOf('Change since last')]).toMatch(/^(Better|Worse|Same): .*25% → 50%$/);
    expect(summary.find((r) => r[0] === 'Since last')![1]).toMatch(/^Since 31 August 2025: 1 completed/);

    const [, ...history] = openpyxlRows(twice, 'RAG History', 100);
    const stamps = new Set(history.filter((r) => r[2] === 'Overall').map((r) => r[1]));
    expect([...stamps]).toEqual(['2025-08-31T00:00:00', '2025-09-30T00:00:00']);
  });
});
