import type { ActionRow, StatusKind, Workstream } from '../src/core/model';
import { DATE_RULES, PROGRESS_RULES, actionRag, describeRagRules, worse } from '../src/core/rag';
import { DEFAULT_SETTINGS, type RagRules } from '../src/core/settings';
import { figuresFor, overallFigures } from '../src/core/summarize';
import type { ProgressRead } from '../src/core/vocabulary/progress';
import type { RagWord, RatingRead } from '../src/core/vocabulary/ratings';

// The RAG rules of DESIGN.md ("What it computes", "Statuses, ratings and progress"),
// stated once in core/rag.ts, on actions made by hand.

const RULES = DEFAULT_SETTINGS.rag;

interface Made {
  status?: ProgressRead;
  implied?: RagWord;
  raw?: string;
  rating?: RatingRead;
  overdue?: number;
  due?: string | null;
}

function action(m: Made, row = 0): ActionRow {
  const due = m.due === undefined ? '2025-12-31' : m.due;
  return {
    row,
    id: String(row + 1),
    text: 'An action',
    progress: m.status
      ? { word: m.status, how: 'exact', raw: m.raw ?? m.status, implied: m.implied ?? (m.status === 'Completed' ? 'Blue' : null) }
      : null,
    rating: m.rating ? { word: m.rating, how: 'exact', raw: m.rating } : null,
    percent: null,
    target: due
      ? { raw: due, parts: [{ text: due, kind: 'date-text', start: due, end: due, rule: '' }], final: due, state: 'dated' }
      : null,
    targetCell: due ? 'E' + (row + 1) : null,
    owner: null,
    overdueDays: m.overdue ?? null,
    dueSoon: false,
  };
}

const actions = (...made: Made[]) => made.map((m, i) => action(m, i));
const rag = (kind: StatusKind, made: Made[], rules: RagRules = RULES) => figuresFor(actions(...made), kind, rules);

describe('a work stream that records progress', () => {
  test('with no actions, or only withdrawn ones, is Not rated and has no percentages', () => {
    for (const f of [rag('progress', []), rag('progress', [{ status: 'Withdrawn' }, { status: 'Withdrawn' }])]) {
      expect(f.rag).toBe('Not rated');
      expect(f.percent).toEqual({ completed: null, inProgress: null, static: null, notStarted: null });
    }
    expect(rag('progress', [{ status: 'Withdrawn' }]).ragReason).toMatch(/withdrawn/);
  });

  test('is Blue when every action that still counts is Completed', () => {
    const f = rag('progress', [{ status: 'Completed' }, { status: 'Withdrawn' }]);
    expect(f.rag).toBe('Blue');
    expect(f.counts).toMatchObject({ completed: 1, withdrawn: 1, total: 2 });
    expect(f.percent.completed).toBe(1);
  });

  test('shares are of the actions that still count, total less withdrawn', () => {
    const f = rag('progress', [{ status: 'Completed' }, { status: 'In progress' }, { status: 'Not started' }, { status: 'Withdrawn' }]);
    expect(f.percent).toEqual({ completed: 1 / 3, inProgress: 1 / 3, static: 0, notStarted: 1 / 3 });
  });

  test('a withdrawn action does not count towards the Static share', () => {
    // 1 Static of 4 still counting is a quarter: Red; of 5 with a Withdrawn it would still be 1 of 4.
    expect(rag('progress', [{ status: 'Static' }, ...Array(3).fill({ status: 'In progress' }), { status: 'Withdrawn' }]).rag).toBe('Red');
    expect(rag('progress', [{ status: 'Static' }, ...Array(4).fill({ status: 'In progress' }), { status: 'Withdrawn' }]).rag).toBe('Amber');
  });

  test('is never better than the worst rating a status implies', () => {
    const green = { status: 'In progress' as const, implied: 'Green' as const, raw: 'On track' };
    expect(rag('progress', [green, { status: 'Completed' }]).rag).toBe('Green');
    const atRisk = rag('progress', [green, { status: 'In progress', implied: 'Amber', raw: 'At risk' }]);
    expect(atRisk.rag).toBe('Amber');
    expect(atRisk.ragReason).toContain("'At risk'");
    expect(rag('progress', [green, { status: 'In progress', implied: 'Red', raw: 'Off track' }]).rag).toBe('Red');
    expect(rag('progress', [{ status: 'Static', implied: 'Red', raw: 'Not achieved' }, ...Array(5).fill(green)]).rag).toBe('Red');
  });

  test('an implied rating never makes it better: overdue beyond the threshold stays Red', () => {
    expect(rag('progress', [{ status: 'In progress', implied: 'Green', overdue: 40 }]).rag).toBe('Red');
  });

  test('an overdue action makes it Amber, beyond the red threshold Red', () => {
    expect(rag('progress', [{ status: 'In progress', overdue: 28 }]).rag).toBe('Amber');
    expect(rag('progress', [{ status: 'In progress', overdue: 29 }]).rag).toBe('Red');
  });
});

