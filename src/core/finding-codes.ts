import type { Severity } from './findings';
import { longDate } from './long-date';
import { percentText } from './percent';
import { PROGRESS_WORDS, type ProgressRead } from './vocabulary/progress';
import type { RagWord, RatingRead } from './vocabulary/ratings';
import { z } from './zod';

// Every kind of problem Ragbook reports, and the words it says about each. A code
// is part of the JSON report (README.md lists them, and a test holds the list to
// this enum); the words live here alone, as zod's own messages live in one locale
// file, so a message is changed in one place and every finding of its code follows.
// findings.ts builds each finding from these with `finding(code, where, params)`.

export const FindingCodeSchema = z.enum([
  'status.synonym',
  'status.near-miss',
  'status.unrecognised',
  'status.missing',
  'status.percent-mismatch',
  'percent.unreadable',
  'rating.synonym',
  'rating.near-miss',
  'rating.unrecognised',
  'rating.missing',
  'rating.optimistic',
  'rating.overdue',
  'rating.colour',
  'rating.fill-mismatch',
  'date.invalid',
  'date.tbc',
  'date.unreadable',
  'date.no-year',
  'date.read',
  'date.recurring',
  'date.overdue',
  'date.slipped',
  'summary.stale',
  'row.note',
  'id.missing',
  'id.duplicate',
  'table.no-status',
  'table.no-target',
  'table.unread',
  'sheet.name-taken',
  'sheet.skipped',
  'settings.invalid',
  'workbook.no-tracker',
]);
export type FindingCode = z.infer<typeof FindingCodeSchema>;

/** The action a finding is about: its number if it has one, else its row (0-based); the params of its code carry both. */
export interface ActionRef {
  id: string | null;
  row: number;
}

/** What each code's words need to know. Rows are 0-based, as on the grid; messages count from 1. */
export interface FindingParams {
  'status.synonym': { typed: string; word: ProgressRead };
  'status.near-miss': { typed: string; word: ProgressRead };
  /** `percent` when the progress comes from a percent-complete column (the table has no status). */
  'status.unrecognised': ActionRef & { typed: string; suggestion: string | undefined; percent?: boolean };
  'status.missing': ActionRef & { percent?: boolean };
  /** `percent` is the share typed, 0–1. */
  'status.percent-mismatch': ActionRef & { status: ProgressRead; typedStatus: string; percent: number };
  'percent.unreadable': ActionRef & { typed: string };
  'rating.synonym': { typed: string; word: RatingRead };
  'rating.near-miss': { typed: string; word: RatingRead; suggestion: string | undefined };
  'rating.unrecognised': ActionRef & { typed: string; suggestion: string | undefined };
  'rating.missing': ActionRef;
  'rating.optimistic': ActionRef & { declared: RagWord; derived: RagWord };
  'rating.overdue': ActionRef & { rating: RagWord; days: number; threshold: number };
  /** The empty rating cells of one table filled with one colour: the first cell, and how many more. */
  'rating.colour': { word: RagWord; fill: string; others: number };
  'rating.fill-mismatch': ActionRef & { typed: string; word: RagWord; fill: string; fillWord: RagWord };
  'date.invalid': ActionRef & { text: string; rule: string };
  'date.tbc': ActionRef & { text: string };
  'date.unreadable': ActionRef & { text: string };
  'date.no-year': ActionRef & { text: string };
  /**
   * `due` is ISO; `dueBy` says the part gives a deadline (a month, a quarter) rather than one day typed
   * ambiguously; `others` counts the other cells of the table with the same text, read the same way.
   */
  'date.read': ActionRef & { text: string; due: string; rule: string; dueBy: boolean; others: number };
  'date.recurring': ActionRef & { text: string; others: number };
  'date.overdue': ActionRef & { days: number; due: string };
  /** `from` the original target, `to` the revised one (ISO); `days` later (negative when brought forward). */
  'date.slipped': ActionRef & { from: string; to: string; days: number };
  'summary.stale': { covers: string[]; label: string; stated: number | null; actual: number; percent: boolean };
  'row.note': { row: number };
  'id.missing': { row: number };
  'id.duplicate': { id: string; workstream: string; firstRow: number; row: number };
  'table.no-status': { workstream: string };
  'table.no-target': { workstream: string };
  /** `range` is the block's A1 range on its sheet; `headers` its header cells as typed; `reason` why it is not a tracker, in words. */
  'table.unread': { range: string; headers: string[]; reason: string };
  'sheet.name-taken': { wanted: string; written: string };
  'sheet.skipped': { reason: 'no-part' };
  'settings.invalid': { path: string; problem: string };
  'workbook.no-tracker': Record<string, never>;
}

