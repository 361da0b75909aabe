import { a1, areaA1 } from './grid';
import type { ActionChange } from './change-schema';
import type { ActionRow, EngineResult, Workstream } from './model';
import type { Figures, Report, ReportAction } from './report';

// The stable JSON report (DESIGN.md, "Report format"), built from the engine's result.

function figures(f: Figures) {
  return {
    counts: f.counts,
    ratings: f.ratings,
    percent: f.percent,
    overdue: f.overdue,
    dueSoon: f.dueSoon,
    rag: f.rag,
    ragReason: f.ragReason,
  };
}

export function toReport(result: EngineResult): Report {
  return {
    schema: 'ragbook.report/1',
    source: result.source,
    asOf: result.asOf,
    workstreams: result.workstreams.map((w, i) => ({
      title: w.title,
      sheet: w.sheet,
      range: areaA1(w.area),
      ...figures(w.figures),
      stated: w.stated,
      change: result.change ? result.change.workstreams[i] : null,
      actions: w.actions.map((a, k) => action(a, w, result.change ? result.change.actions[i][k] : null)),
    })),
    overall: { ...figures(result.overall), change: result.change ? result.change.overall : null },
    issues: result.findings,
    change: result.change ? { since: result.change.since, counts: result.change.counts, removed: result.change.removed } : null,
    tables: result.tables,
  };
}

/** Each action as read, so a reader of the report can check every status and date Ragbook took. */
function action(a: ActionRow, w: Workstream, change: ActionChange | null): ReportAction {
  return {
    row: a.row + 1,
    id: a.id,
    action: a.text,
    status:
      a.progress && w.progressColumn !== null
        ? {
            cell: a1(a.row, w.progressColumn),
            value: a.progress.raw,
            read: a.progress.word,
            how: a.progress.how,
            implied: a.progress.implied,
          }
        : null,
    rating:
      a.rating && w.ratingColumn !== null
        ? { cell: a1(a.row, w.ratingColumn), value: a.rating.raw, read: a.rating.word, how: a.rating.how, fill: a.rating.fill ?? null }
        : null,
    percent:
      a.percent && w.percentColumn !== null
        ? { cell: a1(a.row, w.percentColumn), value: a.percent.raw, fraction: a.percent.fraction, how: a.percent.how }
        : null,
    target:
      a.target && a.targetCell !== null
        ? {
            // The revised target's cell, the original's where that is empty, or the range of a milestone action's dates.
            cell: a.targetCell,
            value: a.target.raw,
            state: a.target.state,
            final: a.target.final,
            parts: a.target.parts.map((p) => ({ text: p.text, kind: p.kind, start: p.start ?? null, end: p.end ?? null, rule: p.rule })),
          }
        : null,
    owner: a.owner,
    overdueDays: a.overdueDays,
    dueSoon: a.dueSoon,
    change,
  };
}
