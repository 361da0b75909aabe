// Two services often send files of the same name (`Tracker.xlsx` from every team),
// so each file read for a directorate is shown by the shortest end of its path
// that no other file shares: `Tracker.xlsx` when it is the only one, else
// `north/Tracker.xlsx` and `south/Tracker.xlsx`. Names are compared ignoring case,
// as Windows and Excel compare file names.

/**
 * The name each path is shown by, in the same order. Paths are split on `/` (and
 * `\`); two spellings of one file should be made one before this. Names no folder
 * tells apart (the browser gives file names only) are numbered: `Tracker.xlsx (2)`.
 */
export function distinguishingNames(paths: readonly string[]): string[] {
  const parts = paths.map((p) => p.split(/[/\\]+/).filter(Boolean));
  const depth = parts.map(() => 1);
  let names = parts.map((ps, i) => tail(ps, depth[i]));
  for (;;) {
    let deeper = false;
    for (const group of clashes(names)) {
      for (const i of group) {
        if (depth[i] < parts[i].length) {
          depth[i]++;
          deeper = true;
        }
      }
    }
    if (!deeper) break;
    names = parts.map((ps, i) => tail(ps, depth[i]));
  }
  for (const group of clashes(names)) group.forEach((i, k) => k > 0 && (names[i] = `${names[i]} (${k + 1})`));
  return names;
}

function tail(parts: string[], n: number): string {
  return parts.slice(-n).join('/');
}

/** Groups of two or more indexes whose names are the same, ignoring case. */
function clashes(names: string[]): number[][] {
  const byName = new Map<string, number[]>();
  names.forEach((n, i) => {
    const key = n.toLowerCase();
    const group = byName.get(key);
    if (group) group.push(i);
    else byName.set(key, [i]);
  });
  return [...byName.values()].filter((g) => g.length > 1);
}
