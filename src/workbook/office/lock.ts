import { LOCK_NAME, LOCK_STALE_MS, type RunLock, lockFormula, parseLock } from '../../core/ownership';
import { LOCK_POLL_MS, LOCK_WAIT_MS } from './constants';
import { RagbookHostError } from './errors';

// One recalculation at a time. The pane and the ribbon command run in separate
// runtimes, and co-authors in separate Excels; two recalculations at once would
// write over each other's sheets. The lock lives in the workbook, where all of them
// see it: the defined name LOCK_NAME, holding the run's id and start.
//
// Excel refuses to add a name that exists (ItemAlreadyExists), so adding it is the
// test-and-set: the run whose add succeeds holds the lock. The add rides in a sync
// the run makes anyway (the read's second, or the write's first when a plan is
// applied on its own), so holding the lock costs no sync when nobody else has it;
// the write's last sync deletes it. A run that finds the lock held waits for it
// (up to LOCK_WAIT_MS), then says so; a lock older than LOCK_STALE_MS was left by a
// run that stopped (Excel closed, a crash) and is taken over. Co-authors' Excels
// exchange names as they exchange cells, so two adds at the very same moment on
// two machines may both succeed; that is as far as a lock in a file can go.

export interface LockOptions {
  /** How long to wait for another run, in ms; default LOCK_WAIT_MS. */
  waitMs?: number;
  /** Waits; tests pass one that does not. */
  sleep?: (ms: number) => Promise<void>;
  /** The clock, in ms since 1970. */
  now?: () => number;
}

/** A new run's lock. */
export function newRun(now: number = Date.now()): RunLock {
  return { id: Math.random().toString(36).slice(2, 10).padEnd(8, '0'), since: now };
}

/** Queues taking the lock: the sync fails (ItemAlreadyExists) when another run holds it. */
export function queueAcquire(context: Excel.RequestContext, run: RunLock): void {
  context.workbook.names.add(LOCK_NAME, lockFormula(run));
}

/** Queues letting go of the lock (the caller knows it holds it). */
export function queueRelease(context: Excel.RequestContext): void {
  context.workbook.names.getItem(LOCK_NAME).delete();
}

/** The lock's holder, queued for the next sync. */
export function loadLock(context: Excel.RequestContext): Excel.NamedItem {
  return context.workbook.names.getItemOrNullObject(LOCK_NAME).load('formula');
}

export function holderOf(item: Excel.NamedItem): RunLock | null | 'none' {
  return item.isNullObject ? 'none' : parseLock(String(item.formula));
}

const clock = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** What the user is told when another recalculation holds the lock. */
export function busyError(holder: RunLock, retry = 'click Recalculate summary again'): RagbookHostError {
  return new RagbookHostError(
    `Another recalculation of this workbook has been running since ${clock(holder.since)} (from the Ragbook pane, the Recalculate summary ` +
      `button, or a colleague who has the workbook open), so this one did not start. Wait for it to finish, then ${retry}. ` +
      `If none is running (Excel was closed during one), Ragbook stops waiting for it at ${clock(holder.since + LOCK_STALE_MS)}. ` +
      'Your workbook was left as it was.',
    'busy',
    undefined,
    'unchanged',
  );
}

/**
 * After a sync that tried to take the lock failed: makes sure this run holds it,
 * waiting for another run to finish, or taking over a stale lock; throws a busy
 * error when the other run does not finish in time. One sync per look.
 */
export async function acquireAfterRefusal(context: Excel.RequestContext, run: RunLock, opts: LockOptions = {}): Promise<void> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + (opts.waitMs ?? LOCK_WAIT_MS);
  let refused = 0;
  for (;;) {
    const item = loadLock(context);
    // One sync per look, and a look only while another run holds the lock.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    const holder = holderOf(item);
    if (holder !== 'none' && holder?.id === run.id) return;
    const stale = holder === null || (holder !== 'none' && now() - holder.since > LOCK_STALE_MS);
    if (holder === 'none' || stale) {
      if (stale) item.delete();
      queueAcquire(context, run);
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        return;
      } catch (e) {
        // Another run took it between the look and the add: look again; anything else that keeps failing is said.
        if (++refused >= 3) throw e;
        continue;
      }
    }
    if (now() >= deadline) throw busyError(holder as RunLock);
    await sleep(Math.min(LOCK_POLL_MS, Math.max(0, deadline - now())));
  }
}

/** Lets go of the lock if this run still holds it; never throws (the lock goes stale otherwise). Two syncs. */
export async function releaseLock(context: Excel.RequestContext, run: RunLock): Promise<void> {
  try {
    const item = loadLock(context);
    await context.sync();
    const holder = holderOf(item);
    if (holder === 'none' || holder?.id !== run.id) return;
    item.delete();
    await context.sync();
  } catch {
    // The lock goes stale after LOCK_STALE_MS.
  }
}
