import { a1 } from '../grid';
import type { ConditionalFormat, PlanCell, PlanSheet, PlanTable, Print } from '../plan-schema';
import { text } from './cells';
import { type ColumnRule, boundedCells, columnWidths, rowHeights } from './layout';
import { STYLES } from './styles';

// A sheet laid out as the UK Analysis Function's accessible-spreadsheet essentials
// ask: the title in A1 styled as a heading, then anything a reader needs before the
// table, then one Excel Table with one header row and no blank cell, then notes.
// It prints landscape, one page wide, with the header row repeated on every page
// and a footer with the as-of date. Every sheet of a recalculation is laid out by
// this one function; the directorate workbook's (rollup-plan.ts) measure with the
// same layout.ts.

export interface TableSheetSpec {
  role: PlanSheet['role'];
  name: string;
  existing: string | null;
  /** Rows above the table: the title in A1, then a headline or a line of explanation. Not measured: they run across empty cells. */
  head: PlanCell[][];
  /** The table's column names. */
  header: readonly string[];
  /** The table's rows: at least one (a row of words when there is nothing to list). */
  body: PlanCell[][];
  /** Rows under the table, after one empty row: a legend, notes. */
  after?: PlanCell[][];
  /** Per column: the narrowest it may be, and the widest wrapped text may make it. */
  columns: readonly ColumnRule[];
  /** The Excel Table's name (the adapter adds a number if the workbook has one of the name). */
  tableName: string;
  /** The footer's three parts, in Excel's header and footer codes. */
  footer: Print['footer'];
  tabColor?: string;
  /**
   * Whether the rows down to the header stay in sight while scrolling. A long
   * headline above the table would fill a small window, so RAG Summary does not;
   * Excel shows a table's headers in place of the column letters anyway.
   */
  freeze?: boolean;
  /** Conditional formats over the table's data rows, given their first and last (0-based). */
  conditionalFormats?: (firstRow: number, lastRow: number) => ConditionalFormat[];
}

/** Where the table landed, for the callers that add to it. */
export interface TablePlace {
  headerRow: number;
  firstRow: number;
  lastRow: number;
}

/** A footer that says what the sheet is, as of when, and the page: a printed page read on its own still says all three. */
export function footerFor(what: string, asOf: string): Print['footer'] {
  const escape = (s: string) => s.replace(/&/g, '&&');
  return { left: escape(what), center: escape(`As of ${asOf}`), right: 'Page &P of &N' };
}

export function printSetup(headerRow: number, footer: Print['footer']): Print {
  return { orientation: 'landscape', paper: 'A4', fitToWidth: 1, repeatRows: `$${headerRow + 1}:$${headerRow + 1}`, footer };
}

export function tableSheet(spec: TableSheetSpec): { sheet: PlanSheet & { mode?: 'replace' }; place: TablePlace } {
  const headerRow = spec.head.length;
  // concat, not spread: a table may have 100,000s of rows.
  const table = [spec.header.map((h) => text(h, 'header'))].concat(spec.body);
  let rows: PlanCell[][] = spec.head.concat(table);
  const lastRow = rows.length - 1;
  if (spec.after?.length) rows = rows.concat([[]], spec.after);
  // The rows above the table run across empty cells, except numbers and dates
  // (they show `###` when cut) and labels with their value beside them: those are measured too.
  const above = columnWidths(boundedCells(spec.head), spec.columns, STYLES);
  const widths = columnWidths(table, spec.columns, STYLES).map((w, c) => Math.max(w, above[c]));
  const excelTable: PlanTable = {
    name: spec.tableName,
    ref: `${a1(headerRow, 0)}:${a1(lastRow, spec.header.length - 1)}`,
    style: 'TableStyleLight1',
  };
  const place = { headerRow, firstRow: headerRow + 1, lastRow };
  return {
    place,
    sheet: {
      role: spec.role,
      name: spec.name,
      existing: spec.existing,
      mode: 'replace',
      rows,
      columnWidths: widths,
      rowHeights: rowHeights(rows, widths, STYLES),
      merges: [],
      conditionalFormats: spec.conditionalFormats ? spec.conditionalFormats(place.firstRow, place.lastRow) : [],
      freezeRows: spec.freeze === false ? 0 : headerRow + 1,
      tabColor: spec.tabColor,
      tables: [excelTable],
      print: printSetup(headerRow, spec.footer),
    },
  };
}
