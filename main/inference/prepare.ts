/**
 * A user's image brought to the framing a latent model was trained on, inside the inference
 * process (decoding a large PNG or JPEG is heavy work main must not do). Decoding uses pngjs
 * and jpeg-js; the resampling is an exact box filter over a summed-area table when shrinking
 * and bilinear when enlarging. Pure functions, unit-tested.
 */
import jpeg from 'jpeg-js';
import { decodePng, type Rgba } from './image';

export class BadImageError extends Error {}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MAX_MEGAPIXELS = 64;

export function sniffImage(bytes: Uint8Array): 'png' | 'jpeg' | null {
  if (PNG_MAGIC.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

/**
 * The size a PNG declares in its header (the IHDR chunk right after the signature), or null.
 * Read before decoding: a small file can claim 30000×30000 and inflate to gigabytes.
 */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const tooLarge = (width: number, height: number): BadImageError =>
  new BadImageError(
    `This image is ${width}×${height} pixels; Atelier reads images of up to ${MAX_MEGAPIXELS} megapixels.`,
  );

/** PNG or JPEG bytes to RGBA, or a `BadImageError` a person can read. */
export function decodeImage(bytes: Uint8Array): Rgba {
  const kind = sniffImage(bytes);
  if (!kind) throw new BadImageError('This file is not a PNG or JPEG image.');
  const declared = kind === 'png' ? pngSize(bytes) : null;
  if (declared && declared.width * declared.height > MAX_MEGAPIXELS * 1e6)
    throw tooLarge(declared.width, declared.height);
  try {
    if (kind === 'png') {
      const png = decodePng(bytes);
      if (png.width * png.height > MAX_MEGAPIXELS * 1e6) throw new BadImageError('too large');
      return png;
    }
    const jpg = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_MEGAPIXELS,
      maxMemoryUsageInMB: 1024,
    });
    return { width: jpg.width, height: jpg.height, data: jpg.data };
  } catch (e) {
    if (e instanceof BadImageError && e.message === 'too large')
      throw new BadImageError(`This image is larger than ${MAX_MEGAPIXELS} megapixels.`);
    throw new BadImageError(
      `This ${kind === 'png' ? 'PNG' : 'JPEG'} file could not be read (${(e as Error).message}); it may be truncated or damaged.`,
    );
  }
}

/** A single-channel float map. */
export interface Plane {
  width: number;
  height: number;
  data: Float32Array;
}

/** Summed-area table with a zero first row/column, read with bilinear interpolation. */
function integral(p: Plane): (x: number, y: number) => number {
  const W = p.width + 1;
  const H = p.height + 1;
  const sat = new Float64Array(W * H);
  for (let y = 1; y < H; y++) {
    let row = 0;
    for (let x = 1; x < W; x++) {
      row += p.data[(y - 1) * p.width + (x - 1)]!;
      sat[y * W + x] = sat[(y - 1) * W + x]! + row;
    }
  }
  return (x, y) => {
    const cx = Math.min(Math.max(x, 0), p.width);
    const cy = Math.min(Math.max(y, 0), p.height);
    const x0 = Math.min(Math.floor(cx), p.width - 1);
    const y0 = Math.min(Math.floor(cy), p.height - 1);
    const tx = cx - x0;
    const ty = cy - y0;
    const a = sat[y0 * W + x0]!;
    const b = sat[y0 * W + x0 + 1]!;
    const c = sat[(y0 + 1) * W + x0]!;
    const d = sat[(y0 + 1) * W + x0 + 1]!;
    return a * (1 - tx) * (1 - ty) + b * tx * (1 - ty) + c * (1 - tx) * ty + d * tx * ty;
  };
}

function bilinear(p: Plane, x: number, y: number, outside: number): number {
  const fx = x - 0.5;
  const fy = y - 0.5;
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const tx = fx - x0;
  const ty = fy - y0;
  const at = (xx: number, yy: number): number =>
    xx < 0 || yy < 0 || xx >= p.width || yy >= p.height ? outside : p.data[yy * p.width + xx]!;
  return (
    at(x0, y0) * (1 - tx) * (1 - ty) +
    at(x0 + 1, y0) * tx * (1 - ty) +
    at(x0, y0 + 1) * (1 - tx) * ty +
    at(x0 + 1, y0 + 1) * tx * ty
  );
}

/**
 * Resamples `src` into a `size`×`size` frame where output pixel centre (u, v) comes from source
 * point (ox + u / scale, oy + v / scale). Shrinking averages the exact source footprint (box
 * filter); enlarging interpolates. Outside the source reads `outside`.
 */
export function resample(
  src: Plane,
  size: number,
  scale: number,
  ox: number,
  oy: number,
  outside = 0,
): Plane {
  const out = new Float32Array(size * size);
  const foot = 1 / scale;
  if (foot > 1) {
    const S = integral(src);
    const inside = (x0: number, y0: number, x1: number, y1: number): number =>
      Math.max(0, Math.min(x1, src.width) - Math.max(x0, 0)) *
      Math.max(0, Math.min(y1, src.height) - Math.max(y0, 0));
    for (let v = 0; v < size; v++) {
      const y0 = oy + v * foot;
      const y1 = y0 + foot;
      for (let u = 0; u < size; u++) {
        const x0 = ox + u * foot;
        const x1 = x0 + foot;
        const area = foot * foot;
        const covered = inside(x0, y0, x1, y1);
        const sum = S(x1, y1) - S(x0, y1) - S(x1, y0) + S(x0, y0);
        out[v * size + u] = (sum + (area - covered) * outside) / area;
      }
    }
  } else {
    for (let v = 0; v < size; v++)
      for (let u = 0; u < size; u++)
        out[v * size + u] = bilinear(src, ox + (u + 0.5) * foot, oy + (v + 0.5) * foot, outside);
  }
  return { width: size, height: size, data: out };
}

