import { isDirectorateWorkbook } from './ownership';
import { type Detector, createDetector, segmentArea } from './detect/index';
import { evidenceOfOther, evidenceOfTable } from './detect/evidence';
import { a1, areaA1, cellAt, parseA1, textOf } from './grid';
import type { SheetGrid, WorkbookGrid } from './grid';
import { type Finding, finding, sortFindings } from './findings';
import type { EngineResult, Workstream } from './model';
import { type SheetPlacement, buildPlan, placeSheets } from './plan';
import { readBaseline } from './compare-baseline';
import { compareWithBaseline } from './compare';
import type { TableEvidence } from './table-evidence';
import type { Plan } from './plan-schema';
import { isValidIsoDate, todayIso } from './iso-date';
import { type Settings, type SettingsProblem, parseSettings } from './settings';
import { actionRag, coveredBy, figuresFor, overallFigures, reconcile, staleFindings } from './summarize';
import { type ReadContext, type ReadTable, createReadContext, readTable } from './validate';
import { UNREAD_REASON_WORDS } from './vocabulary/evidence';
import { RAG_WORDS } from './vocabulary/ratings';

// The one function every host calls: grids and settings in, a result and a plan out.

export interface RecalcOptions {
  /** YYYY-MM-DD; defaults to the settings' as-of policy, else today. */
  asOf?: string;
  /** The moment of recalculation (stamped on the summary); injected so results are reproducible. */
  now: Date;
  /** Settings from outside the workbook (CLI --settings, the pane); they win over the workbook's. */
  settings?: unknown;
  /** Called between stages so long runs can show progress. */
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface Recalculation {
  result: EngineResult;
  plan: Plan;
}

export class AsOfError extends Error {}

/** The workbook is a directorate workbook (ragbook rollup's), not a tracker: recalculating it would replace its sheets. */
export class DirectorateWorkbookError extends Error {}

// The command line checks its --as-of with the engine's own rule.
export { isValidIsoDate } from './iso-date';

/** Workbook settings first, then the caller's on top, each checked on its own. */
export function resolveSettings(wb: WorkbookGrid, external: unknown): { settings: Settings; problems: SettingsProblem[] } {
  let stored = wb.settings;
  if (typeof stored === 'string') {
    try {
      stored = JSON.parse(stored);
    } catch {
      return mergeExternal(
        {
          settings: parseSettings(undefined).settings,
          problems: [
            { path: '(workbook settings)', message: 'the settings stored in the workbook are not valid JSON; the defaults are used' },
          ],
        },
        external,
      );
    }
  }
  return mergeExternal(parseSettings(stored), external);
}

function mergeExternal(base: { settings: Settings; problems: SettingsProblem[] }, external: unknown) {
  if (external === undefined || external === null) return base;
  const over = parseSettings({ ...base.settings, ...(typeof external === 'object' ? (external as object) : {}) });
  if (typeof external !== 'object' || Array.isArray(external)) {
    over.problems.push({ path: '(settings)', message: 'settings must be a JSON object; the defaults are used' });
  }
  return { settings: over.settings, problems: base.problems.concat(over.problems) };
}

export function recalculate(wb: WorkbookGrid, opts: RecalcOptions): Recalculation {
  if (isDirectorateWorkbook(wb)) {
    throw new DirectorateWorkbookError(
      `${wb.name} is a directorate workbook written by ragbook rollup, not a tracker: recalculating it would replace its directorate summary and actions with an empty RAG Summary. Run ragbook rollup on the trackers again to bring it up to date.`,
    );
  }
  const { result, placement } = evaluate(wb, opts);
  const plan = buildPlan(result, wb, placement);
  opts.onProgress?.('Done', 1, 1);
  return { result, plan };
}

/**
 * The result alone, without the plan of the sheets to write: what reading a workbook
 * finds (ragbook rollup judges many trackers and writes none of them).
 */
export function evaluate(wb: WorkbookGrid, opts: RecalcOptions): { result: EngineResult; placement: SheetPlacement } {
  const { settings, problems } = resolveSettings(wb, opts.settings);
  const asOf = opts.asOf ?? (settings.asOf.policy === 'fixed' && settings.asOf.date ? settings.asOf.date : todayIso(opts.now));
  if (!isValidIsoDate(asOf)) throw new AsOfError(`The as-of date '${asOf}' is not a real date in the form YYYY-MM-DD.`);
  const findings: Finding[] = problems.map((p) =>
    finding('settings.invalid', { sheet: '(settings)', cell: p.path, workstream: null }, { path: p.path, problem: p.message }),
  );
  const ctx = createReadContext(settings, asOf, wb.date1904);
  const detector = createDetector(settings, wb.date1904, ctx.reader);
  const workstreams: Workstream[] = [];
  const tables: TableEvidence[] = [];
  const sheets = wb.sheets.filter((s) => !s.owned);
  sheets.forEach((sheet, i) => {
    opts.onProgress?.('Reading trackers', i, sheets.length);
    const read = readSheet(sheet, detector, ctx);
    append(workstreams, read.workstreams);
    append(tables, read.tables);
    append(findings, read.findings);
  });
  // A sheet listed but not read is named, never dropped silently.
  for (const skipped of wb.skipped ?? []) {
    findings.push(finding('sheet.skipped', { sheet: skipped.name, cell: 'A1', workstream: null }, { reason: skipped.reason }));
  }
  opts.onProgress?.('Summarising', sheets.length, sheets.length);
  if (workstreams.length === 0) {
    findings.push(finding('workbook.no-tracker', { sheet: sheets[0]?.name ?? '(workbook)', cell: 'A1', workstream: null }, {}));
  }
  const placement = placeSheets(wb, settings);
  append(findings, placement.findings);
  const sheetOrder = wb.sheets.map((s) => s.name);
  const overall = overallFigures(workstreams, settings.rag);
  // Direction of travel: against the RAG Actions sheet the last recalculation left.
  const baseline = readBaseline(wb);
  const result: EngineResult = {
    source: wb.name,
    asOf,
    generatedAt: opts.now.toISOString(),
    workstreams,
    tables,
    overall,
    findings: sortFindings(findings, sheetOrder),
    settings,
    settingsProblems: problems,
    sheetOrder,
    change: baseline ? compareWithBaseline(baseline, { workstreams, overall }) : null,
  };
  return { result, placement };
}

/** Pushes one by one: a spread into push() overflows the call stack on 100,000s of findings. */
function append<T>(to: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) to.push(items[i]);
}

