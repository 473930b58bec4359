/**
 * The flow picture's pure parts: the log-density colour map and heatmap pixels, the layer slider's
 * sweep, and the probe readout's words, so the component and draw.ts only draw.
 */
import type { FlowProbe } from '../../../../preload/labs/flow-view';

export type Rgb = [number, number, number];

/** Nats below the peak the colour map spans; anything lower is drawn as the background. */
export const DENSITY_SPAN = 10;

/** Colour stops from "almost no density" (the canvas colour) to the peak (warm yellow). */
const STOPS: [number, Rgb][] = [
  [0, [20, 20, 26]],
  [0.35, [52, 32, 92]],
  [0.6, [128, 44, 110]],
  [0.82, [222, 96, 74]],
  [1, [250, 214, 96]],
];

/** The colour of t ∈ [0, 1] (0 = no density, 1 = the peak); NaN and outside values are clamped. */
export function densityColor(t: number): Rgb {
  const u = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  for (let k = 1; k < STOPS.length; k++) {
    const [t1, c1] = STOPS[k]!;
    if (u <= t1) {
      const [t0, c0] = STOPS[k - 1]!;
      const f = (u - t0) / (t1 - t0);
      return [0, 1, 2].map((i) => Math.round(c0[i]! + (c1[i]! - c0[i]!) * f)) as Rgb;
    }
  }
  return STOPS.at(-1)![1];
}

/** Where a log-density falls on the colour map: the top {@link DENSITY_SPAN} nats below `max`. */
export function densityLevel(logDensity: number, max: number): number {
  return Number.isFinite(logDensity) ? 1 + (logDensity - max) / DENSITY_SPAN : 0;
}

/** RGBA pixels (side × side, row 0 at the top) of log p over the plane, into `out` when it fits. */
export function heatmapPixels(
  logDensity: Float32Array,
  max: number,
  out?: Uint8ClampedArray,
): Uint8ClampedArray {
  const n = logDensity.length;
  const px = out && out.length === n * 4 ? out : new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const [r, g, b] = densityColor(densityLevel(logDensity[i]!, max));
    px[4 * i] = r;
    px[4 * i + 1] = g;
    px[4 * i + 2] = b;
    px[4 * i + 3] = 255;
  }
  return px;
}

/** How long the ▶ sweep takes from the base (layer 0) to the data (the last layer). */
export const SWEEP_MS = 3000;

/** The layer a sweep shows `elapsed` ms after it started (eased in and out; held at the end). */
export function sweepLayer(elapsed: number, layers: number, duration = SWEEP_MS): number {
  const u = Math.min(1, Math.max(0, elapsed / duration));
  const eased = u * u * (3 - 2 * u);
  return eased * layers;
}

/** The slider's words for a layer: where the grid and the samples are on their way. */
export function layerLabel(layer: number, layers: number): string {
  if (layer <= 0) return 'Base N(0, I)';
  if (layer >= layers) return `Data space (all ${layers} layers)`;
  const shown = Number.isInteger(layer) ? String(layer) : layer.toFixed(1);
  return `After ${shown} of ${layers} layers`;
}

export type ProbeState = 'none' | 'typical' | 'outlier';

export interface ProbeReadout {
  state: ProbeState;
  /** Short lines for the readout (label, value). */
  rows: [string, string][];
}

const num = (v: number, digits = 2): string => (Number.isFinite(v) ? v.toFixed(digits) : '–');

/** The hover readout: exact log p(x), z = f(x), log|det J| and the verdict. */
export function probeReadout(probe: FlowProbe | null | undefined): ProbeReadout {
  if (!probe) return { state: 'none', rows: [['x', 'hover the picture']] };
  const state: ProbeState = probe.typical ? 'typical' : 'outlier';
  return {
    state,
    rows: [
      ['x', `(${num(probe.x[0])}, ${num(probe.x[1])})`],
      ['log p(x)', num(probe.logDensity, 3)],
      ['z = f(x)', `(${num(probe.z[0])}, ${num(probe.z[1])})`],
      ['log |det J|', num(probe.logDet, 3)],
      ['percentile', `${num(probe.percentile, 1)} % of the data is less likely`],
      ['verdict', state === 'typical' ? 'typical' : 'outlier (below 2 % of the data)'],
    ],
  };
}
