/**
 * Image quilting (Efros & Freeman, "Image Quilting for Texture Synthesis and Transfer",
 * SIGGRAPH 2001): a new texture of the same stuff as a source, made of square patches of the
 * source laid in raster order with an overlap. Each patch is drawn among the source positions
 * whose overlap with what is already laid is within (1 + tolerance) × the best one's squared
 * error, then joined along the minimum-error boundary cut (dynamic programming through the
 * overlap's error surface), so the seams follow the texture instead of straight lines.
 *
 * Written here: no npm package implements image quilting (the JavaScript texture packages are
 * procedural noise or tiling helpers). Made for speed on one core: the candidates are a strided
 * grid of positions (at most MAX_CANDIDATES) refined around the drawn one, the error of a
 * candidate stops as soon as it cannot be chosen, and every buffer is a typed array allocated once
 * per image. One departure from the paper: a candidate that would carry on the left or upper
 * neighbour's source region verbatim is left out (while any other is left), so a source as large
 * as the output is not copied back in big pieces — the output is a re-synthesis, not a shift.
 */
import { invalid } from '../../../preload/contract';
import { Rng } from '../../../preload/rng';
import type { Rgba } from '../../inference/image';

export interface QuiltOptions {
  /** Side of the square patches in px (shrunk to the source's shorter side). */
  patch: number;
  /** Overlap between neighbouring patches, as a fraction of the patch (0.1–0.5). */
  overlap: number;
  /** Pick among the candidates within (1 + tolerance) × the best overlap error. */
  tolerance: number;
}

/** The smallest patch quilting works with; a source with a shorter side is refused. */
export const MIN_QUILT_PATCH = 4;
/** The most source positions whose overlap error is measured for one patch. */
export const MAX_CANDIDATES = 2500;

