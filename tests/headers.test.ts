import { createHeaderMatcher, progressHeaderDateText } from '../src/core/headers';
import type { Role } from '../src/core/vocabulary/headers';
import { cpuMsSince, cpuNow } from './support/cpu-time';

// Header cells are matched by meaning (DESIGN.md, "Tracker shapes" and its header
// table), on the header rows the fixtures in tests/fixtures use.

const match = createHeaderMatcher({});
const roleOf = (text: string | number | boolean | null) => match(text)?.role ?? null;

/** Ways the same header is typed: case, padding, a wrapped cell, a closing colon. */
function variants(h: string): string[] {
  return [h, h.toUpperCase(), h.toLowerCase(), `  ${h} `, `${h}:`, h.replace(/ /g, '  '), h.replace(/ /g, '\n'), `${h}\u00a0`];
}

const SYNONYMS: Record<Role, string[]> = {
  id: ['No', 'No.', 'Ref', 'Ref.', '#', 'ID', 'Number', 'Action No', 'Action No.', 'Action number', 'Rec No', 'Item'],
  action: ['Action', 'Actions', 'Description', 'Requirement', 'Task', 'Objective', 'Measure', 'Recommendation', 'What we will do'],
  progress: ['Progress', 'Update', 'Progress update', 'Commentary', 'Comments', 'Achievements to date', 'Achievements', 'Progress to date'],
  status: ['Status', 'Progress status', 'RAG', 'RAG status', 'RAG rating', 'Rating', 'Current status', 'Done? (Y/N)'],
  percent: ['% complete', 'Percentage complete', 'Progress %', 'Progress (%)', '% done', 'Complete %', '%', 'Percent complete'],
  target: [
    'Target date',
    'Target',
    'Due',
    'Due date',
    'Deadline',
    'Timescale',
    'Timescales',
    'By when',
    'Completion date',
    'Date',
    'Target completion date',
  ],
  owner: ['Delivery lead', 'Lead', 'Lead officer', 'Owner', 'Responsible officer', 'Responsible', 'Action owner', 'Accountable officer'],
  milestones: ['Progress milestones', 'Milestones', 'Key milestones'],
};

describe('every header in the synonym table', () => {
  const cases = (Object.entries(SYNONYMS) as [Role, string[]][]).flatMap(([role, hs]) => hs.map((h) => [h, role] as const));
  test.each(cases)('%s is the %s column, however it is typed', (header, role) => {
    for (const v of variants(header)) {
      expect(match(v)).toEqual({ role, confidence: 'exact' });
    }
  });
});

describe('progress headers with a date', () => {
  test.each([
    'Progress at 30 June 2025',
    'Progress at 30th June 2025',
    'Progress as at 30 June 2025',
    'Progress as of 30/06/2025',
    'PROGRESS AT 28 SEPTEMBER 2025',
    'Progress at\n30 June 2025',
    'Progress as at: 30 June 2025',
    'Progress update as at 30 June 2025',
    'Progress (as at 30 June 2025)',
    'Update at 30 June 2025',
  ])('%p is the progress column', (header) => {
    expect(match(header)).toEqual({ role: 'progress', confidence: 'prefix' });
  });

  test('a progress header dated by quarter or month is still the progress column', () => {
    expect(roleOf('Progress Q1 2025/26')).toBe('progress');
    expect(roleOf('Progress June 2025')).toBe('progress');
  });

  test.each<[string, string]>([
    ['Progress at 30 June 2025', '30 June 2025'],
    ['Progress at 30th June 2025', '30th June 2025'],
    ['Progress as at 30 June 2025', '30 June 2025'],
    ['Progress as of 30/06/2025', '30/06/2025'],
    ['Progress as at: 30 June 2025.', '30 June 2025'],
    ['Progress at\n30 June  2025 ', '30 June 2025'],
    ['Progress (as at 30 June 2025)', '30 June 2025'],
    ['Progress at 30 June 2025 (Q1)', '30 June 2025'],
    ['Progress update as at 28 September 2025', '28 September 2025'],
    ['Progress to 31/03/2025', '31/03/2025'],
  ])('%p gives the reporting date text %p', (header, date) => {
    expect(progressHeaderDateText(header)).toBe(date);
  });

  test('headers without a date give no reporting date', () => {
    for (const h of [
      'Progress',
      'Progress to date',
      'Progress to target',
      'Progress milestones',
      'Status',
      'Progress Q1 2025/26',
      'Progress attained',
    ]) {
      expect(progressHeaderDateText(h)).toBeNull();
    }
  });

  test('"Progress to date" is the progress column, matched exactly', () => {
    expect(match('Progress to date')).toEqual({ role: 'progress', confidence: 'exact' });
  });
});

describe('headers with a note in brackets', () => {
  test.each<[string, Role]>([
    ['Timescale (by when)', 'target'],
    ['Status (RAG)', 'status'],
    ['Target date (dd/mm/yyyy)', 'target'],
    ['Delivery lead (name)', 'owner'],
    ['Status\n(Completed / In progress / Static)', 'status'],
  ])('%p is the %s column', (header, role) => {
    expect(match(header)).toEqual({ role, confidence: 'prefix' });
  });

  test('an unknown word before the bracket is still unknown', () => {
    expect(match('Areas for development (see note)')).toBeNull();
  });
});

