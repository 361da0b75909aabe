import { headlineOf } from '../headline';
import type { WorkbookGrid } from '../grid';
import type { EngineResult } from '../model';
import type { Plan } from '../plan-schema';
import { actionsSheet } from './actions';
import { historySheet } from './history';
import { shownFindings } from '../findings-collapse';
import { issuesSheet } from './issues';
import type { SheetPlacement } from './names';
import { STYLES } from './styles';
import { SUMMARY_STATUS_CELL, summarySheet } from './summary';

// The plan: the sheets Ragbook writes, as plain data an adapter applies (one file
// per sheet beside this one). RAG Summary comes first and is the sheet shown after
// a recalculation, in every host.

export { placeSheets, type SheetPlacement, type SheetTarget } from './names';
export { shownFindings } from '../findings-collapse';
export { STYLES } from './styles';

function clock(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return Number.isNaN(d.getTime()) ? iso : `${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function buildPlan(result: EngineResult, wb: WorkbookGrid, placement: SheetPlacement): Plan {
  const findings = shownFindings(result);
  const headline = headlineOf({
    workstreams: result.workstreams,
    overall: result.overall,
    findings,
    change: result.change,
    dueSoonDays: result.settings.dueSoonDays,
  });
  const t = placement.targets;
  const date1904 = wb.date1904;
  return {
    sheets: [
      summarySheet({ result, target: t.summary, issuesName: t.issues.name, date1904, findings, headline, change: result.change }),
      actionsSheet({ result, target: t.actions, date1904, change: result.change }),
      issuesSheet({ result, target: t.issues, date1904, findings }),
      historySheet({ result, target: t.history, date1904 }),
    ],
    styles: STYLES,
    activate: t.summary.name,
    settingsJson: JSON.stringify(result.settings),
    retire: placement.retire,
    pending: {
      cell: SUMMARY_STATUS_CELL,
      text: `A recalculation started at ${clock(result.generatedAt)} and has not finished. If this stays, recalculate again: the next one repairs the summary.`,
    },
  };
}
