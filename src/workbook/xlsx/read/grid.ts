import type { SheetGrid, SkippedSheet, TableDef, WorkbookGrid } from '../../../core/grid';
import { resolveOwnership } from '../../../core/ownership';
import { chooseSettings, settingsFromSheet } from '../../settings-sheet';
import { backslashName, corrupt } from '../errors';
import { MARKER_NAME, decodeMarker } from '../marker';
import { PartIndex } from '../opc/part-names';
import { type Relationship, readRelationships, relsPathFor } from '../opc/relationships';
import { type ReadOptions, type XlsxPackage, findWorkbookPart, guard } from './package';
import { readTable, readWorkbookPart } from './parts';
import { readStoredSettings } from './settings';
import { readSheetXml } from './sheet';
import { readSharedStrings } from './strings';
import { DEFAULT_THEME_COLOURS, readThemeColours } from './colours';
import { readCellStyles } from './styles';

// The unzipped package into the plain grids core works on: every worksheet's
// values, number formats, fills, merged areas and tables, Ragbook's own sheets marked
// with their role, and the settings stored in the workbook.

export function readGrid(pkg: XlsxPackage, opts: ReadOptions = {}): WorkbookGrid {
  const { fileName, entries } = pkg;
  const index = new PartIndex(entries.keys());
  const part = (name: string | null | undefined): Uint8Array | undefined => {
    if (!name) return undefined;
    const key = index.find(name);
    if (key !== undefined && key.includes('\\')) throw backslashName(fileName, name, key);
    return key === undefined ? undefined : entries.get(key);
  };
  const parse = <T>(partName: string, fn: () => T): T => guard(fileName, partName, fn);
  const relsOf = (partName: string): Relationship[] =>
    parse(relsPathFor(partName), () => readRelationships(part(relsPathFor(partName)), partName));

  const workbookPart = findWorkbookPart(pkg, index);
  const workbook = parse(workbookPart, () => readWorkbookPart(part(workbookPart) as Uint8Array));
  const wbRels = relsOf(workbookPart);
  const relById = new Map(wbRels.map((r) => [r.id, r]));
  const relOfKind = (kind: string, fallback: string): string =>
    wbRels.find((r) => r.kind === kind && r.target !== null && part(r.target))?.target ?? fallback;

  const sstPart = relOfKind('sharedStrings', 'xl/sharedStrings.xml');
  const sharedStrings = parse(sstPart, () => readSharedStrings(part(sstPart)));
  const themePart = relOfKind('theme', 'xl/theme/theme1.xml');
  // The theme only colours fills: a damaged one gives Office's default colours
  // rather than refusing a workbook whose cells read fine.
  const themeColours = themeColoursOr(part(themePart));
  const stylesPart = relOfKind('styles', 'xl/styles.xml');
  const styles = parse(stylesPart, () => readCellStyles(part(stylesPart), themeColours));

  // A sheet listed with an empty relationship id has no part to read: it is
  // skipped and named, not taken for damage to the whole workbook.
  const skipped: SkippedSheet[] = workbook.sheets.filter((s) => s.relId === '').map((s) => ({ name: s.name, reason: 'no-part' }));
  // Chart sheets, dialog sheets and macro sheets hold no cells a tracker can use.
  const worksheets = workbook.sheets.filter((s) => {
    if (s.relId === '') return false;
    const rel = relById.get(s.relId);
    return rel === undefined || rel.kind === 'worksheet';
  });

  const sheets: SheetGrid[] = [];
  const properties: (string | null)[] = [];
  worksheets.forEach((s, i) => {
    opts.onProgress?.('read', i, worksheets.length);
    const rel = relById.get(s.relId);
    const sheetPart = rel?.target;
    const bytes = part(sheetPart);
    if (!sheetPart || !bytes) {
      throw corrupt(fileName, `the sheet "${s.name}" is listed but its part is missing`);
    }
    const content = parse(sheetPart, () =>
      readSheetXml(
        bytes,
        { sharedStrings, cellFormats: styles.formats, cellFills: styles.fills, date1904: workbook.date1904 },
        MARKER_NAME,
      ),
    );
    if (!content.isWorksheet) return;

    const sheetRels = new Map(relsOf(sheetPart).map((r) => [r.id, r]));
    const tables: TableDef[] = [];
    for (const id of content.tableRelIds) {
      const target = sheetRels.get(id)?.target;
      const tableBytes = part(target);
      if (!target || !tableBytes) continue;
      const table = parse(target, () => readTable(tableBytes));
      if (table) tables.push(table);
    }

    const grid: SheetGrid = {
      name: s.name,
      rows: content.rows,
      formats: content.formats,
      fills: content.fills,
      merges: content.merges,
      tables,
      hidden: s.state === 'hidden' || s.state === 'veryHidden',
    };
    const markerBytes = content.markerRelId ? part(sheetRels.get(content.markerRelId)?.target) : undefined;
    properties.push(markerBytes ? decodeMarker(markerBytes) : null);
    sheets.push(grid);
  });
  opts.onProgress?.('read', worksheets.length, worksheets.length);

  // Whose each sheet is: the defined names first, the custom properties after (core/ownership.ts).
  const roles = resolveOwnership({ sheets: sheets.map((g, i) => ({ name: g.name, property: properties[i] })), names: workbook.names });
  sheets.forEach((g, i) => {
    const role = roles[i];
    if (role) {
      g.owned = role;
      // Ragbook's own sheets carry no fills the engine reads; the Office host skips them too.
      g.fills = g.rows.map(() => []);
    }
  });

  const result: WorkbookGrid = { name: fileName, sheets, date1904: workbook.date1904 };
  if (skipped.length > 0) result.skipped = skipped;
  const copy = sheets.find((g) => g.owned === 'settings');
  const settings = chooseSettings(readStoredSettings(pkg), copy ? settingsFromSheet(copy) : undefined);
  if (settings !== undefined) result.settings = settings;
  return result;
}

function themeColoursOr(bytes: Uint8Array | undefined): string[] {
  try {
    return readThemeColours(bytes);
  } catch {
    return DEFAULT_THEME_COLOURS.slice();
  }
}
