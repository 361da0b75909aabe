import * as fs from 'node:fs';
import * as path from 'node:path';
import { strFromU8, strToU8, zipSync } from 'fflate';
import { OWNER_PROPERTY, referenceTo, resolveOwnership, sheetOfReference } from '../src/core/ownership';
import type { Plan } from '../src/core/plan-schema';
import { STYLES } from '../src/core/plan';
import { readXlsx } from '../src/workbook/xlsx/read';
import { applyPlanToXlsx, saveSettingsToXlsx } from '../src/workbook/xlsx/write';
import { asGoogleExport, namedRanges } from './support/google-like';
import { NAMES, PENDING_TEXT, firstPlan, historyRow, secondPlan } from './support/xlsx-plans';
import { expectError, sheetIdentities, sheetNames, unzip, wellFormed } from './support/xlsx-write-checks';

// Ragbook's sheets in a file that lives on: recalculated again and again, saved by
// programs that keep only some of what Excel keeps, charted and pointed at by the
// user. The LibreOffice round trip itself is in tests/interop/libreoffice.test.ts.

const MESSY = path.join(__dirname, 'fixtures', 'workstreams-messy.xlsx');
const messy = () => new Uint8Array(fs.readFileSync(MESSY));
type Parts = Record<string, Uint8Array>;

function edit(files: Parts, part: string, fn: (xml: string) => string): void {
  files[part] = strToU8(fn(strFromU8(files[part])));
}
const rezip = (files: Parts) => zipSync(files, { level: 6, mtime: new Date(1980, 0, 1) });
const owned = (bytes: Uint8Array) =>
  readXlsx(bytes, 'x.xlsx')
    .grid.sheets.filter((s) => s.owned)
    .map((s) => [s.name, s.owned]);
const historyOf = (bytes: Uint8Array) => readXlsx(bytes, 'x.xlsx').grid.sheets.find((s) => s.owned === 'history')!.rows;
const withSettings = (plan: Plan, settings: object): Plan => ({ ...plan, settingsJson: JSON.stringify(settings) });

