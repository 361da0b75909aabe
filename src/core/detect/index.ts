import { type Area, type SheetGrid, parseArea } from '../grid';
import type { Settings } from '../settings';
import type { TableOverride } from '../table-evidence';
import { matchOverrides } from '../table-overrides';
import type { ColumnRole } from '../vocabulary/evidence';
import { type Candidate, type DetectContext, buildCandidate, columnEvidenceOf, tableOf } from './build';
import { createCellReaders } from './cell-readers';
import type { StatusReader } from '../status';
import { createHeaderReader } from './header-roles';
import { MAX_HEADER_TEXT, headerAt, looksLikeHeader, rowBands } from './header-rows';
import { legendAt } from './legends';
import { type SummaryBlock, findSummaryBlock, isSummaryStart } from '../summary-blocks';
import { type SheetView, filledIn, valueAt, viewOf } from './sheet-view';
import { lastRowOfSegment, segment, segmentArea } from './segments';
import { type TitleFound, titlesAbove } from './titles';
import type { Band, DetectedTable, OtherBlock, SheetDetection } from './types';
import { tableLikeAt } from './unread';

// Finds the tables of a sheet by one general procedure (DESIGN.md, "How tables are
// found"): keys first, then header candidates row by row, each cut into the runs of
// cells that empty columns bound, built and scored; the passing ones become
// tracker tables, their titles are read from above, the officer's overrides are
// applied, and every other block that looks like a table is reported as unread.

export type { Band, DetectedTable, OtherBlock, PlacedSummary, Segment, SheetDetection } from './types';
export { segmentArea } from './segments';

export interface Detector {
  /** The tables of one sheet; `overrides` are the settings' overrides for this sheet. */
  detectSheet(sheet: SheetGrid, overrides: readonly TableOverride[]): SheetDetection;
}

/** `status` is the recalculation's status reader, shared so each spelling is worked out once for both detection and the rows. */
export function createDetector(settings: Settings, date1904: boolean, status?: StatusReader): Detector {
  const readers = createCellReaders(settings, date1904, status);
  const read = createHeaderReader(settings);
  return {
    detectSheet: (sheet, overrides) => detectSheet({ view: viewOf(sheet), readers, read }, overrides),
  };
}

const ALL: Band = { c1: 0, c2: 16383 };

interface Found {
  cand: Candidate;
  /** The cells it owns: header, body, summary blocks. */
  area: Area;
}

/** The sheet's claimed areas, asked about a row and a band. */
class Claims {
  readonly areas: Area[] = [];
  add(a: Area): void {
    this.areas.push(a);
  }
  /** True when a claimed area crosses row r within the band. */
  crosses(r: number, band: Band): boolean {
    for (let i = 0; i < this.areas.length; i++) {
      const a = this.areas[i];
      if (r >= a.r1 && r <= a.r2 && a.c1 <= band.c2 && band.c1 <= a.c2) return true;
    }
    return false;
  }
  /** True when every filled cell of row r is claimed: most rows of a sheet of trackers, skipped without building anything. */
  coversRow(view: SheetView, r: number): boolean {
    const row = view.sheet.rows[r];
    if (!row) return true;
    let last: Area | null = null;
    for (let c = 0; c < row.length; c++) {
      // Claims are judged generously: a cell of spaces counts as filled, which only means the row is looked at.
      const v = row[c];
      if (v === null || v === undefined || v === '') continue;
      if (last && r >= last.r1 && r <= last.r2 && c >= last.c1 && c <= last.c2) continue;
      last = null;
      for (let i = 0; i < this.areas.length; i++) {
        const a = this.areas[i];
        if (r >= a.r1 && r <= a.r2 && c >= a.c1 && c <= a.c2) {
          last = a;
          break;
        }
      }
      if (!last) return false;
    }
    return true;
  }
  /** The parts of the band that no claimed area covers in row r. */
  free(r: number, band: Band): Band[] {
    let parts: Band[] = [band];
    for (let i = 0; i < this.areas.length; i++) {
      const a = this.areas[i];
      if (r < a.r1 || r > a.r2) continue;
      const next: Band[] = [];
      for (const p of parts) {
        if (a.c2 < p.c1 || a.c1 > p.c2) {
          next.push(p);
          continue;
        }
        if (p.c1 < a.c1) next.push({ c1: p.c1, c2: a.c1 - 1 });
        if (p.c2 > a.c2) next.push({ c1: a.c2 + 1, c2: p.c2 });
      }
      parts = next;
      if (parts.length === 0) break;
    }
    return parts;
  }
}

