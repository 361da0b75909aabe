import type { Finding } from '../../src/core/findings';
import type { EngineResult, Workstream } from '../../src/core/model';
import type { Counts, Figures, Rag } from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/settings';

// An EngineResult built by hand, shaped as model.ts says, so the pane's tests do
// not depend on the engine.

export function figures(counts: Partial<Counts>, rag: Rag, extra: Partial<Figures> = {}): Figures {
  const c: Counts = { completed: 0, inProgress: 0, static: 0, notStarted: 0, unrecognised: 0, noStatus: 0, total: 0, ...counts };
  const share = (n: number) => (c.total ? n / c.total : 0);
  return {
    counts: c,
    ratings: { blue: 0, green: 0, amber: 0, red: 0, amberGreen: 0, amberRed: 0, unrated: c.total },
    percent: { completed: share(c.completed), inProgress: share(c.inProgress), static: share(c.static), notStarted: share(c.notStarted) },
    overdue: 0,
    dueSoon: 0,
    rag,
    ragReason: `${rag} because the test says so.`,
    ...extra,
  };
}

export function workstream(title: string, f: Figures, extra: Partial<Workstream> = {}): Workstream {
  return {
    title,
    sheet: 'Progress',
    titleRow: 3,
    area: { r1: 5, c1: 0, r2: 12, c2: 3 },
    headerRow: 5,
    columns: { id: 0, action: 1, progress: 2, status: 3 },
    progressColumn: 3,
    ratingColumn: null,
    kind: 'progress',
    reportingDate: '2025-06-30',
    actions: [],
    figures: f,
    stated: null,
    ...extra,
  };
}

export const FINDINGS: Finding[] = [
  {
    severity: 'warning',
    code: 'status.near-miss',
    sheet: 'Progress',
    cell: 'D17',
    workstream: 'Work stream 2: Improving triage',
    value: 'In progess',
    message: "Status 'In progess' read as 'In progress'",
    suggestion: 'In progress',
  },
  {
    severity: 'info',
    code: 'status.synonym',
    sheet: 'Progress',
    cell: 'D9',
    workstream: 'Work stream 1: Front door',
    value: 'Done',
    message: "Status 'Done' read as 'Completed'",
    suggestion: null,
  },
  {
    severity: 'error',
    code: 'status.missing',
    sheet: 'Progress',
    cell: 'D23',
    workstream: 'Work stream 2: Improving triage',
    message: 'Action 4 has no status.',
    suggestion: 'Completed, In progress, Static or Not started',
  },
  {
    severity: 'warning',
    code: 'settings.invalid',
    sheet: '(settings)',
    cell: 'dueSoonDays',
    workstream: null,
    message: 'Setting dueSoonDays: expected a number; the default is used.',
  },
];

export function sampleResult(overrides: Partial<EngineResult> = {}): EngineResult {
  const ws1 = workstream('Work stream 1: Front door', figures({ completed: 4, inProgress: 2, static: 1, total: 7 }, 'Amber'));
  const ws2 = workstream(
    'Work stream 2: Improving triage',
    figures({ completed: 8, inProgress: 3, noStatus: 1, total: 12 }, 'Red', { overdue: 2 }),
    {
      stated: { range: 'B22:E24', covers: ['Work stream 2: Improving triage'], matches: false, differences: [] },
    },
  );
  const ws3 = workstream('Work stream 3: All done', figures({ completed: 5, total: 5 }, 'Blue'));
  return {
    source: 'tracker.xlsx',
    asOf: '2025-09-30',
    generatedAt: '2025-09-30T10:04:00.000Z',
    workstreams: [ws1, ws2, ws3],
    tables: [],
    overall: figures({ completed: 17, inProgress: 5, static: 1, noStatus: 1, total: 24 }, 'Red', { overdue: 2 }),
    findings: FINDINGS,
    settings: DEFAULT_SETTINGS,
    settingsProblems: [],
    sheetOrder: ['Progress'],
    ...overrides,
  };
}
