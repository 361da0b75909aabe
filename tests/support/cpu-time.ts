// Bounds on work, not on the clock: a test that guards against a hang or a quadratic
// blow-up measures the CPU time this process spent (user + system), which other
// programs running beside the tests do not inflate the way they inflate wall time.
// Speed itself is measured in `npm run bench`, as ratios against a baseline.

/** CPU milliseconds this process has used since `from` (a `process.cpuUsage()` reading). */
export function cpuMsSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

export const cpuNow = (): NodeJS.CpuUsage => process.cpuUsage();
