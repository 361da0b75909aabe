import type { CellValue } from './grid';
import type { Role } from './settings';

// Header cells are matched by meaning, not exact text (DESIGN.md's synonym table),
// and settings can add words of their own. Every text cell of a sheet may be asked
// about while looking for header rows, so the table is built once and a miss must
// be cheap.

export interface HeaderMatch {
  role: Role;
  confidence: 'exact' | 'prefix';
  /** Set when the header names a period (`Q2 status`, `Status at 30/09/2025`): one of a series of such columns. */
  dated?: true;
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
    'Improvement actions',
    'Key action',
    'Key actions',
    'Agreed action',
    'Agreed actions',
    'Agreed management action',
    'Management action',
    'Planned action',
    'Planned actions',
    'Proposed action',
    'Proposed actions',
    'Recommended action',
    'Specific actions',
    'Action required',
    'Actions required',
    'Action to be taken',
    'Actions to be taken',
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
    'Progress commentary',
    'Progress comments',
    'Progress notes',
    'Progress narrative',
    'Update on progress',
    'Current position',
    'Latest position',
    'Position statement',
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
    'BRAG rating',
    'RAG assessment',
    'Current RAG',
    'Overall RAG',
    'Delivery status',
    'Completion status',
    'Implementation status',
    'Project status',
    'Milestone status',
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
    'Target end date',
    'Target timescale',
    'Target timescales',
    'Timeframe',
    'Time frame',
    'Due by',
    'Date due',
    'Implementation date',
    'Delivery date',
    'Target delivery date',
    'Expected completion date',
    'Planned completion date',
    'Date for completion',
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
    'Action lead',
    'Delivery owner',
    'Responsible lead',
    'Lead person',
    'Accountable lead',
    'Senior responsible officer',
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
  return (
    text
      .toLowerCase()
      .replace(/_+/g, ' ')
      .replace(/\s+/g, ' ')
      // `Rec. No.` is `Rec No`: an abbreviation's dot inside the header means nothing either.
      .replace(/\. /g, ' ')
      .replace(/[\s:.?*]+$/, '')
      .trim()
  );
}

const MONTH_WORD =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const YEAR_WORD = String.raw`(?:fy ?)?\d{4}(?: ?[/-] ?\d{2,4})?|(?:fy ?)?\d{2} ?[/-] ?\d{2}`;
// What dates a header: a quarter, a month, a day or a financial year.
const WHEN = String.raw`(?:(?:the )?end (?:of )?)?(?:(?:q|qtr|quarter) ?[1-4](?: ?(?:${YEAR_WORD}))?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(?:\d{1,2}(?:st|nd|rd|th)? )?${MONTH_WORD}(?: ?,? ?'?(?:\d{4}|\d{2}))?|${YEAR_WORD})`;
// `Status at 30/09/2025`, `RAG - Sept 2025`, `Status Q2`, `Q2 status`, `Q3 RAG 2025/26`:
// the header of a column kept per reporting period. The words without the period decide.
const PERIOD_AFTER = new RegExp(String.raw`^(?:[-–:,] ?)?(?:(?:as )?(?:at|of) |@ ?)?${WHEN}$`);
const PERIOD_BEFORE = new RegExp(String.raw`^${WHEN}(?: ?[-–:])?$`);
const PERIOD_LEAD = /[-–:,@\d]|q|as |at |of |the |end |fy|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/y;
/** Headers are a few words; longer text is from the rows and is not tried against the looser rules. */
const MAX_HEADER_WORDS = 8;

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

  // The first word of every header known, so that text whose first word starts no
  // header is not split and looked up word by word.
  const firstWords = new Set<string>();
  for (const k of table.keys()) firstWords.add(k.split(/[ -]/)[0]);

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
    let words = 1;
    for (let i = h.indexOf(' '); i >= 0; i = h.indexOf(' ', i + 1)) if (++words > MAX_HEADER_WORDS) return null;
    // `Status / RAG`, `Progress & comments`, `Lead officer / team`: a header naming
    // two things is the column of both when the words it knows agree.
    if (h.includes('/') || h.includes('&')) {
      const parts = h.split(/ ?[/&] ?/).map((x) => normaliseHeader(x));
      const first = parts[0] ? lookUp(parts[0]) : undefined;
      if (first && parts.every((x) => !x || (lookUp(x) ?? first) === first)) return { role: first, confidence: 'prefix' };
    }
    // Every split into the words before and after a space. A period starts with one of
    // a few words or characters, so most splits of ordinary text are passed over
    // without copying anything.
    PERIOD_LEAD.lastIndex = 0;
    const periodFirst = PERIOD_LEAD.test(h);
    const headerFirst = firstWords.has(h.slice(0, h.indexOf(' ') >>> 0));
    if (!periodFirst && !headerFirst) return null;
    for (let at = h.indexOf(' '); at > 0; at = h.indexOf(' ', at + 1)) {
      PERIOD_LEAD.lastIndex = at + 1;
      if (headerFirst && PERIOD_LEAD.test(h)) {
        const before = lookUp(h.slice(0, at));
        if (before && PERIOD_AFTER.test(h.slice(at + 1))) return { role: before, confidence: 'prefix', dated: true };
      }
      if (periodFirst && PERIOD_BEFORE.test(h.slice(0, at))) {
        const after = lookUp(h.slice(at + 1));
        if (after) return { role: after, confidence: 'prefix', dated: true };
      }
    }
    return null;
  };
}

