import { parseArgs } from 'node:util';
import { UsageError } from './args';

// The arguments of `ragbook rollup`, checked before any file is read or written.

export interface RollupArgs {
  command: 'rollup';
  /** Workbooks and folders, as given. */
  inputs: string[];
  out: string;
  report: string | null;
  asOf: string | null;
  settings: string | null;
  quiet: boolean;
  /** Trackers read at once; null: one per core. */
  jobs: number | null;
}

export function parseRollupArgs(rest: string[]): RollupArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string', short: 'o' },
        'as-of': { type: 'string' },
        report: { type: 'string' },
        settings: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        jobs: { type: 'string', short: 'j' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify.*$/s, '.'));
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    throw new UsageError('name the trackers to roll up (workbooks or folders), e.g. ragbook rollup trackers/ --out directorate.xlsx');
  }
  if (values.out === undefined) {
    throw new UsageError('name the directorate workbook to write with --out, e.g. --out directorate.xlsx');
  }
  if (!/\.xlsx$/i.test(values.out)) {
    throw new UsageError(`--out '${values.out}': the directorate workbook is an .xlsx file; give a name ending in .xlsx`);
  }
  let jobs: number | null = null;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!/^\d+$/.test(values.jobs) || jobs < 1 || jobs > 256) {
      throw new UsageError(`--jobs '${values.jobs}': give how many trackers to read at once, a whole number from 1 to 256`);
    }
  }
  return {
    command: 'rollup',
    inputs: positionals,
    out: values.out,
    report: values.report ?? null,
    asOf: values['as-of'] ?? null,
    settings: values.settings ?? null,
    quiet: values.quiet ?? false,
    jobs,
  };
}
