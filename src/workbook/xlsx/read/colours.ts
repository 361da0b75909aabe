import { END, OPEN, XmlReader } from '../opc/xml-reader';

// Colours as styles.xml names them, resolved to the '#RRGGBB' Excel shows: an ARGB
// value, a theme colour (with a tint), or an index into the legacy palette. Only
// fills need this (a RAG register coloured by hand), so it is resolved once per
// fill, never per cell.

/** The attributes of a CT_Color element (<fgColor>, <bgColor>, <rgbColor>). */
export interface ColourSpec {
  rgb?: string;
  theme?: string;
  tint?: string;
  indexed?: string;
  auto?: string;
}

/**
 * Excel's default palette for indexed colours 0-63 (ECMA-376 Part 1, 18.8.27),
 * used unless styles.xml lists its own <indexedColors>. 64 and 65 are the system
 * foreground and background, which depend on the machine, and have no entry.
 */
export const DEFAULT_INDEXED_COLOURS: readonly string[] = (
  '000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF ' +
  '000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF ' +
  '800000 008000 000080 808000 800080 008080 C0C0C0 808080 ' +
  '9999FF 993366 FFFFCC CCFFFF 660066 FF8080 0066CC CCCCFF ' +
  '000080 FF00FF FFFF00 00FFFF 800080 800000 008080 0000FF ' +
  '00CCFF CCFFFF CCFFCC FFFF99 99CCFF FF99CC CC99FF FFCC99 ' +
  '3366FF 33CCCC 99CC00 FFCC00 FF9900 FF6600 666699 969696 ' +
  '003366 339966 003300 333300 993300 993366 333399 333333'
)
  .split(' ')
  .map((hex) => `#${hex}`);

/**
 * The colours of Office's default theme (2007-2010, the one most libraries write),
 * in the order a `theme` index counts them, for a workbook with no theme part.
 */
export const DEFAULT_THEME_COLOURS: readonly string[] =
  'FFFFFF 000000 EEECE1 1F497D 4F81BD C0504D 9BBB59 8064A2 4BACC6 F79646 0000FF 800080'.split(' ').map((hex) => `#${hex}`);

// A theme part lists its scheme dk1, lt1, dk2, lt2, accents, links; a `theme`
// index counts lt1 first, then dk1, lt2, dk2 (ECMA-376 Part 1, 18.8.3 and
// 20.1.6.2, as Excel reads it).
const SCHEME_ORDER = ['lt1', 'dk1', 'lt2', 'dk2', 'accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6', 'hlink', 'folHlink'];

const HEX6 = /^[0-9A-Fa-f]{6}$/;

/** The theme's colour scheme as a `theme` index reads it; the defaults where the part is missing or names a colour oddly. */
export function readThemeColours(bytes: Uint8Array | undefined): string[] {
  const out = DEFAULT_THEME_COLOURS.slice();
  if (!bytes) return out;
  const x = new XmlReader(bytes);
  let slot = -1;
  for (let t = x.next(); t !== END; t = x.next()) {
    if (t !== OPEN) continue;
    if (x.at(x.depth - 1) === 'clrScheme') {
      slot = SCHEME_ORDER.indexOf(x.name);
    } else if (slot >= 0 && x.at(x.depth - 2) === 'clrScheme') {
      // <a:srgbClr val="1F497D"/>, or <a:sysClr val="window" lastClr="FFFFFF"/>.
      const hex = x.name === 'srgbClr' ? x.attr('val') : x.name === 'sysClr' ? x.attr('lastClr') : undefined;
      if (hex !== undefined && HEX6.test(hex)) out[slot] = `#${hex.toUpperCase()}`;
      slot = -1;
    } else if (x.name === 'fontScheme' || x.name === 'fmtScheme') {
      // The colour scheme comes first; the rest of the theme is fonts and effects.
      x.skipElement();
    }
  }
  return out;
}

function hex2(n: number): string {
  return Math.round(Math.min(255, Math.max(0, n)))
    .toString(16)
    .toUpperCase()
    .padStart(2, '0');
}

/**
 * A tint as Excel applies it (ECMA-376 Part 1, 18.8.3 `tint`): in HSL, a negative
 * tint darkens (L × (1 + tint)), a positive one lightens (L + (1 − L) × tint).
 * Worked in floating point and rounded once, as LibreOffice does: accent 6
 * (F79646) darker 25% is E46C0A; Excel's own integer HLS may differ by a unit.
 */
export function applyTint(colour: string, tint: number): string {
  if (!Number.isFinite(tint) || tint === 0) return colour;
  const t = Math.max(-1, Math.min(1, tint));
  const r = parseInt(colour.slice(1, 3), 16) / 255;
  const g = parseInt(colour.slice(3, 5), 16) / 255;
  const b = parseInt(colour.slice(5, 7), 16) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  let l = (max + min) / 2;
  const d = max - min;
  let h = 0;
  let s = 0;
  if (d > 0) {
    s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
    if (max === r) h = ((g - b) / d + (g < b ? 6 : 0)) / 6;
    else if (max === g) h = ((b - r) / d + 2) / 6;
    else h = ((r - g) / d + 4) / 6;
  }
  l = t < 0 ? l * (1 + t) : l + (1 - l) * t;
  if (s === 0) {
    const v = hex2(l * 255);
    return `#${v}${v}${v}`;
  }
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (k: number): number => {
    let x = k;
    if (x < 0) x += 1;
    if (x > 1) x -= 1;
    if (x < 1 / 6) return p + (q - p) * 6 * x;
    if (x < 1 / 2) return q;
    if (x < 2 / 3) return p + (q - p) * (2 / 3 - x) * 6;
    return p;
  };
  return `#${hex2(channel(h + 1 / 3) * 255)}${hex2(channel(h) * 255)}${hex2(channel(h - 1 / 3) * 255)}`;
}

export interface Palette {
  theme: readonly string[];
  indexed: readonly string[];
}

/**
 * The colour a CT_Color names, as '#RRGGBB', or null when it names none Excel
 * would show the same on every machine (automatic, the system colours, an index
 * or theme slot out of range, a malformed value).
 */
export function resolveColour(spec: ColourSpec, palette: Palette): string | null {
  let base: string | null = null;
  if (spec.rgb !== undefined) {
    // ARGB as Excel writes it; the alpha byte is ignored, as Excel ignores it for cell fills.
    const v = spec.rgb.trim();
    const hex = v.length === 8 ? v.slice(2) : v;
    if (HEX6.test(hex)) base = `#${hex.toUpperCase()}`;
  } else if (spec.theme !== undefined) {
    const i = Number(spec.theme);
    if (Number.isInteger(i)) base = palette.theme[i] ?? null;
  } else if (spec.indexed !== undefined) {
    const i = Number(spec.indexed);
    if (Number.isInteger(i)) base = palette.indexed[i] ?? null;
  }
  if (base === null) return null;
  return spec.tint === undefined ? base : applyTint(base, Number(spec.tint));
}
