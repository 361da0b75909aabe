import { stampedAsOf } from '../core/compare-baseline';
import { baselineOf, compareWithBaseline } from '../core/compare';
import { type OldAsOfSource, toCompareReport } from '../core/compare-report';
import { isValidIsoDate, recalculate } from '../core/engine';
import type { WorkbookGrid } from '../core/grid';
import type { EngineResult } from '../core/model';
import { XlsxWorkbook } from '../workbook/xlsx/adapter';
import type { CompareArgs } from './args';
import { canonicalPath, checkWritable, writeFileAtomic } from './files';
import { nodeCodec } from './node-codec';
import { formatCompare } from './print-compare';

// `ragbook compare OLD NEW`: what changed between two versions of a tracker. Both
// are recalculated with the same settings, the older as a baseline, as if the newer
// were its next recalculation. Nothing is written but the report.

/** What the command needs from main: reading files and settings, printing, and its one-line errors. */
export interface CompareContext {
  loadSettings: (file: string) => unknown;
  readInput: (file: string) => Uint8Array;
  out: (s: string) => void;
  err: (s: string) => void;
  /** An error that main prints as one line, exit 2. */
  fail: (message: string) => Error;
}

async function gridOf(file: string, ctx: CompareContext): Promise<WorkbookGrid> {
  // The path as typed names the workbook, so two versions with the same file name are told apart.
  return new XlsxWorkbook(ctx.readInput(file), file, { codec: nodeCodec }).readWorkbook();
}

/**
 * The date the older version is judged at, so that "newly overdue" means what a
 * manager means by it: --old-as-of; else the as-of Ragbook stamped on it, if it was
 * recalculated; else the latest "Progress at <date>" it reports at; else the newer
 * version's date.
 */
function oldAsOf(
  args: CompareArgs,
  grid: WorkbookGrid,
  firstRead: EngineResult,
  newer: EngineResult,
): { asOf: string; from: OldAsOfSource } {
  if (args.oldAsOf) return { asOf: args.oldAsOf, from: 'option' };
  const stamped = stampedAsOf(grid);
  if (stamped) return { asOf: stamped, from: 'ragbook' };
  const latest = (r: EngineResult) =>
    r.workstreams
      .map((w) => w.reportingDate)
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null;
  // A reporting date the newer version still carries says nothing about when the older was written.
  const reported = latest(firstRead);
  if (reported && reported !== latest(newer)) return { asOf: reported, from: 'reporting-date' };
  return { asOf: newer.asOf, from: 'new' };
}

export async function compareFiles(args: CompareArgs, ctx: CompareContext): Promise<number> {
  for (const [flag, value] of [
    ['--as-of', args.asOf],
    ['--old-as-of', args.oldAsOf],
  ] as const) {
    if (value !== null && !isValidIsoDate(value)) {
      throw ctx.fail(`${flag} '${value}' is not a real date. Give it as YYYY-MM-DD, e.g. ${flag} 2025-09-30.`);
    }
  }
  if (canonicalPath(args.old) === canonicalPath(args.input)) {
    throw ctx.fail(`${args.input}: that is the same file twice. Name the older version first, then the newer.`);
  }
  if (args.report) {
    const report = canonicalPath(args.report);
    for (const f of [args.old, args.input]) {
      if (report === canonicalPath(f))
        throw ctx.fail(`${args.report}: that is one of the workbooks compared. Choose another --report file.`);
    }
    checkWritable(args.report);
  }
  const settings = args.settings ? ctx.loadSettings(args.settings) : undefined;
  const now = new Date();
  const oldGrid = await gridOf(args.old, ctx);
  const newGrid = await gridOf(args.input, ctx);
  const newer = recalculate(newGrid, { asOf: args.asOf ?? undefined, now, settings }).result;
  let older = recalculate(oldGrid, { asOf: args.oldAsOf ?? newer.asOf, now, settings }).result;
  const when = oldAsOf(args, oldGrid, older, newer);
  if (when.asOf !== older.asOf) older = recalculate(oldGrid, { asOf: when.asOf, now, settings }).result;
  const change = compareWithBaseline(baselineOf(older.asOf, older), newer);
  const report = toCompareReport({ old: { result: older, asOfFrom: when.from }, now: newer, change });
  if (args.report) writeFileAtomic(args.report, JSON.stringify(report, null, 2) + '\n');
  const errors = newer.findings.filter((f) => f.severity === 'error').length;
  if (!args.quiet) {
    ctx.out(formatCompare(report));
    ctx.out(
      errors
        ? `\n${args.input} has ${errors} error${errors === 1 ? '' : 's'} to fix (ragbook check ${args.input} lists them).`
        : `\n${args.input}: no errors.`,
    );
  }
  return errors ? 1 : 0;
}
