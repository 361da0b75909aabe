import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { readXlsx } from '../../src/workbook/xlsx/read';

// Fault injection for the command: `ragbook recalc` on a large-ish workbook, killed
// at random points (SIGKILL: no chance to clean up; SIGTERM: the command's handler
// runs). Afterwards:
// - the input is byte-identical (with --in-place: either as it was or the complete
//   new workbook, never a mix);
// - there is no partial file under the output name: either nothing, or the whole,
//   readable result (the output is written to a temporary file and renamed);
// - after SIGTERM, no temporary file is left. After SIGKILL a temporary file
//   (.<out>.<pid>.<stamp>.tmp) may be left beside the output: nothing can remove it
//   when the process is killed outright, and it never has the output's name.
// The kill times come from a seeded generator (RAGBOOK_FAULT_SEED to replay a run).
// The random trials are in tests/slow/cli-kills.test.ts; tests/cli-faults.test.ts
// kills at fixed moments and fills the disk.
// A third of the kills are aimed at the write itself (the moment the temporary file
// appears); the tests require that some did land while it was being written.
// A full disk (a tiny tmpfs) makes the write itself fail part-way.
// The Office adapter's fault injection is in tests/office-adapter.test.ts.

export const ROOT = path.resolve(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'ragbook.js');
const CLI_BUNDLE = path.join(ROOT, 'dist', 'cli.js');
export const AS_OF = '2025-09-30';
export const SEED = Number(process.env.RAGBOOK_FAULT_SEED ?? 20250930);
const ACTIONS = 9_000;
export const SHEETS = 6;

export const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-faults-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
export const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

