import { type Area, areaA1, parseArea } from '../core/grid';
import type { PlanCell, PlanTable } from '../core/plan-schema';

// Excel Tables over Ragbook's sheets, as both adapters lay them out: Excel's rules for
// a table's name (unique among the workbook's tables and defined names, no spaces,
// not a cell reference) and for its header row (one text cell per column, unique,
// none empty), so the two hosts write the same headers and Excel never repairs one.

const CELL_LIKE = /^(?:[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*|[RrCc])$/;

/** A table name Excel accepts, from the one the plan wants. */
export function validTableName(wanted: string): string {
  let name = wanted.replace(/[^A-Za-z0-9_.\\]/g, '_');
  if (!/^[A-Za-z_\\]/.test(name)) name = `_${name}`;
  if (CELL_LIKE.test(name)) name = `_${name}`;
  return name.slice(0, 255);
}

/** The plan's name, or with a number when another table or a defined name has it (compared ignoring case). */
export function uniqueTableName(wanted: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const base = validTableName(wanted);
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 250)}_${i}`;
  return name;
}

/** The table's area, at least a header and one data row, or null when the plan's reference is malformed. */
export function tableArea(table: PlanTable): Area | null {
  const a = parseArea(table.ref);
  if (!a) return null;
  return { ...a, r2: Math.max(a.r2, a.r1 + 1) };
}

/** The area as a reference, `A7:N30`. */
export const tableRef = (a: Area) => areaA1(a);

/**
 * The column names of a table whose header row is `header` (cells from the table's
 * first column): each the header cell's text on one line, `Column N` where it is
 * empty, and a number added where it repeats one before it, as Excel names them.
 */
export function tableColumnNames(header: (PlanCell | undefined)[], width: number): string[] {
  const used = new Set<string>();
  const out: string[] = [];
  for (let c = 0; c < width; c++) {
    const v = header[c]?.value;
    let name = (v === null || v === undefined ? '' : String(v)).replace(/[\r\n]+/g, ' ').trim();
    if (name === '') name = `Column${c + 1}`;
    const base = name;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base}${i}`;
    used.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

/**
 * The rows with each table's header cells holding exactly their column names, as
 * Excel requires (a header cell is the column's name). Rows are copied only where
 * a header changes.
 */
export function withTableHeaders(rows: PlanCell[][], tables: PlanTable[]): PlanCell[][] {
  let out = rows;
  for (const t of tables) {
    const a = tableArea(t);
    if (!a) continue;
    const row = rows[a.r1] ?? [];
    const names = tableColumnNames(row.slice(a.c1), a.c2 - a.c1 + 1);
    names.forEach((name, k) => {
      const c = a.c1 + k;
      const cell = out[a.r1]?.[c];
      if (cell?.value === name && cell.formula === undefined) return;
      if (out === rows) out = rows.slice();
      const copy = (out[a.r1] ?? []).slice();
      while (copy.length < c) copy.push({ value: null });
      copy[c] = { value: name, ...(cell?.style ? { style: cell.style } : {}) };
      out[a.r1] = copy;
    });
  }
  return out;
}
