import type { ChangeSet } from '../change-schema';
import { actionChangeText } from '../change-words';
import { snapshotOf } from '../compare';
import type { TargetState } from '../dates';
import { a1 } from '../grid';
import { longDate } from '../long-date';
import type { ActionRow, EngineResult } from '../model';
import type { PlanCell, PlanSheet } from '../plan-schema';
import { cellCache, linkMaker, num, plain, serialOf, text } from './cells';
import { ACTIONS_COLUMNS, AS_OF_LABEL, WORDS } from './columns';
import type { SheetTarget } from './names';
import { footerFor, tableSheet } from './table-sheet';

// RAG Actions: every action as read, one row each in one Excel Table, so a manager
// can filter it to what is overdue, by owner. It is also what the next
// recalculation compares with (compare-baseline.ts reads it back by its headers),
// so each row says the action's status, rating, target and due date in words
// that read back the same.

export interface ActionsContext {
  result: EngineResult;
  target: SheetTarget;
  date1904: boolean;
  change: ChangeSet | null;
}

/** What the Due column says where there is no date: the target as Ragbook took it. */
const NO_DUE: Readonly<Record<TargetState, string>> = {
  dated: WORDS.none,
  tbc: 'TBC',
  recurring: 'recurring',
  invalid: 'not a date',
  'free-text': 'not read',
  empty: WORDS.none,
};

/** A target typed as an Excel date shows as a date, as in the tracker, not as the ISO text it is read as. */
function targetCell(a: ActionRow, date1904: boolean): PlanCell | null {
  const parts = a.target?.parts ?? [];
  if (parts.length !== 1 || parts[0].kind !== 'excel-date' || !parts[0].start) return null;
  return num(serialOf(parts[0].start, date1904), 'dateShort');
}

/** A row of words for an empty table: an Excel Table needs a data row, and no cell is blank. */
function nothingRow(): PlanCell[] {
  return ACTIONS_COLUMNS.map((h) => (h === 'Days overdue' ? num(0) : text(WORDS.none)));
}

export function actionsSheet(ctx: ActionsContext): PlanSheet {
  const { result, change, date1904 } = ctx;
  const once = cellCache();
  const link = linkMaker();
  const body: PlanCell[][] = [];
  result.workstreams.forEach((w, i) => {
    const wsCell = once(w.title, 'wrap');
    const sheetCell = once(w.sheet, 'wrap');
    w.actions.forEach((a: ActionRow, k) => {
      const s = snapshotOf(a, w);
      const cell = s.cell ?? a1(a.row, w.area.c1);
      body.push([
        wsCell,
        sheetCell,
        link(w.sheet, cell, cell),
        once(s.id ?? WORDS.none, 'text'),
        s.action.trim() === '' ? once(WORDS.none, 'wrap') : text(s.action, 'wrap'),
        once(a.owner ?? WORDS.none, 'wrap'),
        once(s.status ?? WORDS.notRecorded, 'text'),
        once(s.rating ?? (w.ratingColumn === null ? WORDS.none : WORDS.notRated), 'text'),
        targetCell(a, date1904) ?? (s.target === null ? once(WORDS.none, 'wrap') : text(s.target, 'wrap')),
        s.due ? num(serialOf(s.due, date1904), 'dateShort') : once(NO_DUE[a.target?.state ?? 'empty'], 'text'),
        num(s.overdueDays ?? 0),
        change ? once(actionChangeText(change.actions[i][k], s), 'wrap') : once(WORDS.first, 'text'),
      ]);
    });
  });
  if (body.length === 0) body.push(nothingRow());
  const days = ACTIONS_COLUMNS.indexOf('Days overdue');
  const { sheet } = tableSheet({
    role: 'actions',
    name: ctx.target.name,
    replaces: ctx.target.replaces,
    head: [
      [text(`RAG actions: ${result.source}`, 'title')],
      [text(AS_OF_LABEL, 'label'), num(serialOf(result.asOf, date1904), 'date')],
      [
        plain(
          'Every action as read from the trackers. To see what is overdue, by owner: filter Days overdue to more than 0, then sort by Owner.',
          'note',
        ),
      ],
      [],
    ],
    header: ACTIONS_COLUMNS,
    body,
    columns: [
      { min: 16, max: 30 }, // Work stream
      { min: 10, max: 16 }, // Sheet
      { min: 6, max: 8 }, // Cell
      { min: 5, max: 8 }, // No
      { min: 30, max: 50 }, // Action
      { min: 10, max: 20 }, // Owner
      { min: 11, max: 14 }, // Status
      { min: 8, max: 12 }, // Rating
      { min: 12, max: 24 }, // Target (as typed)
      { min: 12, max: 14 }, // Due (as read)
      { min: 8, max: 9 }, // Days overdue
      { min: 14, max: 30 }, // Change since last
    ],
    tableName: 'RagActions',
    footer: footerFor('RAG actions', longDate(result.asOf)),
    tabColor: '#2F5597',
    conditionalFormats: (first, last) => [
      { type: 'expression', range: `${a1(first, days)}:${a1(last, days)}`, formula: `${a1(first, days)}>0`, style: 'sev-error' },
    ],
  });
  return sheet;
}
