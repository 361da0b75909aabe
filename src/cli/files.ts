import * as fs from 'node:fs';
import * as path from 'node:path';

// Output is written to a temporary file beside the target and renamed over it, so
// a crash, a kill or a full disk never leaves a half-written file under the output
// name, and the input is never opened for writing.

const pending = new Set<string>();
let handlersInstalled = false;

/** A problem with a path the user named: reported in one line, exit 2. */
export class PathError extends Error {}

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

function removeQuietly(f: string): void {
  try {
    fs.unlinkSync(f);
  } catch {
    /* never made, or already gone */
  }
}

function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'permission denied';
  return code ?? 'write error';
}

/**
 * Writes `data` in full to a new temporary file beside `target` and returns its
 * path. write(2) may write less than asked without an error (a nearly full disk):
 * the count is checked, so a short file is never taken for a whole one.
 */
export function writeTemporary(target: string, data: Uint8Array | string): string {
  const file = openTemporary(target);
  file.write(data);
  return file.finish();
}

/** A temporary file beside its target, written piece by piece (a report too large to hold whole), then finished. */
export interface TemporaryFile {
  readonly tmp: string;
  write(data: Uint8Array | string): void;
  /** Flushes it to the disk and closes it; returns its path, for commitTemporaries. */
  finish(): string;
  /** Closes and removes it (the run stopped). */
  discard(): void;
}

export function openTemporary(target: string): TemporaryFile {
  installCleanup();
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  pending.add(tmp);
  let fd: number | null = null;
  const fail = (e: unknown): never => {
    closeQuietly();
    pending.delete(tmp);
    removeQuietly(tmp);
    throw new PathError(`${target}: cannot be written (${why(e)}). Nothing was written.`);
  };
  const closeQuietly = () => {
    if (fd === null) return;
    try {
      fs.closeSync(fd);
    } catch {
      /* already closed */
    }
    fd = null;
  };
  try {
    fd = fs.openSync(tmp, 'wx');
  } catch (e) {
    fail(e);
  }
  return {
    tmp,
    write(data) {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      try {
        let done = 0;
        while (done < bytes.length) {
          const n = fs.writeSync(fd as number, bytes, done, bytes.length - done);
          if (n <= 0) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
          done += n;
        }
      } catch (e) {
        fail(e);
      }
    },
    finish() {
      try {
        fs.fsyncSync(fd as number);
        fs.closeSync(fd as number);
        fd = null;
      } catch (e) {
        fail(e);
      }
      return tmp;
    },
    discard() {
      closeQuietly();
      pending.delete(tmp);
      removeQuietly(tmp);
    },
  };
}

/** Moves finished temporaries over their targets, all of them or (as far as the system allows) none. */
export function commitTemporaries(moves: { tmp: string; target: string }[]): void {
  try {
    for (const { tmp, target } of moves) {
      try {
        fs.renameSync(tmp, target);
      } catch (e) {
        throw new PathError(`${target}: cannot be written (${why(e)}).`);
      }
      pending.delete(tmp);
    }
  } finally {
    for (const { tmp } of moves) {
      if (pending.delete(tmp)) removeQuietly(tmp);
    }
  }
}

export function writeFileAtomic(target: string, data: Uint8Array | string): void {
  commitTemporaries([{ tmp: writeTemporary(target, data), target }]);
}

export function defaultOutput(input: string): string {
  const ext = path.extname(input);
  const base = ext ? input.slice(0, -ext.length) : input;
  return `${base}.ragbook${ext || '.xlsx'}`;
}

/** The file a path names, with links followed as far as they exist: two spellings of one file compare equal. */
export function canonicalPath(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}

/** True when the two paths name one file, however spelt: links followed, and the same file by its device and inode (hard links, letter case on a case-insensitive disk). */
export function sameFile(a: string, b: string): boolean {
  if (canonicalPath(a) === canonicalPath(b)) return true;
  try {
    const x = fs.statSync(a);
    const y = fs.statSync(b);
    return x.dev === y.dev && x.ino === y.ino && x.ino !== 0;
  } catch {
    return false;
  }
}

/** Checks, before anything is written, that `target` can be created or replaced as a file. */
export function checkWritable(target: string): void {
  if (/[/\\]$/.test(target)) throw new PathError(`${target}: is a folder. Name a file to write.`);
  const abs = path.resolve(target);
  let st: fs.Stats | null = null;
  try {
    st = fs.statSync(abs);
  } catch {
    /* a new file */
  }
  if (st?.isDirectory()) throw new PathError(`${target}: is a folder. Name a file to write.`);
  if (st && !st.isFile()) throw new PathError(`${target}: is not a regular file. Name a file to write.`);
  const dir = path.dirname(abs);
  let dirStat: fs.Stats;
  try {
    dirStat = fs.statSync(dir);
  } catch {
    throw new PathError(`${target}: the folder ${dir} does not exist. Create it or choose another path.`);
  }
  if (!dirStat.isDirectory()) throw new PathError(`${target}: ${dir} is not a folder. Choose another path.`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new PathError(`${target}: cannot write in the folder ${dir} (permission denied). Choose another path.`);
  }
}

/**
 * Reads a file the user named, refusing what is not a regular file (a pipe or a
 * device would be read for ever) and what is larger than `limit` bytes.
 */
export function readRegularFile(file: string, what: string, limit: number): Buffer {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new PathError(`${file}: ${what} not found. Check the path and try again.`);
  }
  if (st.isDirectory()) throw new PathError(`${file}: is a folder, not ${what}. Name a file.`);
  if (!st.isFile()) throw new PathError(`${file}: is not a regular file (a pipe or a device), so it is not read. Name ${what} file.`);
  if (st.size > limit)
    throw new PathError(`${file}: is larger than ${Math.round(limit / 2 ** 20)} MiB, more than Ragbook reads as ${what}.`);
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new PathError(`${file}: cannot be read (${why(e)}). Check its permissions.`);
  }
}