export type SummaryLabel =
  | 'completed'
  | 'inProgress'
  | 'static'
  | 'notStarted'
  | 'total'
  | 'blue'
  | 'green'
  | 'amberGreen'
  | 'amber'
  | 'amberRed'
  | 'red'
  | 'number'
  | 'percentage';

// A summary block's column labels are the words officers use in the status column
// itself, synonyms included (`Complete | Ongoing | On hold`), or the colours when the
// block counts RAG ratings (`Blue | Green | Amber | Red | Total`).
const SUMMARY_LABELS: ReadonlyMap<string, SummaryLabel> = new Map([
  ['completed', 'completed'],
  ['complete', 'completed'],
  ['done', 'completed'],
  ['achieved', 'completed'],
  ['closed', 'completed'],
  ['finished', 'completed'],
  ['in progress', 'inProgress'],
  ['ongoing', 'inProgress'],
  ['on going', 'inProgress'],
  ['underway', 'inProgress'],
  ['under way', 'inProgress'],
  ['on track', 'inProgress'],
  ['in hand', 'inProgress'],
  ['static', 'static'],
  ['stalled', 'static'],
  ['on hold', 'static'],
  ['no progress', 'static'],
  ['blocked', 'static'],
  ['not started', 'notStarted'],
  ['not yet started', 'notStarted'],
  ['planned', 'notStarted'],
  ['pending', 'notStarted'],
  ['total', 'total'],
  ['totals', 'total'],
  ['grand total', 'total'],
  ['total actions', 'total'],
  ['total number of actions', 'total'],
  ['no. of actions', 'total'],
  ['no of actions', 'total'],
  ['number of actions', 'total'],
  ['blue', 'blue'],
  ['green', 'green'],
  ['amber', 'amber'],
  ['red', 'red'],
  ['amber/green', 'amberGreen'],
  ['green/amber', 'amberGreen'],
  ['amber green', 'amberGreen'],
  ['green amber', 'amberGreen'],
  ['amber/red', 'amberRed'],
  ['red/amber', 'amberRed'],
  ['amber red', 'amberRed'],
  ['red amber', 'amberRed'],
  ['number', 'number'],
  ['no.', 'number'],
  ['count', 'number'],
  ['percentage', 'percentage'],
  ['percent', 'percentage'],
  ['%', 'percentage'],
  ['% of actions', 'percentage'],
  ['percentage of actions', 'percentage'],
  ['% of total', 'percentage'],
]);

const HAS_DIGIT = /\d/;
// Status words repeat down every row, so each spelling is normalised once.
const labelCache = new Map<string, SummaryLabel | null>();
const LABEL_CACHE_LIMIT = 5000;

export function summaryLabel(text: CellValue): SummaryLabel | null {
  // Asked of the first cells of every row: no label is long or holds a digit, and
  // most cells fail one of those tests before any copy of the text is made.
  if (typeof text !== 'string' || text.length > 40 || HAS_DIGIT.test(text)) return null;
  const known = labelCache.get(text);
  if (known !== undefined) return known;
  // Only a trailing colon is dropped: `No.` is a label of its own, kept with its dot.
  // `Amber / Green` and `Amber-Green` are the same colour.
  const t = text
    .toLowerCase()
    .replace(/[-_]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*:$/, '')
    .replace(/ ?\/ ?/g, '/');
  const label = SUMMARY_LABELS.get(t) ?? null;
  if (labelCache.size >= LABEL_CACHE_LIMIT) labelCache.clear();
  labelCache.set(text, label);
  return label;
}
