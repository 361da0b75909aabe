import { ROLES } from './headers';

// The words Ragbook uses to say how it read a table: what each column is for, and
// why a row was taken as a title, a heading or a note. Detection records the codes
// (core/table-evidence.ts); the pane and the command line show these words, and an
// officer's override names a role by its code. Plain data and no zod: the pane's
// tables panel lists them.

/**
 * What a column can be for, in the order the pane lists them: the header roles
 * (ROLES), percent complete, the original target kept beside a revised one (read
 * for `date.slipped`, never as the target itself), and the grouping column whose
 * value names each row's work stream.
 */
export const COLUMN_ROLES = [
  'id',
  'action',
  'status',
  'percent',
  'target',
  'original-target',
  'owner',
  'progress',
  'milestones',
  'group',
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

// Every header role is a column role: a role added to ROLES and not here fails to compile.
const HEADER_ROLES_ARE_COLUMN_ROLES: readonly ColumnRole[] = ROLES;
void HEADER_ROLES_ARE_COLUMN_ROLES;

/** The role an officer gives a column that Ragbook should not read at all. */
export const NO_ROLE = 'none';

/** A column's role as an officer reads it in the pane and on the command line. */
export const COLUMN_ROLE_WORDS: Readonly<Record<ColumnRole, string>> = {
  id: 'Action number',
  action: 'Action',
  progress: 'Progress commentary',
  status: 'Status or rating',
  target: 'Target date',
  owner: 'Owner',
  milestones: 'Milestones',
  percent: 'Percent complete',
  group: 'Work stream (grouping column)',
  'original-target': 'Original target date',
};

/** How a column got its role: its header's words, its values (a status column of RAG words), or an override. */
export const COLUMN_SOURCES = ['header', 'values', 'override'] as const;
export type ColumnSource = (typeof COLUMN_SOURCES)[number];

/** The rows of a table that are not actions, each kept with why. */
export const ROW_KINDS = ['title', 'heading', 'note', 'summary', 'legend'] as const;
export type RowKind = (typeof ROW_KINDS)[number];

export const ROW_KIND_WORDS: Readonly<Record<RowKind, string>> = {
  title: 'Title',
  heading: 'Heading',
  note: 'Note',
  summary: 'Hand-typed summary',
  legend: 'Key or legend',
};

/**
 * Why a row is what detection took it for. Each is one rule of DESIGN.md's "How
 * tables are found", so the officer can see which rule to correct.
 */
export const ROW_REASONS = [
  'title-above',
  'heading-wording',
  'first-cells-only',
  'emphasis',
  'group-value',
  'no-actions-follow',
  'no-action-text',
  'note-wording',
  'summary-labels',
  'legend-words',
  'override',
] as const;
export type RowReason = (typeof ROW_REASONS)[number];

export const ROW_REASON_WORDS: Readonly<Record<RowReason, string>> = {
  'title-above': 'a title above the header row names the work stream',
  'heading-wording': 'it is worded as a heading (such as "Area for improvement 2:", "Priority 1 –", "MUST DO")',
  'first-cells-only': 'it has text in its first cells only, and actions of its own follow',
  emphasis: 'it is a short bold text with the rest of the row empty, and actions of its own follow',
  'group-value': 'the grouping column changes value here',
  'no-actions-follow': 'it is a remark between rows with no actions of its own after it',
  'no-action-text': 'it has no action text in the action column',
  'note-wording': 'it is worded as a remark (such as "NB:", "Note:") or is a sentence, not a heading',
  'summary-labels': 'its labels are a summary (Completed, In progress, Total…) under the table',
  'legend-words': 'it explains the colours or words used (a key), and is never counted',
  override: 'the settings say so',
};

/** What became of a table-like block. */
export const TABLE_STATES = ['read', 'ignored', 'unread', 'legend'] as const;
export type TableState = (typeof TABLE_STATES)[number];

export const TABLE_STATE_WORDS: Readonly<Record<TableState, string>> = {
  read: 'Read as a tracker',
  ignored: 'Ignored (settings)',
  unread: 'Not read: it does not look like a tracker',
  legend: 'A key or legend: never counted',
};

/**
 * Why a table-like block was not read as a tracker (DESIGN.md, "Nothing is dropped
 * silently"): a tracker needs a column of actions, and a status, percent complete,
 * target, owner or milestones column named by its header.
 */
export const UNREAD_REASONS = ['no-action-column', 'no-tracker-column', 'actions-not-text', 'no-rows', 'low-score'] as const;
export type UnreadReason = (typeof UNREAD_REASONS)[number];

export const UNREAD_REASON_WORDS: Readonly<Record<UnreadReason, string>> = {
  'no-action-column': 'no column holds the actions (a header such as Action, Task, Recommendation or Description)',
  'no-tracker-column': 'no column gives a status, percent complete, target date, owner or milestones',
  'actions-not-text': 'the column headed as the actions holds numbers or dates, not actions (a count or an overview)',
  'no-rows': 'it has a header but no rows',
  'low-score': 'its values do not fit what its headers say',
};

/** Where a work stream's title came from, in DESIGN.md's order of preference, or an override. */
export const TITLE_SOURCES = ['row', 'group', 'sheet', 'table', 'override'] as const;
export type TitleSource = (typeof TITLE_SOURCES)[number];

export const TITLE_SOURCE_WORDS: Readonly<Record<TitleSource, string>> = {
  row: 'its title row or heading',
  group: 'the grouping column',
  sheet: "the sheet's name",
  table: "the Excel Table's name",
  override: 'the settings',
};
