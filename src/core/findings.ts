import { FINDING_WORDS, type FindingCode, FindingCodeSchema, type FindingParams } from './finding-codes';
import { z } from './zod';

// Every problem Ragbook finds is a value with a code, a cell and a message, never a
// thrown string: the pane, the CLI, the report and the RAG Issues sheet all show it.
// Each is built by `finding`, from its code's words in finding-codes.ts.

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

export const FindingSchema = z.object({
  severity: SeveritySchema,
  code: FindingCodeSchema,
  sheet: z.string(),
  /** A1 address of the cell (or range) the finding is about. */
  cell: z.string(),
  workstream: z.string().nullable(),
  value: z.string().optional(),
  message: z.string(),
  suggestion: z.string().nullable().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

/**
 * A finding quotes the cell it points at, as typed, so the officer recognises it;
 * a cell of thousands of characters (a pasted report) is cut to its first
 * characters and an ellipsis, so one finding never fills the pane or the sheet.
 */
export const QUOTE_LIMIT = 200;

export function quote(text: string): string {
  return text.length > QUOTE_LIMIT ? text.slice(0, QUOTE_LIMIT - 1) + '…' : text;
}

/** Where a finding points, and the cell's text as typed when it quotes it. */
export interface FindingPlace {
  sheet: string;
  /** A1 address of the cell (or range), or a setting's path for findings about settings. */
  cell: string;
  workstream: string | null;
  value?: string;
}

/** A finding of `code` about `at`, in its code's words. */
export function finding<C extends FindingCode>(code: C, at: FindingPlace, params: FindingParams[C]): Finding {
  const words = FINDING_WORDS[code];
  // Every finding gets the same fields in the same order: a tracker can give tens
  // of thousands, and objects of one shape are cheaper to make and to read.
  return {
    severity: words.severity,
    code,
    sheet: at.sheet,
    cell: at.cell,
    workstream: at.workstream,
    value: at.value === undefined ? undefined : quote(at.value),
    message: words.message(params),
    suggestion: words.suggestion(params),
  };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Errors first, then warnings, then info; within a severity, in workbook order,
 * and otherwise in the order found. That order is a few buckets, so the findings
 * are dealt into them rather than sorted: a large tracker has tens of thousands.
 */
export function sortFindings(findings: Finding[], sheetOrder: string[]): Finding[] {
  const sheetIndex = new Map(sheetOrder.map((s, i) => [s, i]));
  const perSeverity = sheetOrder.length + 1; // the last bucket: findings about no sheet of the workbook
  const buckets: Finding[][] = [];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const k = SEVERITY_ORDER[f.severity] * perSeverity + (sheetIndex.get(f.sheet) ?? sheetOrder.length);
    (buckets[k] ??= []).push(f);
  }
  const out: Finding[] = [];
  for (let k = 0; k < buckets.length; k++) {
    const b = buckets[k];
    if (b) for (let i = 0; i < b.length; i++) out.push(b[i]);
  }
  return out;
}
