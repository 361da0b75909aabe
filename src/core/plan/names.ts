import { type Finding, finding } from '../findings';
import { type SheetGrid, type WorkbookGrid, textOf } from '../grid';
import type { Settings } from '../settings';
import { SHEET_NAME_LIMIT, cleanSheetName } from '../sheet-names';
import { HISTORY_COLUMNS } from './columns';

// Where each of Ragbook's sheets goes. A sheet Ragbook marked in a role is updated
// in place; a sheet of the wanted name that Ragbook did not create is never
// touched: the new sheet goes beside it under a free name, and a finding says so.
// A RAG History in the older wide layout (one column per work stream) is set aside
// under an archive name, never lost, and the long layout starts afresh.

export const WRITTEN_ROLES = ['summary', 'actions', 'issues', 'history'] as const;
export type WrittenRole = (typeof WRITTEN_ROLES)[number];

export interface SheetTarget {
  role: WrittenRole;
  name: string;
  /** Ragbook's sheet in this role, updated in place, or null for a new sheet. */
  existing: string | null;
}

export interface SheetPlacement {
  targets: Record<WrittenRole, SheetTarget>;
  /** Ragbook's sheets set aside (renamed, marked as archives, never written again). */
  retire: { name: string; newName: string }[];
  findings: Finding[];
}

/** Whether a history sheet holds anything and is not in the long layout: its header names are not there. */
export function isOlderHistory(sheet: SheetGrid): boolean {
  let filled = false;
  const wanted = HISTORY_COLUMNS.slice(0, 4).map((h) => h.toLowerCase());
  for (let r = 0; r < Math.min(sheet.rows.length, 40); r++) {
    const row = (sheet.rows[r] ?? []).map((v) => textOf(v).trim().toLowerCase());
    if (row.some((v) => v !== '')) filled = true;
    if (wanted.every((h) => row.includes(h))) return false;
  }
  return filled || sheet.rows.length > 40;
}

/** A name no sheet has: `wanted`, else `wanted (2)`, `(3)`… cut to Excel's limit. */
function freeName(wanted: string, used: Set<string>): string {
  let name = wanted;
  for (let i = 2; used.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = wanted.slice(0, SHEET_NAME_LIMIT - suffix.length) + suffix;
  }
  return name;
}

export function placeSheets(wb: WorkbookGrid, settings: Settings): SheetPlacement {
  const findings: Finding[] = [];
  const used = new Set(wb.sheets.map((s) => s.name.toLowerCase()));
  const retire: SheetPlacement['retire'] = [];
  const targets = {} as Record<WrittenRole, SheetTarget>;
  const claimed = new Set<string>();
  for (const role of WRITTEN_ROLES) {
    const desired = cleanSheetName(settings.sheetNames[role]);
    let mine = wb.sheets.find((s) => s.owned === role && !claimed.has(s.name));
    if (mine) {
      claimed.add(mine.name);
      used.delete(mine.name.toLowerCase());
      if (role === 'history' && isOlderHistory(mine)) {
        const archive = freeName(cleanSheetName(`${mine.name} (old layout)`), used);
        used.add(archive.toLowerCase());
        retire.push({ name: mine.name, newName: archive });
        mine = undefined;
      }
    }
    const name = freeName(desired, used);
    if (name !== desired) {
      findings.push(finding('sheet.name-taken', { sheet: desired, cell: 'A1', workstream: null }, { wanted: desired, written: name }));
    }
    used.add(name.toLowerCase());
    targets[role] = { role, name, existing: mine ? mine.name : null };
  }
  return { targets, retire, findings };
}
