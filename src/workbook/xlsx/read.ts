import type { ZipCodec } from './codec';
import type { SheetGrid, TableDef, WorkbookGrid } from '../../core/grid';
import { parseArea } from '../../core/grid';
import { WorkbookFileError, corrupt, notWorkbook, unsafeXml } from './errors';
import { MARKER_NAME, decodeMarker } from './marker';
import { PartIndex, type Relationship, readRelationships, relsPathFor } from './rels';
import { readSheetXml, readStringItem } from './sheet-read';
import { readCellFormats } from './styles-read';
import { END, OPEN, XmlError, XmlReader, decodeOoxmlEscapes } from './xml';
import { unzipChecked } from './zip';

// Reads an .xlsx file into the plain grids core works on. Runs unchanged in Node
// and in the browser: bytes in, values out, no file system and no DOM.
//
// Safety decisions, because users give us their only copy:
// - The zip is never trusted: declared sizes are checked against a limit before
//   anything is inflated, inflation stops as soon as an entry outgrows what it
//   declared, and every entry's checksum is verified (see zip.ts).
// - XML with a DOCTYPE is refused ('unsafe-xml'), never parsed: OOXML forbids
//   DTDs, so a file that has one was not written by Excel, and no entity is ever
//   expanded or fetched (see xml.ts).
// - Anything damaged is a WorkbookFileError naming the part, never a half-read grid.

export { WorkbookFileError } from './errors';
export type { WorkbookFileProblem } from './errors';

/**
 * The unzipped package. `entries` holds every zip entry, INFLATED (uncompressed
 * bytes), keyed by its name exactly as stored, in the order of the zip's central
 * directory; directory entries are left out. A writer can copy the entries it
 * does not change as they are.
 */
export interface XlsxPackage {
  fileName: string;
  entries: Map<string, Uint8Array>;
}

export interface ReadOptions {
  /** Upper bound on the total unpacked size of all entries; default 1 GiB. */
  maxUncompressedBytes?: number;
  /** Called with ('unzip', entriesDone, entryCount) and ('read', sheetsDone, sheetCount). */
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Inflation and CRC-32; the pure JavaScript codec when not given (the command passes Node's zlib). */
  codec?: ZipCodec;
}

export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024;

/** The name of the web extension property that carries Ragbook's settings. */
export const SETTINGS_PROPERTY = 'RagbookSettings';

export function openPackage(bytes: Uint8Array, fileName: string, opts: ReadOptions = {}): XlsxPackage {
  const entries = unzipChecked(bytes, fileName, {
    maxUncompressedBytes: opts.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES,
    onProgress: opts.onProgress,
    codec: opts.codec,
  });
  const pkg: XlsxPackage = { fileName, entries };
  checkPackage(pkg);
  findWorkbookPart(pkg, new PartIndex(entries.keys()));
  return pkg;
}

const DOCTYPE = /<!doctype/i;

/**
 * OPC part names are case-insensitive, so two names differing only in case are one
 * part told two ways: which one Excel reads is unknowable, so neither is. And the
 * content types part, which the writer edits, gets the same DOCTYPE refusal as the
 * parts the reader parses.
 */
function checkPackage(pkg: XlsxPackage): void {
  const seen = new Map<string, string>();
  for (const name of pkg.entries.keys()) {
    const key = name.toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) {
      throw corrupt(pkg.fileName, `it holds two parts whose names differ only in case (${other} and ${name})`);
    }
    seen.set(key, name);
  }
  const ct = seen.get('[content_types].xml');
  if (ct !== undefined) {
    const bytes = pkg.entries.get(ct)!;
    // Searched as bytes read loosely (NULs dropped, so UTF-16 text is found too).
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, Math.min(bytes.length, 8 << 20)));
    if (DOCTYPE.test(text.replace(/\0/g, ''))) throw unsafeXml(pkg.fileName, ct);
  }
}

export function readXlsx(bytes: Uint8Array, fileName: string, opts: ReadOptions = {}): { pkg: XlsxPackage; grid: WorkbookGrid } {
  const pkg = openPackage(bytes, fileName, opts);
  return { pkg, grid: readGrid(pkg, opts) };
}

