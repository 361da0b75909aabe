import type { Plan } from './plan-schema';
import { type Rollup, type RollupContext, type TrackerOutcome, rollUp } from './rollup';
import { type CellCache, type TrackerRows, buildDirectoratePlan, cellCache, rowsOfTracker } from './rollup-plan';

// The directorate view as trackers come in, in any order (worker threads answer as
// they finish): each tracker's rows of the written sheets are made as it arrives,
// its action lines then let go, so what is held is the sheets' rows and each
// tracker's figures. `finish` puts them in the order the files were given.

export class DirectorateAggregate {
  private readonly trackers: (TrackerOutcome | undefined)[] = [];
  private readonly rows: (TrackerRows | undefined)[] = [];
  private readonly cells: CellCache = cellCache();

  /** Adds the outcome of the file at `index` of those given. */
  add(index: number, outcome: TrackerOutcome): void {
    if (this.trackers[index] !== undefined) throw new Error(`tracker ${index} was added twice`);
    if (outcome.kind === 'read') {
      this.rows[index] = rowsOfTracker(outcome, this.cells);
      this.trackers[index] = { ...outcome, actions: [] };
    } else this.trackers[index] = outcome;
  }

  /** The next index after every one added. */
  get size(): number {
    return this.trackers.length;
  }

  finish(ctx: RollupContext & { settingsJson: string }): { rollup: Rollup; plan: Plan } {
    const trackers: TrackerOutcome[] = [];
    const rows: TrackerRows[] = [];
    for (let i = 0; i < this.trackers.length; i++) {
      const t = this.trackers[i];
      if (t === undefined) continue; // a file passed over (Ragbook's own output)
      trackers.push(t);
      const r = this.rows[i];
      if (r) rows.push(r);
    }
    const rollup = rollUp(trackers, ctx);
    return { rollup, plan: buildDirectoratePlan(rollup, { settingsJson: ctx.settingsJson, rows }) };
  }
}
