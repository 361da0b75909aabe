import type { Plan, StyleName } from '../../../core/plan-schema';
import { type SheetToWrite, settingsSheet, settingsSheetName } from '../../settings-sheet';
import { type ZipCodec, jsCodec } from '../codec';
import { REL_TYPE } from '../opc/relationships';
import { attributes, prefixFor } from '../opc/xml-spans';
import { appendToSheet } from './append';
import { XlsxWriteError, asWriteError } from './errors';
import { FreshNames } from './fresh-names';
import { type SheetParts, sheetParts } from './owned';
import { Package } from './package';
import { checkPlanNames } from './plan-names';
import { addPlanStyles } from './plan-styles';
import { unselected } from './selection';
import { storeSettings } from './settings';
import { REL_NS } from './sheet-xml';
import { SHARED_STRINGS_CONTENT_TYPE } from './shared-strings';
import type { SheetBody } from './sheet-body';
import { type SheetWriteContext, markSheet, rewriteSheet, saveSheetRels, sheetRels, writeNewSheet } from './sheets';
import { TableRegistry } from './tables';
import { type FinalSheet, type Layout, editWorkbookPart, pruneCalcChain, sheetElement, workbookView } from './workbook-edits';
import { type WorkbookParts, readWorkbookParts, saveSkeleton } from './workbook';

// Writes a plan into an .xlsx file without loading the workbook into any object
// model: a model drops what it does not understand (charts, pictures, pivot tables,
// validation, extensions), and the workbook is the user's. The package is edited at
// the level of its parts instead:
//
// - every part Ragbook does not own is copied byte for byte, compressed bytes
//   included; the one exception is the sheet whose tab was selected, which loses
//   `tabSelected` when Ragbook's summary becomes the active tab (selection.ts);
// - the few parts it must change are edited as text, by splicing, never
//   re-serialised: [Content_Types].xml, the workbook part (sheet entries, defined
//   names, the active tab), its relationships, the styles part (formats appended
//   at the end of each list, so every existing index keeps its meaning), and the
//   web extension part that holds the settings;
// - Ragbook's sheets are updated in place: a sheet it already has keeps its part,
//   its relationship, its sheetId and its place (sheets.ts); RAG History gets its
//   new rows below the old ones, which are never rewritten (append.ts); a new
//   sheet gets new parts, after the user's sheets;
// - a sheet is written only when the plan names it in `existing` AND it is
//   Ragbook's in that role (core/ownership.ts: its defined name, or its custom
//   property), checked before anything is changed (plan-names.ts);
// - each sheet is marked with a defined name and a custom property, the settings are
//   stored where Office stores an add-in's settings and, as a copy that survives
//   LibreOffice and Google Sheets, on Ragbook's hidden settings sheet.
//
// A file is written whole or not at all, so the plan's `pending` status line, which
// tells Excel users a recalculation stopped part way, is never seen here.
//
// This module is the writer's public face; each step is a file beside it.

export { XlsxWriteError, type XlsxWriteProblem } from './errors';
export { emptyWorkbookPackage, newWorkbookFromPlan } from './new-workbook';
export { SheetBody, newWorkbookFormats } from './sheet-body';

export interface WriteResult {
  bytes: Uint8Array;
  /** The names of the sheets written, in plan order. */
  written: string[];
}

export interface WriteOptions {
  /** Deflation, inflation and CRC-32; the pure JavaScript codec when not given. */
  codec?: ZipCodec;
  /** The rows that follow a new sheet's planned rows (its `following`), by sheet name, packed as they came (sheet-body.ts). */
  bodies?: ReadonlyMap<string, SheetBody>;
}

/** What a write does: the plan's, or (settings saved on their own) only the settings. */
type WriteRequest = Pick<Plan, 'sheets' | 'styles' | 'settingsJson' | 'retire'> & { activate: string | null };

/** The workbook with the plan's sheets and settings written into it; throws XlsxWriteError when it cannot be. */
export function applyPlanToXlsx(original: Uint8Array, plan: Plan, opts: WriteOptions = {}): WriteResult {
  try {
    const bytes = write(original, plan, opts.codec ?? jsCodec, opts.bodies ?? new Map());
    return { bytes, written: plan.sheets.map((s) => s.name) };
  } catch (e) {
    throw asWriteError(e);
  }
}

