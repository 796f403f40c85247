/**
 * Pictures for seeded reports: small flat illustrations of what residents photograph (an e-bike
 * charging in a stairwell, boxes in a pipe shaft, cars on a fire lane…), drawn here and encoded as
 * PNG with node:zlib, so the demo's case pages and inboxes show photos without shipping image files.
 */
import { deflateSync } from 'node:zlib';
import type { ReportCategory } from './content';
import { createRandom, type Random } from './content/random';

const WIDTH = 480;
const HEIGHT = 360;

type Rgb = readonly [number, number, number];

class Canvas {
  readonly pixels = new Uint8Array(WIDTH * HEIGHT * 3);

  fillRect(x: number, y: number, w: number, h: number, [r, g, b]: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(WIDTH, Math.round(x + w));
    const y1 = Math.min(HEIGHT, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++) {
      for (let xx = x0; xx < x1; xx++) {
        const i = (yy * WIDTH + xx) * 3;
        this.pixels[i] = r;
        this.pixels[i + 1] = g;
        this.pixels[i + 2] = b;
      }
    }
  }

  /** A vertical gradient, for walls and sky that do not look like flat paint. */
  gradient(y: number, h: number, top: Rgb, bottom: Rgb): void {
    for (let yy = 0; yy < h; yy++) {
      const t = yy / Math.max(1, h - 1);
      const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
      this.fillRect(0, y + yy, WIDTH, 1, [mix(top[0], bottom[0]), mix(top[1], bottom[1]), mix(top[2], bottom[2])]);
    }
  }

  disc(cx: number, cy: number, radius: number, colour: Rgb, inner = 0): void {
    for (let yy = Math.floor(cy - radius); yy <= cy + radius; yy++) {
      for (let xx = Math.floor(cx - radius); xx <= cx + radius; xx++) {
        const d = Math.hypot(xx - cx, yy - cy);
        if (d <= radius && d >= inner) this.fillRect(xx, yy, 1, 1, colour);
      }
    }
  }

  line(x0: number, y0: number, x1: number, y1: number, width: number, colour: Rgb): void {
    const steps = Math.ceil(Math.hypot(x1 - x0, y1 - y0));
    for (let s = 0; s <= steps; s++) {
      const t = s / Math.max(1, steps);
      this.disc(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, width / 2, colour);
    }
  }

