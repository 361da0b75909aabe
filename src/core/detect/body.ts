import { type CellValue, isBlank, textOf } from '../grid';
import { type SummaryBlock, findSummaryBlock, isSummaryStart } from '../summary-blocks';
import type { RowEvidence } from '../table-evidence';
import type { RowReason } from '../vocabulary/evidence';
import { HEADING_WORDING, MAX_HEADING_LENGTH, NOTE_LEAD, isStrongTitle } from '../vocabulary/titles';
import type { CellReaders } from './cell-readers';
import { ID_TEXT, MAX_LABEL } from './cell-kinds';
import type { ColumnPlan } from './columns';
import type { HeaderReader } from './header-roles';
import { looksLikeHeader } from './header-rows';
import { legendAt } from './legends';
import { type SheetView, fillAt, filledColumns, filledIn, firstFilledIn, valueAt } from './sheet-view';
import type { Band } from './types';

// A table runs down from its header while rows fit its columns, across blank,
// note and heading rows, until another structure begins (DESIGN.md, "How tables
// are found", step 3): another header, a summary block that nothing of the table
// follows, a key, an overview typed under it, or a title over the next header.
// Each row is kept with what it was taken for, so the evidence can say why.

export interface BodyContext {
  view: SheetView;
  readers: CellReaders;
  read: HeaderReader;
  /** The table's columns. */
  band: Band;
  /** Where its summary blocks may sit: its columns widened to the next table on either side. */
  wide: Band;
  /** True when any cell of row r within the columns belongs to a table, key or block already found. */
  claimed: (r: number, band: Band) => boolean;
}

export type RowKind = 'action' | 'part' | 'heading' | 'note';

/** A row of the body that is no action: a heading or a note, with why. */
export interface BodyMark {
  row: number;
  kind: 'heading' | 'note';
  reason: RowReason;
  /** For headings: the heading as written. */
  text: string;
}

export interface Body {
  /** The action rows, top to bottom. */
  actions: number[];
  /** Headings and notes, top to bottom. */
  marks: BodyMark[];
  /** Action first row → last row, for actions merged over several rows. */
  spans: Map<number, number>;
  summaries: { block: SummaryBlock; row: number }[];
  /** The last row of actions, headings or adjacent notes. */
  lastRow: number;
}

/** A text alone in the first cells, or a note, as the scan meets it; settled by settleMarks. */
interface Pending {
  row: number;
  single: boolean;
  text: string;
}

/** A run of blank rows this long, then text, is not the same table carrying on (unless actions follow under its columns). */
const SUMMARY_GAP = 3;

/**
 * The rows under the header, classified, from `first` down to whatever ends the
 * table; `fixedEnd` is an Excel Table's last row, which ends it instead. Tables
 * run to 100,000s of rows, so the actions are kept as row numbers, not objects.
 */
export function scanBody(ctx: BodyContext, plan: ColumnPlan, first: number, fixedEnd: number | null): Body {
  const { view } = ctx;
  const n = fixedEnd === null ? view.sheet.rows.length : fixedEnd + 1;
  const actions: number[] = [];
  const pending: Pending[] = [];
  const spans = new Map<number, number>();
  const summaries: { block: SummaryBlock; row: number }[] = [];
  let partUntil = -1;
  let lastPart = -1;
  let blanks = 0;
  let r = first;
  for (; r < n; r++) {
    if (fixedEnd === null && ctx.claimed(r, ctx.band)) break;
    if (r <= partUntil) {
      lastPart = r;
      continue;
    }
    const filled = filledIn(view, r, ctx.band, 2);
    if (filled === 0) {
      blanks++;
      continue;
    }
    // Most rows start with an action's number: no summary, header, key or title starts so.
    if (fixedEnd === null && !startsWithNumber(view, r, ctx)) {
      const summaryBand = ctx.wide;
      if (isSummaryStart(view.sheet, r, ctx.readers.summaryLabel, summaryBand)) {
        const block = findSummaryBlock(view.sheet, r, ctx.readers.summaryLabel, summaryBand);
        if (block) {
          summaries.push({ block, row: r });
          r = block.area.r2;
          if (!carriesOn(ctx, plan, r + 1)) {
            r++;
            break;
          }
          blanks = 0;
          continue;
        }
      }
      // A summary's `| Number | % |` heads figures, not a table: it is looked for first.
      if (looksLikeHeader(view, r, ctx.band, ctx.read)) break;
      if (legendAt(view, r, ctx.band, ctx.readers, ctx.read)) break;
      if (isOverviewHeader(ctx, plan, r)) break;
      if (blanks > 0 && startsOtherBlock(ctx, plan, r)) break;
      if (filled === 1 && headerFollows(ctx, r + 1)) break;
      if (filled > 1 && isTitleBesideLead(ctx, plan, r) && headerFollows(ctx, r + 1)) break;
    }
    blanks = 0;
    const kind = classify(ctx, plan, r, filled);
    if (kind === 'action') {
      actions.push(r);
      const span = spanOf(ctx, plan, r);
      if (span > r) {
        spans.set(r, span);
        partUntil = span;
      }
    } else {
      pending.push({ row: r, single: kind === 'single', text: kind === 'single' ? headingText(ctx, r) : '' });
    }
  }
  if (fixedEnd !== null && summaries.length === 0) {
    // A hand-typed summary under an Excel Table, a blank row or two below it.
    let q = fixedEnd + 1;
    while (q < view.sheet.rows.length && q <= fixedEnd + SUMMARY_GAP && filledIn(view, q, ctx.wide, 1) === 0) q++;
    if (q < view.sheet.rows.length && isSummaryStart(view.sheet, q, ctx.readers.summaryLabel, ctx.wide)) {
      const block = findSummaryBlock(view.sheet, q, ctx.readers.summaryLabel, ctx.wide);
      if (block) summaries.push({ block, row: q });
    }
  }
  const marks = settleMarks(ctx, pending, actions);
  const lastAction = Math.max(actions.length ? actions[actions.length - 1] : -1, lastPart);
  return { actions, marks, spans, summaries, lastRow: fixedEnd ?? lastRowOf(marks, lastAction) };
}

