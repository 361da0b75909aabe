import { isDeepStrictEqual } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { recalculate } from '../../src/core/engine';
import type { WorkbookGrid } from '../../src/core/grid';
import { readXlsx } from '../../src/workbook/xlsx/read';
import { applyPlanToXlsx } from '../../src/workbook/xlsx/write';
import { AS_OF, NOW } from '../support/report-checks';
import { changedUserParts } from '../support/xlsx-write-checks';
import { eachRealworld, editablePartsOf, writeStep } from './realworld';
import { Watchdog, describeError, writeArtifact } from './shared';

/** The settings sheet's name: 'Ragbook settings', or with a number where the workbook had one. */
const settingsNameOf = (g: WorkbookGrid) => g.sheets.find((s) => s.owned === 'settings')?.name ?? '(none)';

/** Each <sheet> of the workbook part, as name → sheetId and relationship id: a sheet's identity in the file. */
function identities(files: Record<string, Uint8Array>): Map<string, string> {
  const wbName = Object.keys(files).find((k) => /(^|\/)workbook\.xml$/i.test(k)) ?? 'xl/workbook.xml';
  const xml = strFromU8(files[wbName] ?? new Uint8Array());
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)\/?>/g)) {
    const attr = (n: string) => new RegExp(`\\b${n}="([^"]*)"`).exec(m[1])?.[1] ?? '';
    out.set(attr('name'), `${attr('sheetId')} ${attr('r:id') || attr('id')}`);
  }
  return out;
}

// The realworld workbooks that Ragbook reads, written as the command writes them (the
// recalculation's own plan): the writer never crashes, refuses only what it must,
// keeps every part it does not own byte for byte (all but [Content_Types].xml, the
// workbook part and its relationships, the styles part and docProps/app.xml, which
// it edits to register its sheets and formats, and the previously active sheet's
// tabSelected), and its output reads back with Ragbook's sheets marked as its own
// and the user's sheets unchanged. Then the output is recalculated again: Ragbook's
// sheets keep their sheetId and relationship, the user's parts are still as they
// were. Per-file results go to tests/artifacts/realworld-write.json.

/** Refusals the writer is meant to make; any other, on a workbook the reader read, is a fault. */
const EXPECTED_REFUSALS = new Set(['strict', 'protected']);

interface Row {
  id: string;
  outcome: 'written' | 'refused' | 'crashed';
  problem?: string;
  ms: number;
  /** Parts Ragbook does not own that are missing or differ. */
  changed?: string[];
  /** What is wrong with the output read back, if anything. */
  reread?: string;
  /** User sheets that read differently after writing. */
  userSheets?: string[];
  /** What a second recalculation did wrong, if anything. */
  second?: string;
}

const rows: Row[] = [];
const dog = new Watchdog(120, 'realworld-write-hang.json');