function ensureCli(): void {
  if (fs.existsSync(CLI_BUNDLE)) return;

  const { buildSync } = require('esbuild') as typeof import('esbuild');
  const tmp = `${CLI_BUNDLE}.${process.pid}.tmp`;
  buildSync({
    entryPoints: [path.join(ROOT, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: tmp,
    logLevel: 'warning',
  });
  fs.renameSync(tmp, CLI_BUNDLE);
}

// ---------------------------------------------------------------------------
// A large-ish tracker, made here so the test needs neither Python nor a fixture

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const col = (c: number) => String.fromCharCode(65 + c);

function makeWorkbook(file: string): void {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const sid = (s: string) => {
    let i = ids.get(s);
    if (i === undefined) ids.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const statuses = ['Completed', 'In progress', 'Static', 'Not started', 'complete', 'In progess', ''];
  const targets: (string | number)[] = [45747, 'March 2025', 'w/c 14 April 2025', 'Q2 2025/26', 'TBC', 46022, '31/02/2025'];
  const r = rng(7);
  const files: Record<string, Uint8Array> = {};
  const perSheet = ACTIONS / SHEETS;
  for (let s = 0; s < SHEETS; s++) {
    const rows: string[] = [];
    let row = 0;
    const cell = (c: number, v: string | number | null, style = 0) => {
      if (v === null || v === '') return '';
      const ref = `${col(c)}${row}`;
      return typeof v === 'number'
        ? `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`
        : `<c r="${ref}" t="s"><v>${sid(v)}</v></c>`;
    };
    const put = (...cells: string[]) => rows.push(`<row r="${row}">${cells.join('')}</row>`);
    for (let block = 0; block < 5; block++) {
      row++;
      put(cell(0, `Work stream ${s * 5 + block + 1}: Improving triage`));
      row++;
      put(...['No', 'Action', 'Progress at 30 June 2025', 'Status', 'Target date', 'Delivery lead'].map((h, c) => cell(c, h)));
      for (let i = 1; i <= perSheet / 5; i++) {
        row++;
        const t = targets[Math.floor(r() * targets.length)];
        put(
          cell(0, i),
          cell(1, `Review the allocation of caseloads in locality ${i % 17} with partners (${s}.${block}.${i})`),
          cell(2, `Progress note ${Math.floor(r() * 1e9).toString(36)}: draft shared with the board; next review in the autumn.`),
          cell(3, statuses[Math.floor(r() * statuses.length)]),
          cell(4, t, typeof t === 'number' ? 1 : 0),
          cell(5, ['Ruth Penhale', 'Owen Tregear', 'Priya Nair'][i % 3]),
        );
      }
      row += 2;
    }
    files[`xl/worksheets/sheet${s + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`,
    );
  }
  const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  const sheetIdx = Array.from({ length: SHEETS }, (_, i) => i + 1);
  files['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>${sheetIdx
      .map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${CT}.worksheet+xml"/>`)
      .join(
        '',
      )}<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/></Types>`,
  );
  files['_rels/.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${sheetIdx.map((i) => `<sheet name="Plan ${i}" sheetId="${i}" r:id="rId${i}"/>`).join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetIdx
      .map((i) => `<Relationship Id="rId${i}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`)
      .join(
        '',
      )}<Relationship Id="rId${SHEETS + 1}" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId${SHEETS + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  files['xl/styles.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS}"><fonts count="1"><font/></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  );
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`,
  );
  fs.writeFileSync(file, zipSync(files, { level: 6, mtime: new Date('2025-09-30T09:00:00Z') }));
}

// ---------------------------------------------------------------------------

export const INPUT = path.join(tmpRoot, 'tracker.xlsx');

/** The input's hash; the wall time of an undisturbed run, and when it starts writing. */
export const run = { inputHash: '', fullMs: 0, writeAtMs: 0 };

export interface Killed {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  killedAtMs: number | null;
  writingAtMs: number | null;
  /** A temporary file was in the output folder at the moment of the kill: the kill landed mid-write. */
  midWrite: boolean;
  ms: number;
}

export interface When {
  /** Kill this long after the start. */
  delayMs?: number;
  /** Kill this long after the command says it is writing. */
  afterWritingMs?: number;
  /** Kill this long after a temporary file appears in `dir` (the file itself being written). */
  afterTempMs?: number;
  dir?: string;
}

/** Starts the command and kills it with `signal` at the moment `when` says. */
export function runAndKill(args: string[], signal: NodeJS.Signals, when: When): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child: ChildProcess = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let killedAtMs: number | null = null;
    let writingAtMs: number | null = null;
    let timer: NodeJS.Timeout | null = null;
    let midWrite = false;
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) {
        killedAtMs = Date.now() - t0;
        child.kill(signal);
        if (when.dir) midWrite = fs.readdirSync(when.dir).some((f) => f.endsWith('.tmp'));
      }
    };
    if (when.delayMs !== undefined) timer = setTimeout(kill, when.delayMs);
    let watcher: fs.FSWatcher | null = null;
    if (when.afterTempMs !== undefined && when.dir) {
      watcher = fs.watch(when.dir, (_event, name) => {
        if (timer !== null || !name || !String(name).endsWith('.tmp')) return;
        // No delay at all: kill from inside the event, while the file is being written.
        if (when.afterTempMs === 0) kill();
        else timer = setTimeout(kill, when.afterTempMs);
      });
    }
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (writingAtMs === null && stderr.includes('Writing workbook')) writingAtMs = Date.now() - t0;
      if (when.afterWritingMs !== undefined && timer === null && stderr.includes('Writing workbook'))
        timer = setTimeout(kill, when.afterWritingMs);
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('exit', (code, sig) => {
      if (timer) clearTimeout(timer);
      watcher?.close();
      clearTimeout(guard);
      resolve({ code, signal: sig, stderr, killedAtMs, writingAtMs, midWrite, ms: Date.now() - t0 });
    });
  });
}

/** The output is either absent or the whole result: a workbook that reads back with Ragbook's summary in it. */
export function expectAbsentOrComplete(file: string): 'absent' | 'complete' {
  if (!fs.existsSync(file)) return 'absent';
  const { grid } = readXlsx(new Uint8Array(fs.readFileSync(file)), path.basename(file));
  expect(grid.sheets.some((s) => s.owned === 'summary')).toBe(true);
  expect(grid.sheets.filter((s) => !s.owned).length).toBe(SHEETS);
  return 'complete';
}

/** A third of the trials anywhere in the run, a third while the new workbook is built, a third while the file is written. */
export function pickWhen(trial: number, random: () => number, dir: string): When {
  switch (trial % 3) {
    case 0:
      return { delayMs: Math.round(random() * run.fullMs * 1.1), dir };
    case 1:
      return { afterWritingMs: Math.round(random() * Math.max(50, run.fullMs - run.writeAtMs)), dir };
    default:
      return { afterTempMs: Math.floor(random() * 3), dir };
  }
}

export const describeWhen = (w: When) => JSON.stringify({ ...w, dir: undefined });

export const tempFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

/** Makes the input and times one undisturbed run; call from beforeAll. */
export async function prepare(): Promise<void> {
  ensureCli();
  makeWorkbook(INPUT);
  run.inputHash = sha(INPUT);
  // One undisturbed run: it succeeds, and says how long a run takes and when it writes
  // (its progress lines on stderr, printed for inputs over 1 MB).
  const out = path.join(tmpRoot, 'baseline.xlsx');
  const r = await runAndKill(['recalc', INPUT, '--out', out, '--as-of', AS_OF], 'SIGKILL', {});
  if (r.code !== 0) throw new Error(`the undisturbed run failed (${r.code}): ${r.stderr}`);
  expect(expectAbsentOrComplete(out)).toBe('complete');
  run.fullMs = r.ms;
  run.writeAtMs = r.writingAtMs ?? run.fullMs * 0.6;
}
