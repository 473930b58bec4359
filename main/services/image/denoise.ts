/**
 * The diffusion denoising pass over an image model's networks, shared by the Image studio
 * (./image.ts) and the Datasets' img2img method (../datasets/method-diffusion.ts). Both model
 * layouts: the bundled word-conditioned pixel model (words → UNet) and imported Stable Diffusion
 * (CLIP text encoder → UNet in latent space → VAE). `condition` prepares a prompt and its
 * negative once (./prompt.ts); `initFromFile` / `initFromRgba` put a starting picture in model
 * space (through the VAE encoder for latent models); `denoise` runs a sampler (./samplers.ts)
 * with one UNet request per step — classifier-free guidance (or an LCM's guidance embedding,
 * `timestep_cond`), v-prediction through `epsFromV`, the model's timestep spacing —, calls
 * `onStep` after each step and stops on the AbortSignal; `decode` gives RGBA images. Every
 * network input goes in the type the graph takes (float16 for fp16 exports, through
 * ./prompt.ts `floats`) and every output comes back as float32 (`readFloats`). Image k's noise is
 * `new Rng(seeds[k])` — its starting noise, then what ancestral and LCM steps draw —, so an image
 * depends on its seed alone whatever the batch. No queue, events or records here: the callers
 * add those.
 */
import { join } from 'node:path';
import { invalid } from '../../../preload/contract';
import type { ImageScheduler } from '../../../preload/contract';
import { Rng } from '../../../preload/rng';
import type { InferenceClient } from '../../inference/client';
import { nchwToRgba, type Rgba } from '../../inference/image';
import type { ImageSection, Manifest } from '../models/manifest';
import type { ModelRegistry, RegisteredModel } from '../models/registry';
import { requireModel } from '../models/resolve';
import {
  createPrompter,
  floats,
  ints,
  readFloats,
  repeatRows,
  type Conditioning,
  type PromptOptions,
} from './prompt';
import { alphasCumprod, epsFromV, guide, sample } from './samplers';
import { guidanceEmbedding } from './schedule';

/** How the noise is drawn, recorded with each studio image so it replays exactly. */
export const IMAGE_NOISE_SPEC = 'xoshiro128**+splitmix32/box-muller/nchw per image (seed + k)';

export type ImageModel = RegisteredModel & { manifest: Manifest & { image: ImageSection } };

/** Installed image model `id`, or a `model-unavailable` / invalid error naming `field`. */
export function imageModel(registry: ModelRegistry, id: string, field: string): ImageModel {
  const m = requireModel(registry, id, 'image', field);
  if (!m.manifest.image) throw invalid(`Model "${m.id}" has no image section.`, field);
  return m as ImageModel;
}

export interface DenoiseOptions {
  cond: Conditioning;
  width: number;
  height: number;
  /** One image per seed. */
  seeds: readonly number[];
  sampler: ImageScheduler;
  steps: number;
  /** img2img: how far from `init` (1 = from pure noise). */
  strength?: number | undefined;
  /** img2img: one image in model space (from `initFromFile` / `initFromRgba`), for every seed. */
  init?: Float32Array | undefined;
  signal?: AbortSignal | undefined;
  /** After each step: its index (1-based), the count, the batch's current clean estimate. */
  onStep?: (step: number, steps: number, estimate: Float32Array) => void | Promise<void>;
}

/** LCM's guidance embedding (./schedule.ts) repeated for each UNet row. */
function embeddingRows(guidance: number, dim: number, rows: number, dtype?: 'float32' | 'float16') {
  const e = guidanceEmbedding(guidance, dim);
  const all = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) all.set(e, r * dim);
  return floats(all, [rows, dim], dtype);
}

