// Bundles the ragbook command into one file so it starts fast (no TypeScript at run time),
// then makes V8's code cache for it, read by bin/ragbook.js. The cache lives in
// node_modules/.cache/ragbook/ rather than beside the bundle, because the add-in's
// webpack build empties dist/ of everything but cli.js and its map.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vm from 'node:vm';

const require = createRequire(import.meta.url);
const { esbuildPlugin: noCodeFromStrings } = require('./build/no-code-from-strings.cjs');

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = path.join(ROOT, 'dist', 'cli.js');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'ragbook', 'cli.js.cache');

/**
 * In a child process: loads the bundle as bin/ragbook.js does, runs it on the
 * sample workbook (recalc, then rollup) so the functions a run needs are compiled, and writes their code
 * cache after a SHA-1 of the bundle (so a cache is never used with another bundle).
 */
async function makeCache() {
  const code = fs.readFileSync(BUNDLE, 'utf8');
  const script = new vm.Script(Module.wrap(code), { filename: BUNDLE });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(BUNDLE), mod, BUNDLE, path.dirname(BUNDLE));
  const sample = path.join(ROOT, 'examples', 'improvement-plan.xlsx');
  const out = path.join(ROOT, 'dist', `.code-cache-run.${process.pid}.xlsx`);
  try {
    if (fs.existsSync(sample)) {
      await mod.exports.main(['recalc', sample, '--out', out, '--as-of', '2025-09-30', '--quiet']);
      // And a roll-up, read in this thread, so the worker threads find its functions compiled too.
      await mod.exports.main(['rollup', sample, '--out', out, '--as-of', '2025-09-30', '--jobs', '1', '--quiet']);
    }
  } finally {
    fs.rmSync(out, { force: true });
  }
  const hash = createHash('sha1').update(code).digest();
  fs.mkdirSync(path.dirname(CACHE), { recursive: true });
  fs.writeFileSync(CACHE, Buffer.concat([hash, script.createCachedData()]));
}

/** The bundle's options; `--out FILE` bundles alone into FILE (no code cache), as the tests do. */
const bundleOptions = (outfile) => ({
  entryPoints: ['src/cli/main.ts'],
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile,
  logLevel: 'warning',
  plugins: [noCodeFromStrings],
});

if (process.argv[2] === '--code-cache') {
  await makeCache();
} else if (process.argv[2] === '--out') {
  await build(bundleOptions(path.resolve(process.argv[3])));
} else {
  fs.rmSync(CACHE, { force: true });
  await build({ ...bundleOptions(BUNDLE), sourcemap: true });
  // A missing cache only makes the command start a little slower.
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--code-cache'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (r.status !== 0) {
    fs.rmSync(CACHE, { force: true });
    process.stderr.write(`build-cli: no code cache made (the command works without it): ${String(r.stderr).split('\n')[0]}\n`);
  }
}
