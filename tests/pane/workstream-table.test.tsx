/** @jest-environment jsdom */
import { screen, within } from '@testing-library/react';
import { RAG_COLOURS } from '../../src/core/palette';
import { RagBadge } from '../../src/taskpane/RagBadge';
import { WorkstreamTable } from '../../src/taskpane/WorkstreamTable';
import { renderPane } from './render';
import { fireEvent } from '@testing-library/react';
import { figures, sampleResult, workstream } from './result-fixture';

function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

describe('the work-stream table', () => {
  test('shows one row per work stream and the overall row, with counts and % completed', () => {
    const r = sampleResult();
    renderPane(<WorkstreamTable workstreams={r.workstreams} overall={r.overall} caption="As of 30 September 2025" />);
    const table = screen.getByRole('table', { name: 'As of 30 September 2025' });
    const rows = within(table).getAllByRole('row');
    // header + 3 work streams + overall
    expect(rows).toHaveLength(5);
    expect(rows[1].textContent).toContain('Work stream 1: Front door');
    expect(rows[1].textContent).toContain('7 actions: 4 completed, 2 in progress, 1 static');
    expect(rows[1].textContent).toContain('57%');
    // 8 of 12 is 67%, rounded half up as trackers show it.
    expect(rows[2].textContent).toContain('67%');
    expect(rows[2].textContent).toContain('1 without status');
    expect(rows[2].textContent).toContain('2 overdue');
    expect(rows[2].textContent).toContain('Hand-typed totals in Progress!B22:E24 are out of date.');
    const overall = rows[4];
    expect(within(overall).getByRole('rowheader').textContent).toContain('Overall');
    expect(overall.textContent).toContain('24 actions: 17 completed, 5 in progress, 1 static, 1 without status');
    // Completed, in progress and static are named even at 0, as in a tracker's own totals.
    expect(rows[3].textContent).toContain('5 actions: 5 completed, 0 in progress, 0 static');
    expect(overall.textContent).toContain('71%');
  });

  test('the RAG badge shows the word on its colour from the sheets\u2019 palette', () => {
    const r = sampleResult();
    renderPane(<WorkstreamTable workstreams={r.workstreams} overall={r.overall} caption="As of" />);
    const rows = screen.getAllByRole('row');
    const badge = within(rows[1]).getByText('Amber');
    expect(badge.style.backgroundColor).toBe(rgb(RAG_COLOURS.Amber.fill));
    expect(badge.style.color).toBe(rgb(RAG_COLOURS.Amber.text));
    expect(within(rows[3]).getByText('Blue').style.backgroundColor).toBe(rgb(RAG_COLOURS.Blue.fill));
    expect(within(rows[4]).getByText('Red').style.color).toBe(rgb(RAG_COLOURS.Red.text));
  });

  test.each(Object.keys(RAG_COLOURS) as (keyof typeof RAG_COLOURS)[])('a %s badge reads as its word', (rag) => {
    renderPane(<RagBadge rag={rag} />);
    const badge = screen.getByText(rag);
    expect(badge.style.backgroundColor).toBe(rgb(RAG_COLOURS[rag].fill));
  });

  test('a RAG register (ratings only) lists its ratings and no % completed', () => {
    const f = figures({ total: 6 }, 'Amber', {
      ratings: { blue: 0, green: 3, amber: 2, red: 1, amberGreen: 0, amberRed: 0, unrated: 0 },
    });
    const ws = workstream('Section A', f, { kind: 'ratings' });
    renderPane(<WorkstreamTable workstreams={[ws]} overall={f} caption="As of" />);
    const row = screen.getAllByRole('row')[1];
    expect(row.textContent).toContain('6 actions: 3 Green, 2 Amber, 1 Red');
    expect(row.textContent).toContain('not recorded');
    expect(row.textContent).not.toContain('%');
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
    const overall = figures({ completed: 11, inProgress: 4, static: 2, total: 17 }, 'Amber');

    test('stale totals show each differing figure as typed and as counted, on the work stream’s own row', () => {
      renderPane(<WorkstreamTable workstreams={[ws1, ws2a, ws2b]} overall={overall} caption="As of" />);
      const rows = screen.getAllByRole('row');
      // Still one row per work stream.
      expect(rows).toHaveLength(5);
      const row = rows[3];
      const text = row.textContent!.replace(/\s+/g, ' ');
      expect(text).toContain('Hand-typed totals in Progress!A39:E41 (for these rows together with Work stream 2a) are out of date:');
      const items = within(row)
        .getAllByRole('listitem')
        .map((li) => li.textContent!.replace(/\s+/g, ' '));
      expect(items).toEqual(['Completed: typed 6, counted 7', 'In progress: typed 3, counted 2', '% Completed: typed 60%, counted 70%']);
      // The figures the block counts, 2a and 2b together, are on screen too.
      expect(text).toContain('Counted together: 10 actions: 7 completed, 2 in progress, 1 static.');
      // 2a's own row does not repeat the block.
      expect(rows[2].textContent).not.toContain('Hand-typed');
    });

    test('totals that agree say so, quietly', () => {
      renderPane(<WorkstreamTable workstreams={[ws1]} overall={overall} caption="As of" />);
      const row = screen.getAllByRole('row')[1];
      expect(row.textContent).toContain('Hand-typed totals in Progress!A15:E17 agree with the rows.');
      expect(within(row).queryByRole('listitem')).toBeNull();
    });

    test('in Excel, a button goes to the stale totals', () => {
      const go = jest.fn();
      renderPane(<WorkstreamTable workstreams={[ws2a, ws2b]} overall={overall} caption="As of" onGoToCell={go} />);
      fireEvent.click(screen.getByRole('button', { name: 'Go to the hand-typed totals Progress!A39:E41' }));
      expect(go).toHaveBeenCalledWith('Progress', 'A39:E41');
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
    renderPane(<WorkstreamTable workstreams={[neither, both]} overall={figures({ total: 5 }, 'Green')} caption="As of" />);
    const rows = screen.getAllByRole('row');
    expect(rows[1].textContent).toContain('3 actions: no status column, so progress cannot be counted');
    expect(rows[2].textContent).toContain('2 actions: 1 completed, 1 in progress, 0 static');
    expect(rows[2].textContent).toContain('Ratings: 1 Blue, 1 Green');
  });
});
