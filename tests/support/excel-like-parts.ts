// The parts of a package that Excel writes the same way whatever the workbook holds:
// namespaces (Transitional or Strict), the theme, the default stylesheet and the
// document properties. excel-like.ts puts them together with the sheets.

export const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

/** The namespaces and relationship types of one flavour of OOXML. */
export interface Dialect {
  strict: boolean;
  main: string;
  r: string;
  /** A relationship type by its short name (`worksheet`, `styles`, `extendedProperties` …). */
  rel: (kind: string) => string;
  a: string;
  xdr: string;
  c: string;
  extended: string;
  vt: string;
}

const TRANSITIONAL_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
// Transitional spells this one type with a hyphen; Strict, like every other, in camel case.
const TRANSITIONAL_NAMES: Record<string, string> = { extendedProperties: 'extended-properties' };

export const TRANSITIONAL: Dialect = {
  strict: false,
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  r: TRANSITIONAL_R,
  rel: (kind) => `${TRANSITIONAL_R}/${TRANSITIONAL_NAMES[kind] ?? kind}`,
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  extended: 'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties',
  vt: 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes',
};

const STRICT_R = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

export const STRICT: Dialect = {
  strict: true,
  main: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  r: STRICT_R,
  rel: (kind) => `${STRICT_R}/${kind}`,
  a: 'http://purl.oclc.org/ooxml/drawingml/main',
  xdr: 'http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing',
  c: 'http://purl.oclc.org/ooxml/drawingml/chart',
  extended: 'http://purl.oclc.org/ooxml/officeDocument/extendedProperties',
  vt: 'http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes',
};

// Both flavours keep these: the package layer is the same in Strict.
export const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const CORE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties';
export const CONTENT_TYPES = 'http://schemas.openxmlformats.org/package/2006/content-types';

const CT = 'application/vnd.openxmlformats-officedocument';
export const CONTENT_TYPE = {
  workbook: `${CT}.spreadsheetml.sheet.main+xml`,
  worksheet: `${CT}.spreadsheetml.worksheet+xml`,
  chartsheet: `${CT}.spreadsheetml.chartsheet+xml`,
  theme: `${CT}.theme+xml`,
  styles: `${CT}.spreadsheetml.styles+xml`,
  sharedStrings: `${CT}.spreadsheetml.sharedStrings+xml`,
  calcChain: `${CT}.spreadsheetml.calcChain+xml`,
  table: `${CT}.spreadsheetml.table+xml`,
  drawing: `${CT}.drawing+xml`,
  chart: `${CT}.drawingml.chart+xml`,
  core: 'application/vnd.openxmlformats-package.core-properties+xml',
  app: `${CT}.extended-properties+xml`,
} as const;

/** The extension namespaces Excel 365 declares on its parts, so readers meet mc:Ignorable as they do in real files. */
export const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
export const X14AC = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac';
export const XR = 'http://schemas.microsoft.com/office/spreadsheetml/2014/revision';
export const XR2 = 'http://schemas.microsoft.com/office/spreadsheetml/2015/revision2';
export const XR3 = 'http://schemas.microsoft.com/office/spreadsheetml/2016/revision3';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Text as Excel stores it: control characters other than tab and line feed become
 * `_xHHHH_`, and an underscore that would otherwise start such an escape is itself
 * escaped (`_x005F_`), so a literal "_x000D_" survives the round trip.
 */
