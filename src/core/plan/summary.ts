import type { ChangeSet } from '../change-schema';
import { directionText } from '../change-words';
import { a1 } from '../grid';
import { tableStart } from '../places';
import { findingsText, type Headline } from '../headline';
import { longDate } from '../long-date';
import type { EngineResult, StatusKind, Workstream } from '../model';
import type { PlanCell, PlanSheet, StyleName } from '../plan-schema';
import type { Figures } from '../report';
import type { Finding } from '../findings';
import { completedShare, countsProgress, inProgressShare, otherCount, overallKind } from '../shares';
import { RAG_WORDS } from '../vocabulary/ratings';
import { RATING_FIELD } from '../count-fields';
import { linkCell, localSerial, num, numOr, plain, serialOf, text } from './cells';
import { ALL_SHEETS, OVERALL, SUMMARY_COLUMNS, WORDS, noShareWord } from './columns';
import { legendFor } from './legend';
import type { SheetTarget } from './names';
import { ragStyleOf } from './styles';
import { footerFor, tableSheet } from './table-sheet';

// RAG Summary: the headline a manager quotes, then one row per work stream and the
// overall row in an Excel Table, then the legend stating the rules in force.

export interface SummaryContext {
  result: EngineResult;
  target: SheetTarget;
  issuesName: string;
  date1904: boolean;
  /** The findings as shown (identical ones once). */
  findings: readonly Finding[];
  headline: Headline;
  change: ChangeSet | null;
}

/** At most this many removed actions are named under the table; the report lists them all. */
const REMOVED_NAMED = 40;

function shareCell(share: number | null, kind: StatusKind, style: StyleName): PlanCell {
  return numOr(share, noShareWord(kind), style);
}

function figureCells(f: Figures, kind: StatusKind, bold: boolean): PlanCell[] {
  const c = f.counts;
  const i: StyleName = bold ? 'total' : 'integer';
  const p: StyleName = bold ? 'totalPercent' : 'percent';
  const counted = countsProgress(kind);
  const count = (n: number) => (counted ? num(n, i) : text(WORDS.notApplicable, i));
  return [
    num(c.total, i),
    count(c.completed),
    count(c.inProgress),
    count(c.static),
    count(c.notStarted),
    count(otherCount(c)),
    shareCell(completedShare(f, kind), kind, p),
    shareCell(inProgressShare(f, kind), kind, p),
    num(f.overdue, i),
    text(f.rag, ragStyleOf(f.rag)),
  ];
}

/** `Ratings given: 2 Red, 1 Amber, 1 Green.` for a table that records ratings. */
function ratingsGiven(f: Figures): string {
  const parts = [...RAG_WORDS]
    .reverse()
    .filter((w) => f.ratings[RATING_FIELD[w]] > 0)
    .map((w) => `${f.ratings[RATING_FIELD[w]]} ${w}`);
  return parts.length ? ` Ratings given: ${parts.join(', ')}.` : ' No ratings given.';
}

function why(w: Workstream): string {
  let s = w.figures.ragReason;
  if (w.kind === 'ratings' || w.kind === 'both') s += ratingsGiven(w.figures);
  if (w.stated && !w.stated.matches) s += ` The hand-typed totals in ${w.stated.range} are out of date.`;
  return s;
}

function changeCell(change: ChangeSet | null, i: number | 'overall', f: Figures, kind: StatusKind, style: StyleName): PlanCell {
  if (!change) return text(WORDS.first, style);
  const c = i === 'overall' ? change.overall : change.workstreams[i];
  return text(directionText(c, { rag: f.rag, completed: completedShare(f, kind) }), style);
}

function headRows(ctx: SummaryContext): PlanCell[][] {
  const { result, headline } = ctx;
  const label = (s: string) => text(s, 'label');
  const lines = new Map(headline.lines.map((l) => [l.key, l]));
  const line = (key: Parameters<typeof lines.get>[0]): PlanCell[] => {
    const l = lines.get(key)!;
    return [label(l.label), plain(l.text)];
  };
  return [
    [text(`RAG summary: ${result.source}`, 'title')],
    [label('Overall RAG'), text(headline.rag, ragStyleOf(headline.rag)), plain(headline.ragReason, 'headline')],
    line('workstreams'),
    line('actions'),
    line('overdue'),
    line('summaries'),
    [
      label('Findings'),
      ctx.findings.length
        ? linkCell(ctx.issuesName, 'A1', `${findingsText(ctx.findings)}: see ${ctx.issuesName}`)
        : plain(findingsText(ctx.findings)),
    ],
    line('change'),
    [label('As of'), num(serialOf(result.asOf, ctx.date1904), 'date')],
    [label('Recalculated'), num(localSerial(new Date(result.generatedAt), ctx.date1904), 'datetime')],
    [],
  ];
}

