import { SHEET_NAME_RULES, sheetNameProblem } from './sheet-names';
import { MAX_TABLE_OVERRIDES, type TableOverride, TableOverrideSchema } from './table-evidence';
import { ROLES } from './vocabulary/headers';
import { PROGRESS_WORDS } from './vocabulary/progress';
import { z } from './zod';

// Settings travel inside the workbook, so a colleague who receives it by email gets
// the same rules. They are untrusted input: each field is checked on its own, and a
// damaged field falls back to its default with a message naming it, never a crash.

// Every unmatched status is compared with every synonym, and settings arrive with
// any workbook, so a workbook carrying thousands of them could make a
// recalculation take minutes. No real tracker needs more than a few dozen.
const MAX_SYNONYMS = 500;
const MAX_WORD = 100;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

const statusWord = z.string().min(1, 'a status word cannot be empty').max(MAX_WORD, `a status word has at most ${MAX_WORD} characters`);

// Excel's rules for a sheet name, from sheet-names.ts; the issue says which rule.
const sheetName = z.string().superRefine((name, ctx) => {
  const problem = sheetNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: SHEET_NAME_RULES[problem] });
});

export const RagRulesSchema = z.object({
  /** Red when any action is overdue by more than this many days. */
  redOverdueDays: z.number().int().min(0).max(3650),
  /** Red when at least this share of the actions is Static. */
  redStaticShare: z.number().min(0).max(1),
  /** For ratings-only tables: the worst declared rating, or the most common. */
  ratingsRule: z.enum(['worst', 'most-common']),
});

export const SettingsSchema = z.object({
  locale: z.enum(['en-GB', 'en-US']),
  financialYearStartMonth: z.number().int().min(1).max(12),
  dueSoonDays: z.number().int().min(0).max(366),
  asOf: z.object({ policy: z.enum(['today', 'fixed']), date: isoDate.optional() }),
  statusSynonyms: z.record(statusWord, z.enum(PROGRESS_WORDS)).refine((r) => Object.keys(r).length <= MAX_SYNONYMS, {
    message: `at most ${MAX_SYNONYMS} status synonyms may be set`,
  }),
  headerSynonyms: z.partialRecord(z.enum(ROLES), z.array(z.string().min(1).max(MAX_WORD)).max(MAX_SYNONYMS)),
  rag: RagRulesSchema,
  sheetNames: z.object({ summary: sheetName, issues: sheetName, history: sheetName }),
  /** The officer's corrections of how tables were read (core/table-evidence.ts). */
  tables: z.array(TableOverrideSchema).max(MAX_TABLE_OVERRIDES, `at most ${MAX_TABLE_OVERRIDES} table overrides may be set`),
});

export type Settings = z.infer<typeof SettingsSchema>;
export type RagRules = z.infer<typeof RagRulesSchema>;

export const DEFAULT_SETTINGS: Settings = {
  locale: 'en-GB',
  financialYearStartMonth: 4,
  dueSoonDays: 14,
  asOf: { policy: 'today' },
  statusSynonyms: {},
  headerSynonyms: {},
  rag: { redOverdueDays: 28, redStaticShare: 0.25, ratingsRule: 'worst' },
  sheetNames: { summary: 'RAG Summary', issues: 'RAG Issues', history: 'RAG History' },
  tables: [],
};

export interface SettingsProblem {
  path: string;
  message: string;
}

export interface ParsedSettings {
  settings: Settings;
  problems: SettingsProblem[];
}

/**
 * Reads settings from untrusted JSON. Unknown keys are ignored; each known key that
 * fails its schema is replaced by its default and reported.
 */
export function parseSettings(raw: unknown): ParsedSettings {
  const problems: SettingsProblem[] = [];
  if (raw === undefined || raw === null) return { settings: DEFAULT_SETTINGS, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      settings: DEFAULT_SETTINGS,
      problems: [{ path: '(settings)', message: 'settings must be a JSON object; the defaults are used' }],
    };
  }
  const input = raw as Record<string, unknown>;
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const shape = SettingsSchema.shape;
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    if (!(key in input)) continue;
    if (key === 'tables' && Array.isArray(input.tables) && input.tables.length <= MAX_TABLE_OVERRIDES) {
      out.tables = parseOverrides(input.tables, problems);
      continue;
    }
    const defaults = DEFAULT_SETTINGS[key];
    // Objects may be given in part: fill the rest from the defaults.
    const value =
      isPlainObject(defaults) && isPlainObject(input[key]) && key !== 'statusSynonyms' && key !== 'headerSynonyms'
        ? { ...defaults, ...(input[key] as object) }
        : input[key];
    const parsed = shape[key].safeParse(value);
    if (parsed.success) {
      out[key] = parsed.data;
    } else {
      for (const issue of parsed.error.issues) {
        const path = [key, ...issue.path.map(String)].join('.');
        problems.push({ path, message: `${issue.message}; the default is used` });
      }
    }
  }
  return { settings: out as Settings, problems };
}

/** One damaged override is dropped with a problem naming it; the others still apply. */
function parseOverrides(items: unknown[], problems: SettingsProblem[]): TableOverride[] {
  const kept: TableOverride[] = [];
  items.forEach((item, i) => {
    const parsed = TableOverrideSchema.safeParse(item);
    if (parsed.success) {
      kept.push(parsed.data);
      return;
    }
    for (const issue of parsed.error.issues) {
      const path = ['tables', String(i), ...issue.path.map(String)].join('.');
      problems.push({ path, message: `${issue.message}; this table override is not used` });
    }
  });
  return kept;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
