import type { Plan } from '../../../core/plan-schema';
import { XlsxWriteError } from './errors';
import type { SheetEntry } from './workbook';

// The plan's sheet names against Excel's rules and the workbook's own sheets,
// checked before anything is changed.

/** Characters Excel does not allow in a sheet name. */
const BAD_SHEET_CHARS = /[[\]:*?/\\]/;

const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

export function checkPlanNames(plan: Plan, sheets: SheetEntry[]): void {
  const invalid = (why: string) => new XlsxWriteError('invalid-plan', why);
  const names = new Set<string>();
  const replaced = new Set<string>();
  for (const s of plan.sheets) {
    const n = s.name;
    if (!n || n.length > 31 || BAD_SHEET_CHARS.test(n) || n.startsWith("'") || n.endsWith("'") || same(n, 'History')) {
      throw invalid(
        `'${n}' cannot be a sheet name in Excel (1 to 31 characters, none of [ ] : * ? / \\, no apostrophe at either end, not "History").`,
      );
    }
    if (names.has(n.toUpperCase())) throw invalid(`the plan writes two sheets called '${n}'.`);
    names.add(n.toUpperCase());
    if (s.replaces !== null) {
      if (replaced.has(s.replaces.toUpperCase())) throw invalid(`the plan replaces the sheet '${s.replaces}' twice.`);
      replaced.add(s.replaces.toUpperCase());
      if (!sheets.some((x) => x.name === s.replaces))
        throw invalid(`the sheet '${s.replaces}' that the plan replaces is not in the workbook.`);
    }
  }
  for (const s of plan.sheets) {
    const clash = sheets.find((x) => same(x.name, s.name) && !replaced.has(x.name.toUpperCase()));
    if (clash) {
      throw new XlsxWriteError(
        'name-taken',
        `The workbook already has a sheet called '${clash.name}' that Ragbook is not replacing, so Ragbook did not write its '${s.name}' sheet. Nothing was changed.`,
      );
    }
  }
}
