import * as fs from 'node:fs';
import * as path from 'node:path';

// Output is written to a temporary file beside the target and renamed over it, so
// a crash or a kill never leaves a half-written file under the output name, and the
// input is never opened for writing.

const pending = new Set<string>();
let handlersInstalled = false;

function installCleanup(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const clean = () => {
    for (const f of pending) {
      try {
        fs.unlinkSync(f);
      } catch {
        /* already gone */
      }
    }
  };
  process.on('exit', clean);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      clean();
      process.exit(130);
    });
  }
}

export function writeFileAtomic(target: string, data: Uint8Array | string): void {
  installCleanup();
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  pending.add(tmp);
  try {
    const fd = fs.openSync(tmp, 'wx');
    try {
      fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } finally {
    pending.delete(tmp);
    if (fs.existsSync(tmp)) fs.unlinkSync(tmp);
  }
}

export function defaultOutput(input: string): string {
  const ext = path.extname(input);
  const base = ext ? input.slice(0, -ext.length) : input;
  return `${base}.ragbook${ext || '.xlsx'}`;
}
