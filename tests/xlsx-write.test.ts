import * as fs from 'fs';
import * as path from 'path';
import { strFromU8, strToU8, zipSync } from 'fflate';
import { EXCEL_LIKE, imageWorkbook } from './support/excel-like';
import { excelJsCannotLoad } from './support/exceljs-compare';
import { NAMES, firstPlan, secondPlan } from './support/xlsx-plans';
import {
  expectError,
  expectMediaStreamsKept,
  expectStrictRefused,
  expectWriterKeepsWorkbook,
  load,
  sheetIdentities,
  sheetNames,
  summaryChecks,
  unzip,
  wellFormed,
} from './support/xlsx-write-checks';
import { CUSTOM_PROPERTY_CONTENT_TYPE, CUSTOM_PROPERTY_REL_TYPE, decodeMarker } from '../src/workbook/xlsx/marker';
import { readXlsx } from '../src/workbook/xlsx/read';
import { applyPlanToXlsx } from '../src/workbook/xlsx/write';
import { attributes, childElements, rootElement } from '../src/workbook/xlsx/opc/xml-spans';

const FIXTURES = path.join(__dirname, 'fixtures');

function bytesOf(file: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(file));
}

// The project's tracker fixtures (one saved by LibreOffice) and packages shaped as
// Excel saves them (tests/support/excel-like.ts). Files Excel itself saved, from other
// projects' test suites, get the same checks in tests/external/excel-authored.test.ts.
const WORKBOOKS: [string, () => Uint8Array][] = [
  ['workstreams-messy.xlsx', () => bytesOf(path.join(FIXTURES, 'workstreams-messy.xlsx'))],
  ['lo/rag-review.xlsx', () => bytesOf(path.join(FIXTURES, 'lo', 'rag-review.xlsx'))],
  ...Object.entries(EXCEL_LIKE),
];
const STRICT = new Set(['strict.xlsx']);

describe('applyPlanToXlsx on workbooks shaped as Excel and LibreOffice save them', () => {
  test('the Excel-shaped packages include a Strict one and one ExcelJS cannot load', () => {
    expect([...STRICT].every((f) => f in EXCEL_LIKE)).toBe(true);
    expect(Object.keys(EXCEL_LIKE).filter((f) => excelJsCannotLoad(EXCEL_LIKE[f]()))).toEqual(['whole-sheet-validation.xlsx']);
  });

  for (const [base, make] of WORKBOOKS) {
    if (STRICT.has(base)) {
      test(`${base}: a Strict Open XML workbook is refused with a clear message`, () => {
        expectStrictRefused(make());
      });
      continue;
    }

    test(`${base}: adds the three sheets and leaves every part of the user's byte for byte`, async () => {
      const input = make();
      await expectWriterKeepsWorkbook(input, base, { exceljs: !excelJsCannotLoad(input) });
    });
  }
});

// ---------------------------------------------------------------------------

const MESSY = path.join(FIXTURES, 'workstreams-messy.xlsx');

function rezip(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files, { level: 6, mtime: new Date(1980, 0, 1) });
}

function edit(files: Record<string, Uint8Array>, part: string, fn: (xml: string) => string): void {
  files[part] = strToU8(fn(strFromU8(files[part])));
}

