import * as fs from 'node:fs';
import * as path from 'node:path';
import { DirectorateWorkbookError, evaluate, recalculate } from '../src/core/engine';
import type { WorkbookGrid } from '../src/core/grid';
import { PlanSchema } from '../src/core/plan-schema';
import { type TrackerOutcome, type TrackerSummary, rollUp } from '../src/core/rollup';
import { DirectorateAggregate } from '../src/core/rollup-aggregate';
import type { ActionBlock } from '../src/core/rollup-plan';
import { distinguishingNames } from '../src/core/rollup-names';
import { ratingLine } from '../src/core/rollup-headline';
import { DIRECTORATE_SHEETS } from '../src/core/rollup-plan';
import { lastRecalculated, readTracker } from '../src/core/rollup-tracker';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import { toReport } from '../src/core/to-report';
import { a1 } from '../src/core/grid';
import { statusColumn } from '../src/core/places';
import { afterPlan } from './support/plan-grid';
import { STYLES } from '../src/core/plan';
import { cellWidth, linesIn } from '../src/core/plan/layout';
import { readXlsx } from '../src/workbook/xlsx/read';

// The directorate view in core: names that tell files apart, one tracker reduced to
// its summary, many folded into one picture, and the plan of the directorate workbook.

const AS_OF = '2025-09-30';
const NOW = new Date('2025-09-30T12:00:00Z');
const FIXTURES = path.join(__dirname, 'fixtures');
const grid = (name: string): WorkbookGrid => readXlsx(new Uint8Array(fs.readFileSync(path.join(FIXTURES, name))), name).grid;

function summary(name: string): TrackerSummary {
  const r = readTracker(grid(name), { file: { file: name, path: name }, asOf: AS_OF, now: NOW, withReport: false });
  if (r.kind !== 'read') throw new Error(`${name} was not read`);
  return r.summary;
}

describe('names that tell files apart', () => {
  test('a file alone is shown by its name', () => {
    expect(distinguishingNames(['/d/north/plan.xlsx', '/d/south/Tracker.xlsx'])).toEqual(['plan.xlsx', 'Tracker.xlsx']);
  });

  test('two files of the same name in different folders are shown with their folders', () => {
    expect(distinguishingNames(['/d/north/Tracker.xlsx', '/d/south/Tracker.xlsx', '/d/plan.xlsx'])).toEqual([
      'north/Tracker.xlsx',
      'south/Tracker.xlsx',
      'plan.xlsx',
    ]);
  });

  test('only as much of the path as tells them apart, and only for the files that clash', () => {
    expect(
      distinguishingNames(['/d/adults/north/Tracker.xlsx', '/d/children/north/Tracker.xlsx', '/d/south/Tracker.xlsx', '/d/x/a.xlsx']),
    ).toEqual(['adults/north/Tracker.xlsx', 'children/north/Tracker.xlsx', 'south/Tracker.xlsx', 'a.xlsx']);
  });

  test('names differing only in case are told apart, as Windows and Excel see them as one', () => {
    expect(distinguishingNames(['/a/TRACKER.xlsx', '/b/tracker.xlsx'])).toEqual(['a/TRACKER.xlsx', 'b/tracker.xlsx']);
  });

  test('a path that is the end of another keeps its whole path', () => {
    expect(distinguishingNames(['/a/T.xlsx', '/b/a/T.xlsx'])).toEqual(['a/T.xlsx', 'b/a/T.xlsx']);
  });

  test('files with no folder to tell them apart (the browser gives names only) are numbered', () => {
    expect(distinguishingNames(['Tracker.xlsx', 'Tracker.xlsx', 'plan.xlsx'])).toEqual(['Tracker.xlsx', 'Tracker.xlsx (2)', 'plan.xlsx']);
  });
});