/** The denoiser of image model `m`; its inference requests run at batch priority. */
export function createDenoiser(inference: InferenceClient, m: ImageModel, o: PromptOptions = {}) {
  const s = m.manifest.image;
  const latent = s.kind === 'latent' ? s.latent! : null;
  const factor = latent?.factor ?? 1;
  const C = latent ? latent.channels : 3;
  const alphas = alphasCumprod(s.schedule);
  const fl = s.floats;
  const opts = (signal?: AbortSignal) => ({ priority: 'batch' as const, ...(signal ? { signal } : {}) });
  const net = (name: string, file: string) => ({ id: `${m.id}/${name}`, path: join(m.dir, file) });
  /** Model-space elements of one W×H image. */
  const perImage = (W: number, H: number): number => (C * W * H) / (factor * factor);

  /** Planar RGB pixels [3, H, W] (in [-1, 1] for latent models) → one image in model space. */
  async function toModelSpace(pix: Float32Array, W: number, H: number, signal?: AbortSignal) {
    if (!latent) return pix;
    if (!latent.vaeEncoder) throw new Error(`"${m.id}" has no VAE encoder`);
    const out = latent.encoderOutput ?? 'latent_sample';
    const r = await inference.run(
      {
        model: net('vae_encoder', latent.vaeEncoder),
        feeds: { sample: floats(pix, [1, 3, H, W], fl?.image) },
        outputs: [out],
      },
      opts(signal),
    );
    // latent_parameters stacks the mean and the log-variance: the mean is the first `channels`.
    return readFloats(r.outputs[out]!)
      .subarray(0, perImage(W, H))
      .map((v) => v * latent.scaling);
  }

  return {
    model: m,
    /** Whether the model can start from a picture (pixel models, or a VAE encoder). */
    img2img: !latent || !!latent.vaeEncoder,
    /** Prepares `prompt` and its `negative` for `guidance` (the CLIP text encoder runs here). */
    condition: createPrompter(inference, m, o),

    /** A PNG or JPEG file, centre-cropped to side×side in the inference process, its pixels in [-1, 1]. */
    async initFromFile(bytes: Uint8Array, side: number, signal?: AbortSignal): Promise<Float32Array> {
      const spec = { preprocess: 'center-crop' as const, size: side, channels: 3 as const };
      const pix = new Float32Array((await inference.prepareImage(bytes, spec, opts(signal))).data);
      for (let i = 0; i < pix.length; i++) pix[i] = pix[i]! * 2 - 1;
      return toModelSpace(pix, side, side, signal);
    },

    /** Opaque RGBA in model space, its pixels mapped to the model's value range. */
    initFromRgba(img: Rgba, signal?: AbortSignal): Promise<Float32Array> {
      const [lo, hi] = latent ? [-1, 1] : s.valueRange;
      const n = img.width * img.height;
      const pix = new Float32Array(3 * n);
      for (let i = 0; i < n; i++)
        for (let ch = 0; ch < 3; ch++) pix[ch * n + i] = lo + ((hi - lo) * img.data[i * 4 + ch]!) / 255;
      return toModelSpace(pix, img.width, img.height, signal);
    },

    /** Runs the sampler over the UNet; the batch's clean images in model space, and the provider. */
    async denoise(d: DenoiseOptions): Promise<{ x0: Float32Array; provider: string }> {
      const B = d.seeds.length;
      const [h, w] = [d.height / factor, d.width / factor];
      const per = perImage(d.width, d.height);
      const { halves, guidance } = d.cond;
      const rows = halves.length * B;
      // Each image's own stream: its starting noise, then what an ancestral or LCM step draws.
      const rngs = d.seeds.map((seed) => new Rng(seed));
      const draw = (): Float32Array => {
        const z = new Float32Array(B * per);
        rngs.forEach((rng, k) => z.set(rng.fillNormal(new Float32Array(per)), k * per));
        return z;
      };
      const noise = draw();
      let init: Float32Array | undefined;
      if (d.init) {
        init = new Float32Array(B * per);
        for (let k = 0; k < B; k++) init.set(d.init, k * per);
      }
      // Conditions for [uncond × B, cond × B].
      const condFeeds = Object.fromEntries(
        Object.entries(d.cond.feeds).map(([name, t]) => [name, repeatRows(t, B)]),
      );
      // LCM: the guidance goes in as an embedding, one row per image.
      const cond = s.timestepCond
        ? embeddingRows(guidance, s.timestepCond.dim, rows, fl?.timestepCond)
        : null;
      let provider = 'cpu';
      const x0 = await sample({
        sampler: d.sampler,
        alphas,
        steps: d.steps,
        spread: s.scheduler,
        strength: d.strength,
        noise,
        fresh: draw,
        init,
        clip: latent ? undefined : s.valueRange,
        signal: d.signal,
        onStep: d.onStep,
        eps: async (x, t, _step, alpha) => {
          const input = new Float32Array(rows * per);
          for (let half = 0; half < halves.length; half++) input.set(x, half * B * per);
          const ts = s.timestep.perImage ? new Array<number>(rows).fill(t) : [t];
          const tt = s.timestep.dtype;
          const timestep =
            tt === 'int64' || tt === 'int32'
              ? ints(ts.map(Math.round), [ts.length], tt)
              : floats(Float32Array.from(ts), [ts.length], tt);
          const r = await inference.run(
            {
              model: net('unet', s.unet),
              feeds: {
                sample: floats(input, [rows, C, h, w], fl?.sample),
                timestep,
                ...condFeeds,
                ...(cond ? { timestep_cond: cond } : {}),
              },
              outputs: ['out_sample'],
            },
            opts(d.signal),
          );
          provider = r.provider;
          let out = readFloats(r.outputs.out_sample!);
          if (s.prediction === 'v_prediction') out = epsFromV(out, input, alpha);
          return halves.length === 2 ? guide(out, guidance) : out;
        },
      });
      return { x0, provider };
    },

    /** A batch of B clean W×H images in model space → RGBA. */
    async decode(x0: Float32Array, B: number, W: number, H: number, signal?: AbortSignal) {
      let pixels = x0;
      let range = s.valueRange;
      if (latent) {
        const r = await inference.run(
          {
            model: net('vae_decoder', latent.vaeDecoder),
            feeds: {
              latent_sample: floats(
                x0.map((v) => v / latent.scaling),
                [B, C, H / factor, W / factor],
                fl?.latent,
              ),
            },
            outputs: ['sample'],
          },
          opts(signal),
        );
        pixels = readFloats(r.outputs.sample!);
        range = [-1, 1];
      }
      const per = 3 * H * W;
      return Array.from({ length: B }, (_, k): Rgba =>
        nchwToRgba(pixels.subarray(k * per, (k + 1) * per), [1, 3, H, W], range),
      );
    },
  };
}

export type Denoiser = ReturnType<typeof createDenoiser>;
