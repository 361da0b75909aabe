import type { EngineResult } from '../core/model';
import type { Figures } from '../core/report';
import type { Finding } from '../core/findings';
import { percentText, shareText } from '../core/percent';

// The readable terminal view: one line per work stream, the overall line, then the
// findings, errors first.

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
  'Hand-typed summary',
];

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

function figureCells(f: Figures, ratingsOnly: boolean): string[] {
  const c = f.counts;
  if (ratingsOnly) {
    const r = f.ratings;
    return [
      String(c.total),
      '-',
      '-',
      '-',
      '-',
      '-',
      '-',
      String(f.overdue),
      `${f.rag} (B${r.blue} G${r.green} A${r.amber + r.amberGreen + r.amberRed} R${r.red})`,
    ];
  }
  return [
    String(c.total),
    String(c.completed),
    String(c.inProgress),
    String(c.static),
    String(c.notStarted),
    String(c.unrecognised + c.noStatus),
    shareText(f.percent.completed),
    String(f.overdue),
    f.rag,
  ];
}

export function formatTable(result: EngineResult): string {
  const rows: string[][] = [COLUMNS];
  for (const w of result.workstreams) {
    const s = w.stated;
    const stated = !s
      ? ''
      : s.matches
        ? 'matches'
        : `STALE: ${s.differences.map((d) => `${d.label} ${fmt(d.stated, d.field)}→${fmt(d.actual, d.field)}`).join(', ')}`;
    rows.push([clip(w.title, 48), clip(w.sheet, 16), ...figureCells(w.figures, w.kind === 'ratings'), stated]);
  }
  const allRatings = result.workstreams.length > 0 && result.workstreams.every((w) => w.kind === 'ratings');
  rows.push(['Overall', '', ...figureCells(result.overall, allRatings), '']);
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i >= 2 && i <= 9 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of rows.slice(1, -1)) out.push(line(r));
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  out.push(line(rows[rows.length - 1]));
  return out.join('\n');
}

function fmt(n: number | null, field: string): string {
  if (n === null) return '(blank)';
  return field.startsWith('percent.') ? percentText(n) : String(n);
}

const LIMIT: Record<Finding['severity'], number> = { error: 200, warning: 200, info: 30 };
const HEADING: Record<Finding['severity'], string> = { error: 'Errors', warning: 'Warnings', info: 'Notes' };

export function formatFindings(findings: Finding[]): string {
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
