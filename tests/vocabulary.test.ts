import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { PROGRESS_FIELD, RATING_FIELD, SHARE_FIELDS } from '../src/core/count-fields';
import { RAG_COLOURS } from '../src/core/palette';
import { BUILT_IN_SPELLINGS, PROGRESS_WORDS, normaliseStatusText } from '../src/core/vocabulary/progress';
import { createSummaryLabeller } from '../src/core/vocabulary/summary-labels';
import { RAG_WORDS, RATING_LETTERS, RATING_SPELLINGS } from '../src/core/vocabulary/ratings';

// Every word Ragbook reads in a tracker is spelled in one place, core/vocabulary/,
// so the status reader, the summary-block reader and the pane cannot drift apart.

const SRC = path.join(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The text of every string literal in a file (quoted strings and templates without substitutions). */
function stringLiterals(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const literals = sourceFiles(SRC).map((file) => ({
  file: path.relative(SRC, file),
  texts: stringLiterals(file).map((t) => t.toLowerCase()),
}));

function filesSpelling(word: string): string[] {
  return literals.filter((l) => l.texts.includes(word.toLowerCase())).map((l) => l.file);
}

describe('one vocabulary', () => {
  test.each(['not yet started', 'on hold', 'no progress', 'superseded', 'at risk', 'off track', 'partially implemented'])(
    'the status spelling %p is written in one file, the vocabulary',
    (word) => {
      expect(filesSpelling(word)).toEqual([path.join('core', 'vocabulary', 'progress.ts')]);
    },
  );

  test.each(['Amber/Green', 'Amber/Red'])('the rating %p is written in one file, the vocabulary', (word) => {
    expect(filesSpelling(word)).toEqual([path.join('core', 'vocabulary', 'ratings.ts')]);
  });

  test('every rating word has its spellings, its letters, its count and its colours', () => {
    for (const word of RAG_WORDS) {
      expect([...RATING_SPELLINGS.values()]).toContain(word);
      expect([...RATING_LETTERS.values()]).toContain(word);
      expect(RATING_FIELD[word]).toMatch(/^[a-z]+(Green|Red)?$/);
      expect(RAG_COLOURS[word].fill).toMatch(/^#[0-9A-F]{6}$/);
    }
    expect(RATING_FIELD).toEqual({
      Blue: 'blue',
      Green: 'green',
      'Amber/Green': 'amberGreen',
      Amber: 'amber',
      'Amber/Red': 'amberRed',
      Red: 'red',
    });
  });

  test('the five progress words are counted under the report\u2019s field names, and all but Withdrawn have a share', () => {
    expect(PROGRESS_FIELD).toEqual({
      Completed: 'completed',
      'In progress': 'inProgress',
      Static: 'static',
      'Not started': 'notStarted',
      Withdrawn: 'withdrawn',
    });
    expect(Object.keys(PROGRESS_FIELD)).toEqual([...PROGRESS_WORDS]);
    expect(SHARE_FIELDS).toEqual(['completed', 'inProgress', 'static', 'notStarted']);
  });

  test('every built-in spelling is normalised already and listed once, and implies a rating only where DESIGN.md says', () => {
    const seen = new Set<string>();
    for (const s of BUILT_IN_SPELLINGS) {
      expect(normaliseStatusText(s.spelling)).toBe(s.spelling);
      expect(seen.has(s.spelling)).toBe(false);
      seen.add(s.spelling);
      if (s.implies)
        expect({ s: s.spelling, word: s.word }).toEqual({
          s: s.spelling,
          word: s.implies === 'Red' && s.word === 'Static' ? 'Static' : 'In progress',
        });
    }
  });

  test('a summary block is never labelled by a word that says more than its count (At risk, Overdue)', () => {
    const label = createSummaryLabeller({});
    expect(label('Overdue')).toBeNull();
    expect(label('At risk')).toBeNull();
    expect(label('On track')).toBeNull();
    expect(label('Withdrawn')).toBe('withdrawn');
    expect(label('N/A')).toBe('withdrawn');
    expect(label('Open')).toBe('inProgress');
  });
});
