// Writes public/icons/icon-{16,32,48,128}.png: a blue rounded square with an up and a down arrow (sent / received).
// Run once by hand (`node scripts/make-icons.mjs`); the PNGs are committed.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x / size, y / size), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const inRoundedSquare = (x, y) => {
  const r = 0.2, cx = Math.min(Math.max(x, r), 1 - r), cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
// Up arrow on the left half, down arrow on the right half.
const arrow = (x, y, cx, up) => {
  const dy = up ? y : 1 - y;
  const head = dy >= 0.2 && dy <= 0.45 && Math.abs(x - cx) <= (dy - 0.2) * 0.8;
  const shaft = dy > 0.4 && dy <= 0.8 && Math.abs(x - cx) <= 0.06;
  return head || shaft;
};
mkdirSync('public/icons', { recursive: true });
for (const size of [16, 32, 48, 128]) {
  const data = png(size, (x, y) => {
    if (!inRoundedSquare(x, y)) return [0, 0, 0, 0];
    if (arrow(x, y, 0.33, true) || arrow(x, y, 0.67, false)) return [255, 255, 255, 255];
    return [26, 115, 232, 255];
  });
  writeFileSync(`public/icons/icon-${size}.png`, data);
}
