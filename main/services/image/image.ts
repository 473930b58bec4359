/**
 * The Image studio's service: text-to-image and img2img with diffusion models — the bundled
 * pixel-space emoji model (words → UNet) and imported Stable Diffusion folders (CLIP text
 * encoder → UNet in latent space → VAE). The samplers (./samplers.ts) run here in TypeScript;
 * each UNet call is one inference request, so Cancel lands within a step and other studios'
 * requests run between steps. Jobs run one at a time, oldest first; a queued job can be
 * cancelled before it starts. Every image of a batch has its own seed (seed + k) and record.
 */
import { join } from 'node:path';
import {
  AtelierError,
  invalid,
  type ImageGeneration,
  type ImageOutput,
  type ImageParams,
  type ImagePreview,
  type ImageQueueItem,
  type PixelImage,
} from '../../../preload/contract';
import {
  IMAGE_MAX_QUEUED,
  IMAGE_PREVIEW_MAX_SIDE,
  imageSizeLimits,
  imageSizeProblem,
  promptWords,
} from '../../../preload/image';
import type { InferenceClient } from '../../inference/client';
import { encodePng, nchwToRgba, thumbnail, type Rgba } from '../../inference/image';
import type { WireTensor } from '../../inference/protocol';
import { Rng } from '../../../preload/rng';
import type { JobContext } from '../jobs';
import type { Library } from '../library/library';
import type { ImageSection, Manifest } from '../models/manifest';
import type { ModelRegistry, RegisteredModel } from '../models/registry';
import { requireModel } from '../models/resolve';
import { announce, type Section, type ServiceDeps } from '../section';
import { loadTokenizer, type TextTokenizer } from '../text/tokenizer';
import { alphasCumprod, epsFromV, guide, sample } from './samplers';

export interface ImageDeps {
  registry: ModelRegistry;
  inference: InferenceClient;
  library: Library;
  onPreview?: (p: ImagePreview) => void;
  onQueue?: (items: ImageQueueItem[]) => void;
}

export interface ImageService {
  generate(jobId: string, params: ImageParams, ctx: JobContext): Promise<ImageOutput>;
  queue(): ImageQueueItem[];
}

type ImageModel = RegisteredModel & { manifest: Manifest & { image: ImageSection } };

/** How the noise is drawn, recorded with each image so it replays exactly. */
export const IMAGE_NOISE_SPEC = 'xoshiro128**+splitmix32/box-muller/nchw per image (seed + k)';

const f32 = (data: Float32Array, dims: number[]): WireTensor => ({
  dtype: 'float32',
  dims,
  data: data.slice().buffer as ArrayBuffer,
});
const i64 = (values: ArrayLike<number>, dims: number[]): WireTensor => ({
  dtype: 'int64',
  dims,
  data: BigInt64Array.from(Array.from(values), (v) => BigInt(v)).buffer,
});
const i32 = (values: ArrayLike<number>, dims: number[]): WireTensor => ({
  dtype: 'int32',
  dims,
  data: Int32Array.from(Array.from(values)).buffer,
});

/** A batch [B, C, H, W] in `range` as 8-bit RGB images (previews shrunk to IMAGE_PREVIEW_MAX_SIDE). */
function toPixels(
  data: Float32Array,
  b: number,
  h: number,
  w: number,
  range: [number, number],
  maxSide = 0,
): Rgba[] {
  const per = 3 * h * w;
  const out: Rgba[] = [];
  for (let k = 0; k < b; k++) {
    const img = nchwToRgba(data.subarray(k * per, (k + 1) * per), [1, 3, h, w], range);
    out.push(maxSide > 0 && Math.max(h, w) > maxSide ? thumbnail(img, maxSide) : img);
  }
  return out;
}

