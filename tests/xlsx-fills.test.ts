import * as fs from 'node:fs';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { type SheetGrid, parseA1 } from '../src/core/grid';
import { applyTint, readThemeColours } from '../src/workbook/xlsx/read/colours';
import { readXlsx } from '../src/workbook/xlsx/read';

// Each cell's own solid fill, as the .xlsx reader resolves it: what a colour-only
// RAG register says with no words at all.

const TRACKERS = path.join(__dirname, 'fixtures', 'trackers');
const expected = JSON.parse(fs.readFileSync(path.join(TRACKERS, 'expected.json'), 'utf8'));

function fillAt(sheet: SheetGrid, ref: string): string | null {
  const at = parseA1(ref)!;
  return sheet.fills?.[at.r]?.[at.c] ?? null;
}

interface StatusCell {
  cell: string;
  fill?: string;
}

describe('the colour-only register of the tracker corpus', () => {
  const cells: { file: string; sheet: string; cell: StatusCell }[] = [];
  for (const [file, truth] of Object.entries(expected.files) as [
    string,
    { workstreams: { sheet: string; status_cells: StatusCell[] }[] },
  ][]) {
    for (const ws of truth.workstreams) for (const cell of ws.status_cells) cells.push({ file, sheet: ws.sheet, cell });
  }

  test.each(['', 'lo'])('every status cell of every tracker reads the fill the generator gave it (%s copy)', (folder) => {
    const grids = new Map<string, SheetGrid[]>();
    const mismatches: string[] = [];
    for (const { file, sheet, cell } of cells) {
      if (!grids.has(file)) grids.set(file, readXlsx(new Uint8Array(fs.readFileSync(path.join(TRACKERS, folder, file))), file).grid.sheets);
      const grid = grids.get(file)!.find((s) => s.name === sheet)!;
      const got = fillAt(grid, cell.cell);
      if (got !== (cell.fill ?? null)) mismatches.push(`${file} ${sheet}!${cell.cell}: ${got} for ${cell.fill ?? null}`);
    }
    expect(cells.filter((c) => c.cell.fill).length).toBeGreaterThanOrEqual(15);
    expect(mismatches).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// The smallest workbooks that show each rule.

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** A theme whose accents are told apart easily: accent1 4472C4 … accent6 70AD47, as Office 2013 writes them. */
const THEME = `<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements><a:clrScheme name="Office">
<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>
<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>
<a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3>
<a:accent4><a:srgbClr val="FFC000"/></a:accent4><a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6>
<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>
<a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri Light"/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/></a:minorFont></a:fontScheme>
</a:themeElements></a:theme>`;

interface Book {
  /** <fill> elements after the two every stylesheet starts with (none, gray125); fill ids count from 2. */
  fills: string[];
  /** The fill id of each cell style after the default one; style ids count from 1. */
  styles: number[];
  sheetData: string;
  colors?: string;
  /** The theme part, or null for none; or bytes that are not a theme at all. */
  theme?: string | null;
  dxfs?: string;
  conditional?: string;
}

function book(b: Book): Uint8Array {
  const styles =
    `<styleSheet xmlns="${MAIN}"><fills count="${b.fills.length + 2}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${b.fills.join('')}</fills>` +
    `<cellXfs count="${b.styles.length + 1}"><xf numFmtId="0" fillId="0"/>${b.styles.map((f) => `<xf numFmtId="0" fillId="${f}" applyFill="1"/>`).join('')}</cellXfs>` +
    `${b.dxfs ?? ''}${b.colors ?? ''}</styleSheet>`;
  const theme = b.theme === undefined ? THEME : b.theme;
  const rels = [
    `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`,
    `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>`,
    theme === null ? '' : `<Relationship Id="rId3" Type="${REL}/theme" Target="theme/theme1.xml"/>`,
  ].join('');
  const files: Record<string, Uint8Array> = {
    '_rels/.rels': strToU8(
      `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Register" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(`<Relationships xmlns="${PKG}">${rels}</Relationships>`),
    'xl/styles.xml': strToU8(styles),
    'xl/worksheets/sheet1.xml': strToU8(
      `<worksheet xmlns="${MAIN}"><sheetData>${b.sheetData}</sheetData>${b.conditional ?? ''}</worksheet>`,
    ),
  };
  if (theme !== null) files['xl/theme/theme1.xml'] = strToU8(theme);
  return zipSync(files);
}

const solid = (colour: string) => `<fill><patternFill patternType="solid"><fgColor ${colour}/><bgColor indexed="64"/></patternFill></fill>`;

/** A row: an action in A, one empty cell per style from B on, and its owner after them (so the styled cells are inside the used range). */
function row(r: number, styles: number[]): string {
  const col = (i: number) => String.fromCharCode(66 + i);
  const cells = styles.map((s, i) => `<c r="${col(i)}${r}" s="${s}"/>`).join('');
  const text = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
  return `<row r="${r}">${text(`A${r}`, `Action ${r}`)}${cells}${text(`${col(styles.length)}${r}`, 'Lead')}</row>`;
}

function sheetOf(bytes: Uint8Array): SheetGrid {
  return readXlsx(bytes, 'register.xlsx').grid.sheets[0];
}

describe('fills as Excel shows them', () => {
  test('an ARGB fill, a theme accent, a tinted accent darker and lighter, and an indexed colour', () => {
    const s = sheetOf(
      book({
        fills: [
          solid('rgb="FF00B050"'),
          solid('theme="9"'),
          solid('theme="9" tint="-0.249977111117893"'),
          solid('theme="4" tint="0.79998168889431442"'),
          solid('indexed="52"'),
        ],
        styles: [2, 3, 4, 5, 6],
        sheetData: row(1, [1, 2, 3, 4, 5]),
      }),
    );
    expect(['B1', 'C1', 'D1', 'E1', 'F1'].map((c) => fillAt(s, c))).toEqual(['#00B050', '#70AD47', '#548235', '#DAE3F3', '#FF9900']);
  });

  test('a tint is applied in HSL as LibreOffice computes it: accent 6 of the 2007 theme darker 25% is E46C0A', () => {
    expect(applyTint('#F79646', -0.25)).toBe('#E46C0A');
    expect(applyTint('#F79646', 0)).toBe('#F79646');
    expect(applyTint('#000000', 0.5)).toBe('#808080');
    expect(applyTint('#FFFFFF', -0.5)).toBe('#808080');
  });

  test("the workbook's own indexed palette wins over Excel's default one", () => {
    const palette = Array.from({ length: 64 }, (_, i) => `<rgbColor rgb="${i === 10 ? 'FF123456' : 'FF000000'}"/>`).join('');
    const s = sheetOf(
      book({
        fills: [solid('indexed="10"')],
        styles: [2],
        sheetData: row(1, [1]),
        colors: `<colors><indexedColors>${palette}</indexedColors></colors>`,
      }),
    );
    expect(fillAt(s, 'B1')).toBe('#123456');
    // Without its own palette, index 10 is Excel's red.
    expect(fillAt(sheetOf(book({ fills: [solid('indexed="10"')], styles: [2], sheetData: row(1, [1]) })), 'B1')).toBe('#FF0000');
  });

  test('no fill, white, a pattern, a gradient, automatic and system colours are no fill', () => {
    const s = sheetOf(
      book({
        fills: [
          solid('rgb="FFFFFFFF"'),
          '<fill><patternFill patternType="lightGray"><fgColor rgb="FFFF0000"/></patternFill></fill>',
          '<fill><gradientFill degree="90"><stop position="0"><color rgb="FFFF0000"/></stop><stop position="1"><color rgb="FF00FF00"/></stop></gradientFill></fill>',
          solid('auto="1"'),
          solid('indexed="64"'),
          '<fill><patternFill><fgColor rgb="FFFF0000"/></patternFill></fill>',
        ],
        styles: [2, 3, 4, 5, 6, 7, 0],
        sheetData: row(1, [1, 2, 3, 4, 5, 6, 7]),
      }),
    );
    expect(s.fills).toEqual([[]]);
  });

  test('a solid fill that names its colour only as the background still reads', () => {
    const s = sheetOf(
      book({
        fills: ['<fill><patternFill patternType="solid"><bgColor rgb="FFFFC000"/></patternFill></fill>'],
        styles: [2],
        sheetData: row(1, [1]),
      }),
    );
    expect(fillAt(s, 'B1')).toBe('#FFC000');
  });

  test('conditional formatting is not a fill of the cell: only its own style counts', () => {
    const s = sheetOf(
      book({
        fills: [],
        styles: [],
        sheetData: `<row r="1"><c r="A1" t="inlineStr"><is><t>Red</t></is></c></row>`,
        dxfs: `<dxfs count="1"><dxf><fill><patternFill patternType="solid"><bgColor rgb="FFFF0000"/></patternFill></fill></dxf></dxfs>`,
        conditional: `<conditionalFormatting sqref="A1"><cfRule type="containsText" dxfId="0" priority="1" operator="containsText" text="Red"><formula>NOT(ISERROR(SEARCH("Red",A1)))</formula></cfRule></conditionalFormatting>`,
      }),
    );
    expect(s.fills).toEqual([[]]);
  });

  test('a workbook without a theme part uses the Office theme; a damaged one too, and the workbook is still read', () => {
    const accent = { fills: [solid('theme="9"')], styles: [2], sheetData: row(1, [1]) };
    expect(fillAt(sheetOf(book({ ...accent, theme: null })), 'B1')).toBe('#F79646');
    expect(fillAt(sheetOf(book({ ...accent, theme: '<a:theme><a:themeElements>' })), 'B1')).toBe('#F79646');
    expect(fillAt(sheetOf(book({ ...accent, theme: '<!DOCTYPE x [<!ENTITY e "x">]><a:theme/>' })), 'B1')).toBe('#F79646');
    expect(readThemeColours(strToU8(THEME)).slice(0, 4)).toEqual(['#FFFFFF', '#000000', '#E7E6E6', '#44546A']);
  });
});

describe('fills are kept where a table can use them, and cost nothing elsewhere', () => {
  test('a filled cell with no value beside an action is kept; fills on rows with no value and outside the used columns are not', () => {
    const sheetData =
      row(1, [1]) +
      // A filled row with no value at all (a coloured band), and a fill far to the right of every value.
      `<row r="2"><c r="A2" s="1"/><c r="B2" s="1"/></row>` +
      `<row r="3"><c r="A3" t="inlineStr"><is><t>Action 3</t></is></c><c r="B3" s="1"/><c r="Z3" s="1"/></row>`;
    const s = sheetOf(book({ fills: [solid('rgb="FFFF0000"')], styles: [2], sheetData }));
    expect(s.rows).toHaveLength(3);
    expect(s.fills).toEqual([[null, '#FF0000'], [], [null, '#FF0000']]);
  });

  test('a fill left of every value is outside the used range too', () => {
    const text = (ref: string) => `<c r="${ref}" t="inlineStr"><is><t>Action</t></is></c>`;
    const sheetData = `<row r="1"><c r="A1" s="1"/>${text('C1')}<c r="D1" s="1"/>${text('E1')}</row>`;
    const s = sheetOf(book({ fills: [solid('rgb="FF00B050"')], styles: [2], sheetData }));
    expect(s.fills).toEqual([[null, null, null, '#00B050']]);
  });

  test('50,000 filled rows with no values under a tracker leave no fills behind them', () => {
    const tail: string[] = [];
    for (let r = 3; r < 50_003; r++) tail.push(`<row r="${r}"><c r="A${r}" s="1"/><c r="B${r}" s="1"/><c r="C${r}" s="1"/></row>`);
    const s = sheetOf(book({ fills: [solid('rgb="FFFFC000"')], styles: [2], sheetData: row(1, [1]) + row(2, [1]) + tail.join('') }));
    expect(s.rows).toHaveLength(2);
    expect(s.fills).toEqual([
      [null, '#FFC000'],
      [null, '#FFC000'],
    ]);
  });

  test('one colour string per style, not one per cell', () => {
    const rows: string[] = [];
    for (let r = 1; r <= 50; r++) rows.push(row(r, [1]));
    const s = sheetOf(book({ fills: [solid('rgb="FF92D050"')], styles: [2], sheetData: rows.join('') }));
    expect(new Set(s.fills!.map((f) => f[1])).size).toBe(1);
    expect(s.fills![49][1]).toBe('#92D050');
  });
});
