import * as fs from 'node:fs';
import * as path from 'node:path';
import { recalculate } from '../src/core/engine';
import type { EngineResult, Workstream } from '../src/core/model';
import { isMonthFormat } from '../src/core/dates';
import { toReport } from '../src/core/to-report';
import { ReportSchema } from '../src/core/report';
import { readXlsx } from '../src/workbook/xlsx/read';
import { EXCEL_LIKE, date1904Workbook } from './support/excel-like';
import { expectReportOrClearMessage } from './support/report-checks';

// Every number in tests/fixtures/expected.json, for each fixture workbook and for
// its LibreOffice-saved copy: the two must give the same answers.

const FIX = path.join(__dirname, 'fixtures');
const expected = JSON.parse(fs.readFileSync(path.join(FIX, 'expected.json'), 'utf8'));
const NOW = new Date('2025-09-30T12:00:00Z');

function run(rel: string, asOf = '2025-09-30'): EngineResult {
  const bytes = new Uint8Array(fs.readFileSync(path.join(FIX, rel)));
  const { grid } = readXlsx(bytes, path.basename(rel));
  return recalculate(grid, { asOf, now: NOW }).result;
}

const STATUS_KEY: Record<string, keyof Workstream['figures']['counts']> = {
  Completed: 'completed',
  'In progress': 'inProgress',
  Static: 'static',
  'Not started': 'notStarted',
  '(blank)': 'noStatus',
};

const VARIANTS = ['', 'lo/'];

describe.each(VARIANTS)('work-stream trackers %s', (dir) => {
  describe.each(['workstreams.xlsx', 'workstreams-messy.xlsx'])('%s', (file) => {
    const exp = expected[file];
    const result = run(dir + file);
    // JavaScript lists integer-like keys first ("1", "3" before "2a"): order by row instead.
    const blockIds = Object.keys(exp.blocks).sort((a, b) => exp.blocks[a].title_row - exp.blocks[b].title_row);

    test('finds one work stream per block, in order, titled as written', () => {
      expect(result.workstreams.map((w) => w.title)).toEqual(blockIds.map((b) => exp.blocks[b].title));
      for (const w of result.workstreams) expect(w.sheet).toBe(exp.sheet);
    });

    test.each(blockIds)('block %s: header, action rows, numbers and status counts', (b) => {
      const e = exp.blocks[b];
      const w = result.workstreams[blockIds.indexOf(b)];
      expect(w.headerRow + 1).toBe(e.header_row);
      expect(w.titleRow! + 1).toBe(e.title_row);
      expect(w.actions.map((a) => a.row + 1)).toEqual(e.action_rows);
      expect(w.actions.map((a) => (a.id === null ? null : Number(a.id)))).toEqual(e.action_numbers);
      expect(w.figures.counts.total).toBe(e.total);
      const want = { completed: 0, inProgress: 0, static: 0, notStarted: 0, noStatus: 0 } as Record<string, number>;
      for (const [k, n] of Object.entries(e.normalised_status_counts as Record<string, number>)) want[STATUS_KEY[k]] += n;
      const c = w.figures.counts;
      expect({
        completed: c.completed,
        inProgress: c.inProgress,
        static: c.static,
        notStarted: c.notStarted,
        noStatus: c.noStatus,
      }).toEqual(want);
      expect(c.unrecognised).toBe(0);
      expect(w.reportingDate).toBe('2025-06-30');
    });

    test('every hand-typed summary block is found, covers the right streams and is judged right', () => {
      const stated = result.workstreams.filter((w) => w.stated);
      expect(stated).toHaveLength(exp.summary_blocks.length);
      exp.summary_blocks.forEach((sb: any, i: number) => {
        const w = stated[i];
        expect(w.title).toBe(exp.blocks[sb.summary_below].title);
        expect(Number(w.stated!.range.match(/\d+/)![0])).toBe(sb.summary_header_row);
        expect(w.stated!.covers).toEqual(sb.covers.map((b: string) => exp.blocks[b].title));
        expect(w.stated!.matches).toBe(sb.matches);
        const diffs = w.stated!.differences.map((d) => ({
          field: d.label.replace(/^% /, 'Percentage '),
          stated: d.stated,
          from_rows: d.actual,
        }));
        expect(diffs).toEqual(sb.differences);
      });
    });

    test('overall counts add up to every action', () => {
      const c = result.overall.counts;
      expect(c.total).toBe(exp.overall_total_actions);
      const want = exp.overall_normalised_status_counts;
      expect(c.completed).toBe(want.Completed);
      expect(c.inProgress).toBe(want['In progress']);
      expect(c.static).toBe(want.Static);
      expect(c.notStarted).toBe(want['Not started'] ?? 0);
      expect(c.noStatus).toBe(want['(blank)'] ?? 0);
      expect(c.completed + c.inProgress + c.static + c.notStarted + c.unrecognised + c.noStatus).toBe(c.total);
    });

    test('the report validates against its schema', () => {
      expect(() => ReportSchema.parse(toReport(result))).not.toThrow();
    });
  });
});