describe('the marks: which sheets are Ragbook’s', () => {
  test('a defined name refers to a sheet however a program writes it; #REF! and constants refer to none', () => {
    expect(sheetOfReference("'RAG Summary'!$A$1")).toBe('RAG Summary');
    expect(sheetOfReference("='It''s mine'!A1")).toBe("It's mine");
    expect(sheetOfReference('Summary!$A$1:$B$2')).toBe('Summary');
    expect(sheetOfReference("'a!b'!A1")).toBe('a!b');
    expect(sheetOfReference('#REF!$A$1')).toBeNull();
    expect(sheetOfReference('="Ragbook run x since 2025"')).toBeNull();
    expect(sheetOfReference('SUM(Sheet1!A1:A3)')).toBeNull();
    expect(sheetOfReference(referenceTo("Bob's 'plan'"))).toBe("Bob's 'plan'");
  });

  test('a name decides before a custom property; a copy of a Ragbook sheet is an archive; a user’s "RAG Summary" stays the user’s', () => {
    const roles = resolveOwnership({
      sheets: [
        { name: 'RAG Summary', property: null },
        { name: 'Board summary', property: 'summary' },
        { name: 'Board summary (2)', property: 'summary' },
        { name: 'RAG History', property: 'history' },
        { name: 'RAG History (2)', property: 'history' },
      ],
      names: [
        { name: 'Ragbook_Summary', formula: "'Board summary'!$A$1" },
        { name: 'Ragbook_Issues', formula: '#REF!$A$1' },
      ],
    });
    expect(roles).toEqual([null, 'summary', 'archive', 'history', 'archive']);
  });

  test('Ragbook’s sheets are marked twice: a defined name per role and the custom property Excel keeps', () => {
    const files = unzip(applyPlanToXlsx(messy(), firstPlan()).bytes);
    expect(namedRanges(rezip(files))).toEqual([
      { name: 'Ragbook_Summary', formula: "'RAG Summary'!$A$1" },
      { name: 'Ragbook_Issues', formula: "'RAG Issues'!$A$1" },
      { name: 'Ragbook_History', formula: "'RAG History'!$A$1" },
      { name: 'Ragbook_Settings', formula: "'Ragbook settings'!$A$1" },
    ]);
    for (const id of sheetIdentities(files).slice(1)) expect(strFromU8(files[id.part])).toContain(`<customPr name="${OWNER_PROPERTY}"`);
  });

  test('a sheet the user renamed is still found by its name mark, and updated under the plan’s name', () => {
    const files = unzip(applyPlanToXlsx(messy(), firstPlan()).bytes);
    // As Excel saves a renamed sheet: the name follows it; the custom property is dropped too, as LibreOffice would.
    edit(files, 'xl/workbook.xml', (x) =>
      x.replace('name="RAG Summary"', 'name="Board view"').replace("'RAG Summary'!$A$1", "'Board view'!$A$1"),
    );
    const summary = sheetIdentities(files).find((s) => s.name === 'Board view')!;
    edit(files, summary.part, (x) => x.replace(/<customProperties>.*<\/customProperties>/, ''));
    const bytes = rezip(files);
    expect(owned(bytes)[0]).toEqual(['Board view', 'summary']);
    const plan = secondPlan();
    plan.sheets[0] = { ...plan.sheets[0], existing: 'Board view' };
    const out = unzip(applyPlanToXlsx(bytes, plan).bytes);
    expect(sheetIdentities(out).find((s) => s.name === NAMES.summary)).toEqual({ ...summary, name: NAMES.summary });
    expect(strFromU8(out[summary.part])).toContain(`<customPr name="${OWNER_PROPERTY}"`);
  });

  test('a user’s sheet called "RAG Summary" is never written into, whatever the plan says', () => {
    const plan = firstPlan();
    const once = applyPlanToXlsx(messy(), plan).bytes;
    const files = unzip(once);
    // The user deletes Ragbook's summary and makes one of their own with that name.
    edit(files, 'xl/workbook.xml', (x) => x.replace("'RAG Summary'!$A$1", '#REF!$A$1'));
    const summary = sheetIdentities(files).find((s) => s.name === NAMES.summary)!;
    edit(files, summary.part, (x) => x.replace(/<customProperties>.*<\/customProperties>/, ''));
    const bytes = rezip(files);
    expect(owned(bytes).map(([n]) => n)).not.toContain(NAMES.summary);
    const err = expectError(() => applyPlanToXlsx(bytes, secondPlan()), 'not-owned');
    expect(err.message).toMatch(/'RAG Summary' was not created by Ragbook/);
  });
});