describe('one tracker of a directorate', () => {
  test("keeps the tracker's own figures: its overall, every work stream and every action", () => {
    const g = grid('workstreams.xlsx');
    const { result } = evaluate(g, { asOf: AS_OF, now: NOW });
    const s = summary('workstreams.xlsx');
    // As the tracker's own report gives it: its figures, and its change since its own last recalculation (none here).
    expect(s.overall).toEqual(toReport(result).overall);
    expect(s.overall.change).toBeNull();
    expect(s.workstreams.map((w) => [w.title, w.sheet, w.counts, w.rag])).toEqual(
      result.workstreams.map((w) => [w.title, w.sheet, w.figures.counts, w.figures.rag]),
    );
    expect(s.actions).toHaveLength(result.overall.counts.total);
    expect(s.findings.error + s.findings.warning + s.findings.info).toBe(result.findings.length);
    const overdue = result.workstreams.flatMap((w) => w.actions).filter((a) => a.overdueDays !== null);
    expect(s.tallies.all.maxOverdue).toBe(Math.max(0, ...overdue.map((a) => a.overdueDays as number)));
  });

  test('an action line names its work stream, cell, number, text, status, target as typed and days overdue', () => {
    const g = grid('workstreams.xlsx');
    const { result } = evaluate(g, { asOf: AS_OF, now: NOW });
    const s = summary('workstreams.xlsx');
    const w = result.workstreams[0];
    const a = w.actions[0];
    const [workstream, cell, id, action, , status, , target, due, overdueDays] = s.actions[0];
    expect(workstream).toBe(0);
    // The cell RAG Actions names: where the status is typed.
    expect(cell).toBe(a1(a.row, statusColumn(w)));
    expect([id, action, status, target, due, overdueDays]).toEqual([
      a.id,
      a.text,
      a.progress?.word ?? null,
      a.target?.raw || null,
      a.target?.final ?? null,
      a.overdueDays,
    ]);
  });

  test('a tracker never recalculated says never; one with RAG sheets gives the time they record', () => {
    expect(lastRecalculated(grid('workstreams.xlsx'))).toBeNull();
    const base = grid('workstreams.xlsx');
    // 45930.5 is 30 September 2025 at 12:00; the history's later row wins over the summary's time.
    const withSheets: WorkbookGrid = {
      ...base,
      sheets: [
        ...base.sheets,
        {
          name: 'RAG Summary',
          rows: [['RAG summary'], ['Workbook', 'x.xlsx'], ['Recalculated', 45900.25]],
          merges: [],
          tables: [],
          owned: 'summary',
        },
        {
          name: 'RAG History',
          rows: [['RAG history'], ['Recalculated', 'As of'], [45899.5, 45899], [45930.5, 45930]],
          merges: [],
          tables: [],
          owned: 'history',
        },
      ],
    };
    expect(lastRecalculated(withSheets)).toBe('2025-09-30T12:00');
    // A user's sheet that happens to say "Recalculated" is not Ragbook's and is not read.
    const userOnly: WorkbookGrid = {
      ...base,
      sheets: [...base.sheets, { name: 'Notes', rows: [['Recalculated', 45930.5]], merges: [], tables: [] }],
    };
    expect(lastRecalculated(userOnly)).toBeNull();
  });

  test('a directorate workbook found among the trackers is passed over, not read as a tracker', () => {
    const g = grid('workstreams.xlsx');
    const marked: WorkbookGrid = {
      ...g,
      sheets: [...g.sheets, { name: 'All work streams', rows: [], merges: [], tables: [], owned: 'workstreams' }],
    };
    const r = readTracker(marked, { file: { file: 'd.xlsx', path: 'd.xlsx' }, asOf: AS_OF, now: NOW, withReport: false });
    expect(r.kind).toBe('skipped');
  });
});

describe('many trackers folded into one', () => {
  const names = ['workstreams.xlsx', 'milestones.xlsx', 'rag-review.xlsx', 'workstreams-messy.xlsx'];
  const read = (): TrackerOutcome[] => names.map((n) => ({ kind: 'read', ...summary(n) }));

  test('the overall counts are the sum of every tracker, and the RAG is judged over all actions together', () => {
    const trackers = read();
    const r = rollUp(trackers, { asOf: AS_OF, now: NOW, rules: DEFAULT_SETTINGS.rag });
    const sum = (f: (t: TrackerSummary) => number) => trackers.reduce((n, t) => n + (t.kind === 'read' ? f(t) : 0), 0);
    expect(r.overall.counts.total).toBe(sum((t) => t.overall.counts.total));
    expect(r.overall.counts.completed).toBe(sum((t) => t.overall.counts.completed));
    expect(r.overall.overdue).toBe(sum((t) => t.overall.overdue));
    // The whole is never better than its worst tracker's actions: one overdue by more than 28 days makes it Red.
    expect(Math.max(...trackers.map((t) => (t.kind === 'read' ? t.tallies.all.maxOverdue : 0)))).toBeGreaterThan(28);
    expect(r.overall.rag).toBe('Red');
    const byRag = Object.values(r.workstreamsByRag).reduce((a, b) => a + b, 0);
    expect(byRag).toBe(sum((t) => t.workstreams.length));
  });

  test('the same trackers as one workbook give the same overall figures', () => {
    // Two trackers' sheets put side by side in one workbook are judged by the engine as one.
    const a = grid('workstreams.xlsx');
    const b = grid('milestones.xlsx');
    const together: WorkbookGrid = { ...a, sheets: [...a.sheets, ...b.sheets.map((s) => ({ ...s, name: `b ${s.name}` }))] };
    const { result } = evaluate(together, { asOf: AS_OF, now: NOW });
    const r = rollUp(
      [
        { kind: 'read', ...summary('workstreams.xlsx') },
        { kind: 'read', ...summary('milestones.xlsx') },
      ],
      { asOf: AS_OF, now: NOW, rules: DEFAULT_SETTINGS.rag },
    );
    expect(r.overall.counts).toEqual(result.overall.counts);
    expect(r.overall.overdue).toBe(result.overall.overdue);
    expect(r.overall.rag).toBe(result.overall.rag);
  });

  test('refused files count in the list but not in the figures', () => {
    const refused: TrackerOutcome = { kind: 'refused', file: 'bad.xlsx', path: 'bad.xlsx', message: 'bad.xlsx is damaged.' };
    const with_ = rollUp([...read(), refused], { asOf: AS_OF, now: NOW, rules: DEFAULT_SETTINGS.rag });
    const without = rollUp(read(), { asOf: AS_OF, now: NOW, rules: DEFAULT_SETTINGS.rag });
    expect(with_.overall).toEqual(without.overall);
    expect(with_.trackers).toHaveLength(names.length + 1);
  });

  test('work streams per rating read worst first, as a manager quotes them', () => {
    expect(ratingLine({ Blue: 1, Green: 6, 'Amber/Green': 0, Amber: 5, 'Amber/Red': 0, Red: 9, 'Not rated': 0 })).toBe(
      '9 Red · 5 Amber · 6 Green · 1 Blue',
    );
    expect(ratingLine({ Blue: 1, Green: 0, 'Amber/Green': 0, Amber: 0, 'Amber/Red': 0, Red: 2, 'Not rated': 3 })).toBe(
      '2 Red · 1 Blue · 3 Not rated',
    );
    expect(ratingLine({ Blue: 0, Green: 0, 'Amber/Green': 0, Amber: 0, 'Amber/Red': 0, Red: 0, 'Not rated': 0 })).toBe('none');
  });
});

