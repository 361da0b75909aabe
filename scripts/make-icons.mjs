// Draws Ragbook's icons into assets/: a white rounded square with a navy border,
// three RAG bars (red, amber, green) and a blue tick. Pure Node: shapes are
// distance functions, each pixel is supersampled 5×5, and the PNG is written by
// hand (IHDR, one zlib-deflated IDAT, IEND).
//
//   node scripts/make-icons.mjs          writes assets/icon-{16,32,64,80,128}.png
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZES = [16, 32, 64, 80, 128];
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
// Signed distances in a unit square (negative inside).
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const qx = Math.abs(x - (x0 + x1) / 2) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - (y0 + y1) / 2) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const capsule = (ax, ay, bx, by, r) => (x, y) => {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy) - r;
};
const union =
  (...fs) =>
  (x, y) =>
    Math.min(...fs.map((f) => f(x, y)));
const tick = (r) => union(capsule(0.5, 0.66, 0.63, 0.79, r), capsule(0.63, 0.79, 0.87, 0.5, r));

// Painted in order; the last shape that contains a sample gives its colour.
const LAYERS = [
  [roundRect(0.03, 0.03, 0.97, 0.97, 0.17), hex('#1F3864')], // border
  [roundRect(0.09, 0.09, 0.91, 0.91, 0.12), hex('#FFFFFF')], // face
  [capsule(0.24, 0.27, 0.7, 0.27, 0.075), hex('#C00000')], // red bar
  [capsule(0.24, 0.47, 0.56, 0.47, 0.075), hex('#FFC000')], // amber bar
  [capsule(0.24, 0.67, 0.4, 0.67, 0.075), hex('#1E7B34')], // green bar
  [tick(0.105), hex('#FFFFFF')], // halo that keeps the tick off the bars
  [tick(0.06), hex('#1F6FD0')], // blue tick
];

function draw(size, ss = 5) {
  const px = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const u = (x + (sx + 0.5) / ss) / size;
          const v = (y + (sy + 0.5) / ss) / size;
          const hit = LAYERS.findLast(([f]) => f(u, v) <= 0);
          if (!hit) continue;
          r += hit[1][0];
          g += hit[1][1];
          b += hit[1][2];
          a += 1;
        }
      }
      const i = (y * size + x) * 4;
      // Colours averaged over covered samples only (straight alpha), coverage as alpha.
      if (a) [px[i], px[i + 1], px[i + 2]] = [r / a, g / a, b / a].map(Math.round);
      px[i + 3] = Math.round((255 * a) / (ss * ss));
    }
  }
  return px;
}

const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
for (const size of SIZES) {
  const file = join(OUT, `icon-${size}.png`);
  writeFileSync(file, png(size, draw(size)));
  console.log(`wrote ${file}`);
}
