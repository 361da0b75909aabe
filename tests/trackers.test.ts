import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Area, parseA1, parseArea } from '../src/core/grid';
import { longDate } from '../src/core/long-date';
import type { Workstream } from '../src/core/model';
import { ReportSchema } from '../src/core/report';
import type { TableEvidence } from '../src/core/table-evidence';
import { judgedIn } from './support/judged';

// Trackers of kinds Ragbook had never been shown (scripts/make-variant-trackers.py
// --set unseen): audit trackers with original and revised dates, CQC MUST DO /
// SHOULD DO plans, NHS heading wordings, SEND plans with two-row headers, corporate
// plans with % complete, filtered Ofsted plans, tables side by side, colour-only
// registers, a Google Sheets export, action logs, and workbooks that are no
// trackers at all. Each workbook and its LibreOffice-saved copy must give the
// answers the generator worked out from the cells it wrote.
//
// Every check is one test, named [rule] when it follows from DESIGN.md's rules and
// [judgement] when expected.json lists it as a performance officer's judgement, so
// the two shares can be counted apart (jest --json; see tests/fixtures/trackers/README.md).

const DIR = path.join(__dirname, 'fixtures', 'trackers');
const expected = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8'));
const NOW = new Date('2025-10-01T09:00:00Z');
const FILES = Object.keys(expected.files);

interface Judgement {
  sheet: string;
  stream: string | null;
  field: string;
  note: string;
  cell?: string;
}

const run = judgedIn(DIR, { asOf: expected.as_of, now: NOW });

/** The evidence's role for each of expected.json's column roles; null where Ragbook keeps the column and ignores it. */
const ROLE_OF: Record<string, string | null> = {
  id: 'id',
  action: 'action',
  progress: 'progress',
  status: 'status',
  rating: 'status',
  percent: 'percent',
  target: 'target',
  target_orig: 'original-target',
  owner: 'owner',
  milestones: 'milestones',
  group: 'group',
  start: null,
  raised: null,
  meeting: null,
  closed: null,
  support: null,
  priority: null,
};

const byField = (a: { field: string }, b: { field: string }) => a.field.localeCompare(b.field);
const rowOf = (cell: string) => parseA1(cell.split(':')[0])!.r;
const crosses = (a: Area, b: Area) => a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;

