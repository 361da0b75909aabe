import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

// Where the other projects' workbooks are, what the realworld manifest lists, and
// where the results go. The folder comes from RAGBOOK_SHARED, which
// scripts/check-shared.mjs sets; these files never go into the repository.

function sharedFolder(): string {
  const dir = process.env.RAGBOOK_SHARED;
  if (!dir) {
    throw new Error(
      'RAGBOOK_SHARED is not set. These tests run over workbooks from other projects that are kept outside the repository; ' +
        'run them with `npm run check:shared`, which finds the shared folder and sets RAGBOOK_SHARED.',
    );
  }
  if (!fs.existsSync(path.join(dir, 'realworld', 'MANIFEST.tsv')) || !fs.existsSync(path.join(dir, 'fixtures', 'excel-authored'))) {
    throw new Error(`RAGBOOK_SHARED=${dir} does not hold realworld/MANIFEST.tsv and fixtures/excel-authored/.`);
  }
  return path.resolve(dir);
}

export const SHARED = sharedFolder();
export const EXCEL_AUTHORED = path.join(SHARED, 'fixtures', 'excel-authored');
export const REALWORLD = path.join(SHARED, 'realworld');
export const ARTIFACTS = path.join(__dirname, '..', 'artifacts');

export function bytesOf(file: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(file));
}

export function writeArtifact(name: string, data: unknown): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
  return file;
}

/** One workbook of the realworld corpus, as MANIFEST.tsv lists it. */
export interface RealWorkbook {
  repo: string;
  /** Its path in that repository. */
  path: string;
  bytes: number;
  /** Its path on this machine. */
  file: string;
  /** The name a user would see: the file's own name. */
  name: string;
  /** How reports name it: repository and path. */
  id: string;
}

export function realworldManifest(): RealWorkbook[] {
  const [head, ...lines] = fs.readFileSync(path.join(REALWORLD, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const cols = head.split('\t');
  const col = (name: string) => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`MANIFEST.tsv has no column ${name}`);
    return i;
  };
  const [repo, where, size, local] = ['repo', 'path', 'bytes', 'local'].map(col);
  return lines.map((line) => {
    const f = line.split('\t');
    return {
      repo: f[repo],
      path: f[where],
      bytes: Number(f[size]),
      file: path.join(REALWORLD, f[local]),
      name: path.basename(f[where]),
      id: `${f[repo]} ${f[where]}`,
    };
  });
}

// ---------------------------------------------------------------------------
// A reader stuck in a loop cannot be interrupted from its own thread, and would
// stall the suite without a word about which file did it. A worker thread keeps the
// time instead: past the limit it names the file on stderr and in the artefact,
// then ends the test process.

const WATCHER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
let timer = null;
parentPort.on('message', (label) => {
  if (timer) clearTimeout(timer);
  timer = label === null ? null : setTimeout(() => {
    const line = label + ' has run for more than ' + workerData.seconds + ' s: taken as a hang, the test process is stopped.';
    fs.writeSync(2, '\\n' + line + '\\n');
    try { fs.mkdirSync(require('node:path').dirname(workerData.report), { recursive: true }); fs.writeFileSync(workerData.report, JSON.stringify({ hang: label, seconds: workerData.seconds }, null, 2) + '\\n'); } catch {}
    process.kill(process.pid, 'SIGKILL');
  }, workerData.seconds * 1000);
});
`;

export class Watchdog {
  private readonly worker: Worker;

  constructor(seconds: number, artifact: string) {
    this.worker = new Worker(WATCHER, { eval: true, workerData: { seconds, report: path.join(ARTIFACTS, artifact) } });
    this.worker.unref();
  }

  /** Runs `fn`, timed; the process is stopped if it has not returned within the limit. */
  run<T>(label: string, fn: () => T): { value?: T; error?: unknown; ms: number } {
    this.worker.postMessage(label);
    const started = performance.now();
    try {
      return { value: fn(), ms: performance.now() - started };
    } catch (error) {
      return { error, ms: performance.now() - started };
    } finally {
      this.worker.postMessage(null);
    }
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** An exception as one line, for lists of failures. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message.split('\n')[0].slice(0, 300)}`;
  return String(e).slice(0, 300);
}
