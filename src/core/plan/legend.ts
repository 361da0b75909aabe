import type { StatusKind } from '../model';
import { wholePercent } from '../percent';
import type { RagRules } from '../settings';

// The legend under RAG Summary's table: how each RAG was decided, in the rules in
// force (the thresholds come from the settings), for each kind of table the
// workbook has. It states what summarize.ts does; tests/plan-legend.test.ts builds
// a work stream for each sentence and checks that the engine gives that RAG, so the
// two cannot drift apart unnoticed.

export interface LegendEntry {
  /** The RAG the sentence gives, or null for a sentence about all of them. */
  rag: string | null;
  words: string;
}

export interface LegendBlock {
  heading: string;
  entries: LegendEntry[];
}

function overdueRules(rules: RagRules): LegendEntry[] {
  return [
    { rag: 'Red', words: `An action is overdue by more than ${rules.redOverdueDays} days.` },
    { rag: 'Amber', words: 'An action is overdue.' },
    { rag: 'Green', words: 'No action is overdue.' },
  ];
}

const BLOCKS: Record<StatusKind, (rules: RagRules) => LegendBlock> = {
  progress: (rules) => ({
    heading: 'Tables with a progress status (Completed, In progress, Static, Not started)',
    entries: [
      { rag: 'Blue', words: 'Every action is Completed.' },
      {
        rag: 'Red',
        words: `An action is overdue by more than ${rules.redOverdueDays} days, or ${wholePercent(rules.redStaticShare)}% or more of the actions are Static.`,
      },
      { rag: 'Amber', words: 'An action is overdue or Static, or has a status Ragbook does not know, or none.' },
      { rag: 'Green', words: 'Otherwise: no action is overdue, Static or without a status.' },
    ],
  }),
  both: () => ({
    heading: 'Tables with both a progress status and a RAG rating',
    entries: [
      {
        rag: null,
        words:
          'The RAG comes from the status and dates, as above; a rating kinder than the status and dates make it is listed on the issues sheet.',
      },
    ],
  }),
  ratings: (rules) => ({
    heading: 'Tables with RAG ratings only (no progress status)',
    entries: [
      {
        rag: null,
        words:
          rules.ratingsRule === 'worst'
            ? 'The RAG is the worst rating given to any action.'
            : 'The RAG is the rating given most often (a tie goes to the worse rating).',
      },
      { rag: null, words: 'Where no action has a rating, the RAG comes from target dates alone:' },
      ...overdueRules(rules),
    ],
  }),
  neither: (rules) => ({
    heading: 'Tables with no status column: judged on target dates alone',
    entries: overdueRules(rules),
  }),
};

const ORDER: StatusKind[] = ['progress', 'both', 'ratings', 'neither'];

/** The legend for the kinds of table present, and what every table shares. */
export function legendFor(rules: RagRules, dueSoonDays: number, kinds: readonly StatusKind[]): LegendBlock[] {
  const present = new Set(kinds.length ? kinds : ['progress']);
  // A table with both a status and a rating is judged by the progress rules, so those come with it.
  if (present.has('both')) present.add('progress');
  const blocks = ORDER.filter((k) => present.has(k)).map((k) => BLOCKS[k](rules));
  blocks.push({
    heading: 'For every table',
    entries: [
      {
        rag: null,
        words: `An action is overdue when its target date is before the as-of date and it is not Completed; due soon when its target falls within ${dueSoonDays} days.`,
      },
      { rag: null, words: 'The overall RAG applies the same rules to all actions together.' },
    ],
  });
  return blocks;
}
