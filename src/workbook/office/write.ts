import { OWNER_PROPERTY } from '../../core/ownership';
import type { Plan } from '../../core/plan-schema';
import type { Progress } from '../adapter';
import { type CompiledSheet, type WriteSegment, compileSheet, formattingBytes, packWrites } from './compile';
import { DEFAULT_MAX_PAYLOAD_BYTES } from './constants';
import { RagbookHostError, STRUCTURE_PROTECTED, toHostError } from './errors';
import { queueFormatting, queueValues, suspend } from './format';
import { PENDING, loadMarks, markOf, sameName } from './marks';
import { discardTemporaries, finalPositions, swapIn } from './swap';

// Writing a plan, in four syncs whatever the number of rows:
//
// | sync | what it carries |
// | --- | --- |
// | 1 | the sheets as they are now (names, ids, in tab order), and whether the workbook's structure is protected |
// | 2 | every sheet's marker, so no sheet Ragbook did not create is ever replaced |
// | 3 | the new sheets, under temporary names: values as one 2D array per sheet, number formats, styles, widths, freeze panes, conditional formats, tab colours, marks |
// | 4 | the swap (swap.ts): old Ragbook sheets out, temporaries renamed in, settings stored, summary activated |
//
// Only when a payload would pass `maxPayloadBytes` is sync 3 split into row blocks,
// one sync each, sized exactly from the JSON of what is written (compile.ts).
//
// Nothing is written to a user's sheet, ever. New sheets are built under temporary
// names and marked as pending; only the last sync swaps them in, and a failure
// before or during it leaves the workbook as it was (or, past the point of no
// return, completes the swap). A failed write costs two more syncs to remove the
// temporaries; a failed swap two more to roll it back, or forward.

export interface ApplyOptions {
  /** Split writes so no request passes this size; default 4 MB. */
  maxPayloadBytes?: number;
  /** The suffix of temporary sheet names; random by default. */
  token?: string;
  onProgress?: Progress;
}

/** A sheet as it was when the write began; `existing` lists them in tab order. */
export interface SheetInfo {
  ws: Excel.Worksheet;
  name: string;
  id: string;
}

export interface Job {
  compiled: CompiledSheet;
  old: SheetInfo | null;
  tempName: string;
  retiredName: string;
  sheet: Excel.Worksheet | null;
  id: string | null;
}

function randomToken(): string {
  return Math.random().toString(36).slice(2, 8).padEnd(6, '0');
}

/**
 * Writes the plan's sheets: builds each under a temporary name, then swaps them
 * in for the old Ragbook sheets in the last sync. On failure the workbook is left
 * as it was (or the swap is completed if every new sheet was already in place),
 * and a RagbookHostError says what happened.
 */
export async function applyPlan(context: Excel.RequestContext, plan: Plan, opts: ApplyOptions = {}): Promise<void> {
  const max = opts.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const { existing, marks, structureProtected } = await survey(context);
  if (structureProtected) throw new RagbookHostError(STRUCTURE_PROTECTED, 'protected', undefined, 'unchanged');
  const jobs = planJobs(plan, existing, marks, opts.token ?? randomToken());
  const debris = existing.filter((_, i) => marks[i]?.startsWith(PENDING));
  const compiled = jobs.map((j) => j.compiled);
  const groups = packWrites(compiled, max, formattingBytes(compiled, plan.styles));
  const step = (n: number) => opts.onProgress?.('Writing the RAG sheets', n, groups.length + 1);
  await buildTemporaries(context, plan, { jobs, debris, groups, step });
  // A swap completed by recovery after its sync failed has no step of its own to report.
  if ((await swapIn(context, plan, jobs, finalPositions(existing, debris, jobs))) === 'swapped') step(groups.length + 1);
}

