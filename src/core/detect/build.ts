import { type Area, columnName } from '../grid';
import type { ColumnEvidence } from '../table-evidence';
import type { ColumnRole, ColumnSource } from '../vocabulary/evidence';
import type { Role } from '../vocabulary/headers';
import { type Body, type BodyContext, rowEvidenceOf, scanBody } from './body';
import type { CellReaders } from './cell-readers';
import { type ColumnPlan, planFromHeader, refineWithValues, withGroupFromValues, withStatusFromValues } from './columns';
import { type TableFit, fitOf } from './fit';
import type { HeaderReader } from './header-roles';
import type { HeaderCandidate, HeaderCell } from './header-rows';
import { groupSegments, segmentsOf } from './segments';
import type { SheetView } from './sheet-view';
import type { Band, DetectedTable } from './types';

// One candidate table built from its header: the columns by meaning, the body run
// down from the header, the columns again with the values' say, the body again if
// that changed which column holds the actions, then the fit and the gate.

export interface DetectContext {
  view: SheetView;
  readers: CellReaders;
  read: HeaderReader;
}

export interface Candidate {
  header: HeaderCandidate;
  plan: ColumnPlan;
  body: Body;
  fit: TableFit;
  wide: Band;
  excelTable: string | null;
  excelArea: Area | null;
  overridden: boolean;
}

export interface BuildOptions {
  wide: Band;
  /** An Excel Table's last row (or an override's range), which ends the table instead of its contents. */
  fixedEnd: number | null;
  excelTable: string | null;
  excelArea: Area | null;
  claimed: BodyContext['claimed'];
  /** Roles given by an override, by column: they win over the header, and pass the table when it has actions. */
  forced: ReadonlyMap<number, ColumnRole | 'none'> | null;
}

export function buildCandidate(ctx: DetectContext, header: HeaderCandidate, opts: BuildOptions): Candidate {
  const cells = opts.forced ? withForcedRoles(header.cells, opts.forced) : header.cells;
  const bodyCtx: BodyContext = {
    view: ctx.view,
    readers: ctx.readers,
    read: ctx.read,
    band: header.band,
    wide: opts.wide,
    claimed: opts.claimed,
  };
  const first = header.rows[header.rows.length - 1] + 1;
  const byHeader = withForcedPlan(planFromHeader(cells), opts.forced);
  let body = scanBody(bodyCtx, byHeader, first, opts.fixedEnd);
  const refined = refineWithValues(byHeader, cells, ctx.view, actionRowsOf(body), ctx.readers);
  const plan = opts.forced
    ? withForcedPlan(refined, opts.forced)
    : withGroupFromValues(
        withStatusFromValues(refined, cells, ctx.view, actionRowsOf(body), ctx.readers),
        cells,
        ctx.view,
        actionRowsOf(body),
      );
  if (plan.columns.action !== byHeader.columns.action || plan.columns.id !== byHeader.columns.id) {
    body = scanBody(bodyCtx, plan, first, opts.fixedEnd);
  }
  const fit = fitOf(plan, cells, ctx.view, actionRowsOf(body), ctx.readers, opts.forced !== null);
  return {
    header: { ...header, cells },
    plan,
    body,
    fit,
    wide: opts.wide,
    excelTable: opts.excelTable,
    excelArea: opts.excelArea,
    overridden: opts.forced !== null,
  };
}

function actionRowsOf(body: Body): readonly number[] {
  return body.actions;
}

const SINGLE_ROLES: readonly ColumnRole[] = [
  'id',
  'action',
  'percent',
  'target',
  'original-target',
  'owner',
  'progress',
  'milestones',
  'group',
];

/** The header cells with an override's roles: a role given to a column is taken from any other column. */
function withForcedRoles(cells: readonly HeaderCell[], forced: ReadonlyMap<number, ColumnRole | 'none'>): HeaderCell[] {
  const given = new Set(forced.values());
  return cells.map((cell) => {
    const role = forced.get(cell.c);
    if (role === undefined) {
      const own = cell.reading.role;
      const taken = own !== null && (given.has(own) || (own === 'target' && given.has('original-target')));
      return taken && (SINGLE_ROLES.includes(own) || own === 'status')
        ? { ...cell, reading: { ...cell.reading, role: null, targetRank: 0 } }
        : cell;
    }
    if (role === 'none' || role === 'original-target')
      return { ...cell, reading: { ...cell.reading, role: null, targetRank: 0, known: true } };
    const asRole: Role | 'group' = role;
    return { ...cell, reading: { ...cell.reading, role: asRole, targetRank: asRole === 'target' ? 99 : 0, notTarget: false, known: true } };
  });
}

