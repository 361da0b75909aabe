import type { ChangeSet } from './change-schema';
import { FIRST_RECALCULATION, changeCountsText } from './change-words';
import type { Finding } from './findings';
import type { StatusKind } from './model';
import { percentText } from './percent';
import type { Figures, Stated } from './report';
import { completedShare, countsProgress, overallKind } from './shares';
import { RAG_WORDS } from './vocabulary/ratings';

// The headline a manager quotes in ten seconds (DESIGN.md, "What it writes"): the
// overall RAG, how many work streams are Red, Amber, Green and Blue, the actions and
// the share completed, what is overdue, the hand-typed summaries that are out of
// date, the findings, and what changed since last time. RAG Summary writes it in
// its first rows, the pane shows it first and the command line prints it, all from
// here. The pane's first bundle imports this module, so it stays free of zod.

/** Just what the headline reads of a work stream. */
export interface HeadlineWorkstream {
  kind: StatusKind;
  figures: Figures;
  stated: Stated | null;
  actions: readonly { overdueDays: number | null }[];
}

export interface HeadlineInput {
  workstreams: readonly HeadlineWorkstream[];
  overall: Figures;
  /** The findings as shown (identical ones once). */
  findings: readonly Finding[];
  change: ChangeSet | null;
  dueSoonDays: number;
}

export type HeadlineKey = 'workstreams' | 'actions' | 'overdue' | 'summaries' | 'findings' | 'change';

export interface HeadlineLine {
  key: HeadlineKey;
  label: string;
  text: string;
}

export interface Headline {
  rag: string;
  ragReason: string;
  /** Work streams per RAG, worst first: the four colours always, the others when any has them. */
  perRating: { rag: string; count: number }[];
  lines: HeadlineLine[];
}

const ALWAYS = new Set(['Red', 'Amber', 'Green', 'Blue']);

/** Work streams per RAG, worst first. */
export function perRating(rags: readonly string[]): { rag: string; count: number }[] {
  const count = new Map<string, number>();
  for (const r of rags) count.set(r, (count.get(r) ?? 0) + 1);
  const order: string[] = [...RAG_WORDS].reverse();
  for (const r of count.keys()) if (!order.includes(r)) order.push(r);
  return order.filter((r) => ALWAYS.has(r) || (count.get(r) ?? 0) > 0).map((rag) => ({ rag, count: count.get(rag) ?? 0 }));
}

/** `9 Red · 5 Amber · 6 Green · 1 Blue` */
export function perRatingText(rows: { rag: string; count: number }[]): string {
  return rows.map((r) => `${r.count} ${r.rag}`).join(' · ');
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * `93 actions: 33 completed (45% of the 73 whose progress is recorded), …; 20 in
 * tables of RAG ratings or dates only`. The share is of the actions whose progress
 * was counted; where some tables record no progress, the headline says how many
 * actions the share is of, so a manager quoting "33 completed (45%)" is not taken
 * for 33 of 93.
 */
function actionsText(input: HeadlineInput, kind: StatusKind): string {
  const f = input.overall;
  const c = f.counts;
  const total = plural(c.total, 'action');
  const share = completedShare(f, kind);
  if (!countsProgress(kind)) return `${total}; progress not recorded (${kind === 'ratings' ? 'RAG ratings only' : 'no status column'})`;
  if (c.total === 0) return total;
  if (share === null) return `${total}; none left to count`;
  // Actions of tables that record no progress count as without status overall (summarize.ts), not in the share.
  let recorded = 0;
  let withoutStatus = 0;
  for (const w of input.workstreams)
    if (countsProgress(w.kind)) {
      recorded += w.figures.counts.total;
      withoutStatus += w.figures.counts.noStatus;
    }
  const unrecorded = c.total - recorded;
  const withdrawn = (c as Partial<Record<string, number>>).withdrawn ?? 0;
  const of = unrecorded > 0 ? ` of the ${recorded - withdrawn} whose progress is recorded` : '';
  const parts = [
    `${c.completed} completed (${percentText(share)}${of})`,
    `${c.inProgress} in progress`,
    `${c.static} static`,
    `${c.notStarted} not started`,
  ];
  // The rest by name, so the parts add up to the total.
  if (withdrawn) parts.push(`${withdrawn} withdrawn`);
  if (c.unrecognised) parts.push(`${c.unrecognised} unrecognised`);
  const noStatus = unrecorded > 0 ? withoutStatus : c.noStatus;
  if (noStatus) parts.push(`${noStatus} without status`);
  const rest = unrecorded > 0 ? `; ${unrecorded} in tables of RAG ratings or dates only` : '';
  return `${total}: ${parts.join(', ')}${rest}`;
}

function overdueText(input: HeadlineInput): string {
  let longest = 0;
  for (const w of input.workstreams) for (const a of w.actions) if (a.overdueDays !== null) longest = Math.max(longest, a.overdueDays);
  const o = input.overall;
  const soon = o.dueSoon ? `; ${o.dueSoon} due in the next ${plural(input.dueSoonDays, 'day')}` : '';
  if (!o.overdue) return `None overdue${soon}`;
  return `${plural(o.overdue, 'action')} overdue, the longest by ${plural(longest, 'day')}${soon}`;
}

function summariesText(ws: readonly HeadlineWorkstream[]): string {
  const checked = ws.filter((w) => w.stated);
  const stale = checked.filter((w) => !w.stated!.matches).length;
  if (!checked.length) return 'None found under the tables';
  if (!stale) return checked.length === 1 ? 'The one found agrees with the rows' : `All ${checked.length} agree with the rows`;
  return `${stale} of ${checked.length} out of date`;
}

/** The findings counted by severity: `6 errors, 20 warnings, 51 notes`. */
export function findingsText(findings: readonly Finding[]): string {
  const n = { error: 0, warning: 0, info: 0 };
  for (const f of findings) n[f.severity]++;
  if (!findings.length) return 'No problems found';
  return `${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${plural(n.info, 'note')}`;
}

export function headlineOf(input: HeadlineInput): Headline {
  const rows = perRating(input.workstreams.map((w) => w.figures.rag));
  const kind = overallKind(input.workstreams.map((w) => w.kind));
  return {
    rag: input.overall.rag,
    ragReason: input.overall.ragReason,
    perRating: rows,
    lines: [
      { key: 'workstreams', label: 'Work streams', text: `${plural(input.workstreams.length, 'work stream')}: ${perRatingText(rows)}` },
      { key: 'actions', label: 'Actions', text: actionsText(input, kind) },
      { key: 'overdue', label: 'Overdue', text: overdueText(input) },
      { key: 'summaries', label: 'Hand-typed summaries', text: summariesText(input.workstreams) },
      { key: 'findings', label: 'Findings', text: findingsText(input.findings) },
      {
        key: 'change',
        label: 'Since last',
        text: input.change ? changeCountsText(input.change.counts, input.change.since) : FIRST_RECALCULATION,
      },
    ],
  };
}
