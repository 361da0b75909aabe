// Every word Ragbook knows in a header row (DESIGN.md's synonym table): the words
// for each column's role, the words of a grouping column, and the patterns of a
// header that names a reporting period. Settings add words of their own (see
// createHeaderMatcher in core/headers.ts). Plain data, no zod.

/** The columns a tracker table may have. */
export const ROLES = ['id', 'action', 'progress', 'status', 'percent', 'target', 'owner', 'milestones'] as const;
export type Role = (typeof ROLES)[number];

export const HEADER_WORDS: Readonly<Record<Role, readonly string[]>> = {
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
    'Rec',
    'Rec No',
    'Rec number',
    'Recommendation No',
    'Item',
    'Item no',
    'Action ID',
    'Action ref no',
    'Rec ref',
    'Recommendation ref',
    'Minute ref',
    'Minute no',
    'Minute number',
    'Issue no',
    'Issue ID',
    'Issue ref',
    'Risk ID',
    'Risk ref',
    'Risk no',
    'Ref no.',
    'Reference no',
    'Finding no',
    'Finding ref',
    'Task ID',
    'Task no',
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
    'Commitment',
    'Commitments',
    'Our commitment',
    'Deliverable',
    'Deliverables',
    'Key deliverables',
    'Activity',
    'Activities',
    'Project',
    'Projects',
    'Initiative',
    'Initiatives',
    'Action point',
    'Action points',
    'Actions agreed',
    'Action agreed',
    'Required action',
    'Task description',
    'What will we do',
    'What we are doing',
    'Action / task',
    'What needs to happen',
    'What needs to be done',
    'What will be done',
    'What are we going to do',
    'What will we do to improve',
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
    'Management response',
    'Management comments',
    'Progress commentary',
    'Resolution',
    'Update on action',
    'Narrative',
    'Status update',
    'Latest progress',
    'Evidence of progress',
    'Progress and evidence',
    'Progress / evidence',
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
    // A column asking whether each action is done; its yes and no are read as Completed and In progress.
    'Done',
    'Done (Y/N)',
    'Done? (Y/N)',
    'Completed (Y/N)',
    'Complete (Y/N)',
    'Closed (Y/N)',
    'Progress RAG',
    'RAG progress',
    'Status RAG',
    'Delivery RAG',
    'Overall RAG status',
    'RAG rating (BRAG)',
    'Done?',
    'Complete?',
    'Completed?',
    'Closed?',
    'Current RAG status',
    'Current RAG rating',
    'RAG rating status',
    'Implemented?',
    'Implemented (Y/N)',
    'Achieved?',
    'Achieved (Y/N)',
    'Actioned?',
    'Actioned (Y/N)',
  ],
  percent: [
    '% complete',
    '% completed',
    '% completion',
    'Percentage complete',
    'Percent complete',
    '% done',
    '% progress',
    '% achieved',
    '%',
    'Percentage completed',
    'Percent completed',
    'Progress %',
    'Progress (%)',
    '% progress',
    '% done',
    'Complete %',
    'Completion %',
    '%',
    'Completion (%)',
    '% of completion',
    '% completion',
    'Percentage progress',
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
    'End',
    'Finish',
    'Finish date',
    'Milestone date',
    'Milestone due',
    'Milestone deadline',
    'Resolution due',
    'Resolution date',
    'Due for completion',
    'By',
    'Target quarter',
    'Deliver by',
    'Complete by',
    'Completion by',
    'Target for completion',
    'When',
    'Completion due',
    'Target deadline',
    'By when will it be done',
    'When will it be done',
    'When will it be completed',
    'When by',
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
    'Senior responsible owner',
    'SRO',
    'Officer',
    'Responsible manager',
    'Sponsor',
    'Officer lead',
    'Executive lead',
    'Lead director',
    'Lead executive',
    'Assigned to',
    'Assignee',
    'Lead officer(s)',
    'Leads',
    'Lead(s)',
    'Owner(s)',
    'Risk owner',
    'Accountable',
    'Officer responsible',
    'Lead responsible',
    'Responsibility',
    'Lead member',
    'Lead manager',
    'Who is responsible',
    'Who is accountable',
    'Who will do it',
    'Who will lead',
    'Who will lead this',
  ],
  milestones: ['Progress milestones', 'Milestones', 'Key milestones', 'Milestone'],
};

// A column naming the section or work stream of each row (an Excel Table grouped by a
// Section column), compared in lower case with single spaces.
export const GROUP_HEADER_WORDS: ReadonlySet<string> = new Set([
  'section',
  'area',
  'theme',
  'work stream',
  'workstream',
  'work-stream',
  'strand',
  'priority area',
  'category',
  'group',
  'domain',
  'heading',
  // Planner exports group tasks in buckets; strategies in pillars.
  'bucket',
  'pillar',
  'area for improvement',
]);

// Headers that group rows only when their values show it (written once and left
// blank below, merged down, or repeated): `Outcome` may as well be each action's own
// result, so the values decide. Compared like GROUP_HEADER_WORDS.
export const GROUP_IF_REPEATED_WORDS: ReadonlySet<string> = new Set([
  'outcome',
  'outcomes',
  'strategic priority',
  'strategic objective',
  'kloe',
  'key line of enquiry',
  'focus area',
  'improvement area',
]);

