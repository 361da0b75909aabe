// The message dialog the ribbon command shows when it fails: the commands page
// opened again in dialog mode.

/**
 * Shows a message in an Office dialog (the commands page in dialog mode) and
 * resolves when the user closes it, or after `timeoutMs`, or at once if no dialog
 * can be shown. Never rejects.
 */
export function showMessageDialog(title: string, message: string, timeoutMs = 4 * 60_000): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    let dialog: Office.Dialog | null = null;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try {
        dialog?.close();
      } catch {
        // already closed
      }
      resolve();
    };
    const timer = setTimeout(finish, timeoutMs);
    try {
      const url = new URL('commands.html', window.location.href);
      url.search = new URLSearchParams({ dialog: '1', title, message }).toString();
      Office.context.ui.displayDialogAsync(url.toString(), { height: 30, width: 35, displayInIframe: true }, (res) => {
        if (res.status !== Office.AsyncResultStatus.Succeeded) return finish();
        dialog = res.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, finish);
        dialog.addEventHandler(Office.EventType.DialogEventReceived, finish);
      });
    } catch {
      finish();
    }
  });
}

/** Inside the message dialog: tells the command that opened it to close it. */
export function closeMessageDialog(): void {
  try {
    Office.context.ui.messageParent('close');
  } catch {
    window.close();
  }
}