describe('headers with guidance after a dash', () => {
  test.each<[string, Role]>([
    ['Status - select from the drop-down list. Use Completed only when the evidence is on file', 'status'],
    ['Target date – no later than March 2026', 'target'],
  ])('%p is the %s column', (header, role) => {
    expect(match(header)?.role).toBe(role);
  });

  test('an unknown word before the dash is still unknown', () => {
    expect(match('Areas for development – see the report')).toBeNull();
  });
});

describe('the fixture header rows', () => {
  const rowRoles = (row: string[]) => row.map(roleOf);

  test('workstreams.xlsx: No | Action | Progress at 30 June 2025 | Status', () => {
    expect(rowRoles(['No', 'Action', 'Progress at 30 June 2025', 'Status'])).toEqual(['id', 'action', 'progress', 'status']);
  });

  test('workstreams-messy.xlsx block 2b: Progress at 30th June 2025', () => {
    expect(rowRoles(['No', 'Action', 'Progress at 30th June 2025', 'Status'])).toEqual(['id', 'action', 'progress', 'status']);
    expect(progressHeaderDateText('Progress at 30th June 2025')).toBe('30th June 2025');
  });

  test('rag-review.xlsx: Areas for development and Section are not roles', () => {
    expect(rowRoles(['Section', 'No', 'Requirement', 'Status', 'Achievements', 'Areas for development', 'Timescale'])).toEqual([
      null,
      'id',
      'action',
      'status',
      'progress',
      null,
      'target',
    ]);
  });

  test('a sibling RAG register calling its fourth column "Achievements to date" reads the same', () => {
    expect(roleOf('Achievements to date')).toBe('progress');
  });

  test('milestones.xlsx: Progress milestones is the milestones column, not progress', () => {
    expect(rowRoles(['Action', 'Description', 'Progress milestones', 'Target date', 'Delivery lead', 'Status'])).toEqual([
      'action',
      'action',
      'milestones',
      'target',
      'owner',
      'status',
    ]);
  });
});

describe('what is not a header', () => {
  test('non-text cells are never headers', () => {
    for (const v of [null, 1, 2.3, true, false]) expect(match(v)).toBeNull();
  });

  test('blank text is not a header', () => {
    expect(match('')).toBeNull();
    expect(match('   ')).toBeNull();
  });

  test('action and progress text is not mistaken for a header', () => {
    expect(match('Review caseloads quarterly at the weekly allocation meeting')).toBeNull();
    expect(match('Work stream 2: Improving triage')).toBeNull();
    expect(match('Appendix B')).toBeNull();
    expect(match('Progress has been made on all fronts and the new procedure is in place across every team. '.repeat(30))).toBeNull();
  });

  test('a word that only starts like a header is not one', () => {
    expect(match('Statuses of other plans')).toBeNull();
    expect(match('Owners group')).toBeNull();
    expect(match('Progress attained')).toBeNull();
  });
});

describe('header synonyms from settings', () => {
  test('are matched however they are typed', () => {
    const m = createHeaderMatcher({ owner: ['Head of Service'], target: ['When?'], id: ['Ref no.'] });
    expect(m('HEAD OF SERVICE')).toEqual({ role: 'owner', confidence: 'exact' });
    expect(m('head  of\nservice:')).toEqual({ role: 'owner', confidence: 'exact' });
    expect(m('When')).toEqual({ role: 'target', confidence: 'exact' });
    expect(m('Ref No')).toEqual({ role: 'id', confidence: 'exact' });
  });

  test('can give a built-in header another meaning', () => {
    const m = createHeaderMatcher({ owner: ['Update'] });
    expect(m('Update')?.role).toBe('owner');
    expect(match('Update')?.role).toBe('progress');
  });

  test('still match with a bracketed note', () => {
    const m = createHeaderMatcher({ owner: ['Head of Service'] });
    expect(m('Head of Service (HoS)')).toEqual({ role: 'owner', confidence: 'prefix' });
  });

  test('empty entries are ignored', () => {
    const m = createHeaderMatcher({ status: ['', '   '] });
    expect(m('')).toBeNull();
    expect(m('Status')?.role).toBe('status');
  });
});

describe('hyphenated headers', () => {
  test('Target-date and RAG-status read like their spaced forms', () => {
    expect(roleOf('Target-date')).toBe('target');
    expect(roleOf('RAG - status')).toBe('status');
  });
});

describe('matching at scale', () => {
  test('100,000 cells of mixed text are judged quickly', () => {
    const cells = [
      'No',
      'Action',
      'Progress at 30 June 2025',
      'Status',
      'Meeting held with partners on 3 April',
      'Completed',
      'Timescale (by when)',
    ];
    const m = createHeaderMatcher({});
    const t = cpuNow();
    let hits = 0;
    for (let i = 0; i < 100_000; i++) if (m(cells[i % cells.length] + (i % 2 ? '' : ' '))) hits++;
    expect(hits).toBeGreaterThan(0);
    expect(cpuMsSince(t)).toBeLessThan(2000);
  });
});
