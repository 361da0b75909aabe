import type { Plan } from '../../../core/plan-schema';
import { type ZipCodec, jsCodec } from '../codec';
import { asWriteError } from './errors';
import { MAIN_NS, REL_NS } from './sheet-xml';
import { MINIMAL_STYLES } from './styles';
import { writeZip } from './zip';
import { type WriteOptions, type WriteResult, applyPlanToXlsx } from './index';

// A workbook that is Ragbook's from the start (the directorate workbook of ragbook
// rollup): the smallest package Excel, LibreOffice and openpyxl open, built here,
// with the plan then applied by the same writer that updates a user's workbook, so
// the sheets, styles, marks and settings are written one way only. The package
// lists no sheet until the plan's are added.

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const PARTS: [string, string][] = [
  [
    '[Content_Types].xml',
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '</Types>',
  ],
  [
    '_rels/.rels',
    `${XML_HEAD}<Relationships xmlns="${PKG_RELS}">` +
      `<Relationship Id="rId1" Type="${DOC_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ],
  [
    'xl/workbook.xml',
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` + '<bookViews><workbookView/></bookViews><sheets></sheets></workbook>',
  ],
  [
    'xl/_rels/workbook.xml.rels',
    `${XML_HEAD}<Relationships xmlns="${PKG_RELS}"><Relationship Id="rId1" Type="${DOC_REL}/styles" Target="styles.xml"/></Relationships>`,
  ],
  ['xl/styles.xml', MINIMAL_STYLES],
];

/** The empty package a new workbook starts from. */
export function emptyWorkbookPackage(codec: ZipCodec = jsCodec): Uint8Array {
  const utf8 = new TextEncoder();
  // Stored, not deflated: the writer opens this package at once, and five small parts
  // deflated and inflated again cost more than their few kilobytes save.
  return writeZip(
    new Uint8Array(0),
    PARTS.map(([name, xml]) => {
      const data = utf8.encode(xml);
      return { kind: 'packed' as const, name, part: { method: 0, crc: codec.crc32(data), size: data.length, data } };
    }),
    codec,
  );
}

/** A new workbook holding the plan's sheets and settings and nothing else; throws XlsxWriteError when it cannot be written. */
export function newWorkbookFromPlan(plan: Plan, opts: WriteOptions = {}): WriteResult {
  let empty: Uint8Array;
  try {
    empty = emptyWorkbookPackage(opts.codec ?? jsCodec);
  } catch (e) {
    throw asWriteError(e);
  }
  return applyPlanToXlsx(empty, plan, opts);
}
