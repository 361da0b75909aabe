import { a1, areaA1 } from './grid';
import { type Finding, finding } from './findings';
import type { ActionRow, StatusKind, Workstream } from './model';
import { COUNT_FIELDS, RATING_FIELD, RATING_FIELDS, READ_COUNT_FIELD, SHARE_FIELDS, emptyCounts, emptyRatings } from './count-fields';
import type { Counts, Difference, Figures, Percent, Ratings, Stated } from './report';
import { wholePercent } from './percent';
import { type RagTally, type RagVerdict, ragFor, worstVerdict } from './rag';
import type { RagRules } from './settings';
import type { SummaryBlock } from './summary-blocks';
import { PROGRESS_READINGS } from './vocabulary/progress';
import { RAG_WORDS, type RagWord } from './vocabulary/ratings';

export { actionRag } from './rag';

// Counts, percentages, the RAG (by the rules of rag.ts) and the reconciliation of
// hand-typed totals.

export interface Tally extends RagTally {
  counts: Counts;
  dueSoon: number;
}

function tally(actions: readonly ActionRow[], kind: StatusKind): Tally {
  return tallyOf([actions], kind);
}

/** The tally of several lists of actions as one, in order: the work streams of a kind, without copying their actions into one list. */
function tallyOf(lists: readonly (readonly ActionRow[])[], kind: StatusKind): Tally {
  // Counted by the reading's place in its list, then named: a tracker has 100,000s
  // of actions, and an increment of a property named by a variable costs several
  // times a plain one.
  const read = new Array<number>(PROGRESS_READINGS.length).fill(0);
  const rated = new Array<number>(RAG_WORDS.length).fill(0);
  const withdrawnAt = PROGRESS_READINGS.indexOf('Withdrawn');
  let unrated = 0;
  let unread = 0;
  let progressed = 0;
  let overdue = 0;
  let dueSoon = 0;
  let maxOverdue = 0;
  let dated = 0;
  let worstImplied: RagWord | null = null;
  let worstImpliedBy: string | null = null;
  let total = 0;
  for (const actions of lists) total += actions.length;
  for (let j = 0; j < lists.length; j++) {
    const actions = lists[j];
    for (let i = 0; i < actions.length; i++) {
      const a = actions[i];
      // A rating is counted as declared, whatever the status beside it; so the ratings add up to the actions.
      const r = a.rating ? RAG_WORDS.indexOf(a.rating.word as RagWord) : -1;
      if (r >= 0) rated[r]++;
      else unrated++;
      const p = a.progress;
      if (p) {
        const k = PROGRESS_READINGS.indexOf(p.word);
        read[k]++;
        progressed++;
        // A withdrawn action no longer counts: it implies nothing, and is never overdue or due soon.
        if (k === withdrawnAt) continue;
        if (p.implied && (worstImplied === null || RAG_WORDS.indexOf(p.implied) > RAG_WORDS.indexOf(worstImplied))) {
          worstImplied = p.implied;
          worstImpliedBy = p.raw.trim();
        }
      } else if (kind === 'neither') unread++;
      if (a.target?.final) dated++;
      if (a.overdueDays !== null) {
        overdue++;
        if (a.overdueDays > maxOverdue) maxOverdue = a.overdueDays;
      }
      if (a.dueSoon) dueSoon++;
    }
  }
  const counts = emptyCounts();
  counts.total = total;
  PROGRESS_READINGS.forEach((w, k) => (counts[READ_COUNT_FIELD[w]] += read[k]));
  counts.noStatus += unread;
  const ratings = emptyRatings();
  RAG_WORDS.forEach((w, k) => (ratings[RATING_FIELD[w]] = rated[k]));
  ratings.unrated = unrated;
  return {
    counts,
    ratings,
    total,
    withdrawn: counts.withdrawn,
    counting: progressed - counts.withdrawn,
    completed: counts.completed,
    static: counts.static,
    unrecognised: counts.unrecognised,
    noStatus: read[PROGRESS_READINGS.indexOf('No status')],
    overdue,
    dueSoon,
    maxOverdue,
    dated,
    worstImplied,
    worstImpliedBy,
  };
}

/**
 * Each counting word's share of the actions whose progress was read and that still
 * count; every share null where there are none (DESIGN.md: "where nothing was
 * counted ... never 0%").
 */
function percentOf(t: Tally): Percent {
  const out = {} as Percent;
  for (const f of SHARE_FIELDS) out[f] = t.counting > 0 ? t.counts[f] / t.counting : null;
  return out;
}

function figures(t: Tally, verdict: RagVerdict): Figures {
  return {
    counts: t.counts,
    ratings: t.ratings,
    percent: percentOf(t),
    overdue: t.overdue,
    dueSoon: t.dueSoon,
    rag: verdict.rag,
    ragReason: verdict.reason,
  };
}

