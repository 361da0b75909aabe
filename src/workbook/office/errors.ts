// Failures in Excel, in words a performance officer can act on: every Office.js
// error the adapter meets becomes a RagbookHostError that says what happened, what
// to do, and what became of the workbook.

export const EXCEL_TOO_OLD =
  'This version of Excel is too old for Ragbook. Ragbook needs Excel for Microsoft 365 (version 2008 or later), ' +
  'Excel 2021 or later, Excel for Mac 16.40 or later, or Excel on the web. Update Office (File > Account > ' +
  'Update Options > Update Now), or open the workbook in Excel on the web.';

export const STRUCTURE_PROTECTED =
  "The workbook's structure is protected, so Ragbook cannot add or replace its sheets. Unprotect it (Review > Protect " +
  'Workbook, then enter the password if there is one), then click Recalculate summary again. Your workbook was left as it was.';

export const NO_ANSWER =
  'Excel stopped answering Ragbook while it recalculated (Excel on the web does this when its connection drops). ' +
  'Save your work, reload the workbook (or close and open it again), then click Recalculate summary again. ' +
  "If the summary's status line says a recalculation did not finish, the next one will repair it.";

export type HostErrorCode =
  | 'edit-mode'
  | 'protected'
  | 'unsupported'
  | 'conflict'
  | 'insert-delete'
  | 'changed-meanwhile'
  | 'too-large'
  | 'foreign-sheet'
  | 'not-found'
  | 'hidden'
  | 'invalid-settings'
  | 'invalid-argument'
  | 'inactive-workbook'
  | 'busy'
  | 'no-answer'
  | 'failed';

/**
 * What became of the workbook when an operation failed: left as it was, or
 * Ragbook's sheets part written, with the summary's status line saying so until
 * the next recalculation finishes them (write.ts).
 */
export type Outcome = 'unchanged' | 'unfinished';

/** A failure in Excel, in words a performance officer can act on. */
export class RagbookHostError extends Error {
  override name = 'RagbookHostError';
  constructor(
    message: string,
    readonly code: HostErrorCode,
    readonly officeCode?: string,
    readonly outcome?: Outcome,
  ) {
    super(message);
  }
}

const OUTCOME_TEXT: Record<Outcome, string> = {
  unchanged: 'Your workbook was left as it was.',
  unfinished:
    "Ragbook's sheets were only partly updated: the summary says so at the top, and the next recalculation will finish them. Your own sheets were not changed.",
};

export function officeCode(e: unknown): string | null {
  if (typeof e !== 'object' || e === null) return null;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

/**
 * Turns an Office.js error into a RagbookHostError that says what happened and
 * what to do. `retry` completes "…, then <retry>".
 */
export function toHostError(e: unknown, outcome?: Outcome, retry = 'click Recalculate summary again'): RagbookHostError {
  if (e instanceof RagbookHostError) {
    return outcome && !e.outcome ? new RagbookHostError(withOutcome(e.message, outcome), e.code, e.officeCode, outcome) : e;
  }
  const code = officeCode(e);
  const detail = e instanceof Error ? e.message : String(e);
  let host: HostErrorCode = 'failed';
  let text: string;
  switch (code) {
    // Excel.run waits while a cell is edited (delayForCellEdit); this is what a host that cannot wait says.
    case 'InvalidOperationInCellEditMode':
      host = 'edit-mode';
      text = `Excel is editing a cell. Press Enter or Esc to leave the cell, then ${retry}.`;
      break;
    case 'InsertDeleteConflict':
      host = 'insert-delete';
      text =
        "Excel could not move cells on one of Ragbook's sheets: a table, a filter or merged cells someone added there are in the way. " +
        `Remove them from Ragbook's sheets (your own sheets are not affected), then ${retry}.`;
      break;
    case 'InvalidArgument':
      host = 'invalid-argument';
      text = `Excel did not accept something Ragbook sent it (Excel said: ${detail}). This is a fault in Ragbook, not in your workbook: please report it. ${capitalise(retry)} after saving the workbook.`;
      break;
    case 'InactiveWorkbook':
      host = 'inactive-workbook';
      text = `Another workbook came to the front while Ragbook was working on this one, so Excel stopped it. Click anywhere in this workbook, then ${retry}.`;
      break;
    case 'AccessDenied':
      host = 'protected';
      text =
        'Excel did not let Ragbook add or replace its sheets: the workbook structure or a sheet is protected, or the workbook ' +
        `is open read-only. Unprotect it (Review > Protect Workbook) or save an editable copy, then ${retry}.`;
      break;
    case 'ApiNotFound':
    case 'NotImplemented':
    case 'UnsupportedFeature':
    case 'UnsupportedOperation':
      host = 'unsupported';
      text = EXCEL_TOO_OLD;
      break;
    case 'Conflict':
    case 'DirtySupportingFormula':
      host = 'conflict';
      text = `Someone else changed the workbook at the same moment (co-authoring). Wait a few seconds, then ${retry}.`;
      break;
    case 'ItemAlreadyExists':
      host = 'changed-meanwhile';
      text = `A sheet with a name Ragbook needed was added while it was working. ${capitalise(retry)}.`;
      break;
    case 'ItemNotFound':
      host = 'changed-meanwhile';
      text = `A sheet Ragbook was using was deleted or renamed while it was working. ${capitalise(retry)}.`;
      break;
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
    case 'RangeExceedsLimit':
      host = 'too-large';
      text = `The workbook is too large for Excel to pass to Ragbook in one piece. Close other workbooks or split very large tracker sheets, then ${retry}.`;
      break;
    case 'RequestAborted':
      text = `Excel cancelled the request. ${capitalise(retry)}.`;
      break;
    case 'InvalidOperation':
      text = `Excel refused a change Ragbook tried to make. If the workbook structure is protected (Review > Protect Workbook), unprotect it, then ${retry}. (Excel said: ${detail})`;
      break;
    default:
      text = code
        ? `Excel could not complete the request (${code}: ${detail}). ${capitalise(retry)}; if it happens again, save the workbook, close and reopen it.`
        : `Something went wrong: ${detail}`;
  }
  return new RagbookHostError(outcome ? withOutcome(text, outcome) : text, host, code ?? undefined, outcome);
}

function withOutcome(text: string, outcome: Outcome): string {
  return `${text} ${OUTCOME_TEXT[outcome]}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function isPayloadError(e: unknown): boolean {
  const code = officeCode(e);
  return code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded';
}
