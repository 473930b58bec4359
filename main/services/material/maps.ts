/**
 * A texture's material maps, in the spirit of Materialize / image-to-material tools, every step
 * wrapping around the edges so a seamless texture gives seamless maps:
 *
 * - height: luminance, minus a large-scale blur of it (a high-pass that removes lighting
 *   gradients and vignetting), lightly blurred, normalised to 0…1 by robust percentiles;
 * - normal: the height's wrapped Scharr slopes times a strength, as unit vectors in tangent space
 *   (x right, y up the picture: OpenGL; DirectX's y points down the picture, green flipped);
 * - ambient occlusion: a multi-scale cavity estimate — at radii 1…32 px (at 512 px, scaled with
 *   the side), how far the neighbourhood's mean height rises above the point — weighted towards
 *   the middle scales, lightly blurred;
 * - roughness: smoothness from local luminance and low local detail, inverted, then stretched
 *   about 0.5 by a contrast and mapped into the range [min, max].
 *
 * Pure functions over float planes (./filters.ts); the worker (./material-worker.ts) encodes them.
 */
import { blur, normalize, plane, scharr, type Plane } from './filters';

export interface MaterialSettings {
  /** Blur of the height after the high-pass, px (0 = none). */
  heightBlur: number;
  /** The high-pass's scale as a fraction of the shorter side (lighting gradients above it go). */
  highPass: number;
  /** Slope gain of the normals (0 = flat). */
  normalStrength: number;
  /** Roughness range, 0…1 each (min ≤ max). */
  roughnessMin: number;
  roughnessMax: number;
  /** Stretch of the roughness about 0.5 before the range (1 = as measured). */
  roughnessContrast: number;
  /** How dark the crevices get (0 = no occlusion). */
  aoStrength: number;
}

export const DEFAULT_MATERIAL: MaterialSettings = {
  heightBlur: 1,
  highPass: 0.125,
  normalStrength: 2,
  roughnessMin: 0.35,
  roughnessMax: 0.95,
  roughnessContrast: 1,
  aoStrength: 1,
};

/** Normal slopes per unit of normalStrength: height 0…1 over one pixel is steep; this makes 1 gentle. */
export const NORMAL_GAIN = 8;
/** Occlusion per unit of aoStrength (cavity depths are a few hundredths of the height range). */
export const AO_GAIN = 6;

export type NormalConvention = 'gl' | 'dx';

export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Rec. 709 luma of the sRGB values, 0…1. */
export function luminance(img: Rgba): Plane {
  const { width: w, height: h, data } = img;
  const out = new Float32Array(w * h);
  for (let i = 0; i < out.length; i++)
    out[i] =
      (0.2126 * (data[4 * i] as number) +
        0.7152 * (data[4 * i + 1] as number) +
        0.0722 * (data[4 * i + 2] as number)) /
      255;
  return plane(w, h, out);
}

/** The height map, 0…1, from the luminance. */
export function heightFrom(lum: Plane, s: Pick<MaterialSettings, 'heightBlur' | 'highPass'>): Plane {
  const sigma = Math.max(1, s.highPass * Math.min(lum.width, lum.height));
  const low = blur(lum, sigma);
  const hp = new Float32Array(lum.data.length);
  for (let i = 0; i < hp.length; i++) hp[i] = (lum.data[i] as number) - (low.data[i] as number);
  return normalize(blur(plane(lum.width, lum.height, hp), s.heightBlur));
}

/**
 * Unit normals from a height map as three interleaved floats per pixel in -1…1: x right, y up
 * the picture for 'gl' (down for 'dx'), z out of the surface.
 */
export function normalsFrom(height: Plane, strength: number, convention: NormalConvention): Float32Array {
  const { gx, gy } = scharr(height);
  const k = strength * NORMAL_GAIN;
  // gy is the slope down the rows; OpenGL's y points up the picture, so its slope is -gy.
  const ySign = convention === 'gl' ? 1 : -1;
  const out = new Float32Array(gx.length * 3);
  for (let i = 0; i < gx.length; i++) {
    const nx = -k * (gx[i] as number);
    const ny = ySign * k * (gy[i] as number);
    const inv = 1 / Math.sqrt(nx * nx + ny * ny + 1);
    out[3 * i] = nx * inv;
    out[3 * i + 1] = ny * inv;
    out[3 * i + 2] = inv;
  }
  return out;
}

