import { DEFAULT_SETTINGS, SettingsSchema } from '../../src/core/settings';
import { type Draft, checkDraft, toDraft } from '../../src/taskpane/settings-form';

// The settings form is judged by the settings schema itself: each issue lands under
// its field, in words, with the bounds the schema has.

const draft = (patch: Partial<Draft> = {}): Draft => ({ ...toDraft(DEFAULT_SETTINGS), ...patch });
const check = (patch: Partial<Draft>) => checkDraft(draft(patch), DEFAULT_SETTINGS, SettingsSchema);

describe('the settings form', () => {
  test('unchanged defaults are saved as they are', () => {
    expect(check({})).toEqual({ settings: DEFAULT_SETTINGS, errors: {} });
  });

  test('days outside the schema\u2019s range, or not a whole number, are explained under their field', () => {
    expect(check({ dueSoonDays: '400' }).errors).toEqual({ dueSoonDays: 'Enter the days from 0 to 366.' });
    expect(check({ dueSoonDays: '1.5' }).errors).toEqual({ dueSoonDays: 'Enter the days as a whole number from 0 to 366.' });
    expect(check({ dueSoonDays: '' }).errors).toEqual({ dueSoonDays: 'Enter the days as a whole number from 0 to 366.' });
    expect(check({ redOverdueDays: '4000' }).errors).toEqual({ redOverdueDays: 'Enter the days from 0 to 3650.' });
    expect(check({ dueSoonDays: '400' }).settings).toBeNull();
  });

  test('the Static share is typed as a percentage and stored as a share', () => {
    expect(check({ redStaticPercent: '150' }).errors).toEqual({ redStaticPercent: 'Enter a percentage from 0 to 100.' });
    expect(check({ redStaticPercent: 'a quarter' }).errors).toEqual({ redStaticPercent: 'Enter a percentage from 0 to 100.' });
    expect(check({ redStaticPercent: '12.5' }).settings!.rag.redStaticShare).toBe(0.125);
  });

  test('a sheet called History is refused, as Excel refuses it', () => {
    expect(check({ history: 'History' }).errors).toEqual({ history: "Excel reserves the name 'History'." });
    expect(check({ summary: 'history' }).errors).toEqual({ summary: "Excel reserves the name 'History'." });
  });

  test('each broken sheet-name rule is named under its field', () => {
    expect(check({ summary: "'Board'", issues: '', history: 'x'.repeat(32) }).errors).toEqual({
      summary: "A sheet name may not start or end with '.",
      issues: 'A sheet name cannot be empty.',
      history: 'Excel sheet names have at most 31 characters.',
    });
  });

  test('two Ragbook sheets may not share a name', () => {
    expect(check({ issues: 'RAG summary' }).errors).toEqual({ issues: 'Give each Ragbook sheet its own name.' });
  });

  test('a status word too long for the schema is named under its status', () => {
    const long = 'w'.repeat(101);
    expect(check({ synonyms: { ...draft().synonyms, Static: long } }).errors).toEqual({
      'synonyms.Static': `'${long}': a status word has at most 100 characters.`,
    });
  });

  test('a word listed under two statuses is refused under the second', () => {
    expect(check({ synonyms: { ...draft().synonyms, Completed: 'done', Static: 'Done' } }).errors).toEqual({
      'synonyms.Static': "'Done' is also listed under Completed; a word can mean only one status.",
    });
  });
});
