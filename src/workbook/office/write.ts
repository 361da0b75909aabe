import { type Area, parseA1, parseArea } from '../../core/grid';
import {
  LOCK_NAME,
  OWNER_PROPERTY,
  type RunLock,
  SETTINGS_KEY,
  archiveMarkName,
  archiveNumber,
  markName,
  roleOfMarkName,
  lockFormula,
  sheetOfReference,
} from '../../core/ownership';
import type { Plan } from '../../core/plan-schema';
import type { Progress } from '../adapter';
import { type SheetToWrite, settingsSheet, settingsSheetName } from '../settings-sheet';
import { tableArea, tableRef, uniqueTableName, validTableName } from '../tables';
import {
  type CompiledSheet,
  type Input,
  type WriteSegment,
  cellInput,
  compileSheet,
  formattingBytes,
  packWrites,
  rowsToWrite,
} from './compile';
import { DEFAULT_MAX_PAYLOAD_BYTES } from './constants';
import { type Outcome, RagbookHostError, STRUCTURE_PROTECTED, isPayloadError, officeCode, toHostError } from './errors';
import { queueClear, queueFormatting, queueValues, suspend } from './format';
import {
  type LockOptions,
  acquireAfterRefusal,
  busyError,
  holderOf,
  loadLock,
  newRun,
  queueAcquire,
  queueRelease,
  releaseLock,
} from './lock';
import { loadMarks, loadNames, markOf, namesOf, rolesOf, sameName } from './marks';
import { settingsValue } from './settings-value';

// Writing a plan into the open workbook. Ragbook's sheets are updated IN PLACE:
// cleared and written again, never deleted and added back, because Excel turns
// every formula, chart and defined name that refers to a deleted sheet into #REF!
// (a user's ='RAG Summary'!C9, a chart on RAG History). RAG History gets its new
// rows below the last one; its earlier rows are never written again.
//
// | sync | what it carries |
// | --- | --- |
// | 1 | the sheets (names, ids, visibility), the defined names (marks, the lock), the tables, the structure's protection; the lock taken when the plan is applied on its own |
// | 2 | every sheet's custom-property mark, and the used range of the history Ragbook adds rows to |
// | 3 | the write: marks, clearing, values as one 2D array per sheet, formats, widths, rules, tables, print setup, settings, the summary activated, the lock let go |
//
// Only when a payload would pass `maxPayloadBytes` is sync 3 split into row blocks,
// one sync each, sized from the UTF-8 JSON of what is written (compile.ts); a block
// Excel still refuses as too large is halved and sent again.
//
// What a failure leaves. Office.js batches are not transactions: the operations of
// a sync that fails before the failing one stay applied. So the write is ordered
// for the summary: first of all its status line (plan.pending, a cell the clearing
// leaves alone) says a recalculation is under way; the summary's final value for
// that cell is the very last operation. A failure in syncs 1 and 2 changes nothing.
// A failure during the write leaves the old summary, or the new one, or a summary
// whose status line says the last recalculation did not finish, which the next
// one repairs; recover() makes sure of the status line and marks any sheet this
// run added, so the next run finds it as Ragbook's and writes into it rather than
// beside it. Nothing is ever written to a sheet that is not Ragbook's.

export interface ApplyOptions {
  /** Split writes so no request passes this size; default 4 MB. */
  maxPayloadBytes?: number;
  onProgress?: Progress;
  /** The run's lock: held since the read (a recalculation), or taken by the first sync (a plan applied on its own). */
  lock?: { run: RunLock; held: boolean } & LockOptions;
  /** Whether the host has Table.resize (ExcelApi 1.13); without it a table that must change is converted to a range and added again. */
  tableResize?: boolean;
}

/** A sheet as the survey found it. */
interface SheetInfo {
  ws: Excel.Worksheet;
  name: string;
  id: string;
  visibility: string;
  mark: string | null;
}

interface Survey {
  /** Names this write deletes (a retired sheet's mark), so none is deleted twice. */
  deleted: Set<string>;
  sheets: SheetInfo[];
  roles: ReturnType<typeof rolesOf>[number][];
  names: { name: string; formula: string }[];
  /** Every table in the workbook, with its sheet's name and where it lies. */
  tables: { name: string; sheet: string; area: Area | null }[];
  structureProtected: boolean;
  /** The sheet row after the last one used, for each history rows are added to (by sheet id). */
  appendAt: Map<string, number | null>;
}

