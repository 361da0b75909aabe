import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { a1, cellAt, type SheetGrid } from '../../src/core/grid';
import { readXlsx } from '../../src/workbook/xlsx/read';

// Ragbook's reader against ExcelJS, cell by cell: the same sheets, hidden flags,
// values (dates as serials in the workbook's date system), merged areas and tables.
// Used on the project's own Excel-shaped packages (npm test) and on Excel-saved files
// from other projects (tests/external/).

type Plain = string | number | boolean | null;

function excelDateToSerial(d: Date, date1904: boolean): number {
  const serial = d.getTime() / 86400000 + 25569;
  return date1904 ? serial - 1462 : serial;
}

/** ExcelJS's idea of a cell's value, reduced to what Ragbook reads. */
function plainExcelJs(value: unknown, date1904: boolean): Plain | Date {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return value as Plain;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return plainExcelJs(v.result, date1904);
  if ('error' in v) return String(v.error);
  if ('hyperlink' in v) return plainExcelJs(v.text, date1904);
  return JSON.stringify(v);
}

function sheet(sheets: SheetGrid[], name: string): SheetGrid {
  const s = sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name} in ${sheets.map((x) => x.name).join(', ')}`);
  return s;
}

/**
 * ExcelJS expands a data validation cell by cell, so one over the whole sheet
 * (A1:XFD1048576) never finishes loading: such files are left to Ragbook's reader.
 */
export function excelJsCannotLoad(bytes: Uint8Array): boolean {
  const parts = unzipSync(bytes, { filter: (f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f.name) });
  return Object.values(parts).some((xml) => /<dataValidation\b[^>]*sqref="[^"]*\bA1:XFD1048576\b/.test(strFromU8(xml)));
}

/** Reads `bytes` with Ragbook and with ExcelJS and expects the same workbook, naming the cell on a difference. */
export async function expectReadsAsExcelJs(bytes: Uint8Array, file: string): Promise<void> {
  const grid = readXlsx(bytes, file).grid;
  expect(grid.name).toBe(file);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const date1904 = Boolean(wb.properties.date1904);
  expect(grid.date1904).toBe(date1904);

  const theirs = wb.worksheets;
  expect(grid.sheets.map((s) => s.name).sort()).toEqual(theirs.map((w) => w.name).sort());
  for (const ws of theirs) {
    const s = sheet(grid.sheets, ws.name);
    expect(s.hidden).toBe(ws.state !== 'visible');
    let count = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        // ExcelJS leaves a cached result of 0 out of a formula's value; cell.result has it.
        const raw = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
        const want = plainExcelJs(raw, date1904);
        const got = cellAt(s, r - 1, c - 1);
        const where = `${ws.name}!${cell.address}`;
        if (want instanceof Date) {
          expect([where, typeof got]).toEqual([where, 'number']);
          expect(Math.abs((got as number) - excelDateToSerial(want, date1904))).toBeLessThan(1e-6);
        } else {
          expect([where, got]).toEqual([where, want]);
        }
        if (want !== null) count++;
      });
    });
    const ours = s.rows.reduce((n, row) => n + row.filter((v) => v !== null).length, 0);
    expect([ws.name, ours]).toEqual([ws.name, count]);
    expect(s.merges.length).toBe(Object.keys((ws as unknown as { _merges: object })._merges).length);
    const tables = ws.getTables().map((t) => {
      const tt = (t as unknown as { table: { name: string; tableRef?: string; ref?: string } }).table;
      return [tt.name, tt.tableRef ?? tt.ref];
    });
    expect(s.tables.map((t) => [t.name, `${a1(t.area.r1, t.area.c1)}:${a1(t.area.r2, t.area.c2)}`]).sort()).toEqual(tables.sort());
  }
}