export function figuresFor(actions: readonly ActionRow[], kind: StatusKind, rules: RagRules): Figures {
  const t = tally(actions, kind);
  return figures(t, ragFor(kind, t, rules));
}

/**
 * The tallies the overall figures are judged from: the actions of tables that
 * record progress, of tables that record ratings (a table with both is in each),
 * of tables with neither, and every action. Plain numbers, so that a roll-up can
 * add the tallies of many trackers (addTallies) without holding their actions.
 */
export interface OverallTallies {
  progress: Tally | null;
  ratings: Tally | null;
  neither: Tally | null;
  all: Tally;
  /** Every work stream records ratings alone (none records progress). */
  onlyRatings: boolean;
  /** There was no work stream at all. */
  empty: boolean;
}

// The overall figures are tallied when a workbook is judged, and a directorate's
// summary of the same tracker tallies its work streams again: kept per list of work
// streams (judged work streams are not changed afterwards), the second is free.
const talliesOf = new WeakMap<readonly Workstream[], OverallTallies>();

export function overallTallies(ws: readonly Workstream[]): OverallTallies {
  let tallies = talliesOf.get(ws);
  if (!tallies) talliesOf.set(ws, (tallies = tallyWorkstreams(ws)));
  return tallies;
}

function tallyWorkstreams(ws: readonly Workstream[]): OverallTallies {
  const byKind = new Map<StatusKind, ActionRow[][]>();
  const all: ActionRow[][] = [];
  for (const w of ws) {
    let lists = byKind.get(w.kind);
    if (!lists) byKind.set(w.kind, (lists = []));
    lists.push(w.actions);
    all.push(w.actions);
  }
  const progress = [...(byKind.get('progress') ?? []), ...(byKind.get('both') ?? [])];
  const rated = [...(byKind.get('ratings') ?? []), ...(byKind.get('both') ?? [])];
  const neither = byKind.get('neither') ?? [];
  const onlyRatings = ws.length > 0 && ws.every((w) => w.kind === 'ratings');
  return {
    progress: byKind.has('progress') || byKind.has('both') ? tallyOf(progress, 'progress') : null,
    ratings: byKind.has('ratings') || byKind.has('both') ? tallyOf(rated, 'ratings') : null,
    neither: byKind.has('neither') ? tallyOf(neither, 'neither') : null,
    all: tallyOf(all, onlyRatings ? 'ratings' : 'progress'),
    onlyRatings,
    empty: ws.length === 0,
  };
}

/** The sum of two tallies: what one tally of both sets of actions would be. */
function addTally(a: Tally | null, b: Tally | null): Tally | null {
  if (a === null || b === null) return a ?? b;
  const counts = { ...a.counts };
  for (const k of Object.keys(counts) as (keyof Counts)[]) counts[k] += b.counts[k];
  const ratings = { ...a.ratings };
  for (const k of Object.keys(ratings) as (keyof Ratings)[]) ratings[k] += b.ratings[k];
  const bWorse =
    b.worstImplied !== null && (a.worstImplied === null || RAG_WORDS.indexOf(b.worstImplied) > RAG_WORDS.indexOf(a.worstImplied));
  return {
    counts,
    ratings,
    total: a.total + b.total,
    withdrawn: a.withdrawn + b.withdrawn,
    counting: a.counting + b.counting,
    completed: a.completed + b.completed,
    static: a.static + b.static,
    unrecognised: a.unrecognised + b.unrecognised,
    noStatus: a.noStatus + b.noStatus,
    overdue: a.overdue + b.overdue,
    dueSoon: a.dueSoon + b.dueSoon,
    maxOverdue: Math.max(a.maxOverdue, b.maxOverdue),
    dated: a.dated + b.dated,
    worstImplied: bWorse ? b.worstImplied : a.worstImplied,
    worstImpliedBy: bWorse ? b.worstImpliedBy : a.worstImpliedBy,
  };
}

/** The tallies of two sets of work streams together (ragbook rollup: every tracker's). */
export function addTallies(a: OverallTallies, b: OverallTallies): OverallTallies {
  if (a.empty) return b;
  if (b.empty) return a;
  return {
    progress: addTally(a.progress, b.progress),
    ratings: addTally(a.ratings, b.ratings),
    neither: addTally(a.neither, b.neither),
    all: addTally(a.all, b.all)!,
    onlyRatings: a.onlyRatings && b.onlyRatings,
    empty: false,
  };
}

export const NO_TALLIES: OverallTallies = {
  progress: null,
  ratings: null,
  neither: null,
  all: tally([], 'progress'),
  onlyRatings: false,
  empty: true,
};

/**
 * The overall figures apply the same rules to every action together: the actions of
 * tables that record progress are judged by the progress rules, those of tables
 * that record ratings by their ratings, those of tables with neither by their dates,
 * and the overall RAG is the worst of those.
 */
