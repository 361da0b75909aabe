/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import type { TableOverride } from '../../src/core/table-evidence';
import { App } from '../../src/taskpane/App';
import type { Host } from '../../src/taskpane/host';
import { TablesPanel } from '../../src/taskpane/tables/TablesPanel';
import { renderPane } from './render';
import { SAMPLE_TABLES, sampleResult } from './result-fixture';

// The officer sees every table Ragbook read and corrects what it read wrongly.

function panel(saved: TableOverride[] = [], onSave = jest.fn(async (_: TableOverride[]) => undefined)) {
  renderPane(<TablesPanel tables={SAMPLE_TABLES} saved={saved} onSave={onSave} />);
  return onSave;
}

const item = (name: string) => screen.getByRole('heading', { name: new RegExp(`^${name.replace(/[!:()]/g, '\\$&')}`) }).closest('li')!;
const show = (where: string) => fireEvent.click(screen.getByRole('button', { name: `Show how ${where} was read` }));
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save corrections' }));

describe('the tables read', () => {
  test('every table is listed by sheet and range, with what became of it, its header rows, its score and its work streams', () => {
    panel();
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(['Progress!A6:E21', 'Progress!H5:L17', 'Budget!A1:D9 (Excel Table Invoices)']);
    expect(within(item('Progress!A6:E21')).getByText(/Read as a tracker · header row 6 · score 91% · 2 work streams/)).toBeTruthy();
    expect(within(item('Progress!H5:L17')).getByText(/header rows 5 and 6 · score 74% · 1 work stream/)).toBeTruthy();
    expect(within(item('Budget!A1:D9')).getByText(/Not read: it does not look like a tracker · header row 1 · score 12%/)).toBeTruthy();
    expect(within(item('Budget!A1:D9')).getByText(/^Not read because no column holds the actions/)).toBeTruthy();
    expect(within(item('Progress!A6:E21')).getByText('Hand-typed summary checked: B22:E24')).toBeTruthy();
  });

  test('shown, a table names the column behind each role, how it was decided, and why rows were titles, headings, notes or summaries', () => {
    panel();
    show('Progress!A6:E21');
    const t = item('Progress!A6:E21');
    const status = within(t).getByRole('combobox', { name: /^Column D: Status/ });
    expect(within(t).getByText(/^Its values decided this/)).toBeTruthy();
    expect((status as HTMLSelectElement).value).toBe('');
    expect(within(status).getAllByRole('option')[0].textContent).toBe('As read (Status or rating)');
    const start = within(t).getByRole('combobox', { name: 'Column E: Start' });
    expect(within(start).getAllByRole('option')[0].textContent).toBe('As read (not read)');
    const rows = within(t)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(rows).toEqual([
      'Row 4, title “Work stream 1: Front door”: a title above the header row names the work stream.',
      expect.stringMatching(/^Row 14, heading “Work stream 2: Improving triage”: it is worded as a heading/),
      'Row 19, note “Carried over from the last plan”: it is a remark between rows with no actions of its own after it.',
      expect.stringMatching(/^Row 22, hand-typed summary “Completed”: its labels are a summary/),
    ]);
    expect(within(t).getByRole('textbox', { name: 'Title of the work stream in A14:D21' })).toBeTruthy();
  });

  test('giving a column a role and saving stores one correction for that table, and says when it applies', async () => {
    const onSave = panel();
    expect(screen.getByRole('button', { name: 'Save corrections' }).getAttribute('aria-disabled')).toBe('true');
    show('Progress!H5:L17');
    fireEvent.change(screen.getByRole('combobox', { name: /^Column K: Timescale End/ }), { target: { value: 'target' } });
    fireEvent.change(screen.getByRole('combobox', { name: /^Column J: Timescale Start/ }), { target: { value: 'none' } });
    save();
    await screen.findByText('Corrections saved in the workbook. They apply from the next recalculation.');
    expect(onSave).toHaveBeenCalledWith([{ sheet: 'Progress', range: 'H5:L17', roles: { K: 'target', J: 'none' } }]);
  });

  test('a table that is not a tracker is ignored, a work stream renamed (spaces kept as typed), and Undo takes both back', async () => {
    const onSave = panel();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Ignore Budget!A1:D9: it is not a tracker' }));
    show('Progress!A6:E21');
    const title = screen.getByRole('textbox', { name: 'Title of the work stream in A6:D13' }) as HTMLInputElement;
    expect(title.placeholder).toBe('Work stream 1: Front door');
    fireEvent.change(title, { target: { value: 'Front ' } });
    expect(title.value).toBe('Front ');
    fireEvent.change(title, { target: { value: 'Front door ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Undo changes' }));
    expect(title.value).toBe('');
    expect((screen.getByRole('checkbox', { name: /Ignore Budget/ }) as HTMLInputElement).checked).toBe(false);

    fireEvent.click(screen.getByRole('checkbox', { name: /Ignore Budget/ }));
    fireEvent.change(title, { target: { value: ' Front door ' } });
    save();
    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(onSave.mock.calls[0][0]).toEqual([
      { sheet: 'Budget', range: 'A1:D9', ignore: true },
      { sheet: 'Progress', range: 'A6:D13', title: 'Front door' },
    ]);
  });

  test('saved corrections show in the fields, and one whose table has gone can be removed', async () => {
    const saved: TableOverride[] = [
      { sheet: 'Progress', range: 'A6:E21', roles: { E: 'original-target' } },
      { sheet: 'Old plan', range: 'A1:F30', ignore: true },
    ];
    const onSave = panel(saved);
    show('Progress!A6:E21');
    expect((screen.getByRole('combobox', { name: /^Column E: Start/ }) as HTMLSelectElement).value).toBe('original-target');
    fireEvent.click(screen.getByRole('button', { name: 'Remove the correction for Old plan!A1:F30' }));
    expect(screen.getByText(/Old plan!A1:F30 \(will be removed\)/)).toBeTruthy();
    save();
    await waitFor(() => expect(onSave).toHaveBeenCalledWith([saved[0]]));
  });

  test('a failed save says why, and nothing is claimed saved', async () => {
    panel(
      [],
      jest.fn(async (_: TableOverride[]) => {
        throw new Error('The workbook is read-only.');
      }),
    );
    fireEvent.click(screen.getByRole('checkbox', { name: /Ignore Budget/ }));
    save();
    expect((await screen.findByRole('alert')).textContent).toBe('The corrections were not saved: The workbook is read-only.');
  });

  test('with nothing read, it says so', () => {
    renderPane(<TablesPanel tables={[]} saved={[]} onSave={jest.fn()} />);
    expect(screen.getByText(/Ragbook found no table in this workbook/)).toBeTruthy();
  });
});

