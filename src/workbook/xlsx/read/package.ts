import { backslashName, corrupt, notWorkbook, unsafeXml, WorkbookFileError } from '../errors';
import type { ZipCodec } from '../codec';
import { CONTENT_TYPES_PART } from '../opc/content-types';
import { PartIndex } from '../opc/part-names';
import { readRelationships } from '../opc/relationships';
import { XmlError } from '../opc/xml-reader';
import { unzipChecked } from './unzip';

// Opens an .xlsx file: unzips it (unzip.ts), checks the package as a whole, and
// finds its workbook part, or says what the file is instead.

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
  const ct = seen.get(CONTENT_TYPES_PART.toLowerCase());
  if (ct !== undefined) {
    const bytes = pkg.entries.get(ct)!;
    // Searched as bytes read loosely (NULs dropped, so UTF-16 text is found too).
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, Math.min(bytes.length, 8 << 20)));
    if (DOCTYPE.test(text.replace(/\0/g, ''))) throw unsafeXml(pkg.fileName, ct);
  }
}

/** Turns parse failures in one part into a WorkbookFileError that names it. */
export function guard<T>(fileName: string, partName: string, fn: () => T): T {
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
export function findWorkbookPart(pkg: XlsxPackage, index: PartIndex): string {
  const { fileName, entries } = pkg;
  const rootRelsName = index.find('_rels/.rels');
  const rootRels = rootRelsName ? guard(fileName, '_rels/.rels', () => readRelationships(entries.get(rootRelsName), '')) : [];
  const main = rootRels.find((r) => r.kind === 'officeDocument' && r.target !== null)?.target ?? null;
  if (main) {
    const found = index.find(main);
    if (found?.includes('\\')) throw backslashName(fileName, main, found);
    if (found && /\.xml$/i.test(found) && found.toLowerCase().startsWith('xl/')) return found;
    if (/\.bin$/i.test(main)) return fail(fileName, 'an Excel binary workbook (.xlsb)');
    if (/^word\//i.test(main)) return fail(fileName, 'a Word document');
    if (/^ppt\//i.test(main)) return fail(fileName, 'a PowerPoint presentation');
    if (found) return found;
  }
  const fallback = index.find('xl/workbook.xml');
  if (fallback?.includes('\\')) throw backslashName(fileName, 'xl/workbook.xml', fallback);
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