function detectSheet(ctx: DetectContext, overrides: readonly TableOverride[]): SheetDetection {
  const { view } = ctx;
  const claims = new Claims();
  const found: Found[] = [];
  const others: OtherBlock[] = [];
  const failed = new Map<string, Candidate>();

  // Excel Tables: the officer drew their bounds, so their header and rows are given.
  for (const t of view.sheet.tables) {
    if (!t.hasHeader) continue;
    const band = { c1: t.area.c1, c2: t.area.c2 };
    // An Excel Table's header is one row.
    const header = headerAt(view, t.area.r1, band, ctx.read, ctx.readers, false);
    const cand = buildCandidate(ctx, header, {
      wide: widen(view, t.area.r1, band),
      fixedEnd: t.area.r2,
      excelTable: t.name,
      excelArea: t.area,
      claimed: () => false,
      forced: null,
    });
    claims.add(t.area);
    if (cand.fit.reason === null) found.push({ cand, area: areaOf(cand) });
    else failed.set(key(t.area.r1, band.c1), cand);
  }

  const n = view.sheet.rows.length;
  const tryHeader = (r: number, band: Band): Candidate | null => {
    const header = headerAt(view, r, band, ctx.read, ctx.readers);
    const cand = buildCandidate(ctx, header, {
      wide: widen(view, r, band),
      fixedEnd: null,
      excelTable: null,
      excelArea: null,
      claimed: (q, b) => claims.crosses(q, b),
      forced: null,
    });
    if (cand.fit.reason !== null) return cand;
    const f = { cand, area: areaOf(cand) };
    found.push(f);
    claims.add(f.area);
    for (const s of cand.body.summaries) claims.add(s.block.area);
    return null;
  };
  for (let r = 0; r < n; r++) {
    if (claims.coversRow(view, r)) continue;
    // Runs of header cells that fail on their own, split by a narrow empty column.
    const halves: Band[] = [];
    for (const rowBand of rowBands(view, r, ALL)) {
      for (const band of claims.free(r, rowBand)) {
        const legend = legendAt(view, r, band, ctx.readers, ctx.read);
        if (legend) {
          claims.add(legend);
          others.push(other(ctx, legend, 'legend', null, null));
          halves.length = 0;
          continue;
        }
        const beside = summaryBeside(ctx, found, r, band);
        if (beside) {
          claims.add(beside.block.area);
          halves.length = 0;
          continue;
        }
        const cand = mayBeHeader(view, r, band, ctx) ? tryHeader(r, band) : null;
        if (cand) failed.set(key(r, band.c1), cand);
        const last = halves[halves.length - 1];
        if (cand || isHeaderRun(view, r, band, ctx)) {
          if (last && band.c1 - last.c2 - 1 > MAX_SPACER) halves.length = 0;
          halves.push(band);
        } else halves.length = 0;
        if (halves.length >= 2) {
          // A spacer column inside one table (`Ref | Action | | Owner | Status`): the two
          // runs read together are a tracker that neither is alone. Tables side by side
          // each pass on their own, so they are never joined.
          const joined = { c1: halves[0].c1, c2: band.c2 };
          if (!claims.crosses(r, joined) && mayBeHeader(view, r, joined, ctx)) {
            const cand2 = tryHeader(r, joined);
            if (cand2 === null) halves.length = 0;
          }
        }
      }
    }
  }

  // The officer's overrides: a table ignored, or read with the columns they gave.
  const withOverrides = applyOverrides(ctx, found, failed, overrides, claims);

  // Every other block that looks like a table is reported, once.
  for (let r = 0; r < n; r++) {
    if (claims.coversRow(view, r)) continue;
    for (const rowBand of rowBands(view, r, ALL)) {
      for (const band of claims.free(r, rowBand)) {
        const area = tableLikeAt(view, r, band, ctx.readers);
        if (!area) continue;
        claims.add(area);
        const cand = failed.get(key(r, area.c1)) ?? failed.get(key(r, band.c1)) ?? null;
        others.push(other(ctx, area, 'unread', cand, cand?.fit.reason ?? null));
      }
    }
  }
  for (const o of withOverrides.ignored) others.push(o);
  const tables = retitled(
    titled(ctx, withOverrides.tables),
    overrides.filter((o) => o.title !== undefined),
  );
  return { tables, others: others.sort((a, b) => a.area.r1 - b.area.r1 || a.area.c1 - b.area.c1) };
}

