import { wholePercent } from './percent';
import type { Ratings } from './report';
import type { RagRules } from './settings';
import type { ActionRow, StatusKind } from './model';
import { RATING_FIELD } from './count-fields';
import { BUILT_IN_SPELLINGS } from './vocabulary/progress';
import { NOT_RATED, RAG_WORDS, type RagValue, type RagWord } from './vocabulary/ratings';

// The RAG rules (DESIGN.md, "What it computes" and "Statuses, ratings and progress"),
// in one place: each rule is data (the RAG it gives, when it applies, why, and how
// the legend states it), so the work stream's reason and the legend written on the
// summary come from the same rules and cannot drift apart.

/** What the rules look at: a work stream's actions, tallied. Actions that no longer count (Withdrawn) are left out of every figure but `withdrawn`. */
export interface RagTally {
  total: number;
  withdrawn: number;
  /** Actions whose progress was read (a status or a percentage) and that still count. */
  counting: number;
  completed: number;
  static: number;
  unrecognised: number;
  noStatus: number;
  overdue: number;
  maxOverdue: number;
  /** Actions still counting whose target gives a date. */
  dated: number;
  /** The worst rating a status word implies (`At risk`: Amber), and the word as typed. */
  worstImplied: RagWord | null;
  worstImpliedBy: string | null;
  /** The ratings declared, counted per rating. */
  ratings: Ratings;
}

export interface RagVerdict {
  rag: RagValue;
  /** One sentence saying which rule gave the RAG. */
  reason: string;
}

