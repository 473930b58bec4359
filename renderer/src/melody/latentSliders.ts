/**
 * The latent sliders: each moves every segment's latent along one principal direction of the
 * melody VAE by s × √variance (s in standard deviations, ±3), from the encoded point.
 */

export interface MelodyPca {
  mean: readonly number[];
  directions: readonly (readonly number[])[];
  variance: readonly number[];
}

export const MAX_SLIDERS = 8;
export const SLIDER_RANGE = 3;

/** How many sliders the model's PCA offers (at most 8, only directions of the latent's size). */
export function sliderCount(pca: MelodyPca | null | undefined, dim: number): number {
  if (!pca) return 0;
  let n = 0;
  while (
    n < Math.min(MAX_SLIDERS, pca.directions.length, pca.variance.length) &&
    pca.directions[n]!.length === dim
  )
    n++;
  return n;
}

/** The encoded latents moved by the slider values (values[k] in SD along direction k). */
export function moveLatents(
  base: readonly (readonly number[])[],
  pca: MelodyPca,
  values: readonly number[],
): number[][] {
  return base.map((z) => {
    const out = z.slice();
    values.forEach((s, k) => {
      const dir = pca.directions[k];
      const v = pca.variance[k];
      if (!dir || v === undefined || dir.length !== out.length || s === 0) return;
      const step = s * Math.sqrt(Math.max(0, v));
      for (let i = 0; i < out.length; i++) out[i]! += step * dir[i]!;
    });
    return out;
  });
}

export function clampSlider(s: number): number {
  if (!Number.isFinite(s)) return 0;
  return Math.min(SLIDER_RANGE, Math.max(-SLIDER_RANGE, s));
}

/** "+1.25 SD" */
export function formatSd(s: number): string {
  const v = Math.abs(s) < 0.005 ? 0 : s;
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(2)} SD`;
}

/** Each direction's share of the explained variance (for the slider labels). */
export function varianceShares(variance: readonly number[]): number[] {
  const total = variance.reduce((a, b) => a + Math.max(0, b), 0);
  return variance.map((v) => (total > 0 ? Math.max(0, v) / total : 0));
}
