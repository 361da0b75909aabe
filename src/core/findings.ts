import { z } from './zod';

// Every problem Ragbook finds is a value with a code, a cell and a message, never a
// thrown string: the pane, the CLI, the report and the RAG Issues sheet all show it.

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

export const FindingSchema = z.object({
  severity: SeveritySchema,
  code: z.string(),
  sheet: z.string(),
  /** A1 address of the cell (or range) the finding is about. */
  cell: z.string(),
  workstream: z.string().nullable(),
  value: z.string().optional(),
  message: z.string(),
  suggestion: z.string().nullable().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then info; within a severity, in workbook order. */
export function sortFindings(findings: Finding[], sheetOrder: string[]): Finding[] {
  const sheetIndex = new Map(sheetOrder.map((s, i) => [s, i]));
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] ||
        (sheetIndex.get(a.f.sheet) ?? 1e9) - (sheetIndex.get(b.f.sheet) ?? 1e9) ||
        a.i - b.i,
    )
    .map((x) => x.f);
}
