import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { recalculate } from '../src/core/engine';
import { readXlsx } from '../src/workbook/xlsx/read';
import { applyPlanToXlsx } from '../src/workbook/xlsx/write';

// Style lists as real programs write them, which the reader and the writer must
// count alike: a cell naming a format past the end of <cellXfs> (LibreOffice's
// tdf100709.xlsx names s="407" of 100), and entries wrapped in mc:AlternateContent
// (Hancom Office, POI's style-alternate-content.xlsx). Ragbook appends its own
// formats; if it counted differently, a user's cell would take one of Ragbook's
// fills or number formats after a recalculation.

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

function workbook(stylesXml: string, cells: string): Uint8Array {
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${cells}</sheetData></worksheet>`,
    'xl/styles.xml': stylesXml,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

const FILLS = '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>';
const FONTS = '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>';
const BORDERS = '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>';
const xf = (numFmtId: number) => `<xf numFmtId="${numFmtId}" fontId="0" fillId="0" borderId="0"/>`;
const styles = (cellXfs: string, count: number) =>
  `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}" xmlns:mc="${MC}">${FONTS}${FILLS}${BORDERS}<cellXfs count="${count}">${cellXfs}</cellXfs></styleSheet>`;

/** The user's sheet as Ragbook reads it, before and after a recalculation is written into the workbook. */
function beforeAndAfter(bytes: Uint8Array) {
  const before = readXlsx(bytes, 'styles.xlsx').grid;
  const { plan } = recalculate(before, { asOf: '2025-09-30', now: new Date('2025-09-30T12:00:00Z') });
  const out = applyPlanToXlsx(bytes, plan).bytes;
  const after = readXlsx(out, 'styles.xlsx').grid;
  const view = (g: typeof before) => {
    const s = g.sheets.find((x) => x.name === 'Data')!;
    return { rows: s.rows, formats: s.formats, fills: s.fills };
  };
  return { before: view(before), after: view(after), stylesOut: strFromU8(unzipSync(out)['xl/styles.xml']) };
}

describe('style lists counted as Excel counts them', () => {
  test('a cell naming a format past the end of the list keeps no format after a recalculation, and Ragbook’s formats go after it', () => {
    // Two formats listed; the cell names the 41st.
    const bytes = workbook(styles(xf(0) + xf(10), 2), '<row r="1"><c r="A1" s="40"><v>0.5</v></c><c r="B1" s="1"><v>0.25</v></c></row>');
    const { before, after, stylesOut } = beforeAndAfter(bytes);
    expect(before.formats).toEqual([[null, '0.00%']]);
    expect(after).toEqual(before);
    // Padded to the 41st place with plain formats, Ragbook's after it.
    const count = Number(/<cellXfs count="(\d+)"/.exec(stylesOut)![1]);
    expect(count).toBeGreaterThan(41);
    expect(
      stylesOut
        .match(/<xf [^>]*\/?>/g)!
        .slice(2, 41)
        .every((x) => x === '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'),
    ).toBe(true);
  });

  test('an entry wrapped in mc:AlternateContent counts once, its Fallback read; the entries after it keep their places', () => {
    const wrapped =
      '<mc:AlternateContent><mc:Choice Requires="hs"><xf numFmtId="22" fontId="0" fillId="0" borderId="0"/></mc:Choice>' +
      `<mc:Fallback>${xf(14)}</mc:Fallback></mc:AlternateContent>`;
    const bytes = workbook(
      styles(xf(0) + wrapped + xf(10), 3),
      '<row r="1"><c r="A1" s="1"><v>45930</v></c><c r="B1" s="2"><v>0.25</v></c></row>',
    );
    const { before, after } = beforeAndAfter(bytes);
    // Built-in 14 is the short date; the entry after the wrapped one is still 0.00%.
    expect(before.formats).toEqual([['mm-dd-yy', '0.00%']]);
    expect(after).toEqual(before);
  });
});
