import type { ChangeSet } from '../change-schema';
import { actionChangeText } from '../change-words';
import { snapshotOf } from '../compare';
import { statusColumn } from '../places';
import type { TargetState } from '../dates';
import { a1 } from '../grid';
import { longDate } from '../long-date';
import type { ActionRow, EngineResult } from '../model';
import type { PlanCell, PlanSheet } from '../plan-schema';
import { cellCache, linkMaker, num, numberCache, plain, serialOf, text } from './cells';
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

const NOT_BLANK = /\S/;

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
function targetCell(a: ActionRow, date1904: boolean, number: ReturnType<typeof numberCache>): PlanCell | null {
  const parts = a.target?.parts;
  if (!parts || parts.length !== 1 || parts[0].kind !== 'excel-date' || !parts[0].start) return null;
  return number(serialOf(parts[0].start, date1904), 'dateShort');
}

/** A row of words for an empty table: an Excel Table needs a data row, and no cell is blank. */
function nothingRow(): PlanCell[] {
  return ACTIONS_COLUMNS.map((h) => (h === 'Days overdue' ? num(0) : text(WORDS.none)));
}

export function actionsSheet(ctx: ActionsContext): PlanSheet {
  const { result, change, date1904 } = ctx;
  const once = cellCache();
  const number = numberCache();
  const link = linkMaker();
  const none = once(WORDS.none, 'text');
  const noneWrapped = once(WORDS.none, 'wrap');
  const first = once(WORDS.first, 'text');
  const dues = new Map<string, PlanCell>();
  const due = (iso: string): PlanCell => {
    let cell = dues.get(iso);
    if (!cell) dues.set(iso, (cell = num(serialOf(iso, date1904), 'dateShort')));
    return cell;
  };
  const body: PlanCell[][] = [];
  result.workstreams.forEach((w, i) => {
    const wsCell = once(w.title, 'wrap');
    const sheetCell = once(w.sheet, 'wrap');
    const noRating = once(w.ratingColumn === null ? WORDS.none : WORDS.notRated, 'text');
    const col = statusColumn(w);
    const actions = w.actions;
    for (let k = 0; k < actions.length; k++) {
      const a = actions[k];
      const cell = a1(a.row, col);
      const target = a.target;
      const rating = a.rating && a.rating.word !== 'Unrated' ? a.rating.word : null;
      body.push([
        wsCell,
        sheetCell,
        link(w.sheet, cell, cell),
        // Numbers and texts are each an action's own: made as they come, not kept in a cache.
        a.id === null ? none : text(a.id, 'text'),
        NOT_BLANK.test(a.text) ? text(a.text, 'wrap') : noneWrapped,
        a.owner === null ? noneWrapped : once(a.owner, 'wrap'),
        once(a.progress ? a.progress.word : WORDS.notRecorded, 'text'),
        rating === null ? noRating : once(rating, 'text'),
        targetCell(a, date1904, number) ?? (target && NOT_BLANK.test(target.raw) ? text(target.raw, 'wrap') : noneWrapped),
        target?.final ? due(target.final) : once(NO_DUE[target?.state ?? 'empty'], 'text'),
        number(a.overdueDays ?? 0, 'integer'),
        change ? once(actionChangeText(change.actions[i][k], snapshotOf(a, w)), 'wrap') : first,
      ]);
    }
  });
  if (body.length === 0) body.push(nothingRow());
  const days = ACTIONS_COLUMNS.indexOf('Days overdue');
  const { sheet } = tableSheet({
    role: 'actions',
    name: ctx.target.name,
    existing: ctx.target.existing,
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
