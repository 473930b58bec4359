/** Test helpers: a tiny ImageFolder written with pngjs and jpeg-js into a temp dir. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { Rng } from '../../../preload/rng';
import type { Rgba } from '../../inference/image';

/** A w×h opaque picture of smooth colour ramps plus seeded noise: distinct per seed. */
export function picture(w: number, h: number, seed: number): Rgba {
  const rng = new Rng(seed);
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      data[i] = (x * 255) / w;
      data[i + 1] = (y * 255) / h;
      data[i + 2] = rng.nextU32() & 0xff;
      data[i + 3] = 255;
    }
  return { width: w, height: h, data };
}

export function pngBytes(img: Rgba): Buffer {
  const png = new PNG({ width: img.width, height: img.height });
  png.data = Buffer.from(img.data);
  return PNG.sync.write(png);
}

export const jpegBytes = (img: Rgba): Buffer => jpeg.encode({ ...img, data: Buffer.from(img.data) }, 90).data;

export function put(root: string, rel: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), bytes);
}

export const tempRoot = (): string => mkdtempSync(join(tmpdir(), 'atelier-datasets-'));

/**
 * train/{cat,dog}/ with 2 PNGs and a JPEG each, a test split, a hidden file, a text file and
 * a truncated PNG. Returns the input root.
 */
export function tinyImageFolder(root: string): string {
  const input = join(root, 'input');
  let seed = 1;
  for (const label of ['cat', 'dog']) {
    put(input, `train/${label}/a.png`, pngBytes(picture(12, 10, seed++)));
    put(input, `train/${label}/b.png`, pngBytes(picture(10, 12, seed++)));
    put(input, `train/${label}/c.jpg`, jpegBytes(picture(16, 16, seed++)));
    put(input, `test/${label}/t.png`, pngBytes(picture(12, 12, seed++)));
  }
  put(input, 'train/cat/.DS_Store', 'x');
  put(input, 'train/dog/notes.txt', 'not an image');
  put(input, 'train/dog/broken.png', pngBytes(picture(12, 12, 99)).subarray(0, 60));
  return input;
}