export interface FindingWords<P> {
  severity: Severity;
  message: (p: P) => string;
  /** What to do about it, or null when nothing need be done. */
  suggestion: (p: P) => string | null;
}

function actionName(a: ActionRef): string {
  return a.id !== null ? `Action ${a.id}` : `The action in row ${a.row + 1}`;
}

/** A cell's text in a sentence: a long one is cut, so the sentence stays readable. */
function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

function quoted(text: string): string {
  return `'${clip(text, 60)}'`;
}

/** The progress words as a person lists them: `Completed, In progress, Static, Not started or Withdrawn`. */
const PROGRESS_LIST = `${PROGRESS_WORDS.slice(0, -1).join(', ')} or ${PROGRESS_WORDS[PROGRESS_WORDS.length - 1]}`;

/** A note said once per table for the same reading: how many other cells it covers. */
function sameIn(others: number): string {
  return others ? ` The same text in ${others} other cell${others === 1 ? '' : 's'} of this table is read the same way.` : '';
}

function figure(n: number | null, percent: boolean): string {
  if (n === null) return 'nothing';
  return percent ? percentText(n) : String(n);
}

export const FINDING_WORDS: { readonly [C in FindingCode]: FindingWords<FindingParams[C]> } = {
  'status.synonym': {
    severity: 'info',
    message: (p) =>
      `Status '${p.typed}' is read as '${p.word}' (first seen here; other cells with the same spelling are read the same way).`,
    suggestion: (p) => p.word,
  },
  'status.near-miss': {
    severity: 'warning',
    message: (p) => `Status '${p.typed}' read as '${p.word}'`,
    suggestion: (p) => p.word,
  },
  'status.unrecognised': {
    severity: 'error',
    message: (p) =>
      p.percent
        ? `${actionName(p)} has ${quoted(p.typed)} as its percentage complete, which is not a percentage from 0% to 100%. It is counted as Unrecognised.`
        : `${actionName(p)} has status ${quoted(p.typed)}, which is not a status Ragbook knows. It is counted as Unrecognised.`,
    suggestion: (p) => (p.percent ? 'Enter a percentage such as 50%.' : (p.suggestion ?? `Use ${PROGRESS_LIST}.`)),
  },
  'status.missing': {
    severity: 'error',
    message: (p) =>
      p.percent
        ? `${actionName(p)} has no percentage complete, and the table has no status column. It is counted as No status.`
        : `${actionName(p)} has no status. It is counted as No status.`,
    suggestion: (p) => (p.percent ? 'Enter the percentage complete, from 0% to 100%.' : `Enter ${PROGRESS_LIST}.`),
  },
  'status.percent-mismatch': {
    severity: 'warning',
    message: (p) =>
      `${actionName(p)} has status ${quoted(p.typedStatus)} but is ${percentText(p.percent)} complete. The status is counted (${p.status}).`,
    suggestion: (p) =>
      p.status === 'Completed' ? 'Update the percentage to 100%, or the status.' : 'Update the status or the percentage so they agree.',
  },
  'percent.unreadable': {
    severity: 'warning',
    message: (p) => `${actionName(p)}: ${quoted(p.typed)} is not a percentage from 0% to 100%, so its status cannot be checked against it.`,
    suggestion: () => 'Enter a percentage such as 50%.',
  },
  'rating.synonym': {
    severity: 'info',
    message: (p) => `Rating '${p.typed}' is read as '${p.word}' (first seen here).`,
    suggestion: (p) => p.word,
  },
  'rating.near-miss': {
    severity: 'warning',
    message: (p) => `Rating '${p.typed}' read as '${p.word}'`,
    suggestion: (p) => p.suggestion ?? p.word,
  },
  'rating.unrecognised': {
    severity: 'error',
    message: (p) => `${actionName(p)} has rating ${quoted(p.typed)}, which is not Blue, Green, Amber or Red. It is counted as unrated.`,
    suggestion: (p) => p.suggestion ?? 'Use Blue (complete), Green, Amber or Red.',
  },
  'rating.missing': {
    severity: 'warning',
    message: (p) => `${actionName(p)} has no RAG rating.`,
    suggestion: () => 'Enter Blue, Green, Amber or Red.',
  },
  'rating.optimistic': {
    severity: 'warning',
    message: (p) => `${actionName(p)} is rated ${p.declared}, but its status and dates make it ${p.derived}.`,
    suggestion: (p) => p.derived,
  },
  'rating.overdue': {
    severity: 'warning',
    message: (p) =>
      `${actionName(p)} is rated ${p.rating} but is ${p.days} days overdue (more than ${p.threshold}); the rating is counted as given.`,
    suggestion: () => 'Review the rating, or agree and record a new target date.',
  },
  'rating.colour': {
    severity: 'info',
    message: (p) =>
      `This rating cell is empty but filled ${p.fill}, read as ${p.word}${p.others ? `; so are ${p.others} more empty cell${p.others === 1 ? '' : 's'} of this colour in the table` : ''}.`,
    suggestion: (p) => `Type ${p.word} in the cell, so the rating reads without its colour too.`,
  },
  'rating.fill-mismatch': {
    severity: 'warning',
    message: (p) =>
      `${actionName(p)} is rated ${quoted(p.typed)} on a ${p.fillWord.toLowerCase()} fill (${p.fill}). The word is counted (${p.word}).`,
    suggestion: (p) => `Make the rating and its colour agree (${p.word} or ${p.fillWord}).`,
  },
  'date.invalid': {
    severity: 'error',
    message: (p) => `${actionName(p)}: target date ${quoted(p.text)} is not a real date (${p.rule}).`,
    suggestion: () => 'Correct the date, for example 28/02/2025.',
  },
  'date.tbc': {
    severity: 'warning',
    message: (p) => `${actionName(p)}: target date ${quoted(p.text)} is not set yet.`,
    suggestion: () => 'Agree a target date and enter it.',
  },
  'date.unreadable': {
    severity: 'warning',
    message: (p) => `${actionName(p)}: ${quoted(p.text)} is not a date Ragbook can read, so it cannot tell whether the action is overdue.`,
    suggestion: () => 'Enter a date such as 31/03/2026, a month such as March 2026, or a quarter such as Q4 2025/26.',
  },
  'date.no-year': {
    severity: 'warning',
    message: (p) => `${actionName(p)}: ${quoted(p.text)} names a quarter but no year.`,
    suggestion: () => 'Add the financial year, e.g. Q2 2025/26.',
  },
  'date.read': {
    severity: 'info',
    message: (p) =>
      `${actionName(p)}: ${quoted(p.text)} read as ${p.dueBy ? 'due by ' : ''}${longDate(p.due)} (${p.rule}).${sameIn(p.others)}`,
    suggestion: () => null,
  },
  'date.recurring': {
    severity: 'info',
    message: (p) =>
      `${actionName(p)}: ${quoted(p.text)} is recurring or ongoing, so it has no deadline and is never counted as overdue.${sameIn(p.others)}`,
    suggestion: () => 'If the action has an end date, enter it.',
  },
  'date.overdue': {
    severity: 'warning',
    message: (p) =>
      `${actionName(p)} is ${p.days} day${p.days === 1 ? '' : 's'} overdue: its target was ${longDate(p.due)} and it is not completed.`,
    suggestion: () => 'Update the status, or agree and record a new target date.',
  },
  'date.slipped': {
    severity: 'info',
    message: (p) =>
      `${actionName(p)}: its target moved from ${longDate(p.from)} to ${longDate(p.to)} (${Math.abs(p.days)} day${Math.abs(p.days) === 1 ? '' : 's'} ${p.days >= 0 ? 'later' : 'earlier'}); the revised date is the one judged.`,
    suggestion: () => null,
  },
  'summary.stale': {
    severity: 'error',
    message: (p) =>
      `The hand-typed summary${p.covers.length > 1 ? ` (covering ${p.covers.join(' and ')})` : ''} says ${p.label} ${figure(p.stated, p.percent)}, but the rows say ${figure(p.actual, p.percent)}.`,
    suggestion: (p) => figure(p.actual, p.percent),
  },
  'row.note': {
    severity: 'info',
    message: (p) => `Row ${p.row + 1} is a note inside the table, not an action, so it is not counted.`,
    suggestion: () => null,
  },
  'id.missing': {
    severity: 'info',
    message: (p) => `The action in row ${p.row + 1} has no number. It is counted.`,
    suggestion: () => 'Give it a number so it can be referred to.',
  },
  'id.duplicate': {
    severity: 'warning',
    message: (p) => `Action number ${p.id} is used twice in '${p.workstream}' (rows ${p.firstRow + 1} and ${p.row + 1}).`,
    suggestion: () => 'Give each action its own number so it can be referred to.',
  },
  'table.no-status': {
    severity: 'warning',
    message: (p) =>
      `The table under '${p.workstream}' has no status column: progress cannot be counted, so its RAG comes from target dates alone (Not rated where there are none).`,
    suggestion: () => `Add a Status column (${PROGRESS_WORDS.join(', ')}), a % complete column or a RAG column.`,
  },
  'table.no-target': {
    severity: 'warning',
    message: (p) =>
      `The table under '${p.workstream}' has no target date column, so Ragbook cannot tell which of its actions are overdue or due soon.`,
    suggestion: () => 'Add a Target date column, or tell Ragbook which column holds the target (Tables, in the Ragbook pane).',
  },
  'table.unread': {
    severity: 'info',
    message: (p) =>
      `The table at ${p.range}${p.headers.length ? ` (${clip(p.headers.join(' | '), 80)})` : ''} was not read as a tracker: ${p.reason}.`,
    suggestion: () => 'If it is a tracker, tell Ragbook which column holds the actions and which the status (Tables, in the Ragbook pane).',
  },
  'sheet.name-taken': {
    severity: 'info',
    message: (p) =>
      `A sheet called '${p.wanted}' already exists and was not created by Ragbook, so it was left alone and Ragbook wrote '${p.written}' beside it.`,
    suggestion: (p) => `Rename or delete your '${p.wanted}' sheet if you want Ragbook to use that name.`,
  },
  'sheet.skipped': {
    severity: 'info',
    message: () =>
      'This sheet is listed in the workbook but the file holds no cells for it (its entry links to nothing, as an old macro module does), so it was not read.',
    suggestion: () => 'If it should hold a tracker, open the workbook in Excel, save it, and recalculate.',
  },
  'settings.invalid': {
    severity: 'warning',
    message: (p) => `Setting ${p.path}: ${p.problem}.`,
    suggestion: () => 'Fix the setting in the Ragbook pane (Settings) or the settings file.',
  },
  'workbook.no-tracker': {
    severity: 'warning',
    message: () =>
      'No tracker table was found. Ragbook looks for a header row naming the actions and their status, progress or target date (for example: No | Action | Progress | Status).',
    suggestion: () => 'Check that each table has a header row, or add your header words in Settings.',
  },
};