/** The workbook with only its stored settings changed (JSON, as the plan carries them). */
export function saveSettingsToXlsx(original: Uint8Array, settingsJson: string, opts: WriteOptions = {}): Uint8Array {
  try {
    // The settings sheet uses no named style, so there are none to add.
    const styles = {} as Plan['styles'];
    return write(original, { sheets: [], styles, settingsJson, retire: [], activate: null }, opts.codec ?? jsCodec);
  } catch (e) {
    throw asWriteError(e);
  }
}

interface Job {
  sheet: SheetToWrite;
  old: SheetParts | null;
}

function write(original: Uint8Array, req: WriteRequest, codec: ZipCodec, bodies: ReadonlyMap<string, SheetBody> = new Map()): Uint8Array {
  const pkg = new Package(original, codec);
  const parts = readWorkbookParts(pkg);
  const sheets = sheetParts(pkg, parts);
  const updated = checkPlanNames(req, sheets);
  const jobs: Job[] = req.sheets.map((sheet, i) => ({ sheet, old: updated.get(i) ?? null }));
  const settingsOld = sheets.find((s) => s.role === 'settings') ?? null;
  const taken = [...sheets.map((s) => s.entry.name), ...req.sheets.map((s) => s.name), ...req.retire.map((r) => r.newName)];
  const settingsName = settingsOld?.entry.name ?? settingsSheetName(taken);
  jobs.push({ sheet: settingsSheet(req.settingsJson, settingsName, settingsOld?.entry.name ?? null), old: settingsOld });

  const names = new FreshNames(pkg, parts.ct, [parts.wbRels, parts.rootRels]);
  const styles = addPlanStyles(
    pkg,
    parts,
    req.styles,
    jobs.map((j) => j.sheet),
    names,
    sheets.filter((s) => s.role === null && s.part !== null).map((s) => s.part as string),
    bodies.size > 0,
  );
  checkBodies(jobs, bodies, styles.xf);
  const ctx = { pkg, parts, styles, names, tables: new TableRegistry(pkg, parts), codec, bodies };
  const layout = placeSheets(parts, sheets, jobs, req);

  retire(ctx, sheets, req);
  const relPrefix = prefixFor(parts.wbAttrs, REL_NS);
  let nextSheetId = 1 + Math.max(0, ...parts.sheets.map((s) => (Number.isFinite(s.sheetId) ? s.sheetId : 0)));
  const rewritten = new Set<number>();
  for (const job of jobs) {
    const index = layout.final.findIndex((f) => f.name === job.sheet.name);
    const tabSelected = index === layout.activeTab;
    if (job.old && job.sheet.mode === 'append') appendToSheet(ctx, job.sheet, job.old, tabSelected);
    else if (job.old) {
      rewriteSheet(ctx, job.sheet, job.old, tabSelected);
      rewritten.add(job.old.entry.sheetId);
    } else {
      const relId = writeNewSheet(ctx, job.sheet, tabSelected);
      const f = layout.final[index];
      f.element = sheetElement(parts, { name: f.name, state: f.state, sheetId: nextSheetId++, relId }, relPrefix);
    }
  }
  addSharedStrings(ctx, bodies);
  deselectPrevious(ctx.pkg, sheets, layout, jobs);
  editWorkbookPart(pkg, parts, layout);
  pruneCalcChain(pkg, parts, rewritten);
  storeSettings(pkg, parts, names, req.settingsJson);
  pkg.setText(parts.wbRelsName, parts.wbRels.toXml());
  saveSkeleton(pkg, parts);
  return pkg.toZip();
}

/**
 * Rows given apart (a sheet's `following`) go only into a new sheet, each to the
 * sheet the plan says, below its planned rows, with the formats this write gives:
 * anything else would lose rows or give them another sheet's formats.
 */
function checkBodies(jobs: Job[], bodies: ReadonlyMap<string, SheetBody>, xf: Map<StyleName, number>): void {
  const planned = new Set<string>();
  for (const { sheet, old } of jobs) {
    const following = sheet.mode === 'replace' ? (sheet.following ?? 0) : 0;
    if (!following) continue;
    const body = bodies.get(sheet.name);
    if (old || !body || body.rows !== following || body.firstRow !== sheet.rows.length) {
      throw new XlsxWriteError(
        'invalid-plan',
        `${sheet.name} was not written: ${following} of its rows were not handed to the writer as planned. Please report this.`,
      );
    }
    for (const [name, index] of body.formats) {
      if (xf.get(name) !== index)
        throw new XlsxWriteError(
          'invalid-plan',
          `${sheet.name} was not written: its rows were packed with other formats. Please report this.`,
        );
    }
    planned.add(sheet.name);
  }
  for (const [name, body] of bodies) {
    if (!planned.has(name) && body.rows > 0)
      throw new XlsxWriteError(
        'invalid-plan',
        `rows were handed to the writer for ${name}, which the plan does not write. Please report this.`,
      );
  }
}

