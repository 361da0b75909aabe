import * as fs from 'node:fs';
import * as path from 'node:path';
import { FINDING_WORDS, FindingCodeSchema } from '../src/core/finding-codes';
import { FindingSchema, finding } from '../src/core/findings';

// Finding codes are part of the JSON report: the README lists them for the people
// who read it, and every finding is built from its code's words in one module.

/** The codes the README's report section lists after "Codes:". */
function readmeCodes(): string[] {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const start = readme.indexOf('Codes:');
  expect(start).toBeGreaterThan(0);
  const rest = readme.slice(start);
  return [...rest.slice(0, endOfSentence(rest)).matchAll(/`([a-z]+\.[a-z-]+)`/g)].map((m) => m[1]);
}

/** The list runs to the end of its sentence: the first full stop outside backticks. */
function endOfSentence(text: string): number {
  let inTicks = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '`') inTicks = !inTicks;
    else if (!inTicks && text[i] === '.' && /\s|$/.test(text[i + 1] ?? '')) return i;
  }
  return text.length;
}

describe('finding codes', () => {
  test('the README lists every code, and no code that does not exist', () => {
    const listed = readmeCodes();
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...FindingCodeSchema.options].sort());
  });

  test('every code has its words, and a finding built from them is a valid report issue', () => {
    expect(Object.keys(FINDING_WORDS).sort()).toEqual([...FindingCodeSchema.options].sort());
    const f = finding('status.missing', { sheet: 'Progress', cell: 'D7', workstream: 'Work stream 1' }, { id: '1.2', row: 6 });
    expect(f).toEqual({
      severity: 'error',
      code: 'status.missing',
      sheet: 'Progress',
      cell: 'D7',
      workstream: 'Work stream 1',
      value: undefined,
      message: 'Action 1.2 has no status. It is counted as No status.',
      suggestion: 'Enter Completed, In progress, Static, Not started or Withdrawn.',
    });
    expect(FindingSchema.safeParse(f).success).toBe(true);
  });

  test('a finding with an unknown code is not a valid report issue', () => {
    const f = finding('row.note', { sheet: 'S', cell: 'A3', workstream: null }, { row: 2 });
    expect(FindingSchema.safeParse({ ...f, code: 'row.unknown' }).success).toBe(false);
  });

  test('an action without a number is named by its row, counted from 1', () => {
    const f = finding('status.missing', { sheet: 'S', cell: 'D7', workstream: null }, { id: null, row: 6 });
    expect(f.message).toBe('The action in row 7 has no status. It is counted as No status.');
  });

  test('a long cell is quoted cut short', () => {
    const typed = 'x'.repeat(500);
    const f = finding(
      'status.unrecognised',
      { sheet: 'S', cell: 'D7', workstream: null, value: typed },
      {
        id: '3',
        row: 6,
        typed,
        suggestion: undefined,
      },
    );
    expect(f.value!.length).toBeLessThanOrEqual(200);
    expect(f.message).toBe(`Action 3 has status '${'x'.repeat(59)}…', which is not a status Ragbook knows. It is counted as Unrecognised.`);
  });
});
