import { parseArgs } from 'node:util';
import { type RollupArgs, parseRollupArgs } from './rollup-args';

// Command-line arguments, checked before any file is read or written.

interface Common {
  asOf: string | null;
  report: string | null;
  settings: string | null;
  quiet: boolean;
  /** Print every table read, with its columns and rows, after the work streams. */
  tables: boolean;
}

export interface WorkbookArgs extends Common {
  command: 'recalc' | 'check';
  input: string;
  out: string | null;
  inPlace: boolean;
}

export interface CompareArgs extends Common {
  command: 'compare';
  /** The older version of the tracker, and the newer. */
  old: string;
  input: string;
  /** The date the older version is judged at, when it cannot be read from the file. */
  oldAsOf: string | null;
}

export type CliArgs = WorkbookArgs | CompareArgs;

export class UsageError extends Error {}

export const USAGE = `Usage:
  ragbook recalc  <workbook.xlsx> [--out FILE | --in-place] [--as-of YYYY-MM-DD] [--report FILE] [--settings FILE] [--tables]
  ragbook check   <workbook.xlsx> [--as-of YYYY-MM-DD] [--report FILE] [--settings FILE] [--tables]
  ragbook compare <old.xlsx> <new.xlsx> [--as-of YYYY-MM-DD] [--old-as-of YYYY-MM-DD] [--report FILE] [--settings FILE]
  ragbook rollup  <workbooks and folders...> --out FILE.xlsx [--report FILE] [--as-of YYYY-MM-DD] [--settings FILE] [--jobs N]

recalc writes the workbook with the RAG Summary, RAG Actions, RAG Issues and RAG
History sheets (by default to <name>.ragbook.xlsx beside it; the input is never
overwritten without --in-place). check writes no workbook and exits 1 when there
are errors. --tables also prints every table read: its range, the column behind
each role, and why rows were titles, headings or notes; the settings' "tables"
corrections name those ranges. compare says what changed between two versions of
a tracker (completed, newly overdue, went backwards, target moved, added, removed;
each work stream better or worse) and writes nothing but its report; it exits 1
when the newer version has errors. rollup reads every .xlsx and .xlsm named or
found in the folders (and their subfolders) and writes one directorate workbook: a
summary, all work streams, all actions, and the files that could not be read. It
never writes to a tracker.
Exit codes: 0 done, 1 errors found (check, compare) or a file rollup could not
read, 2 bad input or arguments.`;

const COMMANDS = ['recalc', 'check', 'compare'] as const;

export function parseCli(argv: string[]): CliArgs | RollupArgs | 'help' {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return 'help';
  const [command, ...rest] = argv;
  if (command === 'rollup') return parseRollupArgs(rest);
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(`unknown command '${command}'. Use 'recalc', 'check', 'compare' or 'rollup'.`);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string', short: 'o' },
        'in-place': { type: 'boolean' },
        'as-of': { type: 'string' },
        'old-as-of': { type: 'string' },
        report: { type: 'string' },
        settings: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        tables: { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify.*$/s, '.'));
  }
  const { values, positionals } = parsed;
  const common: Common = {
    asOf: values['as-of'] ?? null,
    report: values.report ?? null,
    settings: values.settings ?? null,
    quiet: values.quiet ?? false,
    tables: values.tables ?? false,
  };
  if (command === 'compare') {
    if (positionals.length !== 2) {
      throw new UsageError(
        positionals.length < 2
          ? 'name the older and the newer workbook, e.g. ragbook compare august.xlsx september.xlsx'
          : `compare takes two workbooks, the older first (got ${positionals.length})`,
      );
    }
    if (values.out !== undefined || values['in-place'])
      throw new UsageError('compare writes no workbook: --out and --in-place belong to recalc');
    return { command, old: positionals[0], input: positionals[1], oldAsOf: values['old-as-of'] ?? null, ...common };
  }
  if (values['old-as-of'] !== undefined) throw new UsageError('--old-as-of belongs to compare');
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'name the workbook to read, e.g. ragbook recalc tracker.xlsx'
        : `give one workbook at a time (got ${positionals.length})`,
    );
  }
  if (command === 'check' && (values.out !== undefined || values['in-place'])) {
    throw new UsageError('check writes no workbook: --out and --in-place belong to recalc');
  }
  if (values.out !== undefined && values['in-place']) throw new UsageError('use either --out or --in-place, not both');
  return {
    command: command as WorkbookArgs['command'],
    input: positionals[0],
    out: values.out ?? null,
    inPlace: values['in-place'] ?? false,
    ...common,
  };
}
