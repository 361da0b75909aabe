import { SETTINGS_KEY } from '../../core/ownership';
import { END, OPEN, XmlReader } from './opc/xml-reader';

// Where Office keeps an add-in's settings in a workbook file, and so where Ragbook's
// settings travel with it, whichever host saved them. Office.js stores
// workbook.settings in a web extension part (MS-OWEXML): xl/webextensions/
// webextensionN.xml holds the add-in's reference and a bag of properties, one per
// setting, each value the setting as JSON; xl/webextensions/taskpanes.xml lists
// the task panes that refer to those parts, and the package's relationships lead
// to it. The reader (read/settings.ts) and the writer (write/settings.ts) go
// through this module, so they look in the same place.

export { SETTINGS_KEY };

/** A web extension part, by the name Office gives it. */
export const WEB_EXTENSION_PART = /^\/?xl\/webextensions\/webextension[^/]*\.xml$/i;

export const WEB_EXTENSION_NS = 'http://schemas.microsoft.com/office/webextensions/webextension/2010/11';
export const TASKPANES_NS = 'http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11';
export const WEB_EXTENSION_CONTENT_TYPE = 'application/vnd.ms-office.webextension+xml';
export const TASKPANES_CONTENT_TYPE = 'application/vnd.ms-office.webextensiontaskpanes+xml';
/** From the package to the task panes part. */
export const TASKPANES_REL_TYPE = 'http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes';
/** From the task panes part to each web extension part. */
export const WEB_EXTENSION_REL_TYPE = 'http://schemas.microsoft.com/office/2011/relationships/webextension';

/**
 * Ragbook's add-in as Office names it in a web extension's reference: the <Id> and
 * <Version> of manifest.xml (a test keeps them equal), from the organisation's
 * catalogue (Centralized Deployment, "EXCatalog", how councils and trusts deploy
 * add-ins). Office matches the part to the installed add-in by this id.
 */
export const ADDIN_REFERENCE = {
  id: '64750fae-7642-442d-9208-70dbb726550d',
  version: '0.1.0.0',
  store: 'EXCatalog',
  storeType: 'EXCatalog',
} as const;

/**
 * The id of the web extension instance Ragbook adds when a workbook has none for it:
 * fixed, so the same workbook and plan always give the same file.
 */
export const INSTANCE_ID = '{5E1B7C0A-3D2F-4B8E-9A61-7C4D2E8F0B13}';

/**
 * A stored setting's value: JSON, which Office may quote twice (a JSON string
 * holding JSON). A value that is not JSON is returned as it is: the engine
 * validates settings and says what is wrong with them; reading must not fail
 * because of them.
 */
export function parseSettingsValue(raw: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return raw;
  }
  if (typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

/**
 * The raw value of Ragbook's settings property in one web extension part, or
 * undefined when the part holds none. The reader and the writer both take the
 * first part, in the zip's order, that holds one.
 */
export function settingsPropertyIn(bytes: Uint8Array): string | undefined {
  const x = new XmlReader(bytes);
  for (let t = x.next(); t !== END; t = x.next()) {
    if (t === OPEN && x.name === 'property' && x.attr('name') === SETTINGS_KEY) return x.attr('value');
  }
  return undefined;
}
