import { makeStyles, tokens } from '@fluentui/react-components';
import type { Headline as HeadlineData } from '../core/headline';
import { longDate } from '../core/long-date';
import { RagBadge } from './RagBadge';
import { timeOfDay } from './format';

// The headline a manager quotes in ten seconds, first in the pane as on RAG
// Summary: the overall RAG and why, then a line each for the work streams per
// rating, the actions, what is overdue, the hand-typed summaries, the findings and
// what changed since last time.

const useStyles = makeStyles({
  overall: {
    display: 'flex',
    alignItems: 'baseline',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    margin: `0 0 ${tokens.spacingVerticalS}`,
    fontSize: tokens.fontSizeBase400,
  },
  reason: { fontSize: tokens.fontSizeBase300, color: tokens.colorNeutralForeground1, overflowWrap: 'anywhere' },
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 7em) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: '2px',
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  meta: {
    margin: `${tokens.spacingVerticalS} 0 0`,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    overflowWrap: 'anywhere',
  },
});

export interface HeadlineProps {
  headline: HeadlineData;
  asOf: string;
  /** ISO date-time of the recalculation. */
  generatedAt: string;
  source: string;
  /** Where the summary was written, in Excel: `RAG Summary`. */
  writtenTo?: string | null;
}

export function Headline({ headline, asOf, generatedAt, source, writtenTo }: HeadlineProps) {
  const s = useStyles();
  return (
    <>
      <p className={s.overall}>
        <strong>Overall</strong>
        <RagBadge rag={headline.rag} />
        <span className={s.reason}>{headline.ragReason}</span>
      </p>
      <dl className={s.list}>
        {headline.lines.map((l) => (
          <div key={l.key} style={{ display: 'contents' }}>
            <dt className={s.term}>{l.label}</dt>
            <dd className={s.value}>{l.text}</dd>
          </div>
        ))}
      </dl>
      <p className={s.meta}>
        As of {longDate(asOf)} · recalculated at {timeOfDay(generatedAt)} · {source}
        {writtenTo ? ` · written to ${writtenTo}` : ''}
      </p>
    </>
  );
}
