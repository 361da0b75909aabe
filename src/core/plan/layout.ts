import type { PlanCell, StyleDef, StyleName } from '../plan-schema';

// Column widths and row heights from what the cells hold, so nothing shows `###`
// and no text is cut, on screen or on paper, in Excel or in LibreOffice. No program
// measures here, so widths are estimated from the characters: Calibri 11's advance
// widths (Excel's default font) in units of its digit width (a column's width is
// counted in digits), with room to spare for the wider fonts LibreOffice falls back
// to where Calibri is missing. Generous beats cut: a little white space costs less
// than a hidden figure.

// Calibri's advance widths in thousandths of an em, for the letters; digits are 507.
const LOWER = [
  479, 525, 423, 525, 498, 305, 471, 525, 229, 239, 455, 229, 799, 525, 527, 525, 525, 349, 391, 335, 525, 452, 715, 433, 453, 395,
];
const UPPER = [
  579, 544, 533, 615, 488, 459, 631, 623, 252, 319, 520, 420, 855, 646, 662, 517, 673, 543, 459, 487, 642, 567, 890, 519, 487, 468,
];
const DIGIT = 507;
const NARROW = new Set([' ', '.', ',', ':', ';', "'", '|', '!', 'i', '(', ')', '[', ']']);

/** Room for fonts wider than Calibri (LibreOffice without Calibri or Carlito) and for wrapping at word breaks. */
const SPARE = 1.12;

/** The width of a line of text in digit widths, as Calibri 11 draws it. */
export function textWidth(s: string, bold = false): number {
  let em = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 97 && code <= 122) em += LOWER[code - 97];
    else if (code >= 65 && code <= 90) em += UPPER[code - 65];
    else if (code >= 48 && code <= 57) em += DIGIT;
    else if (NARROW.has(s[i])) em += 250;
    else if (code >= 0x2e80)
      em += 1000; // CJK and other wide scripts
    else em += 550;
  }
  return (em / DIGIT) * (bold ? 1.07 : 1) * SPARE;
}

/** What a number shows at most under each numeric style: dates as their longest month, times with minutes. */
const NUMBER_WIDTH: Partial<Record<StyleName, (n: number) => string>> = {
  percent: (n) => `${Math.round(n * 100)}%`,
  totalPercent: (n) => `${Math.round(n * 100)}%`,
  date: () => '30 September 2025',
  dateShort: () => '30 Sep 2025',
  datetime: () => '30 Sep 2025 00:00',
  stamp: () => '30 Sep 2025 00:00',
};

function isWrapped(def: StyleDef | undefined): boolean {
  return def?.wrap === true;
}

/** The width a cell needs on one line, in digit widths. */
export function cellWidth(cell: PlanCell, styles: Readonly<Partial<Record<StyleName, StyleDef>>>): number {
  const def = cell.style ? styles[cell.style] : undefined;
  const bold = def?.bold === true;
  const size = (def?.size ?? 11) / 11;
  if (typeof cell.value === 'number') {
    const shown =
      cell.style && NUMBER_WIDTH[cell.style] ? NUMBER_WIDTH[cell.style]!(cell.value) : String(Math.round(cell.value * 100) / 100);
    return textWidth(shown, bold) * size;
  }
  if (cell.value === null) return 0;
  const text = String(cell.value);
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, textWidth(line, bold));
  return widest * size;
}

/** The longest word of a cell: a wrapped column is never narrower than that. */
function longestWord(cell: PlanCell, bold: boolean): number {
  if (typeof cell.value !== 'string') return 0;
  let widest = 0;
  for (const w of cell.value.split(/\s+/)) widest = Math.max(widest, textWidth(w, bold));
  return widest;
}

export interface ColumnRule {
  min: number;
  /** Wrapped text is held to this width; unwrapped cells (numbers, dates, words) always get what they need. */
  max: number;
}

/** Padding Excel leaves inside a cell, plus a margin, in digit widths. */
const PADDING = 2;

/**
 * Column widths for `rows` from `fromRow` down (the rows above, a title and a
 * headline, run across empty cells and are not measured). A wrapped cell asks for
 * its whole line up to the column's `max`; any other cell asks for all it needs.
 */
export function columnWidths(
  rows: readonly (readonly PlanCell[])[],
  rules: readonly ColumnRule[],
  styles: Readonly<Partial<Record<StyleName, StyleDef>>>,
  fromRow = 0,
): number[] {
  const widths = rules.map((r) => r.min);
  for (let r = fromRow; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length && c < rules.length; c++) {
      const cell = row[c];
      if (!cell) continue;
      const def = cell.style ? styles[cell.style] : undefined;
      const need = isWrapped(def)
        ? Math.max(Math.min(cellWidth(cell, styles) + PADDING, rules[c].max), longestWord(cell, def?.bold === true) + PADDING)
        : cellWidth(cell, styles) + PADDING;
      widths[c] = Math.max(widths[c], Math.ceil(need));
    }
  }
  return widths;
}

/** Points per line of 11-point text, and the most Excel allows a row. */
const LINE = 15;
const MAX_ROW = 409;

/** How many lines a wrapped cell takes in a column `width` digits wide. */
export function linesIn(cell: PlanCell, width: number, styles: Readonly<Partial<Record<StyleName, StyleDef>>>): number {
  if (typeof cell.value !== 'string' || cell.value === '') return 1;
  const def = cell.style ? styles[cell.style] : undefined;
  const room = Math.max(1, width - PADDING);
  let lines = 0;
  for (const para of cell.value.split('\n')) {
    // Words are not broken, so a line holds a little less than the room: a line per
    // word for any word wider than the room, and the rest laid out greedily.
    let line = 0;
    let count = 1;
    for (const word of para.split(/ +/)) {
      const w = textWidth(word, def?.bold === true);
      const space = line === 0 ? 0 : textWidth(' ');
      if (line > 0 && line + space + w > room) {
        count++;
        line = w;
      } else line += space + w;
      if (w > room) count += Math.ceil(w / room) - 1;
    }
    lines += count;
  }
  return lines;
}

/**
 * Row heights in points: a row with wrapped text as tall as its tallest cell, a row
 * with large text (a title) as tall as the text; null for the default height.
 */
export function rowHeights(
  rows: readonly (readonly PlanCell[])[],
  widths: readonly number[],
  styles: Readonly<Partial<Record<StyleName, StyleDef>>>,
): (number | null)[] {
  return rows.map((row) => {
    let height = 0;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || cell.value === null) continue;
      const def = cell.style ? styles[cell.style] : undefined;
      const size = def?.size ?? 11;
      const line = Math.ceil((LINE * size) / 11);
      const lines = isWrapped(def) ? linesIn(cell, widths[c] ?? 10, styles) : 1;
      height = Math.max(height, lines * line + (lines > 1 ? 2 : 0));
    }
    return height > LINE ? Math.min(MAX_ROW, height) : null;
  });
}
