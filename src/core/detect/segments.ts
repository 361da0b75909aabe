import { type Area, cellAt, textOf } from '../grid';
import type { Body } from './body';
import type { DetectedTable, Segment } from './types';

// Work streams come from whatever groups the rows (DESIGN.md, "How tables are
// found", step 4): heading rows inside the table, or a grouping column (`Section`,
// `Workstream`) whose value, written once and left blank below or repeated, names
// each row's work stream. The first run of rows, before any heading, is titled
// from above the header (see titles.ts).

export function segment(title: string, titleRow: number | null, titleSource: Segment['titleSource'], rows: number[]): Segment {
  return { title, titleRow, titleSource, rows };
}

/** The segments of a table's body: one before the first heading, then one per heading. */
export function segmentsOf(body: Body): Segment[] {
  const headings = body.marks.filter((m) => m.kind === 'heading' && m.row <= body.lastRow);
  const segments: Segment[] = [segment('', null, 'sheet', [])];
  let h = 0;
  for (const r of body.actions) {
    while (h < headings.length && headings[h].row < r) {
      segments.push(segment(headings[h].text, headings[h].row, 'row', []));
      h++;
    }
    segments[segments.length - 1].rows.push(r);
  }
  for (; h < headings.length; h++) segments.push(segment(headings[h].text, headings[h].row, 'row', []));
  return segments;
}

/** A Section column splits a register into work streams, in order of first appearance. */
export function groupSegments(table: Pick<DetectedTable, 'sheet' | 'groupColumn'>, segments: Segment[]): Segment[] {
  const groupColumn = table.groupColumn;
  if (groupColumn === null) return segments;
  const order: string[] = [];
  const byGroup = new Map<string, number[]>();
  let current = '';
  for (const s of segments) {
    for (const r of s.rows) {
      const v = textOf(cellAt(table.sheet, r, groupColumn)).trim();
      if (v) current = v; // groups written once, then blank below, carry down
      // Rows above the first group still count: they form a work stream named like a table without groups.
      let rows = byGroup.get(current);
      if (!rows) {
        byGroup.set(current, (rows = []));
        order.push(current);
      }
      rows.push(r);
    }
  }
  if (order.length === 0 || (order.length === 1 && order[0] === '')) return segments;
  return order.map((g) => segment(g, null, g ? 'group' : 'sheet', byGroup.get(g)!));
}

/** The lowest row of a segment's actions, milestone rows included. */
export function lastRowOfSegment(table: Pick<DetectedTable, 'spans'>, s: Segment): number {
  let last = -1;
  for (const r of s.rows) {
    const end = table.spans.get(r) ?? r;
    if (end > last) last = end;
  }
  return last;
}

/** Where a work stream sits: from the header (the first) or its heading row to its last action, across the table's columns. */
export function segmentArea(table: Pick<DetectedTable, 'headerRows' | 'firstCol' | 'lastCol' | 'spans'>, s: Segment, first: boolean): Area {
  const r1 = first ? table.headerRows[0] : (s.titleRow ?? s.rows[0]);
  return { r1, c1: table.firstCol, r2: Math.max(r1, lastRowOfSegment(table, s)), c2: table.lastCol };
}
