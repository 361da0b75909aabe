import type { Finding, Severity } from '../findings';
import { longDate } from '../long-date';
import type { EngineResult } from '../model';
import type { PlanCell, PlanSheet } from '../plan-schema';
import { cellCache, linkMaker, num, plain, serialOf, text } from './cells';
import { AS_OF_LABEL, ISSUES_COLUMNS, WORDS } from './columns';
import type { SheetTarget } from './names';
import { footerFor, tableSheet } from './table-sheet';

// RAG Issues: one row per finding, errors first, each with a link to its cell.
// Identical findings are listed once, and the notes saying how the same date text
// was read are one per table (findings-collapse.ts).

const SEVERITY_WORD: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Note' };
const CELL_REF = /^[A-Z]{1,3}\d+/;

function firstCellOf(ref: string): string {
  const colon = ref.indexOf(':');
  return colon < 0 ? ref : ref.slice(0, colon);
}

export interface IssuesContext {
  result: EngineResult;
  target: SheetTarget;
  date1904: boolean;
  findings: readonly Finding[];
}

export function issuesSheet(ctx: IssuesContext): PlanSheet {
  const { result, findings } = ctx;
  const sheets = new Set(result.sheetOrder);
  const once = cellCache();
  const link = linkMaker();
  const body: PlanCell[][] = [];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const linked = sheets.has(f.sheet) && CELL_REF.test(f.cell);
    body.push([
      once(SEVERITY_WORD[f.severity], `sev-${f.severity}`),
      once(f.sheet, 'wrap'),
      linked ? link(f.sheet, firstCellOf(f.cell), f.cell) : text(f.cell, 'wrap'),
      once(f.workstream ?? WORDS.none, 'wrap'),
      text(f.message, 'wrap'),
      once(f.suggestion ?? WORDS.none, 'wrap'),
    ]);
  }
  if (body.length === 0)
    body.push([text(WORDS.none), text(WORDS.none), text(WORDS.none), text(WORDS.none), text('No problems found.'), text(WORDS.none)]);
  const { sheet } = tableSheet({
    role: 'issues',
    name: ctx.target.name,
    existing: ctx.target.existing,
    head: [
      [text(`RAG issues: ${result.source}`, 'title')],
      [text(AS_OF_LABEL, 'label'), num(serialOf(result.asOf, ctx.date1904), 'date')],
      [plain('Every problem found, errors first. Each link goes to the cell; identical problems are listed once.', 'note')],
      [],
    ],
    header: ISSUES_COLUMNS,
    body,
    columns: [
      { min: 9, max: 10 }, // Severity
      { min: 10, max: 18 }, // Sheet
      { min: 6, max: 12 }, // Cell
      { min: 16, max: 30 }, // Work stream
      { min: 40, max: 70 }, // Problem
      { min: 16, max: 40 }, // Suggestion
    ],
    tableName: 'RagIssues',
    footer: footerFor('RAG issues', longDate(result.asOf)),
    tabColor: '#C00000',
  });
  return sheet;
}