const luminance = (d: Uint8Array, i: number): number =>
  (0.2126 * d[i]! + 0.7152 * d[i + 1]! + 0.0722 * d[i + 2]!) / 255;

function percentile(values: Float32Array, q: number): number {
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
}

/**
 * An ink map (1 = ink, 0 = paper) from any drawing of a glyph: dark on light or light on dark,
 * with or without alpha. A transparent background makes the alpha channel the ink; otherwise
 * the border's brightness says which side is paper, and the contrast is stretched so faint
 * scans and anti-aliased renders look alike.
 */
export function inkMap(img: Rgba): Plane {
  const n = img.width * img.height;
  const out = new Float32Array(n);
  let transparent = 0;
  for (let i = 0; i < n; i++) if (img.data[i * 4 + 3]! < 128) transparent++;
  if (transparent >= 0.05 * n) {
    for (let i = 0; i < n; i++) out[i] = img.data[i * 4 + 3]! / 255;
    return { width: img.width, height: img.height, data: out };
  }
  for (let i = 0; i < n; i++) out[i] = luminance(img.data, i * 4);
  // The border is paper: if it is light, ink is dark.
  const border: number[] = [];
  const { width: w, height: h } = img;
  const ring = Math.max(1, Math.round(Math.min(w, h) * 0.02));
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (x < ring || y < ring || x >= w - ring || y >= h - ring) border.push(out[y * w + x]!);
  border.sort((a, b) => a - b);
  const paper = border[border.length >> 1] ?? 1;
  if (paper > 0.5) for (let i = 0; i < n; i++) out[i] = 1 - out[i]!;
  const lo = Math.min(percentile(out, 0.05), paper > 0.5 ? 1 - paper : paper);
  const hi = percentile(out, 0.995);
  const span = hi - lo;
  if (span < 0.1) throw new BadImageError('No glyph found: the image is blank or has almost no contrast.');
  for (let i = 0; i < n; i++) out[i] = Math.min(1, Math.max(0, (out[i]! - lo) / span));
  return { width: w, height: h, data: out };
}

export type Box = readonly [number, number, number, number];

/** Bounding box [x0, y0, x1, y1) of the pixels above `threshold`, or null. */
export function inkBox(p: Plane, threshold = 0.5): Box | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < p.height; y++)
    for (let x = 0; x < p.width; x++)
      if (p.data[y * p.width + x]! > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  return x1 < 0 ? null : [x0, y0, x1 + 1, y1 + 1];
}

/**
 * The glyph framed like the training data: its ink box scaled (uniformly, fitted to the target
 * box's height, at most `maxWidth` wide) and moved onto `target`, the mean box of that character
 * over the training fonts: centred on the box's centre, bottom on the box's bottom.
 */
export function frameGlyph(ink: Plane, target: Box, size: number, maxWidth = size - 2): Plane {
  const box = inkBox(ink);
  if (!box) throw new BadImageError('No glyph found: nothing in the image stands out from its background.');
  const [sx0, sy0, sx1, sy1] = box;
  const [tx0, , tx1, ty1] = target;
  let scale = (target[3] - target[1]) / (sy1 - sy0);
  if (scale * (sx1 - sx0) > maxWidth) scale = maxWidth / (sx1 - sx0);
  const cx = (tx0 + tx1) / 2;
  // Output (u, v) ← source (ox + u/scale, oy + v/scale), with the box centre → cx and bottom → ty1.
  const ox = (sx0 + sx1) / 2 - cx / scale;
  const oy = sy1 - ty1 / scale;
  return resample(ink, size, scale, ox, oy, 0);
}

/** The largest central square, shrunk (box filter) or enlarged to `size`, as C planes in 0..1. */
export function centerCrop(img: Rgba, size: number, channels: 1 | 3): Plane[] {
  const side = Math.min(img.width, img.height);
  const ox = (img.width - side) / 2;
  const oy = (img.height - side) / 2;
  const n = img.width * img.height;
  const planes: Plane[] = [];
  for (let c = 0; c < channels; c++) {
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const a = img.data[i * 4 + 3]! / 255;
      // Transparent pixels read as white paper.
      const v = channels === 1 ? luminance(img.data, i * 4) : img.data[i * 4 + c]! / 255;
      data[i] = v * a + (1 - a);
    }
    planes.push(resample({ width: img.width, height: img.height, data }, size, size / side, ox, oy, 1));
  }
  return planes;
}

export interface PrepareSpec {
  preprocess: 'glyph-box' | 'center-crop';
  size: number;
  channels: 1 | 3;
  /** glyph-box: where the character sits in the training frame. */
  box?: Box;
}

/** Image bytes to the model's input tensor data [C, size, size] in 0..1. */
export function prepareImage(bytes: Uint8Array, spec: PrepareSpec): Float32Array {
  const img = decodeImage(bytes);
  if (img.width < 4 || img.height < 4)
    throw new BadImageError('This image is too small to encode (under 4 px).');
  const planes =
    spec.preprocess === 'glyph-box'
      ? [frameGlyph(inkMap(img), spec.box ?? [8, 8, spec.size - 8, spec.size - 8], spec.size)]
      : centerCrop(img, spec.size, spec.channels);
  const out = new Float32Array(planes.length * spec.size * spec.size);
  planes.forEach((p, c) => out.set(p.data, c * spec.size * spec.size));
  // Summed-area differences can stray a rounding error outside 0..1.
  for (let i = 0; i < out.length; i++) out[i] = Math.min(1, Math.max(0, out[i]!));
  return out;
}
