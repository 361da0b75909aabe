import { useId, useState } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { WorkstreamChange } from '../core/change-schema';
import { directionText } from '../core/change-words';
import { COUNT_FIELDS, RATING_FIELD, emptyCounts } from '../core/count-fields';
import type { StatusKind, Workstream } from '../core/model';
import { percentText } from '../core/percent';
import { tableStart } from '../core/places';
import type { Counts, Figures, Stated } from '../core/report';
import { completedShare, countsProgress } from '../core/shares';
import { RAG_WORDS } from '../core/vocabulary/ratings';
import { RagBadge } from './RagBadge';
import { cellLabel, plural } from './format';

// One compact line per work stream, as a task pane is about 350 px wide: the RAG,
// the title on one line, % completed. Each line opens to its details: the counts
// in a sentence, what is overdue, the direction since last time, why the RAG is
// what it is, and the tracker's hand-typed totals, as typed and as counted where
// they are out of date.

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  item: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  line: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    width: '100%',
    minHeight: '32px',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    border: 'none',
    background: 'none',
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    textAlign: 'left',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  chevron: { flexShrink: 0, width: '0.8em', color: tokens.colorNeutralForeground2 },
  title: { flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  pct: { flexShrink: 0, minWidth: '3.2em', textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  words: { flexShrink: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  details: {
    padding: `0 ${tokens.spacingHorizontalS} ${tokens.spacingVerticalS} calc(0.8em + ${tokens.spacingHorizontalS} * 2)`,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
  },
  full: { margin: `0 0 ${tokens.spacingVerticalXS}`, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  para: { margin: `2px 0 0`, overflowWrap: 'anywhere' },
  late: { margin: `2px 0 0`, color: tokens.colorPaletteRedForeground1 },
  stale: {
    marginTop: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `3px solid ${tokens.colorStatusWarningBorderActive}`,
    backgroundColor: tokens.colorStatusWarningBackground1,
    color: tokens.colorNeutralForeground1,
  },
  staleList: { margin: `2px 0 0`, paddingLeft: '1.2em' },
  figure: { fontVariantNumeric: 'tabular-nums' },
  goTo: { marginTop: tokens.spacingVerticalXS, marginRight: tokens.spacingHorizontalS },
});

export interface WorkstreamListProps {
  workstreams: Workstream[];
  /** Each work stream's change since the last recalculation, in the same order; null on the first. */
  changes: WorkstreamChange[] | null;
  /** Takes the user to a cell (the table, the hand-typed totals); no buttons when absent. */
  onGoToCell?: (sheet: string, cell: string) => void;
}

export function WorkstreamList({ workstreams, changes, onGoToCell }: WorkstreamListProps) {
  const s = useStyles();
  return (
    <ul className={s.list}>
      {workstreams.map((w, i) => (
        <WorkstreamLine
          key={`${w.sheet}:${w.area.r1}:${i}`}
          w={w}
          change={changes ? changes[i] : null}
          all={workstreams}
          onGoToCell={onGoToCell}
        />
      ))}
    </ul>
  );
}

interface LineProps {
  w: Workstream;
  change: WorkstreamChange | null;
  all: Workstream[];
  onGoToCell?: (sheet: string, cell: string) => void;
}

function WorkstreamLine({ w, change, all, onGoToCell }: LineProps) {
  const s = useStyles();
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const share = completedShare(w.figures, w.kind);
  const timing = timingText(w.figures);
  return (
    <li className={s.item}>
      <button type="button" className={s.line} aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen((o) => !o)}>
        <span className={s.chevron} aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <RagBadge rag={w.figures.rag} />
        <span className={s.title}>{w.title}</span>
        {share !== null ? (
          <span className={s.pct}>
            {percentText(share)}
            <span style={visuallyHidden}> completed</span>
          </span>
        ) : (
          <span className={s.words}>{countsProgress(w.kind) ? 'none counted' : 'not recorded'}</span>
        )}
      </button>
      <div id={detailsId} className={s.details} hidden={!open}>
        {open && (
          <>
            <p className={s.full}>{w.title}</p>
            <p className={s.para}>{countsText(w.figures, w.kind)}</p>
            {w.kind === 'both' && <p className={s.para}>{ratingsText(w.figures)}</p>}
            {timing && <p className={s.late}>{timing}</p>}
            <p className={s.para}>
              Why {w.figures.rag}: {w.figures.ragReason}
            </p>
            <p className={s.para}>
              Since last: {change ? directionText(change, { rag: w.figures.rag, completed: share }) : 'first recalculation'}
            </p>
            {w.stated && <HandTypedTotals w={w} stated={w.stated} all={all} onGoToCell={onGoToCell} />}
            <p className={s.para}>Sheet: {w.sheet}</p>
            {onGoToCell && (
              <Button className={s.goTo} size="small" appearance="secondary" onClick={() => onGoToCell(w.sheet, tableStart(w))}>
                Go to table
              </Button>
            )}
          </>
        )}
      </div>
    </li>
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
  if (kind === 'ratings') return `${plural(c.total, 'action')}: ${ratingParts(f).join(', ')}; progress not recorded`;
  if (kind === 'neither') return `${plural(c.total, 'action')}: no status column, so progress cannot be counted`;
  return `${plural(c.total, 'action')}: ${progressParts(c).join(', ')}`;
}

function progressParts(c: Counts): string[] {
  const parts = [`${c.completed} completed`, `${c.inProgress} in progress`, `${c.static} static`];
  if (c.notStarted) parts.push(`${c.notStarted} not started`);
  const withdrawn = (c as Partial<Record<string, number>>).withdrawn;
  if (withdrawn) parts.push(`${withdrawn} withdrawn`);
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
  if (stated.matches) {
    return (
      <p className={s.para}>
        Hand-typed totals in {where}
        {together} agree with the rows.{combined ? ` ${combined}` : ''}
      </p>
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
      {combined && <p className={s.para}>{combined}</p>}
      {onGoToCell && (
        <Button
          className={s.goTo}
          size="small"
          appearance="secondary"
          aria-label={`Go to the hand-typed totals ${where}`}
          onClick={() => onGoToCell(w.sheet, stated.range)}
        >
          Go to totals
        </Button>
      )}
    </div>
  );
}

function timingText(f: Figures): string {
  const parts: string[] = [];
  if (f.overdue) parts.push(`${f.overdue} overdue`);
  if (f.dueSoon) parts.push(`${f.dueSoon} due soon`);
  return parts.join(', ');
}
