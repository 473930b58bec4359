/**
 * The diffusion picture's pure parts: score arrows scaled to the grid, trajectories cut into a few
 * fading chunks (one stroke each, so a frame stays cheap), and the words for a step t.
 */
import { toPixel } from '../brush';

/** The arrow grid's typical (90th-percentile) arrow is drawn this share of a cell long. */
const TYPICAL_ARROW = 0.8;
/** No arrow is drawn longer than this share of a cell. */
const LONGEST_ARROW = 1.3;

/**
 * Arrow segments in canvas pixels, [x0, y0, x1, y1] per arrow: the score's direction, lengths
 * scaled together so the 90th-percentile arrow spans most of a cell (the score's size changes by
 * orders of magnitude with t; its shape is what the picture shows).
 */
export function arrowSegments(at: Float32Array, vec: Float32Array, side: number, size: number): Float32Array {
  const n = at.length / 2;
  const lengths = new Float64Array(n);
  for (let i = 0; i < n; i++) lengths[i] = Math.hypot(vec[2 * i]!, vec[2 * i + 1]!);
  const sorted = Float64Array.from(lengths).filter(Number.isFinite).sort();
  const typical = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(0.9 * sorted.length))]! : 0;
  const cell = size / Math.max(1, side);
  const scale = typical > 0 ? (TYPICAL_ARROW * cell) / typical : 0;
  const out = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) {
    const [x0, y0] = toPixel(at[2 * i]!, at[2 * i + 1]!, size);
    const len = Number.isFinite(lengths[i]!) ? lengths[i]! * scale : 0;
    const k = len > LONGEST_ARROW * cell ? (LONGEST_ARROW * cell) / len : 1;
    const dx = Number.isFinite(vec[2 * i]!) ? vec[2 * i]! * scale * k : 0;
    const dy = Number.isFinite(vec[2 * i + 1]!) ? vec[2 * i + 1]! * scale * k : 0;
    out.set([x0, y0, x0 + dx, y0 - dy], 4 * i); // the plane's y points up, the canvas's down
  }
  return out;
}

export interface FadeChunk {
  /** First and last position index (inclusive) of the chunk along a trajectory. */
  from: number;
  to: number;
  alpha: number;
}

/**
 * A trajectory of `steps` steps (steps + 1 positions) cut into at most `chunks` consecutive
 * pieces that share their end points, fading in from noise (faint) to data (bright).
 */
export function fadeChunks(steps: number, chunks = 6, faint = 0.1, bright = 0.85): FadeChunk[] {
  const n = Math.max(1, Math.min(chunks, steps));
  const out: FadeChunk[] = [];
  for (let c = 0; c < n; c++) {
    const from = Math.round((c * steps) / n);
    const to = Math.round(((c + 1) * steps) / n);
    out.push({ from, to, alpha: faint + ((bright - faint) * (c + 1)) / n });
  }
  return out;
}

/** The t slider's words: where the forward process is and how much signal is left. */
export function stepText(t: number, T: number, alphaBar: number): string {
  if (t <= 0) return `t = 0 of ${T}: the data`;
  const signal = Math.sqrt(Math.max(0, alphaBar));
  return `t = ${t} of ${T}: signal √ᾱ = ${signal.toFixed(3)}, noise √(1−ᾱ) = ${Math.sqrt(Math.max(0, 1 - alphaBar)).toFixed(3)}`;
}
