import type { ActionSnapshot, Baseline, Standing } from './change-schema';
import { serialToIso } from './dates-calendar';
import { type CellValue, type SheetGrid, type WorkbookGrid, cellAt, textOf } from './grid';
import { isValidIsoDate } from './iso-date';
import { isDirectorateWorkbook } from './ownership';
import { ACTIONS_COLUMNS, ALL_SHEETS, AS_OF_LABEL, OVERALL, SUMMARY_COLUMNS, WORDS } from './plan/columns';

// The last recalculation, read back from the sheets it left: RAG Actions (every
// action as it stood) and RAG Summary (each work stream's RAG and % completed).
// The sheets are found by their mark, never by name, and their columns by their
// headers, so a user who sorted or filtered RAG Actions, or moved its columns,
// loses nothing. A workbook without RAG Actions has no baseline: this is its first
// recalculation. Nor has a directorate workbook (ragbook rollup): its All actions are
// every tracker's, and reading them as its own would call each one removed.

const key = (v: CellValue) => textOf(v).replace(/\s+/g, ' ').trim().toLowerCase();

/** The row holding a table's header (every one of `needed`), in the first rows of a sheet, and each header's column. */
function findHeader(sheet: SheetGrid, needed: readonly string[]): { row: number; col: Map<string, number> } | null {
  const limit = Math.min(sheet.rows.length, 40);
  for (let r = 0; r < limit; r++) {
    const col = new Map<string, number>();
    (sheet.rows[r] ?? []).forEach((v, c) => {
      const k = key(v);
      if (k && !col.has(k)) col.set(k, c);
    });
    if (needed.every((h) => col.has(h.toLowerCase()))) return { row: r, col };
  }
  return null;
}

/** The as-of date written beside its label above a table (a date cell, or ISO text). */
function asOfAbove(sheet: SheetGrid, headerRow: number, date1904: boolean): string | null {
  for (let r = 0; r < headerRow; r++) {
    const row = sheet.rows[r] ?? [];
    const at = row.findIndex((v) => key(v) === AS_OF_LABEL.toLowerCase());
    if (at < 0) continue;
    return isoOf(cellAt(sheet, r, at + 1), date1904);
  }
  return null;
}

function isoOf(v: CellValue, date1904: boolean): string | null {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 2958466) return serialToIso(v, date1904);
  const s = textOf(v).trim();
  return isValidIsoDate(s) ? s : null;
}

/** A cell's text, or null for the words that stand for nothing. */
function valueOf(v: CellValue, nothing: readonly string[] = [WORDS.none]): string | null {
  const s = textOf(v).trim();
  if (s === '' || nothing.some((w) => w.toLowerCase() === s.toLowerCase())) return null;
  return s;
}

function readActions(sheet: SheetGrid, date1904: boolean): { since: string | null; actions: ActionSnapshot[] } | null {
  const [ws, sh, cellName, no, action, , status, rating, target, due, days] = ACTIONS_COLUMNS;
  // Status (as counted) too: the directorate workbook's All actions has the other
  // headers and is marked as actions, but is many trackers' lists, not this one's last.
  const header = findHeader(sheet, [ws, sh, action, status]);
  if (!header) return null;
  const at = (name: string) => header.col.get(name.toLowerCase());
  const get = (r: number, name: string): CellValue => {
    const c = at(name);
    return c === undefined ? null : cellAt(sheet, r, c);
  };
  const actions: ActionSnapshot[] = [];
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const workstream = valueOf(get(r, ws), []);
    const sheetName = valueOf(get(r, sh), []);
    if (workstream === null || sheetName === null) continue;
    const overdue = get(r, days);
    actions.push({
      sheet: sheetName,
      workstream,
      cell: valueOf(get(r, cellName)),
      id: valueOf(get(r, no)),
      action: textOf(get(r, action)).trim(),
      status: valueOf(get(r, status), [WORDS.none, WORDS.notRecorded]),
      rating: valueOf(get(r, rating), [WORDS.none, WORDS.notRated]),
      target: valueOf(get(r, target)),
      due: isoOf(get(r, due), date1904),
      overdueDays: typeof overdue === 'number' && overdue > 0 ? Math.round(overdue) : null,
    });
  }
  return { since: asOfAbove(sheet, header.row, date1904), actions };
}

function readSummary(sheet: SheetGrid): { rows: Baseline['workstreams']; overall: Standing | null } | null {
  const [ws, sh, , , , , , , pct, , , rag] = SUMMARY_COLUMNS;
  const header = findHeader(sheet, [ws, sh, rag]);
  if (!header) return null;
  const at = (name: string) => header.col.get(name.toLowerCase());
  const get = (r: number, name: string): CellValue => {
    const c = at(name);
    return c === undefined ? null : cellAt(sheet, r, c);
  };
  const rows: Baseline['workstreams'] = [];
  let overall: Standing | null = null;
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    // The table ends at the empty row before the legend.
    if ((sheet.rows[r] ?? []).every((v) => textOf(v).trim() === '')) break;
    // A name is a link; a program that saves links without their value (openpyxl)
    // leaves it empty, and that work stream's standing is then worked out from its actions.
    const title = valueOf(get(r, ws), []);
    const sheetName = valueOf(get(r, sh), []);
    const share = get(r, pct);
    const standing: Standing = {
      rag: valueOf(get(r, rag), []),
      completed: typeof share === 'number' && Number.isFinite(share) ? share : null,
    };
    if (sheetName === ALL_SHEETS && (title === OVERALL || title === null)) overall = standing;
    else if (title !== null && sheetName !== null) rows.push({ sheet: sheetName, title, ...standing });
  }
  return { rows, overall };
}

/**
 * What the last recalculation left, or null when there is none to compare with
 * (no RAG Actions sheet, or one whose table cannot be found).
 */
export function readBaseline(wb: WorkbookGrid): Baseline | null {
  if (isDirectorateWorkbook(wb)) return null;
  const actionsSheet = wb.sheets.find((s) => s.owned === 'actions');
  if (!actionsSheet) return null;
  const read = readActions(actionsSheet, wb.date1904);
  if (!read) return null;
  const summarySheet = wb.sheets.find((s) => s.owned === 'summary');
  const summary = summarySheet ? readSummary(summarySheet) : null;
  return {
    since: read.since ?? (summarySheet ? summaryAsOf(summarySheet, wb.date1904) : null),
    actions: read.actions,
    workstreams: summary?.rows ?? [],
    overall: summary?.overall ?? null,
  };
}

function summaryAsOf(sheet: SheetGrid, date1904: boolean): string | null {
  const header = findHeader(sheet, [SUMMARY_COLUMNS[0], SUMMARY_COLUMNS[1]]);
  return asOfAbove(sheet, header ? header.row : Math.min(sheet.rows.length, 20), date1904);
}

/** The as-of date Ragbook stamped on a workbook it recalculated (RAG Actions, else RAG Summary), or null. */
export function stampedAsOf(wb: WorkbookGrid): string | null {
  if (isDirectorateWorkbook(wb)) return null;
  const actions = wb.sheets.find((s) => s.owned === 'actions');
  if (actions) {
    const header = findHeader(actions, [ACTIONS_COLUMNS[0], ACTIONS_COLUMNS[1]]);
    const found = asOfAbove(actions, header ? header.row : Math.min(actions.rows.length, 20), wb.date1904);
    if (found) return found;
  }
  const summary = wb.sheets.find((s) => s.owned === 'summary');
  return summary ? summaryAsOf(summary, wb.date1904) : null;
}