export function readGrid(pkg: XlsxPackage, opts: ReadOptions = {}): WorkbookGrid {
  const { fileName, entries } = pkg;
  const index = new PartIndex(entries.keys());
  const part = (name: string | null | undefined): Uint8Array | undefined => {
    if (!name) return undefined;
    const key = index.find(name);
    return key === undefined ? undefined : entries.get(key);
  };
  const parse = <T>(partName: string, fn: () => T): T => guard(fileName, partName, fn);
  const relsOf = (partName: string): Relationship[] =>
    parse(relsPathFor(partName), () => readRelationships(part(relsPathFor(partName)), partName));

  const workbookPart = findWorkbookPart(pkg, index);
  const workbook = parse(workbookPart, () => readWorkbook(part(workbookPart) as Uint8Array));
  const wbRels = relsOf(workbookPart);
  const relById = new Map(wbRels.map((r) => [r.id, r]));
  const relOfKind = (kind: string, fallback: string): string =>
    wbRels.find((r) => r.kind === kind && r.target !== null && part(r.target))?.target ?? fallback;

  const sstPart = relOfKind('sharedStrings', 'xl/sharedStrings.xml');
  const sharedStrings = parse(sstPart, () => readSharedStrings(part(sstPart)));
  const stylesPart = relOfKind('styles', 'xl/styles.xml');
  const cellFormats = parse(stylesPart, () => readCellFormats(part(stylesPart)));

  // Chart sheets, dialog sheets and macro sheets hold no cells a tracker can use.
  const worksheets = workbook.sheets.filter((s) => {
    const rel = relById.get(s.relId);
    return rel === undefined || rel.kind === 'worksheet';
  });

  const sheets: SheetGrid[] = [];
  worksheets.forEach((s, i) => {
    opts.onProgress?.('read', i, worksheets.length);
    const rel = relById.get(s.relId);
    const sheetPart = rel?.target;
    const bytes = part(sheetPart);
    if (!sheetPart || !bytes) {
      throw corrupt(fileName, `the sheet "${s.name}" is listed but its part is missing`);
    }
    const content = parse(sheetPart, () => readSheetXml(bytes, { sharedStrings, cellFormats, date1904: workbook.date1904 }, MARKER_NAME));
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
      merges: content.merges,
      tables,
      hidden: s.state === 'hidden' || s.state === 'veryHidden',
    };
    if (content.markerRelId) {
      const markerBytes = part(sheetRels.get(content.markerRelId)?.target);
      const role = markerBytes ? decodeMarker(markerBytes) : null;
      if (role) grid.owned = role;
    }
    sheets.push(grid);
  });
  opts.onProgress?.('read', worksheets.length, worksheets.length);

  const result: WorkbookGrid = { name: fileName, sheets, date1904: workbook.date1904 };
  const settings = readSettings(pkg, (name, fn) => parse(name, fn));
  if (settings !== undefined) result.settings = settings;
  return result;
}

/** Turns parse failures in one part into a WorkbookFileError that names it. */
function guard<T>(fileName: string, partName: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof WorkbookFileError) throw err;
    if (err instanceof XmlError) {
      if (err.unsafe) throw unsafeXml(fileName, partName);
      throw corrupt(fileName, `the part ${partName} cannot be read: ${err.message}`);
    }
    const why = err instanceof Error ? err.message : String(err);
    throw corrupt(fileName, `the part ${partName} cannot be read: ${why}`);
  }
}

