import type { CellValue } from '../src/core/grid';
import { classifyStatusValues, createStatusReader, editDistance } from '../src/core/status';
import { PROGRESS_WORDS, type ProgressWord, normaliseStatusText } from '../src/core/vocabulary/progress';
import { RAG_WORDS } from '../src/core/vocabulary/ratings';
import { cpuMsSince, cpuNow } from './support/cpu-time';

// How a typed status cell is read (DESIGN.md, "Two kinds of status"; the trap list
// of tests/fixtures/README.md for workstreams-messy.xlsx).

const reader = createStatusReader({});

/** Every spelling of a word a person might type without meaning anything different. */
function variants(s: string): string[] {
  const upperFirst = s.charAt(0).toUpperCase() + s.slice(1);
  return [
    s,
    s.toUpperCase(),
    upperFirst,
    ` ${s} `,
    `${s}\u00a0`,
    s.replace(/ /g, '  '),
    s.replace(/ /g, '-'),
    s.replace(/ /g, '_'),
    `\t${upperFirst}\n`,
  ];
}

describe('normaliseStatusText', () => {
  test('ignores case, surrounding and doubled spaces, hyphens and underscores', () => {
    expect(normaliseStatusText('  In--Progress ')).toBe('in progress');
    expect(normaliseStatusText('NOT_STARTED')).toBe('not started');
    expect(normaliseStatusText('In \t progress')).toBe('in progress');
    expect(normaliseStatusText('   ')).toBe('');
  });
});

describe('progress: the four canonical words', () => {
  test.each(PROGRESS_WORDS.map((w) => [w]))('%s is read exactly however it is cased or spaced', (word) => {
    for (const typed of variants(word.toLowerCase())) {
      expect(reader.progress(typed)).toEqual({ word, how: 'exact', raw: typed });
    }
  });

  test('the spellings DESIGN.md names are exact, not synonyms', () => {
    expect(reader.progress('in-progress')).toMatchObject({ word: 'In progress', how: 'exact' });
    expect(reader.progress('COMPLETED ')).toMatchObject({ word: 'Completed', how: 'exact' });
    expect(reader.progress('In  progress')).toMatchObject({ word: 'In progress', how: 'exact' });
  });
});

describe('progress: built-in synonyms', () => {
  const SYNONYMS: [string, ProgressWord][] = [
    ['complete', 'Completed'],
    ['done', 'Completed'],
    ['achieved', 'Completed'],
    ['closed', 'Completed'],
    ['finished', 'Completed'],
    ['ongoing', 'In progress'],
    ['on going', 'In progress'],
    ['underway', 'In progress'],
    ['under way', 'In progress'],
    ['in hand', 'In progress'],
    ['started', 'In progress'],
    ['on track', 'In progress'],
    ['stalled', 'Static'],
    ['no progress', 'Static'],
    ['on hold', 'Static'],
    ['blocked', 'Static'],
    ['not yet started', 'Not started'],
    ['planned', 'Not started'],
    ['pending', 'Not started'],
    ['to do', 'Not started'],
    ['todo', 'Not started'],
  ];

  test.each(SYNONYMS)('%s counts as %s, reported as a synonym', (typed, word) => {
    for (const v of variants(typed)) {
      expect(reader.progress(v)).toEqual({ word, how: 'synonym', raw: v });
    }
  });

  test('On-going and On going are the same synonym', () => {
    expect(reader.progress('On-going').word).toBe('In progress');
    expect(reader.progress('On going').word).toBe('In progress');
  });

  test('"Started" is In progress but "Not started" stays Not started', () => {
    expect(reader.progress('Started').word).toBe('In progress');
    expect(reader.progress('Not started')).toMatchObject({ word: 'Not started', how: 'exact' });
  });
});

