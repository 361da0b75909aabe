import type { ActionSnapshot, ChangeKind, Standing } from '../core/change-schema';
import { CHANGE_HEADINGS, changeCountsText } from '../core/change-words';
import type { CompareReport } from '../core/compare-report';
import { longDate } from '../core/long-date';
import { percentText } from '../core/percent';
import { clip, table } from './print';

// `ragbook compare` on a terminal: which version was judged at which date, the
// counts, each work stream then and now with its direction, then each kind of change
// with the actions it concerns.

const FROM: Record<CompareReport['old']['asOfFrom'], string> = {
  option: 'as given',
  ragbook: 'the date of its Ragbook recalculation',
  'reporting-date': 'its reporting date',
  new: 'the same date as the newer version: no date was found in it; give one with --old-as-of',
};

const ORDER: ChangeKind[] = ['completed', 'newly-overdue', 'went-backwards', 'target-moved', 'added', 'removed'];

/** At most this many actions are listed under each kind; the report lists them all. */
const LISTED = 50;

function standingText(s: Standing | null): [string, string] {
  if (!s) return ['-', '-'];
  return [s.rag ?? '?', s.completed === null ? 'n/a' : percentText(s.completed)];
}

function arrow(then: string, now: string): string {
  return then === now || then === '-' ? now : `${then} → ${now}`;
}

function actionLine(kind: ChangeKind, then: ActionSnapshot | null, now: ActionSnapshot | null): string {
  const a = (now ?? then)!;
  const where = a.cell ? `${a.sheet}!${a.cell}` : a.sheet;
  const id = a.id ? `${a.id}  ` : '';
  let detail = '';
  if (kind === 'completed' && then) detail = `was ${then.status ?? then.rating ?? 'no status'}`;
  if (kind === 'newly-overdue' && now?.overdueDays)
    detail = `${now.overdueDays} days overdue${now.due ? `, due ${longDate(now.due)}` : ''}`;
  if (kind === 'went-backwards' && then && now) {
    detail =
      then.status && now.status && then.status !== now.status
        ? `${then.status} → ${now.status}`
        : `${then.rating ?? '-'} → ${now.rating ?? '-'}`;
  }
  if (kind === 'target-moved' && then && now) {
    const due = (s: ActionSnapshot) => (s.due ? longDate(s.due) : (s.target ?? 'none'));
    detail = `${due(then)} → ${due(now)}`;
  }
  if (kind === 'removed' && then) detail = `was ${then.status ?? then.rating ?? 'no status'}`;
  return `  ${where}  ${id}${clip(a.action, 70)}  (${clip(a.workstream, 40)})${detail ? `: ${detail}` : ''}`;
}

export function formatCompare(report: CompareReport): string {
  const out: string[] = [
    `Compared ${report.old.source} (as of ${longDate(report.old.asOf)}, ${FROM[report.old.asOfFrom]})`,
    `    with ${report.new.source} (as of ${longDate(report.new.asOf)}).`,
    '',
    changeCountsText(report.counts, report.old.asOf),
    '',
  ];
  const rows: string[][] = [['Work stream', 'Sheet', 'RAG', '% completed', 'Direction']];
  for (const w of report.workstreams) {
    const [ragThen, pctThen] = standingText(w.then);
    const [ragNow, pctNow] = standingText(w.now);
    rows.push([clip(w.title, 48), clip(w.sheet, 16), arrow(ragThen, ragNow), arrow(pctThen, pctNow), w.direction]);
  }
  const [ragThen, pctThen] = standingText(report.overall.then);
  const [ragNow, pctNow] = standingText(report.overall.now);
  rows.push(['Overall', '', arrow(ragThen, ragNow), arrow(pctThen, pctNow), report.overall.direction]);
  out.push(table(rows, new Set([3])));
  for (const kind of ORDER) {
    const list = report.changes.filter((c) => c.kinds.includes(kind));
    if (!list.length) continue;
    out.push('', `${CHANGE_HEADINGS[kind]} (${list.length}):`);
    for (const c of list.slice(0, LISTED)) out.push(actionLine(kind, c.then, c.now));
    if (list.length > LISTED) out.push(`  … and ${list.length - LISTED} more (all are in the report).`);
  }
  return out.join('\n');
}
