import { PROGRESS_COUNT_FIELDS } from './count-fields';
import type { StatusKind } from './model';
import type { Counts } from './report';

// Which figures mean something for a table: a share completed exists only where
// progress was counted. A RAG register records ratings, a milestone plan without a
// status column records neither, and a work stream whose every action is withdrawn
// has nothing left to count; DESIGN.md asks that these say so in words, never `0%`.
// The sheets, the pane and the command line ask here. The pane's first bundle
// imports this module, so it stays free of zod and of the engine.

/** The figures a share is read from; `percent` fields may be null where nothing was counted. */
export interface ShareSource {
  counts: Counts;
  percent: { completed: number | null; inProgress: number | null };
}

/** The actions that still count: the total less any withdrawn. */
export function countedActions(c: Counts): number {
  const withdrawn = (c as Partial<Record<string, number>>).withdrawn ?? 0;
  return c.total - withdrawn;
}

/** Whether the table counts progress at all. */
export function countsProgress(kind: StatusKind): boolean {
  return kind === 'progress' || kind === 'both';
}

/** The share completed, or null where nothing was counted (no progress recorded, or no action left to count). */
export function completedShare(f: ShareSource, kind: StatusKind): number | null {
  if (!countsProgress(kind) || countedActions(f.counts) <= 0) return null;
  return f.percent.completed ?? null;
}

/** The share in progress, or null where nothing was counted. */
export function inProgressShare(f: ShareSource, kind: StatusKind): number | null {
  if (!countsProgress(kind) || countedActions(f.counts) <= 0) return null;
  return f.percent.inProgress ?? null;
}

/**
 * Actions counted as none of the four progress words: unrecognised, without a
 * status, withdrawn. With the four words they add up to the total, whatever count
 * fields the engine has.
 */
export function otherCount(c: Counts): number {
  let words = 0;
  for (const f of PROGRESS_COUNT_FIELDS) words += c[f];
  return c.total - words;
}

/** What the overall figures record: progress where any table does, else ratings where any does, else neither. */
export function overallKind(kinds: readonly StatusKind[]): StatusKind {
  if (kinds.some(countsProgress)) return 'progress';
  if (kinds.includes('ratings')) return 'ratings';
  return kinds.length ? 'neither' : 'progress';
}