describe('applyPlanToXlsx: details', () => {
  test('the styles part only grows: every existing entry keeps its place and counts are right', () => {
    const input = bytesOf(MESSY);
    const before = strFromU8(unzip(input)['xl/styles.xml']);
    const after = strFromU8(unzip(applyPlanToXlsx(input, firstPlan()).bytes)['xl/styles.xml']);
    wellFormed(after, 'styles');
    const lists = (xml: string) => new Map(childElements(xml, rootElement(xml)).map((e) => [e.local, { xml, e }]));
    const was = lists(before);
    const now = lists(after);
    for (const [local, { xml, e }] of now) {
      const kids = childElements(xml, e).map((k) => xml.slice(k.start, k.end));
      const count = attributes(xml, e).get('count');
      if (count !== undefined && local !== 'colors') expect([local, Number(count)]).toEqual([local, kids.length]);
      const old = was.get(local);
      if (old) {
        const oldKids = childElements(old.xml, old.e).map((k) => old.xml.slice(k.start, k.end));
        expect(kids.slice(0, oldKids.length)).toEqual(oldKids);
      }
    }
    // The schema's order of the stylesheet's lists holds, with dxfs created where it belongs.
    expect([...now.keys()]).toEqual([
      'numFmts',
      'fonts',
      'fills',
      'borders',
      'cellStyleXfs',
      'cellXfs',
      'cellStyles',
      'dxfs',
      'tableStyles',
      'colors',
    ]);
  });

  test('the sheet part follows the schema order: marks, print setup, a table, row heights', () => {
    const files = unzip(applyPlanToXlsx(bytesOf(MESSY), firstPlan()).bytes);
    const ct = strFromU8(files['[Content_Types].xml']);
    const wb = strFromU8(files['xl/workbook.xml']);
    const summary = sheetIdentities(files).find((x) => x.name === NAMES.summary)!;
    const xml = strFromU8(files[summary.part]);
    const order = childElements(xml, rootElement(xml)).map((e) => e.local);
    expect(order).toEqual([
      'sheetPr',
      'dimension',
      'sheetViews',
      'sheetFormatPr',
      'cols',
      'sheetData',
      'mergeCells',
      'conditionalFormatting',
      'conditionalFormatting',
      'pageMargins',
      'pageSetup',
      'headerFooter',
      'customProperties',
      'tableParts',
    ]);
    expect(xml).toContain('<sheetPr><tabColor rgb="FF1F3864"/><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(xml).toContain('<pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/>');
    expect(xml).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(xml).toContain(
      '<headerFooter><oddFooter>&amp;LBrackenmoor &amp; Co&amp;CPage &amp;P of &amp;N&amp;RAs of 30 September 2025</oddFooter></headerFooter>',
    );
    expect(xml).toContain('<row r="1" ht="30" customHeight="1">');
    expect(xml).toContain('<row r="3" ht="45" customHeight="1">');
    expect(xml).toMatch(
      /<cfRule type="dataBar" priority="1"><dataBar><cfvo type="num" val="0"\/><cfvo type="num" val="1"\/><color rgb="FF5B9BD5"\/><\/dataBar><\/cfRule>/,
    );
    expect(xml).toMatch(/<cfRule type="expression" dxfId="\d+" priority="2"><formula>C5&gt;4<\/formula><\/cfRule>/);
    expect(xml).toContain('<customProperties><customPr name="RagbookSheet" r:id="rId1"/></customProperties>');
    expect(xml).toContain('<tableParts count="1"><tablePart r:id="rId2"/></tableParts>');
    const sheetRels = strFromU8(files[summary.part.replace('worksheets/', 'worksheets/_rels/') + '.rels']);
    expect(sheetRels).toContain(`Type="${CUSTOM_PROPERTY_REL_TYPE}" Target="../customProperty1.bin"`);
    expect(sheetRels).toMatch(/Id="rId2" Type="[^"]+\/table" Target="..\/tables\/table1.xml"/);
    expect(decodeMarker(files['xl/customProperty1.bin'])).toBe('summary');
    expect(ct).toContain(`<Override PartName="/xl/customProperty1.bin" ContentType="${CUSTOM_PROPERTY_CONTENT_TYPE}"/>`);
    expect(ct).toContain(
      '<Override PartName="/xl/tables/table1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>',
    );
    expect(ct).toContain(
      `<Override PartName="/${summary.part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    );
    // An Excel Table over the summary's rows, its columns named as its header cells.
    expect(strFromU8(files['xl/tables/table1.xml'])).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="RagSummary" displayName="RagSummary" ref="A4:E7" totalsRowShown="0">' +
        '<autoFilter ref="A4:E7"/><tableColumns count="5"><tableColumn id="1" name="Work stream"/><tableColumn id="2" name="Sheet"/><tableColumn id="3" name="Actions"/>' +
        '<tableColumn id="4" name="% Completed"/><tableColumn id="5" name="RAG"/></tableColumns>' +
        '<tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>',
    );
    // The defined names: a mark per sheet of Ragbook's, and the summary's print titles.
    const names = /<definedNames>(.*)<\/definedNames>/.exec(wb)![1];
    expect(names).toBe(
      `<definedName name="Ragbook_Summary">'RAG Summary'!$A$1</definedName><definedName name="_xlnm.Print_Titles" localSheetId="1">'RAG Summary'!$4:$4</definedName>` +
        `<definedName name="Ragbook_Issues">'RAG Issues'!$A$1</definedName><definedName name="Ragbook_History">'RAG History'!$A$1</definedName>` +
        `<definedName name="Ragbook_Settings">'Ragbook settings'!$A$1</definedName>`,
    );
    // Only the new sheet entries, the names and the active tab changed in the workbook part.
    const before = strFromU8(unzip(bytesOf(MESSY))['xl/workbook.xml']);
    expect(
      wb
        .replace(/<sheet name="(RAG|Ragbook) [^>]*\/>/g, '')
        .replace(/<definedNames>.*<\/definedNames>/, '<definedNames/>')
        .replace('activeTab="1"', 'activeTab="0"'),
    ).toBe(before);
    expect(wb).toContain('<sheet name="Ragbook settings" sheetId="5" state="hidden"');
  });

  test('a second run updates in place: sheetIds, parts and relationships kept; a print area and the user names on its sheets kept; calc-chain entries of rewritten sheets dropped', () => {
    const first = unzip(applyPlanToXlsx(bytesOf(MESSY), firstPlan()).bytes);
    const ids = sheetIdentities(first);
    // As if Excel had saved the workbook: a print area on the summary, a user's name
    // scoped to it, the issues sheet active, a calculation chain naming cells on the
    // summary and on Progress.
    edit(first, 'xl/workbook.xml', (xml) =>
      xml
        .replace(
          '<definedNames>',
          `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">'RAG Summary'!$A$1:$E$7</definedName><definedName name="Keep" localSheetId="0">Progress!$A$1</definedName><definedName name="Mine" localSheetId="1">'RAG Summary'!$C$5</definedName>`,
        )
        .replace('activeTab="1"', 'activeTab="2"'),
    );
    const summaryId = ids.find((x) => x.name === NAMES.summary)!.sheetId;
    first['xl/calcChain.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="A5" i="${summaryId}"/><c r="A6"/><c r="B2" i="1"/><c r="B3"/></calcChain>`,
    );
    edit(first, 'xl/_rels/workbook.xml.rels', (xml) =>
      xml.replace(
        '</Relationships>',
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
      ),
    );
    edit(first, '[Content_Types].xml', (xml) =>
      xml.replace(
        '</Types>',
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
      ),
    );
    const out = unzip(applyPlanToXlsx(rezip(first), secondPlan()).bytes);
    const wb = strFromU8(out['xl/workbook.xml']);
    expect(sheetNames(out)).toEqual(['Progress', NAMES.summary, NAMES.issues, NAMES.history, 'Ragbook settings']);
    expect(sheetIdentities(out)).toEqual(ids);
    expect(wb).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="1">'RAG Summary'!$A$1:$E$7</definedName>`);
    expect(wb).toContain('<definedName name="Keep" localSheetId="0">Progress!$A$1</definedName>');
    expect(wb).toContain(`<definedName name="Mine" localSheetId="1">'RAG Summary'!$C$5</definedName>`);
    expect((wb.match(/Ragbook_Summary/g) ?? []).length).toBe(1);
    expect((wb.match(/_xlnm.Print_Titles/g) ?? []).length).toBe(1);
    // The plan's choice is shown, and only its tab is selected.
    expect(wb).toContain('activeTab="1"');
    const selected = ids.filter((x) => strFromU8(out[x.part]).includes('tabSelected="1"')).map((x) => x.name);
    expect(selected).toEqual([NAMES.summary]);
    expect(strFromU8(out['xl/calcChain.xml'])).toContain(
      '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B2" i="1"/><c r="B3"/></calcChain>',
    );
    // One sheet part per sheet, one marker per Ragbook sheet, one table part per table, no leftovers.
    expect(Object.keys(out).filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))).toHaveLength(5);
    expect(Object.keys(out).filter((k) => /customProperty\d+\.bin$/.test(k))).toHaveLength(4);
    expect(
      Object.keys(out)
        .filter((k) => /^xl\/tables\//.test(k))
        .sort(),
    ).toEqual(['xl/tables/table1.xml', 'xl/tables/table2.xml', 'xl/tables/table3.xml']);
    const ct = strFromU8(out['[Content_Types].xml']);
    for (const part of Object.keys(out)) {
      if (/worksheets\/sheet\d+\.xml$|customProperty|tables\//.test(part))
        expect((ct.match(new RegExp(`PartName="/${part}"`, 'g')) ?? []).length).toBe(1);
    }
    expect(strFromU8(out[ids[1].part])).toContain('RAG summary, second run');
    // The history's table runs down to its last row.
    const tables = Object.keys(out)
      .filter((k) => /^xl\/tables\//.test(k))
      .map((k) => strFromU8(out[k]));
    expect(tables.find((x) => x.includes('name="RagHistory"'))).toContain('ref="A1:D3"');
    expect(new Set(tables.map((x) => /\bid="(\d+)"/.exec(x)![1])).size).toBe(3);
  });

  test('a calculation chain left empty is removed with its relationship and content type', () => {
    const first = unzip(applyPlanToXlsx(bytesOf(MESSY), firstPlan()).bytes);
    const summaryId = /name="RAG Summary" sheetId="(\d+)"/.exec(strFromU8(first['xl/workbook.xml']))![1];
    first['xl/calcChain.xml'] = strToU8(
      `<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="A5" i="${summaryId}"/></calcChain>`,
    );
    edit(first, 'xl/_rels/workbook.xml.rels', (xml) =>
      xml.replace(
        '</Relationships>',
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
      ),
    );
    edit(first, '[Content_Types].xml', (xml) =>
      xml.replace(
        '</Types>',
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
      ),
    );
    const out = unzip(applyPlanToXlsx(rezip(first), secondPlan()).bytes);
    expect(out['xl/calcChain.xml']).toBeUndefined();
    expect(strFromU8(out['xl/_rels/workbook.xml.rels'])).not.toContain('calcChain');
    expect(strFromU8(out['[Content_Types].xml'])).not.toContain('calcChain');
  });

  test('a sheet without Ragbook mark is never replaced, even when the plan says so', () => {
    const plan = firstPlan();
    plan.sheets[0] = { ...plan.sheets[0], name: 'Progress', existing: 'Progress' };
    const err = expectError(() => applyPlanToXlsx(bytesOf(MESSY), plan), 'not-owned');
    expect(err.message).toContain("'Progress' was not created by Ragbook");
  });

  test('sheet names Excel would reject are refused', () => {
    for (const name of ['a/b', 'History', "'quoted'", 'x'.repeat(32)]) {
      const plan = firstPlan();
      plan.sheets[2] = { ...plan.sheets[2], name };
      expectError(() => applyPlanToXlsx(bytesOf(MESSY), plan), 'invalid-plan');
    }
    const twice = firstPlan();
    twice.sheets[1] = { ...twice.sheets[1], name: 'rag summary' };
    expectError(() => applyPlanToXlsx(bytesOf(MESSY), twice), 'invalid-plan');
  });

  test('names are compared as Excel does, ignoring case', () => {
    const plan = firstPlan();
    plan.sheets[0] = { ...plan.sheets[0], name: 'PROGRESS' };
    expectError(() => applyPlanToXlsx(bytesOf(MESSY), plan), 'name-taken');
  });

  test('a damaged file is reported, not half written', () => {
    const bytes = bytesOf(MESSY);
    expectError(() => applyPlanToXlsx(bytes.subarray(0, bytes.length - 100), firstPlan()), 'damaged');
  });

  /** A one-sheet workbook built by hand, with the styles part given (or none). */
  function tinyWorkbook(styles: string | null): Uint8Array {
    const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const files: Record<string, Uint8Array> = {
      '[Content_Types].xml': strToU8(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          (styles
            ? '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            : '') +
          '</Types>',
      ),
      '_rels/.rels': strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
      'xl/workbook.xml': strToU8(
        `<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/>` +
          (styles ? `<Relationship Id="rId2" Type="${R}/styles" Target="styles.xml"/>` : '') +
          '</Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(
        `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>kept</t></is></c></row></sheetData></worksheet>`,
      ),
    };
    if (styles) files['xl/styles.xml'] = strToU8(styles);
    return rezip(files);
  }

  test('a prefixed styles part gets prefixed entries, and missing lists are created in schema order', () => {
    const styles =
      '<x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:fonts count="1"><x:font><x:sz val="10"/><x:name val="Arial"/></x:font></x:fonts>' +
      '<x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills>' +
      '<x:borders count="1"><x:border/></x:borders><x:cellXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></x:cellXfs></x:styleSheet>';
    const out = applyPlanToXlsx(tinyWorkbook(styles), firstPlan());
    const files = unzip(out.bytes);
    const xml = strFromU8(files['xl/styles.xml']);
    wellFormed(xml, 'styles');
    const root = rootElement(xml);
    expect(childElements(xml, root).map((e) => e.qname)).toEqual(['x:numFmts', 'x:fonts', 'x:fills', 'x:borders', 'x:cellXfs', 'x:dxfs']);
    expect(xml).not.toMatch(/<(?!x:|\/x:)[a-z]/);
    // Ragbook's text uses the workbook's default font.
    expect(xml).toContain('<x:font><x:b/><x:sz val="16"/><x:color rgb="FF1F3864"/><x:name val="Arial"/></x:font>');
    // Without cellStyleXfs there is no style to point at, so no xfId is written.
    expect(xml).not.toContain('xfId');
    // ExcelJS cannot read prefixed styles at all, so Ragbook's reader checks the result.
    const grid = readXlsx(out.bytes, 'tiny.xlsx').grid;
    const summary = grid.sheets.find((x) => x.name === NAMES.summary);
    expect(summary?.rows[4]?.[3]).toBe(0.8);
    expect(summary?.formats?.[4]?.[3]).toBe('0%');
    expect(grid.sheets.find((x) => x.name === 'Data')?.rows[0]?.[0]).toBe('kept');
    expect(strFromU8(files['xl/workbook.xml'])).toContain('<sheet name="RAG Summary" sheetId="2" r:id="rId');
  });

  test('a workbook without a styles part gets one', async () => {
    const out = applyPlanToXlsx(tinyWorkbook(null), firstPlan());
    const files = unzip(out.bytes);
    wellFormed(strFromU8(files['xl/styles.xml']), 'styles');
    expect(strFromU8(files['xl/_rels/workbook.xml.rels'])).toMatch(/Type="[^"]+\/styles" Target="styles.xml"/);
    expect(strFromU8(files['[Content_Types].xml'])).toContain('<Override PartName="/xl/styles.xml"');
    summaryChecks(await load(out.bytes), 'RAG summary');
  });

  test('unchanged entries keep their compressed bytes', () => {
    const input = imageWorkbook();
    expectMediaStreamsKept(input, applyPlanToXlsx(input, firstPlan()).bytes);
  });
});
