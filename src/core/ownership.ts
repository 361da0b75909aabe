// How Ragbook recognises what it wrote, whichever host wrote it. Both adapters use
// these names, and the pane's first bundle imports them, so this module stays free
// of zod and of anything else heavy.

/** The worksheet custom property that marks a sheet as Ragbook's, with its role as the value. */
export const OWNER_PROPERTY = 'RagbookSheet';

/** The workbook setting (Office's add-in settings, stored in the web extension part) that holds Ragbook's settings as JSON. */
export const SETTINGS_KEY = 'RagbookSettings';
