/**
 * The wrap-around filters the material maps are built from: every filter reads past an edge from
 * the opposite edge, so a seamless tile gives seamless maps. Box blurs are running sums (O(1) per
 * pixel whatever the radius); three box passes approximate a Gaussian. Hand-written: the maps
 * need only these few float-plane operations, and no image library wraps its borders.
 */

/** A single-channel float map, row-major. */
export interface Plane {
  width: number;
  height: number;
  data: Float32Array;
}

export const plane = (
  width: number,
  height: number,
  data: Float32Array = new Float32Array(width * height),
): Plane => ({
  width,
  height,
  data,
});

/** `i` wrapped into 0…n-1. */
export const wrap = (i: number, n: number): number => ((i % n) + n) % n;

/** One horizontal box pass of radius r < w (window 2r+1), wrapping: src → dst. */
function boxRows(src: Float32Array, dst: Float32Array, w: number, h: number, r: number): void {
  const inv = 1 / (2 * r + 1);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let sum = 0;
    for (let k = -r; k <= r; k++) sum += src[row + wrap(k, w)] as number;
    // The entering and leaving columns, wrapped by one compare each (r < w).
    let add = r + 1;
    let sub = -r;
    for (let x = 0; x < w; x++, add++, sub++) {
      dst[row + x] = sum * inv;
      const a = add >= w ? add - w : add;
      const b = sub < 0 ? sub + w : sub;
      sum += (src[row + a] as number) - (src[row + b] as number);
    }
  }
}

/** One vertical box pass of radius r < h, wrapping: src → dst. */
function boxCols(src: Float32Array, dst: Float32Array, w: number, h: number, r: number): void {
  const inv = 1 / (2 * r + 1);
  const sum = new Float64Array(w);
  for (let k = -r; k <= r; k++) {
    const row = wrap(k, h) * w;
    for (let x = 0; x < w; x++) sum[x]! += src[row + x] as number;
  }
  for (let y = 0; y < h; y++) {
    const row = y * w;
    const add = wrap(y + r + 1, h) * w;
    const sub = wrap(y - r, h) * w;
    for (let x = 0; x < w; x++) {
      dst[row + x] = (sum[x] as number) * inv;
      sum[x]! += (src[add + x] as number) - (src[sub + x] as number);
    }
  }
}

/**
 * A wrapped blur of about Gaussian shape with standard deviation `sigma` px: three box passes
 * each way (radii from Kovesi's "box filters for Gaussians"). sigma ≤ 0 copies.
 */
export function blur(p: Plane, sigma: number): Plane {
  const { width: w, height: h } = p;
  const out = new Float32Array(p.data);
  if (sigma <= 0) return plane(w, h, out);
  const ideal = Math.sqrt((12 * sigma * sigma) / 3 + 1);
  let lo = Math.floor(ideal);
  if (lo % 2 === 0) lo--;
  const m = Math.round((12 * sigma * sigma - 3 * lo * lo - 12 * lo - 9) / (-4 * lo - 4));
  const tmp = new Float32Array(w * h);
  for (let i = 0; i < 3; i++) {
    const r = Math.max(0, Math.min(((i < m ? lo : lo + 2) - 1) / 2, Math.floor((Math.min(w, h) - 1) / 2)));
    if (r === 0) continue;
    boxRows(out, tmp, w, h, r);
    boxCols(tmp, out, w, h, r);
  }
  return plane(w, h, out);
}

/**
 * The wrapped Scharr derivatives of `p` per pixel: gx = ∂p/∂x (x to the right), gy = ∂p/∂y (y
 * down the rows). The 3-3-10 kernel divided by 32 gives the slope of a linear ramp exactly.
 */
export function scharr(p: Plane): { gx: Float32Array; gy: Float32Array } {
  const { width: w, height: h, data: d } = p;
  const gx = new Float32Array(w * h);
  const gy = new Float32Array(w * h);
  // Each column's wrapped neighbours, worked out once.
  const left = Int32Array.from({ length: w }, (_, x) => wrap(x - 1, w));
  const right = Int32Array.from({ length: w }, (_, x) => wrap(x + 1, w));
  for (let y = 0; y < h; y++) {
    const up = wrap(y - 1, h) * w;
    const mid = y * w;
    const dn = wrap(y + 1, h) * w;
    for (let x = 0; x < w; x++) {
      const l = left[x] as number;
      const r = right[x] as number;
      const a = d[up + l] as number;
      const b = d[up + x] as number;
      const c = d[up + r] as number;
      const e = d[mid + l] as number;
      const f = d[mid + r] as number;
      const g = d[dn + l] as number;
      const k = d[dn + x] as number;
      const m = d[dn + r] as number;
      gx[mid + x] = (3 * (c - a) + 10 * (f - e) + 3 * (m - g)) / 32;
      gy[mid + x] = (3 * (g - a) + 10 * (k - b) + 3 * (m - c)) / 32;
    }
  }
  return { gx, gy };
}

/**
 * The values at fractions `lo` and `hi` of the sorted data (e.g. 0.01 and 0.99), from a
 * 4096-bin histogram: robust ends for normalising a map.
 */
export function percentiles(data: Float32Array, lo: number, hi: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min)) return [min, min];
  const bins = 4096;
  const hist = new Uint32Array(bins);
  const k = (bins - 1) / (max - min);
  for (const v of data) hist[Math.round((v - min) * k)]!++;
  const at = (q: number): number => {
    const target = q * data.length;
    let acc = 0;
    for (let i = 0; i < bins; i++) {
      acc += hist[i] as number;
      if (acc >= target) return min + i / k;
    }
    return max;
  };
  return [at(lo), at(hi)];
}

/** `p` mapped so its [lo, hi] percentiles become 0…1, clamped. */
export function normalize(p: Plane, lo = 0.005, hi = 0.995): Plane {
  const [a, b] = percentiles(p.data, lo, hi);
  const out = new Float32Array(p.data.length);
  const k = b > a ? 1 / (b - a) : 0;
  for (let i = 0; i < out.length; i++) {
    const v = ((p.data[i] as number) - a) * k;
    out[i] = b > a ? (v < 0 ? 0 : v > 1 ? 1 : v) : 0.5;
  }
  return plane(p.width, p.height, out);
}
