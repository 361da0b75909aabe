import { wholePercent } from '../core/percent';
import type { TableEvidence } from '../core/table-evidence';
import {
  COLUMN_ROLE_WORDS,
  ROW_KIND_WORDS,
  ROW_REASON_WORDS,
  TABLE_STATE_WORDS,
  TITLE_SOURCE_WORDS,
  UNREAD_REASON_WORDS,
} from '../core/vocabulary/evidence';

// `--tables`: every table read, in the words the pane's Tables read section uses,
// with the ranges and column letters a correction in the settings names.

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

function header(t: TableEvidence): string {
  if (t.headerRows.length === 0) return 'no header row';
  return t.headerRows.length === 1 ? `header row ${t.headerRows[0]}` : `header rows ${t.headerRows.join(' and ')}`;
}

const SOURCE: Record<string, string> = { header: '', values: ' (from its values)', override: ' (your correction)' };

export function formatTables(tables: readonly TableEvidence[]): string {
  const out = ['', `Tables read (${tables.length}):`];
  if (tables.length === 0) out.push('  none');
  for (const t of tables) {
    const score = t.score === null ? 'not scored' : `score ${wholePercent(t.score)}%`;
    const streams = t.workstreams.length === 1 ? '1 work stream' : `${t.workstreams.length} work streams`;
    out.push(
      `  ${t.sheet}!${t.range}${t.excelTable ? ` (Excel Table ${t.excelTable})` : ''}  ${TABLE_STATE_WORDS[t.state]} · ${header(t)} · ${score}` +
        `${t.state === 'read' ? ` · ${streams}` : ''}${t.overridden ? ' · changed by your corrections' : ''}`,
    );
    if (t.unreadReason) out.push(`    Not read because ${UNREAD_REASON_WORDS[t.unreadReason]}`);
    if (t.summaries.length) out.push(`    Hand-typed summary checked: ${t.summaries.join(', ')}`);
    const width = Math.max(0, ...t.columns.map((c) => clip(c.header, 40).length));
    for (const c of t.columns) {
      const role = c.role === null ? 'not read' : COLUMN_ROLE_WORDS[c.role];
      out.push(`    ${c.column.padEnd(3)} ${clip(c.header, 40).padEnd(width)}  ${role}${SOURCE[c.source ?? 'header']}`);
    }
    for (const r of t.rows) {
      out.push(
        `    Row ${r.row}, ${ROW_KIND_WORDS[r.kind].toLowerCase()}${r.text ? ` "${clip(r.text, 60)}"` : ''}: ${ROW_REASON_WORDS[r.reason]}`,
      );
    }
    for (const w of t.workstreams) {
      out.push(`    Work stream ${w.range}: "${clip(w.title, 80)}" (title from ${TITLE_SOURCE_WORDS[w.titleSource]})`);
    }
  }
  return out.join('\n');
}