/** The plan with the override's columns put back where the values moved them, each marked as the override's. */
function withForcedPlan(plan: ColumnPlan, forced: ReadonlyMap<number, ColumnRole | 'none'> | null): ColumnPlan {
  if (!forced) return plan;
  const columns = { ...plan.columns };
  const sources = new Map(plan.sources);
  let originalTargetColumn = plan.originalTargetColumn;
  let groupColumn = plan.groupColumn;
  let statusColumns = plan.statusColumns;
  for (const [c, role] of forced) {
    if (role === 'none') continue;
    if (role === 'original-target') originalTargetColumn = c;
    else if (role === 'group') groupColumn = c;
    else if (role === 'status') {
      statusColumns = [c, ...statusColumns.filter((s) => s !== c && forced.get(s) === 'status')];
      columns.status = c;
    } else {
      for (const [r, col] of Object.entries(columns) as [Role, number][]) if (col === c && r !== role) delete columns[r];
      columns[role] = c;
    }
    sources.set(c, 'override');
  }
  return { ...plan, columns, sources, originalTargetColumn, groupColumn, statusColumns };
}

/** Each column of the band as read: its header, its role and how the role was decided. */
export function columnEvidenceOf(cells: readonly HeaderCell[], plan: ColumnPlan | null): ColumnEvidence[] {
  const roleAt = new Map<number, ColumnRole>();
  if (plan) {
    for (const [role, c] of Object.entries(plan.columns) as [Role, number | undefined][]) if (c !== undefined) roleAt.set(c, role);
    for (const c of plan.statusColumns) roleAt.set(c, 'status');
    if (plan.groupColumn !== null) roleAt.set(plan.groupColumn, 'group');
    if (plan.originalTargetColumn !== null) roleAt.set(plan.originalTargetColumn, 'original-target');
  } else {
    for (const cell of cells) if (cell.reading.role) roleAt.set(cell.c, cell.reading.role);
  }
  return cells.map((cell) => {
    const role = roleAt.get(cell.c) ?? null;
    const source: ColumnSource | null = role === null ? null : (plan?.sources.get(cell.c) ?? 'header');
    return { column: columnName(cell.c), header: cell.text, role, source };
  });
}

/** A candidate that passed, as the table the rows are read from. */
export function tableOf(ctx: DetectContext, cand: Candidate): DetectedTable {
  const { header, plan, body } = cand;
  const segments = groupSegments({ sheet: ctx.view.sheet, groupColumn: plan.groupColumn }, segmentsOf(body));
  const bodyCtx: BodyContext = {
    view: ctx.view,
    readers: ctx.readers,
    read: ctx.read,
    band: header.band,
    wide: cand.wide,
    claimed: () => false,
  };
  return {
    sheet: ctx.view.sheet,
    headerRow: header.rows[header.rows.length - 1],
    headerRows: header.rows,
    firstCol: header.band.c1,
    lastCol: header.band.c2,
    lastRow: Math.max(body.lastRow, cand.excelArea?.r2 ?? -1, header.rows[header.rows.length - 1]),
    columns: plan.columns,
    statusColumns: plan.statusColumns,
    groupColumn: plan.groupColumn,
    originalTargetColumn: plan.originalTargetColumn,
    reportingDateText: plan.reportingDateText,
    excelTable: cand.excelTable,
    excelArea: cand.excelArea,
    segments,
    noteRows: body.marks.filter((m) => m.kind === 'note' && m.row <= body.lastRow).map((m) => m.row),
    spans: body.spans,
    sharedIds: sharedIdsOf(ctx.view, plan.columns.id, body),
    summaries: [],
    score: cand.fit.score,
    columnEvidence: columnEvidenceOf(header.cells, plan),
    rowEvidence: rowEvidenceOf(bodyCtx, body.marks, body.lastRow),
    overridden: cand.overridden,
  };
}

function sharedIdsOf(view: SheetView, id: number | undefined, body: Body): Set<number> {
  const out = new Set<number>();
  if (id === undefined) return out;
  for (const r of body.actions) {
    const m = view.mergeAt(r, id);
    if (m && m.r1 < r && m.c1 === id) out.add(r);
  }
  return out;
}
