import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, makeStyles, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { officeLoaded, officeThemeBackground, whenOfficeReady } from '../workbook/office/startup';
import { App } from './App';
import { createOfficeHost, type OfficeHost } from './host-office';
import { PreviewApp } from './preview/PreviewApp';
import { isDarkBackground, onPrefersDarkChange, prefersDark } from './theme';

// The pane's entry. Inside Excel it waits for Office.onReady and runs against the
// open workbook. Anywhere else it runs in preview mode: when office.js reports no
// host, when office.js failed to load (offline, blocked: `Office` is undefined), or
// when Office.onReady has not answered within a few seconds. What it asks of
// Office.js it asks through workbook/office/, the one folder that touches it.

/** How long to wait for Office.onReady before offering the preview. */
const OFFICE_READY_TIMEOUT_MS = 2000;

type Mode = 'excel' | 'preview';

const useStyles = makeStyles({
  provider: { minHeight: '100vh' },
});

function officeIsDark(): boolean {
  return isDarkBackground(officeThemeBackground());
}

function useDark(mode: Mode): boolean {
  const [dark, setDark] = useState(() => (mode === 'excel' ? officeIsDark() : prefersDark()));
  useEffect(() => {
    if (mode === 'preview') {
      setDark(prefersDark());
      return onPrefersDarkChange(setDark);
    }
    setDark(officeIsDark());
    // Excel raises no theme-change event for task panes, so look again when the pane regains focus.
    const check = () => setDark(officeIsDark());
    window.addEventListener('focus', check);
    return () => window.removeEventListener('focus', check);
  }, [mode]);
  return dark;
}

let officeHost: OfficeHost | null = null;

function Root({ mode }: { mode: Mode }) {
  const s = useStyles();
  const dark = useDark(mode);
  if (mode === 'excel') officeHost ??= createOfficeHost();
  return (
    // color-scheme makes the browser draw native parts (the date picker's icon, scroll bars) to match.
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className={s.provider} style={{ colorScheme: dark ? 'dark' : 'light' }}>
      {mode === 'excel' && officeHost ? <App host={officeHost} checkHost={officeHost.checkRequirements} /> : <PreviewApp />}
    </FluentProvider>
  );
}

function start(): void {
  const container = document.getElementById('container');
  if (!container) return;
  const root = createRoot(container);
  let mode: Mode | null = null;
  const show = (next: Mode) => {
    if (mode === next || mode === 'excel') return;
    mode = next;
    root.render(<Root mode={next} />);
  };

  if (!officeLoaded()) {
    show('preview');
    return;
  }
  // A slow Excel may answer after the timeout: the preview shown meanwhile is then
  // replaced by the pane, never the other way round.
  const timer = window.setTimeout(() => show('preview'), OFFICE_READY_TIMEOUT_MS);
  whenOfficeReady()
    .then((where) => {
      window.clearTimeout(timer);
      show(where === 'excel' ? 'excel' : 'preview');
    })
    .catch(() => {
      window.clearTimeout(timer);
      show('preview');
    });
}

start();
