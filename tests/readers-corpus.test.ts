import * as fs from 'node:fs';
import * as path from 'node:path';
import { type DateContext, type DatePart, readTarget } from '../src/core/dates';
import type { DetectedTable } from '../src/core/detect';
import { type CellValue, type SheetGrid, cellAt, formatAt, parseA1, parseArea } from '../src/core/grid';
import { contradicts, percentScale, progressOfPercent, readPercent } from '../src/core/percent-complete';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import { createStatusReader } from '../src/core/status';
import { figuresFor } from '../src/core/summarize';
import { createReadContext, readTable } from '../src/core/validate';
import type { Role } from '../src/core/vocabulary/headers';
import type { ProgressRead } from '../src/core/vocabulary/progress';
import type { RagWord } from '../src/core/vocabulary/ratings';
import { readXlsx } from '../src/workbook/xlsx/read';

// The cell readers against the unseen corpus (tests/fixtures/trackers/), cell by cell:
// every status, rating, colour and percent-complete cell its expected.json names, and
// every target date, read by the readers alone, so the readers are proven apart from
// table detection (whose whole-corpus check is tests/trackers.test.ts). Each workbook
// and its LibreOffice copy.

const DIR = path.join(__dirname, 'fixtures', 'trackers');
const expected = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8'));
const FILES = Object.keys(expected.files).filter((f) => expected.files[f].workstreams.length > 0);

interface StatusCell {
  cell: string;
  raw: string | null;
  how: string;
  word: string;
  dimension: 'progress' | 'rating' | 'percent' | 'colour';
  implied?: RagWord;
  fill?: string;
  warning?: string;
  percent?: number | null;
}

interface Target {
  cell: string;
  raw: string;
  parts: { kind: string; end: string | null }[];
  final: string | null;
}

interface Stream {
  title: string;
  sheet: string;
  kind: string;
  header_row: number;
  table_range: string;
  columns: Record<string, string>;
  action_rows: number[];
  merged_actions: unknown[];
  counts: Record<string, number>;
  ratings: Record<string, number>;
  overdue: number;
  due_soon: number;
  rag: string;
  status_cells: StatusCell[];
  targets: Target[];
}

const columnIndex = (letter: string) => parseA1(`${letter}1`)!.c;

/**
 * The table as detection should find it, built from expected.json (its header row,
 * columns by role, action rows), so the readers are run over the real cells without
 * waiting for the rebuilt detection.
 */
function tableOf(grid: SheetGrid, e: Stream): DetectedTable {
  const cols = e.columns;
  const columns: Partial<Record<Role, number>> = {};
  for (const role of ['id', 'action', 'progress', 'target', 'owner', 'milestones', 'percent'] as const) {
    if (cols[role] !== undefined) columns[role] = columnIndex(cols[role]);
  }
  const statusColumns = ['status', 'rating'].filter((r) => cols[r] !== undefined).map((r) => columnIndex(cols[r]));
  if (statusColumns.length) columns.status = statusColumns[0];
  const range = parseArea(e.table_range)!;
  const rows = e.action_rows.map((r) => r - 1);
  return {
    sheet: grid,
    headerRow: e.header_row - 1,
    headerRows: [e.header_row - 1],
    firstCol: range.c1,
    lastCol: range.c2,
    lastRow: Math.max(e.header_row - 1, ...rows),
    columns,
    originalTargetColumn: cols.target_orig === undefined ? null : columnIndex(cols.target_orig),
    statusColumns,
    groupColumn: null,
    reportingDateText: null,
    excelTable: null,
    excelArea: null,
    segments: [{ title: e.title, titleRow: null, titleSource: 'row', rows }],
    noteRows: [],
    spans: new Map(),
    sharedIds: new Set(),
    summaries: [],
    score: 1,
    columnEvidence: [],
    rowEvidence: [],
    overridden: false,
  };
}

/**
 * The grid with the fills the generator wrote into the cells expected.json names,
 * where the adapter does not read fills yet; a grid with fills is used as read.
 */