/** The work streams an override names: the one sharing the most cells with its range takes its title. */
function retitled(tables: DetectedTable[], overrides: readonly TableOverride[]): DetectedTable[] {
  if (overrides.length === 0) return tables;
  const places: { t: number; s: number }[] = [];
  const areas: { sheet: string; area: Area }[] = [];
  tables.forEach((table, t) =>
    table.segments.forEach((seg, s) => {
      places.push({ t, s });
      areas.push({ sheet: table.sheet.name, area: segmentArea(table, seg, s === 0) });
    }),
  );
  const titles = new Map<string, string>();
  matchOverrides(overrides, areas).forEach((at, i) => {
    if (at >= 0) titles.set(`${places[at].t}:${places[at].s}`, overrides[i].title!);
  });
  return tables.map((table, t) => {
    let changed = false;
    const segments = table.segments.map((seg, s) => {
      const title = titles.get(`${t}:${s}`);
      if (title === undefined) return seg;
      changed = true;
      return segment(title, seg.titleRow, 'override', seg.rows);
    });
    return changed ? { ...table, segments, overridden: true } : table;
  });
}

function key(r: number, c: number): string {
  return `${r}:${c}`;
}

/** How far right of its table a summary typed beside it may start. */
const MAX_BESIDE_GAP = 3;

/**
 * A hand-typed summary typed beside a table rather than under it (`Status | Number`
 * to its right, level with its rows): it counts that table's actions, so it is
 * placed under the table's last work stream and checked with it. Only for a table
 * with no summary block of its own, the nearest to its left.
 */
function summaryBeside(ctx: DetectContext, found: Found[], r: number, band: Band): { block: SummaryBlock } | null {
  let owner: Found | null = null;
  for (const f of found) {
    if (r < f.area.r1 || r > f.area.r2 || f.area.c2 >= band.c1) continue;
    if (band.c1 - f.area.c2 - 1 > MAX_BESIDE_GAP) continue;
    if (!owner || f.area.c2 > owner.area.c2) owner = f;
  }
  if (!owner || owner.cand.body.summaries.length > 0) return null;
  if (!isSummaryStart(ctx.view.sheet, r, ctx.readers.summaryLabel, band)) return null;
  const block = findSummaryBlock(ctx.view.sheet, r, ctx.readers.summaryLabel, band);
  // Figures carrying on below are a cross-tab (`Priority | Implemented | Open` by row), not a summary.
  if (!block || filledIn(ctx.view, block.area.r2 + 1, { c1: block.area.c1, c2: block.area.c2 }, 2) >= 2) return null;
  owner.cand.body.summaries.push({ block, row: owner.area.r2 + 1 });
  return { block };
}

/** The widest empty column inside one table that still joins its two halves: a narrow spacer, never a gap between tables. */
const MAX_SPACER = 1;

/** A run of cells of row r that could be part of a header: short texts, at least one naming a role. */
function isHeaderRun(view: SheetView, r: number, band: Band, ctx: DetectContext): boolean {
  let named = 0;
  for (let c = band.c1; c <= band.c2; c++) {
    const v = valueAt(view, r, c);
    if (v === null || v === '') continue;
    if (typeof v !== 'string' || v.length > MAX_HEADER_TEXT) return false;
    if (ctx.read(v).role !== null) named++;
  }
  return named > 0;
}

