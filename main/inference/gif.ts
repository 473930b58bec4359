/**
 * Animated GIF encoding with gifenc (MIT): gray frames use an exact 256-level gray palette,
 * colour frames a palette quantized from all frames together, so colours do not flicker
 * between frames.
 */
import { createRequire } from 'node:module';
import type { PixelImage } from '../../preload/contract';
import { toRgba } from './pixels';

// gifenc's ESM and CJS builds export differently; the CJS one is the same under Node and Vitest.
const { GIFEncoder, quantize, applyPalette } = createRequire(import.meta.url)(
  'gifenc',
) as typeof import('gifenc').default;

/** Frames must share one size. `frameMs` is rounded to GIF's 10 ms unit by the encoder. */
export function encodeGif(frames: PixelImage[], frameMs: number): Uint8Array<ArrayBuffer> {
  const { width, height, channels } = frames[0]!;
  if (frames.some((f) => f.width !== width || f.height !== height))
    throw new Error('GIF frames must all have the same size');
  const gif = GIFEncoder();
  if (channels === 1) {
    const palette = Array.from({ length: 256 }, (_, v) => [v, v, v]);
    frames.forEach((f, i) =>
      gif.writeFrame(f.pixels, width, height, { palette, delay: frameMs, ...(i === 0 ? { repeat: 0 } : {}) }),
    );
  } else {
    const rgba = frames.map((f) => toRgba(f).data);
    // One palette for the whole animation, from every frame's pixels.
    const all = new Uint8Array(rgba.reduce((n, d) => n + d.length, 0));
    let at = 0;
    for (const d of rgba) {
      all.set(d, at);
      at += d.length;
    }
    const palette = quantize(all, 256);
    rgba.forEach((d, i) =>
      gif.writeFrame(applyPalette(d, palette), width, height, {
        palette,
        delay: frameMs,
        ...(i === 0 ? { repeat: 0 } : {}),
      }),
    );
  }
  gif.finish();
  return gif.bytes();
}
