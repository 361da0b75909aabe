#!/usr/bin/env node
// `npm run bench`: measures Ragbook and writes the figures to BENCHMARKS.md.
//
//   node scripts/bench.mjs [--runs N] [--only a,b,c,d,e] [--out FILE] [--quick] [--no-build]
//
// a. the engine alone (recalculate on grids in memory) at 1,000 / 10,000 / 100,000
//    actions: throughput, growth per 10x, and where the time goes (a CPU profile);
// b. the whole command (`ragbook recalc`) on a 50,000-action, 20-sheet workbook
//    against openpyxl (load + save) and ExcelJS (readFile + writeFile) on the same
//    file, alternating the commands round by round; wall time and peak memory;
// c. the Office adapter against the strict fake: syncs and payload bytes per
//    recalculation at 100 / 10,000 / 100,000 rows;
// d. the pane: its initial JavaScript gzipped, and the time to the first rendered
//    result in headless Chromium (preview mode) on a 2,000-action workbook;
// e. `ragbook rollup` over 50, 200 and 800 generated trackers of 20 to 2,000 actions
//    (scripts/make-bench-trackers.py) against openpyxl merely loading the same files
//    in one process, alternating; peak memory; growth with the number of files.
//
// Every figure is the median of at least 5 runs after a warm-up. Workbooks come
// from scripts/make-bench-workbook.py (deterministic) and are cached in .bench/.
// TypeScript is bundled with esbuild into .bench/ first, as scripts/build-cli.mjs
// does for the command. --quick (fewer runs) is for trying the script, not for
// the record. The whole bench takes about 5-8 minutes on 2 cores.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, '.bench');
const PYTHON = '/usr/bin/python3';
const TIME = '/usr/bin/time';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AS_OF = '2025-09-30';
const NOW_ISO = '2025-09-30T12:00:00Z';
const ENGINE_SIZES = [1_000, 10_000, 100_000];
const OFFICE_ROWS = [100, 10_000, 100_000];
const WHOLE = { actions: 50_000, sheets: 20 };
const PANE_ACTIONS = 2_000;

// ---------------------------------------------------------------------------
// Small helpers