describe('a work stream that records ratings only', () => {
  test('takes the worst rating given, or the most common where settings say so (a tie goes to the worse)', () => {
    const made: Made[] = [{ rating: 'Green' }, { rating: 'Green' }, { rating: 'Amber' }];
    expect(rag('ratings', made).rag).toBe('Amber');
    expect(rag('ratings', made, { ...RULES, ratingsRule: 'most-common' }).rag).toBe('Green');
    expect(rag('ratings', [{ rating: 'Green' }, { rating: 'Red' }], { ...RULES, ratingsRule: 'most-common' }).rag).toBe('Red');
  });

  test('a rating kinder than the dates is still the RAG (the action is reported instead)', () => {
    expect(rag('ratings', [{ rating: 'Green', overdue: 60 }]).rag).toBe('Green');
  });

  test('with no rating given is judged on its dates, and Not rated without any', () => {
    expect(rag('ratings', [{ rating: 'Unrated', overdue: 60 }]).rag).toBe('Red');
    expect(rag('ratings', [{ rating: 'Unrated', due: null }]).rag).toBe('Not rated');
  });

  test('counts no progress, so has no percentages', () => {
    expect(rag('ratings', [{ rating: 'Green' }]).percent.completed).toBeNull();
  });
});

describe('a work stream that records both', () => {
  test('takes the worse of the RAG from progress and the worst rating given', () => {
    expect(rag('both', [{ status: 'In progress', rating: 'Amber' }]).rag).toBe('Amber');
    expect(rag('both', [{ status: 'In progress', rating: 'Green', overdue: 30 }]).rag).toBe('Red');
    expect(rag('both', [{ status: 'Completed', rating: 'Blue' }]).rag).toBe('Blue');
  });
});

describe('a work stream that records neither', () => {
  test('is judged on target dates alone', () => {
    expect(rag('neither', [{ overdue: 3 }, {}]).rag).toBe('Amber');
    expect(rag('neither', [{ overdue: 40 }]).rag).toBe('Red');
    expect(rag('neither', [{}]).rag).toBe('Green');
    expect(rag('neither', [{}]).ragReason).toMatch(/^No status column/);
  });

  test('is Not rated where no target date can be read', () => {
    const f = rag('neither', [{ due: null }, { due: null }]);
    expect(f.rag).toBe('Not rated');
    expect(f.counts).toMatchObject({ noStatus: 2, total: 2 });
    expect(f.percent.completed).toBeNull();
  });
});

describe('the overall RAG', () => {
  const ws = (kind: StatusKind, made: Made[]): Workstream => ({
    title: kind,
    sheet: 'S',
    titleRow: null,
    area: { r1: 0, c1: 0, r2: 1, c2: 1 },
    headerRow: 0,
    columns: {},
    progressColumn: null,
    ratingColumn: null,
    percentColumn: null,
    kind,
    reportingDate: null,
    actions: actions(...made),
    figures: figuresFor(actions(...made), kind, RULES),
    stated: null,
  });

  test('is the worst over tables of every kind, each judged by its own rules', () => {
    const o = overallFigures([ws('progress', [{ status: 'Completed' }]), ws('ratings', [{ rating: 'Amber' }])], RULES);
    expect(o.rag).toBe('Amber');
    expect(overallFigures([ws('progress', [{ status: 'Completed' }]), ws('neither', [{ due: null }])], RULES).rag).toBe('Blue');
    expect(overallFigures([], RULES).rag).toBe('Not rated');
  });

  test('counts add up to every action, and shares are of the actions whose progress was counted', () => {
    const o = overallFigures(
      [ws('progress', [{ status: 'Completed' }, { status: 'Withdrawn' }]), ws('ratings', [{ rating: 'Green' }])],
      RULES,
    );
    expect(o.counts).toMatchObject({ completed: 1, withdrawn: 1, noStatus: 1, total: 3 });
    expect(o.percent.completed).toBe(1);
  });
});

describe('the rules in words', () => {
  test('the legend states every rule, in the order they apply, with the thresholds in force', () => {
    const legend = describeRagRules({ redOverdueDays: 10, redStaticShare: 0.5, ratingsRule: 'most-common' }, 7);
    expect(legend.progress.map((l) => l.rag)).toEqual(PROGRESS_RULES.map((r) => r.rag));
    expect(legend.progress.map((l) => l.rag)).toEqual(['Not rated', 'Blue', 'Red', 'Red', 'Amber', 'Green']);
    expect(legend.progress[2].text).toContain('10 days');
    expect(legend.progress[3].text).toContain('50%');
    expect(legend.neither.map((l) => l.rag)).toEqual(DATE_RULES.map((r) => r.rag));
    expect(legend.ratings).toMatch(/most actions/);
    expect(legend.both).toMatch(/most common/);
    expect(legend.implied).toMatch(/At risk.*Amber.*Off track.*Red/);
    expect(legend.notes.join(' ')).toContain('7 days');
  });

  test('Not rated gives way to any rating', () => {
    expect(worse('Not rated', 'Green')).toBe('Green');
    expect(worse('Amber', 'Not rated')).toBe('Amber');
    expect(worse('Blue', 'Amber/Green')).toBe('Amber/Green');
  });
});

describe("one action's RAG, to compare with a rating given beside it", () => {
  test('follows the progress rules and the rating its status implies', () => {
    expect(actionRag(action({ status: 'Completed' }), RULES)).toBe('Blue');
    expect(actionRag(action({ status: 'In progress' }), RULES)).toBe('Green');
    expect(actionRag(action({ status: 'In progress', implied: 'Amber' }), RULES)).toBe('Amber');
    expect(actionRag(action({ status: 'Static' }), RULES)).toBe('Amber');
    expect(actionRag(action({ status: 'In progress', overdue: 40 }), RULES)).toBe('Red');
    expect(actionRag(action({ status: 'Withdrawn' }), RULES)).toBeNull();
    expect(actionRag(action({}), RULES)).toBeNull();
  });
});