/** The main workbook part, or a 'not-workbook' error that says what the file is instead. */
function findWorkbookPart(pkg: XlsxPackage, index: PartIndex): string {
  const { fileName, entries } = pkg;
  const rootRelsName = index.find('_rels/.rels');
  const rootRels = rootRelsName ? guard(fileName, '_rels/.rels', () => readRelationships(entries.get(rootRelsName), '')) : [];
  const main = rootRels.find((r) => r.kind === 'officeDocument' && r.target !== null)?.target ?? null;
  if (main) {
    const found = index.find(main);
    if (found && /\.xml$/i.test(found) && found.toLowerCase().startsWith('xl/')) return found;
    if (/\.bin$/i.test(main)) return fail(fileName, 'an Excel binary workbook (.xlsb)');
    if (/^word\//i.test(main)) return fail(fileName, 'a Word document');
    if (/^ppt\//i.test(main)) return fail(fileName, 'a PowerPoint presentation');
    if (found) return found;
  }
  const fallback = index.find('xl/workbook.xml');
  if (fallback) return fallback;
  if (index.find('xl/workbook.bin')) return fail(fileName, 'an Excel binary workbook (.xlsb)');
  const mimetype = entries.get(index.find('mimetype') ?? '');
  const mime = mimetype ? new TextDecoder().decode(mimetype.subarray(0, 200)) : '';
  if (mime.includes('opendocument.spreadsheet')) return fail(fileName, 'an OpenDocument spreadsheet (.ods)');
  if (mime.includes('opendocument.text')) return fail(fileName, 'an OpenDocument text document (.odt)');
  if (index.find('word/document.xml')) return fail(fileName, 'a Word document');
  if (index.find('ppt/presentation.xml')) return fail(fileName, 'a PowerPoint presentation');
  return fail(fileName, 'a zip archive');
}

function fail(fileName: string, what: string): never {
  throw notWorkbook(fileName, what);
}

interface WorkbookPart {
  date1904: boolean;
  sheets: { name: string; relId: string; state: string }[];
}

function readWorkbook(bytes: Uint8Array): WorkbookPart {
  const x = new XmlReader(bytes);
  const out: WorkbookPart = { date1904: false, sheets: [] };
  for (let t = x.next(); t !== END; t = x.next()) {
    if (t !== OPEN) continue;
    if (x.depth === 1) {
      if (x.name !== 'workbook') throw new XmlError(`its root element is <${x.name}>, not <workbook>`);
    } else if (x.depth === 2) {
      if (x.name === 'workbookPr') {
        const v = (x.attr('date1904') ?? '').trim().toLowerCase();
        out.date1904 = v === '1' || v === 'true';
      } else if (x.name !== 'sheets') {
        x.skipElement();
      }
    } else if (x.depth === 3 && x.name === 'sheet' && x.at(2) === 'sheets') {
      out.sheets.push({
        name: x.attr('name') ?? `Sheet${out.sheets.length + 1}`,
        relId: x.attr('id') ?? '',
        state: x.attr('state') ?? 'visible',
      });
    }
  }
  return out;
}

/**
 * More distinct strings than a full sheet has cells is not a workbook Excel made;
 * a few hundred kilobytes of empty items could otherwise fill the memory.
 */
export const MAX_SHARED_STRINGS = 10_000_000;

function readSharedStrings(bytes: Uint8Array | undefined): string[] {
  const out: string[] = [];
  if (!bytes) return out;
  const x = new XmlReader(bytes);
  for (let t = x.next(); t !== END; t = x.next()) {
    if (t === OPEN && x.depth === 2 && x.name === 'si') {
      if (out.length >= MAX_SHARED_STRINGS) {
        throw new XmlError(`it holds more than ${MAX_SHARED_STRINGS.toLocaleString('en-GB')} shared strings, more than Ragbook reads`);
      }
      out.push(decodeOoxmlEscapes(readStringItem(x)));
    }
  }
  return out;
}

function readTable(bytes: Uint8Array): TableDef | null {
  const x = new XmlReader(bytes);
  for (let t = x.next(); t !== END; t = x.next()) {
    if (t !== OPEN || x.depth !== 1) continue;
    if (x.name !== 'table') return null;
    const area = parseArea(x.attr('ref') ?? '');
    const name = x.attr('displayName') || x.attr('name');
    if (!area || !name) return null;
    return { name, area, hasHeader: Number(x.attr('headerRowCount') ?? 1) !== 0 };
  }
  return null;
}

/**
 * Settings travel in a task-pane web extension part as a property whose value is
 * JSON (Office stores it as a JSON string, so it may be quoted twice). A value
 * that is not JSON is returned as it is: the caller validates settings and says
 * what is wrong with them; reading must not fail because of them.
 */
function readSettings(pkg: XlsxPackage, parse: <T>(name: string, fn: () => T) => T): unknown {
  for (const [name, bytes] of pkg.entries) {
    if (!/^\/?xl\/webextensions\/webextension[^/]*\.xml$/i.test(name)) continue;
    const raw = parse(name, () => {
      const x = new XmlReader(bytes);
      for (let t = x.next(); t !== END; t = x.next()) {
        if (t === OPEN && x.name === 'property' && x.attr('name') === SETTINGS_PROPERTY) return x.attr('value');
      }
      return undefined;
    });
    if (raw !== undefined) return parseSettingsValue(raw);
  }
  return undefined;
}

export function parseSettingsValue(raw: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return raw;
  }
  if (typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}
