#!/usr/bin/env node
'use strict';
// The CLI is bundled into dist/cli.js by `npm install` (the prepare script), so it
// starts without a TypeScript compiler.
const path = require('path');
const fs = require('fs');
const { bundle, loadBundle } = require('./load-bundle');
if (!fs.existsSync(bundle)) {
  process.stderr.write('ragbook: the command is not built yet. Run `npm install` (or `npm run build:cli`) in the Ragbook folder first.\n');
  process.exit(2);
}

const workerScript = path.join(__dirname, 'rollup-worker.js');
const firstWorker = process.argv[2] === 'rollup' ? require('./first-worker').startFirstWorker(workerScript) : null;

loadBundle()
  .main(process.argv.slice(2), { workerScript, firstWorker })
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`ragbook: unexpected error: ${err && err.stack ? err.stack : err}\n`);
      process.exitCode = 2;
    },
  );