function parseArgs(argv) {
  const o = {
    runs: 7,
    only: new Set(['a', 'b', 'c', 'd', 'e']),
    out: path.join(ROOT, 'BENCHMARKS.md'),
    quick: false,
    build: true,
    child: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') o.runs = Math.max(5, Number(argv[++i]));
    else if (a === '--only') o.only = new Set(argv[++i].split(','));
    else if (a === '--out') o.out = path.resolve(argv[++i]);
    else if (a === '--quick') o.quick = true;
    else if (a === '--no-build') o.build = false;
    else if (a === '--child') o.child = argv[++i];
    else if (a === '--help' || a === '-h') {
      console.log('node scripts/bench.mjs [--runs N (>=5)] [--only a,b,c,d,e] [--out FILE] [--quick] [--no-build]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (o.quick) o.runs = 5;
  return o;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-GB') : 'n/a');
const fmtMs = (ms) =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
const fmtMB = (kb) => (Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MB` : 'n/a');
const fmtBytes = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : b >= 1e3 ? `${(b / 1e3).toFixed(1)} kB` : `${b} B`);
const fmtX = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : 'n/a');
const log = (...a) => console.error('bench:', ...a);

function sh(cmd, args, opts = {}) {
  const out = execFileSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, ...opts });
  return out === null ? '' : out.toString();
}

// ---------------------------------------------------------------------------
// Workbooks, generated once per generator version

function generatorHash() {
  return createHash('sha256')
    .update(fs.readFileSync(path.join(ROOT, 'scripts', 'make-bench-workbook.py')))
    .digest('hex')
    .slice(0, 10);
}

function workbook(actions, sheets) {
  const file = path.join(WORK, `bench-${actions}x${sheets}-${generatorHash()}.xlsx`);
  if (!fs.existsSync(file)) {
    log(`generating ${path.basename(file)}`);
    sh(PYTHON, [path.join(ROOT, 'scripts', 'make-bench-workbook.py'), file, '--actions', String(actions), '--sheets', String(sheets)]);
  }
  return file;
}

const sheetsFor = (actions) => Math.max(1, Math.round(actions / 2500));

// ---------------------------------------------------------------------------
// Bundles of the TypeScript the children run

async function bundle(name, contents) {
  const { build } = await import('esbuild');
  const outfile = path.join(WORK, `${name}.cjs`);
  await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: `${name}-entry.ts` },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    sourcemap: true,
    logLevel: 'silent',
  });
  return outfile;
}

// ---------------------------------------------------------------------------
// Source maps: profile frames back to src/ files

function decodeMappings(mappings) {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const val = new Map([...chars].map((c, i) => [c, i]));
  const lines = [];
  let src = 0;
  let srcLine = 0;
  let srcCol = 0;
  for (const line of mappings.split(';')) {
    const segs = [];
    let genCol = 0;
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const nums = [];
      let shift = 0;
      let v = 0;
      for (const ch of seg) {
        const d = val.get(ch);
        v += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          nums.push(v & 1 ? -(v >>> 1) : v >>> 1);
          v = 0;
          shift = 0;
        }
      }
      genCol += nums[0];
      if (nums.length >= 4) {
        src += nums[1];
        srcLine += nums[2];
        srcCol += nums[3];
        segs.push([genCol, src, srcLine]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

function sourceMapper(bundleFile) {
  const mapFile = bundleFile + '.map';
  if (!fs.existsSync(mapFile)) return () => null;
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
  const lines = decodeMappings(map.mappings);
  const base = path.dirname(bundleFile);
  return (line, col) => {
    const segs = lines[line];
    if (!segs || !segs.length) return null;
    let best = segs[0];
    for (const s of segs) if (s[0] <= col) best = s;
    const abs = path.resolve(base, map.sources[best[1]]);
    return `${path.relative(ROOT, abs)}:${best[2] + 1}`;
  };
}

/** Top self-time frames of a V8 CPU profile, as `file:line function`. */
function hotSpots(profile, bundleFile, top = 12) {
  const mapper = sourceMapper(bundleFile);
  const bundleUrl = pathToFileURL(bundleFile).href;
  const self = new Map();
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let total = 0;
  for (const n of profile.nodes) {
    const t = dt.get(n.id) ?? 0;
    if (!t) continue;
    total += t;
    const f = n.callFrame;
    let where = f.url ? path.basename(f.url) : '';
    if (f.url === bundleUrl || f.url === bundleFile) where = mapper(f.lineNumber, f.columnNumber) ?? where;
    else if (f.url.includes('node_modules'))
      where = f.url
        .slice(f.url.lastIndexOf('node_modules/') + 13)
        .split('/')
        .slice(0, 1)
        .join('/');
    const name = f.functionName || (f.url ? '(anonymous)' : f.functionName || '(native)');
    const key = where ? `${where} ${name}` : name;
    self.set(key, (self.get(key) ?? 0) + t);
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, t]) => ({ where: k, share: t / total }));
}

// ---------------------------------------------------------------------------
// Children: run in their own process (node --expose-gc), report JSON on stdout

async function childEngine(spec) {
  const lib = require_(spec.bundle);
  const now = new Date(NOW_ISO);
  const grids = spec.files.map(({ file, actions }) => {
    const { grid } = lib.readXlsx(new Uint8Array(fs.readFileSync(file)), path.basename(file));
    return { grid, actions };
  });
  const gc = globalThis.gc ?? (() => undefined);
  const runOnce = (g) => lib.recalculate(g.grid, { asOf: AS_OF, now });
  // Each sample runs the engine enough times to pass about 100,000 actions, so the
  // small sizes are not lost in timer noise; the figure is the time per run.
  const repsFor = (actions) => Math.max(1, Math.round(100_000 / actions));
  const check = grids.map((g) => {
    const r = runOnce(g).result;
    return { actions: g.actions, total: r.overall.counts.total, workstreams: r.workstreams.length, findings: r.findings.length };
  });
  for (const g of grids) for (let i = 0; i < Math.min(5, repsFor(g.actions)); i++) runOnce(g); // warm-up
  const samples = grids.map(() => []);
  for (let round = 0; round < spec.runs; round++) {
    for (let k = 0; k < grids.length; k++) {
      const i = (k + round) % grids.length; // rotate the order round by round
      const g = grids[i];
      const reps = repsFor(g.actions);
      gc();
      const t0 = process.hrtime.bigint();
      for (let r = 0; r < reps; r++) runOnce(g);
      samples[i].push(Number(process.hrtime.bigint() - t0) / 1e6 / reps);
    }
  }
  // Where the time goes, on the largest grid (one profiled run after the timing).
  let profile = null;
  try {
    const inspector = await import('node:inspector');
    const session = new inspector.Session();
    session.connect();
    const post = (m, p) => new Promise((res, rej) => session.post(m, p ?? {}, (e, r) => (e ? rej(e) : res(r))));
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 200 });
    await post('Profiler.start');
    const big = grids[grids.length - 1];
    for (let i = 0; i < 3; i++) runOnce(big);
    profile = (await post('Profiler.stop')).profile;
    session.disconnect();
  } catch {
    profile = null;
  }
  return { check, samples, hot: profile ? hotSpots(profile, spec.bundle) : null };
}

async function childOffice(spec) {
  const lib = require_(spec.bundle);
  const now = new Date(NOW_ISO);
  const out = [];
  const progress = (i) =>
    `Progress at the last board: ${['draft agreed with partners', 'two of three cohorts trained', 'awaiting sign-off', 'pilot running in the North locality', 'backlog down by a third since April'][i % 5]}; next step set for the autumn (ref ${i + 1}).`;
  for (const rows of spec.rows) {
    const samples = [];
    for (let run = 0; run < spec.runs + 1; run++) {
      const fx = new lib.FakeExcel(
        { name: 'Tracker.xlsx', sheets: [{ name: 'Tracker', rows: lib.trackerRows(rows, progress) }] },
        { payloadLimit: 5_000_000 },
      );
      const t0 = process.hrtime.bigint();
      await lib.recalculateWith(fx.context, lib.recalculate, { asOf: AS_OF, now });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const syncs = fx.syncs;
      if (run === 0) continue; // warm-up
      samples.push({
        ms,
        syncs: syncs.length,
        requestBytes: syncs.reduce((n, s) => n + s.requestBytes, 0),
        responseBytes: syncs.reduce((n, s) => n + s.responseBytes, 0),
        largest: Math.max(...syncs.map((s) => Math.max(s.requestBytes, s.responseBytes))),
        failed: syncs.filter((s) => s.failed).length,
      });
    }
    const pick = (k) => median(samples.map((s) => s[k]));
    out.push({
      rows,
      ms: pick('ms'),
      syncs: pick('syncs'),
      requestBytes: pick('requestBytes'),
      responseBytes: pick('responseBytes'),
      largest: pick('largest'),
      failed: pick('failed'),
    });
  }
  return out;
}

function require_(file) {
  // Children are ES modules; the bundles are CommonJS.
  return globalThis.__benchRequire(file);
}

function runChild(kind, spec, extraNodeArgs = []) {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=6144', ...extraNodeArgs, fileURLToPath(import.meta.url), '--child', kind],
      {
        cwd: ROOT,
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${kind} child exited ${code}`));
      try {
        resolve(JSON.parse(out));
      } catch (e) {
        reject(new Error(`${kind} child printed no JSON: ${out.slice(0, 500)}`));
      }
    });
    p.stdin.end(JSON.stringify(spec));
  });
}

// ---------------------------------------------------------------------------
// a. The engine alone

