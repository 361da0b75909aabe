import { Worker } from 'node:worker_threads';
import { type ReadJob, type ReadOutcome, readTrackerFile, unpack } from './rollup-read';
import { READY, WORKER_FLAG } from './rollup-worker';

// Reads the trackers of a directorate on every core: a pool of worker threads, each
// holding the tracker it reads and the next few (file names only). So at most one
// tracker per thread is open at any moment, whatever their number, and each answer
// is compact (figures and action lines, never a grid). A worker that dies (a
// tracker that needs more memory than a thread may have) is replaced and costs only
// the tracker that killed it, which is refused: the jobs it held are read again one
// at a time, and the one that kills its thread again is the one.

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
  /** Worker threads to run (this thread packs what they send); 0 reads in this thread. */
  size: number;
  /** The script the workers run: the command's own bundle. Null when there is none (TypeScript under a test runner): read in this thread. */
  script: string | null;
  /** Each outcome, as it comes (not in job order). */
  onOutcome: (o: ReadOutcome) => void;
}

/**
 * Jobs a thread holds at once: the tracker it reads and the next three, so that it
 * starts the next as soon as it answers, without waiting for this thread (busy
 * packing a large answer while the worker reads several small trackers). With two,
 * a worker thread of the 200-tracker benchmark stood idle 27 times for 5 to 20 ms,
 * about a tenth of its run. Each job is a file name: holding four costs nothing.
 */
const AHEAD = 4;

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
    /**
     * Jobs a thread held when it died. Which one killed it cannot be told (a dying
     * thread's last answers and its end arrive in no set order), so each is read again,
     * alone on its thread: one that kills that thread too is refused; the others are read.
     */
    const suspects: ReadJob[] = [];
    let answered = 0;
    const workers = new Set<Worker>();
    let failed = false;

    const finish = (error?: unknown) => {
      if (failed) return;
      if (error !== undefined) failed = true;
      for (const w of workers) void w.terminate();
      workers.clear();
      if (error !== undefined) reject(error);
      else resolve();
    };

    // Each file is answered once: a late answer from a thread that died, for a job
    // given again to another, stands, and the second is dropped.
    const answeredFor = new Set<number>();
    const answer = (o: ReadOutcome) => {
      if (answeredFor.has(o.index)) return;
      answeredFor.add(o.index);
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
      // The job it reads, then the ones it reads next (oldest first).
      const held: ReadJob[] = [];
      /** It holds a suspect, alone: if it dies, that job is the one that killed it. */
      let alone = false;
      let ready = taken?.ready ?? false;
      const hold = (job: ReadJob) => {
        held.push(job);
        worker.postMessage(job);
      };
      const give = () => {
        if (alone && held.length) return;
        alone = false;
        if (held.length === 0 && suspects.length) {
          alone = true;
          hold(suspects.shift() as ReadJob);
          return;
        }
        while (held.length < AHEAD && next < jobs.length) hold(jobs[next++]);
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
        if (failed) return;
        const at = held.findIndex((j) => j.index === o.index);
        if (at >= 0) held.splice(at, 1);
        // Its next job goes out before this answer is packed: packing a large
        // tracker's actions takes longer than the thread needs to read a small one.
        give();
        answer(unpack(o));
      });
      const died = (e: Error & { code?: string }) => {
        workers.delete(worker);
        const lost = held.splice(0).filter((j) => !answeredFor.has(j.index));
        if (failed || lost.length === 0) return;
        // A thread that fails before it listens could not start at all: a broken installation, not a tracker.
        if (!ready) return finish(e);
        if (alone) answer({ index: lost[0].index, kind: 'refused', message: diedReading(lost[0].file.file, e) });
        else suspects.push(...lost);
        if (failed || answered >= jobs.length) return;
        // The tracker is lost, not the run: a new thread takes the rest.
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
