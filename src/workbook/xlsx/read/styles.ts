import { END, OPEN, XmlReader } from '../opc/xml-reader';
import { type ColourSpec, DEFAULT_INDEXED_COLOURS, type Palette, resolveColour } from './colours';

// Two things Ragbook needs from styles.xml: number formats (a number under a date
// format is a date) and solid fills (an empty rating cell filled green is Green).
// A cell's style index points into <cellXfs>; each xf names a number format,
// either one of Excel's built-ins (which the file does not spell out) or one of
// the file's own <numFmts>, and a fill in <fills>.

/**
 * Excel's built-in number formats (ECMA-376 Part 1, 18.8.30). Ids 27-36 and 50-58
 * are East Asian date and time formats whose text depends on the locale; the
 * codes given here are neutral ones with the same meaning (a date, or a time),
 * which is what a reader needs to know.
 */
export const BUILTIN_NUMBER_FORMATS: Readonly<Record<number, string>> = {
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  5: '"$"#,##0_);("$"#,##0)',
  6: '"$"#,##0_);[Red]("$"#,##0)',
  7: '"$"#,##0.00_);("$"#,##0.00)',
  8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  27: 'yyyy/m/d',
  28: 'yyyy/m/d',
  29: 'yyyy/m/d',
  30: 'm/d/yy',
  31: 'yyyy/m/d',
  32: 'h:mm',
  33: 'h:mm:ss',
  34: 'yyyy/m',
  35: 'm/d',
  36: 'yyyy/m/d',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
  42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
  43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
  44: '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mm:ss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy/m/d',
  51: 'yyyy/m/d',
  52: 'yyyy/m',
  53: 'm/d',
  54: 'yyyy/m/d',
  55: 'yyyy/m',
  56: 'm/d',
  57: 'yyyy/m/d',
  58: 'yyyy/m/d',
};

/** What Ragbook reads of each cell style: its number format, and its own solid fill. */
export interface CellStyles {
  /** Number format code per style index (the cell's `s`); null for General. */
  formats: (string | null)[];
  /** The style's solid fill as '#RRGGBB'; null for none, white, a pattern or a gradient. */
  fills: (string | null)[];
}

interface FillSpec {
  solid: boolean;
  fg: ColourSpec | null;
  bg: ColourSpec | null;
}

function colourSpec(x: XmlReader): ColourSpec {
  return { rgb: x.attr('rgb'), theme: x.attr('theme'), tint: x.attr('tint'), indexed: x.attr('indexed'), auto: x.attr('auto') };
}

const WHITE = '#FFFFFF';

/**
 * The number format and fill of each cell style. `themeColours` are the theme's,
 * as readThemeColours gives them. A fill is kept only when it is solid and not
 * white: a pattern or a gradient is not a RAG colour, and white is what an
 * unfilled cell shows. Conditional formats are not read: only a cell's own style.
 */
export function readCellStyles(bytes: Uint8Array | undefined, themeColours: readonly string[]): CellStyles {
  if (!bytes) return { formats: [], fills: [] };
  const custom = new Map<number, string>();
  const xfs: { numFmtId: number; fillId: number }[] = [];
  const fillSpecs: FillSpec[] = [];
  const indexed: string[] = [];
  let fill: FillSpec | null = null;
  const x = new XmlReader(bytes);
  for (let t = x.next(); t !== END; t = x.next()) {
    if (t !== OPEN) continue;
    const depth = x.depth;
    if (depth === 3) {
      const parent = x.at(2);
      if (x.name === 'numFmt' && parent === 'numFmts') {
        const id = Number(x.attr('numFmtId'));
        const code = x.attr('formatCode');
        if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
      } else if (x.name === 'xf' && parent === 'cellXfs') {
        const id = Number(x.attr('numFmtId') ?? 0);
        const fillId = Number(x.attr('fillId') ?? 0);
        xfs.push({ numFmtId: Number.isInteger(id) ? id : 0, fillId: Number.isInteger(fillId) ? fillId : 0 });
      } else if (x.name === 'fill' && parent === 'fills') {
        fill = { solid: false, fg: null, bg: null };
        fillSpecs.push(fill);
      } else if (x.name === 'AlternateContent' && (parent === 'cellXfs' || parent === 'fills')) {
        // One entry of the list, whichever choice a program takes (Hancom writes xfs and
        // fills so): counted once, so the entries after it keep their places. Its xf is
        // read from the Fallback below; its fill is taken as none.
        if (parent === 'cellXfs') xfs.push({ numFmtId: 0, fillId: 0 });
        else fillSpecs.push({ solid: false, fg: null, bg: null });
        fill = null;
      }
    } else if (depth === 5 && x.name === 'xf' && x.at(4) === 'Fallback' && x.at(3) === 'AlternateContent' && x.at(2) === 'cellXfs') {
      const id = Number(x.attr('numFmtId') ?? 0);
      const fillId = Number(x.attr('fillId') ?? 0);
      xfs[xfs.length - 1] = { numFmtId: Number.isInteger(id) ? id : 0, fillId: Number.isInteger(fillId) ? fillId : 0 };
    } else if (depth === 4 && fill !== null && x.name === 'patternFill' && x.at(3) === 'fill' && x.at(2) === 'fills') {
      fill.solid = x.attr('patternType') === 'solid';
    } else if (depth === 5 && fill !== null && x.at(4) === 'patternFill' && x.at(2) === 'fills') {
      if (x.name === 'fgColor') fill.fg = colourSpec(x);
      else if (x.name === 'bgColor') fill.bg = colourSpec(x);
    } else if (depth === 4 && x.name === 'rgbColor' && x.at(3) === 'indexedColors' && x.at(2) === 'colors') {
      const rgb = x.attr('rgb') ?? '';
      const hex = rgb.length === 8 ? rgb.slice(2) : rgb;
      indexed.push(/^[0-9A-Fa-f]{6}$/.test(hex) ? `#${hex.toUpperCase()}` : '');
    }
  }
  // <colors> comes after the fills, so colours are resolved once everything is read.
  const palette: Palette = {
    theme: themeColours,
    indexed: indexed.length > 0 ? indexed.map((c, i) => c || (DEFAULT_INDEXED_COLOURS[i] ?? '')) : DEFAULT_INDEXED_COLOURS,
  };
  const fillColours = fillSpecs.map((f): string | null => {
    if (!f.solid) return null;
    // A solid fill shows its foreground; a few writers put the colour in the background alone.
    const spec = f.fg ?? f.bg;
    const colour = spec ? resolveColour(spec, palette) : null;
    return colour === WHITE || colour === '' ? null : colour;
  });
  return {
    formats: xfs.map(({ numFmtId }) => {
      const code = custom.get(numFmtId) ?? BUILTIN_NUMBER_FORMATS[numFmtId];
      if (code === undefined || code === '' || code.toLowerCase() === 'general') return null;
      return code;
    }),
    fills: xfs.map(({ fillId }) => fillColours[fillId] ?? null),
  };
}
