// What scripts/compare-engine.mjs and scripts/compare-command.mjs share: their
// arguments, a worktree of the earlier commit under .bench/, the generated workbook
// both sides are timed on, and the medians they report.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WORK = path.join(ROOT, '.bench');

/**
 * `COMMIT [--actions N] [--runs N]` and the script's own options: `value(name)` reads
 * one that takes a value, `flag(name)` one that does not. Exits 2 with `usage` when
 * no commit is given.
 */
export function compareArgs(argv, usage) {
  const commit = argv[0];
  if (!commit || commit.startsWith('--')) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  const value = (name, dflt) => {
    const i = argv.indexOf(name);
    return i < 0 ? dflt : argv[i + 1];
  };
  return {
    commit,
    actions: Number(value('--actions', 100_000)),
    runs: Math.max(5, Number(value('--runs', 7))),
    value,
    flag: (name) => argv.includes(name),
  };
}

/** A detached worktree of `rev` at .bench/PREFIX-SHA, made once. */
export function worktreeOf(rev, prefix) {
  fs.mkdirSync(WORK, { recursive: true });
  const sha = execFileSync('git', ['rev-parse', '--short', rev], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dir = path.join(WORK, `${prefix}-${sha}`);
  if (!fs.existsSync(dir)) execFileSync('git', ['worktree', 'add', '--detach', dir, sha], { cwd: ROOT, stdio: 'ignore' });
  return { dir, sha };
}

/** The workbook both sides are timed on (scripts/make-bench-workbook.py, 2,500 actions a sheet), made once in .bench/. */
export function benchWorkbook(actions) {
  fs.mkdirSync(WORK, { recursive: true });
  const sheets = Math.max(1, Math.round(actions / 2500));
  const file = path.join(WORK, `compare-${actions}x${sheets}.xlsx`);
  if (!fs.existsSync(file)) {
    execFileSync('/usr/bin/python3', [
      path.join(ROOT, 'scripts', 'make-bench-workbook.py'),
      file,
      '--actions',
      String(actions),
      '--sheets',
      String(sheets),
    ]);
  }
  return file;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