describe.each(VARIANTS)('messy tracker traps %s', (dir) => {
  const exp = expected['workstreams-messy.xlsx'];
  const result = run(dir + 'workstreams-messy.xlsx');
  const codes = (code: string) => result.findings.filter((f) => f.code === code);

  test('the stale 2b summary is flagged with both numbers', () => {
    const stale = codes('summary.stale');
    expect(stale.map((f) => f.cell).sort()).toEqual(['B40', 'B41', 'C40', 'C41']);
    const completed = stale.find((f) => f.cell === 'B40')!;
    expect(completed.message).toContain('6');
    expect(completed.message).toContain('7');
    expect(completed.severity).toBe('error');
    expect(exp.stale_summary_blocks).toEqual(['2b']);
  });

  test('the typo is a warning with a suggestion, synonyms are notes, the empty status an error', () => {
    const near = codes('status.near-miss');
    expect(near).toHaveLength(1);
    expect(near[0].value).toBe('In progess');
    expect(near[0].suggestion).toBe('In progress');
    const missing = codes('status.missing');
    expect(missing.map((f) => f.cell)).toEqual(['D53']);
    const synonyms = codes('status.synonym')
      .map((f) => f.value!.trim().toLowerCase())
      .sort();
    expect(synonyms).toEqual(['complete', 'done', 'ongoing']);
  });

  test('the note row is not an action and is reported as a note', () => {
    const notes = codes('row.note');
    expect(notes.map((f) => f.cell)).toEqual(['A70']);
    expect(result.workstreams[4].actions.map((a) => a.row + 1)).not.toContain(70);
  });

  test('the action without a number is counted and noted', () => {
    expect(codes('id.missing').map((f) => f.cell)).toEqual(['A51']);
  });

  test('text that starts with = is read as the action text', () => {
    const w = result.workstreams[1];
    expect(w.actions.find((a) => a.row + 1 === 24)!.text).toBe(
      exp.action_text_starting_with_equals.length ? '=Review caseloads quarterly at the weekly allocation meeting' : '',
    );
  });
});

describe.each(VARIANTS)('RAG register in an Excel Table %s', (dir) => {
  const exp = expected['rag-review.xlsx'];
  const result = run(dir + 'rag-review.xlsx', '2024-11-30');

  test('one work stream per Section, in order of first appearance, with ratings counted', () => {
    const sections = Object.keys(exp.status_counts_per_section);
    expect(result.workstreams.map((w) => w.title)).toEqual(sections);
    sections.forEach((s, i) => {
      const w = result.workstreams[i];
      const e = exp.status_counts_per_section[s];
      expect(w.kind).toBe('ratings');
      expect(w.sheet).toBe(exp.sheet);
      expect({ green: w.figures.ratings.green, amber: w.figures.ratings.amber, red: w.figures.ratings.red }).toEqual({
        green: e.Green,
        amber: e.Amber,
        red: e.Red,
      });
      expect(w.actions.map((a) => Number(a.id))).toEqual(e.numbers);
      expect(w.figures.counts.total).toBe(e.numbers.length);
      const worst = e.Red ? 'Red' : e.Amber ? 'Amber' : 'Green';
      expect(w.figures.rag).toBe(worst);
    });
    expect(result.overall.ratings.green).toBe(exp.status_counts.Green);
    expect(result.overall.ratings.amber).toBe(exp.status_counts.Amber);
    expect(result.overall.ratings.red).toBe(exp.status_counts.Red);
    expect(result.overall.counts.total).toBe(20);
  });

  test('ratings-only tables give no "No status" findings', () => {
    expect(result.findings.filter((f) => f.code === 'status.missing' || f.code === 'table.no-status')).toEqual([]);
  });

  test('every timescale part is classified, never split on / or spaces', () => {
    const order = exp.order_of_numbers as number[];
    const all = result.workstreams.flatMap((w) => w.actions);
    for (const n of order) {
      const a = all.find((x) => Number(x.id) === n)!;
      expect(a.target!.parts.map((p) => p.text)).toEqual(exp.per_row_timescale_parts[String(n)]);
    }
  });
});

