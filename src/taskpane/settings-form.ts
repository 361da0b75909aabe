import type { Settings, SettingsSchema } from '../core/settings';
import { PROGRESS_WORDS, type ProgressWord } from '../core/vocabulary/progress';

// The settings form's values as typed, and the way back to settings. The rules are
// the settings schema's (core/settings.ts): the form turns its text into a settings
// object, the schema judges it, and each issue is shown under the field it is about.
// Only what the schema cannot see is checked here: a word listed under two statuses
// (the schema sees one map), and two Ragbook sheets given one name. The schema
// carries zod, which stays out of the pane's first bundle, so it is passed in.

/** The form's values, as typed. */
export interface Draft {
  financialYearStartMonth: string;
  dueSoonDays: string;
  redOverdueDays: string;
  redStaticPercent: string;
  ratingsRule: Settings['rag']['ratingsRule'];
  synonyms: Record<ProgressWord, string>;
  summary: string;
  actions: string;
  issues: string;
  history: string;
}

/** Ragbook's sheets, in the order the form lists them. */
const SHEET_FIELDS = ['summary', 'actions', 'issues', 'history'] as const;

export type DraftField = Exclude<keyof Draft, 'synonyms'> | `synonyms.${ProgressWord}`;
/** A message per field; `form` holds what belongs to no field. */
export type Errors = Partial<Record<DraftField | 'form', string>>;

export function toDraft(s: Settings): Draft {
  const synonyms = Object.fromEntries(PROGRESS_WORDS.map((w) => [w, ''])) as Record<ProgressWord, string>;
  for (const [word, canonical] of Object.entries(s.statusSynonyms)) {
    synonyms[canonical] = synonyms[canonical] ? `${synonyms[canonical]}, ${word}` : word;
  }
  return {
    financialYearStartMonth: String(s.financialYearStartMonth),
    dueSoonDays: String(s.dueSoonDays),
    redOverdueDays: String(s.rag.redOverdueDays),
    // Shown as a whole percent; stored as a share.
    redStaticPercent: String(Math.round(s.rag.redStaticShare * 10000) / 100),
    ratingsRule: s.rag.ratingsRule,
    synonyms,
    summary: s.sheetNames.summary,
    actions: s.sheetNames.actions,
    issues: s.sheetNames.issues,
    history: s.sheetNames.history,
  };
}

/** A number as typed in a field; anything that is not a plain decimal is NaN, for the schema to refuse. */
function typedNumber(text: string): number {
  const t = text.trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

/** The draft as a settings object, unjudged, with what only the form can see wrong with it. */
function fromDraft(d: Draft, base: Settings): { candidate: Settings; errors: Errors } {
  const errors: Errors = {};
  const statusSynonyms: Record<string, ProgressWord> = {};
  const seen = new Map<string, ProgressWord>();
  for (const canonical of PROGRESS_WORDS) {
    for (const raw of d.synonyms[canonical].split(/[,;\n]/)) {
      const word = raw.trim().replace(/\s+/g, ' ');
      if (!word) continue;
      const key = word.toLowerCase();
      const other = seen.get(key);
      if (other && other !== canonical) {
        errors[`synonyms.${canonical}`] = `'${word}' is also listed under ${other}; a word can mean only one status.`;
        continue;
      }
      seen.set(key, canonical);
      statusSynonyms[word] = canonical;
    }
  }
  const sheetNames = { summary: d.summary.trim(), actions: d.actions.trim(), issues: d.issues.trim(), history: d.history.trim() };
  const candidate: Settings = {
    ...base,
    financialYearStartMonth: typedNumber(d.financialYearStartMonth),
    dueSoonDays: typedNumber(d.dueSoonDays),
    statusSynonyms,
    rag: {
      ...base.rag,
      redOverdueDays: typedNumber(d.redOverdueDays),
      redStaticShare: typedNumber(d.redStaticPercent) / 100,
      ratingsRule: d.ratingsRule,
    },
    sheetNames,
  };
  return { candidate, errors };
}

/** The fields of a zod issue the form reads (zod's issues have these and more). */
interface SchemaIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  issues?: SchemaIssue[];
}

