// Workbooks and plans built by hand for the Office adapter tests, so they do not
// depend on the engine.
import type { CellValue, OwnedRole, WorkbookGrid } from '../../src/core/grid';
import { areaA1 } from '../../src/core/grid';
import { OWNER_PROPERTY, markName, referenceTo } from '../../src/core/ownership';
import { type Plan, type PlanCell, type PlanSheet, STYLE_NAMES, type StyleName } from '../../src/core/plan-schema';
import type { SheetInit } from './fake-excel';

export const STYLES = Object.fromEntries(STYLE_NAMES.map((n) => [n, {}])) as Plan['styles'];
Object.assign(STYLES, {
  title: { bold: true, size: 16, color: '#1F3864' },
  header: { bold: true, fill: '#1F3864', color: '#FFFFFF', wrap: true, border: true },
  text: { border: true },
  wrap: { wrap: true, border: true },
  integer: { numberFormat: '0', border: true, align: 'right' },
  percent: { numberFormat: '0%', border: true, align: 'right' },
  date: { numberFormat: 'd mmmm yyyy', align: 'left' },
  link: { color: '#0563C1', underline: true, border: true },
  'rag-Green': { bold: true, fill: '#1E7B34', color: '#FFFFFF', align: 'center', border: true },
  'rag-Amber': { bold: true, fill: '#FFC000', color: '#000000', align: 'center', border: true },
  'sev-error': { bold: true, fill: '#F8D7DA', color: '#7A0010', border: true },
  'sev-warning': { bold: true, fill: '#FFF3CD', color: '#5C4400', border: true },
});

export const t = (value: string | null, style?: StyleName): PlanCell => (style ? { value, style } : { value });
export const n = (value: number, style: StyleName = 'integer'): PlanCell => ({ value, style });

/** Text that Excel would take for a formula, a number, a date or a boolean if typed in. */
export const TRICKY_TEXT = ['=Review caseloads', '+44 1234', '-5 days', '@home', '3.2', '01/02/2025', 'TRUE', "'quoted'", '50%'];

export interface PlanSpec {
  summary?: { name?: string; existing?: string | null };
  issues?: { name?: string; existing?: string | null };
  /** `rows` rows added by this recalculation; `run` numbers the first (run 0 is the first recalculation). */
  history?: { name?: string; existing?: string | null; rows?: number; run?: number };
  settings?: object;
  /** Without the Excel Tables (a plan over a sheet a table cannot cover). */
  noTables?: boolean;
}

/** Where the summary says a recalculation is under way, and what it says meanwhile. */
export const PENDING = {
  cell: 'B1',
  text: 'A recalculation started and did not finish: the figures below are from an earlier one. Recalculate to bring them up to date.',
};

/** The history row a recalculation adds: run 0 is the first. */
export const historyRow = (run: number): PlanCell[] => [n(45930 + run, 'date'), n(45930, 'date'), n((run % 100) / 100, 'percent')];

