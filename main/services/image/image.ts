/**
 * The Image studio's service: text-to-image and img2img with diffusion models — the bundled
 * pixel-space emoji model (words → UNet) and imported Stable Diffusion folders (CLIP text
 * encoder → UNet in latent space → VAE). The denoising pass over the model's networks is
 * ./denoise.ts (shared with the Datasets' img2img method); this file adds the studio's FIFO
 * (./queue.ts), progress, `image.preview` events and library records. Each UNet call is one
 * inference request, so Cancel lands within a step and other studios' requests run between
 * steps. Jobs run one at a time, oldest first; a queued job can be cancelled before it starts.
 * Every image of a batch has its own seed (seed + k) and record.
 */
import {
  invalid,
  type ImageGeneration,
  type ImageOutput,
  type ImageParams,
  type ImagePreview,
  type ImageQueueItem,
} from '../../../preload/contract';
import { IMAGE_PREVIEW_MAX_SIDE, imageSizeLimits, imageSizeProblem } from '../../../preload/image';
import type { InferenceClient } from '../../inference/client';
import { encodePng, thumbnail } from '../../inference/image';
import type { JobContext } from '../jobs';
import type { Library } from '../library/library';
import type { ModelRegistry } from '../models/registry';
import { announce, type Section, type ServiceDeps } from '../section';
import type { TextTokenizer } from '../text/tokenizer';
import { createDenoiser, IMAGE_NOISE_SPEC, imageModel, type ImageModel } from './denoise';
import { paramProblem } from './few-step';
import { createImageQueue } from './queue';
import { enlargeNearest, title, toWire } from './pictures';

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

export function createImageService(deps: ImageDeps): ImageService {
  const fifo = createImageQueue((items) => deps.onQueue?.(items));
  const tokenizers = new Map<string, Promise<TextTokenizer>>();

  async function run(
    item: ImageQueueItem,
    p: ImageParams,
    ctx: JobContext,
    m: ImageModel,
  ): Promise<ImageOutput> {
    const { jobId } = item;
    const started = performance.now();
    const s = m.manifest.image;
    const W = p.width ?? s.trainSize;
    const H = p.height ?? s.trainSize;
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
    const maxSide = IMAGE_PREVIEW_MAX_SIDE;
    const seeds = Array.from({ length: B }, (_, k) => (p.seed + k) >>> 0);
    const dn = createDenoiser(deps.inference, m, { tokenizers });

    if (s.conditioning.input !== 'words') ctx.progress('preparing', 0.02, 'Reading the prompt');
    const cond = await dn.condition(p.prompt, p.negative, guidance, ctx.signal);
    const unknownWords = cond.unknown;

    // img2img: the init image in model space.
    let init: Float32Array | undefined;
    if (p.init) {
      if (W !== H) throw invalid('img2img needs a square size for now', 'params.width');
      const bytes =
        'bytes' in p.init ? p.init.bytes : (await deps.library.readAsset(p.init.generationId, 'image')).bytes;
      if (!dn.img2img)
        throw invalid('this model has no VAE encoder, so it cannot start from an image', 'params.init');
      init = await dn.initFromFile(bytes, W, ctx.signal);
    }

    const { x0, provider } = await dn.denoise({
      cond,
      width: W,
      height: H,
      seeds,
      sampler,
      steps,
      strength: p.strength,
      init,
      signal: ctx.signal,
      onStep: async (step, total, estimate) => {
        item.step = step;
        item.steps = total;
        ctx.progress('inference', 0.05 + (0.85 * step) / total, `Step ${step} of ${total}`);
        fifo.changed();
        const every = p.previewEvery;
        if (every > 0 && deps.onPreview && (step % every === 0 || step === total) && step < total) {
          const images = await dn.decode(estimate, B, W, H, ctx.signal);
          deps.onPreview({ jobId, step, steps: total, images: images.map((i) => toWire(i, maxSide)) });
        }
      },
    });

    ctx.progress('encoding', 0.92, 'Encoding');
    const finals = await dn.decode(x0, B, W, H, ctx.signal);
    deps.onPreview?.({
      jobId,
      step: item.steps,
      steps: item.steps,
      images: finals.map((i) => toWire(i, maxSide)),
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
    queue: fifo.snapshot,

    async generate(jobId, params, ctx) {
      const m = imageModel(deps.registry, params.model, 'params.model');
      // Sizes the model cannot serve are refused before the job queues (no inference runs).
      const s = m.manifest.image;
      const tooBig = imageSizeProblem(
        { ...imageSizeLimits(s), trainSize: s.trainSize },
        params.width ?? s.trainSize,
        params.height ?? s.trainSize,
        params.batch,
      );
      if (tooBig) throw invalid(tooBig.message, `params.${tooBig.field}`);
      // Steps, guidance and sampler the model was not made for (a few-step model's range).
      const odd = paramProblem(s, {
        steps: params.steps ?? s.defaults.steps,
        guidance: params.guidance ?? s.defaults.guidance,
        sampler: params.sampler ?? s.defaults.sampler,
      });
      if (odd) throw invalid(odd.message, `params.${odd.field}`);
      const item: ImageQueueItem = {
        jobId,
        prompt: params.prompt,
        batch: params.batch,
        state: 'queued',
        step: 0,
        steps: params.steps ?? m.manifest.image.defaults.steps,
      };
      await fifo.turn(item, ctx.signal);
      try {
        return await run(item, params, ctx, m);
      } finally {
        fifo.done();
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
