import * as fs from 'node:fs';
import { type Processed, eachRealworld } from './realworld';
import { Watchdog, realworldManifest, writeArtifact } from './shared';

// The workbooks of other projects' test suites listed in realworld/MANIFEST.tsv,
// written by Excel, LibreOffice, Google Sheets and many libraries, some broken on
// purpose: each is read, or refused with a message naming the file, never a crash
// or a hang; what is read recalculates without an exception; and only the one
// action tracker among them gives work streams. Per-file results go to
// tests/artifacts/realworld-read.json, the files that wrongly give work streams to
// tests/artifacts/realworld-workstreams.json.

const TRACKER = 'apache/poi test-data/spreadsheet/48962.xlsx';
/** The slowest file takes about a second alone, six beside the other suites; thirty is a fault. */
const SLOW_MS = 30_000;
/** Past this the watchdog names the file and stops the process. */
const HANG_SECONDS = 120;

interface Row {
  id: string;
  outcome: 'read' | 'refused' | 'crashed';
  /** The refusal's problem code, or the crash. */
  problem?: string;
  message?: string;
  readMs: number;
  recalcMs?: number;
  recalcCrash?: string;
  workstreams?: number;
  titles?: string[];
  /** The file's own name appears in the refusal's message. */
  named?: boolean;
}

function summarise(p: Processed): Row {
  const { read, recalc, wb } = p;
  const row: Row = { id: wb.id, outcome: read.grid ? 'read' : read.refused ? 'refused' : 'crashed', readMs: Math.round(read.ms) };
  if (read.refused) {
    row.problem = read.refused.problem;
    row.message = read.refused.message;
    row.named = read.refused.message.includes(wb.name);
  }
  if (read.crash) row.problem = read.crash;
  if (recalc) {
    row.recalcMs = Math.round(recalc.ms);
    if (recalc.crash) row.recalcCrash = recalc.crash;
    const ws = recalc.recalculation?.result.workstreams ?? [];
    row.workstreams = ws.length;
    if (ws.length) row.titles = ws.map((w) => `${w.sheet}: ${w.title} (${w.actions.length} actions)`);
  }
  return row;
}

const total = (r: Row) => r.readMs + (r.recalcMs ?? 0);
const rows: Row[] = [];
const dog = new Watchdog(HANG_SECONDS, 'realworld-read-hang.json');

beforeAll(() => {
  for (const p of eachRealworld(dog)) rows.push(summarise(p));
  const count = (o: Row['outcome']) => rows.filter((r) => r.outcome === o).length;
  const slowest = [...rows].sort((a, b) => total(b) - total(a)).slice(0, 10);
  const summary = {
    files: rows.length,
    read: count('read'),
    refused: count('refused'),
    crashed: count('crashed'),
    recalcCrashed: rows.filter((r) => r.recalcCrash).length,
    slowest: slowest.map((r) => ({ id: r.id, ms: total(r) })),
    withWorkstreams: rows.filter((r) => r.workstreams).map((r) => r.id),
  };
  writeArtifact('realworld-read.json', { summary, files: rows });
  writeArtifact('realworld-workstreams.json', {
    about:
      "Files from other projects' test suites in which Ragbook found work streams. Only the action tracker (apache/poi 48962.xlsx) holds any; every other entry is a detection false positive.",
    tracker: rows.find((r) => r.id === TRACKER) ?? null,
    offenders: rows
      .filter((r) => r.workstreams && r.id !== TRACKER)
      .map((r) => ({ id: r.id, workstreams: r.workstreams, titles: r.titles })),
  });
  console.log(
    `realworld: ${summary.files} files, ${summary.read} read, ${summary.refused} refused, ${summary.crashed} crashed, 0 hung; ` +
      `slowest ${slowest[0]?.id} (${slowest[0] ? total(slowest[0]) : 0} ms); work streams in ${summary.withWorkstreams.length}`,
  );
}, 600_000);

afterAll(() => dog.close());

test('MANIFEST.tsv lists 1,917 workbooks and each is there at its size', () => {
  const manifest = realworldManifest();
  expect(manifest).toHaveLength(1917);
  const wrong = manifest.filter((wb) => !fs.existsSync(wb.file) || fs.statSync(wb.file).size !== wb.bytes).map((wb) => wb.id);
  expect(wrong).toEqual([]);
});

test('every workbook is read or refused with a WorkbookFileError; nothing else is thrown', () => {
  expect(rows).toHaveLength(1917);
  expect(rows.filter((r) => r.outcome === 'crashed').map((r) => `${r.id}: ${r.problem}`)).toEqual([]);
});

test("a refusal's message names the file", () => {
  expect(rows.filter((r) => r.outcome === 'refused' && !r.named).map((r) => `${r.id}: ${r.message}`)).toEqual([]);
});

test('no workbook comes near a hang', () => {
  expect(rows.filter((r) => total(r) > SLOW_MS).map((r) => `${r.id}: ${total(r)} ms`)).toEqual([]);
});

test('recalculating a workbook that was read never throws', () => {
  expect(rows.filter((r) => r.recalcCrash).map((r) => `${r.id}: ${r.recalcCrash}`)).toEqual([]);
});

test('only the action tracker, apache/poi 48962.xlsx, gives work streams', () => {
  expect(rows.find((r) => r.id === TRACKER)?.workstreams).toBeGreaterThan(0);
  // The list is in tests/artifacts/realworld-workstreams.json, with the titles found.
  expect(rows.filter((r) => r.workstreams && r.id !== TRACKER).map((r) => `${r.id}: ${r.titles?.join('; ')}`)).toEqual([]);
});
