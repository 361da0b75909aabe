// The slow suite explores: a new seed each run, printed so a failure can be replayed
// with FC_SEED=<seed> npm run test:slow. FC_RUNS raises the runs per property.
const fc = require('fast-check');

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : (Date.now() ^ (process.pid << 16)) | 0;
process.env.FC_RUNS ??= '600';
fc.configureGlobal({ seed });
process.stderr.write(`fast-check seed ${seed} (replay: FC_SEED=${seed} npm run test:slow)\n`);

// The slow suite holds the command to its time bounds on the wall clock too (tests/support/bad-inputs.ts).
process.env.RAGBOOK_TIMED = '1';
