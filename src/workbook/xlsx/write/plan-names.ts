import type { Plan } from '../../../core/plan-schema';
import { XlsxWriteError } from './errors';
import type { SheetParts } from './owned';

// The plan's sheet names against Excel's rules and the workbook's own sheets, and
// the sheets it updates or retires against their marks, checked before anything is
// changed: a sheet is updated in place only when it is Ragbook's in that role.

/** Characters Excel does not allow in a sheet name. */
const BAD_SHEET_CHARS = /[[\]:*?/\\]/;

const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

export function validSheetName(n: string): boolean {
  return !!n && n.length <= 31 && !BAD_SHEET_CHARS.test(n) && !n.startsWith("'") && !n.endsWith("'") && !same(n, 'History');
}

const invalid = (why: string) => new XlsxWriteError('invalid-plan', why);

function notOwned(name: string, role: string): XlsxWriteError {
  return new XlsxWriteError(
    'not-owned',
    `The sheet '${name}' was not created by Ragbook as its ${role} sheet (it has no Ragbook mark for it), so Ragbook will not write into it. Nothing was changed.`,
  );
}

/** Checks the plan against the workbook; returns, by plan index, the sheet each plan sheet updates in place. */
export function checkPlanNames(plan: Pick<Plan, 'sheets' | 'retire'>, sheets: SheetParts[]): Map<number, SheetParts> {
  const byName = (n: string) => sheets.find((s) => s.entry.name === n) ?? sheets.find((s) => same(s.entry.name, n));
  const updated = new Map<number, SheetParts>();
  const planned = new Set<string>();
  for (const [i, s] of plan.sheets.entries()) {
    if (!validSheetName(s.name)) {
      throw invalid(
        `'${s.name}' cannot be a sheet name in Excel (1 to 31 characters, none of [ ] : * ? / \\, no apostrophe at either end, not "History").`,
      );
    }
    if (planned.has(s.name.toUpperCase())) throw invalid(`the plan writes two sheets called '${s.name}'.`);
    planned.add(s.name.toUpperCase());
    if (s.existing === null) continue;
    const old = byName(s.existing);
    if (!old) throw invalid(`the sheet '${s.existing}' that the plan updates is not in the workbook.`);
    if (old.role !== s.role) throw notOwned(old.entry.name, s.role);
    if ([...updated.values()].includes(old)) throw invalid(`the plan updates the sheet '${s.existing}' twice.`);
    updated.set(i, old);
  }

  const retired = new Set<SheetParts>();
  for (const r of plan.retire) {
    const old = byName(r.name);
    if (!old) throw invalid(`the sheet '${r.name}' that the plan sets aside is not in the workbook.`);
    if (!old.role || old.role === 'settings') throw notOwned(old.entry.name, 'own');
    if ([...updated.values()].includes(old) || retired.has(old))
      throw invalid(`the plan both sets aside and writes the sheet '${r.name}'.`);
    if (!validSheetName(r.newName)) throw invalid(`'${r.newName}' cannot be a sheet name in Excel.`);
    retired.add(old);
  }

  // Every name the workbook will have: a clash is refused before anything changes.
  const final = new Map<string, string>();
  const claim = (name: string, who: string) => {
    const key = name.toUpperCase();
    const other = final.get(key);
    if (other !== undefined) {
      throw new XlsxWriteError(
        'name-taken',
        `The workbook already has a sheet called '${other}' that Ragbook is not updating, so Ragbook did not write its '${name}' sheet. Nothing was changed.`,
      );
    }
    final.set(key, who);
  };
  const moving = new Set<SheetParts>([...updated.values(), ...retired]);
  for (const s of sheets) if (!moving.has(s)) claim(s.entry.name, s.entry.name);
  for (const r of plan.retire) claim(r.newName, r.newName);
  for (const s of plan.sheets) claim(s.name, s.name);
  return updated;
}
