import type { CellValue } from './grid';
import type { Role } from './settings';

// Header cells are matched by meaning, not exact text (DESIGN.md's synonym table),
// and settings can add words of their own. Every text cell of a sheet may be asked
// about while looking for header rows, so the table is built once and a miss must
// be cheap.

export interface HeaderMatch {
  role: Role;
  confidence: 'exact' | 'prefix';
}

const BUILT_IN: Record<Role, string[]> = {
  id: [
    'No',
    'No.',
    'Nos',
    'Ref',
    'Ref.',
    'Reference',
    'Ref no',
    '#',
    'ID',
    'Number',
    'Action No',
    'Action No.',
    'Action number',
    'Action ref',
    'Rec No',
    'Rec number',
    'Recommendation No',
    'Item',
    'Item no',
  ],
  action: [
    'Action',
    'Actions',
    'Description',
    'Action description',
    'Requirement',
    'Requirements',
    'Task',
    'Tasks',
    'Objective',
    'Objectives',
    'Measure',
    'Recommendation',
    'Recommendations',
    'What we will do',
    'Improvement action',
  ],
  progress: [
    'Progress',
    'Update',
    'Progress update',
    'Latest update',
    'Commentary',
    'Comments',
    'Comment',
    'Achievements to date',
    'Achievements',
    'Progress to date',
    'Progress made',
  ],
  status: [
    'Status',
    'Progress status',
    'RAG',
    'RAG status',
    'RAG rating',
    'Rating',
    'Current status',
    'Action status',
    'Overall status',
    'BRAG',
    'BRAG status',
  ],
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
    'Target completion',
    'Timeline',
    'End date',
  ],
  owner: [
    'Delivery lead',
    'Lead',
    'Lead officer',
    'Owner',
    'Responsible officer',
    'Responsible',
    'Action owner',
    'Accountable officer',
    'Lead responsible officer',
    'Responsible person',
    'Who',
    'By whom',
  ],
  milestones: ['Progress milestones', 'Milestones', 'Key milestones', 'Milestone'],
};

/** Header text is never this long; longer cells are action or progress text and need no look-up. */
const MAX_HEADER_LENGTH = 80;

/**
 * Case, spacing, line breaks inside a wrapped header cell, underscores and
 * closing punctuation (`Ref:`, `No.`, `By when?`, `Status*`) never change what a
 * header means. `#` is kept: on its own it is the id column.
 */
export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/_+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/[\s:.?*]+$/, '')
    .trim();
}

// `Progress at 30 June 2025`, `Progress as at: 30/06/2025`, `Progress update (as of
// 30th June 2025)`, `Progress to 30/06/2025`. `Progress to date` and `Progress to
// target` are plain headers: only a number or `end` after `to` starts a date.
const PROGRESS_AT =
  /^(?:progress update|progress|update)\s*[(\-–:]?\s*(?:(?:as at|as of|at|to(?=\s+(?:\d|end\b)))\b|@)\s*:?\s*(\S.*?)\s*\)?\s*[:.]?$/i;
// `Progress Q1 2025/26`, `Progress June 2025`: still the progress column, though
// the reporting date is left to the `at` forms rather than guessed from these.
const PROGRESS_DATED =
  /^progress(?: update)?\s*[(\-–:]?\s*(?:q[1-4]\b|quarter\b|\d|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b)/i;

export function progressHeaderDateText(text: string): string | null {
  const m = PROGRESS_AT.exec(text.replace(/\s+/g, ' ').trim());
  if (!m) return null;
  // `Progress at 30 June 2025 (Q1)`: the bracketed note is not part of the date.
  const date = m[1].replace(/\s*\([^)]*\)?$/, '').trim();
  return date || null;
}

export function createHeaderMatcher(extra: Partial<Record<Role, string[]>>): (text: CellValue) => HeaderMatch | null {
  const table = new Map<string, Role>();
  for (const [role, words] of Object.entries(BUILT_IN) as [Role, string[]][]) {
    for (const w of words) table.set(normaliseHeader(w), role);
  }
  // Settings come last so an office's own meaning for a word wins over ours.
  for (const [role, words] of Object.entries(extra ?? {}) as [Role, string[] | undefined][]) {
    for (const w of words ?? []) {
      const n = normaliseHeader(w);
      if (n) table.set(n, role);
    }
  }

  function lookUp(h: string): Role | undefined {
    // `Target-date`, `RAG-status`: a hyphen between words is a space.
    return table.get(h) ?? (h.includes('-') ? table.get(h.replace(/\s*-\s*/g, ' ')) : undefined);
  }

  return (value) => {
    if (typeof value !== 'string' || value.length > MAX_HEADER_LENGTH * 2) return null;
    const h = normaliseHeader(value);
    if (!h || h.length > MAX_HEADER_LENGTH) return null;
    const exact = lookUp(h);
    if (exact) return { role: exact, confidence: 'exact' };
    if (PROGRESS_AT.test(h) || PROGRESS_DATED.test(h)) return { role: 'progress', confidence: 'prefix' };
    // `Timescale (by when)`, `Status (RAG)`, `Target date (dd/mm/yyyy)`: the words
    // before the bracket decide.
    const paren = h.indexOf('(');
    if (paren > 0) {
      const r = lookUp(normaliseHeader(h.slice(0, paren)));
      if (r) return { role: r, confidence: 'prefix' };
    }
    return null;
  };
}

export type SummaryLabel = 'completed' | 'inProgress' | 'static' | 'notStarted' | 'total' | 'number' | 'percentage';

const SUMMARY_LABELS: ReadonlyMap<string, SummaryLabel> = new Map([
  ['completed', 'completed'],
  ['complete', 'completed'],
  ['done', 'completed'],
  ['in progress', 'inProgress'],
  ['ongoing', 'inProgress'],
  ['on going', 'inProgress'],
  ['static', 'static'],
  ['not started', 'notStarted'],
  ['not yet started', 'notStarted'],
  ['total', 'total'],
  ['totals', 'total'],
  ['grand total', 'total'],
  ['total actions', 'total'],
  ['total number of actions', 'total'],
  ['no. of actions', 'total'],
  ['no of actions', 'total'],
  ['number of actions', 'total'],
  ['number', 'number'],
  ['no.', 'number'],
  ['count', 'number'],
  ['percentage', 'percentage'],
  ['percent', 'percentage'],
  ['%', 'percentage'],
  ['% of actions', 'percentage'],
  ['percentage of actions', 'percentage'],
]);

export function summaryLabel(text: CellValue): SummaryLabel | null {
  if (typeof text !== 'string' || text.length > 40) return null;
  // Only a trailing colon is dropped: `No.` is a label of its own, kept with its dot.
  const t = text.toLowerCase().replace(/[-_]/g, ' ').replace(/\s+/g, ' ').trim().replace(/\s*:$/, '');
  return SUMMARY_LABELS.get(t) ?? null;
}
