// Settings as Office stores them: workbook.settings keeps each value as JSON.

/** Settings as stored: JSON (maybe quoted twice). A value that is not JSON is returned as it is, for core to report. */
export function decodeSetting(value: unknown): unknown {
  let v = value;
  for (let i = 0; i < 2 && typeof v === 'string'; i++) {
    try {
      v = JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

/** Settings go into the workbook as an object (Office stores it as JSON). */
export function settingsValue(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}
