import type { OwnedRole, WorkbookGrid } from './grid';

// How Ragbook recognises what it wrote, whichever host wrote it and whichever
// program saved the file since. Both adapters use these names and this one reading
// of them, so the hosts cannot disagree about which sheet is whose. This module
// stays free of zod and of anything else heavy.
//
// What survives whom. LibreOffice 7.4 by a real round trip (tests/interop/
// libreoffice.test.ts); Google Sheets as its exports are laid out, no docProps, no
// custom properties, no web extensions, named ranges as defined names
// (tests/xlsx-survive.test.ts, after the corpus writer's google_export):
//
// | kept after a save by | Excel | LibreOffice | Google Sheets |
// | --- | --- | --- | --- |
// | worksheet custom property (OWNER_PROPERTY) | yes | no | no |
// | workbook-scoped defined name (`Ragbook_Summary` …) | yes, follows renames | yes, follows renames (a `hidden` flag is dropped, so the names are visible) | yes, as a named range |
// | add-in settings (web extension part) | yes | no | no |
// | a hidden sheet and its cells | yes | yes (VeryHidden becomes hidden) | yes |
//
// So a sheet's mark is a defined name per role, referring to the sheet's A1, with the
// custom property kept beside it (older workbooks carry only that); the settings
// are stored where Office keeps an add-in's settings and, as a copy that survives
// the other programs, in the cells of a hidden sheet of Ragbook's own.

/** The worksheet custom property that marks a sheet as Ragbook's, with its role as the value. */
export const OWNER_PROPERTY = 'RagbookSheet';

/** The workbook setting (Office's add-in settings, stored in the web extension part) that holds Ragbook's settings as JSON. */
export const SETTINGS_KEY = 'RagbookSettings';

/** The hidden sheet that keeps a copy of the settings (a free name is used when a user's sheet has this one). */
export const SETTINGS_SHEET_NAME = 'Ragbook settings';

/**
 * The workbook-scoped defined name that says a recalculation is running, with its
 * run id and start: `"Ragbook run <id> since <ISO time>"`. Excel refuses to add a
 * name that exists, so adding it is the test-and-set a lock needs.
 */
export const LOCK_NAME = 'Ragbook_Lock';

/** A lock older than this was left by a run that stopped (Excel closed, a crash): the next run takes it over. */
export const LOCK_STALE_MS = 10 * 60 * 1000;

const MARK_NAMES: Record<Exclude<OwnedRole, 'archive'>, string> = {
  summary: 'Ragbook_Summary',
  actions: 'Ragbook_Actions',
  issues: 'Ragbook_Issues',
  history: 'Ragbook_History',
  settings: 'Ragbook_Settings',
  workstreams: 'Ragbook_Workstreams',
};
const ARCHIVE_MARK = /^Ragbook_Archive(\d+)$/i;

/** The defined name marking the sheet of a role. */
export function markName(role: Exclude<OwnedRole, 'archive'>): string {
  return MARK_NAMES[role];
}

/** The defined name marking the nth archived sheet (1, 2, …). */
export function archiveMarkName(n: number): string {
  return `Ragbook_Archive${n}`;
}

/** The role a defined name marks, or null when it is not one of Ragbook's marks. */
export function roleOfMarkName(name: string): OwnedRole | null {
  for (const [role, mark] of Object.entries(MARK_NAMES)) if (mark.toLowerCase() === name.toLowerCase()) return role as OwnedRole;
  return ARCHIVE_MARK.test(name) ? 'archive' : null;
}

/** The number of an archive mark (Ragbook_Archive3 → 3), or null. */
export function archiveNumber(name: string): number | null {
  const m = ARCHIVE_MARK.exec(name);
  return m ? Number(m[1]) : null;
}

const ROLES: readonly OwnedRole[] = ['summary', 'actions', 'issues', 'history', 'archive', 'settings', 'workstreams'];

/** The role a custom property's value names, or null. */
export function roleOfProperty(value: string | null | undefined): OwnedRole | null {
  return value !== null && value !== undefined && (ROLES as readonly string[]).includes(value) ? (value as OwnedRole) : null;
}

/** A reference to a sheet's A1 as a defined name holds it: 'RAG Summary'!$A$1. */
export function referenceTo(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'!$A$1`;
}

