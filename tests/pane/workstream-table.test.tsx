/** @jest-environment jsdom */
import { screen, within } from '@testing-library/react';
import { RAG_COLOURS } from '../../src/core/palette';
import { RagBadge } from '../../src/taskpane/RagBadge';
import { WorkstreamTable } from '../../src/taskpane/WorkstreamTable';
import { renderPane } from './render';
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
    expect(rows[2].textContent).toContain('Hand-typed totals in B22:E24 differ');
    const overall = rows[4];
    expect(within(overall).getByRole('rowheader').textContent).toContain('Overall');
    expect(overall.textContent).toContain('24 actions: 17 completed');
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
});
