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
const BOLD = 1.07;

// Each ASCII character's width in digit widths, with the room to spare: a sheet of
// 100,000 actions is measured character by character, so this is a table lookup.
const ASCII = (() => {
  const t = new Float64Array(128);
  for (let code = 0; code < 128; code++) {
    let em = 550;
    if (code >= 97 && code <= 122) em = LOWER[code - 97];
    else if (code >= 65 && code <= 90) em = UPPER[code - 65];
    else if (code >= 48 && code <= 57) em = DIGIT;
    else if (NARROW.has(String.fromCharCode(code))) em = 250;
    t[code] = (em / DIGIT) * SPARE;
  }
  return t;
})();
const OTHER = (550 / DIGIT) * SPARE;
/** CJK and other wide scripts. */
const WIDE = (1000 / DIGIT) * SPARE;

function charWidth(code: number): number {
  return code < 128 ? ASCII[code] : code >= 0x2e80 ? WIDE : OTHER;
}

/** The width of a line of text in digit widths, as Calibri 11 draws it. */
export function textWidth(s: string, bold = false): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) w += charWidth(s.charCodeAt(i));
  return bold ? w * BOLD : w;
}

/** A text's widest line and widest word, in one pass (no split: a long sheet has 100,000s of cells). */
function textMetrics(s: string, bold: boolean): { widest: number; longestWord: number } {
  let widest = 0;
  let longestWord = 0;
  let line = 0;
  let word = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code === 10) {
      if (line > widest) widest = line;
      if (word > longestWord) longestWord = word;
      line = 0;
      word = 0;
      continue;
    }
    const w = charWidth(code);
    line += w;
    if (code === 32) {
      if (word > longestWord) longestWord = word;
      word = 0;
    } else word += w;
  }
  if (line > widest) widest = line;
  if (word > longestWord) longestWord = word;
  const k = bold ? BOLD : 1;
  return { widest: widest * k, longestWord: longestWord * k };
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

type Styles = Readonly<Partial<Record<StyleName, StyleDef>>>;

function isWrapped(def: StyleDef | undefined): boolean {
  return def?.wrap === true;
}

/** The width a cell needs on one line, in digit widths. */
export function cellWidth(cell: PlanCell, styles: Styles): number {
  const def = cell.style ? styles[cell.style] : undefined;
  const bold = def?.bold === true;
  const size = (def?.size ?? 11) / 11;
  if (typeof cell.value === 'number') {
    const shown =
      cell.style && NUMBER_WIDTH[cell.style] ? NUMBER_WIDTH[cell.style]!(cell.value) : String(Math.round(cell.value * 100) / 100);
    return textWidth(shown, bold) * size;
  }
  if (cell.value === null) return 0;
  return textMetrics(String(cell.value), bold).widest * size;
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
 * its whole line up to the column's `max`, and never less than its widest word;
 * any other cell asks for all it needs.
 */
export function columnWidths(rows: readonly (readonly PlanCell[])[], rules: readonly ColumnRule[], styles: Styles, fromRow = 0): number[] {
  const widths = rules.map((r) => r.min);
  // Cells repeated down a column (a work stream, a sheet, a word) are one object, measured once per run of them.
  const last: (PlanCell | undefined)[] = rules.map(() => undefined);
  for (let r = fromRow; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length && c < rules.length; c++) {
      const cell = row[c];
      if (!cell || cell.value === null || cell === last[c]) continue;
      last[c] = cell;
      const def = cell.style ? styles[cell.style] : undefined;
      let need: number;
      if (isWrapped(def) && typeof cell.value === 'string') {
        const m = textMetrics(cell.value, def?.bold === true);
        need = Math.max(Math.min(m.widest + PADDING, rules[c].max), m.longestWord + PADDING);
      } else need = cellWidth(cell, styles) + PADDING;
      if (need > widths[c]) widths[c] = Math.ceil(need);
    }
  }
  return widths;
}

/** Points per line of 11-point text, and the most Excel allows a row. */
const LINE = 15;
const MAX_ROW = 409;

/** How many lines a wrapped cell takes in a column `width` digits wide: words laid out greedily, a word wider than the room broken. */
export function linesIn(cell: PlanCell, width: number, styles: Styles): number {
  if (typeof cell.value !== 'string' || cell.value === '') return 1;
  const def = cell.style ? styles[cell.style] : undefined;
  const k = def?.bold === true ? BOLD : 1;
  const room = Math.max(1, width - PADDING);
  const space = charWidth(32) * k;
  const s = cell.value;
  let lines = 1;
  let line = 0;
  let word = 0;
  for (let i = 0; i <= s.length; i++) {
    const code = i < s.length ? s.charCodeAt(i) : 10;
    if (code !== 10 && code !== 32) {
      word += charWidth(code) * k;
      continue;
    }
    if (word !== 0) {
      if (line > 0 && line + space + word > room) {
        lines++;
        line = 0;
      }
      if (word > room) {
        lines += Math.ceil(word / room) - 1;
        line = word % room;
      } else line += (line > 0 ? space : 0) + word;
      word = 0;
    }
    if (code === 10 && i < s.length) {
      lines++;
      line = 0;
    }
  }
  return lines;
}

/**
 * Row heights in points: a row with wrapped text as tall as its tallest cell, a row
 * with large text (a title) as tall as the text; null for the default height.
 */
export function rowHeights(rows: readonly (readonly PlanCell[])[], widths: readonly number[], styles: Styles): (number | null)[] {
  // A cell repeated down a column takes the same lines on every row.
  const lastCell: (PlanCell | undefined)[] = [];
  const lastLines: number[] = [];
  const out = new Array<number | null>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let height = 0;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || cell.value === null) continue;
      const def = cell.style ? styles[cell.style] : undefined;
      const line = def?.size ? Math.ceil((LINE * def.size) / 11) : LINE;
      let lines = 1;
      if (isWrapped(def)) {
        if (lastCell[c] !== cell) {
          lastCell[c] = cell;
          lastLines[c] = linesIn(cell, widths[c] ?? 10, styles);
        }
        lines = lastLines[c];
      }
      const h = lines * line + (lines > 1 ? 2 : 0);
      if (h > height) height = h;
    }
    out[r] = height > LINE ? Math.min(MAX_ROW, height) : null;
  }
  return out;
}

const UNMEASURED: PlanCell = { value: null };

/**
 * The cells above a table that its columns must fit: a number or date (it shows
 * `###` when cut), and any cell with something beside it on the right (a label
 * before its value cannot run on over the next cell, so it would be cut). Text with
 * nothing to its right runs on over the empty cells and is left out.
 */
export function boundedCells(rows: readonly (readonly PlanCell[])[]): PlanCell[][] {
  return rows.map((row) =>
    row.map((c, i) => {
      if (!c || c.value === null) return UNMEASURED;
      const next = row[i + 1];
      const bounded = typeof c.value === 'number' || (next !== undefined && next !== null && next.value !== null && next.value !== '');
      return bounded ? c : UNMEASURED;
    }),
  );
}