// `Recommendation | Key actions`, `Objective | Action`: the column whose header says
// action holds the actions, the other groups them.
export const SAYS_ACTION = /\bactions?\b/i;
// A bare `Date` may be when the row was raised; any other target header says more.
export const BARE_DATE = /^\s*dates?\s*$/i;
// `Number of actions`, `Actions`: the count column of an overview typed beside the trackers.
export const ACTION_COUNT_HEADER = /^\s*(?:no\.?|number|total)?\s*(?:of\s+)?actions\s*$/i;

const MONTH_WORD =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const YEAR_WORD = String.raw`(?:fy ?)?\d{4}(?: ?[/-] ?\d{2,4})?|(?:fy ?)?\d{2} ?[/-] ?\d{2}`;
// What dates a header: a quarter, a month, a day or a financial year.
const WHEN = String.raw`(?:(?:the )?end (?:of )?)?(?:(?:q|qtr|quarter) ?[1-4](?: ?(?:${YEAR_WORD}))?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(?:\d{1,2}(?:st|nd|rd|th)? )?${MONTH_WORD}(?: ?,? ?'?(?:\d{4}|\d{2}))?|${YEAR_WORD})`;
// `Status at 30/09/2025`, `RAG - Sept 2025`, `Status Q2`, `Q2 status`, `Q3 RAG 2025/26`:
// the header of a column kept per reporting period. The words without the period decide.
export const PERIOD_AFTER = new RegExp(String.raw`^(?:[-–:,] ?)?(?:(?:as )?(?:at|of) |@ ?)?${WHEN}$`);
export const PERIOD_BEFORE = new RegExp(String.raw`^${WHEN}(?: ?[-–:])?$`);
// Sticky: the matcher tries it at each word of a header by setting lastIndex.
export const PERIOD_LEAD = /[-–:,@\d]|q|as |at |of |the |end |fy|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/y;
// `Progress at 30 June 2025`, `Progress as at: 30/06/2025`, `Progress update (as of
// 30th June 2025)`, `Progress to 30/06/2025`. `Progress to date` and `Progress to
// target` are plain headers: only a number or `end` after `to` starts a date.
export const PROGRESS_AT =
  /^(?:progress update|progress|update)\s*[(\-–:]?\s*(?:(?:as at|as of|at|to(?=\s+(?:\d|end\b)))\b|@)\s*:?\s*(\S.*?)\s*\)?\s*[:.]?$/i;
// `Progress Q1 2025/26`, `Progress June 2025`: still the progress column, though
// the reporting date is left to the `at` forms rather than guessed from these.
export const PROGRESS_DATED =
  /^progress(?: update)?\s*[(\-–:]?\s*(?:q[1-4]\b|quarter\b|\d|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b)/i;

// Date columns that are never the target (DESIGN.md, "Several date columns"): when
// an action started, was raised, was discussed, or was closed. They are known
// headers, so a header row holding them still reads as one, and each is kept and
// ignored. Compared as headers are (core/headers.ts, normaliseHeader).
export const NOT_TARGET_DATE_HEADERS: readonly string[] = [
  'Start',
  'Start date',
  'Started',
  'Date started',
  'Begin',
  'Start by',
  'Date raised',
  'Raised',
  'Raised on',
  'Raised date',
  'Date opened',
  'Opened',
  'Date logged',
  'Logged',
  'Date identified',
  'Date added',
  'Date agreed',
  'Date created',
  'Created',
  'Date received',
  'Meeting date',
  'Date of meeting',
  'Meeting',
  'Board date',
  'Committee date',
  'Date closed',
  'Closed date',
  'Closed',
  'Closed on',
  'Date completed',
  'Completed date',
  'Completed on',
  'Actual completion date',
  'Actual completion',
  'Actual end date',
  'Date resolved',
  'Resolved',
  'Last updated',
  'Date updated',
  'Date of update',
  'Update date',
];

// A target header with a word that says which of several it is. The revised one is
// the action's target and the original is kept to report the slip; `Agreed` is
// later than an original but earlier than a revised or latest one (`Agreed target |
// Latest target`). Matched on the normalised header, the words around them being a
// target header of their own (`Revised due date` is `Due date` revised).
export const REVISED_TARGET_WORDS =
  /\b(?:revised|latest|current|new|amended|updated|re-?forecast|forecast|re-?profiled|rescheduled|extended|proposed revised)\b/;
export const AGREED_TARGET_WORDS = /\bagreed\b/;
export const ORIGINAL_TARGET_WORDS = /\b(?:original|initial|baseline|first)\b/;
// `End`, `End date`, `Finish`: the end of a span whose start has its own column.
export const END_TARGET_WORDS = /\b(?:end|finish)\b/;
// `Progress %`, `% complete`, `Percentage achieved`: a share of the action done.
export const PERCENT_HEADER = /%|\bper ?cent(?:age)?\b/;
export const PERCENT_DONE_WORDS = /\b(?:complete|completed|completion|done|progress|achieved|delivered)\b/;
// `Minute ref`, `Risk ID`, `Issue no`: a thing's name and the word for its number is
// that thing's number column. Contact details also end in `number`; they are not ids.
export const ID_SUFFIX = /^(?:[a-z]+ ){1,2}(?:ref|reference|no|number|id|#)$/;
export const NOT_ID_WORDS =
  /^(?:phone|telephone|tel|mobile|fax|contact|account|bank|sort|cost|po|purchase|order|invoice|vat|nhs|ni|staff|employee|payroll|page|version|row|line|room|postcode)\b/;
// `Clinical lead`, `Service owner`: whoever leads it owns it.
export const OWNER_SUFFIX = /^(?:[a-z]+ ){1,2}(?:lead|owner)$/;
