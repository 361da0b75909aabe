import type { Plan } from '../../../core/plan-schema';
import { type ZipCodec, jsCodec } from '../codec';
import { asWriteError } from './errors';
import { FreshNames } from './fresh-names';
import { Package } from './package';
import { checkPlanNames } from './plan-names';
import { addPlanStyles } from './plan-styles';
import { removeReplacedSheets } from './replace';
import { storeSettings } from './settings';
import { addSheetParts, placeSheets } from './sheets';
import { readSkeleton, readWorkbookParts, saveSkeleton } from './workbook';
import { editWorkbookPart, pruneCalcChain } from './workbook-edits';

// Writes a plan into an .xlsx file without loading the workbook into any object
// model: a model drops what it does not understand (charts, pictures, pivot tables,
// validation, extensions), and the workbook is the user's. The package is edited at
// the level of its parts instead:
//
// - every part Ragbook does not own is copied byte for byte, compressed bytes
//   included;
// - the few parts it must change are edited as text, by splicing, never
//   re-serialised: [Content_Types].xml (overrides for new parts), the workbook part
//   (sheet entries), its relationships, the styles part (formats appended at the end
//   of each list, so every existing index keeps its meaning), and the web extension
//   part that holds the settings;
// - Ragbook's sheets are new parts, each with a custom-property part that marks it
//   as Ragbook's (see marker.ts);
// - a sheet is replaced only when the plan names it in `replaces` AND it carries
//   Ragbook's marker. It keeps its place in the tab order, so sheet-scoped names
//   (localSheetId is a position) stay right for every other sheet; new sheets go
//   at the end for the same reason;
// - the plan's settings are stored where Office stores an add-in's settings, so
//   the next recalculation, here or in Excel, reads them (settings.ts).
//
// This module is the writer's public face; each step is a file beside it.

export { XlsxWriteError, type XlsxWriteProblem } from './errors';
export { emptyWorkbookPackage, newWorkbookFromPlan } from './new-workbook';

export interface WriteResult {
  bytes: Uint8Array;
  /** The names of the sheets written, in plan order. */
  written: string[];
}

export interface WriteOptions {
  /** Deflation, inflation and CRC-32; the pure JavaScript codec when not given. */
  codec?: ZipCodec;
}

/** The workbook with the plan's sheets and settings written into it; throws XlsxWriteError when it cannot be. */
export function applyPlanToXlsx(original: Uint8Array, plan: Plan, opts: WriteOptions = {}): WriteResult {
  try {
    return writePlan(original, plan, opts.codec ?? jsCodec);
  } catch (e) {
    throw asWriteError(e);
  }
}

/** The workbook with only its stored settings changed (JSON, as the plan carries them). */
export function saveSettingsToXlsx(original: Uint8Array, settingsJson: string, opts: WriteOptions = {}): Uint8Array {
  try {
    const pkg = new Package(original, opts.codec ?? jsCodec);
    const skeleton = readSkeleton(pkg);
    storeSettings(pkg, skeleton, new FreshNames(pkg, skeleton.ct, [skeleton.rootRels]), settingsJson);
    saveSkeleton(pkg, skeleton);
    return pkg.toZip();
  } catch (e) {
    throw asWriteError(e);
  }
}

function writePlan(original: Uint8Array, plan: Plan, codec: ZipCodec): WriteResult {
  const pkg = new Package(original, codec);
  const parts = readWorkbookParts(pkg);
  checkPlanNames(plan, parts.sheets);
  const replaced = removeReplacedSheets(pkg, parts, plan);
  const names = new FreshNames(pkg, parts.ct, [parts.wbRels, parts.rootRels]);
  const styles = addPlanStyles(pkg, parts, plan, names);
  const layout = placeSheets(parts, plan, replaced);
  const elements = addSheetParts(pkg, parts, plan, { styles, layout, replaced, names, codec });
  editWorkbookPart(pkg, parts, layout, elements, replaced);
  pruneCalcChain(pkg, parts, replaced.goneSheetIds);
  storeSettings(pkg, parts, names, plan.settingsJson);
  pkg.setText(parts.wbRelsName, parts.wbRels.toXml());
  saveSkeleton(pkg, parts);
  return { bytes: pkg.toZip(), written: plan.sheets.map((s) => s.name) };
}
