import { type Cell, type WorksheetSpec, excelLikePackage, serialOf } from './excel-like-package';

export { excelLikePackage, serialOf };
export type { Cell, ChartSheetSpec, ExcelLikeOptions, TableSpec, WorksheetSpec } from './excel-like-package';

// Small workbooks shaped as Excel saves them, each showing something real files have
// that the reader or the writer must cope with. They stand in for files copied from
// other projects' test suites: those are checked by tests/external/ when the shared
// folder is there, these on every run.

/** Rows from cells given by address, for sheets whose data does not start at A1. */
export function rowsFrom(cells: Record<string, Cell>): Cell[][] {
  const rows: Cell[][] = [];
  for (const [ref, cell] of Object.entries(cells)) {
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!m) throw new Error(`not a cell address: ${ref}`);
    const c = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const r = Number(m[2]) - 1;
    while (rows.length <= r) rows.push([]);
    while (rows[r].length < c) rows[r].push(null);
    rows[r][c] = cell;
  }
  return rows;
}

/**
 * A chain of formulas (one shared formula, as Excel writes a filled-down column),
 * every kind of cached value, formulas over whole columns and rows, a print area and
 * a defined name whose value is a quoted string (Excel for Mac wrote one).
 */
export function formulasWorkbook(): Uint8Array {
  const fib = [1, 1];
  while (fib.length < 12) fib.push(fib[fib.length - 1] + fib[fib.length - 2]);
  const notes: Cell[] = [
    { formula: 'A2&" of "&A13', cached: '1 of 12' },
    { formula: 'B13>100', cached: true },
    { formula: '1/0', cached: { error: '#DIV/0!' } },
    { formula: 'B2-B3', cached: 0 },
    { formula: 'SUM(B2:B13)', cached: fib.reduce((a, b) => a + b, 0) },
    { formula: '_xlfn.CONCAT("Work ","stream")', cached: 'Work stream' },
    true,
    { runs: [{ text: 'Work ' }, { text: 'stream', bold: true }, { text: ' 2' }] },
    '  padded text  ',
    'Café – “quoted” ’',
    0.1 + 0.2,
    { formula: 'SUM(A:A)', cached: 78 },
    { formula: 'SUM(2:3)', cached: 4 },
  ];
  const rows: Cell[][] = [['n', 'Fibonacci', 'Notes']];
  fib.forEach((v, i) => {
    const b: Cell =
      i < 2 ? v : i === 2 ? { formula: 'B2+B3', cached: v, shared: { si: 0, ref: 'B4:B13' } } : { sharedFormula: 0, cached: v };
    rows.push([i + 1, b, notes[i] ?? null]);
  });
  return excelLikePackage({
    sheets: [{ name: 'Sum Worksheet', rows, widths: [6, 12, 24] }],
    definedNames: [
      { name: '_xlnm.Print_Area', localSheetId: 0, value: "'Sum Worksheet'!$A$1:$C$13" },
      { name: 'Bogus', value: '"OFFSET($A$10;0;0;0;1)"' },
    ],
  });
}

/** Real date cells under the number formats trackers use, in either date system. */
function datesSheet(): WorksheetSpec {
  const d = (date: string, format: string): Cell => ({ date, format });
  return {
    name: 'Milestones',
    widths: [16, 18, 22, 8],
    rows: [
      ['Milestone', 'Target date', 'Shown as', 'Done'],
      ['Kick-off', d('2025-03-31', 'dd/mm/yyyy'), 'dd/mm/yyyy', { value: 1, format: '0%' }],
      ['Review', d('2025-06-30', 'mmmm yyyy'), 'mmmm yyyy', { value: 0.25, format: '0%' }],
      ['Report', d('2025-09-01', 'd mmmm yyyy'), 'd mmmm yyyy', { value: 0.125, format: '0.00%' }],
      ['Old style', d('2024-12-31', 'mm-dd-yy'), 'built-in 14', null],
      ['Meeting', d('2025-10-14T14:30', 'dd/mm/yyyy hh:mm'), 'with a time', null],
      ['Leap day', d('2024-02-29', 'dd/mm/yyyy'), 'dd/mm/yyyy', null],
    ],
  };
}

