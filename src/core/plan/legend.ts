import type { StatusKind } from '../model';
import { type LegendLine, describeRagRules } from '../rag';
import type { RagRules } from '../settings';
import type { RagValue } from '../vocabulary/ratings';

// The legend under RAG Summary's table: how each RAG was decided, for each kind of
// table the workbook has. Every sentence comes from the rules themselves
// (rag.ts describeRagRules), with the thresholds in force, so the legend can never
// say one thing while the work streams are judged by another. This file only chooses
// which blocks a workbook needs and gives them headings.

export interface LegendEntry {
  /** The RAG the sentence gives, or null for a sentence about all of them. */
  rag: RagValue | null;
  words: string;
}

export interface LegendBlock {
  heading: string;
  entries: LegendEntry[];
}

/** Said in the heading of a block of rules tried in order (a row saved keeps a summary on one page more often). */
const FIRST_APPLIES = ': the first line that applies, from the top, gives the RAG';

const lines = (list: readonly LegendLine[]): LegendEntry[] => list.map((l) => ({ rag: l.rag, words: l.text }));
const sentence = (words: string): LegendEntry => ({ rag: null, words });

/** The legend for the kinds of table present, and what every table shares. */
export function legendFor(rules: RagRules, dueSoonDays: number, kinds: readonly StatusKind[]): LegendBlock[] {
  const said = describeRagRules(rules, dueSoonDays);
  const present = new Set<StatusKind>(kinds.length ? kinds : ['progress']);
  const blocks: LegendBlock[] = [];
  // A table with both a status and a rating is judged by the progress rules too, so those come with it.
  if (present.has('progress') || present.has('both'))
    blocks.push({
      heading: `Tables with a progress status (Completed, In progress, Static, Not started)${FIRST_APPLIES}`,
      entries: [...lines(said.progress), sentence(said.implied)],
    });
  if (present.has('both')) blocks.push({ heading: 'Tables with both a progress status and a RAG rating', entries: [sentence(said.both)] });
  if (present.has('ratings'))
    blocks.push({ heading: 'Tables with RAG ratings only (no progress status)', entries: [sentence(said.ratings)] });
  // A ratings table where no action has a rating falls back on its dates, so the date rules come with it.
  if (present.has('neither') || present.has('ratings'))
    blocks.push({
      heading: `${present.has('neither') ? 'Tables with no status column, judged on target dates alone' : 'Judged on target dates alone (a ratings table where no action has a rating)'}${FIRST_APPLIES}`,
      entries: lines(said.neither),
    });
  blocks.push({ heading: 'For every table', entries: [...said.notes, said.overall].map(sentence) });
  return blocks;
}