/** The radii (px at 512 px; scaled with the texture) of the cavity scales, and their weights. */
const AO_SCALES: readonly [number, number][] = [
  [1, 0.5],
  [2, 0.7],
  [4, 0.8],
  [8, 0.7],
  [16, 0.5],
  [32, 0.3],
];

/** Ambient occlusion, 0 (dark) … 1 (open), from the height. */
export function occlusionFrom(height: Plane, strength: number): Plane {
  const { width: w, height: h, data } = height;
  const scale = Math.min(w, h) / 512;
  const occ = new Float32Array(w * h);
  let total = 0;
  for (const [r, weight] of AO_SCALES) {
    const sigma = r * Math.max(scale, 0.25);
    const around = blur(height, sigma).data;
    for (let i = 0; i < occ.length; i++) {
      const d = (around[i] as number) - (data[i] as number);
      if (d > 0) occ[i]! += weight * d;
    }
    total += weight;
  }
  // A light blur: single-pixel pits are the normal map's business, not shadowing.
  const soft = blur(plane(w, h, occ), Math.max(0.5, scale)).data;
  const k = (strength * AO_GAIN) / total;
  for (let i = 0; i < soft.length; i++) {
    const v = 1 - k * (soft[i] as number);
    soft[i] = v < 0 ? 0 : v;
  }
  return plane(w, h, soft);
}

/**
 * The measured roughness, 0…1, before contrast and range: darker and busier places are rougher
 * (local mean luminance and local standard deviation at a few px, each normalised).
 */
export function rawRoughness(lum: Plane): Plane {
  const { width: w, height: h } = lum;
  const sigma = Math.max(1, Math.min(w, h) / 256);
  const mean = blur(lum, sigma);
  const sq = new Float32Array(lum.data.length);
  for (let i = 0; i < sq.length; i++) sq[i] = (lum.data[i] as number) ** 2;
  const meanSq = blur(plane(w, h, sq), sigma).data;
  const detail = new Float32Array(sq.length);
  for (let i = 0; i < detail.length; i++)
    detail[i] = Math.sqrt(Math.max(0, (meanSq[i] as number) - (mean.data[i] as number) ** 2));
  const bright = normalize(mean).data;
  const busy = normalize(plane(w, h, detail)).data;
  const out = new Float32Array(sq.length);
  for (let i = 0; i < out.length; i++) {
    const smooth = 0.6 * (bright[i] as number) + 0.4 * (1 - (busy[i] as number));
    out[i] = 1 - smooth;
  }
  return plane(w, h, out);
}

/** Contrast about 0.5, then into [min, max]. */
export function shapeRoughness(
  raw: Plane,
  s: Pick<MaterialSettings, 'roughnessMin' | 'roughnessMax' | 'roughnessContrast'>,
): Plane {
  const out = new Float32Array(raw.data.length);
  const span = s.roughnessMax - s.roughnessMin;
  for (let i = 0; i < out.length; i++) {
    let v = 0.5 + ((raw.data[i] as number) - 0.5) * s.roughnessContrast;
    v = v < 0 ? 0 : v > 1 ? 1 : v;
    out[i] = s.roughnessMin + span * v;
  }
  return plane(raw.width, raw.height, out);
}

export interface MaterialMaps {
  width: number;
  height: number;
  heightMap: Plane;
  /** Interleaved unit vectors, 3 per pixel. */
  normal: Float32Array;
  roughness: Plane;
  ao: Plane;
}

/** Every map of `img` with `settings`, normals in `convention`. */
export function materialMaps(
  img: Rgba,
  settings: MaterialSettings,
  convention: NormalConvention,
): MaterialMaps {
  const lum = luminance(img);
  const heightMap = heightFrom(lum, settings);
  return {
    width: img.width,
    height: img.height,
    heightMap,
    normal: normalsFrom(heightMap, settings.normalStrength, convention),
    roughness: shapeRoughness(rawRoughness(lum), settings),
    ao: occlusionFrom(heightMap, settings.aoStrength),
  };
}