interface JobTable {
  name: string;
  area: Area;
  style: string | null;
  /** A table of that name already on the sheet. */
  existing: boolean;
}

interface Job {
  sheet: SheetToWrite;
  old: SheetInfo | null;
  /** The worksheet written: the old one, or the one added. */
  ws: Excel.Worksheet | null;
  compiled: CompiledSheet;
  /** Written whole (cleared first, or new); false when rows are only added to a history. */
  whole: boolean;
  tables: JobTable[];
  /** The summary's status line while the write is under way, and what it says in the end. */
  pending: { r: number; c: number; final: Input } | null;
}

/**
 * Writes the plan's sheets into the workbook, updating Ragbook's own in place.
 * Throws a RagbookHostError that says what happened and what the workbook was left as.
 */
export async function applyPlan(context: Excel.RequestContext, plan: Plan, opts: ApplyOptions = {}): Promise<void> {
  const run = opts.lock?.run ?? newRun();
  const held = opts.lock?.held ?? false;
  let survey: Survey;
  try {
    survey = await surveyWorkbook(context, run, held, opts.lock ?? {});
  } catch (e) {
    // Nothing was written; a lock taken by this call is let go.
    if (!held) await releaseLock(context, run);
    throw toHostError(e, 'unchanged');
  }
  let jobs: Job[];
  try {
    jobs = planJobs(plan, survey);
  } catch (e) {
    if (!held) await releaseLock(context, run);
    throw toHostError(e, 'unchanged');
  }
  try {
    await writeJobs(context, plan, jobs, survey, { ...opts, run });
  } catch (e) {
    const outcome = await recover(context, { jobs, survey, run, pending: plan.pending?.text ?? null });
    // Every operation ran, the last one too: only the sync's answer was lost.
    if (outcome === 'done') return;
    throw toHostError(e, outcome);
  }
}

/** Syncs 1 and 2: the workbook as it is now, and whose each sheet is. Nothing is written but the lock. */
async function surveyWorkbook(context: Excel.RequestContext, run: RunLock, held: boolean, lockOpts: LockOptions): Promise<Survey> {
  const wb = context.workbook;
  const first = () => ({
    worksheets: wb.worksheets.load('items/name,items/id,items/visibility'),
    names: loadNames(context),
    tables: wb.tables.load('items/name,items/worksheet/name'),
    protection: wb.protection.load('protected'),
    lock: held ? loadLock(context) : null,
  });
  let one: ReturnType<typeof first>;
  if (held) {
    one = first();
    await context.sync();
    const holder = holderOf(one.lock!);
    // Another run took over a lock this one held too long (LOCK_STALE_MS): it must not write now.
    if (holder !== 'none' && holder !== null && holder.id !== run.id) throw busyError(holder);
  } else {
    try {
      queueAcquire(context, run);
      one = first();
      await context.sync();
    } catch (e) {
      if (officeCode(e) === 'InvalidOperationInCellEditMode') throw e;
      await acquireAfterRefusal(context, run, lockOpts);
      one = first();
      await context.sync();
    }
  }
  const worksheets = one.worksheets.items;
  const marks = loadMarks(worksheets);
  const tableRanges = one.tables.items.map((t) => t.getRange().load('address'));
  // Where each sheet's values end: a history's new rows go below them.
  const used = worksheets.map((ws) => ws.getUsedRangeOrNullObject(true).load('rowIndex,rowCount'));
  await context.sync();
  const sheets: SheetInfo[] = worksheets.map((ws, i) => ({
    ws,
    name: ws.name,
    id: ws.id,
    visibility: ws.visibility,
    mark: markOf(marks[i]),
  }));
  const names = namesOf(one.names);
  const roles = rolesOf(
    sheets.map((s) => s.name),
    sheets.map((s) => s.mark),
    names,
  );
  const appendAt = new Map<string, number | null>();
  sheets.forEach((s, i) => {
    const u = used[i];
    appendAt.set(s.id, u.isNullObject ? null : u.rowIndex + u.rowCount);
  });
  return {
    deleted: new Set(),
    sheets,
    roles,
    names,
    tables: one.tables.items.map((t, i) => ({
      name: t.name,
      sheet: t.worksheet.name,
      area: parseArea(tableRanges[i].address.replace(/^.*!/, '')),
    })),
    structureProtected: one.protection.protected,
    appendAt,
  };
}

