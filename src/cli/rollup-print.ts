import { shareText } from '../core/percent';
import type { Rollup } from '../core/rollup';
import { completedWords, grouped, ratingLine } from '../core/rollup-headline';
import { NOT_RATED } from '../core/vocabulary/ratings';

// The terminal view of a directorate: one line per tracker, the files not read with
// their reasons, and the headline across all of them.

const COLUMNS = ['File', 'Work streams', 'Actions', '% Done', 'Overdue', 'RAG', 'Last recalculated'];

function clip(s: string, n: number): string {
  return s.length > n ? '…' + s.slice(s.length - n + 1) : s;
}

export function formatRollup(r: Rollup): string {
  const rows: string[][] = [COLUMNS];
  const refused: string[] = [];
  for (const t of r.trackers) {
    if (t.kind === 'refused') {
      refused.push(`  ${t.message}`);
      continue;
    }
    const c = t.overall.counts;
    const progress = t.kinds.some((k) => k === 'progress' || k === 'both');
    rows.push([
      clip(t.file, 48),
      String(t.workstreams.length),
      String(c.total),
      c.total === 0 ? 'no actions' : progress ? shareText(t.overall.percent.completed) : 'n/a',
      String(t.overall.overdue),
      t.workstreams.length ? t.overall.rag : NOT_RATED,
      t.lastRecalculated ? t.lastRecalculated.replace('T', ' ') : 'never',
    ]);
  }
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i >= 1 && i <= 4 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  if (refused.length) out.push('', `Not read (${refused.length}):`, ...refused);
  const o = r.overall;
  const read = rows.length - 1;
  out.push(
    '',
    `Overall: ${o.counts.total ? o.rag : NOT_RATED} · ${grouped(read)} of ${grouped(r.trackers.length)} files read · ` +
      `${grouped(o.counts.total)} actions, ${completedWords(r)}, ${grouped(o.overdue)} overdue · ` +
      `work streams ${ratingLine(r.workstreamsByRag)}`,
  );
  return out.join('\n');
}