const KIND: Record<string, string> = {
  'Excel date': 'excel-date',
  'dd/mm/yyyy text': 'date-text',
  'month and year': 'month-year',
  'to be confirmed': 'tbc',
  'financial-year quarter': 'quarter',
  'week commencing': 'week-commencing',
  'invalid date text': 'invalid',
  'free text': 'free-text',
};

/** The report's kind of a fixture part: an Excel date shown only as a month (`mmmm yyyy`) is due at that month's end. */
function kindOf(target: { number_format?: string }, part: { kind: string }): string {
  return part.kind === 'Excel date' && isMonthFormat(target.number_format ?? null) ? 'excel-month' : KIND[part.kind];
}

describe.each(VARIANTS)('milestone plan %s', (dir) => {
  const exp = expected['milestones.xlsx'];
  const result = run(dir + 'milestones.xlsx');

  test('one work stream per area heading, titled as written, with the right actions', () => {
    expect(result.workstreams).toHaveLength(exp.areas);
    const areas = Object.keys(exp.area_headings);
    areas.forEach((a, i) => {
      const w = result.workstreams[i];
      expect(w.title).toBe(exp.area_headings[a].text);
      expect(w.titleRow! + 1).toBe(exp.area_headings[a].row);
      expect(w.figures.counts.total).toBe(exp.actions_per_area[a]);
      const want = { completed: 0, inProgress: 0, static: 0, notStarted: 0, noStatus: 0 } as Record<string, number>;
      for (const [k, n] of Object.entries(exp.status_counts_per_area[a] as Record<string, number>)) want[STATUS_KEY[k]] += n;
      const c = w.figures.counts;
      expect({
        completed: c.completed,
        inProgress: c.inProgress,
        static: c.static,
        notStarted: c.notStarted,
        noStatus: c.noStatus,
      }).toEqual(want);
    });
  });

  test('action numbers stay text: 2.10 is not 2.1', () => {
    const ids = result.workstreams.flatMap((w) => w.actions.map((a) => a.id));
    expect(ids).toEqual(exp.actions_detail.map((a: any) => a.action));
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every target date part is classified with the right dates', () => {
    const all = result.workstreams.flatMap((w) => w.actions);
    for (const e of exp.actions_detail) {
      const a = all.find((x) => x.row + 1 === e.row)!;
      const parts = a.target!.parts;
      expect(parts.map((p) => p.kind)).toEqual(e.target_date.parts.map((p: any) => kindOf(e.target_date, p)));
      e.target_date.parts.forEach((p: any, i: number) => {
        if (p.date) expect(parts[i].end).toBe(p.date);
        if (p.end) expect(parts[i].end).toBe(p.end);
        if (p.start) expect(parts[i].start).toBe(p.start);
      });
      expect(a.owner?.split('\n').map((s) => s.trim())).toEqual(e.delivery_lead);
    }
  });

  test('the report lists every action with its cells and how each target date part was read', () => {
    const report = ReportSchema.parse(toReport(result));
    const actions = report.workstreams.flatMap((w) => w.actions);
    expect(actions.map((a) => a.id)).toEqual(exp.actions_detail.map((e: any) => e.action));
    for (const e of exp.actions_detail) {
      const a = actions.find((x) => x.row === e.row)!;
      expect(a.status).toMatchObject({ cell: `F${e.row}`, read: e.status });
      expect(a.target!.cell).toBe(`D${e.row}`);
      expect(a.target!.parts.map((p) => p.kind)).toEqual(e.target_date.parts.map((p: any) => kindOf(e.target_date, p)));
      for (const p of a.target!.parts) expect(p.rule.length).toBeGreaterThan(0);
    }
  });

  test('the impossible date is an error naming its cell', () => {
    const invalid = result.findings.filter((f) => f.code === 'date.invalid');
    const cells = exp.actions_detail
      .filter((e: any) => e.target_date.parts.some((p: any) => p.kind === 'invalid date text'))
      .map((e: any) => `D${e.row}`);
    expect(invalid.map((f) => f.cell)).toEqual(cells);
  });
});

// Workbooks that are not trackers, shaped as Excel saves them (Strict OOXML, the 1904
// date system, chart sheets, pictures, tables): each gives a report or a clear
// message, never a crash. tests/external/ runs the same over Excel-saved files from
// other projects when the shared folder is there.
describe('Excel-shaped workbooks that are not trackers', () => {
  test.each(Object.keys(EXCEL_LIKE))('%s gives a report or a clear message', (file) => {
    expectReportOrClearMessage(EXCEL_LIKE[file](), file);
  });

  test('the 1904 date system is read from the workbook', () => {
    expect(readXlsx(date1904Workbook(), 'date1904.xlsx').grid.date1904).toBe(true);
  });
});
