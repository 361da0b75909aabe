import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { eachRealworld, writeStep } from './realworld';
import { Watchdog, writeArtifact } from './shared';

// What Ragbook writes into the realworld workbooks opens in openpyxl (what finance
// staff's scripts and many other tools use). Every output is written to a temporary
// folder and one Python process opens them all (scripts/openpyxl-open-all.py). About
// twenty of the inputs do not open in openpyxl 3.0 themselves; an output counts as
// a failure only when its input opens. The list goes to
// tests/artifacts/realworld-openpyxl.json. (exceljs's test-issue-771.xlsx, whose
// styles relationship points at a missing part, once failed here: the writer added
// a second styles relationship; it now gives the first one its part.)

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'openpyxl-open-all.py');

interface Failure {
  name: string;
  output_error: string;
  input_error: string | null;
}

let checked = 0;
let failures: Failure[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-openpyxl-'));
const dog = new Watchdog(120, 'realworld-openpyxl-hang.json');

beforeAll(() => {
  const probe = spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error(`${PYTHON} cannot import openpyxl (Debian: apt-get install python3-openpyxl): ${probe.stderr}`);

  const items: { name: string; output: string; input: string }[] = [];
  for (const p of eachRealworld(dog)) {
    const bytes = writeStep(dog, p)?.bytes;
    if (!bytes) continue;
    const output = path.join(dir, `${items.length}.xlsx`);
    fs.writeFileSync(output, bytes);
    items.push({ name: p.wb.id, output, input: p.wb.file });
  }
  checked = items.length;
  const list = path.join(dir, 'list.json');
  fs.writeFileSync(list, JSON.stringify(items));
  const run = spawnSync(PYTHON, [SCRIPT, list], { encoding: 'utf8', timeout: 540_000, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`${SCRIPT} failed (${run.signal ?? run.status}): ${run.stderr.slice(-2000)}`);
  failures = JSON.parse(run.stdout) as Failure[];
  writeArtifact('realworld-openpyxl.json', {
    checked,
    causedByRagbook: failures.filter((f) => f.input_error === null),
    inputFailsToo: failures.filter((f) => f.input_error !== null),
  });
}, 600_000);

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await dog.close();
});

test('openpyxl opens every output whose input it opens', () => {
  expect(checked).toBeGreaterThan(1800);
  expect(failures.filter((f) => f.input_error === null).map((f) => `${f.name}: ${f.output_error}`)).toEqual([]);
});