describe('the directorate workbook plan', () => {
  /** The plan, with All actions as it is written: its planned rows, then the actions handed over tracker by tracker. */
  function plan(outcomes: TrackerOutcome[]) {
    const blocks: ActionBlock[] = [];
    const agg = new DirectorateAggregate((b) => blocks.push(b));
    // Added in reverse, as threads may answer: the plan still lists them in the order given.
    [...outcomes.entries()].reverse().forEach(([i, o]) => agg.add(i, o));
    const out = agg.finish({ asOf: AS_OF, now: NOW, rules: DEFAULT_SETTINGS.rag, settingsJson: '{}' });
    const given = blocks.flatMap((b) => b.rows);
    const sheets = out.plan.sheets.map((s) => {
      if (s.mode !== 'replace' || s.role !== 'actions') return s;
      expect(s.following).toBe(given.length);
      const { following: _, ...rest } = s;
      return { ...rest, rows: [...s.rows, ...given], rowHeights: [...s.rowHeights, ...blocks.flatMap((b) => b.heights)] };
    });
    return { ...out, plan: { ...out.plan, sheets } };
  }
  const outcomes = (): TrackerOutcome[] => [
    { kind: 'read', ...summary('workstreams.xlsx') },
    { kind: 'refused', file: 'bad.xlsx', path: 'in/bad.xlsx', message: 'bad.xlsx is damaged (the part x ends too early).' },
    { kind: 'read', ...summary('milestones.xlsx') },
  ];

  test('is a valid plan of four sheets, each titled in A1, with its table and print setup', () => {
    const { plan: p } = plan(outcomes());
    expect(() => PlanSchema.parse(p)).not.toThrow();
    expect(p.sheets.map((s) => s.name)).toEqual(Object.values(DIRECTORATE_SHEETS));
    expect(new Set(p.sheets.map((s) => s.role)).size).toBe(4);
    for (const s of p.sheets) {
      expect(s.rows[0][0]).toMatchObject({ value: s.name, style: 'title' });
      expect(s.merges).toEqual([]);
      expect(s.print).toMatchObject({ orientation: 'landscape', fitToWidth: 1 });
      expect(s.print?.footer.center).toBe('As of 30 September 2025');
      expect(s.tables).toHaveLength(1);
    }
  });

  test('columns fit what they hold: no number or date is cut, long text wraps in a row tall enough, labels above are whole', () => {
    const { plan: p } = plan(outcomes());
    for (const s of p.sheets) {
      const first = Number(/\d+/.exec(s.tables![0].ref)![0]) - 1;
      s.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (cell.value === null) return;
          const wrapped = cell.style !== undefined && STYLES[cell.style].wrap === true;
          // Above the table, text with nothing beside it runs on over the empty cells.
          if (r < first && typeof cell.value === 'string' && !(row[c + 1] && row[c + 1].value !== null)) return;
          if (!wrapped) expect({ sheet: s.name, r, c, fits: cellWidth(cell, STYLES) <= s.columnWidths[c] }).toMatchObject({ fits: true });
          else if (typeof cell.value === 'string' && linesIn(cell, s.columnWidths[c], STYLES) > 1)
            expect(s.rowHeights[r] ?? 15).toBeGreaterThanOrEqual(linesIn(cell, s.columnWidths[c], STYLES) * 15);
        }),
      );
    }
    // The summary's File column is measured, not set: as wide as the longest name needs, up to its bound.
    const summary = p.sheets[0];
    expect(summary.columnWidths[0]).toBeLessThanOrEqual(40);
    expect(summary.columnWidths[0]).toBeGreaterThanOrEqual(cellWidth(summary.rows[6][0], STYLES));
  });

  test('no cell inside a table is blank, and each table starts at its header row', () => {
    const { plan: p } = plan(outcomes());
    for (const s of p.sheets) {
      const [from, to] = s.tables![0].ref.split(':');
      const first = Number(/\d+/.exec(from)![0]) - 1;
      const last = Number(/\d+/.exec(to)![0]) - 1;
      const width = s.rows[first].length;
      expect(s.rows[first].every((c) => c.style === 'header')).toBe(true);
      expect(s.print?.repeatRows).toBe(`$${first + 1}:$${first + 1}`);
      for (let r = first; r <= last; r++) {
        expect(s.rows[r]).toHaveLength(width);
        for (const c of s.rows[r]) expect(c.value === null || c.value === '').toBe(false);
      }
      expect(last).toBe(s.rows.length - 1);
    }
  });

  test('the summary leads with the headline, then one row per tracker read, in the order given', () => {
    const { plan: p, rollup } = plan(outcomes());
    const rows = p.sheets[0].rows;
    const labels = rows.slice(1, 10).map((r) => r[0]?.value);
    expect(labels).toEqual([
      'Overall RAG',
      'Trackers',
      'Work streams',
      'Actions',
      'Overdue',
      'Hand-typed summaries',
      'Findings',
      'As of',
      'Rolled up',
    ]);
    expect(rows[1][1].value).toBe(rollup.overall.rag);
    expect(rows[2][1].value).toBe('2 trackers read · 1 file could not be read: see Files not read');
    const header = rows.findIndex((r) => r[0]?.value === 'File');
    expect(rows.slice(header + 1).map((r) => r[0].value)).toEqual(['workstreams.xlsx', 'milestones.xlsx']);
    expect(rows[header + 1].at(-1)?.value).toBe('never');
  });

  test('All actions holds every action of every tracker read, each with its tracker', () => {
    const { plan: p, rollup } = plan(outcomes());
    const actions = p.sheets[2].rows;
    const header = actions.findIndex((r) => r[0]?.value === 'Tracker');
    expect(actions.length - header - 1).toBe(rollup.overall.counts.total);
    const perTracker = new Map<unknown, number>();
    for (const r of actions.slice(header + 1)) perTracker.set(r[0].value, (perTracker.get(r[0].value) ?? 0) + 1);
    for (const t of rollup.trackers) if (t.kind === 'read') expect(perTracker.get(t.file)).toBe(t.overall.counts.total);
  });

  test('the directorate workbook run through ragbook itself is no tracker, and its All actions is no last recalculation', () => {
    const { plan: p } = plan(outcomes());
    const written = afterPlan({ name: 'directorate.xlsx', sheets: [], date1904: false }, p);
    expect(written.sheets.find((s) => s.owned === 'actions')?.name).toBe(DIRECTORATE_SHEETS.actions);
    const { result } = evaluate(written, { asOf: AS_OF, now: NOW });
    expect(result.workstreams).toEqual([]);
    // Its actions carry every header of RAG Actions but the status as counted: nothing to compare with.
    expect(result.change).toBeNull();
    // Recalculating it as a tracker is refused, so its summary, actions and files not
    // read (marked summary, actions and issues too) are never replaced by empty RAG sheets.
    expect(() => recalculate(written, { asOf: AS_OF, now: NOW })).toThrow(DirectorateWorkbookError);
  });

  test('Files not read lists each refused file with its reason; with none, it says every file was read', () => {
    const { plan: p } = plan(outcomes());
    const rows = p.sheets[3].rows;
    expect(rows.at(-1)!.map((c) => c.value)).toEqual(['bad.xlsx', 'in/bad.xlsx', 'bad.xlsx is damaged (the part x ends too early).']);
    const none = plan([{ kind: 'read', ...summary('workstreams.xlsx') }]).plan.sheets[3];
    expect(none.rows.at(-1)![0].value).toBe('Every file was read.');
    expect(none.tables).toEqual([]);
  });
});
