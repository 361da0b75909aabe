import type {
  ActionChange,
  ActionSnapshot,
  Baseline,
  ChangeCounts,
  ChangeKind,
  ChangeSet,
  Direction,
  Standing,
  WorkstreamChange,
} from './change-schema';
import { a1 } from './grid';
import { statusColumn } from './places';
import type { ActionRow, StatusKind, Workstream } from './model';
import { wholePercent } from './percent';
import type { Figures } from './report';
import { completedShare, overallKind } from './shares';
import { RAG_WORDS } from './vocabulary/ratings';

// Direction of travel (DESIGN.md, "What it computes"): each action now is matched
// with the same action at the last recalculation, by sheet, work stream and action
// number, or by the action's text, and what changed is named: completed since,
// newly overdue, went backwards, target moved, added, removed. Each work stream
// gets its RAG and % completed then and now and a word: Better, Worse, Same or New.
// The last recalculation is read from the RAG Actions sheet it left
// (compare-baseline.ts); `ragbook compare` builds the same baseline from an older
// copy of the tracker (baselineOf).

/** One action as it stands now, in the words RAG Actions writes and the next recalculation reads back. */
export function snapshotOf(a: ActionRow, w: Workstream): ActionSnapshot {
  const rating = a.rating && a.rating.word !== 'Unrated' ? a.rating.word : null;
  return {
    sheet: w.sheet,
    workstream: w.title,
    cell: a1(a.row, statusColumn(w)),
    id: a.id,
    action: a.text,
    status: a.progress ? a.progress.word : null,
    rating,
    target: a.target && a.target.raw.trim() !== '' ? a.target.raw : null,
    due: a.target?.final ?? null,
    overdueDays: a.overdueDays,
  };
}

/** How a work stream (or the whole workbook) stands: its RAG, and its share completed where progress was counted. */
export function standingOf(f: Figures, kind: StatusKind): Standing {
  return { rag: f.rag, completed: completedShare(f, kind) };
}

/** What `compare` and the engine compare: the work streams read now and the overall figures. */
export interface Current {
  workstreams: readonly Workstream[];
  overall: Figures;
}

/** A recalculation's result as a baseline, as if the next one read it from RAG Actions. */
export function baselineOf(asOf: string, current: Current): Baseline {
  return {
    since: asOf,
    actions: current.workstreams.flatMap((w) => w.actions.map((a) => snapshotOf(a, w))),
    workstreams: current.workstreams.map((w) => ({ sheet: w.sheet, title: w.title, ...standingOf(w.figures, w.kind) })),
    overall: standingOf(current.overall, overallKind(current.workstreams.map((w) => w.kind))),
  };
}

// ---------------------------------------------------------------------------
// Matching

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

type Key = (s: ActionSnapshot) => string | null;

// Most specific first. A key that two actions share on either side (a number used
// twice in a work stream) matches nothing, and the next key is tried.
const KEYS: Key[] = [
  (s) => (s.id === null || norm(s.id) === '' ? null : `${s.sheet}\u0000${s.workstream}\u0000${norm(s.id)}`),
  (s) => (norm(s.action) === '' ? null : `${s.sheet}\u0000${s.workstream}\u0000${norm(s.action)}`),
  // The work stream's title was edited: the same number, or the same text, on the same sheet.
  (s) => (s.id === null || norm(s.id) === '' ? null : `${s.sheet}\u0000${norm(s.id)}`),
  (s) => (norm(s.action) === '' ? null : `${s.sheet}\u0000${norm(s.action)}`),
];

function indexBy(list: readonly ActionSnapshot[], free: (i: number) => boolean, key: Key): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let i = 0; i < list.length; i++) {
    if (!free(i)) continue;
    const k = key(list[i]);
    if (k === null) continue;
    const at = out.get(k);
    if (at) at.push(i);
    else out.set(k, [i]);
  }
  return out;
}

/** For each action now, the index of the same action then, or -1. */
export function matchActions(then: readonly ActionSnapshot[], now: readonly ActionSnapshot[]): number[] {
  const match = new Array<number>(now.length).fill(-1);
  const taken = new Array<boolean>(then.length).fill(false);
  for (const key of KEYS) {
    const before = indexBy(then, (i) => !taken[i], key);
    const after = indexBy(now, (i) => match[i] < 0, key);
    for (const [k, nows] of after) {
      const thens = before.get(k);
      if (nows.length !== 1 || !thens || thens.length !== 1) continue;
      match[nows[0]] = thens[0];
      taken[thens[0]] = true;
    }
  }
  return match;
}

// ---------------------------------------------------------------------------
// What changed

// Progress words from furthest back to furthest on. Static and Not started are
// level: an action that stalls has gone backwards from In progress, but one that
// was never started and is now Static has not moved. Words not listed (withdrawn,
// unrecognised, no status) say nothing about direction.
const PROGRESS_RANK: Readonly<Record<string, number>> = { 'Not started': 0, Static: 0, 'In progress': 1, Completed: 2 };

function ragRank(word: string | null): number | null {
  if (word === null) return null;
  const i = (RAG_WORDS as readonly string[]).indexOf(word);
  return i < 0 ? null : i;
}

function isDone(s: ActionSnapshot): boolean {
  return s.status === 'Completed' || (s.status === null && s.rating === 'Blue');
}

function wentBackwards(then: ActionSnapshot, now: ActionSnapshot): boolean {
  const a = then.status === null ? undefined : PROGRESS_RANK[then.status];
  const b = now.status === null ? undefined : PROGRESS_RANK[now.status];
  if (a !== undefined && b !== undefined && b < a) return true;
  const x = ragRank(then.rating);
  const y = ragRank(now.rating);
  return x !== null && y !== null && y > x;
}

