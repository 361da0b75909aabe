import * as fs from 'node:fs';
import * as path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { PartIndex, samePart } from '../src/workbook/xlsx/opc/part-names';
import { resolveTarget } from '../src/workbook/xlsx/opc/relationships';
import { readZipDirectory } from '../src/workbook/xlsx/opc/zip-directory';
import { WorkbookFileError, readXlsx } from '../src/workbook/xlsx/read';
import { XlsxWriteError, applyPlanToXlsx, saveSettingsToXlsx } from '../src/workbook/xlsx/write';
import { firstPlan, secondPlan } from './support/xlsx-plans';

// The package layer (src/workbook/xlsx/opc/) that the reader and the writer share:
// one zip directory parser with its bounds, one way a relationship target becomes a
// part, one set of XML rules. Each check here is made of both, so they cannot drift.

const FIXTURE = path.join(__dirname, 'fixtures', 'workstreams-messy.xlsx');
const fixture = () => new Uint8Array(fs.readFileSync(FIXTURE));
type Parts = Record<string, Uint8Array>;

function writeError(fn: () => unknown): XlsxWriteError {
  try {
    fn();
  } catch (e) {
    if (e instanceof XlsxWriteError) return e;
    throw e;
  }
  throw new Error('expected an XlsxWriteError');
}

function readError(fn: () => unknown): WorkbookFileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof WorkbookFileError) return e;
    throw e;
  }
  throw new Error('expected a WorkbookFileError');
}

const edit = (parts: Parts, name: string, fn: (xml: string) => string): Parts => ({
  ...parts,
  [name]: strToU8(fn(strFromU8(parts[name]))),
});

// ---------------------------------------------------------------------------

/** A zip of stored entries, built byte by byte, so its central directory can say anything. */
function storedZip(entries: { name: string; data: Uint8Array; extra?: Uint8Array; sizes?: number }[]): Uint8Array {
  const chunks: number[] = [];
  const u16 = (v: number) => chunks.push(v & 0xff, (v >>> 8) & 0xff);
  const u32 = (v: number) => chunks.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  const offsets: number[] = [];
  for (const e of entries) {
    offsets.push(chunks.length);
    const name = strToU8(e.name);
    (u32(0x04034b50), u16(20), u16(0), u16(0), u16(0), u16(0), u32(0), u32(e.data.length), u32(e.data.length), u16(name.length), u16(0));
    chunks.push(...name, ...e.data);
  }
  const cd = chunks.length;
  entries.forEach((e, i) => {
    const name = strToU8(e.name);
    const extra = e.extra ?? new Uint8Array();
    const size = e.sizes ?? e.data.length;
    (u32(0x02014b50), u16(20), u16(20), u16(0), u16(0), u16(0), u16(0), u32(0), u32(size), u32(size));
    (u16(name.length), u16(extra.length), u16(0), u16(0), u16(0), u32(0), u32(offsets[i]));
    chunks.push(...name, ...extra);
  });
  const cdSize = chunks.length - cd;
  (u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(cdSize), u32(cd), u16(0));
  return new Uint8Array(chunks);
}

describe('one zip directory parser, with its bounds, for the reader and the writer', () => {
  test('a ZIP64 field shorter than the values it should hold is not read past its end', () => {
    // Both sizes say "see ZIP64", but the field holds one 8-byte value: the size. The
    // compressed size must stay unknown, not be read from the bytes after the field
    // (the next entry's header), as the writer's own parser once did.
    const field = new Uint8Array([0x01, 0x00, 0x08, 0x00, 5, 0, 0, 0, 0, 0, 0, 0]);
    const bytes = storedZip([
      { name: 'a.xml', data: strToU8('<a/>'), extra: field, sizes: 0xffffffff },
      { name: 'b.xml', data: strToU8('<b/>') },
    ]);
    const [a, b] = readZipDirectory(bytes);
    expect(a.size).toBe(5);
    expect(a.compressedSize).toBe(0xffffffff);
    expect(b.name).toBe('b.xml');
    // Neither side reads such an entry as if it were whole.
    expect(['corrupt', 'too-large']).toContain(readError(() => readXlsx(bytes, 'z.xlsx')).problem);
    expect(writeError(() => applyPlanToXlsx(bytes, firstPlan())).problem).toBe('damaged');
  });

  test('a directory that claims to lie past the end of the file is refused by both, as cut short', () => {
    const bytes = fixture();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = bytes.length - 22;
    view.setUint32(eocd + 12, view.getUint32(eocd + 12, true) + 1000, true);
    const e = readError(() => readXlsx(bytes, 'cut.xlsx'));
    expect(e.message).toMatch(/incomplete|cut short/);
    expect(writeError(() => applyPlanToXlsx(bytes, firstPlan())).message).toMatch(/damaged \(it is cut short\)/);
  });
});