describe('in the pane', () => {
  function fakeHost(stored: Settings): jest.Mocked<Host> {
    return {
      mode: 'excel',
      recalculate: jest.fn(async () => sampleResult()),
      goToCell: jest.fn(async () => undefined),
      loadSettings: jest.fn(async () => ({ settings: stored, problems: [] })),
      saveSettings: jest.fn(async () => undefined),
    } as unknown as jest.Mocked<Host>;
  }

  test('the corrections are saved with the workbook’s other settings as they stand, and the settings form reads them again', async () => {
    const stored: Settings = { ...DEFAULT_SETTINGS, dueSoonDays: 21 };
    const host = fakeHost(stored);
    renderPane(<App host={host} now={() => new Date(2025, 8, 30)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Recalculate summary' }));
    await screen.findByRole('heading', { name: 'Tables read (3)' });
    fireEvent.click(screen.getByRole('button', { name: 'Show settings' }));
    await screen.findByRole('form', { name: 'Settings' });
    const loads = host.loadSettings.mock.calls.length;

    fireEvent.click(screen.getByRole('button', { name: 'Show tables' }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Ignore Budget/ }));
    await act(async () => save());
    await screen.findByText(/Corrections saved in the workbook/);
    expect(host.saveSettings).toHaveBeenCalledWith({ ...stored, tables: [{ sheet: 'Budget', range: 'A1:D9', ignore: true }] });
    // Saved: nothing left to save, and the settings form has read the settings again.
    expect(screen.getByRole('button', { name: 'Save corrections' }).getAttribute('aria-disabled')).toBe('true');
    await waitFor(() => expect(host.loadSettings.mock.calls.length).toBeGreaterThan(loads + 1));
  });
});