/** Each sheet to write, with the sheet it updates; refuses, before anything is written, what must not be done. */
function planJobs(plan: Plan, survey: Survey): Job[] {
  const { sheets, roles } = survey;
  const find = (name: string) => sheets.findIndex((s) => sameName(s.name, name));
  const toWrite: { sheet: SheetToWrite; old: number }[] = [];
  const planned = new Set<string>();
  for (const ps of plan.sheets) {
    // Rows given apart (a directorate's All actions) are packed for a new .xlsx file only; writing the sheet without them would lose them.
    if (ps.mode === 'replace' && ps.following) {
      throw new RagbookHostError(
        `Ragbook cannot write '${ps.name}' into an open workbook: it is part of a directorate workbook, made as a file by ragbook rollup or the preview.`,
        'failed',
        undefined,
        'unchanged',
      );
    }
    if (planned.has(ps.name.toLowerCase())) {
      throw new RagbookHostError(
        `Ragbook planned two sheets called '${ps.name}'. Check the sheet names in Settings.`,
        'failed',
        undefined,
        'unchanged',
      );
    }
    planned.add(ps.name.toLowerCase());
    let old = -1;
    if (ps.existing) {
      old = find(ps.existing);
      if (old >= 0 && roles[old] !== ps.role) {
        throw new RagbookHostError(
          `The sheet '${sheets[old].name}' was not created by Ragbook, so Ragbook will not write into it. Rename that sheet, or choose another name for Ragbook's ${ps.role} sheet in Settings. Your workbook was left as it was.`,
          'foreign-sheet',
          undefined,
          'unchanged',
        );
      }
      // A sheet that has gone meanwhile: the new one is simply added.
    }
    toWrite.push({ sheet: ps, old });
  }
  const retired = plan.retire.map((r) => {
    const i = find(r.name);
    if (i < 0 || !roles[i] || roles[i] === 'settings') {
      throw new RagbookHostError(
        `The sheet '${r.name}' is not one of Ragbook's, so Ragbook will not set it aside. Your workbook was left as it was.`,
        'foreign-sheet',
        undefined,
        'unchanged',
      );
    }
    return i;
  });
  const settingsAt = roles.indexOf('settings');
  const taken = [...sheets.map((s) => s.name), ...plan.sheets.map((s) => s.name), ...plan.retire.map((r) => r.newName)];
  const settingsName = settingsAt >= 0 ? sheets[settingsAt].name : settingsSheetName(taken);
  toWrite.push({ sheet: settingsSheet(plan.settingsJson, settingsName, settingsAt >= 0 ? settingsName : null), old: settingsAt });

  // A name another sheet has (one that appeared since the plan was made) stops the write before anything is written.
  const moving = new Set([...toWrite.map((t) => t.old), ...retired]);
  for (const t of toWrite) {
    const clash = sheets.findIndex((s, i) => !moving.has(i) && sameName(s.name, t.sheet.name));
    if (clash >= 0) {
      throw new RagbookHostError(
        `A sheet called '${sheets[clash].name}' appeared while Ragbook was working, so Ragbook did not write beside it. Click Recalculate summary again. Your workbook was left as it was.`,
        'changed-meanwhile',
        undefined,
        'unchanged',
      );
    }
  }
  const structural =
    retired.length > 0 ||
    toWrite.some((t) => t.old < 0 || sheets[t.old].name !== t.sheet.name || sheets[t.old].visibility === 'VeryHidden');
  if (structural && survey.structureProtected) throw new RagbookHostError(STRUCTURE_PROTECTED, 'protected', undefined, 'unchanged');

  return toWrite.map(({ sheet, old }) => {
    const info = old >= 0 ? sheets[old] : null;
    const appendAt = sheet.mode === 'append' && info ? (survey.appendAt.get(info.id) ?? null) : null;
    // The summary's values carry the status line until the last operation writes its final value.
    const at = sheet.role === 'summary' && sheet.mode === 'replace' && plan.pending ? parseA1(plan.pending.cell) : null;
    let written: SheetToWrite = sheet;
    let pending: Job['pending'] = null;
    if (at && plan.pending && sheet.mode === 'replace') {
      pending = { ...at, final: cellInput(rowsToWrite(sheet, null)[at.r]?.[at.c]) };
      const rows = sheet.rows.slice();
      while (rows.length <= at.r) rows.push([]);
      const row = rows[at.r].slice();
      while (row.length <= at.c) row.push({ value: null });
      row[at.c] = { ...row[at.c], value: plan.pending.text, formula: undefined };
      rows[at.r] = row;
      written = { ...sheet, rows };
    }
    const compiled = compileSheet(written, plan.styles, appendAt);
    const job: Job = { sheet, old: info, ws: info?.ws ?? null, compiled, whole: appendAt === null, tables: [], pending };
    job.tables = jobTables(job, survey);
    return job;
  });
}

