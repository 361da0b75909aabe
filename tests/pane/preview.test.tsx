/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { PreviewApp } from '../../src/taskpane/preview/PreviewApp';
import { renderPane } from './render';
import { sampleResult } from './result-fixture';

// The preview's pane, with the .xlsx session (reader, engine, writer) replaced: the
// real one is exercised in the browser by tests/e2e.

const session = {
  openWorkbook: jest.fn(),
  recalculateWorkbook: jest.fn(),
  settingsFor: jest.fn(() => ({ settings: DEFAULT_SETTINGS, problems: [] })),
  outputName: (n: string) => n.replace(/\.xlsx$/i, '') + '.ragbook.xlsx',
};
jest.mock('../../src/taskpane/preview/session', () => session);

function xlsxFile(name: string): File {
  const file = new File([new Uint8Array([80, 75, 3, 4])], name, {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  // jsdom's File may lack arrayBuffer(); the pane only needs the bytes.
  if (typeof file.arrayBuffer !== 'function')
    Object.defineProperty(file, 'arrayBuffer', { value: async () => new Uint8Array([80, 75, 3, 4]).buffer });
  return file;
}

function chooseFile(name: string) {
  const input = screen.getByLabelText('Open workbook') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [xlsxFile(name)] } });
}

/** The session opens `name` as an empty workbook and recalculates it to the sample result. */
function stubSession(name: string) {
  const wb = { fileName: name, bytes: new Uint8Array(), grid: { name, sheets: [], date1904: false } };
  session.openWorkbook.mockReturnValue(wb);
  session.recalculateWorkbook.mockResolvedValue({ result: sampleResult(), bytes: new Uint8Array([1]), written: ['RAG Summary'] });
  return wb;
}

beforeEach(() => {
  jest.clearAllMocks();
});

