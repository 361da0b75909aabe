import { OWNER_PROPERTY } from '../../core/ownership';
import type { OwnedRole } from '../../core/grid';

// Ragbook marks the sheets it creates with a worksheet custom property, the same
// mark Office.js writes through worksheet.customProperties (ExcelApi 1.12). In the
// file it is <customProperties><customPr name="RagbookSheet" r:id=".."/></customProperties>
// in the sheet XML, and the related part holds the value as UTF-16LE text, as Excel
// stores it. Reading and writing both go through this module so they cannot drift.

export const MARKER_NAME = OWNER_PROPERTY;
export const CUSTOM_PROPERTY_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.customProperty';
export const CUSTOM_PROPERTY_REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customProperty';

const ROLES: readonly OwnedRole[] = ['summary', 'actions', 'issues', 'history', 'workstreams'];

export function encodeMarker(role: OwnedRole): Uint8Array {
  const out = new Uint8Array(role.length * 2);
  for (let i = 0; i < role.length; i++) {
    const code = role.charCodeAt(i);
    out[i * 2] = code & 0xff;
    out[i * 2 + 1] = code >> 8;
  }
  return out;
}

/** The role a marker part names, or null when the bytes are not one of ours. */
export function decodeMarker(bytes: Uint8Array): OwnedRole | null {
  let text = '';
  if (bytes.length % 2 === 0) {
    for (let i = 0; i + 1 < bytes.length; i += 2) text += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
  }
  text = text.replace(/\0+$/, '');
  return (ROLES as readonly string[]).includes(text) ? (text as OwnedRole) : null;
}