async function benchEngine(opts) {
  const bundleFile = await bundle(
    'engine',
    `export { readXlsx } from './src/workbook/xlsx/read';\nexport { recalculate } from './src/core/engine';\n`,
  );
  const files = ENGINE_SIZES.map((actions) => ({ actions, file: workbook(actions, sheetsFor(actions)) }));
  log('a. engine', ENGINE_SIZES.join(' / '));
  const res = await runChild('engine', { bundle: bundleFile, files, runs: opts.runs });
  const rows = ENGINE_SIZES.map((actions, i) => {
    const ms = median(res.samples[i]);
    return {
      actions,
      sheets: sheetsFor(actions),
      ms,
      perSecond: actions / (ms / 1000),
      check: res.check[i],
      spread: [Math.min(...res.samples[i]), Math.max(...res.samples[i])],
    };
  });
  return { rows, hot: res.hot, runs: opts.runs };
}

function engineSection(e) {
  const L = [];
  L.push('## a. Engine alone (`recalculate` on grids in memory)', '');
  L.push(
    `Workbooks from \`scripts/make-bench-workbook.py\` (2,500 actions per sheet), each read once with \`readXlsx\`; the time is \`recalculate(grid, { asOf: '${AS_OF}' })\` only: detection, statuses, dates, findings and the plan of the three sheets. Median of ${e.runs} runs after a warm-up; sizes alternate round by round. Goal: at least 1,000,000 actions per second, growing linearly (×10 time per ×10 size).`,
    '',
  );
  L.push(
    '| actions | sheets | work streams | findings | time per run (median) | fastest / slowest | actions per second | time ratio to the size 10× smaller |',
  );
  L.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  e.rows.forEach((r, i) => {
    const ratio = i > 0 ? r.ms / e.rows[i - 1].ms : NaN;
    L.push(
      `| ${fmtInt(r.actions)} | ${r.sheets} | ${fmtInt(r.check.workstreams)} | ${fmtInt(r.check.findings)} | ${fmtMs(r.ms)} | ${fmtMs(r.spread[0])} / ${fmtMs(r.spread[1])} | ${fmtInt(r.perSecond)} | ${i > 0 ? fmtX(ratio) : '—'} |`,
    );
  });
  const bad = e.rows.filter((r) => r.check.total !== r.actions);
  if (bad.length)
    L.push('', `**Check failed:** the engine counted ${bad.map((r) => `${r.check.total} of ${r.actions}`).join(', ')} actions.`);
  const slowest = Math.min(...e.rows.map((r) => r.perSecond));
  const growth = e.rows.length > 2 ? e.rows[2].ms / e.rows[1].ms : NaN;
  L.push('');
  L.push(
    `Throughput goal (≥ 1,000,000 actions/s at every size): **${slowest >= 1e6 ? 'met' : `not met (lowest ${fmtInt(slowest)} actions/s)`}**. Growth 10,000 → 100,000: ${fmtX(growth)} for 10× the actions (${growth <= 12 ? 'linear' : 'worse than linear'}).`,
  );
  if (e.hot) {
    L.push('', '### Where the engine spends its time', '');
    L.push(
      'CPU profile of three runs at 100,000 actions (self time, source-mapped to `src/`; "(garbage collector)" is V8 collecting the objects the engine allocated):',
      '',
    );
    L.push('| share | where |', '| ---: | --- |');
    for (const h of e.hot) L.push(`| ${(h.share * 100).toFixed(1)}% | \`${h.where}\` |`);
  }
  return L.join('\n');
}

// ---------------------------------------------------------------------------
// b. The whole command against openpyxl and ExcelJS

const OPENPYXL = 'import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nwb.save(sys.argv[2])\n';
const EXCELJS =
  "const ExcelJS = require('exceljs');\nconst [input, output] = process.argv.slice(-2);\nconst wb = new ExcelJS.Workbook();\nwb.xlsx.readFile(input).then(() => wb.xlsx.writeFile(output)).catch((e) => { console.error(e); process.exit(1); });\n";
const RSS_WRAPPER =
  'import resource, subprocess, sys\nrc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)\nsys.stderr.write("\\nMaximum resident set size (kbytes): %d\\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\nsys.exit(rc)\n';

