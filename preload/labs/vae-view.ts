/**
 * The VAE's snapshots for the picture: shown points with their posteriors and reconstructions,
 * model samples and the decoder's map of latent grid lines (2-D points); originals beside
 * reconstructions, decoded samples and the decoded latent grid (images). Draws come from a
 * stream fixed per engine, so between training steps only the model moves the picture.
 */
import { Rng } from '../rng';
import { count } from './data';
import { gatherRows } from './nn';
import { tf } from './tf';
import type { Dataset } from './types';
import { spreadRows, modelSamples } from './vae-metrics';
import { decodeMean, encode, logSigmaX, type VaeNets } from './vae-model';
import type { VaeImagesView, VaeManifold, VaePointsView, VaeRequest } from './vae-types';

export const VIEW_LIMITS = { points: 300, samples: 2000 } as const;
export const VIEW_DEFAULTS = { points: 150, samples: 500 } as const;
/** Latent grid lines per axis and points per line (2-D latent); points on the 1-D latent's curve. */
const MANIFOLD = { lines: 11, steps: 48, span: 3, curveSteps: 200, curveSpan: 3.5 } as const;
const IMAGE_PAIRS = 8;
export const IMAGE_GRID = 8;
const IMAGE_GRID_SPAN = 2;

function clampCount(v: number | undefined, fallback: number, max: number): number {
  return Math.max(0, Math.min(max, Math.floor(v ?? fallback)));
}

/** Posterior means and σ of rows `x` (n × dim): [mu, sigma], each n × latentDim. */
export function posteriors(nets: VaeNets, x: Float32Array, n: number): [Float32Array, Float32Array] {
  if (n === 0) return [new Float32Array(0), new Float32Array(0)];
  return tf.tidy(() => {
    const { mu, logvar } = encode(nets, tf.tensor2d(x, [n, nets.dim]));
    return [Float32Array.from(mu.dataSync()), Float32Array.from(tf.exp(tf.mul(logvar, 0.5)).dataSync())];
  });
}

/** Decoder means at latent points z (n × latentDim). */
export function decodeAt(nets: VaeNets, z: Float32Array, n: number): Float32Array {
  if (n === 0) return new Float32Array(0);
  return tf.tidy(() => Float32Array.from(decodeMean(nets, tf.tensor2d(z, [n, nets.latentDim])).dataSync()));
}

/** The latent lines the manifold draws: 2-D, both families of grid lines; 1-D, one curve. */
export function manifoldLatents(latentDim: number): { lines: number; steps: number; z: Float32Array } {
  if (latentDim === 1) {
    const steps = MANIFOLD.curveSteps;
    const z = Float32Array.from(
      { length: steps },
      (_, i) => -MANIFOLD.curveSpan + (2 * MANIFOLD.curveSpan * i) / (steps - 1),
    );
    return { lines: 1, steps, z };
  }
  const { lines, steps, span } = MANIFOLD;
  const z = new Float32Array(2 * lines * steps * 2);
  for (let l = 0; l < lines; l++) {
    const fixed = -span + (2 * span * l) / (lines - 1);
    for (let s = 0; s < steps; s++) {
      const t = -span + (2 * span * s) / (steps - 1);
      const a = (l * steps + s) * 2; // lines of constant z₂
      z[a] = t;
      z[a + 1] = fixed;
      const b = ((lines + l) * steps + s) * 2; // lines of constant z₁
      z[b] = fixed;
      z[b + 1] = t;
    }
  }
  return { lines: 2 * lines, steps, z };
}

export function pointsView(
  nets: VaeNets,
  data: Dataset,
  req: VaeRequest,
  iteration: number,
  viewSeed: number,
): VaePointsView {
  const shown = spreadRows(count(data), clampCount(req.points, VIEW_DEFAULTS.points, VIEW_LIMITS.points));
  const x = gatherRows(data.points, 2, shown);
  const [mu, sigma] = posteriors(nets, x, shown.length);
  const recon = decodeAt(nets, mu, shown.length);
  const nSamples = clampCount(req.samples, VIEW_DEFAULTS.samples, VIEW_LIMITS.samples);
  const samples = nSamples ? modelSamples(nets, new Rng(viewSeed), nSamples) : new Float32Array(0);
  let manifold: VaeManifold | null = null;
  if (req.manifold !== false) {
    const m = manifoldLatents(nets.latentDim);
    manifold = { lines: m.lines, steps: m.steps, values: decodeAt(nets, m.z, m.lines * m.steps) };
  }
  const ls = tf.tidy(() => logSigmaX(nets).dataSync());
  return {
    mode: 'points',
    iteration,
    latentDim: nets.latentDim,
    sigmaX: [Math.exp(ls[0]!), Math.exp(ls[1]!)],
    posteriors: { count: shown.length, x, mu, sigma, recon },
    samples,
    manifold,
    prior: { kind: 'standard-normal', dim: nets.latentDim },
  };
}

/** The decoded latent grid for images: IMAGE_GRID² points over [-2, 2]², top row z₂ = +2. */
export function imageGridLatents(): Float32Array {
  const n = IMAGE_GRID;
  const z = new Float32Array(n * n * 2);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      z[(r * n + c) * 2] = -IMAGE_GRID_SPAN + (2 * IMAGE_GRID_SPAN * c) / (n - 1);
      z[(r * n + c) * 2 + 1] = IMAGE_GRID_SPAN - (2 * IMAGE_GRID_SPAN * r) / (n - 1);
    }
  }
  return z;
}

export function imagesView(
  nets: VaeNets,
  data: Dataset,
  req: VaeRequest,
  iteration: number,
  viewSeed: number,
): VaeImagesView {
  const n = count(data);
  const pairsIdx = spreadRows(n, IMAGE_PAIRS);
  const originals = gatherRows(data.points, data.dim, pairsIdx);
  const [pairMu] = posteriors(nets, originals, pairsIdx.length);
  const recons = decodeAt(nets, pairMu, pairsIdx.length);
  const sampleCount = IMAGE_GRID * IMAGE_GRID;
  const samples = modelSamples(nets, new Rng(viewSeed), sampleCount);
  const latentGrid = nets.latentDim === 2 ? decodeAt(nets, imageGridLatents(), sampleCount) : null;
  const shown = spreadRows(n, clampCount(req.points, VIEW_DEFAULTS.points, VIEW_LIMITS.points));
  const [mu] = posteriors(nets, gatherRows(data.points, data.dim, shown), shown.length);
  const dims = Math.min(2, nets.latentDim);
  const first = new Float32Array(shown.length * dims);
  for (let i = 0; i < shown.length; i++)
    for (let d = 0; d < dims; d++) first[i * dims + d] = mu[i * nets.latentDim + d]!;
  return {
    mode: 'images',
    iteration,
    latentDim: nets.latentDim,
    side: data.side ?? Math.round(Math.sqrt(data.dim)),
    originals,
    recons,
    pairs: pairsIdx.length,
    samples,
    sampleCount,
    latentGrid,
    gridSide: IMAGE_GRID,
    latent: { count: shown.length, dims, mu: first },
    prior: { kind: 'standard-normal', dim: nets.latentDim },
  };
}
