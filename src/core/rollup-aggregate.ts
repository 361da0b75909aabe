import type { Plan, PlanCell } from './plan-schema';
import { type Rollup, type RollupContext, type TrackerOutcome, rollUp } from './rollup';
import { type ActionBlock, type CellCache, actionBlockOf, buildDirectoratePlan, cellCache, workstreamRowsOf } from './rollup-plan';

// The directorate view as trackers come in, in any order (worker threads answer as
// they finish). All actions is written as it grows: each tracker's actions are laid
// out and handed to `onActions` as soon as every tracker before it has been, so what
// waits here is only the few trackers read ahead of their turn; then its action
// lines are let go. What is held for the whole directorate is each tracker's figures
// and its rows of All work streams. `finish` puts them in the order the files were given.

export class DirectorateAggregate {
  private readonly trackers: (TrackerOutcome | null | undefined)[] = [];
  private readonly workstreams: (PlanCell[][] | undefined)[] = [];
  private readonly waiting = new Map<number, TrackerOutcome | null>();
  private readonly cells: CellCache = cellCache();
  private next = 0;
  private actions = 0;

  /** `onActions` takes each tracker's rows of All actions, in the order the files were given. */
  constructor(private readonly onActions: (block: ActionBlock) => void) {}

  /** Adds the outcome of the file at `index` of those given; null for a file passed over (Ragbook's own output). */
  add(index: number, outcome: TrackerOutcome | null): void {
    if (this.trackers[index] !== undefined) throw new Error(`tracker ${index} was added twice`);
    if (outcome?.kind === 'read') {
      this.workstreams[index] = workstreamRowsOf(outcome, this.cells);
      this.trackers[index] = { ...outcome, actions: [] };
    } else this.trackers[index] = outcome;
    this.waiting.set(index, outcome);
    while (this.waiting.has(this.next)) {
      const o = this.waiting.get(this.next);
      this.waiting.delete(this.next++);
      if (o?.kind !== 'read' || o.actions.length === 0) continue;
      const block = actionBlockOf(o, this.cells);
      this.actions += block.rows.length;
      this.onActions(block);
    }
  }

  /** The next index after every one added. */
  get size(): number {
    return this.trackers.length;
  }

  finish(ctx: RollupContext & { settingsJson: string }): { rollup: Rollup; plan: Plan } {
    if (this.waiting.size) throw new Error(`tracker ${this.next} was never added`);
    const trackers: TrackerOutcome[] = [];
    const workstreams: PlanCell[][] = [];
    for (let i = 0; i < this.trackers.length; i++) {
      const t = this.trackers[i];
      if (!t) continue;
      trackers.push(t);
      for (const row of this.workstreams[i] ?? []) workstreams.push(row);
    }
    const rollup = rollUp(trackers, ctx);
    return { rollup, plan: buildDirectoratePlan(rollup, { settingsJson: ctx.settingsJson, workstreams, actions: this.actions }) };
  }
}