describe('progress: the spellings in workstreams-messy.xlsx', () => {
  test.each<[string | null, string, string]>([
    ['complete', 'Completed', 'synonym'],
    ['Completed ', 'Completed', 'exact'],
    ['COMPLETED', 'Completed', 'exact'],
    ['Done', 'Completed', 'synonym'],
    ['In progess', 'In progress', 'near-miss'],
    ['in-progress', 'In progress', 'exact'],
    ['Ongoing', 'In progress', 'synonym'],
    ['Static', 'Static', 'exact'],
    ['Not started', 'Not started', 'exact'],
    [null, 'No status', 'empty'],
  ])('%p reads as %s (%s)', (typed, word, how) => {
    expect(reader.progress(typed)).toMatchObject({ word, how });
  });

  test('the trailing space stays in raw, so a message can quote the cell as typed', () => {
    expect(reader.progress('Completed ').raw).toBe('Completed ');
  });

  test('the typo "In progess" is counted as In progress and suggests the right spelling', () => {
    expect(reader.progress('In progess')).toEqual({ word: 'In progress', how: 'near-miss', raw: 'In progess', suggestion: 'In progress' });
  });
});

describe('progress: near misses', () => {
  test.each<[string, ProgressWord]>([
    ['Compelted', 'Completed'],
    ['Completd', 'Completed'],
    ['Statc', 'Static'],
    ['Not strated', 'Not started'],
    ['Not startd', 'Not started'],
    ['In progrss', 'In progress'],
    ['Inprogress', 'In progress'],
    ['Onging', 'In progress'],
    ['On hod', 'Static'],
  ])('%s is read as %s with a suggestion', (typed, word) => {
    expect(reader.progress(typed)).toMatchObject({ word, how: 'near-miss', suggestion: word });
  });

  test('a near miss of a synonym suggests the canonical word, not the synonym', () => {
    expect(reader.progress('Finnished')).toMatchObject({ word: 'Completed', how: 'near-miss', suggestion: 'Completed' });
  });

  test('text within reach of two different statuses is Unrecognised, not guessed', () => {
    // one edit from both "in progress" and "no progress"
    expect(reader.progress('n progress')).toMatchObject({ word: 'Unrecognised', how: 'unrecognised' });
    // one edit from "in progress", one swap from "no progress"
    expect(reader.progress('on progress')).toMatchObject({ word: 'Unrecognised', how: 'unrecognised' });
  });

  test('two spellings of the same status within reach are not ambiguous', () => {
    // within two of both "complete" and "completed"
    expect(reader.progress('Compleet')).toMatchObject({ word: 'Completed', how: 'near-miss' });
  });

  test('short words must be typed right: "None" is not read as Done', () => {
    expect(reader.progress('None').how).toBe('unrecognised');
    expect(reader.progress('Dne').how).toBe('unrecognised');
    expect(reader.progress('N/A').how).toBe('unrecognised');
    expect(reader.progress('TBC').how).toBe('unrecognised');
  });

  test('three or more slips are not a near miss', () => {
    expect(reader.progress('In prgrs').how).toBe('unrecognised');
  });
});

describe('progress: anything else', () => {
  test('unknown text is Unrecognised and keeps the cell text as typed', () => {
    expect(reader.progress('  Awaiting sign-off ')).toEqual({ word: 'Unrecognised', how: 'unrecognised', raw: '  Awaiting sign-off ' });
  });

  test('unrecognised text close to one status suggests it', () => {
    expect(reader.progress('In prgrs')).toMatchObject({ word: 'Unrecognised', suggestion: 'In progress' });
  });

  test('unrecognised text far from every status suggests nothing', () => {
    expect(reader.progress('See commentary').suggestion).toBeUndefined();
    expect(reader.progress('N/A').suggestion).toBeUndefined();
  });

  test('unrecognised text equally close to two statuses suggests nothing', () => {
    expect(reader.progress('n progress').suggestion).toBeUndefined();
  });

  test('empty, blank and whitespace-only cells are No status', () => {
    for (const v of [null, '', '   ', '\n', '\u00a0']) {
      expect(reader.progress(v)).toMatchObject({ word: 'No status', how: 'empty' });
    }
    expect(reader.progress('  ').raw).toBe('  ');
    expect(reader.progress(null).raw).toBe('');
  });

  test('numbers and booleans are read by their text and are not statuses', () => {
    expect(reader.progress(1)).toEqual({ word: 'Unrecognised', how: 'unrecognised', raw: '1' });
    expect(reader.progress(0.5).raw).toBe('0.5');
    expect(reader.progress(true)).toMatchObject({ word: 'Unrecognised', raw: 'true' });
  });

  test('a 3,000-character progress note in a status cell is quickly Unrecognised', () => {
    const long = 'Work continues with partners. '.repeat(100);
    const t = cpuNow();
    expect(reader.progress(long)).toMatchObject({ word: 'Unrecognised', how: 'unrecognised' });
    expect(cpuMsSince(t)).toBeLessThan(200);
  });
});