export function datesWorkbook(): Uint8Array {
  return excelLikePackage({ sheets: [datesSheet()] });
}

/** The same dates in the 1904 date system (Excel for Mac's old default): every serial is 1,462 smaller. */
export function date1904Workbook(): Uint8Array {
  return excelLikePackage({ sheets: [datesSheet(), { name: 'Notes', rows: [['Saved with the 1904 date system']] }], date1904: true });
}

const MONTHS = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep'];
const CLOSED = [3, 7, 4, 9, 12, 6];
const monthRows = (): Cell[][] => [['Month', 'Closed'], ...MONTHS.map((m, i) => [m, CLOSED[i]])];
const chartOf = (sheet: string) => ({ sheet, title: 'Actions closed by month', series: 'Closed', categories: MONTHS, values: CLOSED });

/** A visible, a hidden and a very hidden worksheet, and a chart sheet last. */
export function hiddenSheetsWorkbook(): Uint8Array {
  return excelLikePackage({
    sheets: [
      { name: 'Visible', rows: monthRows() },
      {
        name: 'Hidden',
        state: 'hidden',
        rows: [
          ['Lookup', 'Value'],
          ['Green', 1],
          ['Amber', 2],
        ],
      },
      { name: 'VeryHidden', state: 'veryHidden', rows: [['Set by a macro'], [42]] },
      { name: 'Chart', chart: chartOf('Visible') },
    ],
  });
}

/** A chart sheet before the worksheet that holds its data. */
export function chartWorkbook(): Uint8Array {
  return excelLikePackage({
    sheets: [
      { name: 'Chart1', chart: chartOf('Sheet1') },
      { name: 'Sheet1', rows: monthRows() },
    ],
  });
}

/** Two pictures (PNG parts) in a drawing on a worksheet. */
export function imageWorkbook(): Uint8Array {
  return excelLikePackage({
    sheets: [
      {
        name: 'Sheet1',
        rows: [['Brackenmoor Borough Council'], ['Crest and logo to the right'], [], ['Prepared by', 'Performance team']],
        images: 2,
      },
    ],
  });
}

/** Excel Tables beside one another: two with data, two with insertRow="1", one without a header row. */
export function tablesWorkbook(): Uint8Array {
  const cells: Record<string, Cell> = {
    A1: 'Prices',
    D8: 'Id',
    E8: 'Price',
    I8: 'Id',
    J8: 'Price',
    M8: 'Column1',
    O8: 'Name',
    P8: 'Owner',
  };
  for (let i = 1; i <= 4; i++) {
    cells[`D${8 + i}`] = i;
    cells[`E${8 + i}`] = { formula: `D${8 + i}*2.5`, cached: i * 2.5 };
    cells[`I${8 + i}`] = 10 + i;
    cells[`J${8 + i}`] = 100 - i * 7.25;
  }
  return excelLikePackage({
    sheets: [
      {
        name: 'Sheet1',
        rows: rowsFrom(cells),
        tables: [
          { name: 'Table1', ref: 'D8:E12' },
          { name: 'Table2', ref: 'I8:J12' },
          { name: 'Table3', ref: 'M8:M9', insertRow: true },
          { name: 'Table4', ref: 'O8:P9', insertRow: true },
        ],
      },
      {
        name: 'Register',
        rows: [
          ['Green', 3],
          ['Amber', 5],
          ['Red', 1],
        ],
        tables: [{ name: 'Counts', ref: 'A1:B3', noHeader: true }],
      },
    ],
  });
}

