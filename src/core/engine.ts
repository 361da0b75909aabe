import { TableDetector } from './detect';
import { a1, cellAt, parseA1, textOf } from './grid';
import type { WorkbookGrid } from './grid';
import { type Finding, quote, sortFindings } from './findings';
import type { EngineResult, Workstream } from './model';
import { buildPlan, chooseSheetNames } from './plan';
import type { Plan } from './plan-schema';
import { isValidIsoDate, todayIso } from './iso-date';
import { type Settings, type SettingsProblem, parseSettings } from './settings';
import { actionRag, coveredBy, figuresFor, overallFigures, reconcile, staleFindings } from './summarize';
import { createReadContext, readTable } from './validate';
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
  const findings: Finding[] = problems.map((p) => ({
    severity: 'warning',
    code: 'settings.invalid',
    sheet: '(settings)',
    cell: p.path,
    workstream: null,
    message: `Setting ${p.path}: ${p.message}.`,
    suggestion: 'Fix the setting in the Ragbook pane (Settings) or the settings file.',
  }));
  const ctx = createReadContext(settings, asOf, wb.date1904);
  const detector = new TableDetector(settings);
  const workstreams: Workstream[] = [];
  const sheets = wb.sheets.filter((s) => !s.owned);
  sheets.forEach((sheet, i) => {
    opts.onProgress?.('Reading trackers', i, sheets.length);
    let sinceLastSummary: Workstream[] = [];
    for (const table of detector.detectSheet(sheet)) {
      const read = readTable(table, ctx, findings);
      const mine = read.segments.map((seg, k): Workstream => {
        // Action rows run down the sheet, so the last is the lowest (no spread into
        // Math.max: a table of 200,000 rows would overflow the call stack).
        const lastRow = seg.actions[seg.actions.length - 1].row;
        const r1 = k === 0 ? table.headerRow : (seg.titleRow ?? seg.actions[0].row);
        const w: Workstream = {
          title: seg.title,
          sheet: sheet.name,
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
        if (read.kind === 'both') findings.push(...optimisticRatings(w, settings));
        return w;
      });
      workstreams.push(...mine);
      sinceLastSummary.push(...mine);
      if (table.summary && mine.length) {
        const covered = coveredBy(sinceLastSummary, table.summary);
        const owner = mine[mine.length - 1];
        owner.stated = reconcile(table.summary, covered);
        findings.push(
          ...staleFindings(owner, owner.stated, (ref) => {
            const at = parseA1(ref);
            return at ? textOf(cellAt(sheet, at.r, at.c)) : '';
          }),
        );
        sinceLastSummary = [];
      }
    }
  });
  opts.onProgress?.('Summarising', sheets.length, sheets.length);
  if (workstreams.length === 0) {
    findings.push({
      severity: 'warning',
      code: 'workbook.no-tracker',
      sheet: sheets[0]?.name ?? '(workbook)',
      cell: 'A1',
      workstream: null,
      message:
        'No tracker table was found. Ragbook looks for a header row naming the actions and their status, progress or target date (for example: No | Action | Progress | Status).',
      suggestion: 'Check that each table has a header row, or add your header words in Settings.',
    });
  }
  const { targets, findings: naming } = chooseSheetNames(wb, settings);
  findings.push(...naming);
  const sheetOrder = wb.sheets.map((s) => s.name);
  const result: EngineResult = {
    source: wb.name,
    asOf,
    generatedAt: opts.now.toISOString(),
    workstreams,
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

/** Where a table has both a progress status and a RAG rating, a rating kinder than the facts is reported. */
function optimisticRatings(w: Workstream, settings: Settings): Finding[] {
  const out: Finding[] = [];
  for (const a of w.actions) {
    const derived = actionRag(a, settings.rag);
    const declared = a.rating?.word;
    if (!derived || !declared || declared === 'Unrated' || declared === 'Unrecognised') continue;
    if (RAG_WORDS.indexOf(declared) < RAG_WORDS.indexOf(derived)) {
      out.push({
        severity: 'warning',
        code: 'rating.optimistic',
        sheet: w.sheet,
        cell: a1(a.row, w.ratingColumn!),
        workstream: w.title,
        value: quote(a.rating!.raw),
        message: `${a.id ? `Action ${a.id}` : `The action in row ${a.row + 1}`} is rated ${declared}, but its status and dates make it ${derived}.`,
        suggestion: derived,
      });
    }
  }
  return out;
}
