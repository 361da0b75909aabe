import { SETTINGS_KEY } from '../../core/ownership';
import type { ParsedSettings, Settings } from '../../core/settings';
import { RagbookHostError, toHostError } from './errors';
import { decodeSetting, settingsValue } from './settings-value';

// Ragbook's settings in the workbook's add-in settings (workbook.settings, stored in
// the file's web extension part, where the .xlsx adapter reads and writes them too).
// The settings schema is zod: it is import()ed here, when settings are checked, so
// the pane's first bundle, which loads this module, does not carry zod.
const settingsModule = () => import(/* webpackChunkName: "engine" */ '../../core/settings');

/** The settings stored in the workbook, as stored (JSON decoded), or undefined: one sync. */
export async function readStoredSettings(context: Excel.RequestContext): Promise<unknown> {
  const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY).load('value');
  try {
    await context.sync();
  } catch (e) {
    throw toHostError(e, undefined, 'try again');
  }
  return item.isNullObject ? undefined : decodeSetting(item.value);
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

/** Stores settings given as JSON, as they are: one sync. */
export async function storeSettingsJson(context: Excel.RequestContext, json: string): Promise<void> {
  context.workbook.settings.add(SETTINGS_KEY, settingsValue(json));
  try {
    await context.sync();
  } catch (e) {
    throw toHostError(e, 'unchanged', 'save the settings again');
  }
}

/** Checks the pane's settings against the schema, then stores them; settings that fail are not stored. */
export async function saveSettingsTo(context: Excel.RequestContext, settings: Settings): Promise<void> {
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
  await storeSettingsJson(context, JSON.stringify(checked.data));
}
