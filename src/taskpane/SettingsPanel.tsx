import { useEffect, useState } from 'react';
import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { Settings, SettingsProblem } from '../core/settings';
import { Notice } from './Notice';
import { monthName } from '../core/month-names';
import { PROGRESS_WORDS, type ProgressWord } from '../core/vocabulary/progress';
import { errorMessage } from './format';

// The rules a team may change. They are stored in the workbook, so colleagues who
// receive it get the same rules. The form edits text and checks it on save; the
// host stores the result (in Excel, the workbook's settings).

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM}`,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

export interface SettingsPanelProps {
  load: () => Promise<{ settings: Settings; problems: SettingsProblem[] }>;
  save: (settings: Settings) => Promise<void>;
}

/** The form's values, as typed. */
interface Draft {
  financialYearStartMonth: string;
  dueSoonDays: string;
  redOverdueDays: string;
  redStaticPercent: string;
  ratingsRule: Settings['rag']['ratingsRule'];
  synonyms: Record<ProgressWord, string>;
  summary: string;
  issues: string;
  history: string;
}

type Errors = Partial<Record<keyof Draft | `synonyms.${ProgressWord}`, string>>;

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
    issues: s.sheetNames.issues,
    history: s.sheetNames.history,
  };
}

function wholeNumber(text: string, min: number, max: number, what: string): [number | null, string | undefined] {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return [null, `Enter ${what} as a whole number from ${min} to ${max}.`];
  const n = Number(t);
  if (n < min || n > max) return [null, `Enter ${what} from ${min} to ${max}.`];
  return [n, undefined];
}

function sheetNameProblem(name: string): string | undefined {
  const t = name.trim();
  if (!t) return 'Enter a sheet name.';
  if (t.length > 31) return 'Excel sheet names have at most 31 characters.';
  if (/[[\]:*?/\\]/.test(t)) return 'A sheet name may not contain [ ] : * ? / or \\.';
  if (t.startsWith("'") || t.endsWith("'")) return "A sheet name may not start or end with '.";
  if (t.toLowerCase() === 'history') return "Excel reserves the name 'History'.";
  return undefined;
}

/** The draft as settings, or the problems found, each under its field. */
export function fromDraft(d: Draft, base: Settings): { settings: Settings | null; errors: Errors } {
  const errors: Errors = {};
  const [fyMonth] = wholeNumber(d.financialYearStartMonth, 1, 12, 'the month');
  const [dueSoon, dueSoonError] = wholeNumber(d.dueSoonDays, 0, 366, 'the days');
  const [redDays, redDaysError] = wholeNumber(d.redOverdueDays, 0, 3650, 'the days');
  if (dueSoonError) errors.dueSoonDays = dueSoonError;
  if (redDaysError) errors.redOverdueDays = redDaysError;
  const pctText = d.redStaticPercent.trim();
  const pct = /^\d+(\.\d+)?$/.test(pctText) ? Number(pctText) : NaN;
  if (!(pct >= 0 && pct <= 100)) errors.redStaticPercent = 'Enter a percentage from 0 to 100.';

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

  const names = { summary: d.summary.trim(), issues: d.issues.trim(), history: d.history.trim() };
  for (const role of ['summary', 'issues', 'history'] as const) {
    const problem = sheetNameProblem(names[role]);
    if (problem) errors[role] = problem;
  }
  const lower = Object.values(names).map((n) => n.toLowerCase());
  if (!errors.issues && lower[1] === lower[0]) errors.issues = 'Give each Ragbook sheet its own name.';
  if (!errors.history && (lower[2] === lower[0] || lower[2] === lower[1])) errors.history = 'Give each Ragbook sheet its own name.';

  if (Object.keys(errors).length > 0 || fyMonth === null || dueSoon === null || redDays === null) return { settings: null, errors };
  return {
    settings: {
      ...base,
      financialYearStartMonth: fyMonth,
      dueSoonDays: dueSoon,
      statusSynonyms,
      rag: { ...base.rag, redOverdueDays: redDays, redStaticShare: pct / 100, ratingsRule: d.ratingsRule },
      sheetNames: names,
    },
    errors,
  };
}

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; base: Settings; problems: SettingsProblem[] };

export function SettingsPanel({ load, save }: SettingsPanelProps) {
  const s = useStyles();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    load().then(
      ({ settings, problems }) => {
        if (!live) return;
        setState({ kind: 'ready', base: settings, problems });
        setDraft(toDraft(settings));
      },
      (e: unknown) => live && setState({ kind: 'failed', message: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [load]);

  if (state.kind === 'loading') return <p role="status">Loading settings…</p>;
  if (state.kind === 'failed')
    return (
      <Notice intent="error" title="The settings could not be read">
        {state.message}
      </Notice>
    );
  if (!draft) return null;

  const edit = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setOutcome(null);
  };
  const editSynonyms = (word: ProgressWord, text: string) => edit({ synonyms: { ...draft.synonyms, [word]: text } });

  const onSubmit = async () => {
    const checked = fromDraft(draft, state.base);
    setErrors(checked.errors);
    if (!checked.settings) {
      setOutcome({ ok: false, text: 'Some settings need correcting; nothing was saved.' });
      return;
    }
    setSaving(true);
    try {
      await save(checked.settings);
      setState({ kind: 'ready', base: checked.settings, problems: [] });
      setOutcome({ ok: true, text: 'Settings saved. They apply from the next recalculation.' });
    } catch (e) {
      setOutcome({ ok: false, text: `The settings were not saved: ${errorMessage(e)}` });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className={s.form}
      aria-label="Settings"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {state.problems.length > 0 && (
        <Notice intent="warning" title="Some stored settings were damaged, so their defaults are shown">
          <ul>
            {state.problems.map((p) => (
              <li key={p.path}>
                {p.path}: {p.message}
              </li>
            ))}
          </ul>
        </Notice>
      )}

      <fieldset className={s.fieldset}>
        <legend className={s.legend}>RAG rules</legend>
        <Field label="Red when an action is overdue by more than (days)" validationMessage={errors.redOverdueDays}>
          <Input inputMode="numeric" value={draft.redOverdueDays} onChange={(_, d) => edit({ redOverdueDays: d.value })} />
        </Field>
        <Field label="Red when this share of actions is Static (%)" validationMessage={errors.redStaticPercent}>
          <Input inputMode="decimal" value={draft.redStaticPercent} onChange={(_, d) => edit({ redStaticPercent: d.value })} />
        </Field>
        <Field label="Due soon within (days)" validationMessage={errors.dueSoonDays}>
          <Input inputMode="numeric" value={draft.dueSoonDays} onChange={(_, d) => edit({ dueSoonDays: d.value })} />
        </Field>
        <Field label="RAG of a table with ratings only">
          <Select value={draft.ratingsRule} onChange={(_, d) => edit({ ratingsRule: d.value as Draft['ratingsRule'] })}>
            <option value="worst">The worst rating given</option>
            <option value="most-common">The most common rating</option>
          </Select>
        </Field>
      </fieldset>

      <fieldset className={s.fieldset}>
        <legend className={s.legend}>Dates</legend>
        <Field label="Financial year starts in" hint="Quarter 1 begins in this month.">
          <Select value={draft.financialYearStartMonth} onChange={(_, d) => edit({ financialYearStartMonth: d.value })}>
            {Array.from({ length: 12 }, (_, i) => (
              <option key={i + 1} value={String(i + 1)}>
                {monthName(i + 1)}
              </option>
            ))}
          </Select>
        </Field>
      </fieldset>

      <fieldset className={s.fieldset}>
        <legend className={s.legend}>Status words</legend>
        {PROGRESS_WORDS.map((word) => (
          <Field
            key={word}
            label={`Also read as ${word}`}
            hint="Words separated by commas, e.g. signed off, delivered"
            validationMessage={errors[`synonyms.${word}`]}
          >
            <Input value={draft.synonyms[word]} onChange={(_, d) => editSynonyms(word, d.value)} />
          </Field>
        ))}
      </fieldset>

      <fieldset className={s.fieldset}>
        <legend className={s.legend}>Sheet names</legend>
        <Field label="Summary sheet" validationMessage={errors.summary}>
          <Input value={draft.summary} onChange={(_, d) => edit({ summary: d.value })} />
        </Field>
        <Field label="Issues sheet" validationMessage={errors.issues}>
          <Input value={draft.issues} onChange={(_, d) => edit({ issues: d.value })} />
        </Field>
        <Field label="History sheet" validationMessage={errors.history}>
          <Input value={draft.history} onChange={(_, d) => edit({ history: d.value })} />
        </Field>
      </fieldset>

      <div className={s.row}>
        <Button type="submit" disabledFocusable={saving}>
          Save settings
        </Button>
        <Button type="button" appearance="subtle" onClick={() => edit(toDraft(state.base))} disabled={saving}>
          Undo changes
        </Button>
      </div>
      {outcome && <Notice intent={outcome.ok ? 'success' : 'error'}>{outcome.text}</Notice>}
    </form>
  );
}