function overlaps(a: Area, b: Area): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

/** The sheet's tables: the plan's names made unique in the workbook, an append sheet's stretched to its last row. */
function jobTables(job: Job, survey: Survey): JobTable[] {
  const onSheet = job.old ? survey.tables.filter((t) => sameName(t.sheet, job.old!.name)).map((t) => t.name.toLowerCase()) : [];
  const taken = [
    ...survey.tables.filter((t) => !onSheet.includes(t.name.toLowerCase())).map((t) => t.name),
    ...survey.names.map((n) => n.name),
  ];
  const out: JobTable[] = [];
  for (const t of job.sheet.tables) {
    const planned = tableArea(t);
    if (!planned) continue;
    const wanted = validTableName(t.name);
    const existing = onSheet.includes(wanted.toLowerCase());
    const name = existing ? wanted : uniqueTableName(wanted, taken);
    taken.push(name);
    const last = job.compiled.firstRow + job.compiled.rows - 1;
    const area = job.whole ? planned : { ...planned, r2: Math.max(planned.r2, last) };
    out.push({ name, area, style: t.style, existing });
  }
  return out;
}

/** A group of value blocks for one sync; the first also carries the setup, the last the finish. */
interface Group {
  segments: WriteSegment[];
  first: boolean;
  last: boolean;
}

/** Sync 3, or one sync per row block past the payload limit. */
async function writeJobs(
  context: Excel.RequestContext,
  plan: Plan,
  jobs: Job[],
  survey: Survey,
  opts: ApplyOptions & { run: RunLock },
): Promise<void> {
  const max = opts.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const compiled = jobs.map((j) => j.compiled);
  const packed = packWrites(compiled, max, formattingBytes(compiled, plan.styles));
  const queue: Group[] = packed.map((segments, i) => ({ segments, first: i === 0, last: i === packed.length - 1 }));
  let done = 0;
  const step = () => opts.onProgress?.('Writing the RAG sheets', ++done, done + queue.length);
  while (queue.length) {
    const group = queue.shift() as Group;
    if (group.first) queueSetup(context, plan, jobs, survey, opts.run);
    for (const seg of group.segments) queueValues(jobs[seg.sheet].ws!, compiled[seg.sheet], seg);
    if (group.last) queueFinish(context, plan, jobs, opts);
    try {
      // One sync per block: a single sync unless the payload limit is passed.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      const halves = isPayloadError(e) ? halve(group) : null;
      if (!halves) throw e;
      // Excel refused the request whole, so nothing of it was applied: the same, in two.
      queue.unshift(...halves);
      continue;
    }
    step();
  }
}

/** A group in two, for a sync Excel refused as too large; null when it cannot be split. */
function halve(group: Group): [Group, Group] | null {
  let segs = group.segments;
  if (segs.length === 1 && segs[0].rows > 1) {
    const s = segs[0];
    const top = Math.ceil(s.rows / 2);
    segs = [
      { ...s, rows: top },
      { ...s, row: s.row + top, rows: s.rows - top },
    ];
  }
  if (segs.length < 2) return null;
  const half = Math.ceil(segs.length / 2);
  return [
    { segments: segs.slice(0, half), first: group.first, last: false },
    { segments: segs.slice(half), first: false, last: group.last },
  ];
}

