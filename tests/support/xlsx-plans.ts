import { STYLES } from '../../src/core/plan';
import type { Plan, PlanCell, PlanSheet } from '../../src/core/plan-schema';

// Plans written by the .xlsx writer's tests, built by hand so that every kind of cell
// the writer must handle is there: control characters, a 40,000-character text, text
// that looks like a formula, links, data bars and expression rules, Excel Tables, a
// print setup, row heights, a history appended to, a status line while pending.

export const NAMES = { summary: 'RAG Summary', issues: 'RAG Issues', history: 'RAG History' } as const;
export const LONG_TEXT = 'x'.repeat(40000);

export const t = (value: string | null, style?: PlanCell['style']): PlanCell => (style ? { value, style } : { value });
export const n = (value: number | null, style: PlanCell['style'] = 'integer'): PlanCell => ({ value, style });

export const PENDING_TEXT =
  'A recalculation started and did not finish: the figures below are from an earlier one. Recalculate to bring them up to date.';

export function summarySheet(existing: string | null, title: string): PlanSheet {
  return {
    role: 'summary',
    name: NAMES.summary,
    existing,
    mode: 'replace',
    rowHeights: [30, null, 45],
    columnWidths: [40, 14, 9, 13, 10],
    rows: [
      [t(title, 'title')],
      [t('Workbook'), t('Brackenmoor <tracker> & "plans".xlsx')],
      [t('Control\u0001chars\u0007 gone'), t('keeps _x000D_ literal'), { value: true }, t(null, 'text'), t(LONG_TEXT, 'wrap')],
      ['Work stream', 'Sheet', 'Actions', '% Completed', 'RAG'].map((h) => t(h, 'header')),
      [
        { value: 'Work stream 1', formula: `HYPERLINK("#'Progress'!A7","Work stream 1")`, style: 'link' },
        t('Progress', 'text'),
        n(5),
        n(0.8, 'percent'),
        t('Green', 'rag-Green'),
      ],
      [t('=Review caseloads', 'text'), t('Progress', 'text'), n(3), n(1 / 3, 'percent'), t('Amber', 'rag-Amber')],
      [t('Overall', 'total'), t('2 work streams', 'total'), n(8, 'total'), n(0.625, 'totalPercent'), t('Red', 'rag-Red')],
    ],
    merges: ['A1:E1'],
    conditionalFormats: [
      { type: 'dataBar', range: 'D5:D7', color: '#5B9BD5' },
      { type: 'expression', range: 'C5:C7', formula: 'C5>4', style: 'sev-error' },
    ],
    freezeRows: 4,
    tabColor: '#1F3864',
    tables: [{ name: 'RagSummary', ref: 'A4:E7', style: 'TableStyleLight9' }],
    print: {
      orientation: 'landscape',
      paper: 'A4',
      fitToWidth: 1,
      repeatRows: '$4:$4',
      footer: { left: 'Brackenmoor & Co', center: 'Page &P of &N', right: 'As of 30 September 2025' },
    },
  };
}

export function issuesSheet(existing: string | null): PlanSheet {
  return {
    role: 'issues',
    name: NAMES.issues,
    existing,
    mode: 'replace',
    rowHeights: [],
    columnWidths: [10, 18, 9, 36, 70],
    rows: [
      [t('RAG issues', 'title')],
      [],
      ['Severity', 'Sheet', 'Cell', 'Work stream', 'Problem'].map((h) => t(h, 'header')),
      [
        t('Error', 'sev-error'),
        t('Progress', 'text'),
        { value: 'D17', formula: `HYPERLINK("#'Progress'!D17","D17")`, style: 'link' },
        t('Work stream 2: Improving triage', 'text'),
        t("Status 'In progess' read as 'In progress'", 'wrap'),
      ],
      [t('Note', 'sev-info'), t('Progress', 'text'), t('B3'), t(''), t('Line one\r\nline two', 'wrap')],
    ],
    merges: [],
    conditionalFormats: [],
    freezeRows: 3,
    tabColor: '#C00000',
    tables: [{ name: 'RagIssues', ref: 'A3:E5', style: null }],
    print: null,
  };
}

/** One row per recalculation: run 0 is the first. */
export function historyRow(run: number): PlanCell[] {
  return [n(45930.5 + run, 'datetime'), n(45930 + run, 'date'), n(0.5 + run / 10, 'percent'), t('Amber', 'rag-Amber')];
}

/** RAG History, appended to: `runs` rows added by this recalculation (from run `first`). */
export function historySheet(existing: string | null, first = 0, runs = 1): PlanSheet {
  const rows: PlanCell[][] = [];
  for (let i = 0; i < runs; i++) rows.push(historyRow(first + i));
  return {
    role: 'history',
    name: NAMES.history,
    existing,
    mode: 'append',
    head: [['Recalculated', 'As of', 'Overall % completed', 'Overall RAG'].map((h) => t(h, 'header'))],
    rows,
    columnWidths: [20, 16, 12, 12],
    rowHeights: [],
    merges: [],
    conditionalFormats: [],
    freezeRows: 1,
    tables: [{ name: 'RagHistory', ref: 'A1:D2', style: 'TableStyleLight1' }],
    print: null,
  };
}

export function firstPlan(): Plan {
  return {
    sheets: [summarySheet(null, 'RAG summary'), issuesSheet(null), historySheet(null, 0)],
    styles: STYLES,
    activate: NAMES.summary,
    settingsJson: '{}',
    retire: [],
    pending: { cell: 'B2', text: PENDING_TEXT },
  };
}

export function secondPlan(): Plan {
  return {
    sheets: [summarySheet(NAMES.summary, 'RAG summary, second run'), issuesSheet(NAMES.issues), historySheet(NAMES.history, 1)],
    styles: STYLES,
    activate: NAMES.summary,
    settingsJson: '{}',
    retire: [],
    pending: { cell: 'B2', text: PENDING_TEXT },
  };
}
