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

/** The notes that read one date text the same way in one table: the first kept, and every cell. */
interface ReadingGroup {
  code: Finding['code'];
  reading: string;
  /** Where the first is in the findings shown. */
  at: number;
  cells: string[];
}

/** Where a finding sits: its table, when the caller knows the tables (else its work stream). */
export type TableOf = (f: Finding) => string;

const byWorkstream: TableOf = (f) => `${f.sheet}\u0000${f.workstream ?? ''}`;

/** Identical findings: every field the same, an absent value or suggestion the same as an empty one. */
function identical(a: Finding, b: Finding): boolean {
  return (
    a.message === b.message &&
    a.code === b.code &&
    a.severity === b.severity &&
    (a.workstream ?? '') === (b.workstream ?? '') &&
    (a.value ?? '') === (b.value ?? '') &&
    (a.suggestion ?? '') === (b.suggestion ?? '')
  );
}

/**
 * The findings kept so far, by sheet and cell. A cell holds a few findings at
 * most, so a new one is compared with those field by field: a key joining every
 * field (long messages and quoted cells) cost more than all the rest of the
 * collapsing on a tracker with tens of thousands of findings.
 */
class Kept {
  /** One finding where a cell has one (most have), a list where it has more. */
  private readonly bySheet = new Map<string, Map<string, Finding | Finding[]>>();
  /** True when an identical finding was kept before; else keeps this one. */
  seen(f: Finding): boolean {
    let byCell = this.bySheet.get(f.sheet);
    if (!byCell) this.bySheet.set(f.sheet, (byCell = new Map()));
    const known = byCell.get(f.cell);
    if (known === undefined) {
      byCell.set(f.cell, f);
      return false;
    }
    if (!Array.isArray(known)) {
      if (identical(known, f)) return true;
      byCell.set(f.cell, [known, f]);
      return false;
    }
    for (let i = 0; i < known.length; i++) if (identical(known[i], f)) return true;
    known.push(f);
    return false;
  }
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
  const kept = new Kept();
  // Notes of the same code, table, quoted cell and reading, found by their table and
  // quoted cell, then compared: never a key string joining them per note.
  const byTable = new Map<string, Map<string, ReadingGroup[]>>();
  const groups: ReadingGroup[] = [];
  const out: Finding[] = [];
  for (const f of findings) {
    if (kept.seen(f)) continue;
    if (!READINGS.has(f.code) || f.value === undefined) {
      out.push(f);
      continue;
    }
    const table = tableOf(f);
    const said = reading(f.message);
    let byValue = byTable.get(table);
    if (!byValue) byTable.set(table, (byValue = new Map()));
    let list = byValue.get(f.value);
    if (!list) byValue.set(f.value, (list = []));
    const group = list.find((g) => g.code === f.code && g.reading === said);
    if (group) {
      if (!group.cells.includes(f.cell)) group.cells.push(f.cell);
      continue;
    }
    const added = { code: f.code, reading: said, at: out.length, cells: [f.cell] };
    list.push(added);
    groups.push(added);
    out.push(f);
  }
  for (const { at, cells } of groups) {
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