function withExpectedFills(grid: SheetGrid, e: Stream): SheetGrid {
  if (grid.fills) return grid;
  const fills: (string | null)[][] = [];
  for (const sc of e.status_cells) {
    if (!sc.fill) continue;
    const p = parseA1(sc.cell)!;
    (fills[p.r] ??= [])[p.c] = sc.fill;
  }
  return { ...grid, fills };
}

const reader = createStatusReader({});
const ctx: DateContext = {
  locale: 'en-GB',
  fyStartMonth: DEFAULT_SETTINGS.financialYearStartMonth,
  date1904: false,
  referenceDate: expected.as_of,
  termEnds: DEFAULT_SETTINGS.termEnds,
};

function at(sheet: SheetGrid, ref: string): { value: CellValue; format: string | null } {
  const p = parseA1(ref)!;
  return { value: cellAt(sheet, p.r, p.c), format: formatAt(sheet, p.r, p.c) };
}

const rowOf = (ref: string) => Number(ref.replace(/^[A-Z]+/, ''));

/** The findings a status-like cell may raise by itself (how it was read, and the warnings of expected.json). */
const CELL_CODES = /^(status|rating|percent)\.(near-miss|unrecognised|missing|percent-mismatch|unreadable|fill-mismatch|overdue)$/;

/** The codes expected.json says a cell must raise: its reading's, and its warning. */
function codesFor(sc: StatusCell, e: Stream): string[] {
  const prefix = sc.dimension === 'rating' || sc.dimension === 'colour' ? 'rating' : 'status';
  const out: string[] = [];
  if (sc.how === 'near-miss') out.push(`${prefix}.near-miss`);
  if (sc.how === 'unrecognised') out.push(`${prefix}.unrecognised`);
  // An empty rating beside a progress status is no fault (DESIGN.md, "both"); an empty percentage beside a status neither.
  const beside = (sc.dimension === 'rating' && e.kind === 'both') || (sc.dimension === 'percent' && e.columns.status !== undefined);
  if (sc.how === 'empty' && !beside) out.push(`${prefix}.missing`);
  if (sc.warning) out.push(sc.warning);
  return out;
}

const books = new Map<string, SheetGrid[]>();
function sheetsOf(rel: string): SheetGrid[] {
  let s = books.get(rel);
  if (!s) books.set(rel, (s = readXlsx(new Uint8Array(fs.readFileSync(path.join(DIR, rel))), path.basename(rel)).grid.sheets));
  return s;
}