function timed(argv) {
  // Peak memory: GNU time -v when installed, else a Python wrapper reading
  // getrusage(RUSAGE_CHILDREN) (the same kernel figure, ru_maxrss).
  const useTime = fs.existsSync(TIME);
  const [cmd, args] = useTime ? [TIME, ['-v', ...argv]] : [PYTHON, ['-c', RSS_WRAPPER, ...argv]];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const err = r.stderr.toString();
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${err.slice(-800)}`);
  return { ms, rssKb: rss ? Number(rss[1]) : NaN };
}

async function benchWhole(opts) {
  const input = workbook(WHOLE.actions, WHOLE.sheets);
  const out = (n) => path.join(WORK, `whole-out-${n}.xlsx`);
  const pyFile = path.join(WORK, 'openpyxl-load-save.py');
  const jsFile = path.join(WORK, 'exceljs-read-write.cjs');
  fs.writeFileSync(pyFile, OPENPYXL);
  fs.writeFileSync(jsFile, EXCELJS);
  const rel = (f) => path.relative(ROOT, f);
  const commands = {
    ragbook: ['node', 'bin/ragbook.js', 'recalc', rel(input), '--out', rel(out('ragbook')), '--as-of', AS_OF, '--quiet'],
    openpyxl: [PYTHON, rel(pyFile), rel(input), rel(out('openpyxl'))],
    exceljs: ['node', rel(jsFile), rel(input), rel(out('exceljs'))],
  };
  const names = Object.keys(commands);
  log('b. whole command on', path.basename(input));
  for (const n of names) timed(commands[n]); // warm-up (page cache, Python's imports)
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const ratios = { openpyxl: [], exceljs: [] };
  for (let round = 0; round < opts.runs; round++) {
    const order = names.map((_, k) => names[(k + round) % names.length]);
    const got = {};
    for (const n of order) {
      fs.rmSync(out(n), { force: true });
      got[n] = timed(commands[n]);
      samples[n].push(got[n]);
    }
    ratios.openpyxl.push(got.ragbook.ms / got.openpyxl.ms);
    ratios.exceljs.push(got.ragbook.ms / got.exceljs.ms);
    log(`  round ${round + 1}: ${order.map((n) => `${n} ${fmtMs(got[n].ms)}`).join(', ')}`);
  }
  // The output must be a real result, not a fast failure.
  const written = fs.statSync(out('ragbook')).size;
  let profile = null;
  try {
    const dir = path.join(WORK, 'cli-profile');
    fs.rmSync(dir, { recursive: true, force: true });
    const argv = commands.ragbook;
    execFileSync('node', ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '500', ...argv.slice(1)], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const f = fs.readdirSync(dir).find((x) => x.endsWith('.cpuprofile'));
    profile = hotSpots(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), path.join(ROOT, 'dist', 'cli.js'), 14);
  } catch {
    profile = null;
  }
  const stat = (n) => ({ ms: median(samples[n].map((s) => s.ms)), rssKb: median(samples[n].map((s) => s.rssKb)) });
  return {
    input: rel(input),
    inputBytes: fs.statSync(input).size,
    written,
    commands: Object.fromEntries(names.map((n) => [n, commands[n].join(' ')])),
    stats: Object.fromEntries(names.map((n) => [n, stat(n)])),
    ratios: { openpyxl: median(ratios.openpyxl), exceljs: median(ratios.exceljs) },
    runs: opts.runs,
    memoryTool: fs.existsSync(TIME)
      ? '`/usr/bin/time -v` (maximum resident set size)'
      : "a Python wrapper's `getrusage(RUSAGE_CHILDREN).ru_maxrss`",
    hot: profile,
  };
}

function wholeSection(w) {
  const L = [];
  L.push('## b. Whole command', '');
  L.push(
    `Input: \`${w.input}\` (${fmtInt(WHOLE.actions)} actions over ${WHOLE.sheets} sheets, ${fmtBytes(w.inputBytes)}), generated by \`/usr/bin/python3 scripts/make-bench-workbook.py\`. Each round runs the three commands one after another, the order rotating round by round; ${w.runs} rounds after one warm-up round. Times are wall-clock, process start to exit; peak memory by ${w.memoryTool}.`,
    '',
  );
  L.push('| command | time (median) | peak memory (median) |', '| --- | ---: | ---: |');
  const label = { ragbook: 'ragbook recalc', openpyxl: 'openpyxl load + save', exceljs: 'ExcelJS readFile + writeFile' };
  for (const [n, s] of Object.entries(w.stats)) L.push(`| ${label[n]}: \`${w.commands[n]}\` | ${fmtMs(s.ms)} | ${fmtMB(s.rssKb)} |`);
  L.push('');
  const r = w.ratios.openpyxl;
  L.push(
    `- **ragbook / openpyxl: ${fmtX(r)}** (median of the per-round ratios). Requirement ≤ 1.0×: **${r <= 1 ? 'met' : 'not met'}**; goal 0.2×: **${r <= 0.2 ? 'met' : 'not met'}**.`,
  );
  L.push(`- ragbook / ExcelJS: ${fmtX(w.ratios.exceljs)}.`);
  L.push(`- ragbook wrote ${fmtBytes(w.written)} (the input plus RAG Summary, RAG Issues and RAG History).`);
  if (w.hot) {
    L.push('', '### Where the command spends its time', '');
    L.push(
      'CPU profile of one `ragbook recalc` run on the same file (`node --cpu-prof`, self time, source-mapped through `dist/cli.js.map`):',
      '',
    );
    L.push('| share | where |', '| ---: | --- |');
    for (const h of w.hot) L.push(`| ${(h.share * 100).toFixed(1)}% | \`${h.where}\` |`);
  }
  return L.join('\n');
}

// ---------------------------------------------------------------------------
// c. The Office adapter with the strict fake

async function benchOffice(opts) {
  let bundleFile;
  try {
    bundleFile = await bundle(
      'office',
      `export { recalculate } from './src/core/engine';\nexport { recalculateWith } from './src/workbook/office/recalculate';\nexport { DEFAULT_MAX_PAYLOAD_BYTES } from './src/workbook/office/constants';\nexport { FakeExcel } from './tests/fake-excel/fake-excel';\nexport { trackerRows } from './tests/fake-excel/plans';\n`,
    );
  } catch (e) {
    return { skipped: `the Office adapter or its fake could not be bundled (${String(e.message ?? e).split('\n')[0]})` };
  }
  log('c. office adapter', OFFICE_ROWS.join(' / '));
  const rows = await runChild('office', { bundle: bundleFile, rows: OFFICE_ROWS, runs: opts.runs });
  return { rows, runs: opts.runs };
}

