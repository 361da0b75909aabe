import fc from 'fast-check';
import type { CellValue } from '../src/core/grid';
import { onlySlips, slipsAllowed } from '../src/core/near-miss';
import { classifyStatusValues, createStatusReader, editDistance } from '../src/core/status';
import { PROGRESS_WORDS, type ProgressWord, normaliseStatusText, progressSpellings } from '../src/core/vocabulary/progress';
import { RAG_WORDS, type RagWord } from '../src/core/vocabulary/ratings';

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

describe('progress: the five canonical words', () => {
  test.each(PROGRESS_WORDS.map((w) => [w]))('%s is read exactly however it is cased or spaced', (word) => {
    for (const typed of variants(word.toLowerCase())) {
      expect(reader.progress(typed)).toEqual({ word, how: 'exact', raw: typed, implied: word === 'Completed' ? 'Blue' : null });
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
      expect(reader.progress(v)).toMatchObject({ word, how: 'synonym', raw: v });
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

describe("progress: DESIGN.md's vocabulary table", () => {
  // word counted | spellings | rating implied, as DESIGN.md lists them.
  const TABLE: [ProgressWord, string[], RagWord | null][] = [
    ['Completed', ['complete', 'done', 'achieved', 'closed', 'finished', 'implemented', 'embedded', 'delivered'], 'Blue'],
    [
      'In progress',
      ['ongoing', 'underway', 'in hand', 'started', 'open', 'partially implemented', 'partially achieved', 'partially complete'],
      null,
    ],
    ['In progress', ['on track'], 'Green'],
    ['In progress', ['at risk', 'delayed', 'slipping'], 'Amber'],
    ['In progress', ['off track', 'behind schedule', 'overdue'], 'Red'],
    ['Static', ['static', 'stalled', 'no progress', 'on hold', 'blocked'], null],
    ['Static', ['not achieved'], 'Red'],
    ['Not started', ['not started', 'not yet started', 'planned', 'pending', 'to do', 'not yet due', 'not implemented'], null],
    ['Withdrawn', ['withdrawn', 'superseded', 'cancelled', 'no longer required', 'not applicable', 'N/A'], null],
  ];
  test.each(TABLE.flatMap(([word, spellings, implied]) => spellings.map((s) => [s, word, implied] as const)))(
    '%s counts as %s and implies %s',
    (spelling, word, implied) => {
      for (const v of variants(spelling)) expect(reader.progress(v)).toMatchObject({ word, implied });
    },
  );

  test('Off track is read as itself, never as On track', () => {
    expect(reader.progress('Off track')).toMatchObject({ word: 'In progress', how: 'synonym', implied: 'Red' });
    expect(reader.progress('Off-Track')).toMatchObject({ implied: 'Red' });
    expect(reader.progress('On track')).toMatchObject({ word: 'In progress', how: 'synonym', implied: 'Green' });
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
    expect(reader.progress('In progess')).toEqual({
      word: 'In progress',
      how: 'near-miss',
      raw: 'In progess',
      suggestion: 'In progress',
      implied: null,
    });
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

  test('a short word keeps its first letter: "None" is not read as Done, "Dne" is', () => {
    expect(reader.progress('None').how).toBe('unrecognised');
    expect(reader.progress('Dne')).toMatchObject({ word: 'Completed', how: 'near-miss' });
    expect(reader.progress('TBC').how).toBe('unrecognised');
  });

  test('three or more slips are not a near miss', () => {
    expect(reader.progress('In prgrs').how).toBe('unrecognised');
  });
});

describe('progress: a near miss never changes the meaning', () => {
  test.each<[string, string]>([
    ['Of track', 'one slip from both On track and Off track'],
    ['Offtrack', 'one slip from Off track, two from On track'],
    ['Unstarted', 'Started with a word start added'],
    ['Restarted', 'Started with a word start added'],
    ['Not on track', 'On track with a whole word added'],
    ['Partially started', 'Started with a whole word added'],
    ['In track', 'On track with its first word changed'],
    ['Not done', 'Done with a whole word added'],
    ['Nearly complete', 'Complete with a whole word added'],
  ])('%s is Unrecognised (%s)', (typed) => {
    expect(reader.progress(typed)).toMatchObject({ word: 'Unrecognised', how: 'unrecognised' });
  });

  test('one slip is allowed up to six letters, two beyond', () => {
    expect(slipsAllowed('static')).toBe(1);
    expect(slipsAllowed('on hold')).toBe(1);
    expect(slipsAllowed('on track')).toBe(2);
    expect(slipsAllowed('n/a')).toBe(1);
    expect(reader.progress('Sttic')).toMatchObject({ word: 'Static', how: 'near-miss' });
    expect(reader.progress('Stac')).toMatchObject({ word: 'Unrecognised' });
    expect(reader.progress('On trak')).toMatchObject({ word: 'In progress', how: 'near-miss', implied: 'Green' });
    expect(reader.progress('Of trak')).toMatchObject({ word: 'Unrecognised' });
    expect(reader.progress('Impelmnted')).toMatchObject({ word: 'Completed', how: 'near-miss' });
    expect(reader.progress('Partialy implemented')).toMatchObject({ word: 'In progress', how: 'near-miss' });
  });

  test('a slip keeps every word: its first letter and more than half of its letters', () => {
    expect(onlySlips('on trak', 'on track')).toBe(true);
    expect(onlySlips('inprogress', 'in progress')).toBe(true);
    expect(onlySlips('off track', 'on track')).toBe(false);
    expect(onlySlips('unstarted', 'started')).toBe(false);
    expect(onlySlips('none', 'done')).toBe(false);
    expect(onlySlips('ambre', 'amber')).toBe(true);
  });
});

/** Every way of writing a status the reader knows, with the settings' synonyms below on top. */
const SETTINGS_SYNONYMS: Record<string, ProgressWord> = {
  Resolved: 'Completed',
  'Signed off': 'Completed',
  'Not done': 'Not started',
  Deferred: 'Not started',
  Dropped: 'Withdrawn',
  'Merged into 2.3': 'Withdrawn',
  Paused: 'Static',
  Live: 'In progress',
  'Awaiting sign off': 'In progress',
  Closes: 'Not started',
};

/** One typing slip at a position given by `at` (0–1) and a letter from `letter`: insert, delete, replace or swap. */
type Slip = { op: 'insert' | 'delete' | 'replace' | 'swap'; at: number; letter: string };
const slipArb: fc.Arbitrary<Slip> = fc.record({
  op: fc.constantFrom('insert', 'delete', 'replace', 'swap'),
  at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  letter: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz '.split('')),
});

function slip(text: string, s: Slip): string {
  const i = Math.floor(s.at * text.length);
  switch (s.op) {
    case 'insert':
      return text.slice(0, i) + s.letter + text.slice(i);
    case 'delete':
      return text.slice(0, i) + text.slice(i + 1);
    case 'replace':
      return text.slice(0, i) + s.letter + text.slice(i + 1);
    default:
      return i + 1 < text.length ? text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2) : text;
  }
}

describe('progress: the near-miss rule over the whole vocabulary, settings synonyms included', () => {
  const { known } = progressSpellings(SETTINGS_SYNONYMS);
  const spellings = [...known.entries()];
  const r = createStatusReader(SETTINGS_SYNONYMS);

  test('every spelling reads as itself', () => {
    for (const [spelling, meant] of spellings) {
      for (const v of variants(spelling)) expect({ v, ...r.progress(v) }).toMatchObject({ v, word: meant.word, implied: meant.implied });
    }
  });

  test('a slip of any spelling is read as that spelling’s meaning or not at all, never as another meaning', () => {
    fc.assert(
      fc.property(fc.constantFrom(...spellings), fc.array(slipArb, { minLength: 1, maxLength: 2 }), ([spelling, meant], slips) => {
        const typo = slips.slice(0, slipsAllowed(spelling)).reduce(slip, spelling);
        const n = normaliseStatusText(typo);
        // A slip that spells another known word is that word, as typed.
        fc.pre(n !== '' && !known.has(n));
        const got = r.progress(typo);
        if (got.how === 'near-miss') expect({ typo, word: got.word, implied: got.implied }).toEqual({ typo, ...meant });
        else expect({ typo, how: got.how }).toEqual({ typo, how: 'unrecognised' });
      }),
      { numRuns: 4000 },
    );
  });

  test('every single slip of every spelling, exhaustively: never another meaning, and most read as meant', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz '.split('');
    let slips = 0;
    let read = 0;
    const wrong: string[] = [];
    for (const [spelling, meant] of spellings) {
      const typos = new Set<string>();
      for (let i = 0; i <= spelling.length; i++) {
        for (const l of letters) {
          typos.add(spelling.slice(0, i) + l + spelling.slice(i));
          if (i < spelling.length) typos.add(spelling.slice(0, i) + l + spelling.slice(i + 1));
        }
        if (i < spelling.length) typos.add(spelling.slice(0, i) + spelling.slice(i + 1));
        if (i + 1 < spelling.length) typos.add(spelling.slice(0, i) + spelling[i + 1] + spelling[i] + spelling.slice(i + 2));
      }
      for (const typo of typos) {
        const n = normaliseStatusText(typo);
        if (!n || known.has(n)) continue;
        slips++;
        const got = r.progress(typo);
        if (got.how !== 'near-miss') continue;
        if (got.word !== meant.word || got.implied !== meant.implied)
          wrong.push(`${typo} (a slip of ${spelling}) read as ${got.word}/${got.implied}`);
        read++;
      }
    }
    expect(wrong).toEqual([]);
    // Refusing every slip would keep meanings too, but would help nobody: most are read.
    expect(read / slips).toBeGreaterThan(0.6);
  });
});

describe('rating: a slip never turns one colour into another', () => {
  test('every single slip of every rating spelling is read as that rating or not at all', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz /'.split('');
    const spellings: [string, RagWord][] = [
      ['blue', 'Blue'],
      ['green', 'Green'],
      ['amber', 'Amber'],
      ['red', 'Red'],
      ['amber/green', 'Amber/Green'],
      ['green/amber', 'Amber/Green'],
      ['amber/red', 'Amber/Red'],
      ['red/amber', 'Amber/Red'],
    ];
    const wrong: string[] = [];
    let read = 0;
    for (const [spelling, word] of spellings) {
      for (let i = 0; i <= spelling.length; i++) {
        const typos = letters.flatMap((l) => [
          spelling.slice(0, i) + l + spelling.slice(i),
          spelling.slice(0, i) + l + spelling.slice(i + 1),
        ]);
        typos.push(spelling.slice(0, i) + spelling.slice(i + 1));
        for (const typo of typos) {
          const got = reader.rating(typo);
          if (got.how !== 'near-miss') continue;
          read++;
          if (got.word !== word) wrong.push(`${typo} (a slip of ${spelling}) read as ${got.word}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(read).toBeGreaterThan(100);
  });
});

describe('progress: anything else', () => {
  test('unknown text is Unrecognised and keeps the cell text as typed', () => {
    expect(reader.progress('  Awaiting sign-off ')).toEqual({
      word: 'Unrecognised',
      how: 'unrecognised',
      raw: '  Awaiting sign-off ',
      implied: null,
    });
  });

  test('unrecognised text close to one status suggests it', () => {
    expect(reader.progress('In prgrs')).toMatchObject({ word: 'Unrecognised', suggestion: 'In progress' });
  });

  test('unrecognised text far from every status suggests nothing', () => {
    expect(reader.progress('See commentary').suggestion).toBeUndefined();
    expect(reader.progress('TBC').suggestion).toBeUndefined();
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
    expect(reader.progress(1)).toEqual({ word: 'Unrecognised', how: 'unrecognised', raw: '1', implied: null });
    expect(reader.progress(0.5).raw).toBe('0.5');
    expect(reader.progress(true)).toMatchObject({ word: 'Unrecognised', raw: 'true' });
  });

  // A hang guard, not a speed test: text far longer than any spelling is never compared letter by letter.
  test('a 3,000-character progress note in a status cell is Unrecognised, with no suggestion', () => {
    const long = 'Work continues with partners. '.repeat(100);
    expect(reader.progress(long)).toEqual({ word: 'Unrecognised', how: 'unrecognised', raw: long, implied: null });
  }, 10_000);
});

describe('progress: synonyms from settings', () => {
  test('are accepted whatever their case and spacing, on either side', () => {
    const r = createStatusReader({ 'Signed-Off': 'Completed', 'awaiting  data': 'Static' });
    expect(r.progress('signed off')).toEqual({ word: 'Completed', how: 'synonym', raw: 'signed off', implied: 'Blue' });
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

  test('may count as Withdrawn', () => {
    const r = createStatusReader({ Dropped: 'Withdrawn' });
    expect(r.progress('dropped')).toMatchObject({ word: 'Withdrawn', how: 'synonym', implied: null });
  });

  test('a built-in word given another word by settings implies nothing of its old meaning', () => {
    const r = createStatusReader({ 'At risk': 'Static' });
    expect(r.progress('At risk')).toMatchObject({ word: 'Static', implied: null });
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

describe('a Done? (Y/N) column', () => {
  test.each<[string, ProgressWord]>([
    ['Y', 'Completed'],
    ['yes', 'Completed'],
    [' N ', 'In progress'],
    ['No', 'In progress'],
  ])('%p is %s', (typed, word) => {
    expect(reader.yesNo(typed)).toMatchObject({ word, how: 'yes-no', raw: typed });
  });

  test('anything else in it is read as a status word', () => {
    expect(reader.yesNo('Completed')).toMatchObject({ word: 'Completed', how: 'exact' });
    expect(reader.yesNo(null)).toMatchObject({ word: 'No status', how: 'empty' });
    expect(reader.yesNo('Maybe')).toMatchObject({ word: 'Unrecognised' });
  });

  test('a yes or no in an ordinary status column is not a status', () => {
    expect(reader.progress('Y').word).toBe('Unrecognised');
  });
});

describe('a rating read from its fill', () => {
  test('an empty cell filled with a RAG colour is that rating', () => {
    expect(reader.colour(null, '#00B050')).toEqual({ word: 'Green', how: 'colour', raw: '', fill: '#00B050' });
    expect(reader.colour('  ', '#C00000')).toMatchObject({ word: 'Red', how: 'colour' });
  });

  test('a cell with text, no fill or a fill that is no RAG colour gives no colour reading', () => {
    expect(reader.colour('Green', '#00B050')).toBeNull();
    expect(reader.colour(null, null)).toBeNull();
    expect(reader.colour(null, '#D9D9D9')).toBeNull();
    expect(reader.colour(null, '#FFF2CC')).toBeNull();
  });
});

describe('classifyStatusValues', () => {
  test('a column of empty cells filled with RAG colours holds ratings', () => {
    const values: CellValue[] = [null, null, null, 'Green', null];
    expect(classifyStatusValues(values, reader, ['#00B050', '#FFC000', '#FF0000', null, null])).toBe('rating');
    expect(classifyStatusValues(values, reader)).toBe('rating');
    expect(classifyStatusValues([null, null, 'Completed'], reader, ['#00B050', '#FFC000', null])).toBe('rating');
  });

  test('grey or pale fills on empty cells do not make a rating column', () => {
    expect(classifyStatusValues([null, null, 'Completed'], reader, ['#D9D9D9', '#FFF2CC', null])).toBe('progress');
  });

  test('a column of Y and N asks whether each action is done', () => {
    expect(classifyStatusValues(['Y', 'N', 'N', 'Yes', null], reader)).toBe('yes-no');
  });

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

// Speed itself is measured by `npm run bench`; these say how the work is bounded, and
// the timeouts only guard against a hang.
describe('reading at scale', () => {
  test('a spelling is worked out once: 100,000 cells of a handful of spellings share their readings', () => {
    const spellings = ['Completed', 'complete', 'In progess', 'Ongoing', 'Static', '', 'Not started', 'Something else'];
    const r = createStatusReader({});
    const first = spellings.map((x) => r.progress(x));
    let completed = 0;
    for (let i = 0; i < 100_000; i++) {
      const reading = r.progress(spellings[i % spellings.length]);
      if (reading !== first[i % spellings.length]) throw new Error(`${spellings[i % spellings.length]} was read again`);
      if (reading.word === 'Completed') completed++;
    }
    expect(completed).toBe(25_000);
  }, 30_000);

  test('100,000 distinct unrecognised strings are all read, and the readings kept stay bounded', () => {
    const r = createStatusReader({});
    let unrecognised = 0;
    for (let i = 0; i < 100_000; i++) if (r.progress(`note ${i}`).word === 'Unrecognised') unrecognised++;
    expect(unrecognised).toBe(100_000);
    // The first reading was let go when the cache filled: it is read afresh, equal but not the same object.
    expect(r.progress('note 0')).toEqual({ word: 'Unrecognised', how: 'unrecognised', raw: 'note 0', implied: null });
  }, 60_000);
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
