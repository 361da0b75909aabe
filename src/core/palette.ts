import { RATING_FIELD, type RatingField } from './count-fields';
import { NOT_RATED, RAG_WORDS, type RagValue } from './vocabulary/ratings';

export interface Colours {
  fill: string;
  text: string;
}

// One palette for the pane and the written sheets. Each fill is paired with the
// text colour that gives at least WCAG AA contrast (4.5:1) against it, and the word
// is always written beside the colour, so the RAG reads in greyscale print, to
// colour-blind readers and in LibreOffice. Keyed by each rating's count field, so
// the words themselves are spelled only in vocabulary/ratings.ts.
const BY_FIELD: Readonly<Record<Exclude<RatingField, 'unrated'>, Colours>> = {
  blue: { fill: '#1F4E79', text: '#FFFFFF' },
  green: { fill: '#1E7B34', text: '#FFFFFF' },
  amberGreen: { fill: '#C5E0B4', text: '#000000' },
  amber: { fill: '#FFC000', text: '#000000' },
  amberRed: { fill: '#F4B183', text: '#000000' },
  red: { fill: '#C00000', text: '#FFFFFF' },
};

/** Not rated is no rating: a neutral grey, its words saying what it is. */
const NOT_RATED_COLOURS: Colours = { fill: '#D9D9D9', text: '#000000' };

/** Each RAG's colours, best to worst, then Not rated. */
export const RAG_COLOURS: Readonly<Record<RagValue, Colours>> = {
  ...(Object.fromEntries(RAG_WORDS.map((w) => [w, BY_FIELD[RATING_FIELD[w]]])) as Record<RagValue, Colours>),
  [NOT_RATED]: NOT_RATED_COLOURS,
};

export const SEVERITY_COLOURS = {
  error: { fill: '#F8D7DA', text: '#7A0010' },
  warning: { fill: '#FFF3CD', text: '#5C4400' },
  info: { fill: '#DDEBF7', text: '#1F3864' },
} as const;

/** A RAG that is no colour (Not rated): grey, with black text, the word beside it as always. */
export const NO_RAG_COLOURS: Colours = { fill: '#D9D9D9', text: '#000000' };

/** The colours of a RAG word, or grey for one that is no colour. */
export function ragColours(rag: string): Colours {
  return (RAG_COLOURS as Readonly<Record<string, Colours>>)[rag] ?? NO_RAG_COLOURS;
}
