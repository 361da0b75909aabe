import type { ChangeSet } from './change-schema';
import type { Area } from './grid';
import type { Finding } from './findings';
import type { Figures, Stated } from './report';
import type { Settings, SettingsProblem } from './settings';
import type { Role } from './vocabulary/headers';
import type { PercentReading } from './percent-complete';
import type { ProgressReading, RatingReading } from './status';
import type { TargetReading } from './dates';
import type { TableEvidence } from './table-evidence';

// The engine's result: everything the pane, the CLI, the report and the plan show.

export interface ActionRow {
  /** 0-based row index on the sheet. */
  row: number;
  id: string | null;
  text: string;
  /** The progress counted: from the status column, a Done? (Y/N) column, or the percent complete where there is no status. */
  progress: ProgressReading | null;
  rating: RatingReading | null;
  /** The percent-complete cell, where the table has one. */
  percent: PercentReading | null;
  target: TargetReading | null;
  /**
   * The cell the target was read from (A1): the target column's, or the original
   * target's where that is empty; a range (`D3:D5`) for an action merged over its
   * milestone rows. Null with no target column.
   */
  targetCell: string | null;
  owner: string | null;
  /** Days past the final target at the as-of date, when overdue. */
  overdueDays: number | null;
  dueSoon: boolean;
}

/** Which status dimensions a table records (DESIGN.md, "Statuses, ratings and progress"). */
export type StatusKind = 'progress' | 'ratings' | 'both' | 'neither';

export interface Workstream {
  title: string;
  sheet: string;
  /** The row holding the title as written, if the title came from a row. */
  titleRow: number | null;
  /** Header row through the last action row. */
  area: Area;
  headerRow: number;
  columns: Partial<Record<Role, number>>;
  /** The column progress was read from: the status column, or the percent complete where there is no status. */
  progressColumn: number | null;
  ratingColumn: number | null;
  percentColumn: number | null;
  kind: StatusKind;
  /** From a `Progress at <date>` header, ISO. */
  reportingDate: string | null;
  actions: ActionRow[];
  figures: Figures;
  stated: Stated | null;
}

export interface EngineResult {
  source: string;
  asOf: string;
  /** ISO date-time of the recalculation. */
  generatedAt: string;
  workstreams: Workstream[];
  /** Every table-like block met, read or not, with how it was read: what the pane lists and overrides correct. */
  tables: TableEvidence[];
  overall: Figures;
  findings: Finding[];
  settings: Settings;
  settingsProblems: SettingsProblem[];
  /** Sheet names in workbook order, for sorting and links. */
  sheetOrder: string[];
  /** This recalculation compared with the last (the RAG Actions sheet it left); null on the first. */
  change: ChangeSet | null;
}