// ---------------------------------------------------------------------------

describe('one way a relationship target becomes a part (OPC, ECMA-376 Part 2 §9)', () => {
  test('targets resolve against the source part’s folder; absolute targets, dot segments, fragments and backslashes', () => {
    expect(resolveTarget('xl/workbook.xml', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/worksheets/sheet1.xml', '../media/a.png')).toBe('xl/media/a.png');
    expect(resolveTarget('xl/workbook.xml', '/xl/worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
    expect(resolveTarget('xl/workbook.xml', './worksheets/./sheet1.xml#A1')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/workbook.xml', 'worksheets\\sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/workbook.xml', '../../../../etc/passwd')).toBe('etc/passwd');
  });

  test('a part name is a URI: its percent-encoding is kept, since the zip entry is named by the encoded form', () => {
    expect(resolveTarget('xl/workbook.xml', 'worksheets/sheet%201.xml')).toBe('xl/worksheets/sheet%201.xml');
  });

  test('a name finds its entry stored either way, case-insensitively; other names find nothing', () => {
    const index = new PartIndex(['xl/worksheets/sheet%201.xml', 'xl/Media/Image 2.PNG', 'xl/%E2%82%AC.xml']);
    expect(index.find('xl/worksheets/sheet%201.xml')).toBe('xl/worksheets/sheet%201.xml');
    expect(index.find('/XL/worksheets/sheet 1.xml')).toBe('xl/worksheets/sheet%201.xml');
    expect(index.find('xl/media/image%202.png')).toBe('xl/Media/Image 2.PNG');
    expect(index.find('xl/€.xml')).toBe('xl/%E2%82%AC.xml');
    expect(index.find('xl/worksheets/sheet%202.xml')).toBeUndefined();
    expect(index.find('xl/worksheets/sheet%2.xml')).toBeUndefined();
    expect(samePart('/xl/worksheets/sheet%201.xml', 'xl/worksheets/sheet 1.xml')).toBe(true);
    expect(samePart('xl/worksheets/sheet1.xml', 'xl/worksheets/sheet11.xml')).toBe(false);
  });

  /** The first write's output with the summary sheet's part renamed `name`, its relationship target `target`. */
  function renamedSummary(name: string, target: string): Uint8Array {
    const parts: Parts = unzipSync(applyPlanToXlsx(fixture(), firstPlan()).bytes);
    const wbRels = strFromU8(parts['xl/_rels/workbook.xml.rels']);
    const sheetPart = ['sheet2.xml', 'sheet3.xml', 'sheet4.xml'].find((p) => {
      const xml = parts[`xl/worksheets/${p}`] ? strFromU8(parts[`xl/worksheets/${p}`]) : '';
      return xml.includes('RAG summary') || xml.includes('<tabColor rgb="FF1F3864"/>');
    })!;
    expect(wbRels).toContain(`Target="worksheets/${sheetPart}"`);
    const out: Parts = {};
    for (const [k, v] of Object.entries(parts)) {
      if (k === `xl/worksheets/${sheetPart}`) out[`xl/worksheets/${name}`] = v;
      else if (k === `xl/worksheets/_rels/${sheetPart}.rels`) out[`xl/worksheets/_rels/${name}.rels`] = v;
      else out[k] = v;
    }
    let next = edit(out, 'xl/_rels/workbook.xml.rels', (x) =>
      x.replace(`Target="worksheets/${sheetPart}"`, `Target="worksheets/${target}"`),
    );
    next = edit(next, '[Content_Types].xml', (x) =>
      x.replace(`PartName="/xl/worksheets/${sheetPart}"`, `PartName="/xl/worksheets/${name}"`),
    );
    return zipSync(next);
  }

  test.each([
    ['encoded, as OPC names it', 'summary%20sheet.xml', 'summary%20sheet.xml'],
    ['decoded, as some producers store it', 'summary sheet.xml', 'summary%20sheet.xml'],
  ])('a Ragbook sheet whose part is stored %s is read as Ragbook’s, and the writer updates that very part', (_how, name, target) => {
    const bytes = renamedSummary(name, target);
    const grid = readXlsx(bytes, 'renamed.xlsx').grid;
    expect(grid.sheets.find((s) => s.name === 'RAG Summary')?.owned).toBe('summary');

    const out: Parts = unzipSync(applyPlanToXlsx(bytes, secondPlan()).bytes);
    // The entry as stored, its relationships and its one content type, the second run's cells in it.
    expect(Object.keys(out).filter((k) => k.includes('summary'))).toEqual([`xl/worksheets/${name}`, `xl/worksheets/_rels/${name}.rels`]);
    expect(strFromU8(out[`xl/worksheets/${name}`])).toContain('RAG summary, second run');
    expect((strFromU8(out['[Content_Types].xml']).match(/summary/g) ?? []).length).toBe(1);
    const again = readXlsx(zipSync(out), 'again.xlsx').grid;
    expect(again.sheets.filter((s) => s.owned).map((s) => s.name)).toEqual([
      'RAG Summary',
      'RAG Issues',
      'RAG History',
      'Ragbook settings',
    ]);
  });
});

// ---------------------------------------------------------------------------

const DOCTYPES = {
  'an external entity': '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
  'entities that expand a billion times': `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('')}]>`,
  'a lower-case doctype': '<!doctype x SYSTEM "http://127.0.0.1:9/x.dtd">',
};

const withDoctype = (doctype: string) => (xml: string) => xml.replace(/^(<\?xml[^>]*\?>\s*)?/, (m) => `${m}${doctype}`);

describe('one set of XML rules: a DOCTYPE is refused by the writer as by the reader, in every part the writer edits', () => {
  // The parts the writer opens for a first write, and for a second one (which also
  // reads the web extension part holding the settings and the sheet it updates).
  const FIRST = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml'];
  const written = () => unzipSync(applyPlanToXlsx(fixture(), firstPlan()).bytes) as Parts;
  const summaryPart = (parts: Parts) =>
    Object.keys(parts).find(
      (k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k) && strFromU8(parts[k]).includes('<tabColor rgb="FF1F3864"/>'),
    )!;

  const cases: [string, string, string, () => Parts, () => unknown][] = [];
  for (const [what, doctype] of Object.entries(DOCTYPES)) {
    for (const part of FIRST) cases.push([part, what, doctype, () => unzipSync(fixture()) as Parts, () => firstPlan()]);
    cases.push(['xl/webextensions/webextension1.xml', what, doctype, written, () => secondPlan()]);
  }
  cases.push(['the replaced sheet', 'an external entity', DOCTYPES['an external entity'], written, () => secondPlan()]);

  test.each(cases)('%s with %s: the writer refuses it as unsafe, and writes nothing', (part, _what, doctype, base, plan) => {
    const parts = base();
    const name = part === 'the replaced sheet' ? summaryPart(parts) : part;
    const bytes = zipSync(edit(parts, name, withDoctype(doctype)));
    const e = writeError(() => applyPlanToXlsx(bytes, plan() as ReturnType<typeof firstPlan>));
    expect(e.problem).toBe('unsafe-xml');
    expect(e.message).toMatch(/document type declaration/);
    expect(e.message).not.toMatch(/aaaa|passwd/);
  });

  test('saving settings on their own refuses a DOCTYPE in the web extension part too; the reader refuses that part as well', () => {
    const bytes = zipSync(edit(written(), 'xl/webextensions/webextension1.xml', withDoctype(DOCTYPES['an external entity'])));
    expect(writeError(() => saveSettingsToXlsx(bytes, '{"dueSoonDays":3}')).problem).toBe('unsafe-xml');
    expect(readError(() => readXlsx(bytes, 'doctype.xlsx')).problem).toBe('unsafe-xml');
  });

  test('any other markup declaration is not XML: the workbook is refused as damaged', () => {
    const bytes = zipSync(edit(unzipSync(fixture()) as Parts, 'xl/workbook.xml', withDoctype('<!ELEMENT x ANY>')));
    expect(writeError(() => applyPlanToXlsx(bytes, firstPlan())).problem).toBe('damaged');
  });
});

// ---------------------------------------------------------------------------

describe('settings in the file, where Office keeps an add-in’s settings', () => {
  test('a first write adds a web extension part for Ragbook and a hidden task pane that refers to it', () => {
    const plan = { ...firstPlan(), settingsJson: JSON.stringify({ dueSoonDays: 9 }) };
    const out = unzipSync(applyPlanToXlsx(fixture(), plan).bytes) as Parts;
    const ext = strFromU8(out['xl/webextensions/webextension1.xml']);
    expect(ext).toContain(
      '<we:reference id="64750fae-7642-442d-9208-70dbb726550d" version="0.1.0.0" store="EXCatalog" storeType="EXCatalog"/>',
    );
    expect(ext).toContain('<we:property name="RagbookSettings" value="{&quot;dueSoonDays&quot;:9}"/>');
    expect(strFromU8(out['xl/webextensions/taskpanes.xml'])).toMatch(
      /<wetp:taskpane dockstate="right" visibility="0" width="350" row="1">/,
    );
    expect(strFromU8(out['xl/webextensions/_rels/taskpanes.xml.rels'])).toContain(
      'Type="http://schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension1.xml"',
    );
    const types = strFromU8(out['[Content_Types].xml']);
    expect(types).toContain(
      '<Override PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"/>',
    );
    expect(types).toContain(
      '<Override PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/>',
    );
    expect(readXlsx(zipSync(out), 'out.xlsx').grid.settings).toEqual({ dueSoonDays: 9 });
  });

  test('a later write updates the same property in place; no second part or pane is added', () => {
    const once = applyPlanToXlsx(fixture(), { ...firstPlan(), settingsJson: '{"dueSoonDays":9}' }).bytes;
    const twice = unzipSync(applyPlanToXlsx(once, { ...secondPlan(), settingsJson: '{"dueSoonDays":12}' }).bytes) as Parts;
    expect(
      Object.keys(twice)
        .filter((k) => k.startsWith('xl/webextensions/'))
        .sort(),
    ).toEqual(['xl/webextensions/_rels/taskpanes.xml.rels', 'xl/webextensions/taskpanes.xml', 'xl/webextensions/webextension1.xml']);
    expect(readXlsx(zipSync(twice), 'out.xlsx').grid.settings).toEqual({ dueSoonDays: 12 });
  });

  test('another add-in’s web extension and task pane are kept as they were; Ragbook’s pane is added beside it', () => {
    const other =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{0}"><we:reference id="wa104380862" version="1.0.0.0" store="en-GB" storeType="OMEX"/><we:alternateReferences/><we:properties><we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/></we:properties><we:bindings/><we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></we:webextension>';
    const panes =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"><wetp:taskpane dockstate="right" visibility="1" width="350" row="4"><wetp:webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>';
    let parts: Parts = {
      ...(unzipSync(fixture()) as Parts),
      'xl/webextensions/webextension1.xml': strToU8(other),
      'xl/webextensions/taskpanes.xml': strToU8(panes),
      'xl/webextensions/_rels/taskpanes.xml.rels': strToU8(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension1.xml"/></Relationships>',
      ),
    };
    parts = edit(parts, '_rels/.rels', (x) =>
      x.replace(
        '</Relationships>',
        '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes" Target="xl/webextensions/taskpanes.xml"/></Relationships>',
      ),
    );
    parts = edit(parts, '[Content_Types].xml', (x) =>
      x.replace(
        '</Types>',
        '<Override PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"/><Override PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/></Types>',
      ),
    );
    const out = unzipSync(applyPlanToXlsx(zipSync(parts), { ...firstPlan(), settingsJson: '{"dueSoonDays":4}' }).bytes) as Parts;
    expect(strFromU8(out['xl/webextensions/webextension1.xml'])).toBe(other);
    expect(strFromU8(out['xl/webextensions/webextension2.xml'])).toContain('name="RagbookSettings"');
    const pane = strFromU8(out['xl/webextensions/taskpanes.xml']);
    expect(pane.startsWith(panes.replace('</wetp:taskpanes>', ''))).toBe(true);
    expect(pane).toMatch(
      /<wetp:taskpane dockstate="right" visibility="0" width="350" row="5"><wetp:webextensionref xmlns:r="[^"]+" r:id="rId2"\/><\/wetp:taskpane><\/wetp:taskpanes>$/,
    );
    expect(strFromU8(out['_rels/.rels'])).toBe(strFromU8(parts['_rels/.rels']));
    expect(readXlsx(zipSync(out), 'out.xlsx').grid.settings).toEqual({ dueSoonDays: 4 });
  });
});