describe('update in place', () => {
  /** The first output, with a chart on RAG History and a drawing on the summary, as a user would add them in Excel. */
  function withChart(): { bytes: Uint8Array; chart: Uint8Array } {
    const files = unzip(applyPlanToXlsx(messy(), firstPlan()).bytes);
    const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const chart = strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea><c:lineChart><c:ser><c:val><c:numRef><c:f>\'RAG History\'!$C$2:$C$3</c:f></c:numRef></c:val></c:ser></c:lineChart></c:plotArea></c:chart></c:chartSpace>',
    );
    files['xl/charts/chart1.xml'] = chart;
    files['xl/drawings/drawing1.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:r="${R}"/>`,
    );
    files['xl/drawings/_rels/drawing1.xml.rels'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/chart" Target="../charts/chart1.xml"/></Relationships>`,
    );
    for (const name of [NAMES.history, NAMES.summary]) {
      const part = sheetIdentities(files).find((s) => s.name === name)!.part;
      const rels = part.replace('worksheets/', 'worksheets/_rels/') + '.rels';
      edit(files, rels, (x) =>
        x.replace('</Relationships>', `<Relationship Id="rId9" Type="${R}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`),
      );
      edit(files, part, (x) => x.replace('<tableParts', '<drawing r:id="rId9"/><tableParts'));
    }
    edit(files, '[Content_Types].xml', (x) =>
      x.replace(
        '</Types>',
        '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/><Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
      ),
    );
    return { bytes: rezip(files), chart };
  }

  test('two recalculations in a row: each sheet keeps its sheetId, part and relationship; the first run’s history row comes back unchanged; a chart on the history stays', () => {
    const { bytes, chart } = withChart();
    const before = unzip(bytes);
    const historyPart = sheetIdentities(before).find((s) => s.name === NAMES.history)!.part;
    const firstRow = /<row r="2".*?<\/row>/.exec(strFromU8(before[historyPart]))![0];
    const out = unzip(applyPlanToXlsx(bytes, secondPlan()).bytes);
    expect(sheetIdentities(out)).toEqual(sheetIdentities(before));
    const history = strFromU8(out[historyPart]);
    expect(history).toContain(firstRow);
    expect(history).toContain('<drawing r:id="rId9"/>');
    wellFormed(history, historyPart);
    const summaryPart = sheetIdentities(out).find((s) => s.name === NAMES.summary)!.part;
    expect(strFromU8(out[summaryPart])).toContain('<drawing r:id="rId9"/>');
    expect(strFromU8(out[summaryPart.replace('worksheets/', 'worksheets/_rels/') + '.rels'])).toContain(
      'Target="../drawings/drawing1.xml"',
    );
    // The chart part is the user's, byte for byte, and the sheet its series names is still there.
    expect(out['xl/charts/chart1.xml']).toEqual(chart);
    expect(sheetNames(out)).toContain(NAMES.history);
    expect(historyOf(rezip(out)).slice(1)).toEqual([historyRow(0), historyRow(1)].map((r) => r.map((c) => c.value)));
  });

  test('the history’s head is written once; later runs add their rows below the last one, and its table grows with them', () => {
    let bytes = applyPlanToXlsx(messy(), firstPlan()).bytes;
    for (let run = 1; run <= 3; run++) {
      const plan = secondPlan();
      plan.sheets[2] = { ...plan.sheets[2], rows: [historyRow(run)] } as Plan['sheets'][number];
      bytes = applyPlanToXlsx(bytes, plan).bytes;
    }
    const rows = historyOf(bytes);
    expect(rows.map((r) => r[0])).toEqual(['Recalculated', 45930.5, 45931.5, 45932.5, 45933.5]);
    const tables = Object.entries(unzip(bytes)).filter(([k]) => k.startsWith('xl/tables/'));
    expect(tables.map(([, v]) => /ref="([^"]+)"/.exec(strFromU8(v))![1]).sort()).toEqual(['A1:D5', 'A3:E5', 'A4:E7']);
  });

  test('a history part that writes its elements with a prefix (x:row) gets its new rows in the same namespace', () => {
    const files = unzip(applyPlanToXlsx(messy(), firstPlan()).bytes);
    const part = sheetIdentities(files).find((s) => s.name === NAMES.history)!.part;
    edit(files, part, (x) =>
      x
        .replace(/<(\/?)([A-Za-z]+)([\s>/])/g, '<$1x:$2$3')
        .replace(
          '<x:worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
          '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        )
        .replace('<x:?xml', '<?xml'),
    );
    const out = unzip(applyPlanToXlsx(rezip(files), secondPlan()).bytes);
    const xml = strFromU8(out[part]);
    wellFormed(xml, part);
    expect(xml).toContain('<x:row r="3">');
    expect(xml).not.toMatch(/<row\b/);
    expect(historyOf(rezip(out)).map((r) => r[0])).toEqual(['Recalculated', 45930.5, 45931.5]);
  });

  test('a history sheet a program emptied gets its head again', () => {
    const files = unzip(applyPlanToXlsx(messy(), firstPlan()).bytes);
    const part = sheetIdentities(files).find((s) => s.name === NAMES.history)!.part;
    edit(files, part, (x) => x.replace(/<sheetData>.*<\/sheetData>/, '<sheetData><row r="1" spans="1:4"/></sheetData>'));
    const rows = historyOf(applyPlanToXlsx(rezip(files), secondPlan()).bytes);
    expect(rows.map((r) => r[0])).toEqual(['Recalculated', 45931.5]);
  });

  test('a sheet set aside (retire) is renamed and marked as an archive, never written again, and a new sheet takes its role', () => {
    const once = applyPlanToXlsx(messy(), firstPlan()).bytes;
    const plan = secondPlan();
    plan.sheets[2] = { ...plan.sheets[2], existing: null } as Plan['sheets'][number];
    plan.retire = [{ name: NAMES.history, newName: 'RAG History (to 2025)' }];
    const out = applyPlanToXlsx(once, plan).bytes;
    expect(owned(out)).toEqual([
      [NAMES.summary, 'summary'],
      [NAMES.issues, 'issues'],
      ['RAG History (to 2025)', 'archive'],
      ['Ragbook settings', 'settings'],
      [NAMES.history, 'history'],
    ]);
    const wb = strFromU8(unzip(out)['xl/workbook.xml']);
    expect(wb).toContain(`<definedName name="Ragbook_Archive1">'RAG History (to 2025)'!$A$1</definedName>`);
    const archive = readXlsx(out, 'x.xlsx').grid.sheets.find((s) => s.name === 'RAG History (to 2025)')!;
    expect(archive.rows.map((r) => r[0])).toEqual(['Recalculated', 45930.5]);
    // The next run leaves the archive alone.
    const again = applyPlanToXlsx(out, { ...secondPlan(), retire: [] }).bytes;
    expect(readXlsx(again, 'x.xlsx').grid.sheets.find((s) => s.name === 'RAG History (to 2025)')!.rows).toEqual(archive.rows);
    expect(
      expectError(() => applyPlanToXlsx(out, { ...secondPlan(), retire: [{ name: 'Progress', newName: 'Old' }] }), 'not-owned'),
    ).toBeTruthy();
  });

  test('the workbook opens on the summary, its tab alone selected; a summary the user hid stays hidden; one made VeryHidden is shown', () => {
    const files = unzip(applyPlanToXlsx(messy(), firstPlan()).bytes);
    const wb = strFromU8(files['xl/workbook.xml']);
    expect(/activeTab="(\d+)"/.exec(wb)![1]).toBe('1');
    const selected = sheetIdentities(files).filter((s) => strFromU8(files[s.part]).includes('tabSelected="1"'));
    expect(selected.map((s) => s.name)).toEqual([NAMES.summary]);

    edit(files, 'xl/workbook.xml', (x) =>
      x.replace('<sheet name="RAG Summary"', '<sheet state="hidden" name="RAG Summary"').replace('activeTab="1"', 'activeTab="0"'),
    );
    const hidden = unzip(applyPlanToXlsx(rezip(files), secondPlan()).bytes);
    expect(strFromU8(hidden['xl/workbook.xml'])).toMatch(/<sheet state="hidden" name="RAG Summary"/);
    expect(strFromU8(hidden['xl/workbook.xml'])).toContain('activeTab="0"');

    edit(files, 'xl/workbook.xml', (x) =>
      x.replace('<sheet state="hidden" name="RAG Summary"', '<sheet state="veryHidden" name="RAG Summary"'),
    );
    const shown = unzip(applyPlanToXlsx(rezip(files), secondPlan()).bytes);
    expect(strFromU8(shown['xl/workbook.xml'])).toMatch(/<sheet state="visible" name="RAG Summary"/);
    expect(strFromU8(shown['xl/workbook.xml'])).toContain('activeTab="1"');
  });

  test('a file is written whole, so the pending status line never shows in it', () => {
    const out = applyPlanToXlsx(messy(), firstPlan()).bytes;
    const texts = readXlsx(out, 'x.xlsx').grid.sheets.flatMap((s) => s.rows.flat());
    expect(texts).not.toContain(PENDING_TEXT);
    expect(readXlsx(out, 'x.xlsx').grid.sheets.find((s) => s.name === NAMES.summary)!.rows[1][1]).toBe(
      'Brackenmoor <tracker> & "plans".xlsx',
    );
  });

  test('a lock left in the file by a run in Excel means nothing in a file, and is dropped', () => {
    const files = unzip(applyPlanToXlsx(messy(), firstPlan()).bytes);
    edit(files, 'xl/workbook.xml', (x) =>
      x.replace(
        '<definedNames>',
        '<definedNames><definedName name="Ragbook_Lock">"Ragbook run abc since 2025-09-30T10:00:00.000Z"</definedName>',
      ),
    );
    const wb = strFromU8(unzip(applyPlanToXlsx(rezip(files), secondPlan()).bytes)['xl/workbook.xml']);
    expect(wb).not.toContain('Ragbook_Lock');
  });
});

