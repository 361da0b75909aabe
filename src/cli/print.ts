import type { EngineResult, StatusKind } from '../core/model';
import type { Figures } from '../core/report';
import type { Finding } from '../core/findings';
import { headlineOf } from '../core/headline';
import { longDate } from '../core/long-date';
import { percentText } from '../core/percent';
import { shownFindings } from '../core/plan';
import { completedShare, countsProgress, otherCount, overallKind } from '../core/shares';

// The readable terminal view: the headline, one line per work stream and the
// overall line, then the findings, errors first, identical ones once.

const COLUMNS = [
  'Work stream',
  'Sheet',
  'Actions',
  'Done',
  'In prog',
  'Static',
  'Not st',
  'Other',
  '% Done',
  'Overdue',
  'RAG',
  'Change',
  'Hand-typed summary',
];
/** Columns of figures, right-aligned. */
const FIGURES = new Set([2, 3, 4, 5, 6, 7, 8, 9]);

export function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

function figureCells(f: Figures, kind: StatusKind): string[] {
  const c = f.counts;
  const share = completedShare(f, kind);
  const shareText = share !== null ? percentText(share) : countsProgress(kind) ? 'none' : 'n/a';
  if (!countsProgress(kind)) {
    const r = f.ratings;
    const rated = kind === 'ratings' ? ` (B${r.blue} G${r.green} A${r.amber + r.amberGreen + r.amberRed} R${r.red})` : '';
    return [String(c.total), 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', shareText, String(f.overdue), `${f.rag}${rated}`];
  }
  return [
    String(c.total),
    String(c.completed),
    String(c.inProgress),
    String(c.static),
    String(c.notStarted),
    String(otherCount(c)),
    shareText,
    String(f.overdue),
    f.rag,
  ];
}

/** The headline, as RAG Summary's first rows say it. */
export function formatHeadline(result: EngineResult): string {
  const h = headlineOf({
    workstreams: result.workstreams,
    overall: result.overall,
    findings: shownFindings(result),
    change: result.change,
    dueSoonDays: result.settings.dueSoonDays,
  });
  const lines = [
    `${result.source}, as of ${longDate(result.asOf)}`,
    '',
    `  Overall RAG: ${h.rag}. ${h.ragReason}`,
    ...h.lines.map((l) => `  ${l.label}: ${l.text}`),
    '',
  ];
  return lines.join('\n');
}

export function formatTable(result: EngineResult): string {
  const rows: string[][] = [COLUMNS];
  result.workstreams.forEach((w, i) => {
    const s = w.stated;
    const stated = !s
      ? ''
      : s.matches
        ? 'matches'
        : `STALE: ${s.differences.map((d) => `${d.label} ${fmt(d.stated, d.field)}→${fmt(d.actual, d.field)}`).join(', ')}`;
    const change = result.change ? result.change.workstreams[i].direction : '-';
    rows.push([clip(w.title, 48), clip(w.sheet, 16), ...figureCells(w.figures, w.kind), change, stated]);
  });
  const kind = overallKind(result.workstreams.map((w) => w.kind));
  rows.push(['Overall', '', ...figureCells(result.overall, kind), result.change ? result.change.overall.direction : '-', '']);
  return table(rows, FIGURES);
}

/** Rows laid out in columns, the first row a header and the last set off as a total. */
export function table(rows: string[][], rightAligned: ReadonlySet<number>): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [line(rows[0]), rule];
  for (const r of rows.slice(1, -1)) out.push(line(r));
  out.push(rule, line(rows[rows.length - 1]));
  return out.join('\n');
}

function fmt(n: number | null, field: string): string {
  if (n === null) return '(blank)';
  return field.startsWith('percent.') ? percentText(n) : String(n);
}

const LIMIT: Record<Finding['severity'], number> = { error: 200, warning: 200, info: 30 };
const HEADING: Record<Finding['severity'], string> = { error: 'Errors', warning: 'Warnings', info: 'Notes' };

/** The findings as the sheets show them: identical ones once, each table's date readings once. */
export function formatFindings(result: EngineResult): string {
  const findings = shownFindings(result);
  const out: string[] = [];
  for (const sev of ['error', 'warning', 'info'] as const) {
    const list = findings.filter((f) => f.severity === sev);
    if (!list.length) continue;
    out.push('', `${HEADING[sev]} (${list.length}):`);
    for (const f of list.slice(0, LIMIT[sev])) {
      const where = f.sheet.startsWith('(') ? f.sheet : `${f.sheet}!${f.cell}`;
      out.push(`  ${where}  ${f.message}${f.suggestion && !f.message.includes(f.suggestion) ? `  Suggestion: ${f.suggestion}` : ''}`);
    }
    if (list.length > LIMIT[sev]) out.push(`  … and ${list.length - LIMIT[sev]} more (all are in the report and on the RAG Issues sheet).`);
  }
  if (!out.length) out.push('', 'No problems found.');
  return out.join('\n');
}
