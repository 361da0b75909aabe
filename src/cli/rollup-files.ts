import * as fs from 'node:fs';
import * as path from 'node:path';
import { distinguishingNames } from '../core/rollup-names';
import type { TrackerFile } from '../core/rollup';
import { PathError, canonicalPath, sameFile } from './files';

// Which files `ragbook rollup` reads: every workbook named, and every .xlsx and
// .xlsm found in the folders named and their subfolders, each once however it was
// reached. Ragbook's own outputs are passed over (a tracker's `.ragbook.xlsx`, the
// directorate workbook being written, its report), and so are the temporary and
// lock files Excel and LibreOffice leave beside an open workbook.

/** A folder that could not be listed: its workbooks are missing, so it is reported like a file not read. */
export interface UnlistedFolder {
  path: string;
  message: string;
}

export interface Found {
  /** In the order given, each folder's in name order; `path` is where it is read from. */
  trackers: TrackerFile[];
  unlisted: UnlistedFolder[];
  /** Files passed over, each with why, for the user to see. */
  passedOver: { path: string; why: string }[];
}

export interface FindContext {
  out: string;
  report: string | null;
}

const WORKBOOK = /\.(xlsx|xlsm)$/i;
const TRACKER_OUTPUT = /\.ragbook\.(xlsx|xlsm)$/i;
/** Excel's owner files (`~$Tracker.xlsx`), LibreOffice's lock files (`.~lock.Tracker.xlsx#`), and hidden files such as Ragbook's own temporaries. */
const TEMPORARY = /^(~\$|\.)/;

export function findTrackers(inputs: string[], ctx: FindContext): Found {
  const found: string[] = [];
  const seen = new Set<string>();
  const visited = new Set<string>();
  const unlisted: UnlistedFolder[] = [];
  const passedOver: Found['passedOver'] = [];
  const ours = (file: string) =>
    sameFile(file, ctx.out)
      ? 'the directorate workbook being written'
      : ctx.report && sameFile(file, ctx.report)
        ? 'the report being written'
        : null;
  const add = (file: string) => {
    const key = canonicalPath(file);
    if (seen.has(key)) return;
    seen.add(key);
    found.push(file);
  };

  // Paths are kept as the user gave them, joined with what was found under them.
  const walk = (dir: string) => {
    const real = canonicalPath(dir);
    if (visited.has(real)) return; // named twice, or inside another folder named
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      unlisted.push({ path: dir, message: `${dir}: the folder cannot be opened (${reason(e)}), so the workbooks in it were not read.` });
      return;
    }
    entries.sort((a, b) => compareNames(a.name, b.name));
    for (const e of entries) {
      if (TEMPORARY.test(e.name)) continue;
      const file = path.join(dir, e.name);
      const kind = kindOf(e, file);
      if (kind === 'folder') walk(file);
      else if (kind === 'file' && WORKBOOK.test(e.name)) {
        const why = TRACKER_OUTPUT.test(e.name) ? "Ragbook's output for a tracker (the tracker itself is read)" : ours(file);
        if (why) passedOver.push({ path: file, why });
        else add(file);
      }
    }
  };

  for (const input of inputs) {
    let st: fs.Stats;
    try {
      st = fs.statSync(input);
    } catch {
      throw new PathError(`${input}: not found. Check the path and try again.`);
    }
    if (st.isDirectory()) {
      walk(input);
      continue;
    }
    const why = ours(input);
    if (why) throw new PathError(`${input}: that is ${why}. Choose another ${why.includes('report') ? '--report' : '--out'} file.`);
    // A file named is read whatever its name: a wrong one is refused with the reason.
    add(input);
  }

  const names = distinguishingNames(found.map((f) => path.resolve(f)));
  return {
    trackers: found.map((f, i) => ({ file: names[i], path: f })),
    unlisted,
    passedOver,
  };
}

/**
 * What an entry is. A link to a file is followed; a link to a folder is not (as
 * `find` does not): it would list its workbooks under a second name, or loop. A
 * folder named on the command line is read wherever it is.
 */
function kindOf(e: fs.Dirent, file: string): 'folder' | 'file' | null {
  if (!e.isSymbolicLink()) return e.isDirectory() ? 'folder' : e.isFile() ? 'file' : null;
  try {
    return fs.statSync(file).isFile() ? 'file' : null;
  } catch {
    return null;
  }
}

/** Folder listings in one order on every system: ignoring case first, then by code point. */
function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'cannot be listed');
}
