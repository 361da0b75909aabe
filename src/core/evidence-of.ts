import { type Area, areaA1, cellAt, columnName, isBlank, textOf } from './grid';
import type { DetectedTable } from './detect';
import type { Workstream } from './model';
import type { ColumnEvidence, RowEvidence, TableEvidence, WorkstreamEvidence } from './table-evidence';
import type { ReadTable } from './validate';
import type { ColumnRole } from './vocabulary/evidence';
import type { Role } from './vocabulary/headers';

// The evidence of a table as the detector of today reads it: its header row, the
// role of each column, its title rows, headings, notes and summary block. That
// detector works by rules rather than scores, so `score` is null. The rebuilt
// detection (issue 13) records its own evidence as it decides, with scores, and
// replaces this.

const MAX_QUOTE = 200;

function quote(table: DetectedTable, r: number): string {
  const row = table.sheet.rows[r] ?? [];
  for (const v of row) {
    if (!isBlank(v)) {
      const text = textOf(v).trim();
      return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text;
    }
  }
  return '';
}

function columnsOf(table: DetectedTable, read: ReadTable): ColumnEvidence[] {
  const roleAt = new Map<number, ColumnRole>();
  for (const [role, c] of Object.entries(table.columns) as [Role, number | undefined][]) if (c !== undefined) roleAt.set(c, role);
  for (const c of table.statusColumns) if (!roleAt.has(c)) roleAt.set(c, 'status');
  if (table.groupColumn !== null) roleAt.set(table.groupColumn, 'group');
  const out: ColumnEvidence[] = [];
  for (let c = table.firstCol; c <= table.lastCol; c++) {
    const role = roleAt.get(c) ?? null;
    // The header named a status column; its values decided whether it holds progress or ratings.
    const byValues = role === 'status' && (c === read.progressColumn || c === read.ratingColumn);
    out.push({
      column: columnName(c),
      header: textOf(cellAt(table.sheet, table.headerRow, c)).trim(),
      role,
      source: role === null ? null : byValues ? 'values' : 'header',
    });
  }
  return out;
}

function rowsOf(table: DetectedTable): RowEvidence[] {
  const out: RowEvidence[] = [];
  for (const s of table.segments) {
    if (s.titleRow === null) continue;
    const above = s.titleRow < table.headerRow;
    out.push({
      row: s.titleRow + 1,
      kind: above ? 'title' : 'heading',
      reason: above ? 'title-above' : 'heading-wording',
      text: quote(table, s.titleRow),
    });
  }
  for (const r of table.noteRows) out.push({ row: r + 1, kind: 'note', reason: 'no-action-text', text: quote(table, r) });
  if (table.summary) {
    const r = table.summary.area.r1;
    out.push({ row: r + 1, kind: 'summary', reason: 'summary-labels', text: quote(table, r) });
  }
  return out.sort((a, b) => a.row - b.row);
}

function titleSource(table: DetectedTable, w: Workstream): WorkstreamEvidence['titleSource'] {
  if (w.titleRow !== null) return 'row';
  if (table.groupColumn !== null && w.title !== table.sheet.name) return 'group';
  if (w.title === table.sheet.name) return 'sheet';
  return 'table';
}

/** The area the table takes: its title rows, header, body and summary block. */
function tableArea(table: DetectedTable, workstreams: readonly Workstream[]): Area {
  const area: Area = table.excelArea
    ? { ...table.excelArea }
    : { r1: table.headerRow, c1: table.firstCol, r2: table.headerRow, c2: table.lastCol };
  const widen = (a: Area) => {
    area.r1 = Math.min(area.r1, a.r1);
    area.r2 = Math.max(area.r2, a.r2);
    area.c1 = Math.min(area.c1, a.c1);
    area.c2 = Math.max(area.c2, a.c2);
  };
  for (const w of workstreams) widen(w.area);
  for (const r of table.noteRows) widen({ r1: r, c1: table.firstCol, r2: r, c2: table.firstCol });
  if (table.summary) widen(table.summary.area);
  return area;
}

/** How one table was read, for the pane and the command line. `workstreams` are the ones it gave. */
export function evidenceOf(read: ReadTable, workstreams: readonly Workstream[]): TableEvidence {
  const table = read.table;
  return {
    sheet: table.sheet.name,
    range: areaA1(tableArea(table, workstreams)),
    headerRows: [table.headerRow + 1],
    excelTable: table.excelTable,
    state: 'read',
    score: null,
    kind: read.kind,
    columns: columnsOf(table, read),
    rows: rowsOf(table),
    workstreams: workstreams.map((w) => ({ title: w.title, range: areaA1(w.area), titleSource: titleSource(table, w) })),
    overridden: false,
  };
}
