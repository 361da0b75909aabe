import * as fs from 'node:fs';
import * as path from 'node:path';
import { AsOfError, isValidIsoDate, recalculate } from '../core/engine';
import { parseSettings } from '../core/settings';
import { toReport } from '../core/to-report';
import { readXlsx, WorkbookFileError } from '../workbook/xlsx/read';
import { applyPlanToXlsx } from '../workbook/xlsx/write';
import { parseCli, USAGE, UsageError, type CliArgs } from './args';
import { defaultOutput, writeFileAtomic } from './files';
import { formatFindings, formatTable } from './print';

// The ragbook command: the same engine as the add-in, over .xlsx files.

class InputError extends Error {}

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

export async function main(argv: string[]): Promise<number> {
  let args: CliArgs | 'help';
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
    return run(args);
  } catch (e) {
    if (e instanceof InputError || e instanceof WorkbookFileError || e instanceof AsOfError) {
      err(`ragbook: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

function loadSettings(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`${file}: the settings file cannot be read. Check the path and try again.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: the settings file is not valid JSON (${(e as Error).message}).`);
  }
  const { problems } = parseSettings(raw);
  if (problems.length) {
    throw new InputError(
      `${file}: ${problems.map((p) => `${p.path}: ${p.message.replace(/; the default is used$/, '')}`).join('; ')}. Fix the settings file and try again.`,
    );
  }
  return raw;
}

function readInput(file: string): Uint8Array {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new InputError(`${file}: file not found. Check the path and try again.`);
  }
  if (stat.isDirectory()) throw new InputError(`${file}: is a folder, not a workbook. Name an .xlsx file.`);
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    throw new InputError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}). Check its permissions.`);
  }
}

function run(args: CliArgs): number {
  if (args.asOf !== null && !isValidIsoDate(args.asOf)) {
    throw new InputError(`--as-of '${args.asOf}' is not a real date. Give it as YYYY-MM-DD, e.g. --as-of 2025-09-30.`);
  }
  const settings = args.settings ? loadSettings(args.settings) : undefined;
  const bytes = readInput(args.input);
  const verbose = bytes.length > 1_000_000 && !args.quiet;
  const progress = (stage: string, done: number, total: number) => {
    if (verbose) err(`ragbook: ${stage} ${total > 1 ? `${done}/${total}` : ''}`.trimEnd());
  };
  progress('Reading workbook', 0, 1);
  const fileName = path.basename(args.input);
  const { grid } = readXlsx(bytes, fileName, { onProgress: progress });
  const { result, plan } = recalculate(grid, {
    asOf: args.asOf ?? undefined,
    now: new Date(),
    settings,
    onProgress: progress,
  });
  if (args.command === 'recalc') {
    const target = args.inPlace ? args.input : (args.out ?? defaultOutput(args.input));
    if (!args.inPlace && path.resolve(target) === path.resolve(args.input)) {
      throw new InputError(`${target}: that is the input workbook. Use --in-place to update it, or choose another --out.`);
    }
    progress('Writing workbook', 0, 1);
    const written = applyPlanToXlsx(bytes, plan);
    writeFileAtomic(target, written.bytes);
    if (args.report) writeFileAtomic(args.report, JSON.stringify(toReport(result), null, 2) + '\n');
    if (!args.quiet) {
      out(`${fileName}: ${result.workstreams.length} work streams, ${result.overall.counts.total} actions, as of ${result.asOf}\n`);
      out(formatTable(result));
      out(formatFindings(result.findings));
      out(`\nWrote ${target} (sheets: ${written.written.join(', ')})${args.report ? ` and ${args.report}` : ''}.`);
    }
    return 0;
  }
  if (args.report) writeFileAtomic(args.report, JSON.stringify(toReport(result), null, 2) + '\n');
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  if (!args.quiet) {
    out(`${fileName}: ${result.workstreams.length} work streams, ${result.overall.counts.total} actions, as of ${result.asOf}\n`);
    out(formatTable(result));
    out(formatFindings(result.findings));
    out(`\n${errors ? `${errors} error${errors === 1 ? '' : 's'} to fix.` : 'No errors.'}`);
  }
  return errors ? 1 : 0;
}
