#!/usr/bin/env node
'use strict';
// The CLI is bundled into dist/cli.js by `npm install` (the prepare script), so it
// starts without a TypeScript compiler.
const path = require('path');
const fs = require('fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('ragbook: the command is not built yet. Run `npm install` (or `npm run build:cli`) in the Ragbook folder first.\n');
  process.exit(2);
}
require(bundle).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`ragbook: unexpected error: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 2; },
);
