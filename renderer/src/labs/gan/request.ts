/**
 * What the GAN picture asks the worker for, and what its toggles and legend say: pure, so the
 * component only wires them up.
 */
import type { GanRequest, GanView } from '../../../../preload/labs/gan-view';
import { VIEW_DEFAULT_GRID, VIEW_DEFAULT_SAMPLES } from '../../../../preload/labs/gan-settings';

export type GanToggle = 'heatmap' | 'manifold' | 'gradients';

/** A fresh lab's request: 500 points, a 48² heatmap, the manifold and the arrows. */
export const GAN_INITIAL_REQUEST: GanRequest = {
  samples: VIEW_DEFAULT_SAMPLES,
  grid: VIEW_DEFAULT_GRID,
  manifold: true,
  gradients: true,
};

/** Which layers are on (an absent field means on, as the engine reads it). */
export function requestFlags(r: GanRequest): Record<GanToggle, boolean> {
  return {
    heatmap: (r.grid ?? VIEW_DEFAULT_GRID) > 0,
    manifold: r.manifold !== false,
    gradients: r.gradients !== false,
  };
}

/** The request with one layer switched (off layers are not computed by the worker at all). */
export function toggled(r: GanRequest, key: GanToggle): GanRequest {
  const on = requestFlags(r)[key];
  if (key === 'heatmap') return { ...r, grid: on ? 0 : VIEW_DEFAULT_GRID };
  return { ...r, [key]: !on };
}

const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(2));

/** One line under the picture: what the colours mean (and the critic's range for WGAN-GP and hinge). */
export function legendText(view: GanView | null, images: boolean): string {
  if (images) {
    return 'Generated glyphs, one per fixed noise vector; the strip under each is the discriminator’s verdict (green = “real”, violet = “generated”).';
  }
  const base =
    'Grey: real data · orange: generated · lines: the manifold · pink: where the generator’s loss pushes each point.';
  const hm = view?.heatmap;
  if (!hm) return base;
  if (hm.kind === 'probability') return `${base} Background: D’s P(real), violet 0 → green 1.`;
  return `${base} Background: the critic’s score, violet ${fmt(hm.min)} → green ${fmt(hm.max)}.`;
}
