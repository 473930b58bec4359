/**
 * What the GAN lab shows: generated samples from a fixed noise set (so the picture moves only as
 * the model learns, not as the noise is redrawn), the discriminator over the plane, the image of
 * a latent grid (the generator's manifold) and the push the generator's loss gives each point.
 * The two grids go through the nets in plain JavaScript (gan-js.ts), the rest through tfjs.
 */
import { PLANE } from './data';
import { discriminate, generate, generatorLossPerPoint, judged, type GanNets } from './gan-model';
import { forwardJs } from './gan-js';
import { VIEW_DEFAULT_GRID, VIEW_DEFAULT_SAMPLES, type GanLoss } from './gan-settings';
import { tf } from './tf';

export interface GanRequest {
  /** Generated points to draw (≤ 2000; images: ≤ 64). */
  samples?: number;
  /** The heatmap's side in cells (8–96); 0 = no heatmap. */
  grid?: number;
  /** Draw the generator's manifold (its image of a latent grid). */
  manifold?: boolean;
  /** Draw the generator's gradient on the first points. */
  gradients?: boolean;
}

export interface GanHeatmap {
  side: number;
  /** side² values, row 0 at the top (y = +PLANE), column 0 at the left (x = −PLANE). */
  values: Float32Array;
  min: number;
  max: number;
  /** 'probability': P(real) in [0, 1] (non-saturating); 'score': a critic score (WGAN-GP, hinge). */
  kind: 'probability' | 'score';
}

export interface GanManifold {
  /** Polylines, each `points` long, in `xy` one after another (x, y pairs). */
  lines: number;
  points: number;
  xy: Float32Array;
}

export interface GanView {
  iteration: number;
  /** 2 for points, 256 for 16×16 images. */
  dim: number;
  side?: number;
  loss: GanLoss;
  /** count × dim values. */
  samples: Float32Array;
  count: number;
  heatmap?: GanHeatmap;
  manifold?: GanManifold;
  /** For the first points: −∂L_G/∂x (x, y pairs), the way the generator's loss pushes each one. */
  gradients?: Float32Array;
  /** Images: the discriminator's answer for each sample (probability or score as in the heatmap). */
  scores?: Float32Array;
}

export const VIEW_MAX_SAMPLES = 2000;
export const VIEW_MAX_IMAGES = 64;
export const ARROW_POINTS = 150;
/** The latent grid of the manifold: ±2.5 in the first two noise coordinates. */
export const MANIFOLD_RANGE = 2.5;
const MANIFOLD_LINES = 11;
const MANIFOLD_POINTS = 41;

export function clampInt(v: number | undefined, fallback: number, min: number, max: number): number {
  const n = v === undefined || !Number.isFinite(v) ? fallback : Math.round(v);
  return Math.min(max, Math.max(min, n));
}

/** Cell centres of a side×side grid over the plane, row 0 at the top. */
export function planeGrid(side: number): Float32Array {
  const xy = new Float32Array(side * side * 2);
  const cell = (2 * PLANE) / side;
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const i = r * side + c;
      xy[2 * i] = -PLANE + (c + 0.5) * cell;
      xy[2 * i + 1] = PLANE - (r + 0.5) * cell;
    }
  }
  return xy;
}

/**
 * The latent points whose images draw the manifold: for noiseDim ≥ 2, lines of constant z₁
 * (varying z₀) then lines of constant z₀, the other coordinates 0; for noiseDim 1 one line.
 */
export function manifoldLatents(noiseDim: number): { lines: number; points: number; z: Float32Array } {
  const at = (k: number, n: number): number => -MANIFOLD_RANGE + (2 * MANIFOLD_RANGE * k) / (n - 1);
  if (noiseDim === 1) {
    const points = 201;
    const z = new Float32Array(points);
    for (let k = 0; k < points; k++) z[k] = at(k, points);
    return { lines: 1, points, z };
  }
  const lines = 2 * MANIFOLD_LINES;
  const z = new Float32Array(lines * MANIFOLD_POINTS * noiseDim);
  for (let l = 0; l < lines; l++) {
    const fixed = at(l % MANIFOLD_LINES, MANIFOLD_LINES);
    for (let k = 0; k < MANIFOLD_POINTS; k++) {
      const row = (l * MANIFOLD_POINTS + k) * noiseDim;
      const moving = at(k, MANIFOLD_POINTS);
      z[row] = l < MANIFOLD_LINES ? moving : fixed;
      z[row + 1] = l < MANIFOLD_LINES ? fixed : moving;
    }
  }
  return { lines, points: MANIFOLD_POINTS, z };
}

/** A tensor's values in an array of their own (the backend may hand out its buffer). */
export function copy(t: tf.Tensor): Float32Array {
  return new Float32Array(t.dataSync());
}

function minMax(values: Float32Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

export interface ViewInputs {
  nets: GanNets;
  loss: GanLoss;
  noiseDim: number;
  dim: number;
  side?: number;
  iteration: number;
  /** The fixed noise set (VIEW_MAX_SAMPLES × noiseDim). */
  noise: Float32Array;
}

/** One snapshot for the picture (plain arrays only: it is posted to the page). */
export function ganView(inp: ViewInputs, req: GanRequest): GanView {
  const { nets, loss, noiseDim, dim } = inp;
  const images = dim > 2;
  const count = clampInt(
    req.samples,
    images ? VIEW_MAX_IMAGES : VIEW_DEFAULT_SAMPLES,
    1,
    images ? VIEW_MAX_IMAGES : VIEW_MAX_SAMPLES,
  );
  let view!: GanView;
  tf.tidy(() => {
    const z = tf.tensor2d(inp.noise.subarray(0, count * noiseDim), [count, noiseDim]);
    const fake = generate(nets, z);
    view = {
      iteration: inp.iteration,
      dim,
      ...(inp.side ? { side: inp.side } : {}),
      loss,
      samples: copy(fake),
      count,
    };
    if (images) {
      view.scores = copy(judged(loss, discriminate(nets, fake)));
      return;
    }
    const side = clampInt(req.grid, VIEW_DEFAULT_GRID, 0, 96);
    if (side >= 8) {
      const values = forwardJs(nets.d, planeGrid(side), side * side, 'leaky');
      if (loss === 'nonsaturating')
        for (let i = 0; i < values.length; i++) values[i] = 1 / (1 + Math.exp(-values[i]!));
      const [min, max] = minMax(values);
      view.heatmap = { side, values, min, max, kind: loss === 'nonsaturating' ? 'probability' : 'score' };
    }
    if (req.manifold !== false) {
      const m = manifoldLatents(noiseDim);
      view.manifold = {
        lines: m.lines,
        points: m.points,
        xy: forwardJs(nets.g, m.z, m.lines * m.points, 'relu'),
      };
    }
    if (req.gradients !== false) {
      const k = Math.min(ARROW_POINTS, count);
      const pts = tf.slice(fake, [0, 0], [k, 2]);
      const dLdx = tf.grad((x: tf.Tensor) => tf.sum(generatorLossPerPoint(nets, loss, x as tf.Tensor2D)))(
        pts,
      );
      view.gradients = copy(tf.neg(dLdx));
    }
  });
  return view;
}
