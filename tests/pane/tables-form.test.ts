import type { TableOverride } from '../../src/core/table-evidence';
import {
  changed,
  chooseRole,
  forget,
  isIgnored,
  roleChoice,
  setIgnored,
  setTitle,
  tablesForm,
  titleOf,
} from '../../src/taskpane/tables/tables-form';
import { SAMPLE_TABLES } from './result-fixture';

// Where each table's and work stream's corrections are kept, and how the panel
// changes them.

describe('the tables panel’s corrections', () => {
  test('a table with no correction gets one under its own range; a work stream under its own', () => {
    const form = tablesForm(SAMPLE_TABLES, []);
    expect(form.rows.map((r) => r.target)).toEqual([
      { sheet: 'Progress', range: 'A6:E21' },
      { sheet: 'Progress', range: 'H5:L17' },
      { sheet: 'Budget', range: 'A1:D9' },
    ]);
    expect(form.rows[0].workstreams.map((w) => w.target.range)).toEqual(['A6:D13', 'A14:D21']);
    expect(form.orphans).toEqual([]);
  });

  test('a correction saved before the table grew stays where it was saved, and editing changes it rather than adding another', () => {
    const saved: TableOverride[] = [{ sheet: 'Progress', range: 'H5:L12', roles: { K: 'target' } }];
    const form = tablesForm(SAMPLE_TABLES, saved);
    const right = form.rows[1].target;
    expect(right).toEqual({ sheet: 'Progress', range: 'H5:L12' });
    expect(roleChoice(saved, right, 'K')).toBe('target');
    const next = chooseRole(saved, right, 'J', 'original-target');
    expect(next).toEqual([{ sheet: 'Progress', range: 'H5:L12', roles: { K: 'target', J: 'original-target' } }]);
    // The table to its left is untouched by it: side-by-side tables stay apart.
    expect(roleChoice(next, form.rows[0].target, 'K')).toBe('');
  });

  test('a title correction is found by its work stream, a role correction by its table', () => {
    const saved: TableOverride[] = [
      { sheet: 'Progress', range: 'A14:D21', title: 'Triage' },
      { sheet: 'Progress', range: 'A6:E21', roles: { E: 'none' } },
    ];
    const form = tablesForm(SAMPLE_TABLES, saved);
    expect(titleOf(saved, form.rows[0].workstreams[1].target)).toBe('Triage');
    expect(titleOf(saved, form.rows[0].workstreams[0].target)).toBe('');
    expect(roleChoice(saved, form.rows[0].target, 'E')).toBe('none');
    expect(form.orphans).toEqual([]);
  });

  test('a correction whose table has gone is an orphan the officer can forget', () => {
    const gone: TableOverride = { sheet: 'Old plan', range: 'A1:F30', ignore: true };
    const form = tablesForm(SAMPLE_TABLES, [gone]);
    expect(form.orphans).toEqual([gone]);
    expect(forget([gone], gone)).toEqual([]);
  });

  test('ignoring, titling and taking back: the list says nothing once every change is undone', () => {
    const form = tablesForm(SAMPLE_TABLES, []);
    const budget = form.rows[2].target;
    const ws = form.rows[0].workstreams[0].target;
    let edited = setIgnored([], budget, true);
    edited = setTitle(edited, ws, 'Front door');
    expect(isIgnored(edited, budget)).toBe(true);
    expect(changed([], edited)).toBe(true);
    edited = setTitle(setIgnored(edited, budget, false), ws, '');
    expect(edited).toEqual([]);
    expect(changed([], edited)).toBe(false);
  });

  test('the same corrections in another order are no change', () => {
    const a: TableOverride = { sheet: 'S', range: 'A1:B2', roles: { A: 'id', B: 'action' } };
    const b: TableOverride = { sheet: 'S', range: 'C1:D2', ignore: true };
    expect(changed([a, b], [b, { ...a, roles: { B: 'action', A: 'id' } }])).toBe(false);
    expect(changed([a, b], [b])).toBe(true);
  });
});
