import type { StatusKind } from './model';
import { shareText } from './percent';
import type { Rag } from './report';
import type { Rollup, TrackerOutcome } from './rollup';
import { NOT_RATED, RAG_WORDS } from './vocabulary/ratings';

// The directorate's headline in words a manager can quote, the same on the
// Directorate summary sheet, in the pane and on the command line. The pane's first
// bundle imports this module, so it stays free of zod (types only from rollup.ts).

/** 12345 → `12,345`, the same on every machine. */
export function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${grouped(n)} ${n === 1 ? one : many}`;
}

/** `9 Red · 5 Amber · 6 Green · 1 Blue`: the ratings there are, worst first. */
export function ratingLine(byRag: Record<Rag, number>): string {
  // Worst first, as a manager quotes them; the work streams with nothing to judge last.
  const parts = [...[...RAG_WORDS].reverse(), NOT_RATED as Rag].filter((w) => byRag[w] > 0).map((w) => `${grouped(byRag[w])} ${w}`);
  return parts.length ? parts.join(' · ') : 'none';
}

export const hasProgress = (kinds: readonly StatusKind[]): boolean => kinds.some((k) => k === 'progress' || k === 'both');

type Read = Extract<TrackerOutcome, { kind: 'read' }>;

/**
 * `37% completed`, or `37% completed of the 1,100 actions whose progress is
 * recorded` where some tables record ratings or dates only: the share leaves their
 * actions out, so without the words it reads as a share of every action.
 */
export function completedWords(r: Rollup): string {
  let recorded = 0;
  for (const t of r.trackers)
    if (t.kind === 'read')
      for (const w of t.workstreams)
        if (w.kind === 'progress' || w.kind === 'both') recorded += w.counts.total - ((w.counts as { withdrawn?: number }).withdrawn ?? 0);
  const o = r.overall;
  const withdrawn = (o.counts as { withdrawn?: number }).withdrawn ?? 0;
  const share = `${shareText(o.percent.completed)} completed`;
  return o.percent.completed !== null && recorded < o.counts.total - withdrawn
    ? `${share} of the ${plural(recorded, 'action')} whose progress is recorded`
    : share;
}
type Refused = Extract<TrackerOutcome, { kind: 'refused' }>;

export interface Headline {
  /** The overall RAG, or null when there is nothing to rate. */
  rag: Rag | null;
  trackers: string;
  workstreams: string;
  actions: string;
  overdue: string;
  stated: string;
  findings: string;
  read: Read[];
  refused: Refused[];
}

/** `refusedWhere` names where the files not read are listed (a sheet, or the pane's list below). */
export function headline(r: Rollup, refusedWhere: string): Headline {
  const read = r.trackers.filter((t): t is Read => t.kind === 'read');
  const refused = r.trackers.filter((t): t is Refused => t.kind === 'refused');
  const o = r.overall;
  const workstreams = read.reduce((n, t) => n + t.workstreams.length, 0);
  return {
    rag: read.length && o.counts.total ? o.rag : null,
    trackers:
      `${plural(read.length, 'tracker')} read` +
      (refused.length ? ` · ${plural(refused.length, 'file')} could not be read: see ${refusedWhere}` : ''),
    workstreams: `${ratingLine(r.workstreamsByRag)} (${plural(workstreams, 'work stream')})`,
    actions:
      o.counts.total === 0
        ? 'no actions'
        : hasProgress(read.flatMap((t) => t.kinds))
          ? `${plural(o.counts.total, 'action')} · ${completedWords(r)}`
          : `${plural(o.counts.total, 'action')} · progress not recorded`,
    overdue: o.overdue ? `${plural(o.overdue, 'action')} overdue` : 'no action overdue',
    stated: r.stated.checked ? `${grouped(r.stated.checked)} checked · ${grouped(r.stated.stale)} stale` : 'none found',
    findings: `${plural(r.findings.error, 'error')} · ${plural(r.findings.warning, 'warning')} · ${plural(r.findings.info, 'note')}`,
    read,
    refused,
  };
}
