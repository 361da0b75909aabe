#!/usr/bin/env node
// Compares the whole command of an earlier commit with the working tree's, in one run:
//
//   node scripts/compare-command.mjs COMMIT [--actions 100000] [--runs 7] [--after COMMIT]
//
// Each side's command is bundled by its own scripts/build-cli.mjs (the earlier one in
// a worktree under .bench/, the working tree's, or --after's, in another), then
// `ragbook recalc` runs on the same generated workbook (scripts/make-bench-workbook.py,
// as `npm run bench` makes it) as a child process, the two sides in turn, round by
// round, after a warm-up. Prints each side's median wall time and peak memory (RSS
// from /usr/bin/time is not assumed: the child reports its own), and the median of
// the per-round ratios. This is where BENCHMARKS.md's before/after figures for the
// whole command come from.

import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, WORK, benchWorkbook, compareArgs, median, worktreeOf } from './compare-lib.mjs';

const { commit, actions, runs, value } = compareArgs(
  process.argv.slice(2),
  'node scripts/compare-command.mjs COMMIT [--actions N] [--runs N] [--after COMMIT]',
);
const after = value('--after', null);

/** A worktree of a commit with the project's node_modules, its command bundled. */
function treeOf(rev) {
  const { dir, sha } = worktreeOf(rev, 'command');
  // The packages linked one by one, not the folder: each side keeps its own code
  // cache (node_modules/.cache/ragbook), or one side would start without one.
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules, { recursive: true });
  for (const name of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
    if (name === '.cache' || fs.existsSync(path.join(modules, name))) continue;
    fs.symlinkSync(path.join(ROOT, 'node_modules', name), path.join(modules, name));
  }
  return { dir, name: sha };
}

function bundle(dir) {
  execFileSync(process.execPath, [path.join(dir, 'scripts', 'build-cli.mjs')], { cwd: dir, stdio: 'ignore' });
  return path.join(dir, 'bin', 'ragbook.js');
}

const before = treeOf(commit);
const now = after ? treeOf(after) : { dir: ROOT, name: 'working tree' };
const sides = [
  { name: `before (${before.name})`, bin: bundle(before.dir), wall: [], rss: [] },
  { name: `after (${now.name})`, bin: bundle(now.dir), wall: [], rss: [] },
];

const file = benchWorkbook(actions);

// The child prints its peak RSS after the command, so the figure is the command's alone.
const PEAK = `process.on('exit', () => process.stderr.write('\\npeak-rss ' + process.resourceUsage().maxRSS + '\\n'));`;
function once(side, round) {
  const out = path.join(WORK, `compare-out-${round}.xlsx`);
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(PEAK)}`,
      side.bin,
      'recalc',
      file,
      '--as-of',
      '2025-09-30',
      '--out',
      out,
      '--quiet',
    ],
    {
      encoding: 'utf8',
    },
  );
  const wall = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${side.name}: exit ${r.status}\n${r.stderr}`);
  const rss = Number(/peak-rss (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  fs.rmSync(out, { force: true });
  return { wall, rss };
}

for (let round = 0; round <= runs; round++) {
  for (const s of round % 2 ? [...sides].reverse() : sides) {
    const { wall, rss } = once(s, round);
    if (round > 0) {
      s.wall.push(wall);
      s.rss.push(rss);
    }
  }
}

console.log(`ragbook recalc on ${path.basename(file)} (${actions.toLocaleString('en-GB')} actions), ${runs} rounds, alternating`);
for (const s of sides) {
  console.log(`  ${s.name.padEnd(28)} ${(median(s.wall) / 1000).toFixed(2)} s   peak ${median(s.rss).toFixed(0)} MB`);
}
const ratios = sides[1].wall.map((w, i) => w / sides[0].wall[i]);
console.log(`  after / before: ${median(ratios).toFixed(2)}x (median of the per-round ratios)`);
