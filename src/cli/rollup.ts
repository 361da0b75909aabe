import * as os from 'node:os';
import { resolveSettings } from '../core/engine';
import { isValidIsoDate, todayIso } from '../core/iso-date';
import { type TrackerOutcome, reportSeparator, rollupReportClosing, rollupReportOpening, trackerReportEntry } from '../core/rollup';
import { DirectorateWorkbook } from '../workbook/xlsx/directorate-workbook';
import { PathError, type TemporaryFile, checkWritable, commitTemporaries, openTemporary, sameFile, writeTemporary } from './files';
import { InputError, loadSettings, oneLine } from './inputs';
import { nodeCodec } from './node-codec';
import { findTrackers } from './rollup-files';
import type { RollupArgs } from './rollup-args';
import { type FirstWorker, readAll } from './rollup-pool';
import type { ReadJob, ReadOutcome } from './rollup-read';
import { formatRollup } from './rollup-print';

// `ragbook rollup`: every tracker of a directorate read on every core, one
// directorate workbook written (and, with --report, the ragbook.rollup/1 report).
// Trackers are only ever read; both outputs are written to temporary files and put
// in place together at the end.

export interface RollupIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Redraws the progress line in place, or null when stderr is not a terminal (then progress is a line per tenth). */
  redraw: ((s: string) => void) | null;
  /** The script worker threads run (the command's bundle), or null to read in this thread. */
  workerScript: string | null;
  /** A worker thread started before the command loaded (bin/first-worker.js), or null. */
  firstWorker?: FirstWorker | null;
  now: Date;
}

const NO_WORKBOOK = { name: '', sheets: [], date1904: false };

export async function runRollup(args: RollupArgs, io: RollupIo): Promise<number> {
  if (args.asOf !== null && !isValidIsoDate(args.asOf)) {
    throw new InputError(`--as-of '${args.asOf}' is not a real date. Give it as YYYY-MM-DD, e.g. --as-of 2025-09-30.`);
  }
  const external = args.settings ? loadSettings(args.settings) : undefined;
  const { settings } = resolveSettings(NO_WORKBOOK, external);
  const asOf = args.asOf ?? (settings.asOf.policy === 'fixed' && settings.asOf.date ? settings.asOf.date : todayIso(io.now));

  checkWritable(args.out);
  if (args.report) {
    if (sameFile(args.report, args.out))
      throw new InputError(`${args.report}: that is where the directorate workbook is written. Choose another --report file.`);
    checkWritable(args.report);
  }
  const found = findTrackers(args.inputs, { out: args.out, report: args.report });
  if (found.trackers.length === 0 && found.unlisted.length === 0) {
    throw new InputError(
      `no .xlsx or .xlsm workbook was found in ${args.inputs.join(', ')}${found.passedOver.length ? ' (only Ragbook’s own outputs)' : ''}. Name the trackers or the folders that hold them.`,
    );
  }

  const jobs: ReadJob[] = found.trackers.map((file, index) => ({
    index,
    file,
    asOf,
    now: io.now.toISOString(),
    settings: external ?? null,
    withReport: args.report !== null,
  }));
  const threads = io.workerScript ? Math.max(1, Math.min(args.jobs ?? defaultThreads(), jobs.length)) : 1;
  const progress = progressLine(jobs.length, threads, args.quiet ? null : io);
  const report = args.report ? orderedReport(openTemporary(args.report), asOf) : null;

  const directorate = new DirectorateWorkbook(nodeCodec);
  const { aggregate } = directorate;
  const skipped: { path: string; why: string }[] = [];
  try {
    await readAll(jobs, {
      size: threads,
      script: io.workerScript,
      first: io.firstWorker,
      onOutcome: (o) => {
        const outcome = toOutcome(o, jobs[o.index]);
        aggregate.add(o.index, outcome);
        if (!outcome) skipped.push({ path: jobs[o.index].file.path, why: o.kind === 'skipped' ? o.reason : '' });
        report?.add(o.index, outcome, o.kind === 'read' ? o.workstreamsJson : null);
        progress.tick();
      },
    });
    progress.done();

    for (const u of found.unlisted) {
      const outcome: TrackerOutcome = { kind: 'refused', file: u.path, path: u.path, message: u.message };
      const index = Math.max(aggregate.size, jobs.length);
      aggregate.add(index, outcome);
      report?.add(index, outcome, null);
    }
    if (!args.quiet) io.err('ragbook: writing the directorate workbook');
    const { rollup, bytes, written } = directorate.finish({
      asOf,
      now: io.now,
      rules: settings.rag,
      settingsJson: JSON.stringify(settings),
    });
    const moves = [{ tmp: writeTemporary(args.out, bytes), target: args.out }];
    if (report) moves.push({ tmp: report.close(rollupReportClosing(rollup)), target: args.report as string });
    commitTemporaries(moves);

    const refused = rollup.trackers.filter((t) => t.kind === 'refused').length;
    if (!args.quiet) {
      io.out(formatRollup(rollup));
      for (const s of [...found.passedOver, ...skipped]) io.out(`Passed over ${s.path}: ${s.why}.`);
      io.out(`\nWrote ${args.out} (sheets: ${written.join(', ')})${args.report ? ` and ${args.report}` : ''}.`);
    }
    return refused ? 1 : 0;
  } catch (e) {
    report?.discard();
    throw e;
  }
}

