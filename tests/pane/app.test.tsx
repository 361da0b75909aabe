/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { App } from '../../src/taskpane/App';
import type { Host, Progress } from '../../src/taskpane/host';
import { renderPane } from './render';
import { sampleResult } from './result-fixture';

function fakeHost(over: Partial<Host> = {}): jest.Mocked<Host> {
  return {
    mode: 'excel',
    recalculate: jest.fn(async () => sampleResult()),
    goToCell: jest.fn(async () => undefined),
    loadSettings: jest.fn(async () => ({ settings: DEFAULT_SETTINGS, problems: [] })),
    saveSettings: jest.fn(async () => undefined),
    ...over,
  } as jest.Mocked<Host>;
}

const NOW = () => new Date(2025, 8, 30, 9, 0);

function recalculateButton() {
  return screen.getByRole('button', { name: 'Recalculate summary' });
}

describe('the task pane', () => {
  test('Recalculate summary runs the host at the as-of date (today by default) and shows the result', async () => {
    const host = fakeHost();
    renderPane(<App host={host} now={NOW} />);
    const asOf = screen.getByLabelText('As of') as HTMLInputElement;
    expect(asOf.value).toBe('2025-09-30');
    fireEvent.change(asOf, { target: { value: '2025-10-01' } });
    fireEvent.click(recalculateButton());
    await screen.findByRole('heading', { name: 'Work streams (3)' });
    expect(host.recalculate).toHaveBeenCalledWith('2025-10-01', expect.any(Function));
    expect(screen.getByRole('heading', { name: 'Findings (4)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Changes since last' })).toBeTruthy();
  });

  test('the headline comes first: the overall RAG and the lines a manager quotes, before the work streams', async () => {
    renderPane(<App host={fakeHost()} now={NOW} />);
    fireEvent.click(recalculateButton());
    await screen.findByRole('heading', { name: 'Work streams (3)' });
    const summary = screen.getByRole('region', { name: 'Summary' });
    expect(within(summary).getByText('Red').getAttribute('data-rag')).toBe('Red');
    const terms = within(summary)
      .getAllByRole('term')
      .map((t) => t.textContent);
    expect(terms).toEqual(['Work streams', 'Actions', 'Overdue', 'Hand-typed summaries', 'Findings', 'Since last']);
    const values = within(summary)
      .getAllByRole('definition')
      .map((d) => d.textContent);
    expect(values[0]).toBe('3 work streams: 1 Red · 1 Amber · 0 Green · 1 Blue');
    expect(values[5]).toBe('First recalculation: nothing to compare with yet.');
    expect(summary.textContent).toContain('As of 30 September 2025');
    // The summary section comes before the work streams in reading order.
    const regions = screen.getAllByRole('region').map((r) => r.getAttribute('aria-labelledby'));
    expect(regions.indexOf('summary-heading')).toBeLessThan(regions.indexOf('workstreams-heading'));
  });

  test('keyboard: the button is a focusable native submit button, and Enter in the date field (form submit) recalculates', async () => {
    const host = fakeHost();
    renderPane(<App host={host} now={NOW} />);
    const button = recalculateButton();
    expect(button.tagName).toBe('BUTTON');
    expect(button.getAttribute('type')).toBe('submit');
    button.focus();
    expect(document.activeElement).toBe(button);
    // A browser submits the form when Enter is pressed in its field or on its submit button.
    const form = (screen.getByLabelText('As of') as HTMLInputElement).form!;
    expect(form.contains(button)).toBe(true);
    fireEvent.submit(form);
    await screen.findByRole('heading', { name: 'Work streams (3)' });
    expect(host.recalculate).toHaveBeenCalledTimes(1);
  });

  test('while it runs, the progress bar names the stage', async () => {
    let report: Progress = () => undefined;
    let finish: () => void = () => undefined;
    const host = fakeHost({
      recalculate: jest.fn(
        (_asOf: string, onProgress: Progress) =>
          new Promise((resolve) => {
            report = onProgress;
            finish = () => resolve(sampleResult());
          }),
      ),
    });
    renderPane(<App host={host} now={NOW} />);
    fireEvent.click(recalculateButton());
    act(() => report('Reading trackers', 2, 5));
    const bar = screen.getByRole('progressbar');
    const label = document.getElementById(bar.getAttribute('aria-labelledby')!)!;
    expect(label.textContent).toBe('Reading trackers (2 of 5)');
    expect(recalculateButton().getAttribute('aria-disabled')).toBe('true');
    await act(async () => finish());
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(recalculateButton().getAttribute('aria-disabled')).toBeNull();
  });

  test('an error from the host is shown plainly', async () => {
    const message = 'The sheet Progress is protected. Unprotect it (Review > Unprotect Sheet) and try again.';
    const host = fakeHost({ recalculate: jest.fn(async () => Promise.reject(new Error(message))) });
    renderPane(<App host={host} now={NOW} />);
    fireEvent.click(recalculateButton());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The summary was not recalculated');
    expect(alert.textContent).toContain(message);
  });

  test('Go to cell asks the host to select the cell', async () => {
    const host = fakeHost();
    renderPane(<App host={host} now={NOW} />);
    fireEvent.click(recalculateButton());
    fireEvent.click(await screen.findByRole('button', { name: 'Go to cell Progress!D23' }));
    await waitFor(() => expect(host.goToCell).toHaveBeenCalledWith('Progress', 'D23'));
  });

  test('a failed Go to cell says why', async () => {
    const host = fakeHost({ goToCell: jest.fn(async () => Promise.reject(new Error('The sheet Progress was deleted.'))) });
    renderPane(<App host={host} now={NOW} />);
    fireEvent.click(recalculateButton());
    fireEvent.click(await screen.findByRole('button', { name: 'Go to cell Progress!D23' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The sheet Progress was deleted.');
  });

  test('when Excel is too old, it says so and Recalculate cannot run', async () => {
    const host = fakeHost();
    renderPane(<App host={host} now={NOW} checkHost={async () => 'Ragbook needs Excel API 1.9 or later.'} />);
    expect((await screen.findByRole('alert')).textContent).toContain('Ragbook needs Excel API 1.9 or later.');
    fireEvent.click(recalculateButton());
    expect(host.recalculate).not.toHaveBeenCalled();
  });

  test('the settings panel saves edited values through saveSettings', async () => {
    const host = fakeHost();
    renderPane(<App host={host} now={NOW} />);
    const toggle = screen.getByRole('button', { name: 'Show settings' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    const form = await screen.findByRole('form', { name: 'Settings' });
    const f = within(form);
    fireEvent.change(f.getByLabelText('Red when an action is overdue by more than (days)'), { target: { value: '42' } });
    fireEvent.change(f.getByLabelText('Red when this share of actions is Static (%)'), { target: { value: '30' } });
    fireEvent.change(f.getByLabelText('Due soon within (days)'), { target: { value: '21' } });
    fireEvent.change(f.getByLabelText('Financial year starts in'), { target: { value: '1' } });
    fireEvent.change(f.getByLabelText('Also read as Completed'), { target: { value: 'signed off, delivered' } });
    fireEvent.change(f.getByLabelText('Also read as Static'), { target: { value: 'paused' } });
    fireEvent.change(f.getByLabelText('Summary sheet'), { target: { value: 'Board summary' } });
    fireEvent.click(f.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(host.saveSettings).toHaveBeenCalledTimes(1));
    const saved = host.saveSettings.mock.calls[0][0] as Settings;
    expect(saved).toEqual({
      ...DEFAULT_SETTINGS,
      financialYearStartMonth: 1,
      dueSoonDays: 21,
      statusSynonyms: { 'signed off': 'Completed', delivered: 'Completed', paused: 'Static' },
      rag: { ...DEFAULT_SETTINGS.rag, redOverdueDays: 42, redStaticShare: 0.3 },
      sheetNames: { ...DEFAULT_SETTINGS.sheetNames, summary: 'Board summary' },
    });
    expect((await screen.findByText(/Settings saved/)).textContent).toContain('next recalculation');
  });

  test('settings that break Excel\u2019s rules are explained and not saved', async () => {
    const host = fakeHost();
    renderPane(<App host={host} now={NOW} />);
    fireEvent.click(screen.getByRole('button', { name: 'Show settings' }));
    const f = within(await screen.findByRole('form', { name: 'Settings' }));
    fireEvent.change(f.getByLabelText('Summary sheet'), { target: { value: 'Q1/Q2 summary' } });
    fireEvent.change(f.getByLabelText('Due soon within (days)'), { target: { value: 'two weeks' } });
    fireEvent.change(f.getByLabelText('Also read as Static'), { target: { value: 'done' } });
    fireEvent.change(f.getByLabelText('Also read as Completed'), { target: { value: 'done' } });
    fireEvent.click(f.getByRole('button', { name: 'Save settings' }));
    expect(await f.findByText('A sheet name may not contain [ ] : * ? / or \\.')).toBeTruthy();
    expect(f.getByText('Enter the days as a whole number from 0 to 366.')).toBeTruthy();
    expect(f.getByText(/'done' is also listed under Completed/)).toBeTruthy();
    expect(host.saveSettings).not.toHaveBeenCalled();
  });

  test('damaged stored settings are shown with the defaults', async () => {
    const host = fakeHost({
      loadSettings: jest.fn(async () => ({
        settings: DEFAULT_SETTINGS,
        problems: [{ path: 'dueSoonDays', message: 'expected a number; the default is used' }],
      })),
    });
    renderPane(<App host={host} now={NOW} />);
    fireEvent.click(screen.getByRole('button', { name: 'Show settings' }));
    expect((await screen.findByText(/dueSoonDays: expected a number/)).textContent).toBeTruthy();
    expect((screen.getByLabelText('Due soon within (days)') as HTMLInputElement).value).toBe('14');
  });
});