/** The write's first operations: the status line first, then sheets set aside, added, renamed, cleared, marked and formatted. */
function queueSetup(context: Excel.RequestContext, plan: Plan, jobs: Job[], survey: Survey, run: RunLock): void {
  const wb = context.workbook;
  suspend(context, true);
  // The first change: the lock says the write is under way, so a failure after it is known to have changed something.
  wb.names.getItem(LOCK_NAME).formula = lockFormula({ ...run, writing: true });
  const summary = jobs.find((j) => j.sheet.role === 'summary');
  const pendingText: Input | null = plan.pending ? `'${plan.pending.text}` : null;
  if (summary?.old && summary.pending && pendingText !== null) {
    summary.old.ws.getRangeByIndexes(summary.pending.r, summary.pending.c, 1, 1).values = [[pendingText]];
  }

  // The summary first (its status line), then the sheets set aside (a new sheet may take a retired one's name), then the rest.
  const order = [...jobs.filter((j) => j.sheet.role === 'summary'), ...jobs.filter((j) => j.sheet.role !== 'summary')];
  const summaryFirst = order[0]?.sheet.role === 'summary';
  if (!summaryFirst) queueRetire(context, plan, survey);
  order.forEach((job, i) => {
    queueJobSetup(context, job, survey, pendingText);
    if (i === 0 && summaryFirst) queueRetire(context, plan, survey);
  });
  for (const job of jobs) queueFormatting(job.ws!, job.compiled, plan.styles, job.whole);
  wb.settings.add(SETTINGS_KEY, settingsValue(plan.settingsJson));
}

/** Sheets set aside: renamed, marked as archives (the name that marked their role goes with them). */
function queueRetire(context: Excel.RequestContext, plan: Plan, survey: Survey): void {
  const wb = context.workbook;
  let archives = Math.max(0, ...survey.names.map((n) => archiveNumber(n.name) ?? 0));
  for (const r of plan.retire) {
    const info = survey.sheets.find((s) => sameName(s.name, r.name)) as SheetInfo;
    for (const n of survey.names) {
      const role = roleOfMarkName(n.name);
      const target = role && role !== 'archive' ? sheetOfReference(n.formula) : null;
      if (target !== null && sameName(target, info.name)) {
        wb.names.getItem(n.name).delete();
        survey.deleted.add(n.name.toLowerCase());
      }
    }
    info.ws.name = r.newName;
    info.ws.customProperties.add(OWNER_PROPERTY, 'archive');
    wb.names.add(archiveMarkName(++archives), info.ws.getRange('A1'));
  }
}

/** One sheet made ready: added, or shown, renamed and cleared; marked; the summary's status line on a new summary. */
function queueJobSetup(context: Excel.RequestContext, job: Job, survey: Survey, pendingText: Input | null): void {
  const { sheet, old } = job;
  if (old) {
    const ws = old.ws;
    // A sheet made VeryHidden (by a macro, or an earlier tool) can be neither seen nor unhidden by the user: it is shown again.
    if (old.visibility === 'VeryHidden') ws.visibility = sheet.role === 'settings' ? 'Hidden' : 'Visible';
    if (old.name !== sheet.name) ws.name = sheet.name;
    // The sheet's other tables go (their cells stay): on a sheet written whole all of them, on a history those in the way of its own.
    for (const t of survey.tables.filter((x) => sameName(x.sheet, old.name))) {
      const keep = job.tables.some((jt) => jt.existing && sameName(jt.name, t.name));
      const inWay = job.whole || (t.area !== null && job.tables.some((jt) => overlaps(jt.area, t.area!)));
      if (!keep && inWay) ws.tables.getItem(t.name).convertToRange();
    }
    if (job.whole) queueClear(ws, job.pending);
  } else {
    job.ws = context.workbook.worksheets.add(sheet.name);
    if (sheet.role === 'settings') job.ws.visibility = 'Hidden';
  }
  queueMarks(context, job, survey);
  if (job.pending && pendingText !== null && !old) job.ws!.getRangeByIndexes(job.pending.r, job.pending.c, 1, 1).values = [[pendingText]];
}

/** The sheet's two marks, where they are missing or wrong: its custom property, and its defined name. */
function queueMarks(context: Excel.RequestContext, job: Job, survey: Survey): void {
  const { sheet, old } = job;
  const ws = job.ws as Excel.Worksheet;
  if (old?.mark !== sheet.role) ws.customProperties.add(OWNER_PROPERTY, sheet.role);
  const mark = markName(sheet.role);
  const existing = survey.names.find((n) => sameName(n.name, mark) && !survey.deleted.has(n.name.toLowerCase()));
  const target = existing ? sheetOfReference(existing.formula) : null;
  if (existing && old && target !== null && sameName(target, old.name)) return;
  if (existing) {
    context.workbook.names.getItem(existing.name).delete();
    survey.deleted.add(existing.name.toLowerCase());
  }
  context.workbook.names.add(mark, ws.getRange('A1'));
}

