import { TableDetector } from './detect';
import { evidenceOf } from './evidence-of';
import { a1, cellAt, parseA1, textOf } from './grid';
import type { SheetGrid, WorkbookGrid } from './grid';
import { type Finding, finding, sortFindings } from './findings';
import type { EngineResult, Workstream } from './model';
import type { TableEvidence } from './table-evidence';
import { buildPlan, chooseSheetNames } from './plan';
import type { Plan } from './plan-schema';
import { isValidIsoDate, todayIso } from './iso-date';
import { type Settings, type SettingsProblem, parseSettings } from './settings';
import { actionRag, coveredBy, figuresFor, overallFigures, reconcile, staleFindings } from './summarize';
import { type ReadContext, type ReadTable, createReadContext, readTable } from './validate';
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
  const { settings, problems } = resolveSettings(wb, opts.settings);
  const asOf = opts.asOf ?? (settings.asOf.policy === 'fixed' && settings.asOf.date ? settings.asOf.date : todayIso(opts.now));
  if (!isValidIsoDate(asOf)) throw new AsOfError(`The as-of date '${asOf}' is not a real date in the form YYYY-MM-DD.`);
  const findings: Finding[] = problems.map((p) =>
    finding('settings.invalid', { sheet: '(settings)', cell: p.path, workstream: null }, { path: p.path, problem: p.message }),
  );
  const ctx = createReadContext(settings, asOf, wb.date1904);
  const detector = new TableDetector(settings);
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
  opts.onProgress?.('Summarising', sheets.length, sheets.length);
  if (workstreams.length === 0) {
    findings.push(finding('workbook.no-tracker', { sheet: sheets[0]?.name ?? '(workbook)', cell: 'A1', workstream: null }, {}));
  }
  const { targets, findings: naming } = chooseSheetNames(wb, settings);
  append(findings, naming);
  const sheetOrder = wb.sheets.map((s) => s.name);
  const result: EngineResult = {
    source: wb.name,
    asOf,
    generatedAt: opts.now.toISOString(),
    workstreams,
    tables,
    overall: overallFigures(workstreams, settings.rag),
    findings: sortFindings(findings, sheetOrder),
    settings,
    settingsProblems: problems,
    sheetOrder,
  };
  const plan = buildPlan(result, wb, targets);
  opts.onProgress?.('Done', 1, 1);
  return { result, plan };
}

/** Pushes one by one: a spread into push() overflows the call stack on 100,000s of findings. */
function append<T>(to: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) to.push(items[i]);
}

/**
 * The work streams of one sheet, top to bottom, and what is wrong with them. A
 * hand-typed summary block is checked against the work streams above it since the
 * block before, and sits on the last of them.
 */
function readSheet(
  sheet: SheetGrid,
  detector: TableDetector,
  ctx: ReadContext,
): { workstreams: Workstream[]; tables: TableEvidence[]; findings: Finding[] } {
  const workstreams: Workstream[] = [];
  const tables: TableEvidence[] = [];
  const findings: Finding[] = [];
  let sinceLastSummary: Workstream[] = [];
  for (const table of detector.detectSheet(sheet)) {
    const read = readTable(table, ctx);
    append(findings, read.findings);
    const mine = workstreamsOf(read, sheet.name, ctx.settings);
    for (const w of mine) if (w.kind === 'both') append(findings, optimisticRatings(w, ctx.settings));
    sinceLastSummary.push(...mine);
    if (table.summary && mine.length) {
      const owner = mine[mine.length - 1];
      const stated = reconcile(table.summary, coveredBy(sinceLastSummary, table.summary));
      mine[mine.length - 1] = { ...owner, stated };
      append(
        findings,
        staleFindings(owner, stated, (ref) => typedAt(sheet, ref)),
      );
      sinceLastSummary = [];
    }
    workstreams.push(...mine);
    tables.push(evidenceOf(read, mine));
  }
  return { workstreams, tables, findings };
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
    // Action rows run down the sheet, so the last is the lowest (no spread into
    // Math.max: a table of 200,000 rows would overflow the call stack).
    const lastRow = seg.actions[seg.actions.length - 1].row;
    const r1 = k === 0 ? table.headerRow : (seg.titleRow ?? seg.actions[0].row);
    return {
      title: seg.title,
      sheet,
      titleRow: seg.titleRow,
      area: { r1, c1: table.firstCol, r2: Math.max(r1, lastRow), c2: table.lastCol },
      headerRow: table.headerRow,
      columns: table.columns,
      progressColumn: read.progressColumn,
      ratingColumn: read.ratingColumn,
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
