/** @jest-environment jsdom */
import { fireEvent, screen, within } from '@testing-library/react';
import type { ChangeSet } from '../../src/core/change-schema';
import type { ActionRow } from '../../src/core/model';
import { ChangesSince } from '../../src/taskpane/ChangesSince';
import { renderPane } from './render';
import { figures, workstream } from './result-fixture';

function action(row: number, id: string, text: string, status: ActionRow['progress'], overdueDays: number | null = null): ActionRow {
  return {
    row,
    id,
    text,
    progress: status,
    rating: null,
    percent: null,
    target: null,
    targetCell: null,
    owner: null,
    overdueDays,
    dueSoon: false,
  };
}

const progress = (word: 'Completed' | 'In progress' | 'Static') => ({ word, how: 'exact' as const, raw: word, implied: null });

describe('Changes since last', () => {
  const ws = workstream('Work stream 1: Front door', figures({ completed: 1, inProgress: 1, static: 1, total: 3 }, 'Amber'), {
    actions: [
      action(6, '1', 'Triage every contact', progress('Completed')),
      action(7, '2', 'Publish a directory', progress('In progress'), 15),
      action(8, '3', 'Call-back promise', progress('Static')),
    ],
  });
  const snap = (id: string, action: string, status: string) => ({
    sheet: 'Progress',
    workstream: ws.title,
    cell: null,
    id,
    action,
    status,
    rating: null,
    target: null,
    due: null,
    overdueDays: null,
  });
  const change: ChangeSet = {
    since: '2025-08-31',
    counts: { completed: 1, newlyOverdue: 1, wentBackwards: 1, targetMoved: 0, added: 0, removed: 1 },
    workstreams: [{ since: '2025-08-31', rag: 'Green', completed: 0, direction: 'Worse' }],
    overall: { since: '2025-08-31', rag: 'Green', completed: 0, direction: 'Worse' },
    actions: [
      [
        { kinds: ['completed'], then: snap('1', 'Triage every contact', 'In progress') },
        { kinds: ['newly-overdue'], then: snap('2', 'Publish a directory', 'In progress') },
        { kinds: ['went-backwards'], then: snap('3', 'Call-back promise', 'In progress') },
      ],
    ],
    removed: [snap('4', 'Train the contact centre', 'Not started')],
  };

  test('counts what changed, and each kind opens to its actions', () => {
    renderPane(<ChangesSince workstreams={[ws]} change={change} />);
    expect(screen.getByText('Since 31 August 2025: 1 completed, 1 newly overdue, 1 went backwards, 1 removed.')).toBeTruthy();
    const kinds = screen.getAllByRole('button').map((b) => b.textContent);
    expect(kinds).toEqual([
      '▸\u00a0Completed since last (1)',
      '▸\u00a0Newly overdue (1)',
      '▸\u00a0Went backwards (1)',
      '▸\u00a0Removed (1)',
    ]);
    const backwards = screen.getByRole('button', { name: 'Went backwards (1)' });
    expect(backwards.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(backwards);
    const list = document.getElementById(backwards.getAttribute('aria-controls')!)!;
    expect(within(list).getByRole('listitem').textContent).toBe(
      '3 Call-back promise · Work stream 1: Front door · Progress!D9 · Went backwards: In progress → Static',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Removed (1)' }));
    expect(screen.getByText(/Train the contact centre/).closest('li')!.textContent).toContain('Removed (was Not started)');
  });

  test('says so on the first recalculation', () => {
    renderPane(<ChangesSince workstreams={[ws]} change={null} />);
    expect(screen.getByText('First recalculation: nothing to compare with yet.')).toBeTruthy();
  });
});
