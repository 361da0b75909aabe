import { zlibSync } from 'fflate';
import type { ChartSheetSpec, ExcelLikeContext } from './excel-like-package';
import { CONTENT_TYPE, DECL, esc, relsXml } from './excel-like-parts';

// Drawings as Excel writes them: pictures anchored to cells on a worksheet, and a
// chart sheet whose drawing holds one chart. The chart caches the values it plots,
// as Excel's do, so a program that never recalculates still draws it.

const EMU_PER_PIXEL = 9525;

/** The table of CRC-32 remainders PNG chunks are checked with. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A real PNG (RGB, 8 bits) of a pattern that varies with `seed`: each picture's
 * deflated bytes differ, so a test can find one picture's stream in the output.
 */
export function png(width: number, height: number, seed: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array): Uint8Array => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(
      [...type].map((ch) => ch.charCodeAt(0)),
      4,
    );
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const header = new Uint8Array(13);
  new DataView(header.buffer).setUint32(0, width);
  new DataView(header.buffer).setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * (1 + width * 3) + 1 + x * 3;
      raw.set([(x * 37 + seed * 71) & 0xff, (y * 53 + seed * 13) & 0xff, ((x ^ y) * 29 + seed) & 0xff], at);
    }
  }
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlibSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const drawingOpen = (ctx: ExcelLikeContext) => `${DECL}<xdr:wsDr xmlns:xdr="${ctx.d.xdr}" xmlns:a="${ctx.d.a}">`;

/** Registers a drawing of `count` pictures, each in its own PNG part; returns the drawing's number. */
export function imageParts(count: number, ctx: ExcelLikeContext): number {
  const n = ++ctx.counters.drawing;
  const anchors: string[] = [];
  const rels: { id: string; type: string; target: string }[] = [];
  for (let i = 0; i < count; i++) {
    const image = ++ctx.counters.image;
    const size = 24 + 8 * i;
    ctx.files.set(`xl/media/image${image}.png`, png(size, size, image));
    rels.push({ id: `rId${i + 1}`, type: ctx.d.rel('image'), target: `../media/image${image}.png` });
    const col = 4 + 2 * i;
    anchors.push(
      `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:to><xdr:col>${col + 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>3</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
        `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${i + 2}" name="Picture ${i + 1}"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>` +
        `<xdr:blipFill><a:blip xmlns:r="${ctx.d.r}" r:embed="rId${i + 1}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>` +
        `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${size * EMU_PER_PIXEL}" cy="${size * EMU_PER_PIXEL}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:twoCellAnchor>`,
    );
  }
  ctx.defaults.set('png', 'image/png');
  ctx.files.set(`xl/drawings/drawing${n}.xml`, `${drawingOpen(ctx)}${anchors.join('')}</xdr:wsDr>`);
  ctx.files.set(`xl/drawings/_rels/drawing${n}.xml.rels`, relsXml(rels));
  ctx.overrides.set(`/xl/drawings/drawing${n}.xml`, CONTENT_TYPE.drawing);
  return n;
}

/** A sheet name as a formula spells it: quoted unless it is a plain word. */
function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function chartXml(spec: ChartSheetSpec['chart'], ctx: ExcelLikeContext): string {
  const n = spec.categories.length;
  const ref = (col: string, from: number, to: number) => `${sheetRef(spec.sheet)}!$${col}$${from}${to > from ? `:$${col}$${to}` : ''}`;
  const pts = (values: (string | number)[]) => values.map((v, i) => `<c:pt idx="${i}"><c:v>${esc(String(v))}</c:v></c:pt>`).join('');
  const axis = (tag: string, id: number, cross: number, pos: string, extra: string) =>
    `<c:${tag}><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${pos}"/>` +
    `${tag === 'valAx' ? '<c:majorGridlines/>' : ''}<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="${cross}"/><c:crosses val="autoZero"/>${extra}</c:${tag}>`;
  return (
    `${DECL}<c:chartSpace xmlns:c="${ctx.d.c}" xmlns:a="${ctx.d.a}" xmlns:r="${ctx.d.r}"><c:date1904 val="${ctx.date1904 ? 1 : 0}"/><c:lang val="en-US"/><c:roundedCorners val="0"/>` +
    `<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-GB"/><a:t>${esc(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>${ref('B', 1, 1)}</c:f><c:strCache><c:ptCount val="1"/>${pts([spec.series])}</c:strCache></c:strRef></c:tx>` +
    '<c:invertIfNegative val="0"/>' +
    `<c:cat><c:strRef><c:f>${ref('A', 2, n + 1)}</c:f><c:strCache><c:ptCount val="${n}"/>${pts(spec.categories)}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${ref('B', 2, n + 1)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${n}"/>${pts(spec.values)}</c:numCache></c:numRef></c:val></c:ser>` +
    '<c:gapWidth val="219"/><c:overlap val="-27"/><c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>' +
    axis('catAx', 500000001, 500000002, 'b', '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/>') +
    axis('valAx', 500000002, 500000001, 'l', '<c:crossBetween val="between"/>') +
    '</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
  );
}

/** Registers a chart sheet's drawing and chart parts and returns the chart sheet's own XML. */
export function chartsheetParts(s: ChartSheetSpec, selected: boolean, ctx: ExcelLikeContext, part: string): string {
  const drawing = ++ctx.counters.drawing;
  const chart = ++ctx.counters.chart;
  ctx.files.set(`xl/charts/chart${chart}.xml`, chartXml(s.chart, ctx));
  ctx.overrides.set(`/xl/charts/chart${chart}.xml`, CONTENT_TYPE.chart);
  ctx.files.set(
    `xl/drawings/drawing${drawing}.xml`,
    `${drawingOpen(ctx)}<xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="9309100" cy="6073775"/>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${ctx.d.c}"><c:chart xmlns:c="${ctx.d.c}" xmlns:r="${ctx.d.r}" r:id="rId1"/></a:graphicData></a:graphic>` +
      '</xdr:graphicFrame><xdr:clientData/></xdr:absoluteAnchor></xdr:wsDr>',
  );
  ctx.files.set(
    `xl/drawings/_rels/drawing${drawing}.xml.rels`,
    relsXml([{ id: 'rId1', type: ctx.d.rel('chart'), target: `../charts/chart${chart}.xml` }]),
  );
  ctx.overrides.set(`/xl/drawings/drawing${drawing}.xml`, CONTENT_TYPE.drawing);
  ctx.files.set(
    part.replace('chartsheets/', 'chartsheets/_rels/') + '.rels',
    relsXml([{ id: 'rId1', type: ctx.d.rel('drawing'), target: `../drawings/drawing${drawing}.xml` }]),
  );
  return (
    `${DECL}<chartsheet xmlns="${ctx.d.main}" xmlns:r="${ctx.d.r}"><sheetPr/><sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} zoomScale="120" workbookViewId="0" zoomToFit="1"/></sheetViews>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/></chartsheet>'
  );
}