/** A quick look before building: a header names roles, or holds a group cell over sub-headers. */
function mayBeHeader(view: SheetView, r: number, band: Band, ctx: DetectContext): boolean {
  if (looksLikeHeader(view, r, band, ctx.read)) return true;
  for (const m of view.mergesIn(r))
    if (m.r1 === r && m.r2 === r && m.c2 > m.c1 && m.c1 >= band.c1 && m.c2 <= band.c2)
      return looksLikeHeader(view, r + 1, band, ctx.read) || twoRowNames(ctx, r, band);
  return false;
}

function twoRowNames(ctx: DetectContext, r: number, band: Band): boolean {
  const h = headerAt(ctx.view, r, band, ctx.read, ctx.readers);
  if (h.rows.length < 2) return false;
  const roles = new Set(h.cells.map((c) => c.reading.role).filter((x) => x !== null));
  return roles.size >= 2 && (roles.has('action') || roles.has('id') || roles.has('status'));
}

/**
 * The columns a table's title, summary blocks and keys may use: its own, widened to
 * the next run of header cells on either side in its header row, so side-by-side
 * tables keep to their own halves.
 */
function widen(view: SheetView, r: number, band: Band): Band {
  let c1 = 0;
  let c2 = ALL.c2;
  for (const b of rowBands(view, r, ALL)) {
    if (b.c2 < band.c1) c1 = Math.max(c1, b.c2 + 1);
    if (b.c1 > band.c2) c2 = Math.min(c2, b.c1 - 1);
  }
  return { c1, c2 };
}

function areaOf(cand: Candidate): Area {
  const { header, body } = cand;
  const r2 = Math.max(body.lastRow, cand.excelArea?.r2 ?? -1, header.rows[header.rows.length - 1]);
  return { r1: header.rows[0], c1: header.band.c1, r2, c2: header.band.c2 };
}

function other(ctx: DetectContext, area: Area, kind: OtherBlock['kind'], cand: Candidate | null, reason: OtherBlock['reason']): OtherBlock {
  const header =
    cand?.header ?? (kind === 'unread' ? headerAt(ctx.view, area.r1, { c1: area.c1, c2: area.c2 }, ctx.read, ctx.readers) : null);
  return {
    area,
    headerRows: header ? header.rows : [],
    kind,
    reason: kind === 'unread' ? (reason ?? 'no-action-column') : null,
    score: cand ? cand.fit.score : null,
    columnEvidence: header ? columnEvidenceOf(header.cells, null) : [],
    excelTable: cand?.excelTable ?? null,
  };
}

// ---------------------------------------------------------------------------
// Overrides

function applyOverrides(
  ctx: DetectContext,
  found: readonly Found[],
  failed: ReadonlyMap<string, Candidate>,
  overrides: readonly TableOverride[],
  claims: Claims,
): { tables: { cand: Candidate; title: string | null }[]; ignored: OtherBlock[] } {
  const tableOverrides = overrides.filter((o) => o.ignore !== undefined || o.roles !== undefined);
  const failedList = [...failed.values()];
  const candidates = [...found.map((f) => f.cand), ...failedList];
  const areas = candidates.map((c) => ({ sheet: ctx.view.sheet.name, area: areaOf(c) }));
  const matched = matchOverrides(tableOverrides, areas);
  const out: { cand: Candidate; title: string | null }[] = [];
  const ignored: OtherBlock[] = [];
  const done = new Set<number>();
  tableOverrides.forEach((o, i) => {
    const at = matched[i];
    if (o.ignore === true) {
      if (at < 0) return;
      done.add(at);
      ignored.push({ ...other(ctx, areas[at].area, 'ignored', candidates[at], null), excelTable: candidates[at].excelTable });
      claims.add(areas[at].area);
      return;
    }
    if (!o.roles || done.has(at)) return;
    const forced = forcedRoles(o.roles);
    const base = at >= 0 ? candidates[at] : null;
    const range = parseArea(o.range)!;
    const header = base?.header ?? headerAt(ctx.view, range.r1, { c1: range.c1, c2: range.c2 }, ctx.read, ctx.readers);
    const cand = buildCandidate(
      ctx,
      { ...header, cells: header.cells },
      {
        wide: base?.wide ?? widen(ctx.view, header.rows[0], header.band),
        fixedEnd: base ? (base.excelArea?.r2 ?? null) : range.r2,
        excelTable: base?.excelTable ?? null,
        excelArea: base?.excelArea ?? null,
        claimed: (q, b) =>
          claims.areas.some((a) => !(base && sameArea(a, areas[at].area)) && q >= a.r1 && q <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2),
        forced,
      },
    );
    if (at >= 0) done.add(at);
    if (cand.fit.reason === null) {
      out.push({ cand, title: null });
      claims.add(areaOf(cand));
    }
  });
  found.forEach((f, i) => {
    if (!done.has(i)) out.push({ cand: f.cand, title: null });
  });
  out.sort((a, b) => a.cand.header.rows[0] - b.cand.header.rows[0] || a.cand.header.band.c1 - b.cand.header.band.c1);
  return { tables: out, ignored };
}