/** One rule: the RAG it gives when it applies, why (for the work stream), and the legend's words for it. */
export interface RagRule {
  id: string;
  rag: RagValue;
  applies: (t: RagTally, rules: RagRules) => boolean;
  reason: (t: RagTally, rules: RagRules) => string;
  legend: (rules: RagRules) => string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function attention(t: RagTally): string[] {
  const out: string[] = [];
  if (t.overdue) out.push(`${t.overdue} overdue`);
  if (t.static) out.push(`${t.static} Static`);
  if (t.unrecognised) out.push(`${t.unrecognised} with an unrecognised status`);
  if (t.noStatus) out.push(`${t.noStatus} without a status`);
  return out;
}

/**
 * Where a table records progress (a status or a percentage complete): the first
 * rule that applies gives the RAG, which is then never better than the worst
 * rating a status word implies (IMPLIED_RULE).
 */
export const PROGRESS_RULES: readonly RagRule[] = [
  {
    id: 'nothing-counts',
    rag: NOT_RATED,
    applies: (t) => t.counting === 0,
    reason: (t) => (t.total === 0 ? 'There are no actions to judge.' : 'Every action is withdrawn: nothing is left to judge.'),
    legend: () => 'No action still counts (there are none, or every one is withdrawn).',
  },
  {
    id: 'all-completed',
    rag: 'Blue',
    applies: (t) => t.completed === t.counting,
    reason: (t) => (t.withdrawn ? 'Every action that still counts is completed.' : 'Every action is completed.'),
    legend: () => 'Complete: every action that still counts is Completed.',
  },
  {
    id: 'overdue-long',
    rag: 'Red',
    applies: (t, r) => t.maxOverdue > r.redOverdueDays,
    reason: (t, r) => `An action is overdue by ${t.maxOverdue} days (more than ${r.redOverdueDays}).`,
    legend: (r) => `An action is overdue by more than ${r.redOverdueDays} days.`,
  },
  {
    id: 'static-share',
    rag: 'Red',
    applies: (t, r) => t.static / t.counting >= r.redStaticShare,
    reason: (t, r) => `${t.static} of ${plural(t.counting, 'action')} are Static (${wholePercent(r.redStaticShare)}% or more).`,
    legend: (r) => `${wholePercent(r.redStaticShare)}% or more of the actions are Static.`,
  },
  {
    id: 'needs-attention',
    rag: 'Amber',
    applies: (t) => attention(t).length > 0,
    reason: (t) => `Actions needing attention: ${attention(t).join(', ')}.`,
    legend: () => 'An action is overdue, Static, has an unrecognised status or has none.',
  },
  {
    id: 'on-track',
    rag: 'Green',
    applies: () => true,
    reason: () => 'No action is overdue, Static or without a status.',
    legend: () => 'Otherwise: on track.',
  },
];

/** `at risk, delayed or slipping`: the built-in spellings that imply a rating, as a person lists them. */
function spellingsImplying(rating: RagWord): string {
  const words = BUILT_IN_SPELLINGS.filter((s) => s.implies === rating).map((s) => s.spelling.charAt(0).toUpperCase() + s.spelling.slice(1));
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}` : (words[0] ?? '');
}

/** A status word that implies a rating (`At risk`, `Off track`, `Not achieved`) keeps the work stream at that rating or worse. */
export const IMPLIED_RULE = {
  id: 'implied',
  reason: (t: RagTally) => `A status of '${t.worstImpliedBy}' means at least ${t.worstImplied}.`,
  legend: () => {
    const worse = RAG_WORDS.filter((w) => w !== 'Blue' && w !== 'Green' && spellingsImplying(w));
    const parts = worse.map((w) => `${spellingsImplying(w)}: at least ${w}`);
    return `Never better than the worst rating a status implies (${parts.join('; ')}).`;
  },
} as const;

/** Where a table records neither a status nor a rating: judged on target dates alone. */
export const DATE_RULES: readonly RagRule[] = [
  {
    id: 'no-dates',
    rag: NOT_RATED,
    applies: (t) => t.dated === 0,
    reason: () => 'No status or rating, and no readable target date: nothing to judge by.',
    legend: () => 'No status, no rating and no readable target date.',
  },
  {
    id: 'dates-overdue-long',
    rag: 'Red',
    applies: (t, r) => t.maxOverdue > r.redOverdueDays,
    reason: (t, r) => `Judged on target dates alone: an action is overdue by ${t.maxOverdue} days (more than ${r.redOverdueDays}).`,
    legend: (r) => `An action is overdue by more than ${r.redOverdueDays} days.`,
  },
  {
    id: 'dates-overdue',
    rag: 'Amber',
    applies: (t) => t.overdue > 0,
    reason: (t) => `Judged on target dates alone: ${plural(t.overdue, 'action')} overdue.`,
    legend: () => 'An action is overdue.',
  },
  {
    id: 'dates-on-time',
    rag: 'Green',
    applies: () => true,
    reason: () => 'Judged on target dates alone: no action is overdue.',
    legend: () => 'Otherwise.',
  },
];

/** Ratings declared by the table, where it has them: the worst, or the most common (settings). */
export const DECLARED_RULE = {
  id: 'declared',
  legend: (r: RagRules) =>
    r.ratingsRule === 'worst' ? 'The worst rating given to any action.' : 'The rating given to most actions (a tie goes to the worse).',
} as const;

/** Best to worst, Not rated apart: it is no rating, so never better or worse than one. */
export function rank(rag: RagWord): number {
  return RAG_WORDS.indexOf(rag);
}

/** The worse of two RAGs; Not rated gives way to any rating. */
export function worse(a: RagValue, b: RagValue): RagValue {
  if (a === NOT_RATED) return b;
  if (b === NOT_RATED) return a;
  return rank(a) >= rank(b) ? a : b;
}

function firstApplying(list: readonly RagRule[], t: RagTally, rules: RagRules): RagVerdict {
  const rule = list.find((r) => r.applies(t, rules)) ?? list[list.length - 1];
  return { rag: rule.rag, reason: rule.reason(t, rules) };
}

/** The RAG derived from progress, never better than the worst rating a status implies. */
export function derivedRag(t: RagTally, rules: RagRules): RagVerdict {
  const v = firstApplying(PROGRESS_RULES, t, rules);
  if (v.rag === NOT_RATED || !t.worstImplied || rank(t.worstImplied) <= rank(v.rag)) return v;
  return { rag: t.worstImplied, reason: `${IMPLIED_RULE.reason(t)} ${v.reason}` };
}

/** The RAG of the ratings declared, or null when no action has one. */
export function declaredRag(t: RagTally, rules: RagRules): RagVerdict | null {
  const present = RAG_WORDS.filter((w) => t.ratings[RATING_FIELD[w]] > 0);
  if (!present.length) return null;
  if (rules.ratingsRule === 'worst') {
    const w = present[present.length - 1];
    return { rag: w, reason: `The worst rating given is ${w}.` };
  }
  // Most common; ties go to the worse rating, the cautious reading.
  const count = (w: RagWord) => t.ratings[RATING_FIELD[w]];
  const w = [...present].sort((a, b) => count(b) - count(a) || rank(b) - rank(a))[0];
  return { rag: w, reason: `The most common rating is ${w}.` };
}

/** The RAG judged on target dates alone. */
export function datesRag(t: RagTally, rules: RagRules): RagVerdict {
  return firstApplying(DATE_RULES, t, rules);
}

/**
 * A work stream's RAG by the kind of table it comes from: progress derives it;
 * ratings take the declared ones (dates alone when none is given); both take the
 * worse of the two; neither judges on dates alone, Not rated without any.
 */
export function ragFor(kind: StatusKind, t: RagTally, rules: RagRules): RagVerdict {
  if (kind === 'progress') return derivedRag(t, rules);
  if (kind === 'neither') {
    const v = datesRag(t, rules);
    return v.rag === NOT_RATED ? v : { rag: v.rag, reason: `No status column: ${v.reason.charAt(0).toLowerCase()}${v.reason.slice(1)}` };
  }
  const declared = declaredRag(t, rules);
  if (kind === 'ratings') {
    if (declared) return declared;
    const v = datesRag(t, rules);
    return { rag: v.rag, reason: `No action has a rating. ${v.reason}` };
  }
  const derived = derivedRag(t, rules);
  if (!declared || worse(derived.rag, declared.rag) === derived.rag) return derived;
  return declared;
}

/** The worse of several verdicts (the overall RAG of tables of different kinds); Not rated only when all are. */
export function worstVerdict(verdicts: readonly RagVerdict[]): RagVerdict {
  let out: RagVerdict = { rag: NOT_RATED, reason: 'There are no actions to judge.' };
  for (const v of verdicts) if (out.rag === NOT_RATED || worse(out.rag, v.rag) !== out.rag) out = v;
  return out;
}

/**
 * One action's RAG by the progress rules (for comparing with a rating declared
 * beside it); null where its progress is unknown or it no longer counts.
 */
export function actionRag(a: ActionRow, rules: RagRules): RagWord | null {
  if (!a.progress || a.progress.word === 'Withdrawn') return null;
  let rag: RagWord;
  if (a.progress.word === 'Completed') rag = 'Blue';
  else if (a.overdueDays !== null && a.overdueDays > rules.redOverdueDays) rag = 'Red';
  else if (a.overdueDays !== null || (a.progress.word !== 'In progress' && a.progress.word !== 'Not started')) rag = 'Amber';
  else rag = 'Green';
  const implied = a.progress.implied;
  return implied && rank(implied) > rank(rag) ? implied : rag;
}

/** One line of the legend: a RAG and when it is given. */
export interface LegendLine {
  rag: RagValue;
  text: string;
}

/** The rules in force, in words, for the legend written on the summary and shown in the pane. */
export interface RagLegend {
  /** Tables that record progress: the first line that applies, top to bottom. */
  progress: LegendLine[];
  /** The limit the implied ratings put on the progress RAG. */
  implied: string;
  /** Tables that record ratings only. */
  ratings: string;
  /** Tables that record both. */
  both: string;
  /** Tables that record neither: the first line that applies, top to bottom. */
  neither: LegendLine[];
  /** What overdue, due soon and withdrawn mean. */
  notes: string[];
  /** How the overall RAG is judged (summarize.ts overallOfTallies: each kind of table by its rules, then the worst). */
  overall: string;
}

/** States the rules in force in words; the legend is generated from this, never written by hand. */
export function describeRagRules(rules: RagRules, dueSoonDays: number): RagLegend {
  const lines = (list: readonly RagRule[]) => list.map((r) => ({ rag: r.rag, text: r.legend(rules) }));
  return {
    progress: lines(PROGRESS_RULES),
    implied: IMPLIED_RULE.legend(),
    ratings: `${DECLARED_RULE.legend(rules)} Where no action has a rating, judged on target dates alone.`,
    both: `The worse of the RAG from progress and the ${rules.ratingsRule === 'worst' ? 'worst rating given' : 'most common rating'}.`,
    neither: lines(DATE_RULES),
    notes: [
      `An action is overdue when its target date is before the as-of date and it is neither Completed nor Withdrawn; due soon when its target falls within the next ${dueSoonDays} days.`,
      'Withdrawn actions are counted but left out of the percentages and the RAG.',
    ],
    overall:
      'The overall RAG judges all the actions of each kind of table together, by the rules for that kind, and is the worst of those; Not rated only when nothing can be judged.',
  };
}
