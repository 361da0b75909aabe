import * as fs from 'node:fs';
import * as path from 'node:path';
import { recalculate } from '../src/core/engine';
import { parseArea } from '../src/core/grid';
import { parseSettings } from '../src/core/settings';
import { type TableOverride, TableEvidenceSchema } from '../src/core/table-evidence';
import { matchOverrides, withIgnored, withRole, withTitle } from '../src/core/table-overrides';
import { readXlsx } from '../src/workbook/xlsx/read';

// The officer's corrections of how a table was read (settings `tables`), and the
// evidence each table keeps for the pane to show.

const FIX = path.join(__dirname, 'fixtures');
const NOW = new Date('2025-09-30T12:00:00Z');

function evidence(rel: string) {
  const { grid } = readXlsx(new Uint8Array(fs.readFileSync(path.join(FIX, rel))), path.basename(rel));
  return recalculate(grid, { asOf: '2025-09-30', now: NOW }).result;
}

describe('evidence of each table read', () => {
  test.each(['workstreams.xlsx', 'rag-review.xlsx', 'milestones.xlsx', 'workstreams-messy.xlsx'])(
    'every table of %s is listed with its range, header row and column roles, in the evidence schema',
    (file) => {
      const result = evidence(file);
      expect(result.tables.length).toBeGreaterThan(0);
      for (const t of result.tables) expect(TableEvidenceSchema.safeParse(t).error).toBeUndefined();
      // Every work stream counted comes from a table listed, on its sheet and inside its range.
      const listed = result.tables.flatMap((t) => t.workstreams.map((w) => ({ ...w, sheet: t.sheet, table: parseArea(t.range)! })));
      expect(listed.map((w) => w.title)).toEqual(result.workstreams.map((w) => w.title));
      for (const w of listed) {
        const a = parseArea(w.range)!;
        expect(a.r1 >= w.table.r1 && a.r2 <= w.table.r2 && a.c1 >= w.table.c1 && a.c2 <= w.table.c2).toBe(true);
      }
    },
  );

  test('a table of work-stream blocks shows its title row above the header, its status column decided by its values, and its summary block', () => {
    const first = evidence('workstreams.xlsx').tables[0];
    expect(first.headerRows).toEqual([6]);
    expect(first.columns.map((c) => [c.column, c.role])).toEqual([
      ['A', 'id'],
      ['B', 'action'],
      ['C', 'progress'],
      ['D', 'status'],
    ]);
    expect(first.columns[3]).toMatchObject({ header: 'Status', source: 'values' });
    expect(first.rows).toEqual([
      { row: 4, kind: 'title', reason: 'title-above', text: 'Work stream 1: Front door, advice and information' },
      { row: 15, kind: 'summary', reason: 'summary-labels', text: 'Completed' },
    ]);
  });
});

describe('table overrides in the settings', () => {
  const good: TableOverride = { sheet: 'Progress', range: 'A6:E17', roles: { D: 'status', E: 'none' } };

  test('overrides are kept as typed, and a damaged one is dropped with a problem naming it while the others still apply', () => {
    const parsed = parseSettings({
      tables: [good, { sheet: 'Progress', range: 'not a range', ignore: true }, { sheet: 'Tracker', range: 'B2:F9', title: '  Triage  ' }],
    });
    expect(parsed.settings.tables).toEqual([good, { sheet: 'Tracker', range: 'B2:F9', title: 'Triage' }]);
    expect(parsed.problems).toEqual([
      { path: 'tables.1.range', message: 'expected a range such as A4:G17; this table override is not used' },
    ]);
  });

  test.each([
    [{ sheet: 'Progress', range: 'A6:E17' }, 'tables.0'],
    [{ sheet: 'Progress', range: 'A6:E17', roles: { d: 'status' } }, 'tables.0.roles.d'],
    [{ sheet: 'Progress', range: 'A6:E17', roles: { D: 'deadline' } }, 'tables.0.roles.D'],
    [{ sheet: '', range: 'A6:E17', ignore: true }, 'tables.0.sheet'],
    [{ sheet: 'Progress', range: 'A6:E17', title: '   ' }, 'tables.0.title'],
  ])('an override that says nothing usable (%p) is reported at %s', (override, where) => {
    const parsed = parseSettings({ tables: [override] });
    expect(parsed.settings.tables).toEqual([]);
    expect(parsed.problems.map((p) => p.path)).toContain(where);
  });

  test('a list of overrides that is not a list gives the default and a problem', () => {
    const parsed = parseSettings({ tables: { sheet: 'Progress' } });
    expect(parsed.settings.tables).toEqual([]);
    expect(parsed.problems).toHaveLength(1);
  });
});

describe('which table an override is about', () => {
  const tables = [
    { sheet: 'Progress', area: parseArea('A6:E17')! },
    { sheet: 'Progress', area: parseArea('A22:D28')! },
    { sheet: 'Progress', area: parseArea('H6:L17')! },
    { sheet: 'Other', area: parseArea('A6:E17')! },
  ];
  const at = (sheet: string, range: string): TableOverride => ({ sheet, range, ignore: true });

  test('a table that grew by rows since the override was saved keeps it', () => {
    expect(matchOverrides([at('Progress', 'A6:E15')], tables)).toEqual([0]);
  });

  test('the table sharing the most cells wins, on the sheet named without regard to case', () => {
    expect(matchOverrides([at('progress', 'A16:E24')], tables)).toEqual([1]);
    expect(matchOverrides([at('OTHER', 'A6:E17')], tables)).toEqual([3]);
  });

  test('side-by-side tables stay apart, and an override of a table that has gone matches nothing', () => {
    expect(matchOverrides([at('Progress', 'H6:L17'), at('Progress', 'N1:P4'), at('Gone', 'A6:E17')], tables)).toEqual([2, -1, -1]);
  });
});

describe('changing overrides from the pane', () => {
  const table = { sheet: 'Progress', range: 'A6:E17' };

  test('giving a column a role adds an override, and taking the change back leaves the settings as they were', () => {
    const before: TableOverride[] = [{ sheet: 'Tracker', range: 'B2:F9', ignore: true }];
    const after = withRole(before, table, 'E', 'target');
    expect(after).toEqual([before[0], { sheet: 'Progress', range: 'A6:E17', roles: { E: 'target' } }]);
    expect(withRole(after, table, 'E', null)).toEqual(before);
    expect(before).toHaveLength(1);
  });

  test('a role moves from the column that had it to the column given it', () => {
    const once = withRole([], table, 'D', 'target');
    expect(withRole(once, table, 'E', 'target')).toEqual([{ ...table, roles: { E: 'target' } }]);
    // `none` is not a role one column holds: several columns can be left unread.
    const none = withRole(withRole([], table, 'D', 'none'), table, 'E', 'none');
    expect(none).toEqual([{ ...table, roles: { D: 'none', E: 'none' } }]);
  });

  test('ignoring a table keeps its other corrections, and reading it again stores no false', () => {
    const roles = withRole([], table, 'E', 'owner');
    const ignored = withIgnored(roles, table, true);
    expect(ignored).toEqual([{ ...table, roles: { E: 'owner' }, ignore: true }]);
    expect(withIgnored(ignored, table, false)).toEqual(roles);
  });

  test('a title is trimmed, and an empty one lets detection name the work stream again', () => {
    const ws = { sheet: 'Progress', range: 'A6:D13' };
    const titled = withTitle([], ws, '  Front door  ');
    expect(titled).toEqual([{ ...ws, title: 'Front door' }]);
    expect(withTitle(titled, ws, ' ')).toEqual([]);
  });
});