function officeSection(o) {
  const L = ['## c. Office adapter (strict fake)', ''];
  if (o.skipped) {
    L.push(`Not measured: ${o.skipped}.`);
    return L.join('\n');
  }
  L.push(
    `One sheet \`Tracker\` of N action rows (\`tests/fake-excel/plans.ts\` \`trackerRows\`, progress texts of about 110 characters), recalculated with \`recalculateWith(context, recalculate)\` — read, engine, write of the three sheets — against \`tests/fake-excel\`, which counts \`context.sync()\` calls and the JSON size of what goes each way, and here refuses any sync over 5 MB (Excel on the web's limit). The adapter splits reads and writes into row blocks above its own 4 MB bound. Median of ${o.runs} runs after a warm-up.`,
    '',
  );
  L.push('| rows | syncs | request bytes | response bytes | largest sync | failed syncs | time (fake, incl. engine) |');
  L.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of o.rows)
    L.push(
      `| ${fmtInt(r.rows)} | ${r.syncs} | ${fmtBytes(r.requestBytes)} | ${fmtBytes(r.responseBytes)} | ${fmtBytes(r.largest)} | ${r.failed} | ${fmtMs(r.ms)} |`,
    );
  const failed = o.rows.filter((r) => r.failed > 0);
  if (failed.length) {
    L.push(
      '',
      `Failed syncs at ${failed.map((r) => fmtInt(r.rows)).join(', ')} rows: the adapter sizes read blocks from an estimate (\`READ_BYTES_PER_CELL\` in \`src/workbook/office/constants.ts\`), which is below the real size of these cells, so the fake (like Excel on the web) refused responses over 5 MB and the adapter halved those blocks and read them again. Each refusal is a wasted round trip.`,
    );
  }
  const [a, b] = o.rows;
  L.push(
    '',
    `Syncs at ${fmtInt(a.rows)} and ${fmtInt(b.rows)} rows: ${a.syncs} and ${b.syncs} (${a.syncs === b.syncs ? 'fixed while the payload fits' : 'growing with rows below the payload limit'}); past the limit each extra row block adds one sync.`,
  );
  return L.join('\n');
}

// ---------------------------------------------------------------------------
// d. The pane

function initialScripts(distDir) {
  const html = fs.readFileSync(path.join(distDir, 'taskpane.html'), 'utf8');
  return [...html.matchAll(/<script\b([^>]*)>/g)]
    .map((m) => {
      const attrs = m[1];
      const src = /\bsrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/.exec(attrs);
      return src ? { src: src[1] ?? src[2] ?? src[3], async: /\basync\b/.test(attrs) } : null;
    })
    .filter((s) => s && !s.async);
}

function startPreviewServer(distDir) {
  return new Promise((resolve, reject) => {
    const server = spawn(process.execPath, [path.join(ROOT, 'scripts', 'preview-server.mjs')], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', DIST: distDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the preview server did not start: ${out}`)), 15_000);
    const onData = (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/taskpane\.html)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ server, url: m[1] });
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', (d) => (out += d));
    server.on('exit', (code) => reject(new Error(`the preview server exited (${code}): ${out}`)));
  });
}

