/**
 * Classic augmentations, the baseline every generative method is measured against: horizontal
 * flip, random resized crop and colour jitter, with torchvision's semantics where it has them.
 * Pure functions on RGBA bytes; every random choice comes from the `Rng` passed in, so the same
 * seed gives the same bytes on every machine. Alpha is carried through untouched.
 */
import { z } from 'zod';
import { Rng } from '../../../preload/rng';
import type { Rgba } from '../../inference/image';

export const ClassicParams = z
  .object({
    /** Probability of a horizontal flip (0 = never, 1 = always). */
    flip: z
      .number()
      .min(0, 'flip probability must be between 0 and 1')
      .max(1, 'flip probability must be between 0 and 1'),
    /**
     * Random resized crop: a region covering a fraction of the area drawn uniformly from `scale`,
     * with an aspect ratio drawn log-uniformly from `ratio`, resized back to the source's size.
     * null = no crop.
     */
    crop: z
      .object({
        scale: z
          .tuple([z.number().gt(0), z.number().lte(1)])
          .refine(([a, b]) => a <= b, 'crop scale must be [min, max] within (0, 1]'),
        ratio: z
          .tuple([z.number().gt(0), z.number().gt(0)])
          .refine(([a, b]) => a <= b, 'crop ratio must be [min, max] above 0'),
      })
      .nullable(),
    /**
     * Colour jitter: each factor drawn uniformly from [max(0, 1 − x), 1 + x]; 0 leaves that
     * property alone. Brightness scales the colour, contrast blends with the image's mean grey,
     * saturation blends each pixel with its own grey. Applied in that order.
     */
    jitter: z
      .object({
        brightness: z.number().min(0).max(1, 'brightness jitter must be between 0 and 1'),
        contrast: z.number().min(0).max(1, 'contrast jitter must be between 0 and 1'),
        saturation: z.number().min(0).max(1, 'saturation jitter must be between 0 and 1'),
      })
      .nullable(),
  })
  .strict();
export type ClassicParams = z.infer<typeof ClassicParams>;

export const CLASSIC_DEFAULTS: ClassicParams = {
  flip: 0.5,
  crop: { scale: [0.6, 1], ratio: [3 / 4, 4 / 3] },
  jitter: { brightness: 0.2, contrast: 0.2, saturation: 0.2 },
};

/** Uniform in [lo, hi). */
const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * (rng.nextFloat() - 2 ** -32);

export function hflip(img: Rgba): Rgba {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      out.set(data.subarray((y * w + x) * 4, (y * w + x) * 4 + 4), (y * w + (w - 1 - x)) * 4);
  return { width: w, height: h, data: out };
}

/** The region [x, y, w, h] torchvision's RandomResizedCrop would pick (10 tries, then a centre crop). */
export function cropBox(
  width: number,
  height: number,
  rng: Rng,
  scale: readonly [number, number],
  ratio: readonly [number, number],
): [number, number, number, number] {
  const area = width * height;
  const logRatio = [Math.log(ratio[0]), Math.log(ratio[1])] as const;
  for (let i = 0; i < 10; i++) {
    const target = area * uniform(rng, scale[0], scale[1]);
    const aspect = Math.exp(uniform(rng, logRatio[0], logRatio[1]));
    const w = Math.round(Math.sqrt(target * aspect));
    const h = Math.round(Math.sqrt(target / aspect));
    if (w > 0 && h > 0 && w <= width && h <= height) {
      const x = Math.floor(rng.nextFloat() * (width - w + 1)) % (width - w + 1);
      const y = Math.floor(rng.nextFloat() * (height - h + 1)) % (height - h + 1);
      return [x, y, w, h];
    }
  }
  // Fallback: the largest centre crop whose aspect lies within the ratio range.
  const inRatio = width / height;
  let w = width;
  let h = height;
  if (inRatio < ratio[0]) h = Math.round(w / ratio[0]);
  else if (inRatio > ratio[1]) w = Math.round(h * ratio[1]);
  return [Math.floor((width - w) / 2), Math.floor((height - h) / 2), w, h];
}

