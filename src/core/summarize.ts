import { a1, areaA1 } from './grid';
import { type Finding, finding } from './findings';
import type { ActionRow, StatusKind, Workstream } from './model';
import { PROGRESS_COUNT_FIELDS, RATING_FIELD, READ_COUNT_FIELD, emptyCounts, emptyRatings } from './count-fields';
import type { Counts, Difference, Figures, Percent, Rag, Ratings, Stated } from './report';
import { wholePercent } from './percent';
import type { RagRules } from './settings';
import type { SummaryBlock } from './summary-blocks';
import { PROGRESS_READINGS } from './vocabulary/progress';
import { RAG_WORDS, type RagWord } from './vocabulary/ratings';

// Counts, percentages, the RAG and the reconciliation of hand-typed totals.

/** What a RAG is judged from: the counts, and how late the latest action is. */
export interface Tally {
  counts: Counts;
  ratings: Ratings;
  overdue: number;
  dueSoon: number;
  maxOverdue: number;
}

function tally(actions: ActionRow[], kind: StatusKind): Tally {
  // Counted by the reading's place in its list, then named: a tracker has 100,000s
  // of actions, and an increment of a property named by a variable costs several
  // times a plain one.
  const read = new Array<number>(PROGRESS_READINGS.length).fill(0);
  const rated = new Array<number>(RAG_WORDS.length).fill(0);
  let unrated = 0;
  let unread = 0;
  let overdue = 0;
  let dueSoon = 0;
  let maxOverdue = 0;
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    if (a.progress) read[PROGRESS_READINGS.indexOf(a.progress.word)]++;
    else if (kind === 'neither') unread++;
    const r = a.rating ? RAG_WORDS.indexOf(a.rating.word as RagWord) : -1;
    if (r >= 0) rated[r]++;
    else unrated++;
    if (a.overdueDays !== null) {
      overdue++;
      maxOverdue = Math.max(maxOverdue, a.overdueDays);
    }
    if (a.dueSoon) dueSoon++;
  }
  const counts = emptyCounts();
  counts.total = actions.length;
  PROGRESS_READINGS.forEach((w, k) => (counts[READ_COUNT_FIELD[w]] += read[k]));
  counts.noStatus += unread;
  const ratings = emptyRatings();
  RAG_WORDS.forEach((w, k) => (ratings[RATING_FIELD[w]] = rated[k]));
  ratings.unrated = unrated;
  return { counts, ratings, overdue, dueSoon, maxOverdue };
}

/** Each progress word's share of the actions. */
function percentOf(c: Counts): Percent {
  const t = c.total || 1;
  return Object.fromEntries(PROGRESS_COUNT_FIELDS.map((f) => [f, c[f] / t])) as Percent;
}

/** The default rules of DESIGN.md, with thresholds from settings. */
export function deriveRag(t: Tally, rules: RagRules, hasProgress: boolean): { rag: Rag; reason: string } {
  const c = t.counts;
  if (c.total === 0) return { rag: 'Green', reason: 'No actions to judge.' };
  if (hasProgress && c.completed === c.total) return { rag: 'Blue', reason: 'Every action is completed.' };
  if (t.maxOverdue > rules.redOverdueDays)
    return { rag: 'Red', reason: `An action is overdue by ${t.maxOverdue} days (more than ${rules.redOverdueDays}).` };
  if (hasProgress && c.static / c.total >= rules.redStaticShare)
    return { rag: 'Red', reason: `${c.static} of ${c.total} actions are Static (${wholePercent(rules.redStaticShare)}% or more).` };
  const reasons: string[] = [];
  if (t.overdue) reasons.push(`${t.overdue} overdue`);
  if (c.static) reasons.push(`${c.static} Static`);
  if (c.unrecognised) reasons.push(`${c.unrecognised} with an unrecognised status`);
  if (hasProgress && c.noStatus) reasons.push(`${c.noStatus} without a status`);
  if (reasons.length) return { rag: 'Amber', reason: `Actions needing attention: ${reasons.join(', ')}.` };
  return { rag: 'Green', reason: hasProgress ? 'No action is overdue, Static or without a status.' : 'No action is overdue.' };
}

function ratingRag(r: Ratings, rule: 'worst' | 'most-common'): Rag | null {
  const present = RAG_WORDS.filter((w) => r[RATING_FIELD[w]] > 0);
  if (!present.length) return null;
  if (rule === 'worst') return present[present.length - 1];
  // Most common; ties go to the worse rating, the cautious reading.
  return [...present].sort((a, b) => r[RATING_FIELD[b]] - r[RATING_FIELD[a]] || RAG_WORDS.indexOf(b) - RAG_WORDS.indexOf(a))[0];
}

