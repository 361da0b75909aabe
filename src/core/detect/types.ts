import type { Area, SheetGrid } from '../grid';
import type { SummaryBlock } from '../summary-blocks';
import type { ColumnEvidence, RowEvidence } from '../table-evidence';
import type { TitleSource, UnreadReason } from '../vocabulary/evidence';
import type { Role } from '../vocabulary/headers';

// What detection hands to the readers of rows (validate.ts) and to the evidence
// the pane shows. Rows and columns are 0-based, as on the grid.

/** Columns first to last, inclusive. */
export interface Band {
  c1: number;
  c2: number;
}

/** A run of action rows that forms one work stream. */
export interface Segment {
  title: string;
  titleRow: number | null;
  titleSource: TitleSource;
  rows: number[];
}

/** A hand-typed summary block read with a table, and the segments above it since the block before. */
export interface PlacedSummary {
  block: SummaryBlock;
  /** Index of the last segment the block sits under. */
  afterSegment: number;
}

export interface DetectedTable {
  sheet: SheetGrid;
  /** The lower header row (the only one for a one-row header). */
  headerRow: number;
  /** Both rows of a header written over two rows, top first; else the one. */
  headerRows: number[];
  firstCol: number;
  lastCol: number;
  /** The last row of actions, headings or notes. */
  lastRow: number;
  columns: Partial<Record<Role, number>>;
  /** Every column whose header says status; values decide progress or rating. */
  statusColumns: number[];
  groupColumn: number | null;
  /** The original target kept beside a revised one: read when the revised cell is empty, and for `date.slipped`. */
  originalTargetColumn: number | null;
  /** The text of a `Progress at <date>` header, to be read as the reporting date. */
  reportingDateText: string | null;
  excelTable: string | null;
  /** The Excel Table's whole range, when the table is one. */
  excelArea: Area | null;
  segments: Segment[];
  noteRows: number[];
  /**
   * Actions whose number and text are merged over several rows own those rows
   * (their milestones): first row → last row. Absent for one-row actions.
   */
  spans: ReadonlyMap<number, number>;
  /** Action rows whose number cell is merged down from the row above (a risk's id over its actions): no number of their own, and none missing. */
  sharedIds: ReadonlySet<number>;
  /** The hand-typed summary blocks under the table's work streams, top to bottom. */
  summaries: PlacedSummary[];
  /** How well the header and the values below fit a tracker, 0 to 1. */
  score: number;
  /** Each column of the table as read, for the evidence. */
  columnEvidence: ColumnEvidence[];
  /** Titles, headings and notes, with why (summary rows are added from `summaries`). */
  rowEvidence: RowEvidence[];
  /** True when an override in the settings changed how the table was read. */
  overridden: boolean;
}

/** A block that looks like a table but is not read as a tracker, or a key. */
export interface OtherBlock {
  area: Area;
  headerRows: number[];
  kind: 'unread' | 'legend' | 'ignored';
  reason: UnreadReason | null;
  score: number | null;
  columnEvidence: ColumnEvidence[];
  excelTable: string | null;
}

export interface SheetDetection {
  tables: DetectedTable[];
  others: OtherBlock[];
}