/**
 * The sheet a defined name's formula refers to, or null when it refers to no single
 * sheet (#REF! after the sheet was deleted, a constant, a formula). Takes what
 * Excel, LibreOffice and Google Sheets write: 'It''s here'!$A$1, Sheet1!A1:B2,
 * with or without a leading '='.
 */
export function sheetOfReference(formula: string): string | null {
  const f = formula.trim().replace(/^=/, '').trim();
  let sheet: string;
  let rest: string;
  if (f.startsWith("'")) {
    let i = 1;
    let name = '';
    for (;;) {
      if (i >= f.length) return null;
      const ch = f[i];
      if (ch === "'") {
        if (f[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += ch;
      i++;
    }
    sheet = name;
    rest = f.slice(i + 1);
  } else {
    const bang = f.indexOf('!');
    if (bang <= 0) return null;
    sheet = f.slice(0, bang);
    rest = f.slice(bang);
    if (!/^[^\s'"!()&,;=<>+*/^#-]+$/.test(sheet)) return null;
  }
  if (!/^!\$?[A-Za-z]{1,3}\$?\d{1,7}(:\$?[A-Za-z]{1,3}\$?\d{1,7})?$/.test(rest)) return null;
  return sheet;
}

/** Just what ownership is decided from: each sheet's name and custom property, and the workbook's defined names. */
export interface MarkSources {
  sheets: { name: string; property: string | null }[];
  /** Workbook-scoped defined names only, each with its formula (its reference). */
  names: { name: string; formula: string }[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The role of each sheet (null for the user's). A defined name decides first: it
 * survives every program and follows a renamed sheet. A sheet that only carries the
 * custom property (a workbook from before the names, or a name lost) is Ragbook's
 * when no name claims its role; a second sheet claiming a taken role is a copy the
 * user made of one of Ragbook's (Move or Copy keeps the property, not the name) and
 * is an archive: never written, and not read as a tracker. Nothing else is ever
 * taken for Ragbook's: a user's sheet called 'RAG Summary' has neither mark.
 */
export function resolveOwnership(src: MarkSources): (OwnedRole | null)[] {
  const out: (OwnedRole | null)[] = src.sheets.map(() => null);
  const claimed = new Set<OwnedRole>();
  for (const n of src.names) {
    const role = roleOfMarkName(n.name);
    const target = role ? sheetOfReference(n.formula) : null;
    if (!role || target === null) continue;
    const i = src.sheets.findIndex((s) => same(s.name, target));
    if (i < 0 || out[i] !== null || (role !== 'archive' && claimed.has(role))) continue;
    out[i] = role;
    claimed.add(role);
  }
  src.sheets.forEach((s, i) => {
    if (out[i] !== null) return;
    const role = roleOfProperty(s.property);
    if (!role) return;
    if (role === 'archive' || claimed.has(role)) out[i] = 'archive';
    else {
      out[i] = role;
      claimed.add(role);
    }
  });
  return out;
}

/**
 * A directorate workbook made by ragbook rollup carries a sheet no tracker has: All
 * work streams, marked as Ragbook's. Its summary and actions are the directorate's,
 * not an earlier recalculation of the workbook itself.
 */
export function isDirectorateWorkbook(wb: Pick<WorkbookGrid, 'sheets'>): boolean {
  return wb.sheets.some((s) => s.owned === 'workstreams');
}

/** A run holding the lock. */
export interface RunLock {
  id: string;
  /** Milliseconds since 1970. */
  since: number;
  /** The run has started changing the workbook (its write is under way). */
  writing?: boolean;
}

/** The lock's formula, as Office.js sets a name's formula: a text constant. */
export function lockFormula(lock: RunLock): string {
  return `="Ragbook run ${lock.id} since ${new Date(lock.since).toISOString()}${lock.writing ? ', writing' : ''}"`;
}

/** The run a lock's formula names, or null when the name holds something else. */
export function parseLock(formula: string): RunLock | null {
  const m = /^=?\s*"Ragbook run (\S+) since ([^\s,"]+)(, writing)?"\s*$/.exec(formula.trim());
  if (!m) return null;
  const since = Date.parse(m[2]);
  return Number.isFinite(since) ? { id: m[1], since, ...(m[3] ? { writing: true } : {}) } : null;
}