export function excelText(s: string): string {
  return esc(
    s
      .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
      // eslint-disable-next-line no-control-regex -- control characters are what Excel escapes.
      .replace(/[\u0000-\u0008\u000B-\u001F]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`),
  );
}

/** `<t>`, with xml:space="preserve" where Excel adds it: around leading or trailing blanks. */
export function textElement(s: string): string {
  const preserve = /^\s|\s$/.test(s) ? ' xml:space="preserve"' : '';
  return `<t${preserve}>${excelText(s)}</t>`;
}

export function relsXml(rels: { id: string; type: string; target: string }[]): string {
  const items = rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`);
  return `${DECL}<Relationships xmlns="${PKG_RELS}">${items.join('')}</Relationships>`;
}

/** A deterministic GUID-shaped id for the xr:uid attributes Excel writes. */
export function uid(seed: number): string {
  const hex = (seed * 2654435761 + 0x9e3779b9).toString(16).toUpperCase().padStart(8, '0').slice(-8);
  return `{${hex}-0000-4000-8000-${hex.padStart(12, '0')}}`;
}

// ---------------------------------------------------------------------------
// The theme: the Office theme's colours, fonts and format scheme, cut to the
// elements the schema requires (Excel's own has script fonts and effects on top).

export function themeXml(d: Dialect): string {
  const clr = (name: string, inner: string) => `<a:${name}>${inner}</a:${name}>`;
  const rgb = (v: string) => `<a:srgbClr val="${v}"/>`;
  const colours =
    clr('dk1', '<a:sysClr val="windowText" lastClr="000000"/>') +
    clr('lt1', '<a:sysClr val="window" lastClr="FFFFFF"/>') +
    clr('dk2', rgb('44546A')) +
    clr('lt2', rgb('E7E6E6')) +
    ['4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47'].map((v, i) => clr(`accent${i + 1}`, rgb(v))).join('') +
    clr('hlink', rgb('0563C1')) +
    clr('folHlink', rgb('954F72'));
  const font = (latin: string) => `<a:latin typeface="${latin}"/><a:ea typeface=""/><a:cs typeface=""/>`;
  const solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';
  const line = (w: number) =>
    `<a:ln w="${w}" cap="flat" cmpd="sng" algn="ctr">${solid}<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>`;
  const effect = '<a:effectStyle><a:effectLst/></a:effectStyle>';
  return (
    `${DECL}<a:theme xmlns:a="${d.a}" name="Office Theme"><a:themeElements>` +
    `<a:clrScheme name="Office">${colours}</a:clrScheme>` +
    `<a:fontScheme name="Office"><a:majorFont>${font('Calibri Light')}</a:majorFont><a:minorFont>${font('Calibri')}</a:minorFont></a:fontScheme>` +
    `<a:fmtScheme name="Office"><a:fillStyleLst>${solid}${solid}${solid}</a:fillStyleLst>` +
    `<a:lnStyleLst>${line(6350)}${line(12700)}${line(19050)}</a:lnStyleLst>` +
    `<a:effectStyleLst>${effect}${effect}${effect}</a:effectStyleLst>` +
    `<a:bgFillStyleLst>${solid}${solid}${solid}</a:bgFillStyleLst></a:fmtScheme>` +
    `</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>`
  );
}

// ---------------------------------------------------------------------------
// The stylesheet of a new Excel workbook, with one cell format per number format
// the sheets use (Excel adds them the same way, after the default).

/** Number formats Excel writes by id rather than as a custom code. */
const BUILT_IN_FORMATS: Record<string, number> = {
  '0': 1,
  '0.00': 2,
  '0%': 9,
  '0.00%': 10,
  'mm-dd-yy': 14,
  'd-mmm-yy': 15,
  'h:mm': 20,
  'm/d/yy h:mm': 22,
  '@': 49,
};

export class StyleBook {
  private readonly codes: string[] = [];

  /** The cell format index (the `s` attribute) for a number format. */
  indexOf(format: string): number {
    let i = this.codes.indexOf(format);
    if (i < 0) i = this.codes.push(format) - 1;
    return i + 1;
  }

  xml(d: Dialect): string {
    const custom = this.codes.filter((c) => BUILT_IN_FORMATS[c] === undefined);
    const idOf = (c: string) => BUILT_IN_FORMATS[c] ?? 164 + custom.indexOf(c);
    const numFmts = custom.length
      ? `<numFmts count="${custom.length}">${custom.map((c) => `<numFmt numFmtId="${idOf(c)}" formatCode="${esc(c)}"/>`).join('')}</numFmts>`
      : '';
    const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'].concat(
      this.codes.map((c) => `<xf numFmtId="${idOf(c)}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`),
    );
    return (
      `${DECL}<styleSheet xmlns="${d.main}" xmlns:mc="${MC}" mc:Ignorable="x14ac x16r2 xr" xmlns:x14ac="${X14AC}" ` +
      `xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main" xmlns:xr="${XR}">${numFmts}` +
      '<fonts count="1" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
    );
  }
}

// ---------------------------------------------------------------------------
// Document properties, with the fixed author and times a test needs to be repeatable.

export function appXml(d: Dialect, worksheets: string[], charts: string[]): string {
  const pairs: string[] = [];
  if (worksheets.length)
    pairs.push(`<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${worksheets.length}</vt:i4></vt:variant>`);
  if (charts.length)
    pairs.push(`<vt:variant><vt:lpstr>Charts</vt:lpstr></vt:variant><vt:variant><vt:i4>${charts.length}</vt:i4></vt:variant>`);
  const titles = worksheets.concat(charts);
  return (
    `${DECL}<Properties xmlns="${d.extended}" xmlns:vt="${d.vt}"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
    `<HeadingPairs><vt:vector size="${pairs.length * 2}" baseType="variant">${pairs.join('')}</vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${titles.length}" baseType="lpstr">${titles.map((t) => `<vt:lpstr>${esc(t)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
    '<Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>'
  );
}

export function coreXml(): string {
  return (
    `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    '<dc:creator>Ragbook tests</dc:creator><cp:lastModifiedBy>Ragbook tests</cp:lastModifiedBy>' +
    '<dcterms:created xsi:type="dcterms:W3CDTF">2025-06-30T09:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2025-09-30T16:30:00Z</dcterms:modified></cp:coreProperties>'
  );
}
