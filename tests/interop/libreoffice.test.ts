import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { applyPlanToXlsx } from '../../src/workbook/xlsx/write';
import { chartWorkbook } from '../support/excel-like';
import { NAMES, firstPlan, secondPlan } from '../support/xlsx-plans';

// What Ragbook writes, opened by LibreOffice: the values of its sheets as
// LibreOffice exports them, after a first and a second run and beside a chart sheet
// (placed first, as Excel saves it), and the conditional formats LibreOffice keeps
// when it saves the file again.

const MESSY = path.join(__dirname, '..', 'fixtures', 'workstreams-messy.xlsx');
const bytesOf = (file: string) => new Uint8Array(fs.readFileSync(file));
const unzip = (bytes: Uint8Array) => unzipSync(bytes);

const soffice = (() => {
  const r = spawnSync('which', ['soffice'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
})();

describe('LibreOffice reads what Ragbook writes', () => {
  test('the summary sheet values appear in LibreOffice CSV export, for the first and the second run', () => {
    // Required, like xmllint for the manifest: a skipped check would pass unseen.
    if (!soffice) throw new Error('LibreOffice is not installed (Debian: apt-get install libreoffice-calc-nogui); .ci/run installs it');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-lo-'));
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
    const profile = `file://${profileDir}`;
    try {
      const first = applyPlanToXlsx(bytesOf(MESSY), firstPlan()).bytes;
      const second = applyPlanToXlsx(first, secondPlan()).bytes;
      const charts = applyPlanToXlsx(chartWorkbook(), firstPlan()).bytes;
      const files = { 'first.xlsx': first, 'second.xlsx': second, 'charts.xlsx': charts };
      for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), data);
      execFileSync(
        soffice,
        [
          `-env:UserInstallation=${profile}`,
          '--headless',
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
          '--outdir',
          dir,
          ...Object.keys(files).map((f) => path.join(dir, f)),
        ],
        { stdio: 'pipe', timeout: 120000 },
      );
      // Lines of each exported sheet, leaving out the 32,767-character cell so a failure stays readable.
      const csv = (base: string, sheet: string) =>
        fs
          .readFileSync(path.join(dir, `${base}-${sheet}.csv`), 'utf8')
          .split(/\r?\n/)
          .map((l) => l.replace(/x{1000,}/, 'LONG'));
      const summary = csv('first', NAMES.summary);
      expect(summary).toContain('RAG summary,,,,');
      expect(summary).toContain('Workbook,"Brackenmoor <tracker> & ""plans"".xlsx",,,');
      expect(summary).toContain('Controlchars gone,keeps _x000D_ literal,TRUE,,LONG');
      expect(summary).toContain('Work stream 1,Progress,5,80%,Green');
      // Text that looks like a formula stays text in LibreOffice too.
      expect(summary).toContain('=Review caseloads,Progress,3,33%,Amber');
      expect(summary).toContain('Overall,2 work streams,8,63%,Red');
      expect(csv('first', NAMES.issues)).toContain(
        `Error,Progress,D17,Work stream 2: Improving triage,Status 'In progess' read as 'In progress'`,
      );
      expect(csv('first', 'Progress').join('\n')).toContain('Work stream');
      expect(csv('second', NAMES.summary)).toContain('"RAG summary, second run",,,,');
      expect(csv('charts', NAMES.summary)).toContain('Work stream 1,Progress,5,80%,Green');

      // LibreOffice keeps the data bar and the expression rule when it saves the file again.
      const resaved = path.join(dir, 'resaved');
      fs.mkdirSync(resaved);
      execFileSync(
        soffice,
        [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', resaved, path.join(dir, 'first.xlsx')],
        {
          stdio: 'pipe',
          timeout: 120000,
        },
      );
      const lo = unzip(new Uint8Array(fs.readFileSync(path.join(resaved, 'first.xlsx'))));
      const sheetsXml = Object.keys(lo)
        .filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))
        .map((k) => strFromU8(lo[k]))
        .join('');
      expect(sheetsXml).toMatch(/<cfRule[^>]*type="dataBar"/);
      expect(sheetsXml).toMatch(/<cfRule[^>]*type="expression"[^>]*>\s*<formula>C5&gt;4<\/formula>/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(profileDir, { recursive: true, force: true });
    }
  });
});
