/**
 * A VAE's two halves as the services call them: encode a user's image to its posterior (framed
 * like the training data by the inference process's `prepare` op) and decode latent points to
 * tiles, batched. Shared by the Latent Explorer and the Datasets studio's VAE-posterior method.
 */
import { AtelierError, invalid, type PixelImage } from '../../../preload/contract';
import type { Priority } from '../../inference/client';
import { tileToPixels, type TileShape } from '../../inference/pixels';
import type { WireTensor } from '../../inference/protocol';
import type { LatentSection, Manifest } from '../models/manifest';
import type { RegisteredModel } from '../models/registry';
import { modelFile, requireModel } from '../models/resolve';
import type { ServiceDeps } from '../section';

/** A registered model whose manifest has a `latent` section (a VAE). */
export type LatentModel = RegisteredModel & { manifest: Manifest & { latent: LatentSection } };
type Model = LatentModel;

/** Most glyph/tile decodes one call may ask for (a 5×5 grid of a word, the alphabet twice…). */
export const MAX_TILES = 640;
/** One decoder run at most this many tiles, so a long export never holds the process for long. */
export const RUN_TILES = 128;

export interface DecodeOptions {
  priority: Priority;
  lane?: string;
  signal?: AbortSignal;
}

type Codec = Pick<ServiceDeps, 'inference'>;

/** A usable latent model, or a readable `model-unavailable` / `invalid-input` error naming it. */
export function latentModel(deps: Pick<ServiceDeps, 'registry'>, id: string, field = 'model'): LatentModel {
  return requireModel(deps.registry, id, 'latent', field) as LatentModel;
}

/** A decoded tile's size, channels and ink (how float outputs become pixels). */
export const latentShape = (m: Model): TileShape => {
  const l = m.manifest.latent;
  return { width: l.width, height: l.height, channels: l.channels, ink: l.ink };
};

/** Runs the decoder over (point, char) pairs, batched; returns one tile per pair. */
export async function decodeLatentTiles(
  deps: Codec,
  m: Model,
  points: readonly (readonly number[])[],
  charIndex: number[] | null,
  opts: DecodeOptions,
): Promise<{ tiles: PixelImage[]; provider: string; inferenceMs: number }> {
  const l = m.manifest.latent;
  const perPoint = charIndex?.length ?? 1;
  const total = points.length * perPoint;
  if (total > MAX_TILES)
    throw invalid(
      `That asks for ${total} decodes at once; the most is ${MAX_TILES}. Use fewer points or a shorter text.`,
      'points',
    );
  const tiles: PixelImage[] = [];
  let provider = 'cpu';
  let inferenceMs = 0;
  for (let start = 0; start < total; start += RUN_TILES) {
    const n = Math.min(RUN_TILES, total - start);
    const z = new Float32Array(n * l.dim);
    const chars = new BigInt64Array(n);
    for (let k = 0; k < n; k++) {
      const t = start + k;
      z.set(points[Math.floor(t / perPoint)]!, k * l.dim);
      if (charIndex) chars[k] = BigInt(charIndex[t % perPoint]!);
    }
    const feeds: Record<string, WireTensor> = {
      z: { dtype: 'float32', dims: [n, l.dim], data: z.buffer },
      ...(charIndex ? { [l.condition!.input]: { dtype: 'int64', dims: [n], data: chars.buffer } } : {}),
    };
    const result = await deps.inference.run(
      { model: { id: `${m.id}:decoder`, path: modelFile(m, 'decoder') }, feeds, outputs: ['image'] },
      {
        priority: opts.priority,
        ...(opts.lane ? { lane: opts.lane } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      },
    );
    const out = result.outputs.image;
    if (!out)
      throw new AtelierError({ code: 'inference-failed', message: 'The decoder returned no "image".' });
    const data = new Float32Array(out.data);
    for (let k = 0; k < n; k++) tiles.push(tileToPixels(data, k, latentShape(m)));
    provider = result.provider;
    inferenceMs += result.inferenceMs;
  }
  return { tiles, provider, inferenceMs };
}

/**
 * A user's PNG/JPEG framed like the training data (the `prepare` op: glyph-box or centre crop,
 * resized to the model's input) and encoded: the prepared input and the posterior's mean and std.
 * `charIndex` is the character a conditional (glyph) model is told the image shows.
 */
export async function encodeLatentImage(
  deps: Codec,
  m: Model,
  image: Uint8Array,
  charIndex: number | null,
  opts: DecodeOptions,
): Promise<{ prepared: WireTensor; mean: number[]; std: number[] }> {
  const l = m.manifest.latent;
  const cond = l.condition;
  const sched = {
    priority: opts.priority,
    ...(opts.lane ? { lane: opts.lane } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  const prepared = await deps.inference.prepareImage(
    image,
    {
      preprocess: l.preprocess,
      size: l.width,
      channels: l.channels,
      ...(cond && charIndex !== null ? { box: cond.boxes[cond.charset[charIndex]!]! } : {}),
    },
    sched,
  );
  const encoderInputs = l.encoder.inputs.map((s) => s.name);
  const feeds: Record<string, WireTensor> = {
    [encoderInputs.find((n) => n !== 'char') ?? 'image']: prepared,
  };
  if (cond && charIndex !== null)
    feeds[cond.input] = { dtype: 'int64', dims: [1], data: new BigInt64Array([BigInt(charIndex)]).buffer };
  const enc = await deps.inference.run(
    { model: { id: `${m.id}:encoder`, path: modelFile(m, 'encoder') }, feeds, outputs: ['mean', 'logvar'] },
    sched,
  );
  const mean = Array.from(new Float32Array(enc.outputs.mean!.data));
  const std = Array.from(new Float32Array(enc.outputs.logvar!.data), (lv) => Math.exp(0.5 * lv));
  return { prepared, mean, std };
}

/** "A–Z, a–z, 0–9" for the usual charset, else the characters themselves. */
export function describeCharset(charset: string): string {
  const runs: string[] = [];
  const chars = [...charset];
  for (let i = 0; i < chars.length;) {
    let j = i;
    while (j + 1 < chars.length && chars[j + 1]!.charCodeAt(0) === chars[j]!.charCodeAt(0) + 1) j++;
    runs.push(j - i >= 2 ? `${chars[i]}–${chars[j]}` : chars.slice(i, j + 1).join(' '));
    i = j + 1;
  }
  return runs.join(', ');
}