/** A work stream not yet counted by a hand-typed summary block, with its table's columns. */
interface Pending {
  w: Workstream;
  c1: number;
  c2: number;
}

/**
 * The work streams of one sheet, top to bottom, and what is wrong with them. A
 * hand-typed summary block is checked against the work streams above it since the
 * block before in the same columns (tables side by side keep their own), and sits
 * on the last of them.
 */
function readSheet(
  sheet: SheetGrid,
  detector: Detector,
  ctx: ReadContext,
): { workstreams: Workstream[]; tables: TableEvidence[]; findings: Finding[] } {
  const workstreams: Workstream[] = [];
  const tables: TableEvidence[] = [];
  const findings: Finding[] = [];
  const overrides = ctx.settings.tables.filter((o) => o.sheet.toLowerCase() === sheet.name.toLowerCase());
  const detection = detector.detectSheet(sheet, overrides);
  let pending: Pending[] = [];
  for (const table of detection.tables) {
    const read = readTable(table, ctx);
    append(findings, read.findings);
    const mine = workstreamsOf(read, sheet.name, ctx.settings);
    for (const w of mine) if (w.kind === 'both') append(findings, optimisticRatings(w, ctx.settings));
    const columns = (p: Pending) => p.c1 <= table.lastCol && table.firstCol <= p.c2;
    let next = 0;
    for (const { block, afterSegment } of table.summaries) {
      if (afterSegment < next) continue;
      const above = pending.filter(columns).map((p) => p.w);
      const candidates = above.concat(mine.slice(next, afterSegment + 1));
      if (candidates.length === 0) continue;
      const owner = afterSegment;
      const stated = reconcile(block, coveredBy(candidates, block));
      mine[owner] = { ...mine[owner], stated };
      append(
        findings,
        staleFindings(mine[owner], stated, (ref) => typedAt(sheet, ref)),
      );
      pending = pending.filter((p) => !columns(p));
      next = afterSegment + 1;
    }
    for (let k = next; k < mine.length; k++) pending.push({ w: mine[k], c1: table.firstCol, c2: table.lastCol });
    append(workstreams, mine);
    tables.push(evidenceOfTable(table, read, mine));
  }
  for (const block of detection.others) {
    const evidence = evidenceOfOther(sheet.name, block);
    tables.push(evidence);
    if (block.kind === 'unread') {
      const at = { sheet: sheet.name, cell: a1(block.area.r1, block.area.c1), workstream: null };
      findings.push(
        finding('table.unread', at, {
          range: areaA1(block.area),
          headers: evidence.columns.map((c) => c.header).filter((h) => h !== ''),
          reason: UNREAD_REASON_WORDS[block.reason ?? 'no-action-column'],
        }),
      );
    }
  }
  tables.sort((a, b) => compareRanges(a.range, b.range));
  return { workstreams, tables, findings };
}

/** Tables in sheet order: top to bottom, then left to right. */
function compareRanges(a: string, b: string): number {
  const x = parseA1(a.split(':')[0])!;
  const y = parseA1(b.split(':')[0])!;
  return x.r - y.r || x.c - y.c;
}

/** The text of a cell as it stands in the sheet, so a finding quotes it as typed. */
function typedAt(sheet: SheetGrid, ref: string): string {
  const at = parseA1(ref);
  return at ? textOf(cellAt(sheet, at.r, at.c)) : '';
}

/** One work stream per segment of a table read, each with its figures. */
function workstreamsOf(read: ReadTable, sheet: string, settings: Settings): Workstream[] {
  const table = read.table;
  return read.segments.map((seg, k): Workstream => {
    return {
      title: seg.title,
      sheet,
      titleRow: seg.titleRow,
      area: segmentArea(table, table.segments[k], k === 0),
      headerRow: table.headerRow,
      columns: table.columns,
      progressColumn: read.progressColumn,
      ratingColumn: read.ratingColumn,
      percentColumn: read.percentColumn,
      kind: read.kind,
      reportingDate: read.reportingDate,
      actions: seg.actions,
      figures: figuresFor(seg.actions, read.kind, settings.rag),
      stated: null,
    };
  });
}

/** Where a table has both a progress status and a RAG rating, a rating kinder than the facts is reported. */
function optimisticRatings(w: Workstream, settings: Settings): Finding[] {
  const out: Finding[] = [];
  for (const a of w.actions) {
    const derived = actionRag(a, settings.rag);
    const declared = a.rating?.word;
    if (!derived || !declared || declared === 'Unrated' || declared === 'Unrecognised') continue;
    if (RAG_WORDS.indexOf(declared) < RAG_WORDS.indexOf(derived)) {
      const at = { sheet: w.sheet, cell: a1(a.row, w.ratingColumn!), workstream: w.title, value: a.rating!.raw };
      out.push(finding('rating.optimistic', at, { id: a.id, row: a.row, declared, derived }));
    }
  }
  return out;
}
