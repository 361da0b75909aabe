import type { ActionChange, ActionSnapshot, ChangeCounts, ChangeKind, WorkstreamChange } from './change-schema';
import { longDate } from './long-date';
import { percentText } from './percent';

// The direction of travel in words, the same on RAG Summary, RAG Actions, the pane
// and the command line. The pane's first bundle imports this module, so it stays
// free of zod and of the engine (type imports only).

/** Each kind of change as a heading: `Completed since last`, `Newly overdue`… */
export const CHANGE_HEADINGS: Readonly<Record<ChangeKind, string>> = {
  completed: 'Completed since last',
  'newly-overdue': 'Newly overdue',
  'went-backwards': 'Went backwards',
  'target-moved': 'Target moved',
  added: 'Added',
  removed: 'Removed',
};

/** The order the kinds are counted in a sentence, each with its words for one and for several. */
const COUNTED: readonly [keyof ChangeCounts, string, string][] = [
  ['completed', 'completed', 'completed'],
  ['newlyOverdue', 'newly overdue', 'newly overdue'],
  ['wentBackwards', 'went backwards', 'went backwards'],
  ['targetMoved', 'target moved', 'targets moved'],
  ['added', 'added', 'added'],
  ['removed', 'removed', 'removed'],
];

/** `Since 31 August 2025: 3 completed, 2 newly overdue, 1 target moved.` */
export function changeCountsText(counts: ChangeCounts, since: string | null): string {
  const parts = COUNTED.filter(([f]) => counts[f] > 0).map(([f, one, many]) => `${counts[f]} ${counts[f] === 1 ? one : many}`);
  const when = since ? `Since ${longDate(since)}` : 'Since the last recalculation';
  return parts.length ? `${when}: ${parts.join(', ')}.` : `${when}: no action changed.`;
}

/** The sentence for a first recalculation, when there is nothing to compare with. */
export const FIRST_RECALCULATION = 'First recalculation: nothing to compare with yet.';

function dueText(s: ActionSnapshot): string {
  if (s.due) return longDate(s.due);
  return s.target ? `'${s.target.length > 40 ? s.target.slice(0, 39) + '…' : s.target}'` : 'none';
}

function standingWord(s: ActionSnapshot): string {
  return s.status ?? s.rating ?? 'no status';
}

/** One action's change in words: `Completed (was In progress); target moved: 30 June 2025 → 30 September 2025`. */
export function actionChangeText(change: ActionChange, now: ActionSnapshot): string {
  if (change.kinds.includes('added') || !change.then) return 'Added';
  const then = change.then;
  if (change.kinds.length === 0) return 'No change';
  const parts = change.kinds.map((kind) => {
    switch (kind) {
      case 'completed':
        return `Completed (was ${standingWord(then)})`;
      case 'newly-overdue':
        return now.overdueDays !== null ? `Newly overdue (${now.overdueDays} day${now.overdueDays === 1 ? '' : 's'})` : 'Newly overdue';
      case 'went-backwards':
        return then.status !== null && now.status !== null && then.status !== now.status
          ? `Went backwards: ${then.status} → ${now.status}`
          : `Went backwards: ${then.rating ?? 'not rated'} → ${now.rating ?? 'not rated'}`;
      case 'target-moved':
        return `Target moved: ${dueText(then)} → ${dueText(now)}`;
      default:
        return CHANGE_HEADINGS[kind];
    }
  });
  return parts.join('; ');
}

function shareText(share: number | null): string {
  return share === null ? 'not counted' : percentText(share);
}

/**
 * A work stream's direction in words: `Better: Amber → Green, 50% → 67%`, `Same:
 * Green, 67%`, `New`. `now` is how it stands now.
 */
export function directionText(change: WorkstreamChange, now: { rag: string; completed: number | null }): string {
  if (change.direction === 'New') return 'New since last';
  const rag = change.rag === null || change.rag === now.rag ? now.rag : `${change.rag} → ${now.rag}`;
  const before = shareText(change.completed);
  const after = shareText(now.completed);
  const share = before === after ? after : `${before} → ${after}`;
  return `${change.direction}: ${rag}, ${share}`;
}