/** Strict Open XML (File > Save As > Strict Open XML Spreadsheet): every namespace is purl.oclc.org's. */
export function strictWorkbook(): Uint8Array {
  const rows: Cell[][] = [['Item', 'Thickness', 'Weight', 'Price']];
  for (let i = 1; i <= 40; i++) {
    const r = i + 1;
    const weight = Math.round(i * 0.37 * 10000) / 10000;
    rows.push([
      `P-${String(i).padStart(3, '0')}`,
      1.5 + (i % 4) * 0.5,
      { value: weight, format: '0.0000' },
      { formula: `B${r}*C${r}`, cached: (1.5 + (i % 4) * 0.5) * weight },
    ]);
  }
  return excelLikePackage({ strict: true, sheets: [{ name: 'ml_out', rows, widths: [12, 12, 12, 12] }] });
}

/** Shared strings holding a carriage return (stored as _x000D_) and the literal text "_x000D_" (stored as _x005F_x000D_). */
export function escapesWorkbook(): Uint8Array {
  return excelLikePackage({
    sheets: [{ name: 'Sheet1', rows: [['ABC\r\nDEF'], ['_x000D_'], ['line one\nline two'], ['tab\tseparated'], ['bell\u0007rung']] }],
  });
}

/** A data validation over the whole sheet (A1:XFD1048576): cheap for Excel, ruinous for a reader that expands it. */
export function wholeSheetValidationWorkbook(): Uint8Array {
  return excelLikePackage({ sheets: [{ name: 'Sheet1', rows: [], validation: { sqref: 'A1:XFD1048576', prompt: 'Type a status' } }] });
}

/** German sheet names, merged titles and many merged pairs, and data that starts at C3 rather than A1. */
export function mergedWorkbook(): Uint8Array {
  const parts: Record<string, Cell> = { A1: 'Ersatzteilliste – Stand September 2025', A3: 'Teil', B3: 'Menge', C3: 'Lieferant' };
  for (let i = 0; i < 6; i++)
    Object.assign(parts, { [`A${4 + i}`]: `Teil ${i + 1}`, [`B${4 + i}`]: i * 3, [`C${4 + i}`]: i % 2 ? 'Müller' : 'Größe & Co' });
  const checks: Record<string, Cell> = {};
  const merges: string[] = [];
  for (let r = 2; r <= 41; r++) {
    checks[`A${r}`] = `Prüfung ${r - 1}`;
    checks[`B${r}`] = r % 3 ? 'bestanden' : 'offen';
    merges.push(`B${r}:C${r}`);
  }
  const header: Record<string, Cell> = { C3: 'Gerät', D3: 'Prüfdatum', E3: 'Ergebnis' };
  for (let i = 0; i < 5; i++)
    Object.assign(header, {
      [`C${4 + i}`]: `Schweißgerät ${i + 1}`,
      [`D${4 + i}`]: { date: `2025-0${i + 1}-15`, format: 'dd.mm.yyyy' },
      [`E${4 + i}`]: 'in Ordnung',
    });
  return excelLikePackage({
    sheets: [
      { name: 'Ersatzteilliste', rows: rowsFrom(parts), merges: ['A1:C1'] },
      { name: 'Leiterprüfung', state: 'hidden', rows: [['Leiterprüfung'], ...rowsFrom(checks).slice(1)], merges: ['A1:C1', ...merges] },
      { name: 'Schweißgerät', rows: rowsFrom(header) },
    ],
  });
}

/** Every workbook above by a file name, for the checks that run over all of them. */
export const EXCEL_LIKE: Record<string, () => Uint8Array> = {
  'formulas.xlsx': formulasWorkbook,
  'dates.xlsx': datesWorkbook,
  'date1904.xlsx': date1904Workbook,
  'hidden-sheets.xlsx': hiddenSheetsWorkbook,
  'chart-sheet.xlsx': chartWorkbook,
  'images.xlsx': imageWorkbook,
  'tables.xlsx': tablesWorkbook,
  'strict.xlsx': strictWorkbook,
  'escapes.xlsx': escapesWorkbook,
  'whole-sheet-validation.xlsx': wholeSheetValidationWorkbook,
  'merged.xlsx': mergedWorkbook,
};