/** The write's last operations: merges and tables over the values, the summary shown, its status line final, the lock let go. */
function queueFinish(context: Excel.RequestContext, plan: Plan, jobs: Job[], opts: ApplyOptions): void {
  for (const job of jobs) {
    const ws = job.ws as Excel.Worksheet;
    if (job.whole) for (const m of job.sheet.merges) ws.getRange(m).merge(false);
    for (const t of job.tables) {
      const address = tableRef(t.area);
      if (t.existing && opts.tableResize) {
        const table = ws.tables.getItem(t.name);
        table.resize(address);
        if (t.style) table.style = t.style;
        continue;
      }
      if (t.existing) ws.tables.getItem(t.name).convertToRange();
      const table = ws.tables.add(address, true);
      table.name = t.name;
      if (t.style) table.style = t.style;
    }
    if (job.compiled.hasFormulas && job.compiled.rows > 0) {
      ws.getRangeByIndexes(job.compiled.firstRow, 0, job.compiled.rows, job.compiled.cols).calculate();
    }
  }
  const active = jobs.find((j) => j.sheet.role !== 'settings' && sameName(j.sheet.name, plan.activate));
  if (active && (!active.old || active.old.visibility !== 'Hidden')) active.ws!.activate();
  queueRelease(context);
  // The very last: the summary's status line says what the summary says, not that a recalculation is under way.
  const summary = jobs.find((j) => j.pending);
  if (summary?.pending) summary.ws!.getRangeByIndexes(summary.pending.r, summary.pending.c, 1, 1).values = [[summary.pending.final]];
}

/**
 * After the write failed part way: the summary's status line says the recalculation
 * did not finish, every sheet this run added carries its marks, and the lock is let
 * go. Up to three syncs; whatever it cannot do, the next recalculation does.
 *
 * What happened is read from the workbook. The write's first change marks the lock
 * "writing"; its last two let go of the lock and then give the summary's status line
 * its final value. So: the lock let go means every operation ran ('done'); the lock
 * not yet marked means nothing was changed ('unchanged'); anything between means the
 * write started and did not finish ('unfinished').
 */
async function recover(
  context: Excel.RequestContext,
  what: { jobs: Job[]; survey: Survey; run: RunLock; pending: string | null },
): Promise<Outcome | 'done'> {
  const { jobs, survey, run, pending } = what;
  try {
    const worksheets = context.workbook.worksheets.load('items/name,items/id');
    const names = loadNames(context);
    const lock = loadLock(context);
    await context.sync();
    const holder = holderOf(lock);
    if (holder === 'none' || holder?.id !== run.id) return 'done';
    if (!holder.writing) {
      lock.delete();
      await context.sync();
      return 'unchanged';
    }
    const before = new Set(survey.sheets.map((s) => s.id));
    const now = namesOf(names);
    const found = (job: Job) =>
      worksheets.items.find((w) => (job.old ? w.id === job.old.id : sameName(w.name, job.sheet.name) && !before.has(w.id)));
    const summary = jobs.find((j) => j.pending);
    const summaryWs = summary ? found(summary) : undefined;
    const probe =
      summaryWs && summary?.pending ? summaryWs.getRangeByIndexes(summary.pending.r, summary.pending.c, 1, 1).load('values') : null;
    if (probe) await context.sync();

    for (const job of jobs) {
      const ws = job.old ? undefined : found(job);
      if (!ws) continue;
      ws.customProperties.add(OWNER_PROPERTY, job.sheet.role);
      const mark = markName(job.sheet.role);
      const existing = now.find((n) => sameName(n.name, mark));
      const target = existing ? sheetOfReference(existing.formula) : null;
      if (target !== null && sameName(target, ws.name)) continue;
      if (existing) context.workbook.names.getItem(existing.name).delete();
      context.workbook.names.add(mark, ws.getRange('A1'));
    }
    if (probe && pending !== null && probe.values[0]?.[0] !== pending) probe.values = [[`'${pending}`]];
    lock.delete();
    await context.sync();
    return 'unfinished';
  } catch {
    // The next recalculation repairs what is left; the lock goes stale.
    return 'unfinished';
  }
}
