import { areaA1 } from './grid';
import type { EngineResult, Figures } from './model';
import type { Report } from './report';

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
    workstreams: result.workstreams.map((w) => ({
      title: w.title,
      sheet: w.sheet,
      range: areaA1(w.area),
      ...figures(w.figures),
      stated: w.stated,
    })),
    overall: figures(result.overall),
    issues: result.findings,
  };
}