/** The kinds of change from `then` to `now`, in CHANGE_KINDS' order. */
export function changeKinds(then: ActionSnapshot, now: ActionSnapshot): ChangeKind[] {
  const kinds: ChangeKind[] = [];
  if (isDone(now) && !isDone(then)) kinds.push('completed');
  if (now.overdueDays !== null && then.overdueDays === null) kinds.push('newly-overdue');
  if (wentBackwards(then, now)) kinds.push('went-backwards');
  if (then.due !== now.due) kinds.push('target-moved');
  return kinds;
}

/** The word for a work stream's direction: a better RAG, else a higher whole % completed. */
export function directionOf(then: Standing | null, now: Standing): Direction {
  if (!then) return 'New';
  const a = ragRank(then.rag);
  const b = ragRank(now.rag);
  if (a !== null && b !== null && a !== b) return b < a ? 'Better' : 'Worse';
  if (then.completed !== null && now.completed !== null) {
    const x = wholePercent(then.completed);
    const y = wholePercent(now.completed);
    if (x !== y) return y > x ? 'Better' : 'Worse';
  }
  return 'Same';
}

/** The share completed among actions as they stood, where any had a progress word. */
function completedAmong(actions: readonly ActionSnapshot[]): number | null {
  let counted = 0;
  let done = 0;
  for (const a of actions) {
    if (a.status === null || a.status === 'Withdrawn') continue;
    counted++;
    if (a.status === 'Completed') done++;
  }
  return counted ? done / counted : null;
}

function emptyCounts(): ChangeCounts {
  return { completed: 0, newlyOverdue: 0, wentBackwards: 0, targetMoved: 0, added: 0, removed: 0 };
}

const COUNT_OF: Record<ChangeKind, keyof ChangeCounts> = {
  completed: 'completed',
  'newly-overdue': 'newlyOverdue',
  'went-backwards': 'wentBackwards',
  'target-moved': 'targetMoved',
  added: 'added',
  removed: 'removed',
};

/**
 * How a work stream stood then: its row of the last summary (same sheet and title,
 * else the same title alone when only one had it), else the work stream most of its
 * matched actions came from, with the share worked out from those actions.
 */
function standingThen(w: Workstream, thenOfActions: (ActionSnapshot | null)[], baseline: Baseline): Standing | null {
  const same = baseline.workstreams.filter((b) => b.title === w.title);
  const row = same.find((b) => b.sheet === w.sheet) ?? (same.length === 1 ? same[0] : undefined);
  if (row) return { rag: row.rag, completed: row.completed };
  const votes = new Map<string, number>();
  for (const t of thenOfActions)
    if (t) votes.set(`${t.sheet}\u0000${t.workstream}`, (votes.get(`${t.sheet}\u0000${t.workstream}`) ?? 0) + 1);
  if (votes.size === 0) {
    const byTitle = baseline.actions.filter((a) => a.sheet === w.sheet && a.workstream === w.title);
    return byTitle.length ? { rag: null, completed: completedAmong(byTitle) } : null;
  }
  const [key] = [...votes].sort((a, b) => b[1] - a[1])[0];
  const [sheet, title] = key.split('\u0000');
  const summary = baseline.workstreams.find((b) => b.sheet === sheet && b.title === title);
  if (summary) return { rag: summary.rag, completed: summary.completed };
  return { rag: null, completed: completedAmong(baseline.actions.filter((a) => a.sheet === sheet && a.workstream === title)) };
}

/** This recalculation compared with the baseline the last one left. */
export function compareWithBaseline(baseline: Baseline, current: Current): ChangeSet {
  const now = current.workstreams.flatMap((w) => w.actions.map((a) => snapshotOf(a, w)));
  const match = matchActions(baseline.actions, now);
  const counts = emptyCounts();
  const matched = new Array<boolean>(baseline.actions.length).fill(false);
  const actions: ActionChange[][] = [];
  const workstreams: WorkstreamChange[] = [];
  let k = 0;
  for (const w of current.workstreams) {
    const mine: ActionChange[] = [];
    const thens: (ActionSnapshot | null)[] = [];
    for (let i = 0; i < w.actions.length; i++, k++) {
      const j = match[k];
      const then = j < 0 ? null : baseline.actions[j];
      if (j >= 0) matched[j] = true;
      const kinds: ChangeKind[] = then ? changeKinds(then, now[k]) : ['added'];
      for (const kind of kinds) counts[COUNT_OF[kind]]++;
      mine.push({ kinds, then });
      thens.push(then);
    }
    actions.push(mine);
    const then = standingThen(w, thens, baseline);
    const standing = standingOf(w.figures, w.kind);
    workstreams.push({
      since: baseline.since,
      rag: then?.rag ?? null,
      completed: then?.completed ?? null,
      direction: directionOf(then, standing),
    });
  }
  const removed = baseline.actions.filter((_, j) => !matched[j]);
  counts.removed = removed.length;
  const overallNow = standingOf(current.overall, overallKind(current.workstreams.map((w) => w.kind)));
  const overallThen = baseline.overall ?? (baseline.actions.length ? { rag: null, completed: completedAmong(baseline.actions) } : null);
  return {
    since: baseline.since,
    counts,
    workstreams,
    overall: {
      since: baseline.since,
      rag: overallThen?.rag ?? null,
      completed: overallThen?.completed ?? null,
      direction: directionOf(overallThen, overallNow),
    },
    actions,
    removed,
  };
}
