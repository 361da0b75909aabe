import { makeStyles, tokens } from '@fluentui/react-components';
import { longDate } from '../../core/long-date';
import { shareText } from '../../core/percent';
import type { Rollup } from '../../core/rollup';
import { hasProgress, headline, plural } from '../../core/rollup-headline';
import { Notice } from '../Notice';
import { RagBadge } from '../RagBadge';
import { NOT_RATED } from '../../core/vocabulary/ratings';

// The directorate view in the pane (preview mode, several files opened): the
// headline across every tracker, one line per tracker, and the files that could not
// be read with their reasons. The same words as the Directorate summary sheet.

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  h2: { fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  headline: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    fontSize: tokens.fontSizeBase300,
  },
  group: { display: 'contents' },
  term: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase300 },
  th: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
  },
  cell: {
    verticalAlign: 'top',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  rowHeader: { textAlign: 'left', fontWeight: tokens.fontWeightRegular },
  file: { display: 'block', fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  detail: { display: 'block', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, marginTop: '2px' },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export interface DirectorateViewProps {
  rollup: Rollup;
  /** Files passed over: directorate workbooks Ragbook made, not trackers. */
  passedOver: string[];
}

export function DirectorateView({ rollup, passedOver }: DirectorateViewProps) {
  const s = useStyles();
  const h = headline(rollup, 'Files not read, below');
  const facts: [string, string][] = [
    ['Trackers', h.trackers],
    ['Work streams', h.workstreams],
    ['Actions', h.actions],
    ['Overdue', h.overdue],
    ['Hand-typed summaries', h.stated],
    ['Findings', h.findings],
    ['As of', longDate(rollup.asOf)],
  ];
  return (
    <>
      <section className={s.section} aria-labelledby="directorate-heading">
        <h2 id="directorate-heading" className={s.h2}>
          Directorate
        </h2>
        <dl className={s.headline}>
          <dt className={s.term}>Overall RAG</dt>
          <dd className={s.value}>
            <RagBadge rag={h.rag ?? NOT_RATED} />
          </dd>
          {facts.map(([term, value]) => (
            <div key={term} className={s.group}>
              <dt className={s.term}>{term}</dt>
              <dd className={s.value}>{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      {h.read.length > 0 && (
        <section className={s.section} aria-labelledby="trackers-heading">
          <h2 id="trackers-heading" className={s.h2}>
            Trackers ({h.read.length})
          </h2>
          <table className={s.table}>
            <thead>
              <tr>
                <th className={s.th} scope="col">
                  Tracker
                </th>
                <th className={s.th} scope="col">
                  RAG
                </th>
                <th className={`${s.th} ${s.num}`} scope="col">
                  Completed
                </th>
              </tr>
            </thead>
            <tbody>
              {h.read.map((t) => {
                const c = t.overall.counts;
                return (
                  <tr key={t.file}>
                    <th className={`${s.cell} ${s.rowHeader}`} scope="row">
                      <span className={s.file}>{t.file}</span>
                      <span className={s.detail}>
                        {plural(t.workstreams.length, 'work stream')} · {plural(c.total, 'action')}
                        {t.overall.overdue ? ` · ${plural(t.overall.overdue, 'overdue', 'overdue')}` : ''} · last recalculated{' '}
                        {t.lastRecalculated ? longDate(t.lastRecalculated.slice(0, 10)) : 'never'}
                      </span>
                    </th>
                    <td className={s.cell}>
                      <RagBadge rag={t.workstreams.length ? t.overall.rag : NOT_RATED} />
                    </td>
                    <td className={`${s.cell} ${s.num}`}>
                      {c.total === 0 ? 'no actions' : hasProgress(t.kinds) ? shareText(t.overall.percent.completed) : 'not recorded'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}

      {h.refused.length > 0 && (
        <section className={s.section} aria-labelledby="refused-heading">
          <h2 id="refused-heading" className={s.h2}>
            Files not read ({h.refused.length})
          </h2>
          <Notice intent="warning" title="These files could not be read; the figures above leave them out.">
            <ul className={s.list}>
              {h.refused.map((t) => (
                <li key={t.file}>{t.message}</li>
              ))}
            </ul>
          </Notice>
        </section>
      )}
      {passedOver.length > 0 && (
        <p className={s.detail}>Passed over (directorate workbooks made by Ragbook, not trackers): {passedOver.join(', ')}.</p>
      )}
    </>
  );
}
