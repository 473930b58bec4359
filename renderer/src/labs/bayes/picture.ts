/**
 * The Bayesian lab picture's pure parts: the grid posterior as heatmap pixels, a click on the
 * data panel as the observed point, and the numbers' wording.
 */
import type { BayesPosterior, BayesRequest } from '../../../../preload/labs/bayes-types';
import { toValue, type Panel } from '../vae/picture';

type Rgb = [number, number, number];
const LOW: Rgb = [24, 24, 28];
const MID: Rgb = [40, 90, 150];
const HIGH: Rgb = [150, 225, 255];

/** Colour of t ∈ [0, 1]: the canvas colour through blue to pale cyan. */
export function heatColor(t: number): Rgb {
  const u = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const [a, b, k] = u < 0.5 ? [LOW, MID, u * 2] : [MID, HIGH, (u - 0.5) * 2];
  return [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * k)) as Rgb;
}

/**
 * RGBA pixels (side × side, row 0 at the top, i.e. z₂ = +half) of the grid posterior, scaled
 * by the square root of its share of the top cell so a wide, low posterior still shows.
 */
export function posteriorPixels(
  grid: BayesPosterior['grid'],
  out?: Uint8ClampedArray<ArrayBuffer>,
): Uint8ClampedArray<ArrayBuffer> {
  const { side, values } = grid;
  const px = out && out.length === side * side * 4 ? out : new Uint8ClampedArray(side * side * 4);
  let max = 0;
  for (let g = 0; g < values.length; g++) max = Math.max(max, values[g]!);
  for (let j = 0; j < side; j++) {
    const row = side - 1 - j; // grid rows run up from z₂ = −half, image rows down from the top
    for (let i = 0; i < side; i++) {
      const [r, g, b] = heatColor(max > 0 ? Math.sqrt(values[j * side + i]! / max) : 0);
      px.set([r, g, b, 255], (row * side + i) * 4);
    }
  }
  return px;
}

/** The request after a click at canvas (cx, cy): the clicked point observed, if it hit the data panel. */
export function clickRequest(
  request: BayesRequest,
  panel: Panel,
  cx: number,
  cy: number,
): BayesRequest | null {
  const v = toValue(panel, cx, cy);
  if (!v) return null;
  const round = (n: number): number => Math.round(n * 1000) / 1000;
  return { ...request, observed: [round(v[0]), round(v[1])] };
}

/** A pair as "(a, b)" with two decimals. */
export function pair(v: readonly [number, number] | null | undefined): string {
  if (!v) return '–';
  return `(${v.map((x) => x.toFixed(2).replace('-', '−')).join(', ')})`;
}

/** The sentence under the numbers: how the three answers agree. */
export function agreement(p: BayesPosterior): string {
  const sd = p.posteriorVar.map((v) => Math.sqrt(Math.max(v, 1e-12)));
  const off = (a: readonly [number, number]): number =>
    Math.hypot((a[0] - p.posteriorMean[0]) / sd[0]!, (a[1] - p.posteriorMean[1]) / sd[1]!);
  const q = off(p.q.mean);
  const parts = [`the encoder’s mean is ${q.toFixed(1)} posterior σ from the exact mean`];
  if (p.mcmcMean) parts.push(`MCMC’s is ${off(p.mcmcMean).toFixed(1)} σ`);
  return `${parts.join(', ')}.`;
}
