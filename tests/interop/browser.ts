import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

// What the browser tests share: Debian's Chromium with the flags this closed
// network needs (no background connections, no QUIC), and the preview server
// serving a built dist/ on a free port.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const ROOT = path.resolve(__dirname, '..', '..');

/** Starts scripts/preview-server.mjs on `dist`; resolves with its origin (http://127.0.0.1:PORT). */
export function startPreviewServer(dist: string): Promise<{ server: ChildProcess; origin: string }> {
  return new Promise((resolve, reject) => {
    const server = spawn(process.execPath, [path.join(ROOT, 'scripts', 'preview-server.mjs')], {
      env: { ...process.env, PORT: '0', DIST: dist },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`preview server did not start: ${out}`)), 15_000);
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ server, origin: m[1] });
      }
    });
    server.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    server.on('exit', (code) => reject(new Error(`preview server exited (${code}): ${out}`)));
  });
}
