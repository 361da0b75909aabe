import type { CellValue } from './grid';
import type { Role } from './settings';

// Header cells are matched by meaning, not exact text (DESIGN.md's synonym table),
// and settings can add words of their own.

export interface HeaderMatch {
  role: Role;
  confidence: 'exact' | 'prefix';
}

const BUILT_IN: Record<Role, string[]> = {
  id: ['no', 'no.', 'nos', 'ref', 'ref.', 'reference', '#', 'id', 'number', 'action no', 'action no.', 'action number', 'action ref', 'rec no', 'item', 'item no'],
  action: ['action', 'actions', 'description', 'action description', 'requirement', 'requirements', 'task', 'tasks', 'objective', 'objectives', 'measure', 'recommendation', 'what we will do', 'improvement action'],
  progress: ['progress', 'update', 'progress update', 'latest update', 'commentary', 'comments', 'comment', 'achievements to date', 'achievements', 'progress to date', 'progress made'],
  status: ['status', 'progress status', 'rag', 'rag status', 'rag rating', 'rating', 'current status', 'action status', 'overall status'],
  target: ['target date', 'target', 'due', 'due date', 'deadline', 'timescale', 'timescales', 'by when', 'completion date', 'date', 'target completion date', 'target completion', 'timeline', 'end date'],
  owner: ['delivery lead', 'lead', 'lead officer', 'owner', 'responsible officer', 'responsible', 'action owner', 'accountable officer', 'lead responsible officer', 'responsible person', 'who'],
  milestones: ['progress milestones', 'milestones', 'key milestones', 'milestone'],
};

export function normaliseHeader(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .toLowerCase()
    .replace(/[_]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[:.\s]+$/, '')
    .trim();
}

const PROGRESS_AT = /^progress\s+(?:as\s+at|as\s+of|at|to|update\s+at|update\s+as\s+at)\s+(.+)$/i;

export function progressHeaderDateText(text: string): string | null {
  const m = PROGRESS_AT.exec(text.replace(/\s+/g, ' ').trim());
  return m ? m[1].replace(/[:.]$/, '').trim() : null;
}

export function createHeaderMatcher(extra: Partial<Record<Role, string[]>>): (text: CellValue) => HeaderMatch | null {
  const table = new Map<string, Role>();
  for (const [role, words] of Object.entries(BUILT_IN) as [Role, string[]][]) {
    for (const w of words) table.set(normaliseHeader(w), role);
  }
  for (const [role, words] of Object.entries(extra) as [Role, string[] | undefined][]) {
    for (const w of words ?? []) table.set(normaliseHeader(w), role);
  }
  return (value) => {
    if (typeof value !== 'string') return null;
    const h = normaliseHeader(value);
    if (!h || h.length > 60) return null;
    const exact = table.get(h) ?? table.get(h.replace(/\.$/, ''));
    if (exact) return { role: exact, confidence: 'exact' };
    if (PROGRESS_AT.test(h)) return { role: 'progress', confidence: 'prefix' };
    // "Timescale (by when)", "Status (RAG)": the words before a parenthesis decide.
    const bare = h.replace(/\s*\(.*\)\s*$/, '').trim();
    if (bare !== h) {
      const r = table.get(bare);
      if (r) return { role: r, confidence: 'prefix' };
    }
    return null;
  };
}

export type SummaryLabel = 'completed' | 'inProgress' | 'static' | 'notStarted' | 'total' | 'number' | 'percentage';

const SUMMARY_LABELS = new Map<string, SummaryLabel>([
  ['completed', 'completed'],
  ['complete', 'completed'],
  ['done', 'completed'],
  ['in progress', 'inProgress'],
  ['ongoing', 'inProgress'],
  ['on going', 'inProgress'],
  ['static', 'static'],
  ['not started', 'notStarted'],
  ['total', 'total'],
  ['totals', 'total'],
  ['total actions', 'total'],
  ['no. of actions', 'total'],
  ['no of actions', 'total'],
  ['number of actions', 'total'],
  ['number', 'number'],
  ['no.', 'number'],
  ['count', 'number'],
  ['percentage', 'percentage'],
  ['percent', 'percentage'],
  ['%', 'percentage'],
]);

export function summaryLabel(text: CellValue): SummaryLabel | null {
  if (typeof text !== 'string') return null;
  const t = text.toLowerCase().replace(/[-_]/g, ' ').replace(/\s+/g, ' ').trim().replace(/:$/, '');
  return SUMMARY_LABELS.get(t) ?? null;
}
