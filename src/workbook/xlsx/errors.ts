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

/**
 * The kind of workbook the file's name says it is, and how to save one again
 * without losing anything: a workbook with macros saved as .xlsx loses them, so
 * an .xlsm (or a macro-enabled template or add-in) is never told to become one.
 */
function kindOf(fileName: string): { noun: string; saveAs: string } {
  const ext = /\.(xlsm|xltm|xlam)$/i.exec(fileName)?.[1].toLowerCase();
  if (ext === 'xltm')
    return {
      noun: 'Excel macro-enabled template (.xltm)',
      saveAs: 'save it as .xltm (Excel Macro-Enabled Template), which keeps its macros',
    };
  if (ext === 'xlam') return { noun: 'Excel add-in (.xlam)', saveAs: 'save it as .xlam (Excel Add-in), which keeps its macros' };
  if (ext === 'xlsm')
    return {
      noun: 'Excel macro-enabled workbook (.xlsm)',
      saveAs: 'save it as .xlsm (Excel Macro-Enabled Workbook), which keeps its macros',
    };
  return { noun: 'Excel workbook (.xlsx)', saveAs: 'save it as .xlsx (Excel Workbook)' };
}

function saveAgain(fileName: string): string {
  return `Open it in Excel (which may offer to repair it), ${kindOf(fileName).saveAs}, then try again.`;
}

export function notZip(fileName: string): WorkbookFileError {
  const kind = kindOf(fileName);
  return new WorkbookFileError(
    fileName,
    'not-zip',
    `${fileName} is not an ${kind.noun}: check that you chose the right file, or open it in Excel and ${kind.saveAs}, then try again.`,
  );
}

/** `detail` says what is wrong in words a user can pass on, e.g. "the part xl/worksheets/sheet1.xml ends too early". */
export function corrupt(fileName: string, detail: string): WorkbookFileError {
  return new WorkbookFileError(fileName, 'corrupt', `${fileName} is damaged (${detail}). ${saveAgain(fileName)}`);
}

/**
 * A part found only under a name written with backslashes (`xl\workbook.xml`),
 * which some tools write and the Open XML format does not allow: named as such,
 * not as missing, so whoever made the file can be told what is wrong with it.
 */
export function backslashName(fileName: string, part: string, stored: string): WorkbookFileError {
  return corrupt(fileName, `the part ${part} is stored under a name with backslashes (${stored}), which Excel workbooks never use`);
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
    `${fileName} is ${what}, not an Excel workbook: choose the workbook itself, or open this file in Excel and ${kindOf(fileName).saveAs}, then try again.`,
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
    `${fileName} contains a document type declaration in ${part}, which Excel never writes and Ragbook does not read for safety; open it in Excel, ${kindOf(fileName).saveAs}, then try again.`,
  );
}
