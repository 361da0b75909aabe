/** @jest-environment jsdom */
import { fireEvent, screen, within } from '@testing-library/react';
import type { Finding } from '../../src/core/findings';
import { FindingsList } from '../../src/taskpane/FindingsList';
import { renderPane } from './render';
import { FINDINGS } from './result-fixture';

function expand(name: RegExp | string) {
  fireEvent.click(screen.getByRole('button', { name }));
}

describe('the findings list', () => {
  test('groups findings by severity, errors first, with the notes folded away', () => {
    renderPane(<FindingsList findings={FINDINGS} onGoToCell={() => undefined} />);
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(['Errors (1)', 'Warnings (2)', 'Notes (1)']);
    const errors = screen.getByRole('region', { name: 'Errors (1)' });
    expect(errors.textContent).toContain('Action 4 has no status.');
    expect(errors.textContent).toContain('Suggestion: Completed, In progress, Static or Not started');
    const notes = screen.getByRole('region', { name: 'Notes (1)' });
    expect(within(notes).queryByRole('listitem')).toBeNull();
    expand('Show 1 notes');
    expect(within(notes).getAllByRole('listitem')).toHaveLength(1);
  });

  test('Go to cell names the cell and calls the host with sheet and cell', () => {
    const onGoToCell = jest.fn();
    renderPane(
      <FindingsList
        findings={FINDINGS}
        onGoToCell={onGoToCell}
        currentNote="Progress!D23 — open the downloaded workbook in Excel to edit it."
      />,
    );
    const button = screen.getByRole('button', { name: 'Go to cell Progress!D23' });
    fireEvent.click(button);
    expect(onGoToCell).toHaveBeenCalledWith('Progress', 'D23');
    expect(button.getAttribute('aria-current')).toBe('true');
    const item = button.closest('li')!;
    expect(within(item).getByText(/open the downloaded workbook/)).toBeTruthy();
  });

  test('a finding about a setting has no Go to cell, since there is no cell', () => {
    renderPane(<FindingsList findings={FINDINGS} onGoToCell={() => undefined} />);
    expand('Show 1 notes');
    const buttons = screen.getAllByRole('button', { name: /^Go to cell/ }).map((b) => b.getAttribute('aria-label'));
    expect(buttons).toEqual(['Go to cell Progress!D23', 'Go to cell Progress!D17', 'Go to cell Progress!D9']);
  });

  test('says so when there is nothing to fix', () => {
    renderPane(<FindingsList findings={[]} onGoToCell={() => undefined} />);
    expect(screen.getByText('No problems found.')).toBeTruthy();
  });

  test('a long list shows the first findings and offers the rest', () => {
    const many = Array.from({ length: 45 }, (_, i) => ({ ...FINDINGS[2], cell: `D${i + 1}` }));
    renderPane(<FindingsList findings={many} onGoToCell={() => undefined} />);
    expect(screen.getAllByRole('listitem')).toHaveLength(30);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 45 errors' }));
    expect(screen.getAllByRole('listitem')).toHaveLength(45);
  });

  test('can be narrowed by severity, work stream and kind, and says how many it shows', () => {
    const findings: Finding[] = [
      ...FINDINGS,
      {
        ...FINDINGS[0],
        code: 'date.overdue',
        cell: 'E17',
        message: 'Action 3 is 12 days overdue.',
        workstream: 'Work stream 1: Front door',
      },
    ];
    renderPane(<FindingsList findings={findings} onGoToCell={() => undefined} />);
    expect(screen.getByRole('status').textContent).toBe('5 findings.');
    const group = screen.getByRole('group', { name: 'Filter the findings' });
    fireEvent.change(within(group).getByLabelText('Severity'), { target: { value: 'warning' } });
    expect(screen.getByRole('status').textContent).toBe('Showing 3 of 5 findings.');
    fireEvent.change(within(group).getByLabelText('Work stream'), { target: { value: 'Work stream 1: Front door' } });
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([expect.stringContaining('Action 3 is 12 days overdue.')]);
    fireEvent.change(within(group).getByLabelText('Severity'), { target: { value: '' } });
    fireEvent.change(within(group).getByLabelText('Kind'), { target: { value: 'Statuses' } });
    // Chosen as notes-only by kind, the notes are still folded until asked for.
    expect(screen.getByRole('status').textContent).toBe('Showing 1 of 5 findings.');
    expand('Show 1 notes');
    expect(screen.getAllByRole('listitem')[0].textContent).toContain("Status 'Done'");
  });
});
