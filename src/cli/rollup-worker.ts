import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { type ReadJob, pack, readTrackerFile } from './rollup-read';

// A worker thread of `ragbook rollup`. The command's bundle is also the workers'
// script: loaded in a worker started with this flag, it reads the trackers it is
// sent, one at a time, and posts back each one's compact outcome.

export const WORKER_FLAG = 'ragbookRollupWorker';
/** What a worker posts once it is listening: a thread that dies before saying so could not start at all. */
export const READY = 'ready';

if (!isMainThread && parentPort && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG] === true) {
  const port = parentPort;
  port.on('message', (job: ReadJob) => port.postMessage(pack(readTrackerFile(job))));
  port.postMessage(READY);
}