/** The row's first filled cell, in the table's columns and in the wider band its summaries use, is a number. */
function startsWithNumber(view: SheetView, r: number, ctx: BodyContext): boolean {
  const c = firstFilledIn(view, r, ctx.wide);
  if (c < 0 || typeof valueAt(view, r, c) !== 'number') return false;
  if (c >= ctx.band.c1) return true;
  const own = firstFilledIn(view, r, ctx.band);
  return own >= 0 && typeof valueAt(view, r, own) === 'number';
}

/** After a summary block, the table carries on only when a heading and its actions, or actions, follow under its columns. */
function carriesOn(ctx: BodyContext, plan: ColumnPlan, from: number): boolean {
  let r = from;
  const n = ctx.view.sheet.rows.length;
  while (r < n && r < from + SUMMARY_GAP && filledIn(ctx.view, r, ctx.band, 1) === 0) r++;
  if (r >= n || ctx.claimed(r, ctx.band) || looksLikeHeader(ctx.view, r, ctx.band, ctx.read)) return false;
  const filled = filledIn(ctx.view, r, ctx.band, 2);
  if (filled === 1) {
    if (headerFollows(ctx, r + 1)) return false;
    const next = r + 1 < n && filledIn(ctx.view, r + 1, ctx.band, 2) > 1 ? classify(ctx, plan, r + 1, 2) : 'note';
    return next === 'action';
  }
  return classify(ctx, plan, r, filled) === 'action';
}

/**
 * What a non-blank row is: an action, a heading in waiting (a text alone in the
 * first cells, or merged across), or a note. A key under the table and a `Total`
 * row are notes: they explain or count the actions.
 */
