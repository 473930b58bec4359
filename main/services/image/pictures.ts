/**
 * The Image studio's small conversions around a generation: an image as the wire's RGB (previews,
 * shrunk to a side), the crisp nearest-neighbour enlargement of small images for the library's
 * thumbnails, and a record's title.
 */
import type { PixelImage } from '../../../preload/contract';
import { thumbnail, type Rgba } from '../../inference/image';

/** An image as the wire's RGB, shrunk to `maxSide` when it is larger. */
export function toWire(full: Rgba, maxSide: number): PixelImage {
  const img = Math.max(full.width, full.height) > maxSide ? thumbnail(full, maxSide) : full;
  const rgb = new Uint8Array(img.width * img.height * 3);
  for (let i = 0, j = 0; i < img.data.length; i += 4, j += 3) {
    rgb[j] = img.data[i]!;
    rgb[j + 1] = img.data[i + 1]!;
    rgb[j + 2] = img.data[i + 2]!;
  }
  return { width: img.width, height: img.height, channels: 3, pixels: rgb };
}

/** Nearest-neighbour enlargement for small images (keeps the pixels crisp in the library). */
export function enlargeNearest(img: Rgba, factor: number): Rgba {
  if (factor <= 1) return img;
  const w = img.width * factor;
  const h = img.height * factor;
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const s = ((Math.floor(y / factor) * img.width + Math.floor(x / factor)) * 4) | 0;
      data.set(img.data.subarray(s, s + 4), (y * w + x) * 4);
    }
  return { width: w, height: h, data };
}

export function title(prompt: string, seed: number): string {
  const p = prompt.trim().replace(/\s+/g, ' ');
  const t = p ? (p.length > 60 ? `${p.slice(0, 59)}…` : p) : 'Untitled';
  return `${t} · seed ${seed}`;
}
