import { type ReactNode, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { EngineResult } from '../core/model';
import type { Host } from './host';
import { FindingsList } from './FindingsList';
import { Notice } from './Notice';
import { ProgressView } from './ProgressView';
import { RecalculateBar } from './RecalculateBar';
import { SettingsPanel } from './SettingsPanel';
import { WorkstreamList } from './WorkstreamList';
import { Headline } from './Headline';
import { ChangesSince } from './ChangesSince';
import { headlineOf } from '../core/headline';
import { shownFindings } from '../core/findings-collapse';
import { TablesPanel } from './tables/TablesPanel';
import type { TableOverride } from '../core/table-evidence';
import { todayIso } from '../core/iso-date';
import { errorMessage, plural } from './format';
import { usePageStyles } from './page-styles';

// The pane: recalculate, watch it run, read the result, go to the cells that need
// attention, and change the rules. Everything it does goes through `host`, so the
// same component runs in Excel and in the browser preview, and in tests. The result
// reads top down as a manager asks: the headline, a line per work stream, what
// changed since last time, then the findings.

const useStyles = makeStyles({
  h2: {
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: `0 0 ${tokens.spacingVerticalS}`,
  },
  tagline: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  meta: {
    margin: `0 0 ${tokens.spacingVerticalS}`,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    overflowWrap: 'anywhere',
  },
  section: { display: 'flex', flexDirection: 'column' },
  empty: { margin: 0, color: tokens.colorNeutralForeground2 },
  disclosure: { alignSelf: 'flex-start' },
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

export interface AppProps {
  host: Host;
  /** Shown above the Recalculate bar: the preview's Open and Download controls. */
  toolbar?: ReactNode;
  /** Why Recalculate cannot run yet (e.g. no workbook open); null when it can. */
  blockedReason?: string | null;
  /** Said under the finding last gone to: in preview, where the cell is, since there is no sheet to show. */
  notice?: string | null;
  /** Changes when another document is opened, which clears the result shown. */
  documentKey?: string;
  /** Checks the host can run Ragbook at all (Excel too old); resolves with the reason it cannot. */
  checkHost?: () => Promise<string | null>;
  /** The clock, for the as-of date's default. */
  now?: () => Date;
  /** More sections, after the findings and before the settings (the tables Ragbook read, for instance). */
  children?: ReactNode;
}

interface Running {
  stage: string;
  done: number;
  total: number;
}

export function App({ host, toolbar, blockedReason, notice, documentKey, checkHost, now, children }: AppProps) {
  const page = usePageStyles();
  const s = useStyles();
  const [asOf, setAsOf] = useState(() => todayIso(now ? now() : new Date()));
  const [running, setRunning] = useState<Running | null>(null);
  const [result, setResult] = useState<EngineResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [navError, setNavError] = useState<string | null>(null);
  const [hostProblem, setHostProblem] = useState<string | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [tablesOpen, setTablesOpen] = useState(false);
  // The corrections saved since the result shown was read, and a count that makes
  // the settings form read the settings again after they change underneath it.
  const [savedTables, setSavedTables] = useState<TableOverride[] | null>(null);
  const [settingsVersion, setSettingsVersion] = useState(0);
  const tablesId = useId();
  const [announcement, setAnnouncement] = useState('');
  const settingsId = useId();
  const busy = useRef(false);

  useEffect(() => {
    if (!checkHost) return;
    let live = true;
    checkHost().then(
      (problem) => live && setHostProblem(problem),
      (e: unknown) => live && setHostProblem(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [checkHost]);

  useEffect(() => {
    setResult(null);
    setError(null);
    setNavError(null);
  }, [documentKey]);

  const recalculate = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setError(null);
    setNavError(null);
    setAnnouncement('');
    setRunning({ stage: 'Starting', done: 0, total: 0 });
    try {
      const r = await host.recalculate(asOf, (stage, done, total) => setRunning({ stage, done, total }));
      setResult(r);
      setSavedTables(null);
      setAnnouncement(
        `Recalculated: ${plural(r.overall.counts.total, 'action')}, overall ${r.overall.rag}, ${plural(shownFindings(r).length, 'finding')}.`,
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      busy.current = false;
      setRunning(null);
    }
  }, [host, asOf]);

  const goToCell = useCallback(
    async (sheet: string, cell: string) => {
      setNavError(null);
      try {
        await host.goToCell(sheet, cell);
      } catch (e) {
        setNavError(errorMessage(e));
      }
    },
    [host],
  );

  const loadSettings = useCallback(() => host.loadSettings(), [host]);
  // The other settings as stored now, so saving corrections never undoes a change made in the settings form.
  const saveTables = useCallback(
    async (tables: TableOverride[]) => {
      const { settings } = await host.loadSettings();
      await host.saveSettings({ ...settings, tables });
      setSavedTables(tables);
      setSettingsVersion((v) => v + 1);
    },
    [host],
  );
  const saveSettings = useCallback((settings: Parameters<Host['saveSettings']>[0]) => host.saveSettings(settings), [host]);

  const blocked = hostProblem ?? blockedReason ?? null;
  const written = result?.settings.sheetNames;
  const findings = useMemo(() => (result ? shownFindings(result) : []), [result]);
  const headline = useMemo(
    () =>
      result
        ? headlineOf({
            workstreams: result.workstreams,
            overall: result.overall,
            findings,
            change: result.change,
            dueSoonDays: result.settings.dueSoonDays,
          })
        : null,
    [result, findings],
  );

  return (
    <main className={page.main}>
      <header className={page.header}>
        <h1 className={page.h1}>Ragbook</h1>
        <p className={s.tagline}>
          {host.mode === 'excel'
            ? 'Checks the trackers in this workbook and writes a RAG summary.'
            : 'Preview: checks a tracker workbook in this browser. Nothing is uploaded.'}
        </p>
      </header>

      {toolbar}
      {hostProblem && (
        <Notice intent="error" title="Ragbook cannot run here">
          {hostProblem}
        </Notice>
      )}

      <RecalculateBar
        asOf={asOf}
        onAsOfChange={setAsOf}
        onRecalculate={() => void recalculate()}
        busy={running !== null}
        blockedReason={blocked}
      />

      {running && <ProgressView stage={running.stage} done={running.done} total={running.total} />}
      {error && (
        <Notice intent="error" title="The summary was not recalculated">
          {error}
        </Notice>
      )}
      <div className={s.srOnly} role="status">
        {notice || announcement}
      </div>

      <section className={s.section} aria-labelledby="summary-heading">
        <h2 id="summary-heading" className={s.h2}>
          Summary
        </h2>
        {result && headline ? (
          <Headline
            headline={headline}
            asOf={result.asOf}
            generatedAt={result.generatedAt}
            source={result.source}
            writtenTo={host.mode === 'excel' && written ? written.summary : null}
          />
        ) : (
          <p className={s.empty}>
            {host.mode === 'excel'
              ? // The button's own words are not repeated here: tests and people find it by them.
                'Choose the as-of date, then recalculate to see the RAG picture.'
              : 'Open a workbook, then recalculate to see its RAG picture.'}
          </p>
        )}
      </section>

      {result && (
        <section className={s.section} aria-labelledby="workstreams-heading">
          <h2 id="workstreams-heading" className={s.h2}>
            Work streams ({result.workstreams.length})
          </h2>
          {result.workstreams.length === 0 ? (
            <p className={s.empty}>No work streams were found. The findings below say why.</p>
          ) : (
            <WorkstreamList
              workstreams={result.workstreams}
              changes={result.change ? result.change.workstreams : null}
              // In a browser there is no sheet to go to; the findings say where each cell is.
              onGoToCell={host.mode === 'excel' ? (sheet, cell) => void goToCell(sheet, cell) : undefined}
            />
          )}
        </section>
      )}

      {result && (
        <section className={s.section} aria-labelledby="changes-heading">
          <h2 id="changes-heading" className={s.h2}>
            Changes since last
          </h2>
          <ChangesSince workstreams={result.workstreams} change={result.change} />
        </section>
      )}

      {result && (
        <section className={s.section} aria-labelledby="findings-heading">
          <h2 id="findings-heading" className={s.h2}>
            Findings ({findings.length})
          </h2>
          {navError && (
            <Notice intent="error" title="Could not go to the cell">
              {navError}
            </Notice>
          )}
          <FindingsList findings={findings} onGoToCell={(sheet, cell) => void goToCell(sheet, cell)} currentNote={notice ?? null} />
        </section>
      )}

      {result && (
        <section className={s.section} aria-labelledby="tables-heading">
          <h2 id="tables-heading" className={s.h2}>
            Tables read ({result.tables.length})
          </h2>
          <p className={s.meta}>Where Ragbook read a table wrongly, correct it here: the corrections are saved in the workbook.</p>
          <Button
            className={s.disclosure}
            appearance="secondary"
            aria-expanded={tablesOpen}
            aria-controls={tablesId}
            onClick={() => setTablesOpen((o) => !o)}
          >
            {tablesOpen ? 'Hide tables' : 'Show tables'}
          </Button>
          <div id={tablesId} hidden={!tablesOpen}>
            {tablesOpen && (
              <TablesPanel
                key={result.generatedAt}
                tables={result.tables}
                saved={savedTables ?? result.settings.tables}
                onSave={saveTables}
              />
            )}
          </div>
        </section>
      )}
      {children}

      <section className={s.section} aria-labelledby="settings-heading">
        <h2 id="settings-heading" className={s.h2}>
          Settings
        </h2>
        <Button
          className={s.disclosure}
          appearance="secondary"
          aria-expanded={settingsOpen}
          aria-controls={settingsId}
          onClick={() => setSettingsOpen((o) => !o)}
        >
          {settingsOpen ? 'Hide settings' : 'Show settings'}
        </Button>
        <div id={settingsId} hidden={!settingsOpen}>
          {settingsOpen && <SettingsPanel key={settingsVersion} load={loadSettings} save={saveSettings} />}
        </div>
      </section>
    </main>
  );
}
