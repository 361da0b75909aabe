import type { EngineResult, Workstream } from '../model';
import type { PlanCell, PlanSheet } from '../plan-schema';
import { completedShare, overallKind } from '../shares';
import { localSerial, num, numOr, plain, serialOf, text } from './cells';
import { HISTORY_COLUMNS, OVERALL, noShareWord } from './columns';
import type { SheetTarget } from './names';
import { ragStyleOf } from './styles';
import { tableSheet } from './table-sheet';

// RAG History: appended on every recalculation, never rewritten (DESIGN.md, "What
// it writes"): one row per work stream and one for the overall figures, in the long
// layout (Recalculated | As of | Work stream | RAG | Actions | % completed | Overdue),
// so a filter or a chart on it keeps working and a work stream added later needs
// no new column. An older history in the wide layout is set aside by names.ts.

export interface HistoryContext {
  result: EngineResult;
  target: SheetTarget;
  date1904: boolean;
}

/** A work stream's name in the history: its title, with its sheet where two share a title. */
export function historyNames(ws: readonly Workstream[]): string[] {
  const seen = new Map<string, number>();
  for (const w of ws) seen.set(w.title, (seen.get(w.title) ?? 0) + 1);
  return ws.map((w) => (seen.get(w.title)! > 1 ? `${w.title} (${w.sheet})` : w.title));
}

export function historySheet(ctx: HistoryContext): PlanSheet {
  const { result, date1904 } = ctx;
  const when = num(localSerial(new Date(result.generatedAt), date1904), 'stamp');
  const asOf = num(serialOf(result.asOf, date1904), 'dateShort');
  const names = historyNames(result.workstreams);
  const body: PlanCell[][] = result.workstreams.map((w, i) => [
    when,
    asOf,
    text(names[i], 'wrap'),
    text(w.figures.rag, ragStyleOf(w.figures.rag)),
    num(w.figures.counts.total),
    numOr(completedShare(w.figures, w.kind), noShareWord(w.kind), 'percent'),
    num(w.figures.overdue),
  ]);
  const o = result.overall;
  const kind = overallKind(result.workstreams.map((w) => w.kind));
  body.push([
    when,
    asOf,
    text(OVERALL, 'total'),
    text(o.rag, ragStyleOf(o.rag)),
    num(o.counts.total, 'total'),
    numOr(completedShare(o, kind), noShareWord(kind), 'totalPercent'),
    num(o.overdue, 'total'),
  ]);
  const { sheet, place } = tableSheet({
    role: 'history',
    name: ctx.target.name,
    existing: ctx.target.existing,
    head: [
      [text('RAG history', 'title')],
      [plain('One row per work stream and one overall row for each recalculation. Earlier rows are never rewritten.', 'note')],
      [],
    ],
    header: HISTORY_COLUMNS,
    body,
    columns: [
      { min: 18, max: 20 }, // Recalculated
      { min: 12, max: 14 }, // As of
      // Wide: seven columns leave room across a landscape page, and a name on one line keeps the rows short.
      { min: 30, max: 64 }, // Work stream
      { min: 10, max: 14 }, // RAG
      { min: 8, max: 10 }, // Actions
      { min: 11, max: 14 }, // % completed
      { min: 8, max: 10 }, // Overdue
    ],
    tableName: 'RagHistory',
    // Rows are added below, the page setup is kept from the first write: the as-of
    // dates are in the rows, and the footer says what the sheet is.
    footer: { left: 'RAG history', center: 'Each row has its as-of date', right: 'Page &P of &N' },
    tabColor: '#7F7F7F',
  });
  // The title and header are written only on a new (or empty) sheet; the rows go below the last row there.
  const { rows, ...rest } = sheet;
  return { ...rest, mode: 'append', head: rows.slice(0, place.headerRow + 1), rows: rows.slice(place.headerRow + 1) };
}