describe('progress: synonyms from settings', () => {
  test('are accepted whatever their case and spacing, on either side', () => {
    const r = createStatusReader({ 'Signed-Off': 'Completed', 'awaiting  data': 'Static' });
    expect(r.progress('signed off')).toEqual({ word: 'Completed', how: 'synonym', raw: 'signed off' });
    expect(r.progress('SIGNED_OFF').word).toBe('Completed');
    expect(r.progress('Awaiting data')).toMatchObject({ word: 'Static', how: 'synonym' });
  });

  test('take part in near misses', () => {
    const r = createStatusReader({ 'signed off': 'Completed' });
    expect(r.progress('Signed of')).toMatchObject({ word: 'Completed', how: 'near-miss', suggestion: 'Completed' });
  });

  test('can give a built-in synonym another meaning', () => {
    const r = createStatusReader({ Planned: 'In progress' });
    expect(r.progress('planned')).toMatchObject({ word: 'In progress', how: 'synonym' });
    expect(reader.progress('planned').word).toBe('Not started');
  });

  test('cannot turn a canonical word into a synonym of something else', () => {
    const r = createStatusReader({ static: 'In progress' });
    expect(r.progress('Static')).toMatchObject({ word: 'Static', how: 'exact' });
  });

  test('do not leak into other readers', () => {
    createStatusReader({ 'signed off': 'Completed' });
    expect(reader.progress('signed off').word).toBe('Unrecognised');
  });
});

describe('rating', () => {
  test.each<[string, string]>([
    ['Blue', 'Blue'],
    ['Green', 'Green'],
    ['Amber', 'Amber'],
    ['Red', 'Red'],
    ['Amber/Green', 'Amber/Green'],
    ['Amber-Green', 'Amber/Green'],
    ['Amber Green', 'Amber/Green'],
    ['Green/Amber', 'Amber/Green'],
    ['Amber / Green', 'Amber/Green'],
    ['Amber/Red', 'Amber/Red'],
    ['Red/Amber', 'Amber/Red'],
    ['Amber-Red', 'Amber/Red'],
    ['Amber Red', 'Amber/Red'],
  ])('%s is the rating %s', (typed, word) => {
    for (const v of [typed, typed.toUpperCase(), typed.toLowerCase(), ` ${typed}  `]) {
      expect(reader.rating(v)).toEqual({ word, how: 'exact', raw: v });
    }
  });

  test.each<[string, string]>([
    ['B', 'Blue'],
    ['G', 'Green'],
    ['A', 'Amber'],
    ['R', 'Red'],
    ['A/G', 'Amber/Green'],
    ['AG', 'Amber/Green'],
    ['a / g', 'Amber/Green'],
    ['A/R', 'Amber/Red'],
    ['AR', 'Amber/Red'],
    ['r', 'Red'],
  ])('the letter %s is %s', (typed, word) => {
    expect(reader.rating(typed)).toMatchObject({ word, how: 'letter' });
  });

  test('"Complete" in a rating column is not a rating', () => {
    expect(reader.rating('Complete').word).toBe('Unrecognised');
    expect(reader.rating('Completed').word).toBe('Unrecognised');
  });

  test.each<[string, string]>([
    ['Ambre', 'Amber'],
    ['Gren', 'Green'],
    ['Greeen', 'Green'],
    ['Bleu', 'Blue'],
    ['Amber/Gren', 'Amber/Green'],
  ])('the slip %s is read as %s with a suggestion', (typed, word) => {
    expect(reader.rating(typed)).toMatchObject({ word, how: 'near-miss', suggestion: word });
  });

  test('short or far-off text is not guessed as a colour', () => {
    expect(reader.rating('Rd').word).toBe('Unrecognised');
    expect(reader.rating('Grn').word).toBe('Unrecognised');
    expect(reader.rating('Yellow').word).toBe('Unrecognised');
    expect(reader.rating('X')).toEqual({ word: 'Unrecognised', how: 'unrecognised', raw: 'X' });
  });

  test('a colour followed by a comment is that colour, reported as a reading', () => {
    expect(reader.rating('Green - on track')).toMatchObject({ word: 'Green', how: 'synonym' });
    expect(reader.rating('Blue (complete)')).toMatchObject({ word: 'Blue', how: 'synonym' });
    expect(reader.rating('Red: overdue')).toMatchObject({ word: 'Red', how: 'synonym' });
    expect(reader.rating('Amber/Green – slipping')).toMatchObject({ word: 'Amber/Green', how: 'synonym' });
  });

  test('a list of colours is not a rating', () => {
    expect(reader.rating('Green Amber Red').word).toBe('Unrecognised');
  });

  test('an empty cell is Unrated', () => {
    expect(reader.rating(null)).toEqual({ word: 'Unrated', how: 'empty', raw: '' });
    expect(reader.rating('  ')).toMatchObject({ word: 'Unrated', how: 'empty' });
  });

  test('the RAG words run from best to worst', () => {
    expect(RAG_WORDS).toEqual(['Blue', 'Green', 'Amber/Green', 'Amber', 'Amber/Red', 'Red']);
  });
});