export function makePlan(spec: PlanSpec = {}): Plan {
  const summaryName = spec.summary?.name ?? 'RAG Summary';
  const issuesName = spec.issues?.name ?? 'RAG Issues';
  const summary: PlanSheet = {
    role: 'summary',
    name: summaryName,
    existing: spec.summary?.existing ?? null,
    mode: 'replace',
    columnWidths: [44, 9, 13, 13],
    rowHeights: [24, null, null, null, 8],
    rows: [
      [t('RAG summary', 'title')],
      [t('Workbook'), t('Tracker.xlsx')],
      [t('As of'), n(45930, 'date')],
      [t('Findings'), { value: '2 errors', formula: `HYPERLINK("#'${issuesName}'!A1","2 errors")`, style: 'link' }],
      [],
      ['Work stream', 'Actions', '% Completed', 'RAG'].map((h) => t(h, 'header')),
      [t('Work stream 1: Improving triage', 'text'), n(10), n(0.6, 'percent'), t('Green', 'rag-Green')],
      [t('Work stream 2: Safeguarding', 'text'), n(5), n(0.2, 'percent'), t('Amber', 'rag-Amber')],
      [t('Overall', 'total'), n(15, 'total'), n(0.47, 'totalPercent'), t('Amber', 'rag-Amber')],
    ],
    merges: ['A5:D5'],
    conditionalFormats: [
      { type: 'dataBar', range: 'C7:C8', color: '#5B9BD5' },
      { type: 'expression', range: 'B7:B8', formula: 'B7>8', style: 'sev-error' },
    ],
    freezeRows: 6,
    tabColor: '#1F3864',
    tables: spec.noTables ? [] : [{ name: 'RagSummary', ref: 'A6:D9', style: 'TableStyleLight9' }],
    print: {
      orientation: 'landscape',
      paper: 'A4',
      fitToWidth: 1,
      repeatRows: '$6:$6',
      footer: { left: 'Tracker.xlsx', center: 'Page &P of &N', right: 'As of 30 September 2025' },
    },
  };
  const issues: PlanSheet = {
    role: 'issues',
    name: issuesName,
    existing: spec.issues?.existing ?? null,
    mode: 'replace',
    columnWidths: [10, 18, 9, 70],
    rowHeights: [],
    rows: [
      [t('RAG issues', 'title')],
      ['Severity', 'Sheet', 'Cell', 'Problem'].map((h) => t(h, 'header')),
      ...TRICKY_TEXT.map((text, i) => [t('Error', 'sev-error'), t('Tracker'), t(`D${i + 3}`), t(text, 'wrap')]),
    ],
    merges: [],
    conditionalFormats: [],
    freezeRows: 2,
    tabColor: '#C00000',
    tables: spec.noTables ? [] : [{ name: 'RagIssues', ref: `A2:D${2 + TRICKY_TEXT.length}`, style: null }],
    print: null,
  };
  const historyRows: PlanCell[][] = [];
  const run = spec.history?.run ?? 0;
  for (let i = 0; i < (spec.history?.rows ?? 1); i++) historyRows.push(historyRow(run + i));
  const history: PlanSheet = {
    role: 'history',
    name: spec.history?.name ?? 'RAG History',
    existing: spec.history?.existing ?? null,
    mode: 'append',
    head: [['Recalculated', 'As of', 'Overall % completed'].map((h) => t(h, 'header'))],
    rows: historyRows,
    columnWidths: [20, 16, 12],
    rowHeights: [],
    merges: [],
    conditionalFormats: [],
    freezeRows: 1,
    tabColor: '#7F7F7F',
    tables: spec.noTables ? [] : [{ name: 'RagHistory', ref: 'A1:C2', style: 'TableStyleLight1' }],
    print: null,
  };
  return {
    sheets: [summary, issues, history],
    styles: STYLES,
    activate: summaryName,
    settingsJson: JSON.stringify(spec.settings ?? { dueSoonDays: 21 }),
    retire: [],
    pending: PENDING,
  };
}

const STATUSES = ['Completed', 'In progress', 'Static', 'Not started'];

/** A one-sheet tracker: a title row, a header row, `n` actions. */
export function trackerRows(count: number, progressText = (i: number) => `Progress note ${i + 1}`): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [
    ['Work stream 1: Improving triage', null, null, null],
    ['No', 'Action', 'Progress at 30 June 2025', 'Status'],
  ];
  for (let i = 0; i < count; i++) rows.push([i + 1, `Action ${i + 1}`, progressText(i), STATUSES[i % STATUSES.length]]);
  return rows;
}

export function owned(role: OwnedRole): Record<string, string> {
  return { [OWNER_PROPERTY]: role };
}

/** The defined names marking sheets as Ragbook's, as a workbook written by this version holds them. */
export function markNames(sheets: Partial<Record<Exclude<OwnedRole, 'archive'>, string>>): { name: string; formula: string }[] {
  return Object.entries(sheets).map(([role, sheet]) => ({
    name: markName(role as Exclude<OwnedRole, 'archive'>),
    formula: `=${referenceTo(sheet as string)}`,
  }));
}

/** Fake-workbook sheets holding exactly what a grid holds (values, number formats, fills, tables, merges). */
export function sheetsFromGrid(grid: WorkbookGrid): SheetInit[] {
  return grid.sheets.map((s) => ({
    name: s.name,
    rows: s.rows.map((row) => row.map((v: CellValue) => v)),
    formats: s.formats?.map((row) => (row ?? []).map((f) => f ?? null)),
    fills: s.fills?.map((row) => (row ?? []).map((f) => f ?? null)),
    hidden: s.hidden,
    merges: s.merges.map(areaA1),
    tables: s.tables.map((tb) => ({ name: tb.name, address: areaA1(tb.area), showHeaders: tb.hasHeader })),
    customProperties: s.owned ? owned(s.owned) : undefined,
  }));
}
