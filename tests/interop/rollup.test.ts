import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';

// The directorate workbook as a recipient gets it: opened by openpyxl (Python) and
// printed by LibreOffice to PDF. Every sheet prints landscape and one page wide,
// with its header row on every page and the as-of date in the footer, and nothing
// shows ### where a date or number did not fit.

const AS_OF = '2025-09-30';
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const PYTHON = '/usr/bin/python3';
const which = (cmd: string) => {
  const r = spawnSync('which', [cmd], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-rollup-interop-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const out = path.join(dir, 'directorate.xlsx');

beforeAll(async () => {
  const trackers = path.join(dir, 'trackers');
  const copies: [string, string][] = [
    ['workstreams.xlsx', 'north/Tracker.xlsx'],
    ['milestones.xlsx', 'south/Tracker.xlsx'],
    ['rag-review.xlsx', 'review.xlsx'],
    ['workstreams-messy.xlsx', 'messy.xlsx'],
    ['variants/mixed-shapes.xlsx', 'mixed.xlsx'],
    ['variants/register-tables.xlsx', 'register.xlsx'],
  ];
  for (const [from, to] of copies) {
    fs.mkdirSync(path.dirname(path.join(trackers, to)), { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, from), path.join(trackers, to));
  }
  fs.copyFileSync(path.join(__dirname, '..', 'bad-inputs', 'truncated.xlsx'), path.join(trackers, 'damaged.xlsx'));
  const quiet = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const quietErr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await main(['rollup', trackers, '--out', out, '--as-of', AS_OF, '--jobs', '1'])).toBe(1);
  } finally {
    quiet.mockRestore();
    quietErr.mockRestore();
  }
});

const SHEETS = ['Directorate summary', 'All work streams', 'All actions', 'Files not read'];

test('openpyxl opens it: four sheets, titles in A1, Excel Tables, print setup, the header row frozen', () => {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    if ws.sheet_state != 'visible':
        continue
    ps = ws.page_setup
    out.append({
        'name': ws.title,
        'a1': ws['A1'].value,
        'tables': dict(ws.tables.items()),
        'orientation': ps.orientation,
        'paperSize': ps.paperSize,
        'fitToWidth': ps.fitToWidth,
        'fitToHeight': ps.fitToHeight,
        'fitToPage': bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
        'titleRows': ws.print_title_rows,
        'footer': ws.oddFooter.center.text,
        'freeze': ws.freeze_panes,
        'merged': len(ws.merged_cells.ranges),
        'rows': ws.max_row,
    })
print(json.dumps(out))
`;
  const sheets = JSON.parse(execFileSync(PYTHON, ['-c', script, out], { encoding: 'utf8' })) as Record<string, unknown>[];
  expect(sheets.map((s) => [s.name, s.a1])).toEqual(SHEETS.map((n) => [n, n]));
  for (const s of sheets) {
    expect(s).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0, fitToPage: true, merged: 0 });
    expect(s.footer).toBe('As of 30 September 2025');
    const tables = Object.values(s.tables as Record<string, string>);
    expect(tables).toHaveLength(1);
    const header = Number(/\d+/.exec(tables[0])![0]);
    expect(s.titleRows).toBe(`$${header}:$${header}`);
    expect(s.freeze).toBe(`A${header + 1}`);
  }
});

test('LibreOffice prints every sheet landscape and one page wide, header on every page, no ###', () => {
  const soffice = which('soffice');
  if (!soffice) throw new Error('LibreOffice is not installed (Debian: apt-get install libreoffice-calc-nogui); .ci/run installs it');
  if (!which('pdftotext') || !which('pdfinfo')) throw new Error('poppler-utils (pdftotext, pdfinfo) is not installed');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-rollup-'));
  try {
    execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, out], {
      stdio: 'pipe',
      timeout: 180_000,
    });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const pdf = path.join(dir, 'directorate.pdf');
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!.slice(1).map(Number);
  expect(w).toBeGreaterThan(h);
  const text = (page: number) =>
    execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
  // Each table's first header and a word of its last (a header may wrap onto two lines),
  // which one page wide keeps on the same page.
  const ends: [string, string][] = [
    ['File', 'recalculated'],
    ['Tracker', 'Why'],
    ['Tracker', 'Days'],
    ['File', 'Reason'],
  ];
  let seen = 0;
  for (let p = 1; p <= pages; p++) {
    const t = text(p);
    expect(t).not.toContain('###');
    expect(t).toContain('As of 30 September 2025');
    expect(t).toMatch(new RegExp(`Page ${p} of`));
    const [first, last] = ends.find(([, l]) => new RegExp(`\\b${l}\\b`).test(t)) ?? [];
    // A page cut off at the right would carry the last columns alone, without the first.
    expect({ page: p, first: first ? t.includes(first) : 'no table header' }).toEqual({ page: p, first: first ? true : 'no table header' });
    if (last) seen++;
  }
  // Every page of the four tables has its header row, as it is repeated.
  expect(seen).toBe(pages);
});
