import { useEffect, useState } from 'react';
import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { Settings, SettingsProblem } from '../core/settings';
import { monthName } from '../core/month-names';
import { PROGRESS_WORDS, type ProgressWord } from '../core/vocabulary/progress';
import { Notice } from './Notice';
import { errorMessage } from './format';
import { type Draft, type Errors, checkDraft, toDraft } from './settings-form';

// The rules a team may change. They are stored in the workbook, so colleagues who
// receive it get the same rules. The form edits text and checks it on save with
// the settings schema (settings-form.ts); the host stores the result (in Excel, the
// workbook's settings).

/** The schema carries zod, so it loads when the form is first saved, not with the pane. */
const settingsModule = () => import(/* webpackChunkName: "settings" */ '../core/settings');

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
    setSaving(true);
    try {
      const { SettingsSchema } = await settingsModule();
      const checked = checkDraft(draft, state.base, SettingsSchema);
      setErrors(checked.errors);
      if (!checked.settings) {
        const general = checked.errors.form ? ` ${checked.errors.form}` : '';
        setOutcome({ ok: false, text: `Some settings need correcting; nothing was saved.${general}` });
        return;
      }
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
        <Field label="RAG of a table with ratings only" validationMessage={errors.ratingsRule}>
          <Select value={draft.ratingsRule} onChange={(_, d) => edit({ ratingsRule: d.value as Draft['ratingsRule'] })}>
            <option value="worst">The worst rating given</option>
            <option value="most-common">The most common rating</option>
          </Select>
        </Field>
      </fieldset>

      <fieldset className={s.fieldset}>
        <legend className={s.legend}>Dates</legend>
        <Field label="Financial year starts in" hint="Quarter 1 begins in this month." validationMessage={errors.financialYearStartMonth}>
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
        <Field label="Actions sheet" validationMessage={errors.actions}>
          <Input value={draft.actions} onChange={(_, d) => edit({ actions: d.value })} />
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
