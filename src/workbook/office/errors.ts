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

export type HostErrorCode =
  | 'edit-mode'
  | 'protected'
  | 'unsupported'
  | 'conflict'
  | 'changed-meanwhile'
  | 'too-large'
  | 'foreign-sheet'
  | 'not-found'
  | 'hidden'
  | 'invalid-settings'
  | 'failed';

/** What became of the workbook when an operation failed. */
export type Outcome = 'unchanged' | 'leftovers';

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
  leftovers:
    'Ragbook could not tidy up all of its temporary sheets: you may delete any sheet whose name starts with ~rb-. Your own sheets were not changed.',
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
    case 'InvalidOperationInCellEditMode':
    case 'EditModeCannotAcquireLock':
      host = 'edit-mode';
      text = `Excel is editing a cell. Press Enter or Esc to leave the cell, then ${retry}.`;
      break;
    case 'AccessDenied':
    case 'InsertDeleteConflict':
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
