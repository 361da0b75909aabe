// Workbooks and plans built by hand for the Office adapter tests, so they do not
// depend on the engine.
import type { CellValue, OwnedRole, WorkbookGrid } from '../../src/core/grid';
import { areaA1 } from '../../src/core/grid';
import { OWNER_PROPERTY } from '../../src/core/ownership';
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
  summary?: { name?: string; replaces?: string | null };
  issues?: { name?: string; replaces?: string | null };
  history?: { name?: string; replaces?: string | null; rows?: number };
  settings?: object;
}

export function makePlan(spec: PlanSpec = {}): Plan {
  const summaryName = spec.summary?.name ?? 'RAG Summary';
  const issuesName = spec.issues?.name ?? 'RAG Issues';
  const summary: PlanSheet = {
    role: 'summary',
    name: summaryName,
    replaces: spec.summary?.replaces ?? null,
    columnWidths: [44, 9, 13, 13],
    rows: [
      [t('RAG summary', 'title')],
      [t('Workbook'), t('Tracker.xlsx')],
      [t('As of'), n(45930, 'date')],
      [t('Findings'), { value: '2 errors', formula: `HYPERLINK("#'${issuesName}'!A1","2 errors")`, style: 'link' }],
      [],
      ['Work stream', 'Actions', '% Completed', 'RAG'].map((h) => t(h, 'header')),
      [t('Work stream 1: Improving triage', 'text'), n(10), n(0.6, 'percent'), t('Green', 'rag-Green')],
      [t('Work stream 2: Safeguarding', 'text'), n(5), n(0.2, 'percent'), t('Amber', 'rag-Amber')],
    ],
    merges: ['A1:D1'],
    conditionalFormats: [
      { type: 'dataBar', range: 'C7:C8', color: '#5B9BD5' },
      { type: 'expression', range: 'B7:B8', formula: 'B7>8', style: 'sev-error' },
    ],
    freezeRows: 6,
    tabColor: '#1F3864',
  };
  const issues: PlanSheet = {
    role: 'issues',
    name: issuesName,
    replaces: spec.issues?.replaces ?? null,
    columnWidths: [10, 18, 9, 70],
    rows: [
      [t('RAG issues', 'title')],
      ['Severity', 'Sheet', 'Cell', 'Problem'].map((h) => t(h, 'header')),
      ...TRICKY_TEXT.map((text, i) => [t('Error', 'sev-error'), t('Tracker'), t(`D${i + 3}`), t(text, 'wrap')]),
    ],
    merges: [],
    conditionalFormats: [],
    freezeRows: 2,
    tabColor: '#C00000',
  };
  const historyRows: PlanCell[][] = [['Recalculated', 'As of', 'Overall % completed'].map((h) => t(h, 'header'))];
  for (let i = 0; i < (spec.history?.rows ?? 1); i++)
    historyRows.push([n(45930 + i, 'date'), n(45930, 'date'), n((i % 100) / 100, 'percent')]);
  const history: PlanSheet = {
    role: 'history',
    name: spec.history?.name ?? 'RAG History',
    replaces: spec.history?.replaces ?? null,
    columnWidths: [20, 16, 12],
    rows: historyRows,
    merges: [],
    conditionalFormats: [],
    freezeRows: 1,
    tabColor: '#7F7F7F',
  };
  return {
    sheets: [summary, issues, history],
    styles: STYLES,
    activate: summaryName,
    settingsJson: JSON.stringify(spec.settings ?? { dueSoonDays: 21 }),
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
