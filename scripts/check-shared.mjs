// `npm run check:shared`: the checks over other projects' workbooks (tests/external/),
// run when the folder that holds those workbooks is on this machine: RAGBOOK_SHARED,
// else ../shared beside the repository (CI has it). A user's clone has no such folder,
// so without it this says so and succeeds. Extra arguments go to jest (a test file,
// -t <name>, --maxWorkers=2).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const fromEnv = process.env.RAGBOOK_SHARED;
const shared = path.resolve(ROOT, fromEnv || path.join('..', 'shared'));

if (!fs.existsSync(shared)) {
  if (fromEnv) {
    console.error(`RAGBOOK_SHARED is set to ${fromEnv}, which does not exist.`);
    process.exit(1);
  }
  console.log("../shared not found: the checks over other projects' workbooks are skipped");
  process.exit(0);
}

console.log(`Checking Ragbook against the workbooks in ${shared}`);
const jest = createRequire(import.meta.url).resolve('jest/bin/jest');
const run = spawnSync(process.execPath, [jest, '-c', 'tests/jest/external.config.js', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, RAGBOOK_SHARED: shared },
});
if (run.error) {
  console.error(`jest could not be started: ${run.error.message}`);
  process.exit(1);
}
if (run.signal) console.error(`jest was stopped by ${run.signal}; a hang is named in tests/artifacts/*-hang.json.`);
process.exit(run.status ?? 1);