function classify(ctx: BodyContext, plan: ColumnPlan, r: number, filled: number): RowKind | 'single' {
  const { view } = ctx;
  const cols = plan.columns;
  const lead = firstFilledIn(view, r, ctx.band);
  const leadValue = valueAt(view, r, lead);
  if (filled === 1) {
    // A number, or an action number with nothing beside it, is no heading.
    if (typeof leadValue !== 'string' || ID_TEXT.test(leadValue.trim())) return 'note';
    const wording = HEADING_WORDING.test(leadValue) || isStrongTitle(leadValue);
    const setOut = isSetOut(ctx, r);
    // A lone text in the action column is an action with nothing else filled in,
    // unless it is worded or set out as a heading.
    if (lead === cols.action) return wording || setOut || headsNumberedRows(ctx, plan, r, leadValue) ? 'single' : 'action';
    return lead <= ctx.band.c1 + 1 || setOut || wording ? 'single' : 'note';
  }
  const hasStatus = anyFilled(view, r, plan.statusColumns, -1, -1);
  if (!hasStatus && ctx.readers.summaryLabel(leadValue) !== null) return 'note';
  if (!hasStatus && filled === 2 && isNumberedHeading(ctx, plan, r)) return 'single';
  const action = cols.action;
  if (action !== undefined) {
    const v = valueAt(view, r, action);
    if (!isBlank(v)) return typeof v === 'string' || hasStatus ? 'action' : 'note';
    // A heading with its own rating beside it (`Objective 1: Leadership | … | Amber`):
    // no action text, and a heading's wording where the number would be.
    if (
      lead !== action &&
      typeof leadValue === 'string' &&
      idText(leadValue) === null &&
      (HEADING_WORDING.test(leadValue) || isStrongTitle(leadValue))
    )
      return 'single';
  }
  // A row with a number and a status but no action text is still an action.
  const id = cols.id;
  const idValue = id === undefined ? null : valueAt(view, r, id);
  const hasId = !isBlank(idValue);
  // An Excel Table's totals row (`Total`, then a count under Status) counts the actions; it is not one.
  if (hasId && ctx.readers.summaryLabel(idValue) === 'total') return 'note';
  if (hasId && hasStatus) return 'action';
  if (action === undefined && hasId) return 'action';
  // A recommendation tracked as it stands, with no separate action written beside it.
  const target = cols.target;
  if (
    (hasStatus || hasId || (target !== undefined && !isBlank(valueAt(view, r, target)))) &&
    anyFilled(view, r, plan.actionColumns, action ?? -1, id ?? -1)
  )
    return 'action';
  return 'note';
}

/**
 * True when a cell of row r is filled in one of `columns`, other than the two
 * passed over (-1 for none). A loop, not some() with an arrow: classify runs on every
 * row, and an arrow over its variables made it allocate them on every call.
 */
function anyFilled(view: SheetView, r: number, columns: readonly number[], skip1: number, skip2: number): boolean {
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    if (c !== skip1 && c !== skip2 && !isBlank(valueAt(view, r, c))) return true;
  }
  return false;
}

/**
 * An action whose number and text are merged down over several rows owns them:
 * they hold its milestones. Only the text merged (no number column), or the text
 * and the number merged alike; a number merged over actions of their own (a risk
 * over the actions against it) owns nothing.
 */
function spanOf(ctx: BodyContext, plan: ColumnPlan, r: number): number {
  const action = plan.columns.action;
  if (action === undefined) return r;
  const m = ctx.view.mergeAt(r, action);
  if (!m || m.r1 !== r || m.r2 <= r) return r;
  const id = plan.columns.id;
  if (id !== undefined && id !== action) {
    const mi = ctx.view.mergeAt(r, id);
    const idBlank = isBlank(valueAt(ctx.view, r, id));
    if (!idBlank && (!mi || mi.r1 !== r || mi.r2 !== m.r2)) return r;
  }
  return m.r2;
}

/** A heading as written: its text, or its number and text (`1 | Leadership` is `1 Leadership`). */
function headingText(ctx: BodyContext, r: number): string {
  const cols = filledColumns(ctx.view, r, ctx.band);
  const lead = textOf(valueAt(ctx.view, r, cols[0])).trim();
  if (cols.length === 2 && idText(valueAt(ctx.view, r, cols[0])) !== null) return `${lead} ${textOf(valueAt(ctx.view, r, cols[1])).trim()}`;
  return lead;
}

/** How far below a numbered heading its first action is looked for, across blank rows. */
const NUMBERED_LOOK_DOWN = 4;

/**
 * A row of only a number and a text (`1 | Leadership`, the rest empty) whose next
 * action is numbered under it (`1.1`, `1a`, `A1` under `A`) heads those actions: the
 * numbering says so, whatever the wording. An action with nothing filled in yet is
 * followed by its sibling (`3` by `4`), never by its own child.
 */
function isNumberedHeading(ctx: BodyContext, plan: ColumnPlan, r: number): boolean {
  const { id, action } = plan.columns;
  if (id === undefined || action === undefined || id === action) return false;
  const own = idText(valueAt(ctx.view, r, id));
  if (own === null || isBlank(valueAt(ctx.view, r, action)) || filledColumns(ctx.view, r, ctx.band).length !== 2) return false;
  const n = ctx.view.sheet.rows.length;
  for (let q = r + 1; q < n && q <= r + NUMBERED_LOOK_DOWN; q++) {
    const next = idText(valueAt(ctx.view, q, id));
    if (next === null) {
      if (filledIn(ctx.view, q, ctx.band, 1) === 0) continue;
      return false;
    }
    return isChildId(own, next);
  }
  return false;
}

