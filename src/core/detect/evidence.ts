import { areaA1, columnName } from '../grid';
import type { Workstream } from '../model';
import type { TableEvidence } from '../table-evidence';
import type { ReadTable } from '../validate';
import type { DetectedTable, OtherBlock } from './types';

// How each table was read, for the pane and the command line (DESIGN.md, "How
// tables are found", step 5): detection records it as it decides, and the reading
// of the rows adds what only the values tell (whether a Status column holds
// progress or ratings).

/** The evidence of a table read as a tracker; `workstreams` are the ones it gave. */
export function evidenceOfTable(table: DetectedTable, read: ReadTable, workstreams: readonly Workstream[]): TableEvidence {
  const decided = new Set([read.progressColumn, read.ratingColumn].filter((c): c is number => c !== null).map(columnName));
  return {
    sheet: table.sheet.name,
    range: areaA1({ r1: table.headerRows[0], c1: table.firstCol, r2: table.lastRow, c2: table.lastCol }),
    headerRows: table.headerRows.map((r) => r + 1),
    excelTable: table.excelTable,
    state: 'read',
    unreadReason: null,
    score: table.score,
    kind: read.kind,
    // The header named a status column; its values decided whether it holds progress or ratings.
    columns: table.columnEvidence.map((c) =>
      c.role === 'status' && c.source === 'header' && decided.has(c.column) ? { ...c, source: 'values' } : c,
    ),
    rows: table.rowEvidence,
    summaries: table.summaries.map((s) => areaA1(s.block.area)),
    workstreams: workstreams.map((w, k) => ({ title: w.title, range: areaA1(w.area), titleSource: table.segments[k].titleSource })),
    overridden: table.overridden,
  };
}

/** The evidence of a key, an unread block or a table the settings ignore. */
export function evidenceOfOther(sheet: string, block: OtherBlock): TableEvidence {
  return {
    sheet,
    range: areaA1(block.area),
    headerRows: block.headerRows.map((r) => r + 1),
    excelTable: block.excelTable,
    state: block.kind,
    unreadReason: block.reason,
    score: block.score,
    kind: null,
    columns: block.columnEvidence,
    rows: [],
    summaries: [],
    workstreams: [],
    overridden: block.kind === 'ignored',
  };
}