describe('preview mode', () => {
  test('offers Open workbook as a file input for .xlsx, and Recalculate waits for a workbook', () => {
    renderPane(<PreviewApp />);
    const input = screen.getByLabelText('Open workbook') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toContain('.xlsx');
    expect(screen.getByRole('button', { name: 'Recalculate summary' }).getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByRole('button', { name: 'Download workbook' }).getAttribute('aria-disabled')).toBe('true');
  });

  test('a file that is not a workbook is explained plainly', async () => {
    const message = 'notes.xlsx is a Word document, not an Excel workbook: choose the .xlsx file.';
    session.openWorkbook.mockImplementation(() => {
      throw Object.assign(new Error(message), { name: 'WorkbookFileError' });
    });
    renderPane(<PreviewApp />);
    chooseFile('notes.xlsx');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The workbook could not be opened');
    expect(alert.textContent).toContain(message);
  });

  test('open, recalculate, go to a cell and download the updated workbook', async () => {
    const wb = { fileName: 'tracker.xlsx', bytes: new Uint8Array(), grid: { name: 'tracker.xlsx', sheets: [], date1904: false } };
    session.openWorkbook.mockReturnValue(wb);
    session.recalculateWorkbook.mockResolvedValue({
      result: sampleResult(),
      bytes: new Uint8Array([1, 2, 3]),
      written: ['RAG Summary', 'RAG Issues'],
    });
    const createObjectURL = jest.fn(() => 'blob:ragbook');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked: HTMLAnchorElement[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });

    renderPane(<PreviewApp />);
    chooseFile('tracker.xlsx');
    await screen.findByText(/Opened tracker.xlsx/);
    const recalc = screen.getByRole('button', { name: 'Recalculate summary' });
    await waitFor(() => expect(recalc.getAttribute('aria-disabled')).toBeNull());
    fireEvent.click(recalc);
    await screen.findByRole('heading', { name: /^Work streams/ });
    expect(session.recalculateWorkbook).toHaveBeenCalledWith(wb, expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), null, expect.any(Function));

    fireEvent.click(screen.getByRole('button', { name: 'Go to cell Progress!D23' }));
    expect((await screen.findAllByText('Progress!D23 — open the downloaded workbook in Excel to edit it.')).length).toBeGreaterThan(0);

    const download = screen.getByRole('button', { name: 'Download workbook' });
    expect(download.getAttribute('aria-disabled')).toBeNull();
    fireEvent.click(download);
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('tracker.ragbook.xlsx');
    expect(clicked[0].href).toBe('blob:ragbook');
    click.mockRestore();
  });

  test('settings saved in preview are used at the next recalculation', async () => {
    stubSession('a.xlsx');
    renderPane(<PreviewApp />);
    chooseFile('a.xlsx');
    await screen.findByText(/Opened a.xlsx/);
    fireEvent.click(screen.getByRole('button', { name: 'Show settings' }));
    const due = (await screen.findByLabelText('Due soon within (days)')) as HTMLInputElement;
    fireEvent.change(due, { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/Settings saved/);
    fireEvent.click(screen.getByRole('button', { name: 'Recalculate summary' }));
    await screen.findByRole('heading', { name: /^Work streams/ });
    expect(session.recalculateWorkbook.mock.calls[0][2]).toMatchObject({ dueSoonDays: 7 });
  });

  test('the visible words "Open workbook" are the file input’s label, so they too open the file chooser', () => {
    renderPane(<PreviewApp />);
    const words = screen.getByText('Open workbook');
    expect(words.tagName).toBe('LABEL');
    expect((words as HTMLLabelElement).control).toBe(screen.getByLabelText('Open workbook'));
    // The label is hidden from assistive technology: the name comes once, from the input's aria-label.
    expect(words.getAttribute('aria-hidden')).toBe('true');
    expect(screen.getByLabelText('Open workbook').getAttribute('aria-label')).toBe('Open workbook');
  });

  test('Recalculate summary pressed while the workbook is still being read waits for it, rather than doing nothing', async () => {
    const wb = stubSession('slow.xlsx');
    let release: (b: ArrayBuffer) => void = () => undefined;
    const file = new File([new Uint8Array([80, 75, 3, 4])], 'slow.xlsx');
    Object.defineProperty(file, 'arrayBuffer', { value: () => new Promise<ArrayBuffer>((r) => (release = r)) });
    renderPane(<PreviewApp />);
    fireEvent.change(screen.getByLabelText('Open workbook'), { target: { files: [file] } });
    await screen.findByText('Opening slow.xlsx…');
    const recalc = screen.getByRole('button', { name: 'Recalculate summary' });
    expect(recalc.getAttribute('aria-disabled')).toBeNull();
    fireEvent.click(recalc);
    await screen.findByText(/Opening the workbook/);
    expect(session.recalculateWorkbook).not.toHaveBeenCalled();
    release(new Uint8Array([80, 75, 3, 4]).buffer);
    await screen.findByRole('heading', { name: /^Work streams/ });
    expect(session.recalculateWorkbook).toHaveBeenCalledWith(wb, expect.any(String), null, expect.any(Function));
    expect(screen.getByRole('button', { name: 'Download workbook' }).getAttribute('aria-disabled')).toBeNull();
  });

  test('focus stays on Open workbook while the chosen file is read, and after', async () => {
    stubSession('slow.xlsx');
    let release: (b: ArrayBuffer) => void = () => undefined;
    const file = new File([new Uint8Array([80, 75, 3, 4])], 'slow.xlsx');
    Object.defineProperty(file, 'arrayBuffer', { value: () => new Promise<ArrayBuffer>((r) => (release = r)) });
    renderPane(<PreviewApp />);
    const input = screen.getByLabelText('Open workbook') as HTMLInputElement;
    input.focus();
    fireEvent.change(input, { target: { files: [file] } });
    await screen.findByText('Opening slow.xlsx…');
    // Refusing a second file while reading, without being disabled: a disabled control loses focus.
    expect(input.disabled).toBe(false);
    expect(input.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(input);
    release(new Uint8Array([80, 75, 3, 4]).buffer);
    await screen.findByText(/Opened slow.xlsx/);
    expect(document.activeElement).toBe(input);
    expect(input.getAttribute('aria-disabled')).toBeNull();
  });

  test('each of the three names is on the page once, so a test that finds them by their words finds one control', async () => {
    stubSession('a.xlsx');
    renderPane(<PreviewApp />);
    const once = () => {
      for (const name of ['Open workbook', 'Recalculate summary', 'Download workbook']) {
        expect({ name, count: screen.queryAllByText(new RegExp(name, 'i')).length }).toEqual({ name, count: 1 });
      }
    };
    once();
    chooseFile('a.xlsx');
    await screen.findByText(/Opened a.xlsx/);
    fireEvent.click(screen.getByRole('button', { name: 'Recalculate summary' }));
    await screen.findByRole('heading', { name: /^Work streams/ });
    once();
  });
});
