/**
 * Seamless textures: a fully convolutional generator with circular padding, so any size tiles
 * by construction. Noise comes from our seeded RNG; the style input is a one-hot or a blend.
 */
import { invalid, type TextureParams } from '../../../preload/contract';
import type { WireFeed } from '../../inference/protocol';
import type { JobContext } from '../jobs';
import { modelFile, requireModel } from '../models/resolve';
import { announce, type Section, type ServiceDeps } from '../section';
import { createMatcher } from './match';

/** How the latent noise is drawn, recorded with each generation so it replays exactly. */
export const NOISE_SPEC = 'xoshiro128**+splitmix32/box-muller/nchw';

export function textureFeeds(
  seed: number,
  drawSize: number,
  latentChannels: number,
  stride: number,
  styleWeights: Float32Array,
): Record<string, WireFeed> {
  const side = drawSize / stride;
  return {
    // Drawn from the seed inside the inference process (see SeededNormal): main stays free.
    noise: { dtype: 'float32', dims: [1, latentChannels, side, side], seededNormal: seed },
    style: {
      dtype: 'float32',
      dims: [1, styleWeights.length],
      data: styleWeights.slice().buffer as ArrayBuffer,
    },
  };
}

/** The Texture studio's section: `texture.generate` is a job (progress, cancel) that ends in the library. */
export function createTextureSection(deps: ServiceDeps): Section<'texture'> {
  // Seconds per megapixel, learned from finished runs, drives the progress estimate during inference.
  let msPerMegapixel = 400;

  async function run(params: TextureParams, ctx: JobContext) {
    ctx.progress('preparing', 0.02, 'Preparing');
    const model = requireModel(deps.registry, params.model, 'texture');
    const tex = model.manifest.texture!;
    const styleIndex = (id: string, field: string): number => {
      const s = tex.styles.find((x) => x.id === id);
      if (!s) {
        throw invalid(
          `Unknown style "${id}"; this model has ${tex.styles.map((x) => x.id).join(', ')}.`,
          field,
        );
      }
      return s.index;
    };
    const weights = new Float32Array(tex.styles.length);
    const amount = params.blend?.amount ?? 0;
    weights[styleIndex(params.style, 'params.style')]! += 1 - amount;
    if (params.blend) weights[styleIndex(params.blend.style, 'params.blend.style')]! += amount;
    if (params.weights) {
      // A photo match's mix: the contract checked ≥ 0 and the sum; the model fixes the length.
      if (params.weights.length !== tex.styles.length) {
        throw invalid(
          `Needs ${tex.styles.length} weights, one per style of this model; got ${params.weights.length}.`,
          'params.weights',
        );
      }
      weights.set(params.weights);
    }
    if (params.size < tex.minSize || params.size > tex.maxSize) {
      throw invalid(
        `Size must be between ${tex.minSize} and ${tex.maxSize} px for this model.`,
        'params.size',
      );
    }
    const drawSize = params.size / params.scale;
    if (drawSize % tex.latentStride !== 0) {
      throw invalid(`Size / scale must be a multiple of ${tex.latentStride} px.`, 'params.size');
    }
    ctx.checkpoint();

    const started = performance.now();
    const megapixels = (drawSize * drawSize) / 1e6;
    const expectedMs = Math.max(50, msPerMegapixel * megapixels);
    ctx.progress('inference', 0.05, 'Generating');
    // The run is one onnxruntime call; the bar advances on the learned rate until it returns.
    const ticker = setInterval(() => {
      const f = Math.min(0.85, 0.05 + (0.8 * (performance.now() - started)) / expectedMs);
      ctx.progress('inference', f, 'Generating');
    }, 100);
    let result;
    try {
      result = await deps.inference.run(
        {
          model: { id: model.id, path: modelFile(model, 'generator') },
          feeds: textureFeeds(params.seed, drawSize, tex.latentChannels, tex.latentStride, weights),
          encode: { output: 'image', range: tex.outputRange, upscale: params.scale, thumbnail: 256 },
        },
        // Past half a second, stopping the process beats waiting for a run nobody wants.
        { priority: 'batch', signal: ctx.signal, killOnAbort: expectedMs > 500 },
      );
    } finally {
      clearInterval(ticker);
    }
    msPerMegapixel = 0.7 * msPerMegapixel + 0.3 * (result.inferenceMs / megapixels);
    ctx.checkpoint();
    ctx.progress('saving', 0.92, 'Saving to the library');
    const styleName = (id: string): string => tex.styles.find((s) => s.id === id)?.name ?? id;
    const title =
      (params.name ?? (params.weights ? `${styleName(params.style)} mix` : styleName(params.style))) +
      (params.blend && !params.weights
        ? ` + ${styleName(params.blend.style)} ${Math.round(params.blend.amount * 100)}%`
        : '') +
      ` · seed ${params.seed} · ${params.size}px`;
    return await deps.library.add({
      kind: 'texture',
      modelId: model.id,
      modelSha256: model.sha256,
      provider: result.provider,
      seed: params.seed,
      params: { ...params, noise: NOISE_SPEC, modelVersion: model.manifest.version },
      parentId: params.parentId,
      durationMs: performance.now() - started,
      width: result.width ?? params.size,
      height: result.height ?? params.size,
      title,
      assets: [
        { role: 'image', mime: 'image/png', ext: 'png', bytes: result.png! },
        { role: 'thumbnail', mime: 'image/png', ext: 'png', bytes: result.thumbnailPng! },
      ],
    });
  }

  const matcher = createMatcher(deps);
  return {
    match: async (input) => matcher.match(input),
    generate: async ({ jobId, params }) =>
      announce(
        deps,
        await deps.jobs.run(jobId, (ctx) => run(params, ctx), {
          kind: 'texture',
          label: `${params.style}${params.blend ? ` + ${params.blend.style}` : ''} · seed ${params.seed} · ${params.size}px`,
          seed: params.seed,
          results: (g) => [g.id],
        }),
      ),
  };
}
