/** @jest-environment jsdom */
import './text-codecs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PreviewApp } from '../../src/taskpane/preview/PreviewApp';
import { DIRECTORATE_SHEETS } from '../../src/core/rollup-plan';
import { readXlsx } from '../../src/workbook/xlsx/read';
import { renderPane } from './render';

// Preview mode with several workbooks: the real reader, engine and writer in the
// pane (no stand-in session), as a directorate lead would use it in a browser.

const FIXTURES = path.join(__dirname, '..', 'fixtures');

function file(name: string, from: string): File {
  const bytes = fs.readFileSync(from);
  const f = new File([bytes], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  // jsdom's File may lack arrayBuffer(); the pane only needs the bytes.
  Object.defineProperty(f, 'arrayBuffer', { value: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) });
  return f;
}

test('several workbooks opened at once give the directorate view, and Download workbook saves the directorate workbook', async () => {
  const blobs: Blob[] = [];
  Object.assign(URL, {
    createObjectURL: jest.fn((b: Blob) => (blobs.push(b), 'blob:directorate')),
    revokeObjectURL: jest.fn(),
  });
  const clicked: HTMLAnchorElement[] = [];
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this);
  });

  renderPane(<PreviewApp />);
  const input = screen.getByLabelText('Open workbook') as HTMLInputElement;
  expect(input.multiple).toBe(true);
  await act(async () => {
    fireEvent.change(input, {
      target: {
        files: [
          file('Tracker.xlsx', path.join(FIXTURES, 'workstreams.xlsx')),
          file('milestones.xlsx', path.join(FIXTURES, 'milestones.xlsx')),
          file('damaged.xlsx', path.join(__dirname, '..', 'bad-inputs', 'truncated.xlsx')),
        ],
      },
    });
  });

  const directorate = await screen.findByRole('region', { name: 'Directorate' }, { timeout: 30_000 });
  expect(within(directorate).getByText('2 trackers read · 1 file could not be read: see Files not read, below')).toBeTruthy();
  const trackers = screen.getByRole('region', { name: 'Trackers (2)' });
  expect(
    within(trackers)
      .getAllByRole('rowheader')
      .map((r) => r.textContent?.split(/\d+ work stream/)[0]),
  ).toEqual(['Tracker.xlsx', 'milestones.xlsx']);
  const refused = screen.getByRole('region', { name: 'Files not read (1)' });
  expect(refused.textContent).toContain('damaged.xlsx is incomplete');

  const download = screen.getByRole('button', { name: 'Download workbook' });
  await waitFor(() => expect(download.getAttribute('aria-disabled')).toBeNull());
  fireEvent.click(download);
  expect(clicked).toHaveLength(1);
  expect(clicked[0].download).toMatch(/^directorate-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const bytes = await new Promise<Uint8Array>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.readAsArrayBuffer(blobs[0]);
  });
  const grid = readXlsx(bytes, 'directorate.xlsx').grid;
  expect(grid.sheets.filter((s) => !s.hidden).map((s) => s.name)).toEqual(Object.values(DIRECTORATE_SHEETS));
  click.mockRestore();
}, 60_000);

test('one workbook opened keeps the single-workbook pane', async () => {
  renderPane(<PreviewApp />);
  await act(async () => {
    fireEvent.change(screen.getByLabelText('Open workbook'), {
      target: { files: [file('Tracker.xlsx', path.join(FIXTURES, 'workstreams.xlsx'))] },
    });
  });
  await screen.findByText(/Opened Tracker.xlsx/, undefined, { timeout: 30_000 });
  expect(screen.queryByRole('region', { name: 'Directorate' })).toBeNull();
  expect(screen.getByRole('button', { name: 'Recalculate summary' })).toBeTruthy();
}, 60_000);
