import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import { todayIso } from '../../core/iso-date';
import type { Rollup } from '../../core/rollup';
import { plural } from '../../core/rollup-headline';
import { errorMessage } from '../format';
import { usePageStyles } from '../page-styles';
import { Notice } from '../Notice';
import { ProgressView } from '../ProgressView';
import { RecalculateBar } from '../RecalculateBar';
import { DirectorateView } from './DirectorateView';
import type { ChosenFile } from './session';

// Preview mode with several workbooks open: ragbook rollup in the browser. The
// trackers are read one after another, the pane drawn between them, as soon as they
// are opened (at today's date; a new as-of date and Recalculate summary read them
// again), and the directorate workbook is handed up for Download workbook.

const useStyles = makeStyles({
  tagline: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  empty: { margin: 0, color: tokens.colorNeutralForeground2 },
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

export interface DirectorateOutput {
  bytes: Uint8Array;
  name: string;
  written: string[];
}

export interface DirectoratePaneProps {
  files: ChosenFile[];
  /** The preview's Open and Download controls. */
  toolbar: ReactNode;
  /** Runs the directorate view (the preview session's rollupFiles, loaded on demand). */
  rollUp: (
    files: ChosenFile[],
    asOf: string,
    onProgress: (stage: string, done: number, total: number) => void,
  ) => Promise<DirectorateOutput & { rollup: Rollup; passedOver: string[] }>;
  /** The directorate workbook, once made, for Download workbook. */
  onOutput: (output: DirectorateOutput | null) => void;
  now?: () => Date;
}

interface Running {
  stage: string;
  done: number;
  total: number;
}

export function DirectoratePane({ files, toolbar, rollUp, onOutput, now }: DirectoratePaneProps) {
  const page = usePageStyles();
  const s = useStyles();
  const [asOf, setAsOf] = useState(() => todayIso(now ? now() : new Date()));
  const [running, setRunning] = useState<Running | null>(null);
  const [shown, setShown] = useState<{ rollup: Rollup; passedOver: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const busy = useRef(false);

  const run = useCallback(
    async (date: string) => {
      if (busy.current) return;
      busy.current = true;
      setError(null);
      setAnnouncement('');
      onOutput(null);
      setRunning({ stage: 'Reading trackers', done: 0, total: files.length });
      try {
        const r = await rollUp(files, date, (stage, done, total) => setRunning({ stage, done, total }));
        setShown({ rollup: r.rollup, passedOver: r.passedOver });
        onOutput({ bytes: r.bytes, name: r.name, written: r.written });
        const refused = r.rollup.trackers.filter((t) => t.kind === 'refused').length;
        setAnnouncement(
          `Directorate view ready: ${plural(r.rollup.trackers.length - refused, 'tracker')} read, overall ${r.rollup.overall.rag}` +
            (refused ? `, ${plural(refused, 'file')} could not be read.` : '.'),
        );
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        busy.current = false;
        setRunning(null);
      }
    },
    [files, rollUp, onOutput],
  );

  // Opened files are read at once: the directorate view is what several files are opened for.
  const opened = useRef<ChosenFile[] | null>(null);
  useEffect(() => {
    if (opened.current === files) return;
    opened.current = files;
    void run(asOf);
  }, [files, run, asOf]);

  return (
    <main className={page.main}>
      <header className={page.header}>
        <h1 className={page.h1}>Ragbook</h1>
        <p className={s.tagline}>
          Preview: one directorate view of {plural(files.length, 'workbook')}, read in this browser. Nothing is uploaded.
        </p>
      </header>
      {toolbar}
      <RecalculateBar asOf={asOf} onAsOfChange={setAsOf} onRecalculate={() => void run(asOf)} busy={running !== null} />
      {running && <ProgressView stage={running.stage} done={running.done} total={running.total} />}
      {error && (
        <Notice intent="error" title="The directorate view was not made">
          {error}
        </Notice>
      )}
      <div role="status" className={s.srOnly}>
        {announcement}
      </div>
      {shown ? (
        <DirectorateView rollup={shown.rollup} passedOver={shown.passedOver} />
      ) : (
        !running && <p className={s.empty}>Reading the trackers…</p>
      )}
    </main>
  );
}
