import * as posix from 'node:path/posix';
import { strFromU8 } from 'fflate';
import { recalculate, type Recalculation } from '../../src/core/engine';
import type { WorkbookGrid } from '../../src/core/grid';
import { readXlsx, WorkbookFileError, type XlsxPackage } from '../../src/workbook/xlsx/read';
import { XlsxWriteError, applyPlanToXlsx } from '../../src/workbook/xlsx/write';
import { AS_OF, NOW } from '../support/report-checks';
import { EDITABLE } from '../support/xlsx-write-checks';
import { type RealWorkbook, type Watchdog, bytesOf, describeError, realworldManifest } from './shared';

// The realworld corpus through Ragbook one workbook at a time, as the command runs:
// read, recalculate, write. Each step is timed under the watchdog; a test keeps only
// what it checks, so the corpus never sits in memory whole.

export interface ReadStep {
  ms: number;
  grid?: WorkbookGrid;
  pkg?: XlsxPackage;
  refused?: WorkbookFileError;
  /** Any other exception: a crash. */
  crash?: string;
}

export interface RecalcStep {
  ms: number;
  recalculation?: Recalculation;
  crash?: string;
}

export interface Processed {
  wb: RealWorkbook;
  input: Uint8Array;
  read: ReadStep;
  /** Only when the workbook was read. */
  recalc?: RecalcStep;
}

export function* eachRealworld(dog: Watchdog): Generator<Processed> {
  for (const wb of realworldManifest()) {
    const input = bytesOf(wb.file);
    const r = dog.run(`reading ${wb.id}`, () => readXlsx(input, wb.name));
    const read: ReadStep = { ms: r.ms };
    if (r.value) Object.assign(read, r.value);
    else if (r.error instanceof WorkbookFileError) read.refused = r.error;
    else read.crash = describeError(r.error);
    if (!read.grid) {
      yield { wb, input, read };
      continue;
    }
    const grid = read.grid;
    const c = dog.run(`recalculating ${wb.id}`, () => recalculate(grid, { asOf: AS_OF, now: NOW }));
    const recalc: RecalcStep = { ms: c.ms };
    if (c.value) recalc.recalculation = c.value;
    else recalc.crash = describeError(c.error);
    yield { wb, input, read, recalc };
  }
}

export interface WriteStep {
  ms: number;
  bytes?: Uint8Array;
  /** The writer's own refusal (Strict Open XML, a protected workbook structure …). */
  refused?: XlsxWriteError;
  crash?: string;
}

/** Writes the recalculation's plan into the workbook, as the command does. */
export function writeStep(dog: Watchdog, p: Processed): WriteStep | null {
  const plan = p.recalc?.recalculation?.plan;
  if (!plan) return null;
  const w = dog.run(`writing ${p.wb.id}`, () => applyPlanToXlsx(p.input, plan));
  if (w.value) return { ms: w.ms, bytes: w.value.bytes };
  if (w.error instanceof XlsxWriteError) return { ms: w.ms, refused: w.error };
  return { ms: w.ms, crash: describeError(w.error) };
}

/** The target of the first relationship of a type in a relationships part, resolved from `dir`. */
function targetOf(relsXml: string, type: string, dir: string): string | null {
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*(["'])(.*?)\\1`).exec(m[1])?.[2];
    const target = attr('Target');
    if (!attr('Type')?.endsWith(`/${type}`) || !target) continue;
    return target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dir, target));
  }
  return null;
}

/**
 * The parts the writer may edit in one package: the usual ones, and the workbook
 * part, its relationships and its styles part wherever the package keeps them (a
 * few files keep the workbook at workbook.xml or wtf/workbook.xml, not xl/).
 */
export function editablePartsOf(entries: Map<string, Uint8Array>): Set<string> {
  const byName = new Map([...entries.keys()].map((k) => [k.toLowerCase(), k]));
  const text = (name: string) => {
    const key = byName.get(name.toLowerCase());
    return key === undefined ? '' : strFromU8(entries.get(key)!);
  };
  const editable = new Set(EDITABLE);
  const workbook = targetOf(text('_rels/.rels'), 'officeDocument', '');
  if (workbook) {
    const dir = posix.dirname(workbook);
    const rels = posix.join(dir, '_rels', `${posix.basename(workbook)}.rels`);
    const styles = targetOf(text(rels), 'styles', dir);
    for (const part of [workbook, rels, styles]) if (part) editable.add(part);
  }
  return editable;
}