/**
 * A short text alone in the action column, with no number where the table numbers
 * its actions, right over the first of a series (`Leadership and governance` over
 * `1.1`): a heading typed in the action column. Over `3` after `2`, it is an action
 * typed without its number.
 */
function headsNumberedRows(ctx: BodyContext, plan: ColumnPlan, r: number, text: string): boolean {
  const id = plan.columns.id;
  if (id === undefined || id === plan.columns.action || text.trim().length > MAX_HEADING_LENGTH || NOTE_LEAD.test(text)) return false;
  const n = ctx.view.sheet.rows.length;
  for (let q = r + 1; q < n && q <= r + NUMBERED_LOOK_DOWN; q++) {
    if (filledIn(ctx.view, q, ctx.band, 1) === 0) continue;
    const next = idText(valueAt(ctx.view, q, id));
    return next !== null && FIRST_OF_SERIES.test(next) && filledIn(ctx.view, q, ctx.band, 2) > 1;
  }
  return false;
}

/** The first number of a series (`1`, `2.1`, `A1`, `PAY.01`, `1a`): what follows a heading, where `3` after `2` carries on. */
const FIRST_OF_SERIES = /(?:^|[^0-9])0*1\.?$|(?:^|[0-9.])a$/i;

function idText(v: CellValue): string | null {
  const t = typeof v === 'number' && Number.isInteger(v) ? String(v) : typeof v === 'string' ? v.trim() : '';
  return t && ID_TEXT.test(t) ? t : null;
}

/** `1.1` under `1`, `1a` under `1`, `A1` under `A`; never `10` under `1`. */
function isChildId(parent: string, child: string): boolean {
  const p = parent.replace(/[.)]$/, '').toLowerCase();
  const c = child.toLowerCase();
  if (c.length <= p.length || !c.startsWith(p)) return false;
  const last = p[p.length - 1];
  const next = c[p.length];
  if (/[.\-/: ]/.test(next)) return true;
  const digit = (ch: string) => ch >= '0' && ch <= '9';
  return digit(last) !== digit(next);
}

/**
 * A text alone in the first cells is a heading when actions of its own follow it,
 * or when it is worded or set out as one (merged across, shaded) and another heading
 * follows (`1 Prevention` over `1.1 Information and advice`); otherwise it is a
 * remark between rows: a note. Settled from the bottom up, since each depends on
 * what follows it.
 */
function settleMarks(ctx: BodyContext, pending: readonly Pending[], actions: readonly number[]): BodyMark[] {
  const out = new Array<BodyMark>(pending.length);
  // What follows each row, notes apart: an action, a heading, or nothing.
  let following: 'action' | 'heading' | null = null;
  let a = actions.length - 1;
  let followingRow = Infinity;
  for (let i = pending.length - 1; i >= 0; i--) {
    const p = pending[i];
    // The nearest action below this row, if nearer than the heading last settled.
    while (a >= 0 && actions[a] > p.row) {
      if (actions[a] < followingRow) {
        following = 'action';
        followingRow = actions[a];
      }
      a--;
    }
    if (!p.single) {
      out[i] = { row: p.row, kind: 'note', reason: 'no-action-text', text: '' };
      continue;
    }
    const text = p.text;
    const worded = HEADING_WORDING.test(text) || isStrongTitle(text);
    const setOut = isSetOut(ctx, p.row);
    const remark = NOTE_LEAD.test(text) || text.length > MAX_HEADING_LENGTH;
    if (!remark && following === 'action') {
      out[i] = { row: p.row, kind: 'heading', reason: worded ? 'heading-wording' : setOut ? 'emphasis' : 'first-cells-only', text };
    } else if (!remark && following === 'heading' && (worded || setOut)) {
      out[i] = { row: p.row, kind: 'heading', reason: worded ? 'heading-wording' : 'emphasis', text };
    } else {
      out[i] = { row: p.row, kind: 'note', reason: remark ? 'note-wording' : 'no-actions-follow', text: '' };
      continue;
    }
    following = 'heading';
    followingRow = p.row;
  }
  return out;
}

/** Merged across the table, or shaded: set out as a heading. */
function isSetOut(ctx: BodyContext, r: number): boolean {
  const lead = firstFilledIn(ctx.view, r, ctx.band);
  const m = ctx.view.mergeAt(r, lead);
  return (m !== null && m.c2 > m.c1) || fillAt(ctx.view, r, lead) !== null;
}