describe.each(['', 'lo/'])('the cell readers on the unseen trackers %s', (dir) => {
  describe.each(FILES)('%s', (file) => {
    const streams: Stream[] = expected.files[file].workstreams;
    const sheet = (name: string) => sheetsOf(dir + file).find((s) => s.name === name)!;

    test.each(streams.map((s, i) => [i, s.title] as const))(
      'stream %i (%s): each status, rating, colour and percent cell read, counted and reported as expected.json says',
      (i) => {
        const e = streams[i];
        // An action merged over several rows is one action: that is detection's to find.
        if (e.merged_actions.length) return;
        const grid = withExpectedFills(sheet(e.sheet), e);
        const read = readTable(tableOf(grid, e), createReadContext(DEFAULT_SETTINGS, expected.as_of, expected.files[file].date1904));
        const actions = read.segments[0].actions;
        const f = figuresFor(actions, read.kind, DEFAULT_SETTINGS.rag);
        expect({ kind: read.kind, counts: f.counts, ratings: f.ratings, overdue: f.overdue, dueSoon: f.dueSoon, rag: f.rag }).toEqual({
          kind: e.kind,
          counts: e.counts,
          ratings: e.ratings,
          overdue: e.overdue,
          dueSoon: e.due_soon,
          rag: e.rag,
        });
        for (const sc of e.status_cells) {
          const a = actions.find((x) => x.row + 1 === rowOf(sc.cell))!;
          if (sc.dimension === 'rating' || sc.dimension === 'colour') {
            expect({ cell: sc.cell, how: a.rating?.how, word: a.rating?.word }).toEqual({ cell: sc.cell, how: sc.how, word: sc.word });
          } else if (sc.dimension === 'percent') {
            expect({ cell: sc.cell, fraction: a.percent?.fraction }).toEqual({ cell: sc.cell, fraction: sc.percent ?? null });
            // Where there is no status, the percentage is the progress.
            if (e.columns.status === undefined) expect({ cell: sc.cell, word: a.progress?.word }).toEqual({ cell: sc.cell, word: sc.word });
          } else {
            expect({ cell: sc.cell, how: a.progress?.how, word: a.progress?.word, implied: a.progress?.implied }).toEqual({
              cell: sc.cell,
              how: sc.how,
              word: sc.word,
              implied: sc.implied ?? (sc.word === 'Completed' && sc.how !== 'yes-no' ? 'Blue' : null),
            });
            expect(a.progress!.raw).toBe(sc.raw ?? '');
          }
          const codes = read.findings.filter((x) => x.cell === sc.cell && CELL_CODES.test(x.code)).map((x) => x.code);
          expect({ cell: sc.cell, codes: codes.sort() }).toEqual({ cell: sc.cell, codes: codesFor(sc, e).sort() });
        }
        for (const t of e.targets) {
          const a = actions.find((x) => x.row + 1 === rowOf(t.cell))!;
          expect({ cell: a.targetCell, final: a.target!.final }).toEqual({ cell: t.cell, final: t.final });
        }
      },
    );

    test.each(streams.map((s, i) => [i, s.title] as const))('stream %i (%s): each percent-complete cell', (i) => {
      const e = streams[i];
      const grid = sheet(e.sheet);
      const cells = e.status_cells.filter((c) => c.dimension === 'percent');
      if (!cells.length) return;
      const scale = percentScale(
        cells.map((c) => at(grid, c.cell).value),
        cells.map((c) => at(grid, c.cell).format),
      );
      for (const sc of cells) {
        const { value, format } = at(grid, sc.cell);
        const got = readPercent(value, format, scale);
        expect({ cell: sc.cell, fraction: got.fraction }).toEqual({ cell: sc.cell, fraction: sc.percent ?? null });
        const word: ProgressRead = got.fraction === null ? 'No status' : progressOfPercent(got.fraction);
        expect({ cell: sc.cell, word }).toEqual({ cell: sc.cell, word: sc.word });
        // Beside a status, a percentage that contradicts it is a warning (the status is counted).
        const status = e.status_cells.find((c) => c.dimension === 'progress' && rowOf(c.cell) === rowOf(sc.cell));
        const mismatch = !!status && got.fraction !== null && contradicts(reader.progress(at(grid, status.cell).value).word, got.fraction);
        expect({ cell: sc.cell, mismatch }).toEqual({ cell: sc.cell, mismatch: sc.warning === 'status.percent-mismatch' });
      }
    });

    test.each(streams.map((s, i) => [i, s.title] as const))(
      'stream %i (%s): each target date, read as its parts and its final date',
      (i) => {
        const e = streams[i];
        const grid = sheet(e.sheet);
        for (const t of e.targets) {
          // An action merged over several rows is due at the last of its milestone dates.
          const area = parseArea(t.cell)!;
          const parts: DatePart[] = [];
          for (let r = area.r1; r <= area.r2; r++) {
            const reading = readTarget(cellAt(grid, r, area.c1), formatAt(grid, r, area.c1), ctx);
            parts.push(...reading.parts);
          }
          const ends = parts.map((p) => p.end ?? null);
          const final =
            ends
              .filter((x): x is string => x !== null)
              .sort()
              .pop() ?? null;
          expect({ cell: t.cell, parts: parts.map((p, k) => ({ kind: p.kind, end: ends[k] })), final }).toEqual({
            cell: t.cell,
            parts: t.parts,
            final: t.final,
          });
        }
      },
    );
  });
});