  png(): Buffer {
    const raw = Buffer.alloc((WIDTH * 3 + 1) * HEIGHT);
    for (let y = 0; y < HEIGHT; y++) {
      raw[y * (WIDTH * 3 + 1)] = 0;
      Buffer.from(this.pixels.buffer, y * WIDTH * 3, WIDTH * 3).copy(raw, y * (WIDTH * 3 + 1) + 1);
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(WIDTH, 0);
    header.writeUInt32BE(HEIGHT, 4);
    header[8] = 8; // bit depth
    header[9] = 2; // truecolour RGB
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function shade([r, g, b]: Rgb, by: number): Rgb {
  const f = (v: number) => Math.max(0, Math.min(255, Math.round(v + by)));
  return [f(r), f(g), f(b)];
}

/** Stairwell: a wall, a floor, a door. */
function stairwell(c: Canvas, random: Random): void {
  const wall: Rgb = random.pick([[214, 208, 196], [200, 206, 200], [220, 214, 204]] as const);
  c.gradient(0, 250, shade(wall, 12), shade(wall, -10));
  c.gradient(250, 110, [150, 146, 140], [120, 116, 110]);
  c.fillRect(0, 246, WIDTH, 6, [96, 92, 88]);
  const doorX = random.int(20, 60);
  c.fillRect(doorX, 60, 110, 190, [120, 86, 60]);
  c.fillRect(doorX + 8, 68, 94, 182, [150, 108, 74]);
  c.disc(doorX + 88, 160, 5, [210, 180, 90]);
}

function ebike(c: Canvas, random: Random, x: number): void {
  const body: Rgb = random.pick([[40, 90, 160], [180, 40, 40], [230, 230, 230], [30, 30, 30]] as const);
  const tyre: Rgb = [30, 30, 30];
  c.disc(x, 300, 38, tyre, 26);
  c.disc(x + 170, 300, 38, tyre, 26);
  c.line(x, 300, x + 60, 240, 10, body);
  c.line(x + 60, 240, x + 150, 240, 16, body);
  c.line(x + 150, 240, x + 170, 300, 10, body);
  c.line(x + 150, 240, x + 140, 180, 8, [60, 60, 60]);
  c.line(x + 125, 178, x + 165, 178, 8, [60, 60, 60]);
  c.fillRect(x + 40, 212, 70, 18, [25, 25, 25]);
}

function scene(category: ReportCategory, random: Random): Canvas {
  const c = new Canvas();
  switch (category) {
    case '电动车入户充电': {
      stairwell(c, random);
      const x = random.int(170, 230);
      ebike(c, random, x);
      // The charging lead dangling from a window.
      c.fillRect(400, 40, 70, 60, [170, 200, 220]);
      c.line(420, 100, 410, 200, 4, [245, 120, 20]);
      c.line(410, 200, x + 110, 250, 4, [245, 120, 20]);
      c.fillRect(x + 100, 244, 22, 14, [40, 40, 40]);
      break;
    }
    case '管道井堆物': {
      c.gradient(0, 360, [205, 200, 190], [170, 166, 158]);
      c.fillRect(110, 20, 260, 330, [90, 96, 100]);
      c.fillRect(122, 32, 236, 318, [60, 62, 66]);
      c.line(200, 32, 200, 350, 14, [150, 150, 150]);
      c.line(300, 32, 300, 350, 10, [120, 140, 160]);
      for (let i = 0; i < 7; i++) {
        const w = random.int(60, 110);
        const h = random.int(40, 70);
        const brown: Rgb = shade([176, 132, 84], random.int(-25, 25));
        const x = random.int(125, 355 - w);
        const y = 350 - h - random.int(0, 140);
        c.fillRect(x, y, w, h, brown);
        c.fillRect(x, y + h / 2 - 3, w, 6, shade(brown, -40));
      }
      break;
    }
    case '消防通道堵塞': {
      c.gradient(0, 140, [170, 200, 230], [220, 232, 240]);
      c.fillRect(0, 60, 150, 110, [200, 180, 160]);
      c.fillRect(330, 40, 150, 130, [210, 190, 170]);
      c.gradient(140, 220, [110, 110, 112], [80, 80, 84]);
      // The yellow 消防通道 lane marking.
      c.line(40, 360, 200, 150, 8, [240, 200, 40]);
      c.line(440, 360, 290, 150, 8, [240, 200, 40]);
      for (let i = 0; i < 3; i++) {
        const colour: Rgb = random.pick([[200, 200, 205], [40, 40, 45], [160, 30, 30], [230, 230, 230]] as const);
        const x = 110 + i * 95 + random.int(-10, 10);
        const y = 210 + random.int(-20, 40);
        c.fillRect(x, y, 130, 55, colour);
        c.fillRect(x + 20, y - 30, 85, 32, shade(colour, -25));
        c.fillRect(x + 28, y - 24, 70, 22, [150, 190, 220]);
        c.disc(x + 28, y + 55, 14, [20, 20, 20]);
        c.disc(x + 102, y + 55, 14, [20, 20, 20]);
      }
      break;
    }
    case '车辆乱停':
    case '争车位': {
      c.gradient(0, 150, [180, 205, 230], [225, 235, 240]);
      c.fillRect(0, 70, WIDTH, 90, [205, 190, 170]);
      for (let w = 0; w < 6; w++) c.fillRect(20 + w * 78, 90, 40, 30, [150, 190, 215]);
      c.gradient(160, 200, [130, 130, 132], [100, 100, 104]);
      for (let s = 0; s < 4; s++) c.line(40 + s * 130, 360, 70 + s * 110, 180, 5, [235, 235, 235]);
      const car: Rgb = random.pick([[40, 40, 45], [190, 190, 195], [30, 70, 140]] as const);
      c.fillRect(150, 230, 170, 70, car);
      c.fillRect(180, 195, 110, 40, shade(car, -20));
      c.fillRect(188, 202, 94, 28, [150, 190, 220]);
      c.disc(185, 300, 18, [20, 20, 20]);
      c.disc(285, 300, 18, [20, 20, 20]);
      if (category === '争车位') {
        // A private parking lock and a traffic cone holding "my" space.
        c.fillRect(360, 300, 60, 14, [240, 200, 40]);
        c.line(370, 300, 400, 270, 8, [240, 200, 40]);
        c.fillRect(60, 270, 40, 50, [240, 100, 30]);
        c.fillRect(66, 288, 28, 8, [250, 250, 250]);
      }
      break;
    }
    case '噪音扰民': {
      c.gradient(0, 360, [40, 50, 80], [20, 24, 40]);
      c.fillRect(80, 40, 320, 320, [150, 140, 130]);
      for (let row = 0; row < 4; row++) {
        for (let col = 0; col < 4; col++) {
          const lit = random.chance(0.45);
          c.fillRect(100 + col * 75, 60 + row * 75, 50, 50, lit ? [250, 220, 130] : [60, 70, 90]);
        }
      }
      c.disc(420, 60, 24, [240, 240, 220]);
      break;
    }
    case '其他': {
      stairwell(c, random);
      // A dark ceiling lamp and a dim corner.
      c.disc(300, 30, 22, [90, 90, 90]);
      c.disc(300, 30, 14, [60, 60, 60]);
      c.gradient(250, 110, [90, 88, 84], [60, 58, 56]);
      c.fillRect(330, 120, 90, 120, [235, 235, 225]);
      c.fillRect(340, 132, 70, 8, [200, 40, 40]);
      c.fillRect(340, 150, 60, 6, [120, 120, 120]);
      c.fillRect(340, 164, 66, 6, [120, 120, 120]);
      break;
    }
  }
  return c;
}

export interface Picture {
  category: ReportCategory;
  variant: number;
  png: Buffer;
}

/** A few variants per category; seeded reports share them. */
export function drawPictures(variants = 3): Picture[] {
  const categories: ReportCategory[] = ['电动车入户充电', '管道井堆物', '消防通道堵塞', '车辆乱停', '争车位', '噪音扰民', '其他'];
  return categories.flatMap((category, ci) =>
    Array.from({ length: variants }, (_, variant) => ({ category, variant, png: scene(category, createRandom(1000 * ci + variant + 1)).png() })),
  );
}
