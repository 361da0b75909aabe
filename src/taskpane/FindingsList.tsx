import { useId, useMemo, useState } from 'react';
import { Button, Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { Finding, Severity } from '../core/findings';
import { cellLabel, isNavigable } from './format';

// The findings, errors first, each with the cell it is about and a way to get there.
// A register can give dozens and a milestone plan hundreds, so they can be narrowed
// by severity, work stream and kind, and the notes (how a text was read) start
// folded away: the errors and warnings are what need doing.

const GROUPS: { severity: Severity; heading: string }[] = [
  { severity: 'error', heading: 'Errors' },
  { severity: 'warning', heading: 'Warnings' },
  { severity: 'info', heading: 'Notes' },
];

/** Kinds of finding, by the first part of their code, in the words a filter offers. */
const KIND_OF_PREFIX: Record<string, string> = {
  status: 'Statuses',
  rating: 'Ratings',
  date: 'Target dates',
  summary: 'Hand-typed summaries',
  row: 'Rows and action numbers',
  id: 'Rows and action numbers',
  table: 'Tables',
  workbook: 'Tables',
  sheet: 'Sheets and settings',
  settings: 'Sheets and settings',
};
const KIND_ORDER = [
  'Statuses',
  'Ratings',
  'Target dates',
  'Hand-typed summaries',
  'Rows and action numbers',
  'Tables',
  'Sheets and settings',
  'Other',
];

export function kindOf(f: Finding): string {
  return KIND_OF_PREFIX[f.code.split('.')[0]] ?? 'Other';
}

const ALL = '';
const NO_WORKSTREAM = '\u0000none';

/** Long lists are cut here until the user asks for the rest; the full list is on the RAG Issues sheet. */
export const FIRST_SHOWN = 30;

const useStyles = makeStyles({
  // Two narrow filters side by side, the work stream (long titles) on a line of its own.
  filters: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    marginBottom: tokens.spacingVerticalS,
  },
  filter: { minWidth: 0 },
  wide: { gridColumn: '1 / -1' },
  select: { width: '100%', minWidth: 0, maxWidth: '100%' },
  count: { margin: `0 0 ${tokens.spacingVerticalXS}`, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
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
  const [severity, setSeverity] = useState<Severity | typeof ALL>(ALL);
  const [workstream, setWorkstream] = useState(ALL);
  const [kind, setKind] = useState(ALL);
  const countId = useId();

  const options = useMemo(() => {
    const streams = new Map<string, number>();
    const kinds = new Map<string, number>();
    const severities: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of findings) {
      const w = f.workstream ?? NO_WORKSTREAM;
      streams.set(w, (streams.get(w) ?? 0) + 1);
      kinds.set(kindOf(f), (kinds.get(kindOf(f)) ?? 0) + 1);
      severities[f.severity]++;
    }
    return { streams, kinds, severities };
  }, [findings]);

  const shown = useMemo(
    () =>
      findings.filter(
        (f) =>
          (severity === ALL || f.severity === severity) &&
          (workstream === ALL || (f.workstream ?? NO_WORKSTREAM) === workstream) &&
          (kind === ALL || kindOf(f) === kind),
      ),
    [findings, severity, workstream, kind],
  );

  if (findings.length === 0) return <p className={s.none}>No problems found.</p>;
  const go = (f: Finding) => {
    setCurrent(f);
    onGoToCell(f.sheet, f.cell);
  };
  const filtered = severity !== ALL || workstream !== ALL || kind !== ALL;
  return (
    <>
      <div className={s.filters} role="group" aria-label="Filter the findings" aria-describedby={countId}>
        <Field className={s.filter} label="Severity" size="small">
          <Select className={s.select} size="small" value={severity} onChange={(_, d) => setSeverity(d.value as Severity | typeof ALL)}>
            <option value={ALL}>All</option>
            {GROUPS.filter((g) => options.severities[g.severity] > 0).map((g) => (
              <option key={g.severity} value={g.severity}>
                {g.heading} ({options.severities[g.severity]})
              </option>
            ))}
          </Select>
        </Field>
        <Field className={s.filter} label="Kind" size="small">
          <Select className={s.select} size="small" value={kind} onChange={(_, d) => setKind(d.value)}>
            <option value={ALL}>All</option>
            {KIND_ORDER.filter((k) => options.kinds.has(k)).map((k) => (
              <option key={k} value={k}>
                {k} ({options.kinds.get(k)})
              </option>
            ))}
          </Select>
        </Field>
        <Field className={`${s.filter} ${s.wide}`} label="Work stream" size="small">
          <Select className={s.select} size="small" value={workstream} onChange={(_, d) => setWorkstream(d.value)}>
            <option value={ALL}>All</option>
            {[...options.streams].map(([w, n]) => (
              <option key={w} value={w}>
                {w === NO_WORKSTREAM ? 'None (the workbook, settings)' : w} ({n})
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <p id={countId} className={s.count} role="status">
        {filtered ? `Showing ${shown.length} of ${findings.length} findings.` : `${findings.length} findings.`}
      </p>
      {shown.length === 0 && <p className={s.none}>No finding matches these filters.</p>}
      {GROUPS.map(({ severity: sev, heading }) => {
        const list = shown.filter((f) => f.severity === sev);
        if (list.length === 0) return null;
        return (
          <Group
            // A new filter starts each group folded as it was.
            key={`${sev}:${severity}:${workstream}:${kind}`}
            severity={sev}
            heading={heading}
            list={list}
            onGo={go}
            current={current}
            currentNote={currentNote ?? null}
            // Notes say how a text was read: folded away unless asked for.
            folded={sev === 'info' && severity !== 'info'}
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
  folded: boolean;
}

function Group({ severity, heading, list, onGo, current, currentNote, folded }: GroupProps) {
  const s = useStyles();
  const [open, setOpen] = useState(!folded);
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? list : list.slice(0, FIRST_SHOWN);
  const headingId = useId();
  const listId = useId();
  return (
    <section className={s.group} aria-labelledby={headingId}>
      <h3 id={headingId} className={s.heading}>
        {heading} ({list.length})
      </h3>
      {folded && (
        <Button appearance="subtle" size="small" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
          {open ? `Hide the ${heading.toLowerCase()}` : `Show ${list.length} ${heading.toLowerCase()}`}
        </Button>
      )}
      <div id={listId} hidden={!open}>
        {open && (
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
        )}
        {open && list.length > shown.length && (
          <Button className={s.more} appearance="subtle" onClick={() => setShowAll(true)}>
            Show all {list.length} {heading.toLowerCase()}
          </Button>
        )}
      </div>
    </section>
  );
}
