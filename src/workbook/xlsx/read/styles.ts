import { END, OPEN, XmlReader } from '../opc/xml-reader';

// Number formats are all Ragbook needs from styles.xml: a number under a date
// format is a date. A cell's style index points into <cellXfs>; each xf names a
// number format, either one of Excel's built-ins (which the file does not spell
// out) or one of the file's own <numFmts>.

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

/** The number format code of each cell style (index = the cell's `s`), null for General. */
export function readCellFormats(bytes: Uint8Array | undefined): (string | null)[] {
  if (!bytes) return [];
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  const x = new XmlReader(bytes);
  for (let t = x.next(); t !== END; t = x.next()) {
    if (t !== OPEN || x.depth !== 3) continue;
    const parent = x.at(2);
    if (x.name === 'numFmt' && parent === 'numFmts') {
      const id = Number(x.attr('numFmtId'));
      const code = x.attr('formatCode');
      if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
    } else if (x.name === 'xf' && parent === 'cellXfs') {
      const id = Number(x.attr('numFmtId') ?? 0);
      xfIds.push(Number.isInteger(id) ? id : 0);
    }
  }
  return xfIds.map((id) => {
    const code = custom.get(id) ?? BUILTIN_NUMBER_FORMATS[id];
    if (code === undefined || code === '' || code.toLowerCase() === 'general') return null;
    return code;
  });
}