export function overallFigures(ws: readonly Workstream[], rules: RagRules): Figures {
  return overallOfTallies(overallTallies(ws), rules);
}

export function overallOfTallies(g: OverallTallies, rules: RagRules): Figures {
  const verdicts: RagVerdict[] = [];
  if (g.progress) verdicts.push(ragFor('progress', g.progress, rules));
  if (g.ratings) verdicts.push(ragFor('ratings', g.ratings, rules));
  if (g.neither) verdicts.push(ragFor('neither', g.neither, rules));
  // Copied: the tally may be a tracker's own, still wanted after this.
  const t: Tally = { ...g.all, counts: { ...g.all.counts } };
  // Tables that record no progress add their actions to "No status" in their own
  // rows only; overall, the columns must still add up to the actions.
  const c = t.counts;
  const counted = c.completed + c.inProgress + c.static + c.notStarted + c.withdrawn + c.unrecognised + c.noStatus;
  if (counted < c.total && !g.onlyRatings) c.noStatus += c.total - counted;
  return figures(t, worstVerdict(verdicts));
}

/** Compares a hand-typed block with the recalculated figures of the work streams it covers. */
export function reconcile(block: SummaryBlock, covered: Workstream[]): Stated {
  // A block may count ratings (`Blue | Green | Amber | Red | Total`) as well as progress.
  const sum: Record<string, number> = { ...emptyRatings(), ...emptyCounts() };
  // Field by field from the lists of fields: no copy of each work stream's figures.
  for (const w of covered) {
    for (const k of RATING_FIELDS) sum[k] += w.figures.ratings[k];
    for (const k of COUNT_FIELDS) sum[k] += w.figures.counts[k];
  }
  const differences: Difference[] = [];
  // Counts first, then percentages, each in the block's column order.
  for (const f of block.fields) {
    const actual = sum[f.field];
    if (f.countCell !== null && f.count !== actual) {
      differences.push({ field: f.field, label: f.label, stated: f.count, actual, cell: f.countCell });
    }
  }
  // A block's percentages are shares of the actions that still count, as the figures'
  // are; a share of ratings is of every action.
  const progressField = (f: string) => (SHARE_FIELDS as readonly string[]).includes(f);
  for (const f of block.fields) {
    const actual = sum[f.field];
    if (f.percentCell !== null && f.field !== 'total' && f.percent !== null) {
      const base = progressField(f.field) ? sum.total - sum.withdrawn : sum.total;
      const own = base ? wholePercent(actual / base) : 0;
      // The typed share as the sheet shows it: 28.5% is 29%, as Excel rounds it.
      if (wholePercent(f.percent) !== own) {
        differences.push({
          field: `percent.${f.field}`,
          label: `% ${f.label}`,
          stated: f.percent,
          actual: own / 100,
          cell: f.percentCell,
        });
      }
    }
  }
  return { range: areaA1(block.area), covers: covered.map((w) => w.title), matches: differences.length === 0, differences };
}

/**
 * Which work streams a block counts. A block normally covers the table right
 * above it; sub-streams such as 2a and 2b share one block under the last of them.
 * The block's own Total decides between the two readings, and where it matches
 * neither, streams numbered alike (2a, 2b) are taken together.
 */
export function coveredBy(candidates: Workstream[], block: SummaryBlock): Workstream[] {
  const last = candidates[candidates.length - 1];
  const stated = block.fields.find((f) => f.field === 'total')?.count ?? null;
  if (stated !== null) {
    let sum = 0;
    for (let i = candidates.length - 1; i >= 0; i--) {
      sum += candidates[i].figures.counts.total;
      if (sum === stated) return candidates.slice(i);
    }
  }
  // Otherwise the whole table above (all its areas or sections, which share its header), and sub-streams numbered alike.
  const stem = subStreamStem(last.title);
  let i = candidates.length - 1;
  while (
    i > 0 &&
    ((candidates[i - 1].sheet === last.sheet && candidates[i - 1].headerRow === last.headerRow) ||
      (stem !== null && subStreamStem(candidates[i - 1].title) === stem))
  )
    i--;
  return candidates.slice(i);
}

function subStreamStem(title: string): string | null {
  const m = /(\d+)\s*[a-z]\b/i.exec(title);
  return m ? m[1] : null;
}

/** `typed(cell)` is the text of a cell of the block as it stands in the sheet: the finding quotes it as typed. */
export function staleFindings(w: Workstream, stated: Stated, typed: (cell: string) => string): Finding[] {
  if (stated.matches) return [];
  return stated.differences.map((d) =>
    finding(
      'summary.stale',
      { sheet: w.sheet, cell: d.cell, workstream: w.title, value: typed(d.cell) },
      { covers: stated.covers, label: d.label, stated: d.stated, actual: d.actual, percent: d.field.startsWith('percent.') },
    ),
  );
}

export function firstCell(w: Workstream): string {
  return a1(w.area.r1, w.area.c1);
}
