import { recalculate } from '../src/core/engine';
import type { WorkbookGrid } from '../src/core/grid';
import { PlanSchema } from '../src/core/plan-schema';
import { DEFAULT_SETTINGS, parseSettings } from '../src/core/settings';
import { SHEET_NAME_RULES, cleanSheetName, sheetNameProblem } from '../src/core/sheet-names';

// Excel's rules for a sheet name, written once: the settings refuse a name that
// breaks them, the plan never makes one, and the pane explains them.

const NOW = new Date('2025-09-30T12:00:00Z');

function tracker(settings?: unknown): WorkbookGrid {
  return {
    name: 'test.xlsx',
    sheets: [
      {
        name: 'WS',
        rows: [
          ['No', 'Action', 'Status'],
          [1, 'a', 'Completed'],
        ],
        merges: [],
        tables: [],
      },
    ],
    date1904: false,
    settings,
  };
}

describe('the sheet-name rule', () => {
  test.each<[string, keyof typeof SHEET_NAME_RULES]>([
    ['', 'empty'],
    ['x'.repeat(32), 'long'],
    ['Q1/Q2 summary', 'character'],
    ['[Draft]', 'character'],
    ['a:b', 'character'],
    ['Why?', 'character'],
    ['Back\\slash', 'character'],
    ['*', 'character'],
    ["'Quoted", 'quote'],
    ["Quoted'", 'quote'],
    ['History', 'reserved'],
    ['HISTORY', 'reserved'],
    [' history ', 'reserved'],
  ])('%p breaks the %s rule', (name, rule) => {
    expect(sheetNameProblem(name)).toBe(rule);
  });

  test.each(['RAG Summary', 'x'.repeat(31), "It's ours", 'RAG History', 'History 2025'])('%p is a name Excel accepts', (name) => {
    expect(sheetNameProblem(name)).toBeNull();
  });
});

describe('a setting naming a Ragbook sheet', () => {
  test('History is a settings problem: the default is used and the finding says why', () => {
    const parsed = parseSettings({ sheetNames: { ...DEFAULT_SETTINGS.sheetNames, history: 'History' } });
    expect(parsed.settings.sheetNames).toEqual(DEFAULT_SETTINGS.sheetNames);
    expect(parsed.problems).toEqual([{ path: 'sheetNames.history', message: "Excel reserves the name 'History'; the default is used" }]);

    const { result, plan } = recalculate(tracker({ sheetNames: { summary: 'History' } }), { asOf: '2025-09-30', now: NOW });
    expect(plan.sheets.map((s) => s.name)).toEqual(['RAG Summary', 'RAG Actions', 'RAG Issues', 'RAG History']);
    const problem = result.findings.find((f) => f.code === 'settings.invalid')!;
    expect(problem.cell).toBe('sheetNames.summary');
    expect(problem.message).toBe("Setting sheetNames.summary: Excel reserves the name 'History'; the default is used.");
  });

  test('that breaks another rule says which', () => {
    const parsed = parseSettings({ sheetNames: { summary: 'Q1/Q2', issues: '', history: 'x'.repeat(40) } });
    expect(parsed.problems.map((p) => [p.path, p.message])).toEqual([
      ['sheetNames.summary', 'a sheet name may not contain [ ] : * ? / or \\; the default is used'],
      ['sheetNames.issues', 'a sheet name cannot be empty; the default is used'],
      ['sheetNames.history', 'Excel sheet names have at most 31 characters; the default is used'],
    ]);
  });
});

describe('the names the plan writes', () => {
  test('a name made from any text is one Excel accepts, and never History', () => {
    for (const wanted of [
      'History',
      'history',
      "'History'",
      ' History ',
      'His:tory',
      "a'",
      " 'a",
      "''",
      '   ',
      '[]',
      `${'x'.repeat(30)}'y`,
    ]) {
      const name = cleanSheetName(wanted);
      expect({ wanted, problem: sheetNameProblem(name) }).toEqual({ wanted, problem: null });
    }
    expect(cleanSheetName('History')).toBe('Ragbook');
    expect(cleanSheetName('Q1/Q2 summary')).toBe('Q1 Q2 summary');
    expect(cleanSheetName(" 'Board' ")).toBe('Board');
  });

  test("a plan's sheet names are checked by the same rule", () => {
    const { plan } = recalculate(tracker(), { asOf: '2025-09-30', now: NOW });
    expect(PlanSchema.safeParse(plan).success).toBe(true);
    const bad = { ...plan, sheets: plan.sheets.map((s, i) => (i === 2 ? { ...s, name: 'History' } : s)) };
    expect(PlanSchema.safeParse(bad).success).toBe(false);
  });
});
