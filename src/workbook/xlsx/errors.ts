// Why a file could not be read, as a value the UI and the CLI can show as it is.
// Every message names the file and says what the user can do next: the person
// holding the file is often not the person who made it.

export type WorkbookFileProblem = 'not-zip' | 'corrupt' | 'xls' | 'encrypted' | 'not-workbook' | 'too-large' | 'unsafe-xml';

export class WorkbookFileError extends Error {
  readonly problem: WorkbookFileProblem;
  readonly fileName: string;

  constructor(fileName: string, problem: WorkbookFileProblem, message: string) {
    super(message);
    this.name = 'WorkbookFileError';
    this.problem = problem;
    this.fileName = fileName;
    // Keeps `instanceof` working when compiled to ES5-style classes.
    Object.setPrototypeOf(this, WorkbookFileError.prototype);
  }
}

const SAVE_AGAIN = 'Open it in Excel (which may offer to repair it), save it as .xlsx (Excel Workbook), then try again.';

export function notZip(fileName: string): WorkbookFileError {
  return new WorkbookFileError(
    fileName,
    'not-zip',
    `${fileName} is not an Excel workbook (.xlsx): check that you chose the right file, or open it in Excel and save it as .xlsx (Excel Workbook), then try again.`,
  );
}

/** `detail` says what is wrong in words a user can pass on, e.g. "the part xl/worksheets/sheet1.xml ends too early". */
export function corrupt(fileName: string, detail: string): WorkbookFileError {
  return new WorkbookFileError(fileName, 'corrupt', `${fileName} is damaged (${detail}). ${SAVE_AGAIN}`);
}

export function truncated(fileName: string): WorkbookFileError {
  return new WorkbookFileError(
    fileName,
    'corrupt',
    `${fileName} is incomplete: it looks cut short, perhaps by an interrupted download or copy. Get a fresh copy of the file, or open it in Excel (which may offer to repair it) and save it again, then try again.`,
  );
}

export function oldXls(fileName: string): WorkbookFileError {
  return new WorkbookFileError(
    fileName,
    'xls',
    `${fileName} is an old Excel 97-2003 (.xls) workbook. Open it in Excel and save it as .xlsx (Excel Workbook), then try again.`,
  );
}

export function encrypted(fileName: string): WorkbookFileError {
  return new WorkbookFileError(
    fileName,
    'encrypted',
    `${fileName} is protected with a password. Remove the password in Excel (File > Info > Protect Workbook > Encrypt with Password, clear it), save, and try again.`,
  );
}

/** `what` names what the file is instead, e.g. "a Word document" or "a zip archive". */
export function notWorkbook(fileName: string, what: string): WorkbookFileError {
  return new WorkbookFileError(
    fileName,
    'not-workbook',
    `${fileName} is ${what}, not an Excel workbook: choose the .xlsx file, or open this file in Excel and save it as .xlsx (Excel Workbook), then try again.`,
  );
}

export function tooLarge(fileName: string, limitBytes: number): WorkbookFileError {
  const mb = Math.round(limitBytes / (1024 * 1024));
  return new WorkbookFileError(
    fileName,
    'too-large',
    `${fileName} unpacks to more than ${mb} MB, more than Ragbook reads safely (a file built to do this is called a zip bomb); if it is a genuine workbook, remove unused sheets, images or blank formatted rows in Excel, save, and try again.`,
  );
}

/** An entry that inflates to more than its declared size: a zip bomb, or a damaged size field. */
export function sizeLie(fileName: string, part: string): WorkbookFileError {
  return new WorkbookFileError(
    fileName,
    'too-large',
    `${fileName} holds a part (${part}) that unpacks to more than its stated size, the mark of a zip bomb or a damaged file, so Ragbook stopped reading it; if it is a genuine workbook, open it in Excel, save it again, and try again.`,
  );
}

export function unsafeXml(fileName: string, part: string): WorkbookFileError {
  return new WorkbookFileError(
    fileName,
    'unsafe-xml',
    `${fileName} contains a document type declaration in ${part}, which Excel never writes and Ragbook does not read for safety; open it in Excel, save it as .xlsx (Excel Workbook), then try again.`,
  );
}
