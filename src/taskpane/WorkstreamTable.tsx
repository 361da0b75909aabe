import type { ReactNode } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { StatusKind, Workstream } from '../core/model';
import type { Counts, Figures, Stated } from '../core/report';
import { RagBadge } from './RagBadge';
import { COUNT_FIELDS, RATING_FIELD, emptyCounts } from '../core/count-fields';
import { NOTHING_COUNTED, percentText, wholePercent } from '../core/percent';
import { RAG_WORDS } from '../core/vocabulary/ratings';
import { cellLabel, plural } from './format';

// One row per work stream and the overall row: title, RAG, counts, % completed.
// Three columns, because a task pane is about 320 px wide; the counts are written
// as a sentence under the title rather than spread over eight narrow columns.
// Where the tracker has hand-typed totals under a table, the row says whether they
// still agree with the rows, and where they do not, shows both numbers for each
// figure that differs ("Completed: typed 6, counted 7"), so the officer sees the
// stale total and the right one side by side.

const useStyles = makeStyles({
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase300 },
  caption: {
    textAlign: 'left',
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    paddingBottom: tokens.spacingVerticalXS,
  },
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
  title: { display: 'block', fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  detail: { display: 'block', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, marginTop: '2px' },
  late: { display: 'block', fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteRedForeground1, marginTop: '2px' },
  overall: { backgroundColor: tokens.colorNeutralBackground2 },
  overallCell: { borderTop: `2px solid ${tokens.colorNeutralStroke1}` },
  pctCol: { width: '5.5em' },
  ragCol: { width: '6.5em' },
  pct: { display: 'block', fontVariantNumeric: 'tabular-nums' },
  track: {
    display: 'block',
    height: '6px',
    borderRadius: '3px',
    backgroundColor: tokens.colorNeutralBackground5,
    marginTop: '4px',
    overflow: 'hidden',
  },
  fill: { display: 'block', height: '100%', backgroundColor: tokens.colorBrandBackground },
  stale: {
    display: 'block',
    marginTop: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `3px solid ${tokens.colorStatusWarningBorderActive}`,
    backgroundColor: tokens.colorStatusWarningBackground1,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightRegular,
  },
  staleList: { margin: `2px 0 0`, paddingLeft: '1.2em' },
  figure: { fontVariantNumeric: 'tabular-nums' },
  agree: { display: 'block', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, marginTop: '2px' },
  goTo: { marginTop: tokens.spacingVerticalXS },
});

export interface WorkstreamTableProps {
  workstreams: Workstream[];
  overall: Figures;
  /** Shown as the table's caption, e.g. "As of 30 September 2025". */
  caption: string;
  /** Takes the user to a cell (the hand-typed totals); no button when absent. */
  onGoToCell?: (sheet: string, cell: string) => void;
}

export function WorkstreamTable({ workstreams, overall, caption, onGoToCell }: WorkstreamTableProps) {
  const s = useStyles();
  const allRatings = workstreams.length > 0 && workstreams.every((w) => w.kind === 'ratings');
  const anyRatings = workstreams.some((w) => w.kind === 'ratings' || w.kind === 'both');
  // The sheet is worth a line only when the work streams are spread over several.
  const manySheets = new Set(workstreams.map((w) => w.sheet)).size > 1;
  return (
    <table className={s.table}>
      <caption className={s.caption}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className={s.th}>
            Work stream
          </th>
          <th scope="col" className={`${s.th} ${s.ragCol}`}>
            RAG
          </th>
          <th scope="col" className={`${s.th} ${s.pctCol}`}>
            Completed
          </th>
        </tr>
      </thead>
      <tbody>
        {workstreams.map((w, i) => (
          <FiguresRow
            key={`${w.sheet}:${w.area.r1}:${i}`}
            title={w.title}
            where={manySheets ? w.sheet : null}
            figures={w.figures}
            kind={w.kind}
            totals={w.stated ? <HandTypedTotals w={w} stated={w.stated} all={workstreams} onGoToCell={onGoToCell} /> : null}
          />
        ))}
      </tbody>
      <tfoot>
        <FiguresRow
          title="Overall"
          where={null}
          figures={overall}
          kind={allRatings ? 'ratings' : anyRatings ? 'both' : 'progress'}
          totals={null}
          isOverall
        />
      </tfoot>
    </table>
  );
}

interface RowProps {
  title: string;
  where: string | null;
  figures: Figures;
  kind: StatusKind;
  totals: ReactNode;
  isOverall?: boolean;
}

function FiguresRow({ title, where, figures, kind, totals, isOverall }: RowProps) {
  const s = useStyles();
  const cell = isOverall ? `${s.cell} ${s.overallCell}` : s.cell;
  const ratingsOnly = kind === 'ratings';
  const share = figures.percent.completed;
  const pct = share === null ? null : wholePercent(share);
  const timing = timingText(figures);
  return (
    <tr className={isOverall ? s.overall : undefined}>
      <th scope="row" className={`${cell} ${s.rowHeader}`}>
        <span className={s.title}>{title}</span>
        <span className={s.detail}>{countsText(figures, kind)}</span>
        {kind === 'both' && <span className={s.detail}>{ratingsText(figures)}</span>}
        {timing && <span className={s.late}>{timing}</span>}
        {totals}
        {where && <span className={s.detail}>Sheet: {where}</span>}
        <span className={s.detail}>{figures.ragReason}</span>
      </th>
      <td className={cell}>
        <RagBadge rag={figures.rag} />
      </td>
      <td className={cell}>
        {ratingsOnly ? (
          <span className={s.pct}>
            <span aria-hidden="true">–</span>
            <span style={visuallyHidden}>not recorded: this table has ratings, not progress</span>
          </span>
        ) : pct === null ? (
          <span className={s.pct}>{NOTHING_COUNTED}</span>
        ) : (
          <>
            <span className={s.pct}>{pct}%</span>
            <span className={s.track} aria-hidden="true">
              <span className={s.fill} style={{ width: `${Math.min(100, Math.max(0, pct))}%` }} />
            </span>
          </>
        )}
      </td>
    </tr>
  );
}

