import { useId, useState } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { ActionSnapshot, ChangeKind, ChangeSet } from '../core/change-schema';
import { CHANGE_HEADINGS, FIRST_RECALCULATION, actionChangeText, changeCountsText } from '../core/change-words';
import { snapshotOf } from '../core/compare';
import type { Workstream } from '../core/model';
import { cellLabel } from './format';

// Changes since last: what the last recalculation's RAG Actions said, compared
// with now, as DESIGN's direction of travel names it. One line of counts, then each
// kind of change opens to the actions it concerns.

const KINDS: ChangeKind[] = ['completed', 'newly-overdue', 'went-backwards', 'target-moved', 'added', 'removed'];

/** At most this many actions are listed under each kind until the user asks for the rest. */
const FIRST_SHOWN = 20;

const useStyles = makeStyles({
  summary: { margin: `0 0 ${tokens.spacingVerticalS}`, overflowWrap: 'anywhere' },
  kind: { marginTop: tokens.spacingVerticalXS },
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: '1.2em', fontSize: tokens.fontSizeBase200 },
  item: { marginBottom: '2px', overflowWrap: 'anywhere' },
  where: { color: tokens.colorNeutralForeground2 },
});

interface Entry {
  now: ActionSnapshot | null;
  then: ActionSnapshot | null;
  text: string;
}

/** Each kind's actions: the changed ones now, in workbook order, and the removed ones as they were. */
function entriesByKind(workstreams: Workstream[], change: ChangeSet): Map<ChangeKind, Entry[]> {
  const out = new Map<ChangeKind, Entry[]>(KINDS.map((k) => [k, []]));
  workstreams.forEach((w, i) =>
    w.actions.forEach((a, k) => {
      const c = change.actions[i]?.[k];
      if (!c || !c.kinds.length) return;
      const now = snapshotOf(a, w);
      for (const kind of c.kinds) out.get(kind)!.push({ now, then: c.then, text: actionChangeText(c, now) });
    }),
  );
  for (const r of change.removed)
    out.get('removed')!.push({ now: null, then: r, text: `Removed (was ${r.status ?? r.rating ?? 'no status'})` });
  return out;
}

export interface ChangesSinceProps {
  workstreams: Workstream[];
  change: ChangeSet | null;
}

export function ChangesSince({ workstreams, change }: ChangesSinceProps) {
  const s = useStyles();
  if (!change) return <p className={s.summary}>{FIRST_RECALCULATION}</p>;
  const byKind = entriesByKind(workstreams, change);
  return (
    <>
      <p className={s.summary}>{changeCountsText(change.counts, change.since)}</p>
      {KINDS.filter((k) => byKind.get(k)!.length > 0).map((k) => (
        <KindList key={k} heading={CHANGE_HEADINGS[k]} entries={byKind.get(k)!} />
      ))}
    </>
  );
}

function KindList({ heading, entries }: { heading: string; entries: Entry[] }) {
  const s = useStyles();
  const [open, setOpen] = useState(false);
  const [all, setAll] = useState(false);
  const id = useId();
  const shown = all ? entries : entries.slice(0, FIRST_SHOWN);
  return (
    <div className={s.kind}>
      <Button appearance="subtle" size="small" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        <span aria-hidden="true">{open ? '▾' : '▸'}&nbsp;</span>
        {heading} ({entries.length})
      </Button>
      <div id={id} hidden={!open}>
        {open && (
          <>
            <ul className={s.list}>
              {shown.map((e, i) => {
                const a = (e.now ?? e.then)!;
                return (
                  <li key={i} className={s.item}>
                    {a.id ? `${a.id} ` : ''}
                    {a.action}
                    <span className={s.where}>
                      {' '}
                      · {a.workstream}
                      {a.cell ? ` · ${cellLabel(a.sheet, a.cell)}` : ''} · {e.text}
                    </span>
                  </li>
                );
              })}
            </ul>
            {entries.length > shown.length && (
              <Button appearance="subtle" size="small" onClick={() => setAll(true)}>
                Show all {entries.length}
              </Button>
            )}
          </>
        )}
      </div>
    </div>
  );
}
