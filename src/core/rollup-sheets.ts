// The sheets of the directorate workbook (ragbook rollup), by name. Apart from the
// plan that writes them, so that a recalculation can tell them from RAG sheets
// (plan/names.ts) without importing the roll-up.

export const DIRECTORATE_SHEETS = {
  summary: 'Directorate summary',
  workstreams: 'All work streams',
  actions: 'All actions',
  refused: 'Files not read',
} as const;
