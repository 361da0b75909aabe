import type { Finding } from './findings';
import type { EngineResult } from './model';

// The findings as a person reads them: one register gave 83, 19 of them exact
// copies and 62 saying how the same few date texts were read. Identical findings
// are shown once, and the notes that say how a date text was read (or that it is
// recurring) are shown once per table and text, naming the other cells. Every
// finding stays in the JSON report; this is for the RAG Issues sheet, the pane
// and the command line. The pane imports this module, so it stays free of zod.

/** Notes about how a date text was read: the same text in one table is read the same way each time. */
const READINGS = new Set<Finding['code']>(['date.read', 'date.recurring']);

/** At most this many other cells are named in a collapsed note. */
const CELLS_NAMED = 8;

/** Where a finding sits: its table, when the caller knows the tables (else its work stream). */
export type TableOf = (f: Finding) => string;

const byWorkstream: TableOf = (f) => `${f.sheet}\u0000${f.workstream ?? ''}`;

function identity(f: Finding): string {
  return [f.severity, f.code, f.sheet, f.cell, f.workstream ?? '', f.value ?? '', f.message, f.suggestion ?? ''].join('\u0000');
}

/** `Action 3: 'Quarter 2' read as …` → `'Quarter 2' read as …`: the part every cell of the same text shares. */
function reading(message: string): string {
  const at = message.indexOf(": '");
  return at < 0 ? message : message.slice(at + 2);
}

function cellsText(cells: string[]): string {
  const named = cells.slice(0, CELLS_NAMED);
  const more = cells.length - named.length;
  if (more > 0) return `${named.join(', ')} and ${more} more`;
  return named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

/**
 * The findings with identical ones once and each table's repeated date readings as
 * one note, in the order given (each where its first copy was).
 */
export function collapseFindings(findings: readonly Finding[], tableOf: TableOf = byWorkstream): Finding[] {
  const seen = new Set<string>();
  const groups = new Map<string, { at: number; cells: string[] }>();
  const out: Finding[] = [];
  for (const f of findings) {
    const id = identity(f);
    if (seen.has(id)) continue;
    seen.add(id);
    if (!READINGS.has(f.code) || f.value === undefined) {
      out.push(f);
      continue;
    }
    const key = [f.code, tableOf(f), f.value, reading(f.message)].join('\u0000');
    const group = groups.get(key);
    if (group) {
      if (!group.cells.includes(f.cell)) group.cells.push(f.cell);
      continue;
    }
    groups.set(key, { at: out.length, cells: [f.cell] });
    out.push(f);
  }
  for (const { at, cells } of groups.values()) {
    if (cells.length < 2) continue;
    const first = out[at];
    const text = reading(first.message).replace(/\.$/, '');
    out[at] = { ...first, message: `${text}. The same text is read the same way in ${cells.length} cells: ${cellsText(cells)}.` };
  }
  return out;
}

/** Findings are grouped by the table they are in: a work stream is found by its sheet and title, and its table by its header row. */
export function tableOfFinding(result: Pick<EngineResult, 'workstreams'>): TableOf {
  const tables = new Map<string, string>();
  for (const w of result.workstreams) {
    const key = `${w.sheet}\u0000${w.title}`;
    if (!tables.has(key)) tables.set(key, `${w.sheet}\u0000#${w.headerRow}`);
  }
  return (f) => {
    const key = `${f.sheet}\u0000${f.workstream ?? ''}`;
    return tables.get(key) ?? key;
  };
}

/** The findings as the sheets, the pane and the command line show them. */
export function shownFindings(result: Pick<EngineResult, 'workstreams' | 'findings'>): Finding[] {
  return collapseFindings(result.findings, tableOfFinding(result));
}
