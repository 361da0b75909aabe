import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { Settings } from '../../core/settings';
import { App } from '../App';
import type { Host } from '../host';
import { Notice } from '../Notice';
import { cellLabel, errorMessage } from '../format';
import { DirectoratePane } from './DirectoratePane';
import { FilePicker } from './FilePicker';
import type { ChosenFile, OpenedWorkbook } from './session';

// The pane outside Office: open an .xlsx, run the same engine in the browser, show
// the same result, and download the updated workbook. Open several, and the pane
// shows the directorate view of them all (ragbook rollup's) and downloads the
// directorate workbook. The files never leave the browser.

type Session = typeof import('./session');

let sessionModule: Promise<Session> | null = null;

/** The .xlsx reader, writer and engine, as a separate chunk loaded only here. */
export function loadSession(): Promise<Session> {
  sessionModule ??= import(/* webpackChunkName: "preview-xlsx" */ './session');
  return sessionModule;
}

const XLSX_ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const useStyles = makeStyles({
  toolbar: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  status: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

interface Output {
  bytes: Uint8Array;
  name: string;
  written: string[];
}

export function PreviewApp() {
  const s = useStyles();
  const workbook = useRef<OpenedWorkbook | null>(null);
  const editedSettings = useRef<Settings | null>(null);
  /** The file being read, if any: Recalculate pressed meanwhile waits for it rather than doing nothing. */
  const opened = useRef<Promise<void> | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [documentKey, setDocumentKey] = useState(0);
  const [opening, setOpening] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [output, setOutput] = useState<Output | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Several workbooks opened at once: the directorate view. */
  const [directorate, setDirectorate] = useState<ChosenFile[] | null>(null);

  // Start fetching the reader while the user finds their file.
  useEffect(() => {
    loadSession().catch(() => undefined);
  }, []);

  const host = useMemo<Host>(
    () => ({
      mode: 'preview',
      async recalculate(asOf, onProgress) {
        if (opened.current) {
          onProgress('Opening the workbook', 0, 1);
          await opened.current;
        }
        const wb = workbook.current;
        if (!wb) throw new Error('Open a workbook first: choose an .xlsx file with the button above.');
        setNotice(null);
        const session = await loadSession();
        const run = await session.recalculateWorkbook(wb, asOf, editedSettings.current, onProgress);
        setOutput({ bytes: run.bytes, name: session.outputName(wb.fileName), written: run.written });
        return run.result;
      },
      async goToCell(sheet, cell) {
        // There is no sheet to select in a browser: say where the cell is instead.
        setNotice(`${cellLabel(sheet, cell)} — open the downloaded workbook in Excel to edit it.`);
      },
      async loadSettings() {
        const session = await loadSession();
        return session.settingsFor(workbook.current, editedSettings.current);
      },
      async saveSettings(settings) {
        // Kept for this page; they are written into the workbook at the next recalculation.
        editedSettings.current = settings;
      },
    }),
    [],
  );

  const rollUp = useCallback<Parameters<typeof DirectoratePane>[0]['rollUp']>(
    async (files, asOf, onProgress) => (await loadSession()).rollupFiles(files, asOf, onProgress),
    [],
  );

  const openFiles = useCallback((files: File[]) => {
    if (files.length === 1) {
      setDirectorate(null);
      open(files[0]);
      return;
    }
    workbook.current = null;
    setFileName(null);
    setOpenError(null);
    setOutput(null);
    setNotice(null);
    setDirectorate(files.map((f) => ({ name: f.name, bytes: async () => new Uint8Array(await f.arrayBuffer()) })));
    setDocumentKey((k) => k + 1);
  }, []);

  const open = (file: File) => {
    const reading = read(file);
    opened.current = reading;
    void reading.finally(() => {
      if (opened.current === reading) opened.current = null;
    });
  };

  const read = async (file: File) => {
    setOpening(file.name);
    setOpenError(null);
    setOutput(null);
    setNotice(null);
    try {
      const session = await loadSession();
      const bytes = new Uint8Array(await file.arrayBuffer());
      workbook.current = session.openWorkbook(bytes, file.name);
      setFileName(file.name);
    } catch (e) {
      workbook.current = null;
      setFileName(null);
      setOpenError(errorMessage(e));
    } finally {
      editedSettings.current = null;
      setDocumentKey((k) => k + 1);
      setOpening(null);
    }
  };

  const download = useCallback(() => {
    if (!output) return;
    const url = URL.createObjectURL(new Blob([output.bytes as Uint8Array<ArrayBuffer>], { type: XLSX_MIME }));
    const a = document.createElement('a');
    a.href = url;
    a.download = output.name;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    // Revoked later: some browsers read the blob after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }, [output]);

  const toolbar = (
    <div className={s.toolbar}>
      <div className={s.buttons}>
        <FilePicker label="Open workbook" accept={XLSX_ACCEPT} multiple onFiles={openFiles} busy={opening !== null} />
        <Button appearance="secondary" disabledFocusable={!output} aria-describedby="download-status" onClick={download}>
          Download workbook
        </Button>
      </div>
      <p id="download-status" className={s.status} role="status">
        {opening
          ? `Opening ${opening}…`
          : output
            ? `Ready to download: ${output.name}${output.written.length ? `, with ${output.written.join(', ')}` : ''}.`
            : directorate
              ? `Opened ${directorate.length} workbooks for one directorate view.`
              : fileName
                ? `Opened ${fileName}. Recalculate to make the updated workbook.`
                : 'No workbook open. Choose one, or several for a directorate view. Your files are read in this browser and are not uploaded.'}
      </p>
      {openError && (
        <Notice intent="error" title="The workbook could not be opened">
          {openError}
        </Notice>
      )}
    </div>
  );

  if (directorate) {
    return <DirectoratePane key={documentKey} files={directorate} toolbar={toolbar} rollUp={rollUp} onOutput={setOutput} />;
  }

  return (
    <App
      host={host}
      toolbar={toolbar}
      blockedReason={fileName || opening ? null : 'Open a workbook first.'}
      notice={notice}
      documentKey={String(documentKey)}
    />
  );
}
