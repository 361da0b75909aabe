import * as path from 'node:path';
import { AsOfError, DirectorateWorkbookError, isValidIsoDate, recalculate } from '../core/engine';
import { toReport } from '../core/to-report';
import { XlsxWorkbook } from '../workbook/xlsx/adapter';
import { WorkbookFileError } from '../workbook/xlsx/read';
import { XlsxWriteError } from '../workbook/xlsx/write';
import { parseCli, USAGE, UsageError, type WorkbookArgs } from './args';
import { compareFiles } from './compare';
import {
  canonicalPath,
  checkWritable,
  commitTemporaries,
  defaultOutput,
  PathError,
  readRegularFile,
  writeFileAtomic,
  writeTemporary,
} from './files';
import { InputError, MAX_INPUT_BYTES, loadSettings, oneLine, safeText } from './inputs';
import { nodeCodec } from './node-codec';
import { formatFindings, formatHeadline, formatTable } from './print';
import { formatTables } from './print-tables';
import { runRollup } from './rollup';
import type { FirstWorker } from './rollup-pool';

// The ragbook command: the same engine as the add-in, over .xlsx files.

const out = (s: string) => process.stdout.write(safeText(s) + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

/** Packages whose kind Excel reads from the file name: they keep it. */
const KEEPS_EXTENSION = new Set(['.xlsm', '.xltx', '.xltm', '.xlam']);

/** The script worker threads run: this file, once bundled (dist/cli.js); none when run as TypeScript. */
const BUNDLE = typeof __filename === 'string' && /\.c?js$/.test(__filename) ? __filename : null;

export interface MainOptions {
  /** What `ragbook rollup`'s worker threads run (bin/rollup-worker.js loads the bundle with its code cache); the bundle itself by default. */
  workerScript?: string;
  /** A worker thread bin/ragbook.js started for `ragbook rollup` before loading the command (bin/first-worker.js). */
  firstWorker?: FirstWorker | null;
}

export async function main(argv: string[], opts: MainOptions = {}): Promise<number> {
  try {
    return await command(argv, opts);
  } finally {
    // Not taken (bad arguments, nothing to read, another command): it ends with the run.
    opts.firstWorker?.discard();
  }
}

async function command(argv: string[], opts: MainOptions): Promise<number> {
  let args: ReturnType<typeof parseCli>;
  try {
    args = parseCli(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`ragbook: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (args === 'help') {
    out(USAGE);
    return 0;
  }
  try {
    if (args.command === 'compare') {
      return await compareFiles(args, { loadSettings, readInput, out, err, fail: (message) => new InputError(message) });
    }
    if (args.command === 'rollup') {
      return await runRollup(args, {
        out,
        err,
        redraw: process.stderr.isTTY ? (s) => process.stderr.write(`\r${s}`) : null,
        workerScript: opts.workerScript ?? BUNDLE,
        firstWorker: opts.firstWorker,
        now: new Date(),
      });
    }
    return await run(args);
  } catch (e) {
    if (
      e instanceof InputError ||
      e instanceof WorkbookFileError ||
      e instanceof AsOfError ||
      e instanceof DirectorateWorkbookError ||
      e instanceof PathError
    ) {
      err(`ragbook: ${oneLine(e.message)}`);
      return 2;
    }
    if (e instanceof XlsxWriteError) {
      err(`ragbook: ${oneLine(`${args.command === 'rollup' ? args.out : args.input}: ${e.message}`)} Nothing was written.`);
      return 2;
    }
    throw e;
  }
}

function readInput(file: string): Uint8Array {
  return new Uint8Array(readRegularFile(file, 'a workbook', MAX_INPUT_BYTES));
}

/**
 * Where recalc writes, checked before anything is read or written: never over the
 * input without --in-place, never the report over the workbook, and --in-place
 * through a link updates the workbook the link points to.
 */
function targets(args: WorkbookArgs): { workbook: string | null; report: string | null } {
  const input = canonicalPath(args.input);
  let workbook: string | null = null;
  if (args.command === 'recalc') {
    workbook = args.inPlace ? input : (args.out ?? defaultOutput(args.input));
    if (!args.inPlace && canonicalPath(workbook) === input) {
      throw new InputError(`${workbook}: that is the input workbook. Use --in-place to update it, or choose another --out.`);
    }
    const from = path.extname(args.input).toLowerCase();
    const to = path.extname(workbook).toLowerCase();
    if (KEEPS_EXTENSION.has(from) && to !== from) {
      throw new InputError(
        `${workbook}: the input is a ${from} workbook, and Excel opens it only under a ${from} name. Name the output ${from}.`,
      );
    }
    checkWritable(workbook);
  }
  if (args.report) {
    const report = canonicalPath(args.report);
    if (report === input) throw new InputError(`${args.report}: that is the input workbook. Choose another --report file.`);
    if (workbook !== null && report === canonicalPath(workbook)) {
      throw new InputError(`${args.report}: that is where the workbook is written. Choose another --report file.`);
    }
    checkWritable(args.report);
  }
  return { workbook, report: args.report };
}

async function run(args: WorkbookArgs): Promise<number> {
  if (args.asOf !== null && !isValidIsoDate(args.asOf)) {
    throw new InputError(`--as-of '${args.asOf}' is not a real date. Give it as YYYY-MM-DD, e.g. --as-of 2025-09-30.`);
  }
  const settings = args.settings ? loadSettings(args.settings) : undefined;
  const bytes = readInput(args.input);
  const to = targets(args);
  const verbose = bytes.length > 1_000_000 && !args.quiet;
  const progress = (stage: string, done: number, total: number) => {
    if (verbose) err(`ragbook: ${stage} ${total > 1 ? `${done}/${total}` : ''}`.trimEnd());
  };
  progress('Reading workbook', 0, 1);
  const fileName = path.basename(args.input);
  const book = new XlsxWorkbook(bytes, fileName, { codec: nodeCodec });
  const grid = await book.readWorkbook(progress);
  const { result, plan } = recalculate(grid, {
    asOf: args.asOf ?? undefined,
    now: new Date(),
    settings,
    onProgress: progress,
  });
  if (args.command === 'recalc') {
    const target = to.workbook!;
    progress('Writing workbook', 0, 1);
    const { written } = await book.applyPlan(plan);
    // Both files are written in full before either is put in place, so a full disk
    // leaves neither a workbook without its report nor a truncated file.
    const moves = [{ tmp: writeTemporary(target, book.bytes), target }];
    if (to.report) moves.push({ tmp: writeTemporary(to.report, JSON.stringify(toReport(result), null, 2) + '\n'), target: to.report });
    commitTemporaries(moves);
    if (!args.quiet) {
      out(formatHeadline(result));
      out(formatTable(result));
      if (args.tables) out(formatTables(result.tables));
      out(formatFindings(result));
      out(`\nWrote ${target} (sheets: ${written.join(', ')})${args.report ? ` and ${args.report}` : ''}.`);
    }
    return 0;
  }
  if (args.report) writeFileAtomic(args.report, JSON.stringify(toReport(result), null, 2) + '\n');
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  if (!args.quiet) {
    out(formatHeadline(result));
    out(formatTable(result));
    if (args.tables) out(formatTables(result.tables));
    out(formatFindings(result));
    out(`\n${errors ? `${errors} error${errors === 1 ? '' : 's'} to fix.` : 'No errors.'}`);
  }
  return errors ? 1 : 0;
}