/** A `width`×`height` texture quilted from `src`, every choice drawn from `new Rng(seed)`. */
export function quilt(src: Rgba, width: number, height: number, seed: number, o: QuiltOptions): Rgba {
  const SW = src.width;
  const SH = src.height;
  const P = Math.min(Math.round(o.patch), SW, SH);
  if (P < MIN_QUILT_PATCH)
    throw invalid(
      `The source is ${SW}×${SH} px: a patch must be at least ${MIN_QUILT_PATCH} px, so it is too small to quilt.`,
      'params.patch',
    );
  const O = Math.min(P - 1, Math.max(1, Math.round(P * o.overlap)));
  const step = P - O;
  const nx = Math.max(1, Math.ceil((width - O) / step));
  const ny = Math.max(1, Math.ceil((height - O) / step));
  const CW = nx * step + O;
  const CH = ny * step + O;
  const canvas = new Uint8Array(CW * CH * 4);
  const s = src.data;
  const rng = new Rng(seed);

  // The candidate grid: every `stride`-th position, so at most MAX_CANDIDATES are measured.
  const rangeX = SW - P + 1;
  const rangeY = SH - P + 1;
  const stride = Math.max(1, Math.ceil(Math.sqrt((rangeX * rangeY) / MAX_CANDIDATES)));
  const gxs = Math.ceil(rangeX / stride);
  const gys = Math.ceil(rangeY / stride);
  const errs = new Float64Array(gxs * gys);
  const pool = new Int32Array(gxs * gys);
  const origins = new Int32Array(nx * ny * 2);
  const cutV = new Int32Array(P);
  const cutH = new Int32Array(P);
  const surface = new Float64Array(P * O);
  const cost = new Float64Array(P * O);
  const path = new Int32Array(P);

  /** Squared RGBA error of source patch (sx, sy) against the canvas at (cx, cy); stops above `bound`. */
  const overlapError = (
    sx: number,
    sy: number,
    cx: number,
    cy: number,
    left: boolean,
    top: boolean,
    bound: number,
  ) => {
    let e = 0;
    for (let r = 0; r < P; r++) {
      // Left overlap: columns 0..O-1 of every row; top overlap: the rest of rows 0..O-1.
      const c0 = left ? 0 : O;
      const c1 = top && r < O ? P : left ? O : 0;
      if (c1 <= c0) continue;
      let si = ((sy + r) * SW + sx + c0) * 4;
      let ci = ((cy + r) * CW + cx + c0) * 4;
      for (let c = c0; c < c1; c++, si += 4, ci += 4) {
        const d0 = s[si]! - canvas[ci]!;
        const d1 = s[si + 1]! - canvas[ci + 1]!;
        const d2 = s[si + 2]! - canvas[ci + 2]!;
        const d3 = s[si + 3]! - canvas[ci + 3]!;
        e += d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
      }
      if (e > bound) return e;
    }
    return e;
  };

  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      const cx = i * step;
      const cy = j * step;
      const left = i > 0;
      const top = j > 0;
      // Where the neighbours' source regions would carry on verbatim.
      const lx = left ? origins[(j * nx + i - 1) * 2]! + step : -1e9;
      const ly = left ? origins[(j * nx + i - 1) * 2 + 1]! : -1e9;
      const tx = top ? origins[((j - 1) * nx + i) * 2]! : -1e9;
      const ty = top ? origins[((j - 1) * nx + i) * 2 + 1]! + step : -1e9;
      const verbatim = (x: number, y: number): boolean =>
        (Math.abs(x - lx) < O && Math.abs(y - ly) < O) || (Math.abs(x - tx) < O && Math.abs(y - ty) < O);
      let sx: number;
      let sy: number;
      if (!left && !top) {
        sx = rng.nextU32() % rangeX;
        sy = rng.nextU32() % rangeY;
      } else {
        let found = pick(false);
        if (found < 0) found = pick(true);
        sx = (found % gxs) * stride;
        sy = Math.floor(found / gxs) * stride;
        // Refine around the drawn grid position: the best of its stride-neighbourhood.
        if (stride > 1) {
          let best = errs[found]!;
          const bx = sx;
          const by = sy;
          for (let y = Math.max(0, by - stride + 1); y < Math.min(rangeY, by + stride); y++)
            for (let x = Math.max(0, bx - stride + 1); x < Math.min(rangeX, bx + stride); x++) {
              if ((x === bx && y === by) || verbatim(x, y)) continue;
              const e = overlapError(x, y, cx, cy, left, top, best);
              if (e < best) {
                best = e;
                sx = x;
                sy = y;
              }
            }
        }
      }
      origins[(j * nx + i) * 2] = sx;
      origins[(j * nx + i) * 2 + 1] = sy;
      if (left) seamV(sx, sy, cx, cy);
      if (top) seamH(sx, sy, cx, cy);
      paste(sx, sy, cx, cy, left, top);

      /** Measures the grid, draws one within tolerance; -1 when every candidate is verbatim. */
      function pick(allowVerbatim: boolean): number {
        let best = Infinity;
        for (let g = 0; g < errs.length; g++) {
          const x = (g % gxs) * stride;
          const y = Math.floor(g / gxs) * stride;
          if (!allowVerbatim && verbatim(x, y)) {
            errs[g] = Infinity;
            continue;
          }
          const e = overlapError(
            x,
            y,
            cx,
            cy,
            left,
            top,
            best === Infinity ? Infinity : best * (1 + o.tolerance),
          );
          errs[g] = e;
          if (e < best) best = e;
        }
        if (best === Infinity) return -1;
        const limit = best * (1 + o.tolerance);
        let n = 0;
        for (let g = 0; g < errs.length; g++) if (errs[g]! <= limit) pool[n++] = g;
        return pool[rng.nextU32() % n]!;
      }
    }

  /** The minimum-error vertical path through the left overlap: cutV[r] = first column taken from the patch. */
  function seamV(sx: number, sy: number, cx: number, cy: number): void {
    fillSurface(sx, sy, cx, cy, P, O);
    minPath(P, O);
    for (let r = 0; r < P; r++) cutV[r] = path[r]!;
  }

  /** The same through the top overlap, run along the columns: cutH[c] = first row taken from the patch. */
  function seamH(sx: number, sy: number, cx: number, cy: number): void {
    // Transposed into the surface: surface[c * O + r] is the error at row r, column c.
    for (let c = 0; c < P; c++)
      for (let r = 0; r < O; r++) surface[c * O + r] = pixelError(sx + c, sy + r, cx + c, cy + r);
    minPath(P, O);
    for (let c = 0; c < P; c++) cutH[c] = path[c]!;
  }

  function fillSurface(sx: number, sy: number, cx: number, cy: number, rows: number, cols: number): void {
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) surface[r * cols + c] = pixelError(sx + c, sy + r, cx + c, cy + r);
  }

  function pixelError(x: number, y: number, u: number, v: number): number {
    const si = (y * SW + x) * 4;
    const ci = (v * CW + u) * 4;
    let e = 0;
    for (let k = 0; k < 4; k++) {
      const d = s[si + k]! - canvas[ci + k]!;
      e += d * d;
    }
    return e;
  }

  /** Dynamic programming over surface[rows × cols]: the cheapest 8-connected path from row 0 to the last. */
  function minPath(rows: number, cols: number): void {
    for (let c = 0; c < cols; c++) cost[c] = surface[c]!;
    for (let r = 1; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        let m = cost[(r - 1) * cols + c]!;
        if (c > 0) m = Math.min(m, cost[(r - 1) * cols + c - 1]!);
        if (c < cols - 1) m = Math.min(m, cost[(r - 1) * cols + c + 1]!);
        cost[r * cols + c] = surface[r * cols + c]! + m;
      }
    let at = 0;
    for (let c = 1; c < cols; c++) if (cost[(rows - 1) * cols + c]! < cost[(rows - 1) * cols + at]!) at = c;
    path[rows - 1] = at;
    for (let r = rows - 2; r >= 0; r--) {
      let next = at;
      if (at > 0 && cost[r * cols + at - 1]! < cost[r * cols + next]!) next = at - 1;
      if (at < cols - 1 && cost[r * cols + at + 1]! < cost[r * cols + next]!) next = at + 1;
      at = next;
      path[r] = at;
    }
  }

  /** Copies the patch onto the canvas, keeping what lies before the cuts. */
  function paste(sx: number, sy: number, cx: number, cy: number, left: boolean, top: boolean): void {
    for (let r = 0; r < P; r++) {
      const from = left ? cutV[r]! : 0;
      for (let c = from; c < P; c++) {
        if (top && r < cutH[c]!) continue;
        const si = ((sy + r) * SW + sx + c) * 4;
        const ci = ((cy + r) * CW + cx + c) * 4;
        canvas[ci] = s[si]!;
        canvas[ci + 1] = s[si + 1]!;
        canvas[ci + 2] = s[si + 2]!;
        canvas[ci + 3] = s[si + 3]!;
      }
    }
  }

  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) out.set(canvas.subarray(y * CW * 4, (y * CW + width) * 4), y * width * 4);
  return { width, height, data: out };
}