/** Syncs 1 and 2: the sheets as they are now, and whose they are. Nothing is written yet. */
async function survey(
  context: Excel.RequestContext,
): Promise<{ existing: SheetInfo[]; marks: (string | null)[]; structureProtected: boolean }> {
  const worksheets = context.workbook.worksheets;
  try {
    worksheets.load('items/name,items/id');
    // Asked in the same sync: a protected structure would refuse the first sheet added.
    const protection = context.workbook.protection.load('protected');
    await context.sync();
    const existing = worksheets.items.map((ws) => ({ ws, name: ws.name, id: ws.id }));
    const markers = loadMarks(existing.map((s) => s.ws));
    await context.sync();
    return { existing, marks: markers.map(markOf), structureProtected: protection.protected };
  } catch (e) {
    throw toHostError(e, 'unchanged');
  }
}

/**
 * Sync 3 (one per block past the payload limit): the new sheets under temporary
 * names, marked pending, and the leftovers of an interrupted run removed. On
 * failure the temporaries are removed again.
 */
async function buildTemporaries(
  context: Excel.RequestContext,
  plan: Plan,
  work: { jobs: Job[]; debris: SheetInfo[]; groups: WriteSegment[][]; step: (n: number) => void },
): Promise<void> {
  const { jobs, debris, groups, step } = work;
  const worksheets = context.workbook.worksheets;
  const compiled: CompiledSheet[] = jobs.map((j) => j.compiled);
  try {
    for (let g = 0; g < groups.length; g++) {
      suspend(context, true);
      if (g === 0) {
        for (const d of debris) d.ws.delete();
        for (const job of jobs) {
          const ws = worksheets.add(job.tempName);
          ws.load('id');
          ws.customProperties.add(OWNER_PROPERTY, PENDING + job.compiled.plan.role);
          queueFormatting(ws, job.compiled, plan.styles);
          job.sheet = ws;
        }
      }
      for (const seg of groups[g]) queueValues(jobs[seg.sheet].sheet!, compiled[seg.sheet], seg);
      if (g === groups.length - 1) {
        // Merged last, once every value is in place.
        for (const job of jobs) for (const m of job.compiled.plan.merges) job.sheet!.getRange(m).merge(false);
      }
      // One sync per write block: a single sync unless the payload limit is passed.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      step(g + 1);
    }
    for (const job of jobs) job.id = job.sheet!.id;
  } catch (e) {
    const clean = await discardTemporaries(context, jobs);
    throw toHostError(e, clean ? 'unchanged' : 'leftovers');
  }
}

function planJobs(plan: Plan, existing: SheetInfo[], marks: (string | null)[], token: string): Job[] {
  const names = new Set<string>();
  return plan.sheets.map((ps) => {
    const role = ps.role;
    if (names.has(ps.name.toLowerCase())) {
      throw new RagbookHostError(
        `Ragbook planned two sheets called '${ps.name}'. Check the sheet names in Settings.`,
        'failed',
        undefined,
        'unchanged',
      );
    }
    names.add(ps.name.toLowerCase());
    let old: SheetInfo | null = null;
    if (ps.replaces) {
      const i = existing.findIndex((s) => sameName(s.name, ps.replaces!));
      if (i >= 0) {
        if (marks[i] !== role) {
          throw new RagbookHostError(
            `The sheet '${existing[i].name}' was not created by Ragbook, so Ragbook will not replace it. Rename that sheet, or choose another name for Ragbook's ${role} sheet in Settings. Your workbook was left as it was.`,
            'foreign-sheet',
            undefined,
            'unchanged',
          );
        }
        old = existing[i];
      }
      // A replaced sheet that has gone meanwhile: the new one is simply added.
    }
    const clash = existing.find((s) => s !== old && sameName(s.name, ps.name));
    if (clash) {
      throw new RagbookHostError(
        `A sheet called '${clash.name}' appeared while Ragbook was working, so Ragbook did not write beside it. Click Recalculate summary again. Your workbook was left as it was.`,
        'changed-meanwhile',
        undefined,
        'unchanged',
      );
    }
    return {
      compiled: compileSheet(ps, plan.styles),
      old,
      tempName: `~rb-tmp-${role}-${token}`,
      retiredName: `~rb-old-${role}-${token}`,
      sheet: null,
      id: null,
    };
  });
}