/**
 * The summary's status line: the time of recalculation, which says instead that a
 * recalculation is under way while Excel writes (plan.pending), so a write that
 * stops part way leaves a summary that says so.
 */
export const SUMMARY_STATUS_CELL = 'B10';

function legendRows(result: EngineResult, change: ChangeSet | null): PlanCell[][] {
  const rows: PlanCell[][] = [[text('How the RAG is decided', 'subtitle')]];
  const kinds = result.workstreams.map((w) => w.kind);
  for (const block of legendFor(result.settings.rag, result.settings.dueSoonDays, kinds)) {
    rows.push([text(block.heading, 'label')]);
    for (const e of block.entries) rows.push(e.rag ? [text(e.rag, ragStyleOf(e.rag)), plain(e.words, 'note')] : [plain(e.words, 'note')]);
  }
  rows.push([]);
  rows.push([text('Words in the table', 'label')]);
  rows.push([
    plain(`${WORDS.notApplicable}: the table records RAG ratings or dates, not progress, so progress cannot be counted.`, 'note'),
  ]);
  rows.push([
    plain(`${WORDS.notRecorded}: no share can be given, for the same reason; ${WORDS.noneCounted}: every action was withdrawn.`, 'note'),
  ]);
  rows.push([
    plain('Change since last: Better, Worse or Same, with the RAG and % completed then and now; New for a work stream first seen.', 'note'),
  ]);
  if (change && change.removed.length) {
    rows.push([]);
    rows.push([text(`Actions removed since ${change.since ? longDate(change.since) : 'the last recalculation'}`, 'subtitle')]);
    for (const r of change.removed.slice(0, REMOVED_NAMED)) {
      const what = r.action.length > 120 ? r.action.slice(0, 119) + '…' : r.action;
      rows.push([plain(`${r.workstream} (${r.sheet})${r.id ? `, action ${r.id}` : ''}: ${what}`, 'note')]);
    }
    if (change.removed.length > REMOVED_NAMED)
      rows.push([plain(`… and ${change.removed.length - REMOVED_NAMED} more, listed in the report.`, 'note')]);
  }
  return rows;
}

export function summarySheet(ctx: SummaryContext): PlanSheet {
  const { result, change } = ctx;
  const body: PlanCell[][] = result.workstreams.map((w, i) => [
    linkCell(w.sheet, tableStart(w), w.title, 'linkWrap'),
    text(w.sheet, 'wrap'),
    ...figureCells(w.figures, w.kind, false),
    changeCell(change, i, w.figures, w.kind, 'wrap'),
    text(why(w), 'wrap'),
  ]);
  const kind = overallKind(result.workstreams.map((w) => w.kind));
  body.push([
    text(OVERALL, 'total'),
    text(ALL_SHEETS, 'total'),
    ...figureCells(result.overall, kind, true),
    changeCell(change, 'overall', result.overall, kind, 'total'),
    text(result.overall.ragReason, 'total'),
  ]);
  const pct = SUMMARY_COLUMNS.indexOf('% Completed');
  const overdue = SUMMARY_COLUMNS.indexOf('Overdue');
  const { sheet } = tableSheet({
    role: 'summary',
    name: ctx.target.name,
    existing: ctx.target.existing,
    head: headRows(ctx),
    header: SUMMARY_COLUMNS,
    body,
    after: legendRows(result, change),
    columns: [
      { min: 24, max: 40 }, // Work stream
      { min: 12, max: 20 }, // Sheet
      ...[0, 1, 2, 3, 4, 5].map(() => ({ min: 8, max: 10 })),
      { min: 9, max: 12 },
      { min: 9, max: 12 },
      { min: 8, max: 10 },
      { min: 10, max: 14 }, // RAG
      { min: 16, max: 28 }, // Change since last
      { min: 30, max: 48 }, // Why
    ],
    tableName: 'RagSummary',
    footer: footerFor('RAG summary', longDate(result.asOf)),
    tabColor: '#1F3864',
    freeze: false,
    conditionalFormats: (first, last) => [
      { type: 'dataBar', range: `${a1(first, pct)}:${a1(last, pct)}`, color: '#5B9BD5' },
      // An expression rule, not "cell value", because LibreOffice applies these too.
      { type: 'expression', range: `${a1(first, overdue)}:${a1(last, overdue)}`, formula: `${a1(first, overdue)}>0`, style: 'sev-error' },
    ],
  });
  return sheet;
}
