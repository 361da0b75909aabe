import { type Colours, RAG_COLOURS, SEVERITY_COLOURS, NO_RAG_COLOURS } from '../palette';
import type { StyleDef, StyleName } from '../plan-schema';
import { RAG_WORDS, type RagWord } from '../vocabulary/ratings';

// The named styles of Ragbook's sheets. Each adapter turns them into its own format
// objects once. Every fill is paired with a text colour of at least WCAG AA contrast
// (palette.ts), and colour is never the only signal: the RAG word, the severity word.

const ragStyle = (c: Colours): StyleDef => ({ bold: true, fill: c.fill, color: c.text, align: 'center', border: true });

// One style per rating word. Not rated is no rating: it takes `rag-none`, so the
// style names stay the plan schema's (palette.ts gives Not rated a colour too).
function ragStyles(): Record<`rag-${RagWord}`, StyleDef> {
  const out = {} as Record<`rag-${RagWord}`, StyleDef>;
  for (const w of RAG_WORDS) out[`rag-${w}`] = ragStyle(RAG_COLOURS[w]);
  return out;
}

const STYLED_RAGS: ReadonlySet<string> = new Set(RAG_WORDS);

export const STYLES: Record<StyleName, StyleDef> = {
  title: { bold: true, size: 16, color: '#1F3864' },
  subtitle: { bold: true, size: 12, color: '#1F3864' },
  header: { bold: true, fill: '#1F3864', color: '#FFFFFF', wrap: true, border: true },
  text: { border: true },
  wrap: { wrap: true, border: true },
  integer: { numberFormat: '0', border: true, align: 'right' },
  percent: { numberFormat: '0%', border: true, align: 'right' },
  date: { numberFormat: 'd mmmm yyyy', align: 'left' },
  dateShort: { numberFormat: 'd mmm yyyy', border: true, align: 'left' },
  datetime: { numberFormat: 'd mmm yyyy hh:mm', align: 'left' },
  stamp: { numberFormat: 'd mmm yyyy hh:mm', border: true, align: 'left' },
  link: { color: '#0563C1', underline: true, border: true },
  linkWrap: { color: '#0563C1', underline: true, border: true, wrap: true },
  total: { bold: true, border: true, fill: '#D9E1F2', wrap: true },
  totalPercent: { bold: true, border: true, fill: '#D9E1F2', numberFormat: '0%', align: 'right' },
  label: { bold: true, color: '#1F3864' },
  headline: { bold: true, size: 12 },
  note: { italic: true, color: '#404040' },
  ...ragStyles(),
  'rag-none': ragStyle(NO_RAG_COLOURS),
  'sev-error': { bold: true, fill: SEVERITY_COLOURS.error.fill, color: SEVERITY_COLOURS.error.text, border: true },
  'sev-warning': { bold: true, fill: SEVERITY_COLOURS.warning.fill, color: SEVERITY_COLOURS.warning.text, border: true },
  'sev-info': { fill: SEVERITY_COLOURS.info.fill, color: SEVERITY_COLOURS.info.text, border: true },
};

/** The style of a RAG word's cell: its colour, or grey for a RAG that is no colour (Not rated). */
export function ragStyleOf(rag: string): StyleName {
  return STYLED_RAGS.has(rag) ? (`rag-${rag}` as StyleName) : 'rag-none';
}
