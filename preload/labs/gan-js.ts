/**
 * The GAN's two small nets evaluated in plain JavaScript for the picture's big grids (the
 * heatmap's 48² cells, the manifold's ~900 points): one fused loop per layer instead of several
 * tfjs kernels per layer, several times faster on the cpu backend, so a frame stays cheap.
 * Training and measures keep using tfjs; gan-js.test.ts checks both give the same numbers.
 */
import type { Mlp } from './nn';

/** Leaky ReLU's slope below zero (the discriminator's activation). */
export const LEAK = 0.2;

/** Rows of `x` (rows × the net's input size) through `net`; hidden layers use `act`, the last is linear. */
export function forwardJs(net: Mlp, x: Float32Array, rows: number, act: 'relu' | 'leaky'): Float32Array {
  let input = x;
  net.layers.forEach((layer, li) => {
    const w = layer.w.dataSync() as Float32Array;
    const b = layer.b.dataSync() as Float32Array;
    const [nIn, nOut] = layer.w.shape as [number, number];
    const out = new Float32Array(rows * nOut);
    const hidden = li + 1 < net.layers.length;
    for (let r = 0; r < rows; r++) {
      const o = r * nOut;
      out.set(b, o);
      for (let i = 0; i < nIn; i++) {
        const v = input[r * nIn + i]!;
        if (v === 0) continue;
        const wi = i * nOut;
        for (let j = 0; j < nOut; j++) out[o + j]! += v * w[wi + j]!;
      }
      if (hidden) {
        for (let j = o; j < o + nOut; j++) {
          const v = out[j]!;
          if (v < 0) out[j] = act === 'relu' ? 0 : v * LEAK;
        }
      }
    }
    input = out;
  });
  return input;
}
