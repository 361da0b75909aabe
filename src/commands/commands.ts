import { closeMessageDialog, showMessageDialog } from '../workbook/office/dialog';
import { COMMAND_TIMEOUT_MS } from '../workbook/office/constants';
import { NO_ANSWER, RagbookHostError } from '../workbook/office/errors';
import { recalculateInExcel, writeStatusLine } from '../workbook/office/run';
import { checkRequirements, onOfficeReady, registerFunctionCommand } from '../workbook/office/startup';

// The ribbon's "Recalculate summary" button: an ExecuteFunction command that runs
// the same recalculation as the pane without opening it. Ragbook's summary sheet
// is activated by the write itself. On failure the reason goes into the summary
// sheet's status line (when Ragbook has a summary sheet) and into a dialog, and
// Office is always told the command has finished: it never fails silently. A
// watchdog says so when Excel stops answering (a context.sync() that never returns,
// a known Excel on the web failure), where the user would otherwise wait forever.
//
// The same page doubles as that dialog: opened with ?dialog=1 it shows the message
// and an OK button instead of registering the command. Everything that touches
// Office.js, registering the command included, is in workbook/office/.

export const FUNCTION_NAME = 'recalculateSummary';

export interface CommandEvent {
  completed(): void;
}

export interface CommandDeps {
  check(): string | null;
  recalculate(): Promise<unknown>;
  statusLine(text: string): Promise<boolean>;
  dialog(title: string, message: string): Promise<void>;
  now(): Date;
  /** How long Excel may take before the user is told it stopped answering; default COMMAND_TIMEOUT_MS. */
  timeoutMs?: number;
}

const defaultDeps: CommandDeps = {
  check: () => checkRequirements(),
  recalculate: () => recalculateInExcel({}),
  statusLine: (text) => writeStatusLine(text),
  dialog: (title, message) => showMessageDialog(title, message),
  now: () => new Date(),
};

function reasonOf(e: unknown): string {
  if (e instanceof RagbookHostError || (e instanceof Error && e.message)) return e.message;
  return 'Something unexpected stopped the recalculation. Open Ragbook from the Home tab to see more.';
}

/** The work, or a 'no-answer' error once `ms` pass without it settling. */
function watched<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RagbookHostError(NO_ANSWER, 'no-answer')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function clock(d: Date): string {
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Runs the recalculation; reports any failure; always completes the event. */
export async function runRecalculateSummary(event: CommandEvent, deps: CommandDeps = defaultDeps): Promise<void> {
  const timeout = deps.timeoutMs ?? COMMAND_TIMEOUT_MS;
  try {
    const problem = deps.check();
    if (problem) throw new Error(problem);
    await watched(deps.recalculate(), timeout);
  } catch (e) {
    const reason = reasonOf(e);
    try {
      // Excel may not answer this either; the dialog below is shown all the same.
      await watched(deps.statusLine(`Recalculation failed at ${clock(deps.now())}: ${reason}`), Math.min(timeout, 10_000));
    } catch {
      // The dialog below still tells the user.
    }
    try {
      await deps.dialog('Ragbook could not recalculate the summary', reason);
    } catch {
      // Nothing more can be shown; the status line may have been written.
    }
  } finally {
    try {
      event.completed();
    } catch {
      // Office has already given up on the command.
    }
  }
}

/** The dialog mode of this page: shows the message passed in the query string. */
export function renderMessageDialog(doc: Document, params: URLSearchParams, close: () => void): void {
  const main = doc.getElementById('dialog');
  if (!main) return;
  doc.getElementById('dialog-title')!.textContent = params.get('title') ?? 'Ragbook';
  doc.getElementById('dialog-message')!.textContent = params.get('message') ?? '';
  const ok = doc.getElementById('dialog-ok') as HTMLButtonElement;
  ok.addEventListener('click', close);
  main.hidden = false;
  ok.focus();
}

function start(): void {
  if (typeof window === 'undefined') return; // imported by tests in Node
  const params = new URLSearchParams(window.location.search);
  if (params.get('dialog') === '1') {
    onOfficeReady(() => renderMessageDialog(document, params, closeMessageDialog));
    return;
  }
  registerFunctionCommand(FUNCTION_NAME, (event) => runRecalculateSummary(event));
}

start();