export function figuresFor(actions: ActionRow[], kind: StatusKind, rules: RagRules): Figures {
  return figuresOfTally(tally(actions, kind), kind, rules);
}

/** Figures from counts already made: the directorate roll-up judges many trackers' tallies together. */
export function figuresOfTally(t: Tally, kind: StatusKind, rules: RagRules): Figures {
  let rag: Rag;
  let ragReason: string;
  if (kind === 'ratings') {
    const declared = ratingRag(t.ratings, rules.ratingsRule);
    if (declared) {
      rag = declared;
      ragReason = rules.ratingsRule === 'worst' ? `The worst rating given is ${declared}.` : `The most common rating is ${declared}.`;
    } else {
      ({ rag, reason: ragReason } = deriveRag(t, rules, false));
    }
  } else {
    ({ rag, reason: ragReason } = deriveRag(t, rules, kind !== 'neither'));
    if (kind === 'neither') ragReason = `No status column: judged on target dates alone. ${ragReason}`;
  }
  return { counts: t.counts, ratings: t.ratings, percent: percentOf(t.counts), overdue: t.overdue, dueSoon: t.dueSoon, rag, ragReason };
}

/** The overall figures apply the same rules to every action together. */
export function overallFigures(ws: Workstream[], rules: RagRules): Figures {
  const actions = ws.flatMap((w) => w.actions);
  const kinds = new Set(ws.map((w) => w.kind));
  return overallOfTally(tally(actions, countedAs(overallKind(kinds))), kinds, rules);
}

/**
 * The overall figures from a tally of all the actions of work streams of these kinds:
 * one workbook's, or (ragbook rollup) every tracker's together.
 */
export function overallOfTally(t: Tally, kinds: ReadonlySet<StatusKind>, rules: RagRules): Figures {
  const kind = overallKind(kinds);
  const f = figuresOfTally(t, countedAs(kind), rules);
  // Tables that record no progress add their actions to "No status" in their own
  // rows only; overall, the columns must still add up to the actions.
  const counted =
    f.counts.completed + f.counts.inProgress + f.counts.static + f.counts.notStarted + f.counts.unrecognised + f.counts.noStatus;
  if (counted < f.counts.total && kind !== 'ratings') f.counts.noStatus += f.counts.total - counted;
  return f;
}

/** Progress wins over ratings when work streams of both kinds are judged together. */
function overallKind(kinds: ReadonlySet<StatusKind>): StatusKind {
  if (kinds.size === 0) return 'progress';
  if (kinds.size === 1) return [...kinds][0];
  return kinds.has('progress') || kinds.has('both') ? 'progress' : 'ratings';
}

const countedAs = (kind: StatusKind): StatusKind => (kind === 'both' ? 'progress' : kind);

/** Per-action RAG by the same rules, to compare with a declared rating. */
export function actionRag(a: ActionRow, rules: RagRules): Rag | null {
  if (!a.progress) return null;
  if (a.progress.word === 'Completed') return 'Blue';
  if (a.overdueDays !== null && a.overdueDays > rules.redOverdueDays) return 'Red';
  if (a.overdueDays !== null || a.progress.word === 'Static' || a.progress.word === 'Unrecognised' || a.progress.word === 'No status')
    return 'Amber';
  return 'Green';
}

/** Compares a hand-typed block with the recalculated figures of the work streams it covers. */
export function reconcile(block: SummaryBlock, covered: Workstream[]): Stated {
  // A block may count ratings (`Blue | Green | Amber | Red | Total`) as well as progress.
  const sum: Record<string, number> = { ...emptyRatings(), ...emptyCounts() };
  for (const w of covered) {
    const own: Record<string, number> = { ...w.figures.ratings, ...w.figures.counts };
    for (const k of Object.keys(sum)) sum[k] += own[k];
  }
  const differences: Difference[] = [];
  // Counts first, then percentages, each in the block's column order.
  for (const f of block.fields) {
    const actual = sum[f.field];
    if (f.countCell !== null && f.count !== actual) {
      differences.push({ field: f.field, label: f.label, stated: f.count, actual, cell: f.countCell });
    }
  }
  for (const f of block.fields) {
    const actual = sum[f.field];
    if (f.percentCell !== null && f.field !== 'total' && f.percent !== null) {
      const own = sum.total ? wholePercent(actual / sum.total) : 0;
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