/**
 * Notes right under the last action (no blank row between) belong to the table: a
 * remark about it. Further down, text is the sheet's, not the table's.
 */
function lastRowOf(marks: readonly BodyMark[], lastAction: number): number {
  let last = lastAction;
  for (const m of marks) {
    if (m.row <= lastAction) continue;
    if (m.row !== last + 1) break;
    last = m.row;
  }
  return last;
}

/** The body rows as evidence: headings and notes, with why. */
export function rowEvidenceOf(ctx: BodyContext, marks: readonly BodyMark[], lastRow: number): RowEvidence[] {
  const out: RowEvidence[] = [];
  for (const m of marks) if (m.row <= lastRow) out.push({ row: m.row + 1, kind: m.kind, reason: m.reason, text: quote(ctx, m.row) });
  return out;
}

const MAX_QUOTE = 200;

export function quoteRow(view: SheetView, r: number, band: Band): string {
  const c = firstFilledIn(view, r, band);
  if (c < 0) return '';
  const text = textOf(valueAt(view, r, c)).trim();
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text;
}

function quote(ctx: BodyContext, r: number): string {
  return quoteRow(ctx.view, r, ctx.band);
}

/** True when a header row comes within the next few non-blank rows (a title, a stray label, then the header). */
export function headerFollows(ctx: Pick<BodyContext, 'view' | 'band' | 'read'>, from: number): boolean {
  let seen = 0;
  for (let r = from; r < ctx.view.sheet.rows.length && seen < 3; r++) {
    const filled = filledIn(ctx.view, r, ctx.band, 2);
    if (filled === 0) continue;
    if (looksLikeHeader(ctx.view, r, ctx.band, ctx.read)) return true;
    if (filled > 1) return false;
    seen++;
  }
  return false;
}

/** The next block's title with its lead officer or RAG beside it (`Priority area 2: … | Lead officer: …`). */
function isTitleBesideLead(ctx: BodyContext, plan: ColumnPlan, r: number): boolean {
  const lead = firstFilledIn(ctx.view, r, ctx.band);
  const v = valueAt(ctx.view, r, lead);
  return (
    typeof v === 'string' &&
    lead <= ctx.band.c1 + 1 &&
    isStrongTitle(v) &&
    !plan.statusColumns.some((c) => !isBlank(valueAt(ctx.view, r, c)))
  );
}

const NOT_STATUS_LABELS: ReadonlySet<string> = new Set(['total', 'number', 'percentage']);

/**
 * The header of an overview typed under the trackers (`Area | Actions | Completed |
 * In progress`): text only, and two or more of its cells status words outside the
 * table's status columns (an action row has its status words in those).
 */
function isOverviewHeader(ctx: BodyContext, plan: ColumnPlan, r: number): boolean {
  const row = ctx.view.sheet.rows[r];
  if (!row) return false;
  let texts = 0;
  let labels = 0;
  const end = Math.min(ctx.band.c2, row.length - 1);
  for (let c = ctx.band.c1; c <= end; c++) {
    const v = row[c];
    if (isBlank(v)) continue;
    if (typeof v !== 'string') return false;
    texts++;
    if (plan.statusColumns.includes(c)) continue;
    const l = ctx.readers.summaryLabel(v);
    if (l !== null && !NOT_STATUS_LABELS.has(l)) labels++;
  }
  return texts >= 3 && labels >= 2;
}

/**
 * After a blank row, a row of three or more short labels with rows under it is a
 * new block (a contact list under a tracker), not more actions: none of its cells
 * is a number, a date, a status or an action number, and none is a sentence.
 */
function startsOtherBlock(ctx: BodyContext, plan: ColumnPlan, r: number): boolean {
  const cols = filledColumns(ctx.view, r, ctx.band);
  if (cols.length < 3) return false;
  for (const c of cols) {
    const v: CellValue = valueAt(ctx.view, r, c);
    if (typeof v !== 'string') return false;
    const t = v.trim();
    if (
      t.length > MAX_LABEL ||
      ID_TEXT.test(t) ||
      ctx.readers.isProgressWord(t) ||
      ctx.readers.isRatingWord(t) ||
      ctx.readers.isDateLike(t, null)
    )
      return false;
  }
  if (plan.columns.action !== undefined && cols.includes(plan.columns.action)) {
    // An action row of short texts looks the same; the header row of another block is followed by rows of its own.
    const next = r + 1 < ctx.view.sheet.rows.length ? filledIn(ctx.view, r + 1, ctx.band, 2) : 0;
    if (next < 2) return false;
  }
  return true;
}
