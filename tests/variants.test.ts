import * as fs from 'node:fs';
import * as path from 'node:path';
import { a1 } from '../src/core/grid';
import type { Workstream } from '../src/core/model';
import { ReportSchema } from '../src/core/report';
import { judgedIn } from './support/judged';

// Trackers laid out the many ways real ones are (scripts/make-variant-trackers.py):
// header words, tables that start in column B or C, summary blocks written across or
// down the page, right or stale, statuses and ratings spelt every which way, every
// form of target date. Each workbook and its LibreOffice-saved copy must give the
// answers the generator worked out from the cells it wrote.

const DIR = path.join(__dirname, 'fixtures', 'variants');
const expected = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8'));
const NOW = new Date('2025-10-01T09:00:00Z');
const FILES = Object.keys(expected.files);

const run = judgedIn(DIR, { asOf: expected.as_of, now: NOW });

const byField = (a: { field: string }, b: { field: string }) => a.field.localeCompare(b.field);

describe.each(['', 'lo/'])('variant trackers %s', (dir) => {
  describe.each(FILES)('%s', (file) => {
    const exp = expected.files[file];
    const streams: any[] = exp.workstreams;
    const get = () => run(dir + file);
    const streamAt = (i: number): Workstream => get().result.workstreams[i];

    test('finds every work stream, in workbook order, titled as DESIGN.md says', () => {
      const got = get().result.workstreams.map((w) => ({ title: w.title, sheet: w.sheet }));
      expect(got).toEqual(streams.map((s) => ({ title: s.title, sheet: s.sheet })));
      expect(get().date1904).toBe(exp.date1904);
    });

    test.each(streams.map((s, i) => [i, s.title] as const))('stream %i (%s): rows, numbers and counts', (i) => {
      const e = streams[i];
      const w = streamAt(i);
      expect(w.headerRow + 1).toBe(e.header_row);
      expect(w.actions.map((a) => a.row + 1)).toEqual(e.action_rows);
      expect(w.actions.map((a) => a.id)).toEqual(e.ids);
      expect(w.kind).toBe(e.kind);
      expect(w.figures.counts).toEqual(e.counts);
      expect(w.figures.ratings).toEqual(e.ratings);
      expect({ overdue: w.figures.overdue, dueSoon: w.figures.dueSoon, rag: w.figures.rag }).toEqual({
        overdue: e.overdue,
        dueSoon: e.due_soon,
        rag: e.rag,
      });
    });

    test.each(streams.map((s, i) => [i, s.title] as const))('stream %i (%s): the hand-typed summary', (i) => {
      const e = streams[i];
      const rw = get().report.workstreams[i];
      if (e.stated === null) {
        expect(rw.stated).toBeNull();
        return;
      }
      expect(rw.stated).not.toBeNull();
      const s = rw.stated!;
      expect(s.range).toBe(e.stated.range);
      expect(s.covers).toEqual(e.stated.covers);
      expect(s.matches).toBe(e.stated.matches);
      const diffs = s.differences.map((d) => ({ field: d.field, stated: d.stated, actual: d.actual, cell: d.cell }));
      expect(diffs.sort(byField)).toEqual([...e.stated.differences].sort(byField));
      // every difference is reported as an error naming its cell, with both numbers
      const stale = get().result.findings.filter((f) => f.code === 'summary.stale' && f.sheet === e.sheet);
      for (const d of e.stated.differences) {
        const f = stale.find((x) => x.cell === d.cell);
        expect(f).toBeDefined();
        expect(f!.severity).toBe('error');
      }
    });

    test.each(streams.map((s, i) => [i, s.title] as const))('stream %i (%s): target dates', (i) => {
      const e = streams[i];
      const w = streamAt(i);
      const col = w.columns.target;
      for (const t of e.targets) {
        const action = w.actions.find((a) => col !== undefined && a1(a.row, col) === t.cell);
        expect(action).toBeDefined();
        const reading = action!.target!;
        expect({
          cell: t.cell,
          parts: reading.parts.map((p) => ({ kind: p.kind, end: p.end ?? null })),
          final: reading.final,
        }).toEqual({ cell: t.cell, parts: t.parts, final: t.final });
      }
    });

    test.each(streams.map((s, i) => [i, s.title] as const))('stream %i (%s): each status cell is reported as DESIGN.md says', (i) => {
      const e = streams[i];
      const findings = get().result.findings.filter((f) => f.sheet === e.sheet);
      for (const sc of e.status_cells) {
        const prefix = sc.dimension === 'rating' ? 'rating' : 'status';
        let want: string[] = [];
        if (sc.how === 'near-miss') want = [`${prefix}.near-miss`];
        else if (sc.how === 'unrecognised') want = [`${prefix}.unrecognised`];
        // An empty rating beside a progress status is no fault (DESIGN.md, "both").
        else if (sc.how === 'empty' && !(sc.dimension === 'rating' && e.kind === 'both')) want = [`${prefix}.missing`];
        const got = findings.filter((f) => f.cell === sc.cell && /\.(near-miss|unrecognised|missing)$/.test(f.code)).map((f) => f.code);
        expect({ cell: sc.cell, raw: sc.raw, codes: got }).toEqual({ cell: sc.cell, raw: sc.raw, codes: want });
        const w = streamAt(i).actions.find((a) => sc.cell.endsWith(String(a.row + 1)) && /^[A-Z]+\d+$/.test(sc.cell));
        const reading = sc.dimension === 'rating' ? w?.rating?.word : w?.progress?.word;
        expect({ cell: sc.cell, word: reading }).toEqual({ cell: sc.cell, word: sc.word });
      }
    });

    test('overall counts add up to every action', () => {
      const { counts: c, ratings: r } = get().result.overall;
      expect(c).toEqual(exp.overall.counts);
      const progress = c.completed + c.inProgress + c.static + c.notStarted + c.withdrawn + c.unrecognised + c.noStatus;
      const rated = r.blue + r.green + r.amberGreen + r.amber + r.amberRed + r.red + r.unrated;
      // A workbook of RAG registers records ratings only; those add up instead.
      expect(streams.every((s) => s.kind === 'ratings') ? rated : progress).toBe(c.total);
    });

    test('the report validates against its schema', () => {
      expect(() => ReportSchema.parse(get().report)).not.toThrow();
    });
  });
});