/** The shared strings that rows given apart refer to, as a new part of the new workbook. */
function addSharedStrings(ctx: SheetWriteContext, bodies: ReadonlyMap<string, SheetBody>): void {
  const tables = new Set([...bodies.values()].filter((b) => b.rows > 0).map((b) => b.strings));
  if (tables.size > 1)
    throw new XlsxWriteError('invalid-plan', 'rows handed to the writer refer to two tables of shared strings. Please report this.');
  const [strings] = tables;
  if (!strings || strings.size === 0) return;
  const { pkg, parts, names } = ctx;
  if (parts.wbRels.rels.some((r) => /\/sharedStrings$/.test(r.type))) {
    throw new XlsxWriteError(
      'invalid-plan',
      'rows given apart can only go into a new workbook, which has no shared strings yet. Please report this.',
    );
  }
  const part = names.prefer(`${parts.dir}sharedStrings.xml`, `${parts.dir}sharedStrings`, '.xml');
  pkg.set(part, strings.pack(ctx.codec));
  parts.ct.override(part, SHARED_STRINGS_CONTENT_TYPE);
  parts.wbRels.add(`${REL_TYPE}sharedStrings`, part);
}

/**
 * Every sheet after writing, in tab order: the workbook's own (renamed where the
 * plan updates or retires them), then the new ones. The plan's chosen sheet becomes
 * the active tab, unless the user hid it.
 */
function placeSheets(parts: WorkbookParts, sheets: SheetParts[], jobs: Job[], req: WriteRequest): Layout {
  const final: FinalSheet[] = sheets.map((s) => ({ entry: s.entry, name: s.entry.name, state: s.entry.state, role: s.role }));
  for (const r of req.retire) {
    const i = sheets.findIndex((s) => s.entry.name.toLowerCase() === r.name.toLowerCase());
    final[i] = { ...final[i], name: r.newName, role: 'archive' };
  }
  for (const job of jobs) {
    const i = job.old ? sheets.indexOf(job.old) : -1;
    // A sheet made VeryHidden (by a macro or an old tool) can be neither seen nor unhidden by the user: it is shown again.
    // The settings sheet is added hidden; one the user has since shown stays shown, as in Excel.
    const fallback = job.sheet.role === 'settings' ? 'hidden' : 'visible';
    const state = i >= 0 && final[i].state !== 'veryHidden' ? final[i].state : fallback;
    const f: FinalSheet = {
      entry: i >= 0 ? final[i].entry : null,
      name: job.sheet.name,
      state,
      role: job.sheet.role,
      print: job.sheet.print,
    };
    if (i >= 0) final[i] = f;
    else final.push(f);
  }
  const view = workbookView(parts);
  const given = Number(view ? (attributes(parts.wbXml, view).get('activeTab') ?? 0) : 0);
  const wasActive = Number.isInteger(given) && given >= 0 && given < sheets.length ? given : 0;
  const wanted = req.activate === null ? -1 : final.findIndex((f) => f.role !== null && f.name === req.activate);
  const activeTab = wanted >= 0 && final[wanted].state === 'visible' ? wanted : wasActive;
  return { final, wasActive, activeTab };
}

/** Retired sheets: renamed (placeSheets), marked as archives. Their cells are left as they are. */
function retire(ctx: Parameters<typeof markSheet>[0], sheets: SheetParts[], req: WriteRequest): void {
  for (const r of req.retire) {
    const old = sheets.find((s) => s.entry.name.toLowerCase() === r.name.toLowerCase()) as SheetParts;
    if (!old.part || !old.markerPart) continue;
    const { rels, existed } = sheetRels(ctx.pkg, old.part);
    markSheet(ctx, old, 'archive', rels);
    saveSheetRels(ctx, old.part, rels, existed);
  }
}

/** When Ragbook's sheet becomes the active tab, the sheet that was active (not one Ragbook writes) is no longer selected. */
function deselectPrevious(pkg: Package, sheets: SheetParts[], layout: Layout, jobs: Job[]): void {
  if (layout.activeTab === layout.wasActive) return;
  const was = sheets[layout.wasActive];
  if (!was?.part || jobs.some((j) => j.old === was)) return;
  const xml = pkg.text(was.part);
  if (xml === null) return;
  const after = unselected(xml);
  if (after !== xml) pkg.setText(was.part, after);
}