/**
 * Worker threads to read on: one per core but one, which the main thread keeps busy
 * packing the directorate workbook's actions as they come (two workers on two cores
 * measured slower than one: each starts cold, and they and the packing share the cores).
 */
export function defaultThreads(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

function toOutcome(o: ReadOutcome, job: ReadJob): TrackerOutcome | null {
  if (o.kind === 'read') return { kind: 'read', ...o.summary };
  if (o.kind === 'refused') return { kind: 'refused', ...job.file, message: oneLine(o.message) };
  return null;
}

/**
 * The report, written as the trackers are read: each entry waits only for those
 * before it, so the file lists trackers in the order given while holding few of
 * them in memory.
 */
function orderedReport(file: TemporaryFile, asOf: string) {
  file.write(rollupReportOpening(asOf));
  const waiting = new Map<number, string | null>();
  let next = 0;
  let written = 0;
  return {
    add(index: number, outcome: TrackerOutcome | null, workstreamsJson: string | null) {
      waiting.set(index, outcome ? trackerReportEntry(outcome, workstreamsJson ?? '[]') : null);
      while (waiting.has(next)) {
        const entry = waiting.get(next) as string | null;
        waiting.delete(next);
        next++;
        if (entry === null) continue;
        file.write(reportSeparator(written++) + entry);
      }
    },
    close(closing: string): string {
      if (waiting.size) throw new PathError('the report is missing trackers');
      file.write(closing);
      return file.finish();
    },
    discard: () => file.discard(),
  };
}

/** Progress on stderr: one line redrawn on a terminal, a line per tenth elsewhere; nothing with --quiet. */
function progressLine(total: number, threads: number, io: RollupIo | null) {
  let done = 0;
  let shown = -1;
  let last = 0;
  if (io) io.err(`ragbook: reading ${total} workbook${total === 1 ? '' : 's'} on ${threads} thread${threads === 1 ? '' : 's'}`);
  return {
    tick() {
      done++;
      if (!io) return;
      if (io.redraw) {
        const now = Date.now();
        if (now - last < 100 && done < total) return;
        last = now;
        io.redraw(`ragbook: read ${done} of ${total}`);
      } else {
        const tenth = Math.floor((done * 10) / total);
        if (tenth === shown) return;
        shown = tenth;
        io.err(`ragbook: read ${done} of ${total}`);
      }
    },
    done() {
      if (io?.redraw) io.err('');
    },
  };
}
