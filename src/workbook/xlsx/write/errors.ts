import { ZipDirectoryError } from '../opc/zip-directory';
import { XmlError } from '../opc/xml-syntax';
import { ZipWriteError } from './zip';

// Why a workbook could not be updated, as a value the UI and the CLI show as it is.

export type XlsxWriteProblem = 'strict' | 'damaged' | 'unsafe-xml' | 'protected' | 'name-taken' | 'not-owned' | 'invalid-plan';

export class XlsxWriteError extends Error {
  readonly problem: XlsxWriteProblem;
  constructor(problem: XlsxWriteProblem, message: string) {
    super(message);
    this.name = 'XlsxWriteError';
    this.problem = problem;
    Object.setPrototypeOf(this, XlsxWriteError.prototype);
  }
}

export const STRICT_MESSAGE =
  'This workbook is saved as Strict Open XML, and Ragbook cannot write Strict Open XML workbooks safely. ' +
  'In Excel choose File > Save As, pick "Excel Workbook (*.xlsx)" as the type, then run Ragbook on that copy.';

export const PROTECTED_MESSAGE =
  "The workbook's structure is protected, so sheets cannot be added to it. In Excel choose Review > Protect Workbook to unprotect it, save, and try again.";

/**
 * What the package layer and the part editors throw, in the writer's words: a
 * DOCTYPE anywhere the writer looks is refused as the reader refuses it, and any
 * other damage says what it is.
 */
export function asWriteError(e: unknown): unknown {
  if (e instanceof XmlError && e.unsafe) {
    return new XlsxWriteError(
      'unsafe-xml',
      'The workbook cannot be updated because one of its parts contains a document type declaration, which Excel never writes and Ragbook does not read for safety. Open it in Excel, save it again in the same format (a workbook with macros as .xlsm, so they are kept), and try again.',
    );
  }
  if (e instanceof ZipWriteError || e instanceof ZipDirectoryError || e instanceof XmlError) {
    return new XlsxWriteError(
      'damaged',
      `The workbook cannot be updated because it is damaged (${e.message}). Open it in Excel, save it, and try again.`,
    );
  }
  return e;
}
