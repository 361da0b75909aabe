// The header of each table Ragbook writes, and the words it writes where a cell has
// no value: the UK Analysis Function's guidance leaves no blank cell inside a table.
// The sheets are written with these, the next recalculation reads RAG Actions and
// RAG Summary back by them (compare-baseline.ts), and the directorate view lays
// out its tables alike.

export const SUMMARY_COLUMNS = [
  'Work stream',
  'Sheet',
  'Actions',
  'Completed',
  'In progress',
  'Static',
  'Not started',
  'Other',
  '% Completed',
  '% In progress',
  'Overdue',
  'RAG',
  'Change since last',
  'Why',
] as const;

export const ACTIONS_COLUMNS = [
  'Work stream',
  'Sheet',
  'Cell',
  'No',
  'Action',
  'Owner',
  'Status (as counted)',
  'Rating',
  'Target (as typed)',
  'Due (as read)',
  'Days overdue',
  'Change since last',
] as const;

export const ISSUES_COLUMNS = ['Severity', 'Sheet', 'Cell', 'Work stream', 'Problem', 'Suggestion'] as const;

export const HISTORY_COLUMNS = ['Recalculated', 'As of', 'Work stream', 'RAG', 'Actions', '% completed', 'Overdue'] as const;

/** The overall row of RAG Summary and RAG History: its name, and what its Sheet cell says. */
export const OVERALL = 'Overall';
export const ALL_SHEETS = 'All sheets';

import { NOTHING_COUNTED } from '../percent';
import type { StatusKind } from '../model';
import { countsProgress } from '../shares';

/** Words for cells with nothing to show, each explained in the sheet's notes. */
export const WORDS = {
  /** No value was given: no owner, no number, no target, no rating column. */
  none: 'none',
  /** The table records no progress status, so progress figures cannot be counted. */
  notRecorded: 'not recorded',
  /** The table counts progress, but no action is left to count (every one withdrawn). */
  noneCounted: NOTHING_COUNTED,
  /** A count that does not apply: the table records ratings, not progress. */
  notApplicable: 'n/a',
  /** The RAG word when nothing can be judged. */
  notRated: 'Not rated',
  /** The first recalculation: nothing to compare with. */
  first: 'first recalculation',
} as const;

/** What a share's cell says where there is no share: the table records no progress, or none is left to count. */
export function noShareWord(kind: StatusKind): string {
  return countsProgress(kind) ? WORDS.noneCounted : WORDS.notRecorded;
}

/** The label of the as-of date in the rows above a table. */
export const AS_OF_LABEL = 'As of';
