import { Worker } from 'node:worker_threads';
import { type ReadJob, type ReadOutcome, readTrackerFile, unpack } from './rollup-read';
import { READY, WORKER_FLAG } from './rollup-worker';

// Reads the trackers of a directorate on every core: a pool of worker threads, each
// holding the tracker it reads and the next. So at most one tracker per thread is
// open at any moment, whatever their number, and each answer is compact (figures
// and action lines, never a grid). A worker that dies (a tracker that needs more
// memory than a thread may have) costs that one tracker, which is refused; the one
// it held next is read by another, and it is replaced.

/** A worker thread started before the command loaded (bin/first-worker.js), with what it posted or suffered meanwhile. */
export interface FirstWorker {
  /** Hands the thread over, once; null when it was taken or discarded already. */
  take(): { worker: Worker; ready: boolean; error: Error | null; exited: number | null } | null;
  /** Ends the thread if it was never taken. */
  discard(): void;
}

export interface PoolOptions {
  /** A thread already started, taken as the first of `size`. */
  first?: FirstWorker | null;
  /** Threads to run; 1 reads in this thread. */
  size: number;
  /** The script the workers run: the command's own bundle. Null when there is none (TypeScript under a test runner): read in this thread. */
  script: string | null;
  /** Each outcome, as it comes (not in job order). */
  onOutcome: (o: ReadOutcome) => void;
}

/**
 * Jobs a thread holds at once: the tracker it reads and the next, so that it starts
 * the next as soon as it answers, without waiting for this thread (busy packing the
 * last answer) to send one. Each job is a file name: holding two costs nothing.
 */
const AHEAD = 2;

export async function readAll(jobs: ReadJob[], opts: PoolOptions): Promise<void> {
  const size = Math.min(opts.size, jobs.length);
  if (size < 1 || opts.script === null) return readHere(jobs, opts.onOutcome);
  return readInWorkers(jobs, size, opts.script, opts.onOutcome, opts.first ?? null);
}

async function readHere(jobs: ReadJob[], onOutcome: (o: ReadOutcome) => void): Promise<void> {
  for (const job of jobs) {
    onOutcome(readTrackerFile(job));
    // Lets a signal, or the progress line, through between trackers.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function readInWorkers(
  jobs: ReadJob[],
  size: number,
  script: string,
  onOutcome: (o: ReadOutcome) => void,
  first: FirstWorker | null,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let next = 0;
    /** Jobs a thread that died was holding but had not begun: read by the others. */
    const again: ReadJob[] = [];
    let answered = 0;
    const workers = new Set<Worker>();
    let failed = false;
    const nextJob = (): ReadJob | null => again.shift() ?? (next < jobs.length ? jobs[next++] : null);

    const finish = (error?: unknown) => {
      if (failed) return;
      if (error !== undefined) failed = true;
      for (const w of workers) void w.terminate();
      workers.clear();
      if (error !== undefined) reject(error);
      else resolve();
    };

    const answer = (o: ReadOutcome) => {
      try {
        onOutcome(o);
      } catch (e) {
        finish(e);
        return;
      }
      if (++answered === jobs.length) finish();
    };

    const start = (taken: ReturnType<FirstWorker['take']> = null) => {
      const worker = taken ? taken.worker : new Worker(script, { workerData: { [WORKER_FLAG]: true } });
      workers.add(worker);
      // The job it reads, then the one it reads next (oldest first).
      const held: ReadJob[] = [];
      let ready = taken?.ready ?? false;
      const give = () => {
        for (let job = held.length < AHEAD ? nextJob() : null; job; job = held.length < AHEAD ? nextJob() : null) {
          held.push(job);
          worker.postMessage(job);
        }
        if (held.length === 0) {
          workers.delete(worker);
          void worker.terminate();
        }
      };
      worker.on('message', (o: ReadOutcome | typeof READY) => {
        if (o === READY) {
          ready = true;
          return;
        }
        const at = held.findIndex((j) => j.index === o.index);
        if (at >= 0) held.splice(at, 1);
        answer(unpack(o));
        if (!failed) give();
      });
      const died = (e: Error & { code?: string }) => {
        workers.delete(worker);
        const [job, ...waiting] = held.splice(0);
        if (failed || !job) return;
        // A thread that fails before it listens could not start at all: a broken installation, not a tracker.
        if (!ready) return finish(e);
        // A thread reads its jobs in turn: it died on the oldest; the others were never begun.
        again.push(...waiting);
        answer({ index: job.index, kind: 'refused', message: diedReading(job.file.file, e) });
        if (failed || answered >= jobs.length) return;
        // The tracker is lost, not the run: another thread takes the rest.
        try {
          start();
        } catch (err) {
          finish(err);
        }
      };
      worker.on('error', died);
      worker.on('exit', (code) => {
        if (held.length) died(Object.assign(new Error(`it exited with code ${code}`), { code: 'ERR_WORKER_EXITED' }));
      });
      // A thread that failed or ended before it was taken never read a tracker: it could not start.
      if (taken?.error) return finish(taken.error);
      if (taken && taken.exited !== null) return finish(new Error(`a worker thread ended as it started (code ${taken.exited})`));
      give();
    };

    try {
      const taken = first?.take() ?? null;
      for (let i = 0; i < size; i++) start(i === 0 ? taken : null);
    } catch (e) {
      finish(e);
    }
  });
}

function diedReading(file: string, e: Error & { code?: string }): string {
  const why =
    e.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? 'it needs more memory than Ragbook gives one workbook'
      : `the thread reading it stopped: ${e.message}`;
  return `${file} could not be read (${why}). Open it in Excel, remove unused sheets or blank formatted rows, save, and try again.`;
}
