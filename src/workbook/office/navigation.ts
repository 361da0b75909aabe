import { parseArea } from '../../core/grid';
import { STATUS_CELL } from './constants';
import { RagbookHostError, officeCode, toHostError } from './errors';
import { readOwnSheets } from './marks';

// Taking the user to a cell a finding names, and the ribbon command's status line.

/** Activates the sheet and selects the cell (or range). */
export async function goToCellIn(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  const area = parseArea(cell);
  if (!area) throw new RagbookHostError(`'${cell}' is not a cell address Ragbook can go to.`, 'not-found');
  const ws = context.workbook.worksheets.getItemOrNullObject(sheet).load('visibility');
  try {
    await context.sync();
    if (ws.isNullObject) {
      throw new RagbookHostError(
        `There is no sheet called '${sheet}' in this workbook any more. Recalculate to bring the findings up to date.`,
        'not-found',
      );
    }
    if (ws.visibility !== 'Visible') {
      throw new RagbookHostError(`The sheet '${sheet}' is hidden. Right-click any sheet tab, choose Unhide, then try again.`, 'hidden');
    }
    ws.activate();
    ws.getRange(cell.replace(/\$/g, '')).select();
    await context.sync();
  } catch (e) {
    if (officeCode(e) === 'AccessDenied') {
      throw new RagbookHostError(
        `The sheet '${sheet}' is protected so that its cells cannot be selected. The cell is ${sheet}!${cell}; to go there, unprotect the sheet (Review > Unprotect Sheet).`,
        'protected',
        'AccessDenied',
      );
    }
    throw toHostError(e, undefined, 'try again');
  }
}

/**
 * Writes a one-line status on Ragbook's own summary sheet, beside its title, if
 * there is one; the user's sheets are never touched. Returns whether it wrote.
 */
export async function writeStatusLineIn(context: Excel.RequestContext, text: string): Promise<boolean> {
  const own = await readOwnSheets(context);
  const summary = own.find((s) => s.role === 'summary');
  if (!summary) return false;
  const cell = context.workbook.worksheets.getItem(summary.name).getRange(STATUS_CELL);
  cell.values = [[`'${text}`]];
  cell.format.font.color = '#C00000';
  cell.format.font.bold = true;
  await context.sync();
  return true;
}