function toWire(img: Rgba): PixelImage {
  const rgb = new Uint8Array(img.width * img.height * 3);
  for (let i = 0, j = 0; i < img.data.length; i += 4, j += 3) {
    rgb[j] = img.data[i]!;
    rgb[j + 1] = img.data[i + 1]!;
    rgb[j + 2] = img.data[i + 2]!;
  }
  return { width: img.width, height: img.height, channels: 3, pixels: rgb };
}

/** Nearest-neighbour enlargement for small images (keeps the pixels crisp in the library). */
function enlargeNearest(img: Rgba, factor: number): Rgba {
  if (factor <= 1) return img;
  const w = img.width * factor;
  const h = img.height * factor;
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const s = ((Math.floor(y / factor) * img.width + Math.floor(x / factor)) * 4) | 0;
      data.set(img.data.subarray(s, s + 4), (y * w + x) * 4);
    }
  return { width: w, height: h, data };
}

function title(prompt: string, seed: number): string {
  const p = prompt.trim().replace(/\s+/g, ' ');
  const t = p ? (p.length > 60 ? `${p.slice(0, 59)}…` : p) : 'Untitled';
  return `${t} · seed ${seed}`;
}

export function createImageService(deps: ImageDeps): ImageService {
  interface Waiting {
    item: ImageQueueItem;
    start: () => void;
  }
  const waiting: Waiting[] = [];
  let running: ImageQueueItem | null = null;
  const tokenizers = new Map<string, Promise<TextTokenizer>>();

  const snapshot = (): ImageQueueItem[] => [
    ...(running ? [{ ...running }] : []),
    ...waiting.map((w) => ({ ...w.item })),
  ];
  const changed = (): void => deps.onQueue?.(snapshot());

  /**
   * Waits for this job's turn (FIFO); a cancel while waiting removes it from the queue. At most
   * IMAGE_MAX_QUEUED jobs wait: one more is refused at once.
   */
  function turn(item: ImageQueueItem, signal: AbortSignal): Promise<void> {
    if (signal.aborted)
      return Promise.reject(new AtelierError({ code: 'cancelled', message: 'Cancelled before it started.' }));
    if (waiting.length >= IMAGE_MAX_QUEUED)
      return Promise.reject(
        invalid(
          `${IMAGE_MAX_QUEUED} image jobs are already waiting; wait for some to finish or cancel them.`,
        ),
      );
    if (!running && waiting.length === 0) {
      running = item;
      item.state = 'running';
      changed();
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const w: Waiting = {
        item,
        start: () => {
          signal.removeEventListener('abort', onAbort);
          running = item;
          item.state = 'running';
          changed();
          resolve();
        },
      };
      const onAbort = (): void => {
        const i = waiting.indexOf(w);
        if (i !== -1) waiting.splice(i, 1);
        changed();
        reject(new AtelierError({ code: 'cancelled', message: 'Removed from the queue before it started.' }));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      waiting.push(w);
      changed();
    });
  }

  function done(): void {
    running = null;
    const next = waiting.shift();
    if (next) next.start();
    else changed();
  }

  function clipTokenizer(m: ImageModel): Promise<TextTokenizer> {
    const key = `${m.id}:${m.sha256}`;
    let t = tokenizers.get(key);
    if (!t) {
      t = loadTokenizer(join(m.dir, m.manifest.image.latent!.tokenizer)).catch((e: unknown) => {
        tokenizers.delete(key);
        throw new AtelierError({
          code: 'model-unavailable',
          message: `The tokenizer of "${m.id}" cannot be used: ${(e as Error).message}`,
        });
      });
      tokenizers.set(key, t);
    }
    return t;
  }

  /** CLIP ids: the tokenizer's own [bos … eos], cut to maxLength (ending in eos), padded with eos. */
  async function clipIds(m: ImageModel, prompt: string, maxLength: number): Promise<number[]> {
    const tok = await clipTokenizer(m);
    const ids = tok.encode(prompt);
    const eos = tok.tokenId('<|endoftext|>') ?? ids[ids.length - 1] ?? 0;
    const cut = ids.length > maxLength ? [...ids.slice(0, maxLength - 1), eos] : ids;
    while (cut.length < maxLength) cut.push(eos);
    return cut;
  }

  async function run(jobId: string, p: ImageParams, ctx: JobContext, m: ImageModel): Promise<ImageOutput> {
    const started = performance.now();
    const s = m.manifest.image;
    const latent = s.kind === 'latent' ? s.latent! : null;
    const W = p.width ?? s.trainSize;
    const H = p.height ?? s.trainSize;
    const factor = latent?.factor ?? 1;
    // The UNet halves the grid once per down block: sizes must divide all the way down.
    const multiple = s.sizeMultiple ?? 8;
    if (W % multiple !== 0)
      throw invalid(`must be a multiple of ${multiple} px for this model`, 'params.width');
    if (H % multiple !== 0)
      throw invalid(`must be a multiple of ${multiple} px for this model`, 'params.height');
    const steps = p.steps ?? s.defaults.steps;
    const guidance = p.guidance ?? s.defaults.guidance;
    const sampler = p.sampler ?? s.defaults.sampler;
    const B = p.batch;
    const C = latent ? latent.channels : 3;
    const h = H / factor;
    const w = W / factor;
    const per = C * h * w;
    const seeds = Array.from({ length: B }, (_, k) => (p.seed + k) >>> 0);
    const noise = new Float32Array(B * per);
    seeds.forEach((seed, k) => noise.set(new Rng(seed).fillNormal(new Float32Array(per)), k * per));
    const opts = { priority: 'batch' as const, signal: ctx.signal };
    const unetPath = join(m.dir, s.unet);
    const alphas = alphasCumprod(s.schedule);
    let provider = 'cpu';
    let unknownWords: string[] = [];

    // The conditions: [uncond (negative prompt) × B, cond × B], or only one half when guidance is 0 or 1.
    const halves = guidance === 1 ? ['cond'] : guidance === 0 ? ['uncond'] : ['uncond', 'cond'];
    const rows = halves.length * B;
    let condFeeds: Record<string, WireTensor>;
    if (s.conditioning.input === 'words') {
      const c = s.conditioning;
      const pos = promptWords(p.prompt, c);
      const neg = promptWords(p.negative, c);
      unknownWords = [...new Set([...pos.unknown, ...neg.unknown])];
      const ids: number[] = [];
      for (const half of halves)
        for (let k = 0; k < B; k++) ids.push(...(half === 'cond' ? pos.ids : neg.ids));
      condFeeds = { words: i64(ids, [rows, c.maxWords]) };
    } else {
      const c = s.conditioning;
      ctx.progress('preparing', 0.02, 'Reading the prompt');
      const texts = halves.map((half) => (half === 'cond' ? p.prompt : p.negative));
      const ids = (await Promise.all(texts.map((t) => clipIds(m, t, c.maxLength)))).flat();
      const enc = await deps.inference.run(
        {
          model: { id: `${m.id}/text_encoder`, path: join(m.dir, latent!.textEncoder) },
          feeds: {
            input_ids:
              c.idsType === 'int32'
                ? i32(ids, [texts.length, c.maxLength])
                : i64(ids, [texts.length, c.maxLength]),
          },
          outputs: ['last_hidden_state'],
        },
        opts,
      );
      const states = enc.outputs.last_hidden_state!;
      const D = states.dims[2]!;
      const one = new Float32Array(states.data);
      const all = new Float32Array(rows * c.maxLength * D);
      for (let hIdx = 0; hIdx < halves.length; hIdx++)
        for (let k = 0; k < B; k++)
          all.set(
            one.subarray(hIdx * c.maxLength * D, (hIdx + 1) * c.maxLength * D),
            (hIdx * B + k) * c.maxLength * D,
          );
      condFeeds = { encoder_hidden_states: f32(all, [rows, c.maxLength, D]) };
    }

    // img2img: the init image in model space.
    let init: Float32Array | undefined;
    if (p.init) {
      if (W !== H) throw invalid('img2img needs a square size for now', 'params.width');
      const bytes =
        'bytes' in p.init ? p.init.bytes : (await deps.library.readAsset(p.init.generationId, 'image')).bytes;
      const t = await deps.inference.prepareImage(
        bytes,
        { preprocess: 'center-crop', size: W, channels: 3 },
        opts,
      );
      const pix = new Float32Array(t.data);
      for (let i = 0; i < pix.length; i++) pix[i] = pix[i]! * 2 - 1;
      let one = pix;
      if (latent) {
        if (!latent.vaeEncoder)
          throw invalid('this model has no VAE encoder, so it cannot start from an image', 'params.init');
        const r = await deps.inference.run(
          {
            model: { id: `${m.id}/vae_encoder`, path: join(m.dir, latent.vaeEncoder) },
            feeds: { sample: f32(pix, [1, 3, H, W]) },
            outputs: [latent.encoderOutput ?? 'latent_sample'],
          },
          opts,
        );
        // latent_parameters stacks the mean and the log-variance: the mean is the first `channels`.
        const out = new Float32Array(r.outputs[latent.encoderOutput ?? 'latent_sample']!.data).subarray(
          0,
          per,
        );
        one = out.map((v) => v * latent.scaling);
      }
      init = new Float32Array(B * per);
      for (let k = 0; k < B; k++) init.set(one, k * per);
    }

    const decode = async (x0: Float32Array, maxSide: number): Promise<Rgba[]> => {
      if (!latent) return toPixels(x0, B, H, W, s.valueRange, maxSide);
      const scaled = x0.map((v) => v / latent.scaling);
      const r = await deps.inference.run(
        {
          model: { id: `${m.id}/vae_decoder`, path: join(m.dir, latent.vaeDecoder) },
          feeds: { latent_sample: f32(scaled, [B, C, h, w]) },
          outputs: ['sample'],
        },
        opts,
      );
      return toPixels(new Float32Array(r.outputs.sample!.data), B, H, W, [-1, 1], maxSide);
    };

    const item = running!;
    const x0 = await sample({
      sampler,
      alphas,
      steps,
      strength: p.strength,
      noise,
      init,
      clip: latent ? undefined : s.valueRange,
      signal: ctx.signal,
      eps: async (x, t) => {
        const input = new Float32Array(rows * per);
        for (let hIdx = 0; hIdx < halves.length; hIdx++) input.set(x, hIdx * B * per);
        const ts = s.timestep.perImage ? new Array<number>(rows).fill(t) : [t];
        const r = await deps.inference.run(
          {
            model: { id: `${m.id}/unet`, path: unetPath },
            feeds: {
              sample: f32(input, [rows, C, h, w]),
              timestep:
                s.timestep.dtype === 'int64' ? i64(ts, [ts.length]) : f32(Float32Array.from(ts), [ts.length]),
              ...condFeeds,
            },
            outputs: ['out_sample'],
          },
          opts,
        );
        provider = r.provider;
        let out: Float32Array = new Float32Array(r.outputs.out_sample!.data);
        if (s.prediction === 'v_prediction') out = epsFromV(out, input, alphas[Math.round(t)]!);
        return halves.length === 2 ? guide(out, guidance) : out;
      },
      onStep: async (step, total, estimate) => {
        item.step = step;
        item.steps = total;
        ctx.progress('inference', 0.05 + (0.85 * step) / total, `Step ${step} of ${total}`);
        changed();
        const every = p.previewEvery;
        if (every > 0 && deps.onPreview && (step % every === 0 || step === total) && step < total) {
          const images = await decode(estimate, IMAGE_PREVIEW_MAX_SIDE);
          deps.onPreview({ jobId, step, steps: total, images: images.map(toWire) });
        }
      },
    });

    ctx.progress('encoding', 0.92, 'Encoding');
    const finals = await decode(x0, 0);
    deps.onPreview?.({
      jobId,
      step: item.steps,
      steps: item.steps,
      images: finals.map((img) =>
        toWire(
          Math.max(img.width, img.height) > IMAGE_PREVIEW_MAX_SIDE
            ? thumbnail(img, IMAGE_PREVIEW_MAX_SIDE)
            : img,
        ),
      ),
    });
    ctx.checkpoint();
    ctx.progress('saving', 0.96, 'Saving');
    const durationMs = performance.now() - started;
    const results: ImageGeneration[] = [];
    const parentId = p.parentId ?? (p.init && 'generationId' in p.init ? p.init.generationId : null);
    for (let k = 0; k < B; k++) {
      const img = finals[k]!;
      const thumb =
        Math.max(img.width, img.height) < 128
          ? enlargeNearest(img, Math.floor(192 / Math.max(img.width, img.height)))
          : thumbnail(img, 256);
      results.push(
        await deps.library.add({
          kind: 'image',
          modelId: m.id,
          modelSha256: m.sha256,
          provider,
          seed: seeds[k]!,
          params: {
            model: m.id,
            prompt: p.prompt,
            negative: p.negative,
            seed: seeds[k]!,
            batchSeed: p.seed,
            batchIndex: k,
            steps,
            guidance,
            sampler,
            width: W,
            height: H,
            ...(p.init
              ? { strength: p.strength, init: 'generationId' in p.init ? p.init.generationId : 'file' }
              : {}),
            ...(unknownWords.length ? { unknownWords } : {}),
            noise: IMAGE_NOISE_SPEC,
            modelVersion: m.manifest.version,
          },
          parentId,
          durationMs,
          width: img.width,
          height: img.height,
          title: title(p.prompt, seeds[k]!),
          assets: [
            { role: 'image', mime: 'image/png', ext: 'png', bytes: encodePng(img) },
            { role: 'thumbnail', mime: 'image/png', ext: 'png', bytes: encodePng(thumb) },
          ],
        }),
      );
    }
    return { results, unknownWords, durationMs };
  }

  return {
    queue: snapshot,

    async generate(jobId, params, ctx) {
      const m = requireModel(deps.registry, params.model, 'image') as ImageModel;
      if (!m.manifest.image) throw invalid(`Model "${m.id}" has no image section.`, 'params.model');
      // Sizes the model cannot serve are refused before the job queues (no inference runs).
      const s = m.manifest.image;
      const tooBig = imageSizeProblem(
        { ...imageSizeLimits(s), trainSize: s.trainSize },
        params.width ?? s.trainSize,
        params.height ?? s.trainSize,
        params.batch,
      );
      if (tooBig) throw invalid(tooBig.message, `params.${tooBig.field}`);
      const item: ImageQueueItem = {
        jobId,
        prompt: params.prompt,
        batch: params.batch,
        state: 'queued',
        step: 0,
        steps: params.steps ?? m.manifest.image.defaults.steps,
      };
      await turn(item, ctx.signal);
      try {
        return await run(jobId, params, ctx, m);
      } finally {
        done();
      }
    },
  };
}

/**
 * The Image studio's section: each `image.generate` is a job in the studio's FIFO (listed by
 * `jobs.list` as kind `image`, its batch size and seed); its images reach the library.
 */
export function createImageSection(deps: ServiceDeps): Section<'image'> {
  const engine = createImageService({
    ...deps,
    onPreview: (p) => deps.events.emit('image.preview', p),
    onQueue: (items) => deps.events.emit('image.queue', items),
  });
  return {
    generate: async ({ jobId, params }) => {
      const out = await deps.jobs.run(jobId, (ctx) => engine.generate(jobId, params, ctx), {
        kind: 'image',
        label: params.prompt.trim() || 'Untitled',
        seed: params.seed,
        count: params.batch,
        results: (o) => o.results.map((g) => g.id),
      });
      for (const g of out.results) announce(deps, g);
      return out;
    },
    queue: () => engine.queue(),
  };
}