type Schema = typeof SettingsSchema;

/** `a sheet name may not contain …` as a sentence under a field. */
function sentence(fragment: string): string {
  return fragment.charAt(0).toUpperCase() + fragment.slice(1) + (/[.!?]$/.test(fragment) ? '' : '.');
}

/** "Enter the days from 0 to 366.", with the bounds the schema has. */
function numberMessage(issue: SchemaIssue, what: string, min: number | null, max: number | null, scale = 1): string {
  const range = `from ${(min ?? 0) * scale} to ${(max ?? 0) * scale}`;
  const outOfRange = issue.code === 'too_small' || issue.code === 'too_big';
  return outOfRange || scale !== 1 ? `Enter ${what} ${range}.` : `Enter ${what} as a whole number ${range}.`;
}

/** The field an issue is about, and what to say there. */
function placeIssue(issue: SchemaIssue, candidate: Settings, schema: Schema): [DraftField | 'form', string] {
  const [head, second] = issue.path.map(String);
  const rag = schema.shape.rag.shape;
  switch (head) {
    case 'financialYearStartMonth': {
      const n = schema.shape.financialYearStartMonth;
      return [head, numberMessage(issue, 'the month', n.minValue, n.maxValue)];
    }
    case 'dueSoonDays': {
      const n = schema.shape.dueSoonDays;
      return [head, numberMessage(issue, 'the days', n.minValue, n.maxValue)];
    }
    case 'rag':
      if (second === 'redOverdueDays')
        return [second, numberMessage(issue, 'the days', rag.redOverdueDays.minValue, rag.redOverdueDays.maxValue)];
      if (second === 'redStaticShare')
        return ['redStaticPercent', numberMessage(issue, 'a percentage', rag.redStaticShare.minValue, rag.redStaticShare.maxValue, 100)];
      return ['ratingsRule', sentence(issue.message)];
    case 'statusSynonyms': {
      // A word of its own (too long), or the list as a whole (too many words).
      const word = second ?? Object.keys(candidate.statusSynonyms)[0];
      const canonical = word === undefined ? PROGRESS_WORDS[0] : candidate.statusSynonyms[word];
      const detail = issue.issues?.[0]?.message ?? issue.message;
      return [`synonyms.${canonical}`, sentence(second === undefined ? detail : `'${second}': ${detail}`)];
    }
    case 'sheetNames':
      if ((SHEET_FIELDS as readonly (string | undefined)[]).includes(second)) return [second as DraftField, sentence(issue.message)];
      return ['form', sentence(issue.message)];
    default:
      return ['form', sentence(`${issue.path.join('.')}: ${issue.message}`)];
  }
}

/**
 * The draft as settings, or the problems found, each under its field. `schema` is
 * core/settings.ts's SettingsSchema, which the pane loads when the form is saved.
 */
export function checkDraft(d: Draft, base: Settings, schema: Schema): { settings: Settings | null; errors: Errors } {
  const { candidate, errors: formErrors } = fromDraft(d, base);
  const errors: Errors = {};
  const parsed = schema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues as SchemaIssue[]) {
      const [field, message] = placeIssue(issue, candidate, schema);
      errors[field] ??= message;
    }
  }
  for (const [field, message] of Object.entries(formErrors) as [DraftField, string][]) errors[field] ??= message;
  const lower = SHEET_FIELDS.map((f) => candidate.sheetNames[f].toLowerCase());
  SHEET_FIELDS.forEach((f, i) => {
    if (!errors[f] && lower.slice(0, i).includes(lower[i])) errors[f] = 'Give each Ragbook sheet its own name.';
  });
  if (Object.keys(errors).length > 0 || !parsed.success) return { settings: null, errors };
  return { settings: parsed.data, errors };
}