describe('settings that survive other programs', () => {
  test('the settings go into the web extension part and onto the hidden settings sheet; either is read back, the web extension first', () => {
    const once = applyPlanToXlsx(messy(), withSettings(firstPlan(), { dueSoonDays: 21 })).bytes;
    expect(readXlsx(once, 'x.xlsx').grid.settings).toEqual({ dueSoonDays: 21 });
    const files = unzip(once);
    const sheet = readXlsx(once, 'x.xlsx').grid.sheets.find((s) => s.owned === 'settings')!;
    expect(sheet.name).toBe('Ragbook settings');
    expect(sheet.rows[3]).toEqual(['{"dueSoonDays":21}']);
    expect(strFromU8(files['xl/workbook.xml'])).toContain('<sheet name="Ragbook settings" sheetId="5" state="hidden"');

    // Without the web extension part (as LibreOffice saves it), the sheet's copy is read.
    const noExtension: Parts = Object.fromEntries(Object.entries(files).filter(([k]) => !k.includes('webextension')));
    edit(noExtension, '_rels/.rels', (x) => x.replace(/<Relationship [^>]*webextensiontaskpanes[^>]*\/>/, ''));
    edit(noExtension, '[Content_Types].xml', (x) => x.replace(/<Override PartName="\/xl\/webextensions[^>]*\/>/g, ''));
    expect(readXlsx(rezip(noExtension), 'x.xlsx').grid.settings).toEqual({ dueSoonDays: 21 });

    // Both there but different (the sheet edited by hand): the web extension's wins.
    const hand = { ...files };
    const part = sheetIdentities(hand).find((s) => s.name === 'Ragbook settings')!.part;
    edit(hand, part, (x) =>
      x.replace('{&quot;dueSoonDays&quot;:21}', '{&quot;dueSoonDays&quot;:5}').replace('{"dueSoonDays":21}', '{"dueSoonDays":5}'),
    );
    expect(readXlsx(rezip(hand), 'x.xlsx').grid.settings).toEqual({ dueSoonDays: 21 });
  });

  test('settings saved on their own update the settings sheet too, in place; long settings go down the column in pieces', () => {
    const once = applyPlanToXlsx(messy(), firstPlan()).bytes;
    const long = { dueSoonDays: 9, vocabulary: { completed: Array.from({ length: 2000 }, (_, i) => `finished ${i} ✓`) } };
    const saved = saveSettingsToXlsx(once, JSON.stringify(long));
    expect(sheetIdentities(unzip(saved))).toEqual(sheetIdentities(unzip(once)));
    const sheet = readXlsx(saved, 'x.xlsx').grid.sheets.find((s) => s.owned === 'settings')!;
    expect(sheet.rows.length).toBeGreaterThan(5);
    expect(readXlsx(saved, 'x.xlsx').grid.settings).toEqual(long);
    // A workbook Ragbook never wrote gets the sheet from a settings save alone.
    const fresh = saveSettingsToXlsx(messy(), JSON.stringify({ dueSoonDays: 3 }));
    expect(owned(fresh)).toEqual([['Ragbook settings', 'settings']]);
  });
});

describe('a workbook saved by Google Sheets', () => {
  test('Ragbook finds its sheets and its settings by what Google keeps (named ranges, a hidden sheet), and the next recalculation updates them', () => {
    const once = applyPlanToXlsx(messy(), withSettings(firstPlan(), { dueSoonDays: 21 })).bytes;
    const google = asGoogleExport(once, namedRanges(once));
    // What Google dropped: the custom properties and the web extension part.
    const files = unzip(google);
    expect(Object.keys(files).some((k) => k.includes('customProperty') || k.includes('webextension'))).toBe(false);
    const grid = readXlsx(google, 'google.xlsx').grid;
    expect(grid.sheets.filter((s) => s.owned).map((s) => [s.name, s.owned])).toEqual(owned(once));
    expect(grid.settings).toEqual({ dueSoonDays: 21 });
    expect(grid.sheets.find((s) => s.name === 'Ragbook settings')!.hidden).toBe(true);

    const twice = applyPlanToXlsx(google, secondPlan()).bytes;
    expect(sheetNames(unzip(twice))).toEqual(sheetNames(unzip(once)));
    expect(historyOf(twice).map((r) => r[0])).toEqual(['Recalculated', 45930.5, 45931.5]);
    // The custom properties are back, for Excel.
    expect(Object.keys(unzip(twice)).filter((k) => /customProperty\d+\.bin$/.test(k))).toHaveLength(4);
  });

  test('without the named ranges (a program that dropped them too), the sheets are the user’s: Ragbook writes beside them', () => {
    const once = applyPlanToXlsx(messy(), firstPlan()).bytes;
    const bare = asGoogleExport(once, []);
    expect(readXlsx(bare, 'x.xlsx').grid.sheets.filter((s) => s.owned)).toEqual([]);
    expectError(() => applyPlanToXlsx(bare, secondPlan()), 'not-owned');
  });
});

describe('the styles part: the two real-world defects', () => {
  const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  function workbook(opts: { stylesRel: boolean; styles: string | null; cells?: string }): Uint8Array {
    const files: Parts = {
      '[Content_Types].xml': strToU8(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
      '_rels/.rels': strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
      'xl/workbook.xml': strToU8(
        `<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets><sheet name="Data" sheetId="1" r:id="rId2"/></sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          (opts.stylesRel ? `<Relationship Id="rId1" Type="${R}/styles" Target="styles.xml"/>` : '') +
          `<Relationship Id="rId2" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
      'xl/worksheets/sheet1.xml': strToU8(
        `<worksheet xmlns="${MAIN}"><sheetData>${opts.cells ?? '<row r="1"><c r="A1" t="inlineStr"><is><t>kept</t></is></c></row>'}</sheetData></worksheet>`,
      ),
    };
    if (opts.styles) files['xl/styles.xml'] = strToU8(opts.styles);
    return rezip(files);
  }

  test('a styles relationship to a missing part (exceljs test-issue-771.xlsx) gets its part, not a second relationship', () => {
    const out = unzip(applyPlanToXlsx(workbook({ stylesRel: true, styles: null }), firstPlan()).bytes);
    const rels = strFromU8(out['xl/_rels/workbook.xml.rels']);
    expect((rels.match(/relationships\/styles"/g) ?? []).length).toBe(1);
    expect(rels).toContain(
      'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"',
    );
    wellFormed(strFromU8(out['xl/styles.xml']), 'styles');
    expect(strFromU8(out['[Content_Types].xml'])).toContain('<Override PartName="/xl/styles.xml"');
  });

  test('a new number format takes an id no format has, even where two share an id’s code (POI InlineStrings.xlsx); the user’s cells keep theirs', () => {
    const styles =
      `<styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="GENERAL"/><numFmt numFmtId="165" formatCode="GENERAL"/></numFmts>` +
      '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs></styleSheet>';
    const input = workbook({ stylesRel: true, styles, cells: '<row r="1"><c r="A1" s="1"><v>42</v></c></row>' });
    const out = applyPlanToXlsx(input, firstPlan()).bytes;
    const xml = strFromU8(unzip(out)['xl/styles.xml']);
    // The plan's date-time and date formats, in the order its cells first use them.
    expect(xml).toContain(
      `<numFmt numFmtId="166" formatCode="${STYLES.datetime.numberFormat}"/><numFmt numFmtId="167" formatCode="${STYLES.date.numberFormat}"/>`,
    );
    expect((xml.match(/numFmtId="165" formatCode/g) ?? []).length).toBe(1);
    const data = readXlsx(out, 'x.xlsx').grid.sheets[0];
    // Still General (read as no format), not a date.
    expect([data.rows[0][0], data.formats?.[0]?.[0] ?? null]).toEqual([42, null]);
  });
});

describe('Excel’s limits on a cell', () => {
  test('a link whose text passes 255 characters is cut, in its formula and its value, so Excel takes it', () => {
    const plan = firstPlan();
    const long = 'Work stream 9: '.padEnd(300, 'x');
    const rows = [...(plan.sheets[0] as Extract<Plan['sheets'][number], { mode: 'replace' }>).rows];
    rows[4] = [{ value: long, formula: `HYPERLINK("#'Progress'!A7","${long}")`, style: 'link' }, ...rows[4].slice(1)];
    plan.sheets[0] = { ...plan.sheets[0], rows } as Plan['sheets'][number];
    const out = applyPlanToXlsx(messy(), plan).bytes;
    const part = sheetIdentities(unzip(out)).find((s) => s.name === NAMES.summary)!.part;
    const formula = /<c r="A5"[^>]*><f>(.*?)<\/f><v>(.*?)<\/v>/.exec(strFromU8(unzip(out)[part]))!;
    const text = /,&quot;(.*)&quot;\)$/.exec(formula[1])?.[1] ?? /,"(.*)"\)$/.exec(formula[1])![1];
    expect(text.length).toBe(255);
    expect(text.endsWith('…')).toBe(true);
    expect(formula[2]).toBe(text);
  });
});
