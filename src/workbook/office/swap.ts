import { OWNER_PROPERTY, SETTINGS_KEY } from '../../core/ownership';
import type { Plan } from '../../core/plan-schema';
import { toHostError } from './errors';
import { RETIRED, sameName } from './marks';
import { settingsValue } from './settings-value';
import type { Job, SheetInfo } from './write';

// The last sync of a write, the swap: old Ragbook sheets retired, the temporaries
// renamed in and marked as Ragbook's, old sheets deleted, settings stored, places
// restored, the summary activated. And what happens when it, or the write before
// it, fails: the workbook goes back to how it was, or forward to the finished swap.

/**
 * Sync 4: the swap. On failure it is rolled back, and a RagbookHostError thrown;
 * or rolled forward when every new sheet is already in place ('completed').
 */
export async function swapIn(
  context: Excel.RequestContext,
  plan: Plan,
  jobs: Job[],
  order: { job: Job; position: number }[],
): Promise<'swapped' | 'completed'> {
  const worksheets = context.workbook.worksheets;
  try {
    context.application.suspendScreenUpdatingUntilNextSync();
    for (const job of jobs) {
      if (!job.old) continue;
      const old = worksheets.getItem(job.old.id);
      old.name = job.retiredName;
      old.customProperties.add(OWNER_PROPERTY, RETIRED + job.compiled.plan.role);
    }
    for (const job of jobs) {
      job.sheet!.name = job.compiled.plan.name;
      job.sheet!.customProperties.add(OWNER_PROPERTY, job.compiled.plan.role);
    }
    queueFinish(context, plan, jobs, order);
    await context.sync();
    return 'swapped';
  } catch (e) {
    const outcome = await recoverSwap(context, plan, jobs, order);
    if (outcome === 'forward') return 'completed';
    throw toHostError(e, outcome === 'back' ? 'unchanged' : 'leftovers');
  }
}

/**
 * Where each new sheet goes: where the sheet it replaces was (so a summary the user
 * moved to the front stays there); new ones at the end. Returned in ascending
 * position, the order in which setting positions reproduces the arrangement.
 */
export function finalPositions(existing: SheetInfo[], debris: SheetInfo[], jobs: Job[]): { job: Job; position: number }[] {
  const kept = existing.filter((s) => !debris.includes(s));
  const out: { job: Job; position: number }[] = [];
  for (const job of jobs) {
    if (job.old) out.push({ job, position: kept.indexOf(job.old) });
  }
  return out.filter((x) => x.position >= 0).sort((a, b) => a.position - b.position);
}

/** The part of the swap after every new sheet has its name: deletes, settings, places, focus. */
function queueFinish(
  context: Excel.RequestContext,
  plan: Plan,
  jobs: Job[],
  order: { job: Job; position: number }[],
  gone?: Set<string>,
): void {
  const worksheets = context.workbook.worksheets;
  context.workbook.settings.add(SETTINGS_KEY, settingsValue(plan.settingsJson));
  for (const job of jobs) if (job.old && !gone?.has(job.old.id)) worksheets.getItem(job.old.id).delete();
  for (const { job, position } of order) worksheets.getItem(job.id!).position = position;
  for (const job of jobs) {
    if (job.compiled.hasFormulas && job.compiled.rows > 0)
      worksheets.getItem(job.id!).getRangeByIndexes(0, 0, job.compiled.rows, job.compiled.cols).calculate();
  }
  const active = jobs.find((j) => sameName(j.compiled.plan.name, plan.activate));
  if (active) worksheets.getItem(active.id!).activate();
}

/** Removes the temporary sheets of a failed write. True when none is left. */
export async function discardTemporaries(context: Excel.RequestContext, jobs: Job[]): Promise<boolean> {
  try {
    const worksheets = context.workbook.worksheets;
    const probes = jobs.map((j) => worksheets.getItemOrNullObject(j.tempName).load('name'));
    await context.sync();
    let any = false;
    for (const p of probes) {
      if (!p.isNullObject) {
        p.delete();
        any = true;
      }
    }
    if (any) await context.sync();
    return true;
  } catch {
    return false;
  }
}

/**
 * After a failed swap: look at what happened. If every new sheet already has its
 * final name, finish the swap (forward); otherwise undo it (back): delete the new
 * sheets and give the old ones back their names and marks.
 */
async function recoverSwap(
  context: Excel.RequestContext,
  plan: Plan,
  jobs: Job[],
  order: { job: Job; position: number }[],
): Promise<'forward' | 'back' | 'failed'> {
  try {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/id,items/name');
    await context.sync();
    const nameById = new Map(worksheets.items.map((ws) => [ws.id, ws.name]));
    const inPlace = jobs.every((j) => nameById.get(j.id!) === j.compiled.plan.name);
    if (inPlace) {
      const gone = new Set(jobs.filter((j) => j.old && !nameById.has(j.old.id)).map((j) => j.old!.id));
      for (const job of jobs) worksheets.getItem(job.id!).customProperties.add(OWNER_PROPERTY, job.compiled.plan.role);
      queueFinish(context, plan, jobs, order, gone);
      await context.sync();
      return 'forward';
    }
    for (const job of jobs) if (nameById.has(job.id!)) worksheets.getItem(job.id!).delete();
    for (const job of jobs) {
      if (!job.old || !nameById.has(job.old.id)) continue;
      const old = worksheets.getItem(job.old.id);
      if (nameById.get(job.old.id) !== job.old.name) old.name = job.old.name;
      old.customProperties.add(OWNER_PROPERTY, job.compiled.plan.role);
    }
    await context.sync();
    return 'back';
  } catch {
    return 'failed';
  }
}