describe('classifyStatusValues', () => {
  test('a Status column of Green / Amber / Red holds ratings', () => {
    const values: CellValue[] = ['Green', 'Amber', 'Red', 'Amber', 'Green', null, 'amber'];
    expect(classifyStatusValues(values, reader)).toBe('rating');
  });

  test('a column of RAG letters holds ratings', () => {
    expect(classifyStatusValues(['G', 'A', 'R', 'A/G', 'B'], reader)).toBe('rating');
  });

  test('the messy tracker status column holds progress', () => {
    const values: CellValue[] = [
      'complete',
      'Completed ',
      'COMPLETED',
      'Done',
      'In progess',
      'in-progress',
      'Ongoing',
      'Static',
      'Not started',
      null,
    ];
    expect(classifyStatusValues(values, reader)).toBe('progress');
  });

  test('a progress column with a few unreadable values is still progress', () => {
    expect(classifyStatusValues(['Completed', 'In progress', 'Static', 'See note', 'Completed'], reader)).toBe('progress');
  });

  test('a column with no clear majority is unknown', () => {
    expect(classifyStatusValues(['Green', 'Completed', 'See note', 'Red', 'In progress', 'TBC'], reader)).toBe('unknown');
  });

  test('a column of free text is unknown', () => {
    expect(classifyStatusValues(['Meeting held', 'Report drafted', 'See above'], reader)).toBe('unknown');
  });

  test('an empty column is unknown', () => {
    expect(classifyStatusValues([null, '', '  '], reader)).toBe('unknown');
    expect(classifyStatusValues([], reader)).toBe('unknown');
  });

  test('empty cells do not dilute the majority', () => {
    expect(classifyStatusValues(['Green', null, null, null, null, 'Red'], reader)).toBe('rating');
  });
});

describe('reading at scale', () => {
  test('100,000 cells with a handful of spellings read quickly', () => {
    const spellings = ['Completed', 'complete', 'In progess', 'Ongoing', 'Static', '', 'Not started', 'Something else'];
    const r = createStatusReader({});
    const t = cpuNow();
    let completed = 0;
    for (let i = 0; i < 100_000; i++) if (r.progress(spellings[i % spellings.length]).word === 'Completed') completed++;
    expect(completed).toBe(25_000);
    expect(cpuMsSince(t)).toBeLessThan(1000);
  });

  test('100,000 distinct unrecognised strings still finish', () => {
    const r = createStatusReader({});
    const t = cpuNow();
    for (let i = 0; i < 100_000; i++) r.progress(`note ${i}`);
    expect(cpuMsSince(t)).toBeLessThan(10_000);
  });
});

describe('editDistance', () => {
  test('counts a swap of two letters as one edit', () => {
    expect(editDistance('ambre', 'amber', 2)).toBe(1);
    expect(editDistance('in progess', 'in progress', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
  });

  test('stops at the cap', () => {
    expect(editDistance('completed', 'x', 2)).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});
