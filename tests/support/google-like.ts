import { strToU8, zipSync } from 'fflate';
import { columnName } from '../../src/core/grid';
import { readXlsx } from '../../src/workbook/xlsx/read';

// A workbook as Google Sheets' File > Download > Microsoft Excel (.xlsx) lays it out
// (after the corpus writer's google_export, scripts/unseen_lib.py in branch `gen`):
// shared strings, Arial 10, numbers written with a decimal part, an empty drawing
// per sheet, no docProps, no theme and no tables; what Google keeps of a workbook is
// its values, number formats, hidden sheets and named ranges (defined names). What
// it drops is what Excel alone keeps: worksheet custom properties, the web extension
// part holding an add-in's settings, print titles. `names` are the named ranges
// Google would hold, as the workbook it exports had them.

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = `${R}/`;
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS =
  `xmlns="${MAIN}" xmlns:r="${R}" xmlns:mx="http://schemas.microsoft.com/office/mac/excel/2008/main" ` +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:mv="urn:schemas-microsoft-com:mac:vml" ' +
  'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" ' +
  'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const gnum = (n: number) => (Number.isInteger(n) ? `${n}.0` : String(n));

/** The workbook `bytes` as Google Sheets would export it, holding the defined names given. */
export function asGoogleExport(bytes: Uint8Array, names: { name: string; formula: string }[]): Uint8Array {
  const { grid, pkg } = readXlsx(bytes, 'google.xlsx');
  const wbXml = new TextDecoder().decode(pkg.entries.get('xl/workbook.xml'));
  const states = new Map(
    [...wbXml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"[^>]*>/g)].map((m) => [m[1], /state="(\w+)"/.exec(m[0])?.[1] ?? 'visible']),
  );
  const sst: string[] = [];
  const sstIndex = new Map<string, number>();
  const numFmts = new Map<string, number>();
  const xfs = ['<xf borderId="0" fillId="0" fontId="0" numFmtId="0" applyAlignment="1" applyFont="1"/>'];
  const xfIndex = new Map<string, number>();
  const styleOf = (fmt: string | null): number => {
    if (!fmt || fmt === 'General') return 0;
    if (!numFmts.has(fmt)) numFmts.set(fmt, 164 + numFmts.size);
    if (!xfIndex.has(fmt)) {
      xfs.push(
        `<xf borderId="0" fillId="0" fontId="0" numFmtId="${numFmts.get(fmt)}" xfId="0" applyAlignment="1" applyFont="1" applyNumberFormat="1"/>`,
      );
      xfIndex.set(fmt, xfs.length - 1);
    }
    return xfIndex.get(fmt)!;
  };
  const sheets = grid.sheets.map((s) => {
    const rows = s.rows
      .map((row, r) => {
        const cells = (row ?? [])
          .map((v, c) => {
            if (v === null) return '';
            const ref = `${columnName(c)}${r + 1}`;
            if (typeof v === 'string') {
              if (!sstIndex.has(v)) sstIndex.set(v, sst.push(v) - 1);
              return `<c r="${ref}" t="s"><v>${sstIndex.get(v)}</v></c>`;
            }
            if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
            const s2 = styleOf(s.formats?.[r]?.[c] ?? null);
            return `<c r="${ref}"${s2 ? ` s="${s2}"` : ''}><v>${gnum(v)}</v></c>`;
          })
          .join('');
        return cells ? `<row r="${r + 1}">${cells}</row>` : '';
      })
      .join('');
    return (
      `${HEAD}<worksheet ${NS}><sheetPr><outlinePr summaryBelow="0" summaryRight="0"/></sheetPr>` +
      '<sheetViews><sheetView workbookViewId="0"/></sheetViews>' +
      `<sheetFormatPr customHeight="1" defaultColWidth="12.63" defaultRowHeight="15.75"/><sheetData>${rows}</sheetData><drawing r:id="rId1"/></worksheet>`
    );
  });
  const files: Record<string, Uint8Array> = {};
  const n = sheets.length;
  files['[Content_Types].xml'] = strToU8(
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default ContentType="application/xml" Extension="xml"/>' +
      '<Default ContentType="application/vnd.openxmlformats-package.relationships+xml" Extension="rels"/>' +
      sheets
        .map(
          (_, i) =>
            `<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" PartName="/xl/worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      '<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" PartName="/xl/sharedStrings.xml"/>' +
      sheets
        .map(
          (_, i) =>
            `<Override ContentType="application/vnd.openxmlformats-officedocument.drawing+xml" PartName="/xl/drawings/drawing${i + 1}.xml"/>`,
        )
        .join('') +
      '<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml" PartName="/xl/styles.xml"/>' +
      '<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" PartName="/xl/workbook.xml"/></Types>',
  );
  files['_rels/.rels'] = strToU8(
    `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}styles" Target="styles.xml"/><Relationship Id="rId2" Type="${REL}sharedStrings" Target="sharedStrings.xml"/>` +
      sheets.map((_, i) => `<Relationship Id="rId${i + 3}" Type="${REL}worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      '</Relationships>',
  );
  const definedNames = names.map((d) => `<definedName name="${esc(d.name)}">${esc(d.formula)}</definedName>`).join('');
  files['xl/workbook.xml'] = strToU8(
    `${HEAD}<workbook ${NS}><workbookPr/><sheets>` +
      grid.sheets
        .map(
          (s, i) =>
            `<sheet state="${states.get(esc(s.name)) === 'visible' ? 'visible' : 'hidden'}" name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 3}"/>`,
        )
        .join('') +
      `</sheets>${definedNames ? `<definedNames>${definedNames}</definedNames>` : '<definedNames/>'}<calcPr/></workbook>`,
  );
  files['xl/styles.xml'] = strToU8(
    `${HEAD}<styleSheet xmlns="${MAIN}" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">` +
      (numFmts.size
        ? `<numFmts count="${numFmts.size}">${[...numFmts].map(([f, id]) => `<numFmt numFmtId="${id}" formatCode="${esc(f)}"/>`).join('')}</numFmts>`
        : '') +
      '<fonts count="2"><font><sz val="10.0"/><color rgb="FF000000"/><name val="Arial"/><scheme val="minor"/></font><font><b/><sz val="10.0"/><color rgb="FF000000"/><name val="Arial"/><scheme val="minor"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="lightGray"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/></border></borders>' +
      '<cellStyleXfs count="1"><xf borderId="0" fillId="0" fontId="0" numFmtId="0" applyAlignment="1" applyFont="1"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle xfId="0" name="Normal" builtinId="0"/></cellStyles><dxfs count="0"/></styleSheet>',
  );
  files['xl/sharedStrings.xml'] = strToU8(
    `${HEAD}<sst xmlns="${MAIN}" count="${sst.length}" uniqueCount="${sst.length}">${sst.map((t) => `<si><t xml:space="preserve">${esc(t)}</t></si>`).join('')}</sst>`,
  );
  for (let i = 0; i < n; i++) {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheets[i]);
    files[`xl/worksheets/_rels/sheet${i + 1}.xml.rels`] = strToU8(
      `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}drawing" Target="../drawings/drawing${i + 1}.xml"/></Relationships>`,
    );
    files[`xl/drawings/drawing${i + 1}.xml`] = strToU8(
      `${HEAD}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${R}"/>`,
    );
  }
  return zipSync(files, { level: 6, mtime: new Date(1980, 0, 1) });
}

/** The workbook-scoped defined names of a package, as Google keeps them (its named ranges; not Excel's own _xlnm names). */
export function namedRanges(bytes: Uint8Array): { name: string; formula: string }[] {
  const { pkg } = readXlsx(bytes, 'names.xlsx');
  const wb = new TextDecoder().decode(pkg.entries.get('xl/workbook.xml'));
  return [...wb.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)]
    .filter((m) => !/localSheetId/.test(m[1]) && !/name="_xlnm/.test(m[1]))
    .map((m) => ({
      name: /name="([^"]*)"/.exec(m[1])![1],
      formula: m[2]
        .replace(/&apos;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    }));
}
