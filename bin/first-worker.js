'use strict';
// `ragbook rollup` reads trackers on worker threads. The first is started here, before
// this thread loads the command's bundle, so that it loads its own copy meanwhile: its
// first tracker comes about a tenth of a second sooner. Until the command takes it
// over (src/cli/rollup-pool.ts), what it posts (that it is listening) or suffers (an
// error, its end) is kept for it; it is unref'd, so a run that never takes it (bad
// arguments, or no tracker to read) is not held open by it, and ended by `discard`.
const { Worker } = require('worker_threads');

/** The flag the command's bundle looks for to act as a worker (src/cli/rollup-worker.ts, WORKER_FLAG). */
const WORKER_FLAG = 'ragbookRollupWorker';

function startFirstWorker(script) {
  let worker;
  try {
    worker = new Worker(script, { workerData: { [WORKER_FLAG]: true } });
  } catch {
    return null;
  }
  const seen = { ready: false, error: null, exited: null };
  const onMessage = () => {
    seen.ready = true;
  };
  const onError = (e) => {
    seen.error = e;
  };
  const onExit = (code) => {
    seen.exited = code;
  };
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  worker.unref();
  let held = true;
  return {
    take() {
      if (!held) return null;
      held = false;
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.ref();
      return { worker, ...seen };
    },
    discard() {
      if (!held) return;
      held = false;
      void worker.terminate();
    },
  };
}

module.exports = { startFirstWorker, WORKER_FLAG };
