import { parseSettings } from '../core/settings';
import { readRegularFile } from './files';

// What the commands read besides workbooks, and how they quote what they read:
// shared by recalc, check and rollup.

/** A problem with what the user gave: reported in one line, exit 2. */
export class InputError extends Error {}

// What is printed quotes cell text, file, part and sheet names from the workbook:
// control characters there must not break a line or drive the terminal.
// eslint-disable-next-line no-control-regex -- finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- as above, keeping tabs and line breaks.
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
export const oneLine = (s: string) => s.replace(CONTROL, '?');
export const safeText = (s: string) => s.replace(CONTROL_IN_TEXT, '?');

/** The largest workbook read: the reader's bound on what a package unpacks to. */
export const MAX_INPUT_BYTES = 1024 * 1024 * 1024;
const MAX_SETTINGS_BYTES = 1024 * 1024;

/** A --settings file: a JSON object of settings, each checked; any problem stops the command before it reads a workbook. */
export function loadSettings(file: string): unknown {
  const text = readRegularFile(file, 'a settings', MAX_SETTINGS_BYTES)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: the settings file is not valid JSON (${(e as Error).message}).`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError(`${file}: the settings file must hold a JSON object such as {"dueSoonDays": 14}.`);
  }
  const { problems } = parseSettings(raw);
  if (problems.length) {
    throw new InputError(
      `${file}: ${problems.map((p) => `${p.path}: ${p.message.replace(/; the default is used$/, '')}`).join('; ')}. Fix the settings file and try again.`,
    );
  }
  return raw;
}