export const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

/**
 * "7 actions: 4 completed, 2 in progress, 1 static", or the ratings for a RAG
 * register. Completed, in progress and static are always named, even at 0: they
 * are the columns of a tracker's own hand-typed totals, so the two read alike.
 */
export function countsText(f: Figures, kind: StatusKind): string {
  const c = f.counts;
  if (kind === 'ratings') return `${plural(c.total, 'action')}: ${ratingParts(f).join(', ')}`;
  if (kind === 'neither') return `${plural(c.total, 'action')}: no status column, so progress cannot be counted`;
  return `${plural(c.total, 'action')}: ${progressParts(c).join(', ')}`;
}

function progressParts(c: Counts): string[] {
  const parts = [`${c.completed} completed`, `${c.inProgress} in progress`, `${c.static} static`];
  if (c.notStarted) parts.push(`${c.notStarted} not started`);
  if (c.unrecognised) parts.push(`${c.unrecognised} unrecognised`);
  if (c.noStatus) parts.push(`${c.noStatus} without status`);
  return parts;
}

function ratingParts(f: Figures): string[] {
  const r = f.ratings;
  const named: [number, string][] = RAG_WORDS.map((word): [number, string] => [r[RATING_FIELD[word]], word]);
  named.push([r.unrated, 'unrated']);
  const parts = named.filter(([n]) => n > 0).map(([n, word]) => `${n} ${word}`);
  return parts.length ? parts : ['none rated'];
}

/** "Ratings: 3 Green, 2 Amber", for a table that records both progress and a rating. */
export function ratingsText(f: Figures): string {
  return `Ratings: ${ratingParts(f).join(', ')}`;
}

/** "Work stream 2a: Assessment…" → "Work stream 2a"; titles without a colon are kept whole. */
function shortTitle(title: string): string {
  const colon = title.indexOf(':');
  return colon > 0 && colon <= 30 ? title.slice(0, colon) : title;
}

/** A typed or counted figure of a summary block: a count, or a share shown as a whole percent. */
export function statedFigure(field: string, n: number | null): string {
  if (n === null) return 'nothing';
  return field.startsWith('percent.') ? percentText(n) : String(n);
}

interface TotalsProps {
  w: Workstream;
  stated: Stated;
  all: Workstream[];
  onGoToCell?: (sheet: string, cell: string) => void;
}

/**
 * The tracker's own hand-typed totals under the table: agreed, or out of date with
 * each differing figure as typed and as counted. A block under sub-streams (2a and
 * 2b) counts them together, so their combined figures are shown too.
 */
function HandTypedTotals({ w, stated, all, onGoToCell }: TotalsProps) {
  const s = useStyles();
  const where = cellLabel(w.sheet, stated.range);
  const others = stated.covers.filter((t) => t !== w.title);
  const together = others.length ? ` (for these rows together with ${others.map(shortTitle).join(' and ')})` : '';
  let combined: string | null = null;
  if (others.length) {
    const covered = all.filter((x) => x.sheet === w.sheet && stated.covers.includes(x.title));
    const sum: Counts = emptyCounts();
    for (const x of covered) for (const k of COUNT_FIELDS) sum[k] += x.figures.counts[k];
    combined = `Counted together: ${plural(sum.total, 'action')}: ${progressParts(sum).join(', ')}.`;
  }
  const goTo = onGoToCell && (
    <Button
      className={s.goTo}
      size="small"
      appearance="secondary"
      aria-label={`Go to the hand-typed totals ${where}`}
      onClick={() => onGoToCell(w.sheet, stated.range)}
    >
      Go to totals
    </Button>
  );
  if (stated.matches) {
    return (
      <span className={s.agree}>
        Hand-typed totals in {where}
        {together} agree with the rows.{combined ? ` ${combined}` : ''}
      </span>
    );
  }
  return (
    <div className={s.stale}>
      <strong>
        Hand-typed totals in {where}
        {together} are out of date
        {stated.differences.length ? ':' : '.'}
      </strong>
      {stated.differences.length > 0 && (
        <ul className={s.staleList}>
          {stated.differences.map((d) => (
            <li key={`${d.field}:${d.cell}`}>
              {d.label}: typed <span className={s.figure}>{statedFigure(d.field, d.stated)}</span>, counted{' '}
              <span className={s.figure}>{statedFigure(d.field, d.actual)}</span>
            </li>
          ))}
        </ul>
      )}
      {combined && <span className={s.agree}>{combined}</span>}
      {goTo}
    </div>
  );
}

function timingText(f: Figures): string {
  const parts: string[] = [];
  if (f.overdue) parts.push(`${f.overdue} overdue`);
  if (f.dueSoon) parts.push(`${f.dueSoon} due soon`);
  return parts.join(', ');
}
