import { type XlsxPackage, guard } from './package';
import { WEB_EXTENSION_PART, parseSettingsValue, settingsPropertyIn } from '../web-extension';

/**
 * The settings stored in the workbook (see web-extension.ts), not yet validated;
 * undefined when there are none. A part that cannot be read is reported by name.
 */
export function readStoredSettings(pkg: XlsxPackage): unknown {
  for (const [name, bytes] of pkg.entries) {
    if (!WEB_EXTENSION_PART.test(name)) continue;
    const raw = guard(pkg.fileName, name, () => settingsPropertyIn(bytes));
    if (raw !== undefined) return parseSettingsValue(raw);
  }
  return undefined;
}
