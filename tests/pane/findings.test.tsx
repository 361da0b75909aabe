/** @jest-environment jsdom */
import { fireEvent, screen, within } from '@testing-library/react';
import { FindingsList } from '../../src/taskpane/FindingsList';
import { renderPane } from './render';
import { FINDINGS } from './result-fixture';

describe('the findings list', () => {
  test('groups findings by severity, errors first', () => {
    renderPane(<FindingsList findings={FINDINGS} onGoToCell={() => undefined} />);
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(['Errors (1)', 'Warnings (2)', 'Notes (1)']);
    const errors = screen.getByRole('region', { name: 'Errors (1)' });
    expect(errors.textContent).toContain('Action 4 has no status.');
    expect(errors.textContent).toContain('Suggestion: Completed, In progress, Static or Not started');
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
});
