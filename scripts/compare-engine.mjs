#!/usr/bin/env node
// Compares the engine of an earlier commit with the working tree's, in one run:
//
//   node scripts/compare-engine.mjs COMMIT [--actions 100000] [--runs 7] [--no-plan]
//
// Both engines read the same generated workbook (scripts/make-bench-workbook.py,
// cached in .bench/ as `npm run bench` does) and recalculate it in turn, round by
// round, after a warm-up. Prints, per engine, the median wall and CPU time per
// recalculation and the bytes allocated by one (V8's sampling heap profiler with
// collected objects included), and the median of the per-round time ratios. This
// is what BENCHMARKS.md's before/after figures for the engine come from.
//
// --no-plan leaves out building the plan (the RAG sheets' contents) on both sides:
// each side's engine.ts has its call of buildPlan replaced by one returning null, so
// what is timed is reading the trackers, the findings and the figures alone.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ROOT, WORK, benchWorkbook, compareArgs, median, worktreeOf } from './compare-lib.mjs';

const args = process.argv.slice(2);
const { commit, actions, runs, flag } = compareArgs(args, 'node scripts/compare-engine.mjs COMMIT [--actions N] [--runs N] [--no-plan]');
const noPlan = flag('--no-plan');
if (typeof global.gc !== 'function') {
  // Garbage collected between runs, so one run's garbage is not billed to the next.
  execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...args], { stdio: 'inherit' });
  process.exit(0);
}

const { dir: base, sha } = worktreeOf(commit, 'engine');

/** Replaces the engine's call of buildPlan with one returning null (--no-plan). */
const withoutPlan = {
  name: 'without-plan',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]core[\\/]engine\.ts$/ }, (file) => {
      const source = fs.readFileSync(file.path, 'utf8');
      if (!/\bbuildPlan\(/.test(source)) throw new Error(`${file.path} calls no buildPlan: --no-plan cannot leave it out`);
      return {
        contents: source.replace(/\bbuildPlan\(/g, '__noPlan(') + '\nconst __noPlan = (..._: unknown[]) => null as never;\n',
        loader: 'ts',
      };
    });
  },
};

async function engine(tree, name) {
  const outfile = path.join(WORK, `compare-${name}${noPlan ? '-no-plan' : ''}.cjs`);
  await build({
    stdin: {
      contents: `export { readXlsx } from './src/workbook/xlsx/read';\nexport { recalculate } from './src/core/engine';\n`,
      resolveDir: tree,
      loader: 'ts',
    },
    nodePaths: [path.join(ROOT, 'node_modules')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'silent',
    plugins: noPlan ? [withoutPlan] : [],
  });
  return createRequire(import.meta.url)(outfile);
}

const file = benchWorkbook(actions);
const bytes = new Uint8Array(fs.readFileSync(file));
const now = new Date('2025-09-30T12:00:00Z');
const sides = [
  { name: `before (${sha})`, mod: await engine(base, sha) },
  { name: 'after (working tree)', mod: await engine(ROOT, 'tree') },
].map((s) => ({ ...s, grid: s.mod.readXlsx(bytes, path.basename(file)).grid, wall: [], cpu: [] }));

const recalc = (s) => s.mod.recalculate(s.grid, { asOf: '2025-09-30', now });
for (let round = 0; round <= runs; round++) {
  for (const s of round % 2 ? [...sides].reverse() : sides) {
    global.gc();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    recalc(s);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (round > 0) {
      s.wall.push(wall);
      s.cpu.push((c.user + c.system) / 1000);
    }
  }
}

const session = new Session();
session.connect();
for (const s of sides) {
  global.gc();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  s.findings = recalc(s).result.findings.length;
  const { profile } = await session.post('HeapProfiler.stopSampling');
  let total = 0;
  (function walk(n) {
    total += n.selfSize;
    n.children.forEach(walk);
  })(profile.head);
  s.allocatedMB = total / 1e6;
}

for (const s of sides) {
  console.log(
    `${s.name}: ${median(s.wall).toFixed(0)} ms wall, ${median(s.cpu).toFixed(0)} ms CPU, ` +
      `${s.allocatedMB.toFixed(0)} MB allocated, ${s.findings} findings`,
  );
}
const ratios = sides[1].wall.map((w, i) => w / sides[0].wall[i]);
console.log(
  `after / before: ${median(ratios).toFixed(2)}x (median of ${runs} per-round ratios, ${actions} actions${noPlan ? ', plan left out' : ''})`,
);
