/**
 * A small anti-aliased rasteriser for glyph outlines (opentype.js path commands): curves are
 * flattened to line segments, filled by the nonzero winding rule at 4×4 samples per pixel and
 * box-filtered to coverage in [0, 1] (1 = ink).
 *
 * Hand-written rather than drawn with pureimage because the glyph VAE was trained on renders made
 * exactly this way (a 4× super-sampled frame box-filtered 4×4, see models/glyphs/CARD.md), so the
 * framing and edge softness here match what the model knows; pureimage draws text through a
 * process-wide font registry by family name with its own bundled, older opentype.js, and gives no
 * way to place a glyph by its outline's ink box. Bounded work: a glyph with more than
 * MAX_SEGMENTS line segments is refused rather than rasterised.
 */
import type { PathCommand } from 'opentype.js';

export const SUPERSAMPLE = 4;
export const MAX_SEGMENTS = 50_000;

/** A line segment in super-sampled pixel coordinates (y down). */
type Segment = [number, number, number, number];

export class GlyphTooComplexError extends Error {}

/** Ink bounding box of flattened commands in the commands' own units: [x0, y0, x1, y1], or null. */
export function pathBox(commands: readonly PathCommand[]): [number, number, number, number] | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const s of flatten(commands, 1)) {
    x0 = Math.min(x0, s[0], s[2]);
    x1 = Math.max(x1, s[0], s[2]);
    y0 = Math.min(y0, s[1], s[3]);
    y1 = Math.max(y1, s[1], s[3]);
  }
  return x0 < x1 && y0 < y1 ? [x0, y0, x1, y1] : null;
}

/**
 * The outline's segments, `scale` applied. Curves get a segment per ~1.5 units of their control
 * polygon's length (after scaling), 2 to 64 of them.
 */
function flatten(commands: readonly PathCommand[], scale: number): Segment[] {
  const out: Segment[] = [];
  let sx = 0;
  let sy = 0;
  let x = 0;
  let y = 0;
  const line = (nx: number, ny: number): void => {
    if (out.length >= MAX_SEGMENTS)
      throw new GlyphTooComplexError('The glyph outline is too complex to draw.');
    if (nx !== x || ny !== y) out.push([x, y, nx, ny]);
    x = nx;
    y = ny;
  };
  const steps = (len: number): number => Math.min(64, Math.max(2, Math.ceil(len / 1.5)));
  for (const c of commands) {
    const cx = (c.x ?? 0) * scale;
    const cy = (c.y ?? 0) * scale;
    if (!Number.isFinite(cx) || !Number.isFinite(cy)) continue;
    if (c.type === 'M') {
      if (x !== sx || y !== sy) line(sx, sy);
      sx = x = cx;
      sy = y = cy;
    } else if (c.type === 'L') line(cx, cy);
    else if (c.type === 'Q') {
      const ax = (c.x1 ?? 0) * scale;
      const ay = (c.y1 ?? 0) * scale;
      const n = steps(Math.hypot(ax - x, ay - y) + Math.hypot(cx - ax, cy - ay));
      const [px, py] = [x, y];
      for (let i = 1; i <= n; i++) {
        const t = i / n;
        const u = 1 - t;
        line(u * u * px + 2 * u * t * ax + t * t * cx, u * u * py + 2 * u * t * ay + t * t * cy);
      }
    } else if (c.type === 'C') {
      const ax = (c.x1 ?? 0) * scale;
      const ay = (c.y1 ?? 0) * scale;
      const bx = (c.x2 ?? 0) * scale;
      const by = (c.y2 ?? 0) * scale;
      const n = steps(
        Math.hypot(ax - x, ay - y) + Math.hypot(bx - ax, by - ay) + Math.hypot(cx - bx, cy - by),
      );
      const [px, py] = [x, y];
      for (let i = 1; i <= n; i++) {
        const t = i / n;
        const u = 1 - t;
        line(
          u * u * u * px + 3 * u * u * t * ax + 3 * u * t * t * bx + t * t * t * cx,
          u * u * u * py + 3 * u * u * t * ay + 3 * u * t * t * by + t * t * t * cy,
        );
      }
    } else if (c.type === 'Z') line(sx, sy);
  }
  if (x !== sx || y !== sy) line(sx, sy);
  return out;
}

/**
 * Fills `commands` (in output pixels, y down) into a `width`×`height` coverage map: each pixel
 * the share of its 4×4 sample points inside the outline (nonzero winding).
 */
export function rasterize(commands: readonly PathCommand[], width: number, height: number): Float32Array {
  const ss = SUPERSAMPLE;
  const segs = flatten(commands, ss);
  const out = new Float32Array(width * height);
  const W = width * ss;
  const crossings: { x: number; w: number }[] = [];
  for (let row = 0; row < height * ss; row++) {
    const yc = row + 0.5;
    crossings.length = 0;
    for (const [x0, y0, x1, y1] of segs) {
      if (y0 === y1) continue;
      const lo = Math.min(y0, y1);
      const hi = Math.max(y0, y1);
      if (yc < lo || yc >= hi) continue;
      crossings.push({ x: x0 + ((yc - y0) / (y1 - y0)) * (x1 - x0), w: y1 > y0 ? 1 : -1 });
    }
    if (!crossings.length) continue;
    crossings.sort((a, b) => a.x - b.x);
    let winding = 0;
    const py = Math.floor(row / ss);
    for (let i = 0; i < crossings.length - 1; i++) {
      winding += crossings[i]!.w;
      if (winding === 0) continue;
      // Sample columns whose centres (col + 0.5) lie in [x_i, x_{i+1}).
      const from = Math.max(0, Math.ceil(crossings[i]!.x - 0.5));
      const to = Math.min(W - 1, Math.ceil(crossings[i + 1]!.x - 0.5) - 1);
      for (let col = from; col <= to; col++) {
        const j = py * width + Math.floor(col / ss);
        out[j] = out[j]! + 1;
      }
    }
  }
  const share = 1 / (ss * ss);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(1, out[i]! * share);
  return out;
}