describe.each(['', 'lo/'])('unseen trackers %s', (dir) => {
  describe.each(FILES)('%s', (file) => {
    const exp = expected.files[file];
    const streams: any[] = exp.workstreams;
    const judgements: Judgement[] = exp.judgement;
    const get = () => run(dir + file);
    /** The work stream the generator calls stream i, found by its sheet and title (so one wrong title fails one stream's checks). */
    const streamFor = (i: number): Workstream => {
      const s = streams[i];
      const w = get().result.workstreams.find((x) => x.sheet === s.sheet && x.title === s.title);
      expect({ sheet: s.sheet, title: w?.title ?? null }).toEqual({ sheet: s.sheet, title: s.title });
      return w!;
    };
    const tableOf = (w: Workstream): TableEvidence =>
      get().result.tables.find((t) => t.state === 'read' && t.sheet === w.sheet && t.workstreams.some((x) => x.title === w.title))!;
    /** [judgement] when expected.json says a performance officer decides it. */
    const tag = (field: string, sheet: string | null, stream: string | null, cell?: string): string => {
      const j = judgements.some(
        (x) =>
          x.field === field &&
          (sheet === null || x.sheet === sheet) &&
          (x.stream === null || stream === null || x.stream === stream) &&
          (x.cell === undefined || cell === undefined || x.cell === cell),
      );
      return j ? '[judgement]' : '[rule]';
    };
    const each = (field: string) => streams.map((s, i) => [tag(field, s.sheet, s.title), i, s.title] as const);

    test(`${judgements.some((j) => j.field === 'title') ? '[judgement]' : '[rule]'} finds every work stream, in workbook order, titled as DESIGN.md says`, () => {
      const got = get().result.workstreams.map((w) => ({ title: w.title, sheet: w.sheet }));
      expect(got).toEqual(streams.map((s) => ({ title: s.title, sheet: s.sheet })));
      expect(get().date1904).toBe(exp.date1904);
    });

    // `test.each` refuses an empty table: a workbook with no tracker has no stream to check one by one.
    const perStream =
      (field: string) =>
      (name: string, fn: (tag: string, i: number, title: string) => void): void => {
        if (streams.length) test.each(each(field))(name, fn);
      };
    const perItem =
      (items: (readonly [string, number, string, string])[]) =>
      (name: string, fn: (tag: string, i: number, title: string, cell: string) => void): void => {
        if (items.length) test.each(items)(name, fn);
      };

    perStream('title')('%s stream %i (%s): its title and sheet', (_t, i) => {
      streamFor(i);
    });

    perStream('header_rows')('%s stream %i (%s): the header rows and the table it belongs to', (_t, i) => {
      const t = tableOf(streamFor(i));
      expect({ headerRows: t.headerRows, range: t.range }).toEqual({ headerRows: streams[i].header_rows, range: streams[i].table_range });
    });

    perStream('action_rows')('%s stream %i (%s): its action rows', (_t, i) => {
      expect(streamFor(i).actions.map((a) => a.row + 1)).toEqual(streams[i].action_rows);
    });

    perStream('ids')('%s stream %i (%s): its action numbers', (_t, i) => {
      expect(streamFor(i).actions.map((a) => a.id)).toEqual(streams[i].ids);
    });

    perStream('columns')('%s stream %i (%s): the column behind each role', (_t, i) => {
      const t = tableOf(streamFor(i));
      const got = Object.fromEntries(Object.keys(streams[i].columns).map((role) => [role, null as string | null]));
      const want = { ...got };
      for (const [role, letter] of Object.entries(streams[i].columns) as [string, string][]) {
        want[role] = ROLE_OF[role] ?? null;
        const column = t.columns.find((c) => c.column === letter);
        got[role] = column ? column.role : 'not in the table';
      }
      expect(got).toEqual(want);
    });

    perStream('target_column')('%s stream %i (%s): the target column among the date columns', (_t, i) => {
      const t = tableOf(streamFor(i));
      expect(t.columns.find((c) => c.role === 'target')?.column ?? null).toBe(streams[i].target_column);
    });

    perStream('no_target')('%s stream %i (%s): a table with no target column says so once', (_t, i) => {
      const w = streamFor(i);
      const t = tableOf(w);
      const said = get().result.findings.filter(
        (f) => f.code === 'table.no-target' && f.sheet === w.sheet && f.workstream === t.workstreams[0].title,
      );
      expect(said.length).toBe(streams[i].no_target ? 1 : 0);
    });

    perStream('slips')('%s stream %i (%s): revised targets that differ from the original are reported as slips', (_t, i) => {
      const w = streamFor(i);
      const rows = new Set(w.actions.map((a) => a.row));
      const slips = get()
        .result.findings.filter((f) => f.code === 'date.slipped' && f.sheet === w.sheet && rows.has(rowOf(f.cell)))
        .map((f) => f.cell);
      expect(slips).toEqual(streams[i].slips.map((s: any) => s.cell));
    });

    perItem(streams.flatMap((s, i) => s.slips.map((sl: any) => [tag('slips', s.sheet, s.title, sl.cell), i, s.title, sl.cell] as const)))(
      '%s stream %i (%s): the slip at %s names both dates and the days between',
      (_t, i, _title, cell) => {
        const s = streams[i].slips.find((x: any) => x.cell === cell);
        const w = streamFor(i);
        const f = get().result.findings.find((x) => x.code === 'date.slipped' && x.sheet === w.sheet && x.cell === cell);
        expect(f?.message ?? null).not.toBeNull();
        const a = w.actions.find((x) => x.row === rowOf(cell))!;
        expect({ to: a.target?.final }).toEqual({ to: s.to });
        expect(f!.message).toContain(longDate(s.from));
        expect(f!.message).toContain(longDate(s.to));
        expect(f!.message).toContain(`${Math.abs(s.days)} day`);
      },
    );

    perItem(streams.flatMap((s, i) => s.targets.map((t: any) => [tag('targets', s.sheet, s.title, t.cell), i, s.title, t.cell] as const)))(
      '%s stream %i (%s): the target read from %s',
      (_t, i, _title, cell) => {
        const t = streams[i].targets.find((x: any) => x.cell === cell);
        const w = streamFor(i);
        const action = w.actions.find((a) => a.row === rowOf(cell));
        expect({ cell: action?.targetCell ?? null }).toEqual({ cell });
        const reading = action!.target!;
        expect({ parts: reading.parts.map((p) => ({ kind: p.kind, end: p.end ?? null })), final: reading.final }).toEqual({
          parts: t.parts,
          final: t.final,
        });
      },
    );

    perStream('stated')('%s stream %i (%s): the hand-typed summary, matching or stale with both numbers', (_t, i) => {
      const e = streams[i];
      const w = streamFor(i);
      const rw = get().report.workstreams.find((x) => x.sheet === w.sheet && x.title === w.title)!;
      if (e.stated === null) {
        expect(rw.stated).toBeNull();
        return;
      }
      expect(rw.stated).not.toBeNull();
      const s = rw.stated!;
      expect({ range: s.range, covers: s.covers, matches: s.matches }).toEqual({
        range: e.stated.range,
        covers: e.stated.covers,
        matches: e.stated.matches,
      });
      const diffs = s.differences.map((d) => ({ field: d.field, stated: d.stated, actual: d.actual, cell: d.cell }));
      expect(diffs.sort(byField)).toEqual([...e.stated.differences].sort(byField));
      const stale = get().result.findings.filter((f) => f.code === 'summary.stale' && f.sheet === e.sheet);
      for (const d of e.stated.differences) expect(stale.find((x) => x.cell === d.cell)?.severity).toBe('error');
    });

    perStream('kind')('%s stream %i (%s): what its table records (progress, ratings, both or neither)', (_t, i) => {
      expect(streamFor(i).kind).toBe(streams[i].kind);
    });

    perStream('counts')('%s stream %i (%s): its counts and ratings', (_t, i) => {
      const w = streamFor(i);
      expect({ counts: w.figures.counts, ratings: w.figures.ratings }).toEqual({ counts: streams[i].counts, ratings: streams[i].ratings });
    });

    perStream('rag')('%s stream %i (%s): overdue, due soon and RAG', (_t, i) => {
      const w = streamFor(i);
      const e = streams[i];
      expect({ overdue: w.figures.overdue, dueSoon: w.figures.dueSoon, rag: w.figures.rag }).toEqual({
        overdue: e.overdue,
        dueSoon: e.due_soon,
        rag: e.rag,
      });
    });

    perItem(
      streams.flatMap((s, i) =>
        s.status_cells.map((sc: any) => [tag('status_cells', s.sheet, s.title, sc.cell), i, s.title, sc.cell] as const),
      ),
    )('%s stream %i (%s): status cell %s is read and reported as DESIGN.md says', (_t, i, _title, cell) => {
      const e = streams[i];
      const sc = e.status_cells.find((x: any) => x.cell === cell);
      const w = streamFor(i);
      const here = get().result.findings.filter((f) => f.sheet === e.sheet && f.cell === cell);
      // A percentage complete gives progress (DESIGN.md): an empty one is a missing status, as in readers-corpus.test.ts.
      const prefix = sc.dimension === 'rating' || sc.dimension === 'colour' ? 'rating' : 'status';
      const want: string[] = [];
      if (sc.how === 'near-miss') want.push(`${prefix}.near-miss`);
      else if (sc.how === 'unrecognised') want.push(`${prefix}.unrecognised`);
      // An empty rating beside a progress status is no fault (DESIGN.md, "both").
      else if (sc.how === 'empty' && !(sc.dimension !== 'progress' && (e.kind === 'both' || 'status' in e.columns)))
        want.push(`${prefix}.missing`);
      else if (sc.how === 'colour') want.push('rating.colour');
      if (sc.warning) want.push(sc.warning);
      const codes = here
        .filter((f) => /\.(near-miss|unrecognised|missing|colour)$/.test(f.code) || f.code === sc.warning)
        .map((f) => f.code);
      expect({ cell, codes: [...new Set(codes)].sort() }).toEqual({ cell, codes: [...new Set(want)].sort() });
      const action = w.actions.find((a) => a.row === rowOf(cell));
      // A percentage beside a status is a check on it; the status is what counts.
      if (sc.dimension === 'percent' && 'status' in e.columns) return;
      const word = sc.dimension === 'rating' || sc.dimension === 'colour' ? action?.rating?.word : action?.progress?.word;
      expect({ cell, word }).toEqual({ cell, word: sc.word });
    });

    test(`${judgements.some((j) => j.field === 'unread') ? '[judgement]' : '[rule]'} every block that looks like a table but is no tracker is reported once as unread, and never counted`, () => {
      const { result } = get();
      const unread = result.findings
        .filter((f) => f.code === 'table.unread')
        .map(
          (f) =>
            `${f.sheet}!${result.tables.find((t) => t.state === 'unread' && t.sheet === f.sheet && t.range.split(':')[0] === f.cell)?.range}`,
        );
      expect(unread.sort()).toEqual(exp.unread.map((u: any) => `${u.sheet}!${u.range}`).sort());
      for (const u of exp.unread) {
        const a = parseArea(u.range)!;
        expect(result.workstreams.filter((w) => w.sheet === u.sheet && crosses(w.area, a)).map((w) => w.title)).toEqual([]);
      }
    });

    test(`${judgements.some((j) => j.field === 'legends') ? '[judgement]' : '[rule]'} keys and legends are recognised, never counted and never reported as unread`, () => {
      const { result } = get();
      const legends = result.tables.filter((t) => t.state === 'legend').map((t) => `${t.sheet}!${t.range}`);
      expect(legends.sort()).toEqual(exp.legends.map((l: any) => `${l.sheet}!${l.range}`).sort());
      for (const l of exp.legends) {
        const a = parseArea(l.range)!;
        expect(result.workstreams.filter((w) => w.sheet === l.sheet && crosses(w.area, a)).map((w) => w.title)).toEqual([]);
        expect(result.findings.filter((f) => f.code === 'table.unread' && f.sheet === l.sheet && crosses(parseArea(f.cell)!, a))).toEqual(
          [],
        );
      }
    });

    test('[rule] overall counts add up to every action', () => {
      const { counts: c } = get().result.overall;
      expect(c).toEqual(exp.overall.counts);
    });

    test('[rule] the report validates against its schema, and lists every table read with its evidence', () => {
      const { report, result } = get();
      expect(() => ReportSchema.parse(report)).not.toThrow();
      expect(result.tables.filter((t) => t.state === 'read').flatMap((t) => t.workstreams.map((w) => w.title))).toEqual(
        result.workstreams.map((w) => w.title),
      );
    });
  });
});