beforeAll(() => {
  for (const p of eachRealworld(dog)) {
    const w = writeStep(dog, p);
    if (!w) continue;
    const row: Row = { id: p.wb.id, outcome: w.bytes ? 'written' : w.refused ? 'refused' : 'crashed', ms: Math.round(w.ms) };
    rows.push(row);
    if (w.refused) row.problem = w.refused.problem;
    if (w.crash) row.problem = w.crash;
    if (!w.bytes) continue;

    let out: Record<string, Uint8Array>;
    try {
      out = unzipSync(w.bytes);
    } catch (e) {
      row.reread = `the output is not a zip fflate can open: ${describeError(e)}`;
      continue;
    }
    row.changed = changedUserParts(p.read.pkg!.entries, out, editablePartsOf(p.read.pkg!.entries));

    const output = w.bytes;
    const again = dog.run(`reading the output for ${p.wb.id}`, () => readXlsx(output, p.wb.name).grid);
    if (!again.value) {
      row.reread = describeError(again.error);
      continue;
    }
    const plan = p.recalc!.recalculation!.plan;
    const owned = again.value.sheets.filter((s) => s.owned).map((s) => [s.name, s.owned]);
    // The plan's sheets, then the hidden sheet holding the copy of the settings.
    const wanted = [...plan.sheets.map((s) => [s.name, s.role]), [settingsNameOf(again.value), 'settings']];
    if (!isDeepStrictEqual(owned, wanted)) row.reread = `owned sheets ${JSON.stringify(owned)}, expected ${JSON.stringify(wanted)}`;
    const before = p.read.grid!.sheets;
    const after = again.value.sheets.filter((s) => !s.owned);
    if (
      !isDeepStrictEqual(
        after.map((s) => s.name),
        before.map((s) => s.name),
      )
    ) {
      row.userSheets = [`sheets ${JSON.stringify(after.map((s) => s.name))}, were ${JSON.stringify(before.map((s) => s.name))}`];
    } else {
      const differ = before.filter((s, i) => !isDeepStrictEqual(after[i], s)).map((s) => s.name);
      if (differ.length) row.userSheets = differ;
    }

    // A second recalculation of the output: in place, the user's parts still as they were.
    const reread = again.value;
    const second = dog.run(`recalculating and writing ${p.wb.id} again`, () =>
      applyPlanToXlsx(output, recalculate(reread, { asOf: AS_OF, now: NOW }).plan),
    );
    if (!second.value) {
      row.second = describeError(second.error);
      continue;
    }
    const out2 = unzipSync(second.value.bytes);
    const ids = identities(out);
    const moved = [...identities(out2)].filter(([name, id]) => ids.has(name) && ids.get(name) !== id).map(([name]) => name);
    if (moved.length) row.second = `sheets given a new identity: ${moved.join(', ')}`;
    else if (identities(out2).size !== ids.size)
      row.second = `sheets ${[...identities(out2).keys()].join(', ')}, were ${[...ids.keys()].join(', ')}`;
    const changed2 = changedUserParts(p.read.pkg!.entries, out2, editablePartsOf(p.read.pkg!.entries));
    if (changed2.length) row.second = `${row.second ?? ''} user parts changed: ${changed2.join(', ')}`.trim();
  }
  const count = (o: Row['outcome']) => rows.filter((r) => r.outcome === o).length;
  writeArtifact('realworld-write.json', {
    summary: {
      written: count('written'),
      refused: count('refused'),
      crashed: count('crashed'),
      refusals: rows.filter((r) => r.outcome === 'refused').map((r) => `${r.id}: ${r.problem}`),
    },
    files: rows,
  });
}, 600_000);

afterAll(() => dog.close());

test('the writer throws nothing but its own refusals', () => {
  expect(rows.length).toBeGreaterThan(1800);
  expect(rows.filter((r) => r.outcome === 'crashed').map((r) => `${r.id}: ${r.problem}`)).toEqual([]);
});

test('the writer refuses only Strict Open XML and protected workbooks', () => {
  expect(rows.filter((r) => r.outcome === 'refused' && !EXPECTED_REFUSALS.has(r.problem!)).map((r) => `${r.id}: ${r.problem}`)).toEqual([]);
});

test('every part Ragbook does not own comes out byte for byte', () => {
  expect(rows.filter((r) => r.changed?.length).map((r) => `${r.id}: ${r.changed!.join(', ')}`)).toEqual([]);
});

test("the output reads back with Ragbook's sheets marked as its own", () => {
  expect(rows.filter((r) => r.reread).map((r) => `${r.id}: ${r.reread}`)).toEqual([]);
});

test("a second recalculation updates Ragbook's sheets in place and leaves every user part as it was", () => {
  expect(rows.filter((r) => r.second).map((r) => `${r.id}: ${r.second}`)).toEqual([]);
});

test("the user's sheets read the same after writing", () => {
  expect(rows.filter((r) => r.userSheets).map((r) => `${r.id}: ${r.userSheets!.join(', ')}`)).toEqual([]);
});
