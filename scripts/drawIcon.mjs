// Draws the extension's icon, images/icon.png (128×128): a blue rounded square holding TOML's brackets
// around three "key = value" lines. Plain Node (zlib for the PNG), 4×4 supersampled for smooth edges.
// Run: node scripts/drawIcon.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4;

const rgba = (hex, a = 1) => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16), a];

/** Signed distance to a rounded rectangle centred at (cx, cy) with half sizes (hw, hh) and corner radius r. */
function roundRect(x, y, cx, cy, hw, hh, r) {
  const dx = Math.abs(x - cx) - (hw - r);
  const dy = Math.abs(y - cy) - (hh - r);
  return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
}

/** The shapes, back to front: [inside(x, y), colour(x, y)]. Coordinates in icon pixels. */
const shapes = [
  // Background: a rounded square, dark navy at the bottom to azure at the top.
  [(x, y) => roundRect(x, y, 64, 64, 62, 62, 22) <= 0, (x, y) => {
    const t = y / SIZE;
    const top = rgba('#1f7bd1');
    const bottom = rgba('#0f3d66');
    return top.map((c, i) => (i < 3 ? c + (bottom[i] - c) * t : 1));
  }],
  // Left bracket [ and right bracket ].
  ...[[26, 1], [102, -1]].flatMap(([x0, dir]) => [
    [(x, y) => roundRect(x, y, x0, 64, 4, 36, 2) <= 0, () => rgba('#ffffff')],
    [(x, y) => roundRect(x, y, x0 + dir * 8, 30, 10, 4, 2) <= 0, () => rgba('#ffffff')],
    [(x, y) => roundRect(x, y, x0 + dir * 8, 98, 10, 4, 2) <= 0, () => rgba('#ffffff')],
  ]),
  // Three "key = value" lines: a key bar, an orange "=", a value bar.
  ...[46, 64, 82].flatMap((cy, i) => {
    const keyW = [10, 7, 9][i];
    const valW = [9, 12, 7][i];
    return [
      [(x, y) => roundRect(x, y, 38 + keyW, cy, keyW, 3.5, 3.5) <= 0, () => rgba('#dbeafe')],
      [(x, y) => roundRect(x, y, 38 + 2 * keyW + 9, cy - 3, 4.5, 1.6, 1.6) <= 0 || roundRect(x, y, 38 + 2 * keyW + 9, cy + 3, 4.5, 1.6, 1.6) <= 0, () => rgba('#ffb547')],
      [(x, y) => roundRect(x, y, 38 + 2 * keyW + 18 + valW, cy, valW, 3.5, 3.5) <= 0, () => rgba('#ffffff')],
    ];
  }),
];

const pixels = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const x = px + (sx + 0.5) / SS;
        const y = py + (sy + 0.5) / SS;
        let c = [0, 0, 0, 0];
        for (const [inside, colour] of shapes) if (inside(x, y)) c = colour(x, y);
        // Premultiplied accumulation.
        acc = acc.map((v, i) => v + (i < 3 ? c[i] * c[3] : c[3]));
      }
    }
    const n = SS * SS;
    const a = acc[3] / n;
    const o = (py * SIZE + px) * 4;
    for (let i = 0; i < 3; i++) pixels[o + i] = a > 0 ? Math.round(acc[i] / n / a) : 0;
    pixels[o + 3] = Math.round(a * 255);
  }
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) pixels.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync('images', { recursive: true });
writeFileSync('images/icon.png', png);
console.log(`images/icon.png: ${png.length} bytes`);