/** The region [x, y, w, h] of `img` resized (bilinear, edge-clamped) to `outW`×`outH`. */
export function resizeRegion(img: Rgba, box: readonly number[], outW: number, outH: number): Rgba {
  const [bx, by, bw, bh] = box as [number, number, number, number];
  const { width: W, data } = img;
  const out = new Uint8Array(outW * outH * 4);
  const sx = bw / outW;
  const sy = bh / outH;
  for (let v = 0; v < outH; v++) {
    const fy = Math.min(Math.max(by + (v + 0.5) * sy - 0.5, by), by + bh - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, by + bh - 1);
    const ty = fy - y0;
    for (let u = 0; u < outW; u++) {
      const fx = Math.min(Math.max(bx + (u + 0.5) * sx - 0.5, bx), bx + bw - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, bx + bw - 1);
      const tx = fx - x0;
      const a = (y0 * W + x0) * 4;
      const b = (y0 * W + x1) * 4;
      const c = (y1 * W + x0) * 4;
      const d = (y1 * W + x1) * 4;
      const o = (v * outW + u) * 4;
      for (let ch = 0; ch < 4; ch++) {
        const top = data[a + ch]! * (1 - tx) + data[b + ch]! * tx;
        const bottom = data[c + ch]! * (1 - tx) + data[d + ch]! * tx;
        out[o + ch] = Math.round(top * (1 - ty) + bottom * ty);
      }
    }
  }
  return { width: outW, height: outH, data: out };
}

/** RandomResizedCrop: a random region resized back to the source's size. */
export function randomResizedCrop(
  img: Rgba,
  rng: Rng,
  scale: readonly [number, number],
  ratio: readonly [number, number],
): Rgba {
  return resizeRegion(img, cropBox(img.width, img.height, rng, scale, ratio), img.width, img.height);
}

const clamp8 = (v: number): number => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));
const grey = (r: number, g: number, b: number): number => 0.299 * r + 0.587 * g + 0.114 * b;

/** Brightness, contrast and saturation by the given factors (1 = unchanged), as torchvision does. */
export function adjustColour(img: Rgba, brightness: number, contrast: number, saturation: number): Rgba {
  const n = img.width * img.height;
  const f = new Float32Array(n * 3);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) f[i * 3 + c] = Math.min(255, img.data[i * 4 + c]! * brightness);
    sum += grey(f[i * 3]!, f[i * 3 + 1]!, f[i * 3 + 2]!);
  }
  const mean = sum / n;
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < n; i++) {
    const rgb = [0, 1, 2].map((c) => Math.min(255, Math.max(0, mean + (f[i * 3 + c]! - mean) * contrast)));
    const g = grey(rgb[0]!, rgb[1]!, rgb[2]!);
    for (let c = 0; c < 3; c++) out[i * 4 + c] = clamp8(g + (rgb[c]! - g) * saturation);
    out[i * 4 + 3] = img.data[i * 4 + 3]!;
  }
  return { width: img.width, height: img.height, data: out };
}

/** ColorJitter with factors drawn from the rng (always three draws, so streams stay aligned). */
export function colourJitter(img: Rgba, rng: Rng, j: NonNullable<ClassicParams['jitter']>): Rgba {
  const factor = (x: number): number => uniform(rng, Math.max(0, 1 - x), 1 + x);
  return adjustColour(img, factor(j.brightness), factor(j.contrast), factor(j.saturation));
}

/** Flip, then crop, then jitter: one augmented copy of `img` from the seed. */
export function classicAugment(img: Rgba, seed: number, params: ClassicParams): Rgba {
  const rng = new Rng(seed);
  let out = rng.nextFloat() <= params.flip ? hflip(img) : img;
  if (params.crop) out = randomResizedCrop(out, rng, params.crop.scale, params.crop.ratio);
  if (params.jitter) out = colourJitter(out, rng, params.jitter);
  return out === img ? { ...img, data: new Uint8Array(img.data) } : out;
}
