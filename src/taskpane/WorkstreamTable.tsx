import { makeStyles, tokens } from '@fluentui/react-components';
import type { Figures, StatusKind, Workstream } from '../core/model';
import { RagBadge } from './RagBadge';
import { plural, wholePercent } from './format';

// One row per work stream and the overall row: title, RAG, counts, % completed.
// Three columns, because a task pane is about 320 px wide; the counts are written
// as a sentence under the title rather than spread over eight narrow columns.

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
});

export interface WorkstreamTableProps {
  workstreams: Workstream[];
  overall: Figures;
  /** Shown as the table's caption, e.g. "As of 30 September 2025". */
  caption: string;
}

export function WorkstreamTable({ workstreams, overall, caption }: WorkstreamTableProps) {
  const s = useStyles();
  const allRatings = workstreams.length > 0 && workstreams.every((w) => w.kind === 'ratings');
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
            staleTotals={w.stated && !w.stated.matches ? w.stated.range : null}
          />
        ))}
      </tbody>
      <tfoot>
        <FiguresRow
          title="Overall"
          where={null}
          figures={overall}
          kind={allRatings ? 'ratings' : 'progress'}
          staleTotals={null}
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
  staleTotals: string | null;
  isOverall?: boolean;
}

function FiguresRow({ title, where, figures, kind, staleTotals, isOverall }: RowProps) {
  const s = useStyles();
  const cell = isOverall ? `${s.cell} ${s.overallCell}` : s.cell;
  const ratingsOnly = kind === 'ratings';
  const pct = wholePercent(figures.counts.completed, figures.counts.total);
  const timing = timingText(figures);
  return (
    <tr className={isOverall ? s.overall : undefined}>
      <th scope="row" className={`${cell} ${s.rowHeader}`}>
        <span className={s.title}>{title}</span>
        <span className={s.detail}>{countsText(figures, kind)}</span>
        {timing && <span className={s.late}>{timing}</span>}
        {staleTotals && <span className={s.detail}>Hand-typed totals in {staleTotals} differ from these figures.</span>}
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

/** "7 actions: 4 completed, 2 in progress, 1 static", or the ratings for a RAG register. */
export function countsText(f: Figures, kind: StatusKind): string {
  const c = f.counts;
  const parts: string[] = [];
  if (kind === 'ratings') {
    const r = f.ratings;
    const named: [number, string][] = [
      [r.blue, 'Blue'],
      [r.green, 'Green'],
      [r.amberGreen, 'Amber/Green'],
      [r.amber, 'Amber'],
      [r.amberRed, 'Amber/Red'],
      [r.red, 'Red'],
      [r.unrated, 'unrated'],
    ];
    for (const [n, word] of named) if (n > 0) parts.push(`${n} ${word}`);
  } else {
    parts.push(`${c.completed} completed`);
    if (c.inProgress) parts.push(`${c.inProgress} in progress`);
    if (c.static) parts.push(`${c.static} static`);
    if (c.notStarted) parts.push(`${c.notStarted} not started`);
    if (c.unrecognised) parts.push(`${c.unrecognised} unrecognised`);
    if (c.noStatus) parts.push(`${c.noStatus} without status`);
  }
  return `${plural(c.total, 'action')}: ${parts.join(', ')}`;
}

function timingText(f: Figures): string {
  const parts: string[] = [];
  if (f.overdue) parts.push(`${f.overdue} overdue`);
  if (f.dueSoon) parts.push(`${f.dueSoon} due soon`);
  return parts.join(', ');
}
