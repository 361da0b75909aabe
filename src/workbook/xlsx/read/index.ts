import type { WorkbookGrid } from '../../../core/grid';
import { type ReadOptions, type XlsxPackage, openPackage } from './package';
import { readGrid } from './grid';

// Reads an .xlsx file into the plain grids core works on. Runs unchanged in Node
// and in the browser: bytes in, values out, no file system and no DOM. This module
// is the reader's public face; the work is done by the files beside it.
//
// Safety decisions, because users give us their only copy:
// - The zip is never trusted: declared sizes are checked against a limit before
//   anything is inflated, inflation stops as soon as an entry outgrows what it
//   declared, and every entry's checksum is verified (unzip.ts, on the package
//   layer's directory parser, opc/zip-directory.ts).
// - XML with a DOCTYPE is refused ('unsafe-xml'), never parsed: OOXML forbids
//   DTDs, so a file that has one was not written by Excel, and no entity is ever
//   expanded or fetched (opc/xml-syntax.ts, the writer's rules too).
// - Anything damaged is a WorkbookFileError naming the part, never a half-read grid.

export { WorkbookFileError } from '../errors';
export type { WorkbookFileProblem } from '../errors';
export { DEFAULT_MAX_UNCOMPRESSED_BYTES, openPackage, type ReadOptions, type XlsxPackage } from './package';
export { readGrid } from './grid';
export { MAX_SHARED_STRINGS } from './strings';

export function readXlsx(bytes: Uint8Array, fileName: string, opts: ReadOptions = {}): { pkg: XlsxPackage; grid: WorkbookGrid } {
  const pkg = openPackage(bytes, fileName, opts);
  return { pkg, grid: readGrid(pkg, opts) };
}
