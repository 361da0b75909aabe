import { useState } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { Finding, Severity } from '../core/findings';
import { cellLabel, isNavigable } from './format';

// The findings, errors first, each with the cell it is about and a way to get there.

const GROUPS: { severity: Severity; heading: string }[] = [
  { severity: 'error', heading: 'Errors' },
  { severity: 'warning', heading: 'Warnings' },
  { severity: 'info', heading: 'Notes' },
];

/** Long lists are cut here until the user asks for the rest; the full list is on the RAG Issues sheet. */
export const FIRST_SHOWN = 30;

const useStyles = makeStyles({
  group: { marginTop: tokens.spacingVerticalS },
  heading: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalXS}` },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  item: {
    borderLeftWidth: '4px',
    borderLeftStyle: 'solid',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    marginBottom: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusSmall,
  },
  error: { borderLeftColor: tokens.colorStatusDangerBorderActive },
  warning: { borderLeftColor: tokens.colorStatusWarningBorderActive },
  info: { borderLeftColor: tokens.colorNeutralStroke1 },
  current: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
  message: { margin: 0, overflowWrap: 'anywhere' },
  meta: { margin: `2px 0 0`, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', marginTop: tokens.spacingVerticalXS },
  note: { margin: `${tokens.spacingVerticalXS} 0 0`, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  more: { marginTop: tokens.spacingVerticalXS, alignSelf: 'flex-start' },
  none: { margin: 0, color: tokens.colorNeutralForeground2 },
});

export interface FindingsListProps {
  findings: Finding[];
  onGoToCell: (sheet: string, cell: string) => void;
  /** Shown under the finding last gone to, e.g. where the cell is when there is no sheet to select. */
  currentNote?: string | null;
}

export function FindingsList({ findings, onGoToCell, currentNote }: FindingsListProps) {
  const s = useStyles();
  // The finding last gone to stays marked, so the user keeps their place in a long list.
  const [current, setCurrent] = useState<Finding | null>(null);
  if (findings.length === 0) return <p className={s.none}>No problems found.</p>;
  const go = (f: Finding) => {
    setCurrent(f);
    onGoToCell(f.sheet, f.cell);
  };
  return (
    <>
      {GROUPS.map(({ severity, heading }) => {
        const list = findings.filter((f) => f.severity === severity);
        if (list.length === 0) return null;
        return (
          <Group
            key={severity}
            severity={severity}
            heading={heading}
            list={list}
            onGo={go}
            current={current}
            currentNote={currentNote ?? null}
          />
        );
      })}
    </>
  );
}

interface GroupProps {
  severity: Severity;
  heading: string;
  list: Finding[];
  onGo: (f: Finding) => void;
  current: Finding | null;
  currentNote: string | null;
}

function Group({ severity, heading, list, onGo, current, currentNote }: GroupProps) {
  const s = useStyles();
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? list : list.slice(0, FIRST_SHOWN);
  const headingId = `findings-${severity}`;
  return (
    <section className={s.group} aria-labelledby={headingId}>
      <h3 id={headingId} className={s.heading}>
        {heading} ({list.length})
      </h3>
      <ul className={s.list}>
        {shown.map((f, i) => {
          const label = cellLabel(f.sheet, f.cell);
          const isCurrent = f === current;
          const suggestion = f.suggestion && !f.message.includes(f.suggestion) ? f.suggestion : null;
          return (
            <li key={i} className={`${s.item} ${s[severity]} ${isCurrent ? s.current : ''}`}>
              <p className={s.message}>{f.message}</p>
              {suggestion && <p className={s.meta}>Suggestion: {suggestion}</p>}
              <p className={s.meta}>
                {label}
                {f.workstream ? ` · ${f.workstream}` : ''}
              </p>
              {isNavigable(f.sheet) && (
                <div className={s.actions}>
                  <Button
                    size="small"
                    appearance="secondary"
                    aria-label={`Go to cell ${label}`}
                    aria-current={isCurrent ? 'true' : undefined}
                    onClick={() => onGo(f)}
                  >
                    Go to cell
                  </Button>
                </div>
              )}
              {isCurrent && currentNote && <p className={s.note}>{currentNote}</p>}
            </li>
          );
        })}
      </ul>
      {list.length > shown.length && (
        <Button className={s.more} appearance="subtle" onClick={() => setShowAll(true)}>
          Show all {list.length} {heading.toLowerCase()}
        </Button>
      )}
    </section>
  );
}