async function benchPane(opts, distDir) {
  const res = { initial: null, timing: null };
  if (!fs.existsSync(path.join(distDir, 'taskpane.html'))) {
    return { skipped: `dist/taskpane.html is missing (run \`npx webpack --mode production\`, or the bench without --no-build)` };
  }
  const scripts = initialScripts(distDir);
  const own = scripts.filter((s) => !/^https?:/.test(s.src));
  res.initial = {
    external: scripts.filter((s) => /^https?:/.test(s.src)).map((s) => s.src),
    files: own.map((s) => {
      const bytes = fs.readFileSync(path.join(distDir, s.src.replace(/^\//, '')));
      return { src: s.src, raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
    }),
  };
  if (!fs.existsSync(CHROMIUM)) {
    res.timing = { skipped: `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)` };
    return res;
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    res.timing = { skipped: 'playwright-core is not installed' };
    return res;
  }
  const input = workbook(PANE_ACTIONS, 1);
  log('d. pane in Chromium on', path.basename(input));
  let server;
  let browser;
  try {
    ({ server } = await startPreviewServer(distDir).then((s) => ((res.url = s.url), s)));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const samples = [];
    for (let run = 0; run < opts.runs + 1; run++) {
      const context = await browser.newContext({ viewport: { width: 380, height: 900 } });
      // Outside Office: office.js is refused as when offline, and the pane falls into preview mode.
      await context.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const t0 = Date.now();
      await page.goto(res.url);
      const open = page.getByRole('button', { name: 'Open workbook' });
      await open.waitFor({ state: 'attached', timeout: 30_000 });
      const tReady = Date.now();
      await open.setInputFiles(input);
      await page.getByText(`Opened ${path.basename(input)}`).waitFor({ timeout: 60_000 });
      const asOf = page.getByLabel('As of', { exact: true });
      if (await asOf.count()) await asOf.fill(AS_OF);
      await page.getByRole('button', { name: 'Recalculate summary' }).click();
      const alert = page.getByRole('alert');
      await page.locator('tfoot tr').or(alert).first().waitFor({ timeout: 120_000 });
      const tDone = Date.now();
      if (await alert.count()) throw new Error(`the pane shows an error: ${await alert.first().innerText()}`);
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
      await context.close();
      if (run > 0) samples.push({ load: tReady - t0, result: tDone - tReady, total: tDone - t0 });
    }
    res.timing = {
      file: path.relative(ROOT, input),
      load: median(samples.map((s) => s.load)),
      result: median(samples.map((s) => s.result)),
      total: median(samples.map((s) => s.total)),
    };
  } catch (e) {
    res.timing = { skipped: `the preview run failed: ${String(e.message ?? e).split('\n')[0]}` };
  } finally {
    await browser?.close().catch(() => undefined);
    server?.kill();
  }
  return res;
}

function paneSection(p, runs) {
  const L = ['## d. The pane', ''];
  if (p.skipped) {
    L.push(`Not measured: ${p.skipped}.`);
    return L.join('\n');
  }
  const gz = p.initial.files.reduce((n, f) => n + f.gz, 0);
  const raw = p.initial.files.reduce((n, f) => n + f.raw, 0);
  L.push(
    "Initial JavaScript of the add-in: the non-async `<script>` files of `dist/taskpane.html` after `npx webpack --mode production` (what loads before any `import()`), gzipped at level 9. The engine, the Excel adapter and the preview mode's .xlsx reader and writer are later chunks and not counted.",
    '',
  );
  L.push('| file | raw | gzipped |', '| --- | ---: | ---: |');
  for (const f of p.initial.files) L.push(`| \`${f.src}\` | ${fmtBytes(f.raw)} | ${fmtBytes(f.gz)} |`);
  L.push(`| **total** | ${fmtBytes(raw)} | **${fmtBytes(gz)}** |`);
  if (p.initial.external.length)
    L.push('', `Not counted: ${p.initial.external.map((s) => `\`${s}\``).join(', ')} (Microsoft's office.js, loaded from its CDN).`);
  L.push('');
  if (p.timing.skipped) L.push(`Time to first result: not measured: ${p.timing.skipped}.`);
  else {
    L.push(
      `Time to the first rendered result in headless Chromium (\`/usr/bin/chromium\`, preview mode: office.js refused as when offline), on \`${p.timing.file}\` (${fmtInt(PANE_ACTIONS)} actions), served by \`scripts/preview-server.mjs\`; a fresh browser context each run, median of ${runs} runs after a warm-up:`,
      '',
    );
    L.push('| step | time (median) |', '| --- | ---: |');
    L.push(`| page load → "Open workbook" ready | ${fmtMs(p.timing.load)} |`);
    L.push(`| file chosen → workbook read, "Recalculate summary" clicked, summary table rendered | ${fmtMs(p.timing.result)} |`);
    L.push(`| **page load → first rendered result** | **${fmtMs(p.timing.total)}** |`);
  }
  return L.join('\n');
}

// ---------------------------------------------------------------------------
// e. ragbook rollup over a directorate of generated trackers, against openpyxl

const ROLLUP_SIZES = [50, 200, 800];
const OPENPYXL_LOAD_ALL = `import os, sys, openpyxl
files = []
for root, dirs, names in os.walk(sys.argv[1]):
    dirs.sort()
    files += [os.path.join(root, n) for n in sorted(names) if n.lower().endswith(('.xlsx', '.xlsm'))]
for f in files:
    wb = openpyxl.load_workbook(f)  # read_only=False, as a user loads a workbook
    wb.close()
print(len(files))
`;

function trackerPool(count) {
  const hash = createHash('sha256')
    .update(fs.readFileSync(path.join(ROOT, 'scripts', 'make-bench-trackers.py')))
    .update(fs.readFileSync(path.join(ROOT, 'scripts', 'make-bench-workbook.py')))
    .digest('hex')
    .slice(0, 10);
  const pool = path.join(WORK, `trackers-${count}-${hash}`);
  if (!fs.existsSync(path.join(pool, 'manifest.json'))) {
    log(`generating ${count} trackers into ${path.relative(ROOT, pool)} (about a minute)`);
    fs.rmSync(pool, { recursive: true, force: true });
    sh(PYTHON, [path.join(ROOT, 'scripts', 'make-bench-trackers.py'), pool, '--count', String(count)], { timeout: 1_800_000 });
  }
  return { pool, hash, manifest: JSON.parse(fs.readFileSync(path.join(pool, 'manifest.json'), 'utf8')) };
}

/** A folder of the first n trackers of the pool, as hard links (the first n are the same whatever the pool's size). */
function trackerSet(pool, hash, manifest, n) {
  const dir = path.join(WORK, `rollup-${n}-${hash}`);
  const done = path.join(dir, '.complete');
  if (!fs.existsSync(done)) {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const t of manifest.trackers.slice(0, n)) {
      const to = path.join(dir, t.file);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.linkSync(path.join(pool, t.file), to);
    }
    fs.writeFileSync(done, '');
  }
  const trackers = manifest.trackers.slice(0, n);
  return { dir, trackers: n, actions: trackers.reduce((k, t) => k + t.actions, 0) };
}

function benchRollup(opts) {
  const { pool, hash, manifest } = trackerPool(Math.max(...ROLLUP_SIZES));
  const sets = ROLLUP_SIZES.map((n) => trackerSet(pool, hash, manifest, n));
  const pyFile = path.join(WORK, 'openpyxl-load-all.py');
  fs.writeFileSync(pyFile, OPENPYXL_LOAD_ALL);
  const rel = (f) => path.relative(ROOT, f);
  const out = path.join(WORK, 'rollup-out.xlsx');
  const report = path.join(WORK, 'rollup-out.json');
  // As the command chooses (src/cli/rollup.ts, defaultThreads): a worker per core but one, the main thread packing.
  const threads = Math.max(1, os.availableParallelism() - 1);
  const rows = [];
  for (const set of sets) {
    // The result must be real: every action of every tracker, counted.
    fs.rmSync(report, { force: true });
    const check = spawnSync(
      'node',
      ['bin/ragbook.js', 'rollup', rel(set.dir), '--out', rel(out), '--report', rel(report), '--as-of', AS_OF, '--quiet'],
      {
        cwd: ROOT,
        stdio: 'ignore',
      },
    );
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    const checked = {
      exit: check.status,
      read: r.read,
      refused: r.refused,
      actions: r.overall.counts.total,
      written: fs.statSync(out).size,
    };
    const commands = {
      ragbook: ['node', 'bin/ragbook.js', 'rollup', rel(set.dir), '--out', rel(out), '--as-of', AS_OF, '--quiet'],
      openpyxl: [PYTHON, rel(pyFile), rel(set.dir)],
    };
    // At 200, the other choice of threads as well (one worker per core): what the default gains on this machine.
    if (set.trackers === 200) commands.perCore = [...commands.ragbook, '--jobs', String(os.availableParallelism())];
    const names = Object.keys(commands);
    log(`e. rollup of ${set.trackers} trackers (${set.actions} actions)`);
    for (const n of names) timed(commands[n]); // warm-up
    const samples = Object.fromEntries(names.map((n) => [n, []]));
    const ratios = [];
    for (let round = 0; round < opts.runs; round++) {
      const order = names.map((_, k) => names[(k + round) % names.length]);
      const got = {};
      for (const n of order) {
        got[n] = timed(commands[n]);
        samples[n].push(got[n]);
      }
      ratios.push(got.ragbook.ms / got.openpyxl.ms);
      log(`  round ${round + 1}: ${order.map((n) => `${n} ${fmtMs(got[n].ms)}`).join(', ')}`);
    }
    const stat = (n) => ({ ms: median(samples[n].map((x) => x.ms)), rssKb: median(samples[n].map((x) => x.rssKb)) });
    rows.push({
      ...set,
      dir: rel(set.dir),
      checked,
      stats: Object.fromEntries(names.map((n) => [n, stat(n)])),
      ratio: median(ratios),
      ratios,
      commands: Object.fromEntries(names.map((n) => [n, commands[n].join(' ')])),
    });
  }
  return { rows, runs: opts.runs, threads, pool: rel(pool) };
}

function rollupSection(e) {
  const L = ['## e. Directorate roll-up', ''];
  L.push(
    `\`ragbook rollup\` over folders of 50, 200 and 800 trackers generated by \`/usr/bin/python3 scripts/make-bench-trackers.py\` (each 20 to 2,000 actions, log-uniform; ten service folders, every fifth tracker a \`team-NNN/Tracker.xlsx\`), against \`/usr/bin/python3\` with openpyxl merely loading the same files in one process (\`load_workbook(f)\`, read_only=False, as a user would). The rollup reads every tracker, judges it, and writes the directorate workbook; it reads on ${e.threads} worker thread${e.threads === 1 ? '' : 's'} (one per core but one, \`os.availableParallelism() - 1\`, at least one) while the main thread packs each tracker's actions into the directorate workbook as they come. Each round runs the commands one after another, the order rotating; ${e.runs} rounds after a warm-up round. Wall-clock times, process start to exit; peak memory is the whole process's (worker threads included), by /usr/bin/time -v.`,
    '',
  );
  L.push(
    '| trackers | actions | openpyxl load (median) | ragbook rollup (median) | **ragbook / openpyxl** (median of rounds) | ragbook peak memory | openpyxl peak memory | ragbook per tracker |',
  );
  L.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of e.rows) {
    const g = r.stats.ragbook;
    const o = r.stats.openpyxl;
    L.push(
      `| ${fmtInt(r.trackers)} | ${fmtInt(r.actions)} | ${fmtMs(o.ms)} | ${fmtMs(g.ms)} | **${fmtX(r.ratio)}** | ${fmtMB(g.rssKb)} | ${fmtMB(o.rssKb)} | ${fmtMs(g.ms / r.trackers)} |`,
    );
  }
  const at200 = e.rows.find((r) => r.trackers === 200);
  L.push('');
  if (at200) {
    L.push(
      `- **At 200 trackers: ${fmtX(at200.ratio)} openpyxl's load time.** Requirement ≤ 0.5×: **${at200.ratio <= 0.5 ? 'met' : 'not met'}**; goal 0.1×: **${at200.ratio <= 0.1 ? 'met' : 'not met'}**. Per round: ${at200.ratios.map((x) => fmtX(x)).join(', ')}.`,
    );
    if (at200.stats.perCore) {
      const all = at200.stats.perCore.ms;
      L.push(
        `- A worker thread on every core instead (\`--jobs ${os.availableParallelism()}\`) at 200 trackers: ${fmtMs(all)}, ${fmtMB(at200.stats.perCore.rssKb)}; the default's ${e.threads} thread${e.threads === 1 ? '' : 's'} take ${fmtX(at200.stats.ragbook.ms / all)} of that.`,
      );
    }
  }
  for (let i = 1; i < e.rows.length; i++) {
    const a = e.rows[i - 1];
    const b = e.rows[i];
    L.push(
      `- Growth ${a.trackers} → ${b.trackers} trackers (${fmtX(b.actions / a.actions)} the actions): time ${fmtX(b.stats.ragbook.ms / a.stats.ragbook.ms)} (openpyxl ${fmtX(b.stats.openpyxl.ms / a.stats.openpyxl.ms)}), peak memory ${fmtX(b.stats.ragbook.rssKb / a.stats.ragbook.rssKb)}.`,
    );
  }
  const wrong = e.rows.filter((r) => r.checked.actions !== r.actions || r.checked.read !== r.trackers || r.checked.refused !== 0);
  L.push(
    '',
    wrong.length
      ? `**Check failed:** ${wrong.map((r) => `${r.trackers} trackers: read ${r.checked.read}, refused ${r.checked.refused}, ${r.checked.actions} of ${r.actions} actions`).join('; ')}.`
      : `Checked before timing: every tracker read and every action counted (${e.rows.map((r) => `${fmtInt(r.checked.actions)} of ${fmtInt(r.actions)}`).join(', ')}); the directorate workbooks written were ${e.rows.map((r) => fmtBytes(r.checked.written)).join(', ')}.`,
  );
  L.push(
    '',
    "What the memory holds: each worker thread has one tracker open at a time, and answers with its figures and action lines, never its grid; each tracker's actions are packed into the All actions sheet (compressed) as soon as the trackers before it are, and let go. What grows with the number of trackers is that compressed sheet and each tracker's figures and work streams.",
  );
  return L.join('\n');
}

// ---------------------------------------------------------------------------
// Main

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    python: (() => {
      try {
        return sh(PYTHON, ['-c', 'import sys, openpyxl; print(sys.version.split()[0], "openpyxl", openpyxl.__version__)']).trim();
      } catch {
        return 'unavailable';
      }
    })(),
    exceljs: (() => {
      try {
        return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'exceljs', 'package.json'), 'utf8')).version;
      } catch {
        return 'unavailable';
      }
    })(),
  };
}

