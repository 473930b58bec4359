/**
 * What the VAE picture asks the worker for, its toggles and its legend: pure, so the
 * component only wires them up.
 */
import type { VaeRequest, VaeView } from '../../../../preload/labs/vae-types';

export const VAE_INITIAL_REQUEST: VaeRequest = { points: 150, samples: 500, manifold: true };

export type VaeToggle = 'samples' | 'manifold';

/** Which requested layers are on (absent = on, as the engine reads it). */
export function requestFlags(r: VaeRequest): Record<VaeToggle, boolean> {
  return { samples: (r.samples ?? VAE_INITIAL_REQUEST.samples!) > 0, manifold: r.manifold !== false };
}

/** The request with one layer switched (an off layer is not computed by the worker). */
export function toggled(r: VaeRequest, key: VaeToggle): VaeRequest {
  const on = requestFlags(r)[key];
  if (key === 'samples') return { ...r, samples: on ? 0 : VAE_INITIAL_REQUEST.samples };
  return { ...r, manifold: !on };
}

/** One line under the picture: what the marks mean. */
export function legendText(view: VaeView | null): string {
  if (view?.mode === 'images') {
    return view.latentDim === 2
      ? 'Top: training glyphs over their reconstructions. Left: decoded samples z ~ N(0, I). Right: the decoder over a grid of z in [−2, 2]², or where the encoder puts each glyph.'
      : 'Top: training glyphs over their reconstructions. Left: decoded samples z ~ N(0, I). Right: where the encoder puts each glyph (first two latent dimensions).';
  }
  const sigma = view ? ` · decoder noise σx ≈ ${((view.sigmaX[0] + view.sigmaX[1]) / 2).toFixed(2)}` : '';
  return `Left: data (grey), samples of the model (orange), the decoder’s map of latent grid lines, each coloured point joined to its reconstruction. Right: each point’s posterior q(z|x) as a 1σ ${
    view?.latentDim === 1 ? 'bar' : 'ellipse'
  } in its colour over the prior’s 1–3σ rings${sigma}.`;
}
