import { parseArgs } from 'node:util';

// Command-line arguments, checked before any file is read or written.

export interface CliArgs {
  command: 'recalc' | 'check';
  input: string;
  out: string | null;
  inPlace: boolean;
  asOf: string | null;
  report: string | null;
  settings: string | null;
  quiet: boolean;
  /** Print every table read, with its columns and rows, after the work streams. */
  tables: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage:
  ragbook recalc <workbook.xlsx> [--out FILE | --in-place] [--as-of YYYY-MM-DD] [--report FILE] [--settings FILE] [--tables]
  ragbook check  <workbook.xlsx> [--as-of YYYY-MM-DD] [--report FILE] [--settings FILE] [--tables]

recalc writes the workbook with the RAG Summary, RAG Issues and RAG History sheets
(by default to <name>.ragbook.xlsx beside it; the input is never overwritten
without --in-place). check writes no workbook and exits 1 when there are errors.
--tables also prints every table read: its range, the column behind each role, and
why rows were titles, headings or notes; the settings' "tables" corrections name
those ranges.
Exit codes: 0 done, 1 check found errors, 2 bad input or arguments.`;

export function parseCli(argv: string[]): CliArgs | 'help' {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return 'help';
  const [command, ...rest] = argv;
  if (command !== 'recalc' && command !== 'check') throw new UsageError(`unknown command '${command}'. Use 'recalc' or 'check'.`);
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
    command,
    input: positionals[0],
    out: values.out ?? null,
    inPlace: values['in-place'] ?? false,
    asOf: values['as-of'] ?? null,
    report: values.report ?? null,
    settings: values.settings ?? null,
    quiet: values.quiet ?? false,
    tables: values.tables ?? false,
  };
}