/** True when a file under src/ (or the webpack config) is newer than the built page. */
function buildIsStale(builtFile) {
  const built = fs.statSync(builtFile).mtimeMs;
  const newer = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).some((d) => {
      const f = path.join(dir, d.name);
      return d.isDirectory() ? newer(f) : fs.statSync(f).mtimeMs > built;
    });
  return newer(path.join(ROOT, 'src')) || fs.statSync(path.join(ROOT, 'webpack.config.js')).mtimeMs > built;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.child) {
    const { createRequire } = await import('node:module');
    globalThis.__benchRequire = createRequire(import.meta.url);
    const chunks = [];
    for await (const c of process.stdin) chunks.push(c);
    const spec = JSON.parse(Buffer.concat(chunks).toString());
    const out = opts.child === 'engine' ? await childEngine(spec) : await childOffice(spec);
    process.stdout.write(JSON.stringify(out));
    return;
  }
  const started = Date.now();
  const loadBefore = os.loadavg();
  fs.mkdirSync(WORK, { recursive: true });
  const dist = path.join(ROOT, 'dist');

  // The add-in is built first and the command after it, so each measures its own
  // fresh build (webpack's clean keeps dist/cli.js either way).
  if (
    opts.only.has('d') &&
    opts.build &&
    (!fs.existsSync(path.join(dist, 'taskpane.html')) || buildIsStale(path.join(dist, 'taskpane.html')))
  ) {
    log('building the add-in (npx webpack --mode production): dist/ is missing or older than src/');
    try {
      sh('npx', ['webpack', '--mode', 'production'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 900_000 });
    } catch (e) {
      log(`the add-in build failed: ${String(e.message).split('\n')[0]}`);
    }
  }
  if ((opts.only.has('b') || opts.only.has('e')) && opts.build) {
    log('building the command (node scripts/build-cli.mjs)');
    sh('node', ['scripts/build-cli.mjs']);
  }

  const sections = [];
  const results = {};
  if (opts.only.has('a')) {
    try {
      results.engine = await benchEngine(opts);
      sections.push(engineSection(results.engine));
    } catch (e) {
      sections.push(`## a. Engine alone\n\nNot measured: ${String(e.message ?? e).split('\n')[0]}.`);
    }
  }
  if (opts.only.has('b')) {
    try {
      results.whole = await benchWhole(opts);
      sections.push(wholeSection(results.whole));
    } catch (e) {
      sections.push(`## b. Whole command\n\nNot measured: ${String(e.message ?? e).split('\n')[0]}.`);
    }
  }
  if (opts.only.has('c')) {
    try {
      results.office = await benchOffice(opts);
      sections.push(officeSection(results.office));
    } catch (e) {
      sections.push(`## c. Office adapter (strict fake)\n\nNot measured: ${String(e.message ?? e).split('\n')[0]}.`);
    }
  }
  if (opts.only.has('d')) {
    results.pane = await benchPane(opts, dist);
    sections.push(paneSection(results.pane, opts.runs));
  }
  if (opts.only.has('e')) {
    try {
      results.rollup = benchRollup(opts);
      sections.push(rollupSection(results.rollup));
    } catch (e) {
      sections.push(`## e. Directorate roll-up\n\nNot measured: ${String(e.message ?? e).split('\n')[0]}.`);
    }
  }

  // A section this run did not measure (--only) is kept as the previous file had
  // it, so measuring one section does not wipe out the others' figures.
  const previous = previousSections(opts.out);
  const byLetter = new Map(sections.map((s) => [/^## ([a-e])\./.exec(s)?.[1], s]));
  const kept = ['a', 'b', 'c', 'd', 'e'].filter((k) => !opts.only.has(k) && previous.has(k));
  const ordered = ['a', 'b', 'c', 'd', 'e'].map((k) => byLetter.get(k) ?? previous.get(k)).filter(Boolean);

  const m = machine();
  const argv = process.argv.slice(2).join(' ');
  const doc = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (\`node scripts/bench.mjs${argv ? ' ' + argv : ''}\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; the run took ${Math.round((Date.now() - started) / 1000)} s.${opts.quick ? ' **Quick mode: fewer runs, not for the record.**' : ''}${kept.length ? ` Section${kept.length > 1 ? 's' : ''} ${kept.join(', ')} ${kept.length > 1 ? 'are' : 'is'} kept from the previous run of the bench (this run measured ${[...opts.only].sort().join(', ')} only).` : ''}`,
    '',
    '| machine | |',
    '| --- | --- |',
    `| CPU | ${m.cpu} × ${m.cores} |`,
    `| memory | ${m.memory} |`,
    `| OS | ${m.os} |`,
    `| Node.js | ${m.node} |`,
    `| load average (1 min) at start / end | ${loadBefore[0].toFixed(2)} / ${os.loadavg()[0].toFixed(2)}${Math.max(loadBefore[0], os.loadavg()[0]) > m.cores * 0.75 ? ' (**busy machine: absolute times are inflated; the alternated ratios hold better**)' : ''} |`,
    `| Python | ${m.python} |`,
    `| ExcelJS | ${m.exceljs} |`,
    '',
    `Each figure is the median of ${opts.runs} runs after a warm-up; comparisons are ratios measured in the same run, alternating the commands. Re-run with \`npm run bench\`; the machine-readable figures are in \`.bench/results.json\`.`,
    '',
    ...ordered.flatMap((s) => [s, '']),
    ...keptSection(opts.out),
  ].join('\n');
  fs.writeFileSync(opts.out, doc);
  fs.writeFileSync(path.join(WORK, 'results.json'), JSON.stringify({ machine: m, results }, null, 2));
  log(`wrote ${path.relative(process.cwd(), opts.out)} in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** The sections (## a. … ## d.) of the previous file, by letter. */
function previousSections(file) {
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const out = new Map();
  for (const part of old.split(/^(?=## )/m)) {
    const m = /^## ([a-e])\. /.exec(part);
    if (m) out.set(m[1], part.trimEnd());
  }
  return out;
}

/**
 * The hand-written record of what was changed because of these figures, with
 * before and after, is kept from the previous BENCHMARKS.md: the bench rewrites
 * every figure but not that history.
 */
function keptSection(file) {
  const heading = '## Changes made from these measurements';
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const at = old.indexOf(heading);
  return at < 0 ? [] : [old.slice(at).trimEnd(), ''];
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
