import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { PROGRESS_FIELD, RATING_FIELD } from '../src/core/count-fields';
import { RAG_COLOURS } from '../src/core/palette';
import { PROGRESS_WORDS } from '../src/core/vocabulary/progress';
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
  test.each(['not yet started', 'on hold', 'no progress'])('the status spelling %p is written in one file, the vocabulary', (word) => {
    expect(filesSpelling(word)).toEqual([path.join('core', 'vocabulary', 'progress.ts')]);
  });

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

  test('the four progress words are counted under the report\u2019s field names', () => {
    expect(PROGRESS_FIELD).toEqual({ Completed: 'completed', 'In progress': 'inProgress', Static: 'static', 'Not started': 'notStarted' });
    expect(Object.keys(PROGRESS_FIELD)).toEqual([...PROGRESS_WORDS]);
  });
});
