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

  test('the sheet part follows the schema order and carries the marker as a custom property', () => {
    const files = unzip(applyPlanToXlsx(bytesOf(MESSY), firstPlan()).bytes);
    const ct = strFromU8(files['[Content_Types].xml']);
    const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
    const wb = strFromU8(files['xl/workbook.xml']);
    const summaryRel = /name="RAG Summary" sheetId="(\d+)" xmlns:r="[^"]+" r:id="(rId\d+)"/.exec(wb);
    expect(summaryRel).not.toBeNull();
    const target = new RegExp(`Id="${summaryRel![2]}" Type="[^"]+/worksheet" Target="([^"]+)"`).exec(rels)![1];
    const part = `xl/${target}`;
    const xml = strFromU8(files[part]);
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
      'customProperties',
    ]);
    expect(xml).toContain('<pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/>');
    expect(xml).toContain('<tabColor rgb="FF1F3864"/>');
    expect(xml).toMatch(
      /<cfRule type="dataBar" priority="1"><dataBar><cfvo type="num" val="0"\/><cfvo type="num" val="1"\/><color rgb="FF5B9BD5"\/><\/dataBar><\/cfRule>/,
    );
    expect(xml).toMatch(/<cfRule type="expression" dxfId="\d+" priority="2"><formula>C5&gt;4<\/formula><\/cfRule>/);
    expect(xml).toContain('<customProperties><customPr name="RagbookSheet" r:id="rId1"/></customProperties>');
    const sheetRels = strFromU8(files[part.replace('worksheets/', 'worksheets/_rels/') + '.rels']);
    expect(sheetRels).toContain(`Type="${CUSTOM_PROPERTY_REL_TYPE}" Target="../customProperty1.bin"`);
    expect(decodeMarker(files['xl/customProperty1.bin'])).toBe('summary');
    expect(ct).toContain(`<Override PartName="/xl/customProperty1.bin" ContentType="${CUSTOM_PROPERTY_CONTENT_TYPE}"/>`);
    expect(ct).toContain(
      `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    );
    // Only the new sheet entries were added to the workbook part; the rest is as it was.
    const before = strFromU8(unzip(bytesOf(MESSY))['xl/workbook.xml']);
    const added = wb.replace(/<sheet name="RAG [^>]*\/>/g, '');
    expect(added).toBe(before);
  });

  test('replacing drops the old sheet, its sheet-scoped names and calc-chain entries, and keeps its place', () => {
    const first = unzip(applyPlanToXlsx(bytesOf(MESSY), firstPlan()).bytes);
    // As if Excel had saved the workbook: a print area on the summary, the issues
    // sheet active, a calculation chain naming cells on the summary and on Progress.
    edit(first, 'xl/workbook.xml', (xml) =>
      xml
        .replace(
          '<definedNames/>',
          `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">'RAG Summary'!$A$1:$E$7</definedName><definedName name="Keep" localSheetId="0">Progress!$A$1</definedName></definedNames>`,
        )
        .replace('activeTab="0"', 'activeTab="2"'),
    );
    const summaryId = /name="RAG Summary" sheetId="(\d+)"/.exec(strFromU8(first['xl/workbook.xml']))![1];
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
    const input = rezip(first);
    const out = unzip(applyPlanToXlsx(input, secondPlan()).bytes);
    const wb = strFromU8(out['xl/workbook.xml']);
    expect(sheetNames(out)).toEqual(['Progress', NAMES.summary, NAMES.issues, NAMES.history]);
    expect(wb).not.toContain('_xlnm.Print_Area');
    expect(wb).toContain('<definedName name="Keep" localSheetId="0">Progress!$A$1</definedName>');
    // The active tab was a Ragbook sheet, so the plan's choice is shown.
    expect(wb).toContain('activeTab="1"');
    expect(strFromU8(out['xl/calcChain.xml'])).toContain(
      '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B2" i="1"/><c r="B3"/></calcChain>',
    );
    // One sheet part per sheet, one marker per Ragbook sheet, no leftovers.
    expect(Object.keys(out).filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))).toHaveLength(4);
    expect(Object.keys(out).filter((k) => /customProperty\d+\.bin$/.test(k))).toHaveLength(3);
    const ct = strFromU8(out['[Content_Types].xml']);
    for (const part of Object.keys(out)) {
      if (/worksheets\/sheet\d+\.xml$|customProperty/.test(part)) expect(ct).toContain(`PartName="/${part}"`);
    }
    expect((ct.match(/PartName="\/xl\/worksheets\/sheet/g) ?? []).length).toBe(4);
    const summaryPart = Object.keys(out).find((k) => /worksheets\/sheet\d+\.xml$/.test(k) && strFromU8(out[k]).includes('tabSelected="1"'));
    expect(strFromU8(out[summaryPart!])).toContain('RAG summary, second run');
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
    plan.sheets[0] = { ...plan.sheets[0], name: 'Progress', replaces: 'Progress' };
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