function sameArea(a: Area, b: Area): boolean {
  return a.r1 === b.r1 && a.c1 === b.c1 && a.r2 === b.r2 && a.c2 === b.c2;
}

function forcedRoles(roles: NonNullable<TableOverride['roles']>): Map<number, ColumnRole | 'none'> {
  const out = new Map<number, ColumnRole | 'none'>();
  for (const [letter, role] of Object.entries(roles)) {
    if (role === undefined) continue;
    const at = parseArea(`${letter}1`);
    if (at) out.set(at.c1, role);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Titles and summaries

/**
 * The tables with their segments titled: a table's first run of rows takes the
 * title above its header (a `Work stream 2:` title however far up, else a title
 * touching the header, else, on a sheet of several tables, the nearest text above),
 * its grouping column, or the sheet's name; and each summary block placed after
 * the segments it sits under.
 */
function titled(ctx: DetectContext, items: readonly { cand: Candidate; title: string | null }[]): DetectedTable[] {
  const tables = items.map(({ cand }) => ({ cand, table: tableOf(ctx, cand) }));
  const several = tables.length > 1;
  return tables.map(({ cand, table }, i) => {
    const top = table.headerRows[0];
    // Look no higher than the last table above in the same columns.
    let from = 0;
    for (const o of tables) {
      if (o.table === table) continue;
      const end = Math.max(o.table.lastRow, ...o.cand.body.summaries.map((s) => s.block.area.r2));
      if (end < top && o.table.firstCol <= cand.wide.c2 && cand.wide.c1 <= o.table.lastCol) from = Math.max(from, end + 1);
    }
    const above = titlesAbove(ctx.view, from, top, cand.wide, ctx.read, ctx.readers.summaryLabel);
    const pick: TitleFound | null = above.strong ?? above.adjacent ?? (several ? above.plain : null);
    const segments = table.segments.map((s, k) => {
      if (k > 0 || s.title) return s;
      if (pick) return segment(pick.text, pick.row, 'row', s.rows);
      if (!several || (i === 0 && !above.plain)) return segment(ctx.view.sheet.name, null, 'sheet', s.rows);
      return table.excelTable
        ? segment(table.excelTable, null, 'table', s.rows)
        : segment(`${ctx.view.sheet.name} (table ${i + 1})`, null, 'sheet', s.rows);
    });
    const kept = segments.filter((s) => s.rows.length > 0);
    const summaries = cand.body.summaries.map(({ block, row }) => {
      let after = -1;
      kept.forEach((s, k) => {
        if (lastRowOfSegment(table, s) < row) after = k;
      });
      return { block, afterSegment: after };
    });
    const titleRow = kept[0]?.titleRow ?? null;
    const rowEvidence = [...table.rowEvidence];
    if (titleRow !== null && titleRow < top) {
      rowEvidence.unshift({ row: titleRow + 1, kind: 'title', reason: 'title-above', text: kept[0].title });
    }
    for (const s of summaries) {
      rowEvidence.push({ row: s.block.area.r1 + 1, kind: 'summary', reason: 'summary-labels', text: firstText(ctx.view, s.block.area) });
    }
    rowEvidence.sort((a, b) => a.row - b.row);
    return { ...table, segments: kept, summaries, rowEvidence };
  });
}

function firstText(view: SheetView, a: Area): string {
  for (let c = a.c1; c <= a.c2; c++) {
    const v = view.sheet.rows[a.r1]?.[c];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return '';
}
