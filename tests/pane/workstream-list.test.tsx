/** @jest-environment jsdom */
import { fireEvent, screen, within } from '@testing-library/react';
import { RAG_COLOURS } from '../../src/core/palette';
import { RagBadge } from '../../src/taskpane/RagBadge';
import { WorkstreamList } from '../../src/taskpane/WorkstreamList';
import { renderPane } from './render';
import { figures, sampleResult, workstream } from './result-fixture';
import type { Workstream } from '../../src/core/model';

function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

function lines(): HTMLElement[] {
  return screen.getAllByRole('button', { expanded: false }).concat(screen.queryAllByRole('button', { expanded: true }));
}

/** Opens a work stream's line and returns its details. */
function open(title: string | RegExp): HTMLElement {
  const button = screen.getByRole('button', {
    name: title instanceof RegExp ? title : new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  });
  fireEvent.click(button);
  expect(button.getAttribute('aria-expanded')).toBe('true');
  return document.getElementById(button.getAttribute('aria-controls')!)!;
}

function render(workstreams: Workstream[], onGoToCell?: (sheet: string, cell: string) => void) {
  renderPane(<WorkstreamList workstreams={workstreams} changes={null} onGoToCell={onGoToCell} />);
}

describe('the work-stream list', () => {
  test('one compact line per work stream: its RAG, its title, its % completed; details on demand', () => {
    render(sampleResult().workstreams);
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(3);
    const first = within(items[0]).getByRole('button');
    expect(first.textContent).toBe('▸AmberWork stream 1: Front door57% completed');
    expect(first.getAttribute('aria-expanded')).toBe('false');
    // 8 of 12 is 67%, rounded half up as trackers show it.
    expect(within(items[1]).getByRole('button').textContent).toContain('67%');
    const hidden = document.getElementById(first.getAttribute('aria-controls')!)!;
    expect(hidden.hidden).toBe(true);
    const details = open('Work stream 2: Improving triage');
    expect(details.hidden).toBe(false);
    expect(details.textContent).toContain('12 actions: 8 completed, 3 in progress, 0 static, 1 without status');
    expect(details.textContent).toContain('2 overdue');
    expect(details.textContent).toContain('Hand-typed totals in Progress!B22:E24 are out of date.');
    expect(details.textContent).toContain('Why Red: Red because the test says so.');
    expect(details.textContent).toContain('Since last: first recalculation');
    // Completed, in progress and static are named even at 0, as in a tracker's own totals.
    expect(open('Work stream 3: All done').textContent).toContain('5 actions: 5 completed, 0 in progress, 0 static');
  });

  test('the RAG badge shows the word on its colour from the sheets\u2019 palette', () => {
    render(sampleResult().workstreams);
    const items = screen.getAllByRole('listitem');
    const badge = within(items[0]).getByText('Amber');
    expect(badge.style.backgroundColor).toBe(rgb(RAG_COLOURS.Amber.fill));
    expect(badge.style.color).toBe(rgb(RAG_COLOURS.Amber.text));
    expect(within(items[2]).getByText('Blue').style.backgroundColor).toBe(rgb(RAG_COLOURS.Blue.fill));
  });

  test.each(Object.keys(RAG_COLOURS) as (keyof typeof RAG_COLOURS)[])('a %s badge reads as its word', (rag) => {
    renderPane(<RagBadge rag={rag} />);
    const badge = screen.getByText(rag);
    expect(badge.style.backgroundColor).toBe(rgb(RAG_COLOURS[rag].fill));
  });

  test('a RAG that is no colour is a grey badge with its word', () => {
    renderPane(<RagBadge rag="Not rated" />);
    expect(screen.getByText('Not rated').style.backgroundColor).toBe('rgb(217, 217, 217)');
  });

  test('a RAG register (ratings only) says its progress is not recorded, never 0%', () => {
    const f = figures({ total: 6 }, 'Amber', {
      ratings: { blue: 0, green: 3, amber: 2, red: 1, amberGreen: 0, amberRed: 0, unrated: 0 },
    });
    render([workstream('Section A', f, { kind: 'ratings' })]);
    const line = lines()[0];
    expect(line.textContent).toContain('not recorded');
    expect(line.textContent).not.toContain('%');
    expect(open('Section A').textContent).toContain('6 actions: 3 Green, 2 Amber, 1 Red; progress not recorded');
  });

  describe('hand-typed totals under a table', () => {
    // As in workstreams-messy.xlsx: one block under 2b counts 2a and 2b together, and
    // still says Completed 6 / In progress 3 after action 1 of 2a was finished.
    const ws2a = workstream(
      'Work stream 2a: Assessment and review timeliness',
      figures({ completed: 4, inProgress: 1, static: 1, total: 6 }, 'Amber'),
    );
    const ws2b = workstream('Work stream 2b: Assessment and review quality', figures({ completed: 3, inProgress: 1, total: 4 }, 'Green'), {
      stated: {
        range: 'A39:E41',
        covers: [ws2a.title, 'Work stream 2b: Assessment and review quality'],
        matches: false,
        differences: [
          { field: 'completed', label: 'Completed', stated: 6, actual: 7, cell: 'B40' },
          { field: 'inProgress', label: 'In progress', stated: 3, actual: 2, cell: 'C40' },
          { field: 'percent.completed', label: '% Completed', stated: 0.6, actual: 0.7, cell: 'B41' },
        ],
      },
    });
    const ws1 = workstream('Work stream 1: Front door', figures({ completed: 4, inProgress: 2, static: 1, total: 7 }, 'Amber'), {
      stated: { range: 'A15:E17', covers: ['Work stream 1: Front door'], matches: true, differences: [] },
    });

    test('stale totals show each differing figure as typed and as counted, in the work stream’s own details', () => {
      render([ws1, ws2a, ws2b]);
      const details = open('Work stream 2b');
      const text = details.textContent!.replace(/\s+/g, ' ');
      expect(text).toContain('Hand-typed totals in Progress!A39:E41 (for these rows together with Work stream 2a) are out of date:');
      const items = within(details)
        .getAllByRole('listitem')
        .map((li) => li.textContent!.replace(/\s+/g, ' '));
      expect(items).toEqual(['Completed: typed 6, counted 7', 'In progress: typed 3, counted 2', '% Completed: typed 60%, counted 70%']);
      // The figures the block counts, 2a and 2b together, are on screen too.
      expect(text).toContain('Counted together: 10 actions: 7 completed, 2 in progress, 1 static.');
      // 2a's own details do not repeat the block.
      expect(open('Work stream 2a').textContent).not.toContain('Hand-typed');
    });

    test('totals that agree say so, quietly', () => {
      render([ws1]);
      const details = open('Work stream 1');
      expect(details.textContent).toContain('Hand-typed totals in Progress!A15:E17 agree with the rows.');
      expect(within(details).queryByRole('listitem')).toBeNull();
    });

    test('in Excel, buttons go to the stale totals and to the table', () => {
      const go = jest.fn();
      render([ws2a, ws2b], go);
      const details = open('Work stream 2b');
      fireEvent.click(within(details).getByRole('button', { name: 'Go to the hand-typed totals Progress!A39:E41' }));
      expect(go).toHaveBeenCalledWith('Progress', 'A39:E41');
      fireEvent.click(within(details).getByRole('button', { name: 'Go to table' }));
      expect(go).toHaveBeenLastCalledWith('Progress', 'A4');
    });
  });

  test('a table without a status column says progress cannot be counted; one with both shows its ratings too', () => {
    const neither = workstream('Plan A', figures({ noStatus: 3, total: 3 }, 'Green'), { kind: 'neither' });
    const both = workstream(
      'Plan B',
      figures({ completed: 1, inProgress: 1, total: 2 }, 'Green', {
        ratings: { blue: 1, green: 1, amber: 0, red: 0, amberGreen: 0, amberRed: 0, unrated: 0 },
      }),
      { kind: 'both' },
    );
    render([neither, both]);
    expect(open('Plan A').textContent).toContain('3 actions: no status column, so progress cannot be counted');
    const b = open('Plan B').textContent;
    expect(b).toContain('2 actions: 1 completed, 1 in progress, 0 static');
    expect(b).toContain('Ratings: 1 Blue, 1 Green');
  });

  test('the direction since last time is in the details', () => {
    const ws = sampleResult().workstreams.slice(0, 1);
    renderPane(<WorkstreamList workstreams={ws} changes={[{ since: '2025-08-31', rag: 'Red', completed: 0.4, direction: 'Better' }]} />);
    expect(open('Work stream 1').textContent).toContain('Since last: Better: Red → Amber, 40% → 57%');
  });
});
