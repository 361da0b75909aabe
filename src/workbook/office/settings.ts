import { SETTINGS_KEY, markName, sheetOfReference } from '../../core/ownership';
import type { Plan } from '../../core/plan-schema';
import type { ParsedSettings, Settings } from '../../core/settings';
import { chooseSettings, settingsFromSheet } from '../settings-sheet';
import { RagbookHostError, toHostError } from './errors';
import { type LockOptions, newRun } from './lock';
import { decodeSetting } from './settings-value';

// Ragbook's settings in the workbook: in its add-in settings (workbook.settings,
// stored in the file's web extension part, where the .xlsx adapter reads and writes
// them too), and a copy on Ragbook's hidden settings sheet, which survives programs
// that drop the web extension part (LibreOffice, Google Sheets). The add-in settings
// win when both are there. The settings schema is zod: it is import()ed here, when
// settings are checked, so the pane's first bundle, which loads this module, does
// not carry zod.
const settingsModule = () => import(/* webpackChunkName: "engine" */ '../../core/settings');
// Writing the settings sheet is the adapter's writing, which loads with the engine.
const writeModule = () => import(/* webpackChunkName: "engine" */ './write');

/**
 * The settings stored in the workbook, as stored (JSON decoded), or undefined: one
 * sync, and one more to read the settings sheet when only it has them.
 */
export async function readStoredSettings(context: Excel.RequestContext): Promise<unknown> {
  try {
    const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY).load('value');
    const mark = context.workbook.names.getItemOrNullObject(markName('settings')).load('formula');
    await context.sync();
    if (!item.isNullObject) return decodeSetting(item.value);
    const sheet = mark.isNullObject ? null : sheetOfReference(String(mark.formula));
    if (sheet === null) return undefined;
    const used = context.workbook.worksheets.getItem(sheet).getUsedRangeOrNullObject(true).load('values,rowIndex,columnIndex');
    await context.sync();
    if (used.isNullObject || used.columnIndex !== 0) return undefined;
    const rows = [...Array.from({ length: used.rowIndex }, () => []), ...used.values.map((r) => [r[0] === '' ? null : r[0]])];
    return chooseSettings(undefined, settingsFromSheet({ rows: rows as (string | number | boolean | null)[][] }));
  } catch (e) {
    throw toHostError(e, undefined, 'try again');
  }
}

/** The workbook's settings, checked: a damaged setting gives its default and a problem, never an error. */
export async function readSettingsFrom(context: Excel.RequestContext): Promise<ParsedSettings> {
  const value = await readStoredSettings(context);
  const { DEFAULT_SETTINGS, parseSettings } = await settingsModule();
  if (typeof value === 'string') {
    return {
      settings: DEFAULT_SETTINGS,
      problems: [{ path: '(settings)', message: 'the settings stored in the workbook are not valid JSON; the defaults are used' }],
    };
  }
  return parseSettings(value);
}

/**
 * Stores settings given as JSON, as they are, in both places: a write with no sheet
 * of the plan's but the settings sheet (three syncs, under the lock, as a
 * recalculation's write).
 */
export async function storeSettingsJson(context: Excel.RequestContext, json: string, lock: LockOptions = {}): Promise<void> {
  const plan: Plan = { sheets: [], styles: {} as Plan['styles'], activate: '', settingsJson: json, retire: [], pending: null };
  try {
    const { applyPlan } = await writeModule();
    await applyPlan(context, plan, { lock: { ...lock, run: newRun(), held: false } });
  } catch (e) {
    throw toHostError(e, 'unchanged', 'save the settings again');
  }
}

/** Checks the pane's settings against the schema, then stores them; settings that fail are not stored. */
export async function saveSettingsTo(context: Excel.RequestContext, settings: Settings, lock: LockOptions = {}): Promise<void> {
  const { SettingsSchema } = await settingsModule();
  const checked = SettingsSchema.safeParse(settings);
  if (!checked.success) {
    const first = checked.error.issues[0];
    throw new RagbookHostError(
      `These settings were not saved: ${first.path.join('.') || 'settings'}: ${first.message}.`,
      'invalid-settings',
      undefined,
      'unchanged',
    );
  }
  await storeSettingsJson(context, JSON.stringify(checked.data), lock);
}
