import type { Rag } from './report';

// One palette for the pane and the written sheets. Each fill is paired with the
// text colour that gives at least WCAG AA contrast (4.5:1) against it, and the word
// is always written beside the colour, so the RAG reads in greyscale print, to
// colour-blind readers and in LibreOffice.
export const RAG_COLOURS: Record<Rag, { fill: string; text: string }> = {
  Blue: { fill: '#1F4E79', text: '#FFFFFF' },
  Green: { fill: '#1E7B34', text: '#FFFFFF' },
  'Amber/Green': { fill: '#C5E0B4', text: '#000000' },
  Amber: { fill: '#FFC000', text: '#000000' },
  'Amber/Red': { fill: '#F4B183', text: '#000000' },
  Red: { fill: '#C00000', text: '#FFFFFF' },
};

export const SEVERITY_COLOURS = {
  error: { fill: '#F8D7DA', text: '#7A0010' },
  warning: { fill: '#FFF3CD', text: '#5C4400' },
  info: { fill: '#DDEBF7', text: '#1F3864' },
} as const;
