import { crc32 } from 'node:zlib';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { encodePng, type Rgba } from './image';
import {
  BadImageError,
  centerCrop,
  decodeImage,
  frameGlyph,
  inkBox,
  inkMap,
  prepareImage,
  resample,
  sniffImage,
  type Plane,
} from './prepare';

/** A w×h RGBA image from a per-pixel colour function. */
function rgba(w: number, h: number, f: (x: number, y: number) => [number, number, number, number]): Rgba {
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(f(x, y), (y * w + x) * 4);
  return { width: w, height: h, data };
}

/** A filled rectangle [x0,x1)×[y0,y1) as a "glyph", ink and paper colours given. */
const bar = (
  w: number,
  h: number,
  r: [number, number, number, number],
  ink: number,
  paper: number,
  alpha = 255,
): Rgba =>
  rgba(w, h, (x, y) => {
    const v = x >= r[0] && x < r[2] && y >= r[1] && y < r[3] ? ink : paper;
    return [v, v, v, alpha];
  });

describe('decodeImage', () => {
  it('reads PNG and JPEG by their magic bytes, whatever the file name', () => {
    const img = bar(20, 10, [5, 2, 15, 8], 0, 255);
    const png = encodePng(img);
    expect(sniffImage(png)).toBe('png');
    expect(decodeImage(png).width).toBe(20);
    const jpg = jpeg.encode({ width: 20, height: 10, data: img.data }, 90).data;
    expect(sniffImage(jpg)).toBe('jpeg');
    const back = decodeImage(jpg);
    expect([back.width, back.height]).toEqual([20, 10]);
    expect(back.data[(5 * 20 + 10) * 4]).toBeLessThan(40); // the dark bar survived
  });

  it('refuses other files and truncated images with a readable message', () => {
    expect(() => decodeImage(new TextEncoder().encode('hello, not an image'))).toThrow(/not a PNG or JPEG/);
    const png = encodePng(bar(20, 10, [5, 2, 15, 8], 0, 255));
    expect(() => decodeImage(png.subarray(0, 40))).toThrow(BadImageError);
    expect(() => decodeImage(png.subarray(0, 40))).toThrow(/truncated or damaged/);
  });

  it('refuses a small PNG that claims 30000×30000 from its header, before decoding', () => {
    // A real 64×64 PNG whose IHDR is rewritten (with its CRC) to claim 30000×30000.
    const png = Uint8Array.from(encodePng(bar(64, 64, [8, 8, 56, 56], 0, 255)));
    const view = new DataView(png.buffer);
    view.setUint32(16, 30_000);
    view.setUint32(20, 30_000);
    view.setUint32(29, crc32(png.subarray(12, 29)));
    expect(png.length).toBeLessThan(1024);
    const started = performance.now();
    expect(() => decodeImage(png)).toThrow(BadImageError);
    expect(() => decodeImage(png)).toThrow(
      'This image is 30000×30000 pixels; Atelier reads images of up to 64 megapixels.',
    );
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('resample', () => {
  const ramp: Plane = { width: 8, height: 8, data: Float32Array.from({ length: 64 }, (_, i) => i % 8) };

  it('shrinking averages the exact footprint (box filter)', () => {
    const out = resample(ramp, 4, 0.5, 0, 0);
    // Each output pixel covers two columns: mean of (0,1)=0.5, (2,3)=2.5, ...
    expect(Array.from(out.data.subarray(0, 4))).toEqual([0.5, 2.5, 4.5, 6.5]);
  });

  it('reads "outside" beyond the source', () => {
    const out = resample(ramp, 4, 0.5, -8, 0, 9);
    expect(out.data[0]).toBe(9);
  });

  it('identity at scale 1 with no offset', () => {
    const out = resample(ramp, 8, 1, 0, 0);
    expect(Array.from(out.data)).toEqual(Array.from(ramp.data));
  });
});

describe('inkMap', () => {
  it('dark-on-light and light-on-dark give the same ink', () => {
    const dark = inkMap(bar(40, 40, [10, 5, 30, 35], 0, 255));
    const light = inkMap(bar(40, 40, [10, 5, 30, 35], 255, 0));
    expect(Array.from(dark.data)).toEqual(Array.from(light.data));
    expect(dark.data[20 * 40 + 20]).toBe(1); // inside the bar
    expect(dark.data[0]).toBe(0); // paper
  });

  it('a transparent background makes alpha the ink, whatever the colour', () => {
    const img = rgba(30, 30, (x, y) =>
      x >= 10 && x < 20 && y >= 10 && y < 20 ? [255, 255, 255, 255] : [255, 255, 255, 0],
    );
    const ink = inkMap(img);
    expect(ink.data[15 * 30 + 15]).toBe(1);
    expect(ink.data[0]).toBe(0);
  });

  it('stretches a faint scan to full contrast', () => {
    const ink = inkMap(bar(40, 40, [10, 5, 30, 35], 150, 200));
    expect(ink.data[20 * 40 + 20]).toBeCloseTo(1, 5);
    expect(ink.data[0]).toBeCloseTo(0, 5);
  });

  it('refuses a blank image', () => {
    expect(() => inkMap(bar(40, 40, [0, 0, 0, 0], 0, 255))).toThrow(/blank/);
  });
});

describe('frameGlyph', () => {
  it('moves and scales the ink box onto the target box (height fitted, bottom and centre aligned)', () => {
    // A 100×200 bar in a 400×400 image → target box 20 px tall, bottom at 50, centred at x=32.
    const ink = inkMap(bar(400, 400, [150, 100, 250, 300], 0, 255));
    const framed = frameGlyph(ink, [27, 30, 37, 50], 64);
    const box = inkBox(framed)!;
    expect(box[1]).toBeGreaterThanOrEqual(29);
    expect(box[1]).toBeLessThanOrEqual(31);
    expect(box[3]).toBe(50);
    expect((box[0] + box[2]) / 2).toBeCloseTo(32, 0);
    expect(box[2] - box[0]).toBe(10); // aspect kept: 100:200 → 10:20
  });

  it('keeps a very wide glyph inside the frame', () => {
    const ink = inkMap(bar(400, 100, [0, 40, 400, 60], 0, 255));
    const box = inkBox(frameGlyph(ink, [20, 10, 44, 50], 64))!;
    expect(box[0]).toBeGreaterThanOrEqual(0);
    expect(box[2]).toBeLessThanOrEqual(64);
  });
});

describe('centerCrop', () => {
  it('takes the central square and shrinks it', () => {
    // 300×100: left third red, middle green, right blue → the centre square is all green.
    const img = rgba(300, 100, (x) =>
      x < 100 ? [255, 0, 0, 255] : x < 200 ? [0, 255, 0, 255] : [0, 0, 255, 255],
    );
    const [r, g, b] = centerCrop(img, 16, 3);
    expect(Math.max(...r!.data)).toBe(0);
    expect(Math.min(...g!.data)).toBe(1);
    expect(Math.max(...b!.data)).toBe(0);
  });
});

describe('prepareImage', () => {
  it('gives C×size×size values in 0..1', () => {
    const png = encodePng(bar(120, 90, [40, 20, 80, 70], 20, 230));
    const glyph = prepareImage(png, {
      preprocess: 'glyph-box',
      size: 64,
      channels: 1,
      box: [24, 14, 40, 50],
    });
    expect(glyph.length).toBe(64 * 64);
    const tex = prepareImage(png, { preprocess: 'center-crop', size: 64, channels: 3 });
    expect(tex.length).toBe(3 * 64 * 64);
    for (const v of [...glyph, ...tex]) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('refuses tiny images', () => {
    const png = encodePng(bar(3, 3, [0, 0, 1, 1], 0, 255));
    expect(() => prepareImage(png, { preprocess: 'center-crop', size: 64, channels: 3 })).toThrow(
      /too small/,
    );
  });
});
