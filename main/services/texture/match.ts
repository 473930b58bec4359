/**
 * "Your photo as a style": finds the mixing weights over the texture model's named styles whose
 * textures share a photo's patch statistics (./match-stats). The first guess is the closest named
 * style (each rendered once at 128 px, cached per model file); separable CMA-ES (./cmaes) on the
 * softmax logits then refines it within a fixed budget of renders. Every render goes through the
 * inference client like `texture.generate`; the statistics are cheap enough for main.
 */
import { invalid, type TextureMatch, type TextureMatchInput } from '../../../preload/contract';
import { pngSize } from '../../inference/prepare';
import type { JobContext } from '../jobs';
import type { Manifest } from '../models/manifest';
import type { RegisteredModel } from '../models/registry';
import { modelFile, requireModel } from '../models/resolve';
import type { ServiceDeps } from '../section';
import { cmaes } from './cmaes';
import { crop, describe, distance, type Descriptor, type RgbPlanes } from './match-stats';
import { textureFeeds } from './texture';

/** The side the search renders and compares at. */
export const MATCH_SIZE = 128;
/** Renders the refinement may spend (the named styles' renders are cached, not counted). */
export const MATCH_BUDGET = 150;
/**
 * The side a photo's centre square is read at: the generator's default drawing scale, so a
 * texture it drew at 256 px compares pixel for pixel with the 128 px renders.
 */
export const PHOTO_SIZE = 256;
const STYLE_SEED = 1;
const PREVIEW_SIZE = 256;

type ResolvedModel = RegisteredModel & { manifest: Manifest };

/** Softmax of logits: weights ≥ 0 that sum to 1. */
export function softmax(logits: readonly number[]): number[] {
  const top = Math.max(...logits);
  const e = logits.map((v) => Math.exp(v - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/**
 * A photo as float planes: its centre square box-filtered (or stretched) to `size`, decoded and
 * resampled in the inference process, so a 20-megapixel JPEG never blocks main. A PNG's header
 * is read here first, so a tiny one is refused in words that say its size.
 */
export async function photoPlanes(
  inference: ServiceDeps['inference'],
  bytes: Uint8Array,
  size: number,
  signal?: AbortSignal,
): Promise<RgbPlanes> {
  const header = pngSize(bytes);
  if (header && (header.width < 16 || header.height < 16))
    throw invalid(
      `This image is ${header.width}×${header.height} px; a photo to match needs at least 16×16.`,
      'image',
    );
  const t = await inference.prepareImage(
    bytes,
    { preprocess: 'center-crop', size, channels: 3 },
    { priority: 'interactive', ...(signal ? { signal } : {}) },
  );
  const data = new Float32Array(t.data);
  const n = size * size;
  return {
    width: size,
    height: size,
    planes: [data.slice(0, n), data.slice(n, 2 * n), data.slice(2 * n, 3 * n)],
  };
}

/** Words for how close a match came, against the photo's own halves' distance. */
export function verdict(dist: number, self: number): { verdict: TextureMatch['verdict']; message: string } {
  // A very even photo's halves agree almost exactly; the floor keeps "close" within reach for it.
  const ratio = dist / Math.max(self, 0.03);
  if (ratio <= 1.5)
    return {
      verdict: 'close',
      message:
        'Close match: the texture varies from the photo about as much as the photo varies within itself.',
    };
  if (ratio <= 4)
    return {
      verdict: 'rough',
      message:
        'Rough match: the colours and grain are related, but the photo has structure this model does not make.',
    };
  return {
    verdict: 'poor',
    message: `Poor match: this model cannot make textures like this photo (${ratio.toFixed(1)}× further than the photo's own halves); the closest it has is shown.`,
  };
}

/** Runs `texture.match` as a job; the named styles' descriptors are kept per model file. */
export function createMatcher(deps: ServiceDeps) {
  const styleCache = new Map<string, Descriptor[]>();

  async function render(
    model: ResolvedModel,
    weights: number[],
    seed: number,
    size: number,
    signal: AbortSignal,
  ) {
    const tex = model.manifest.texture!;
    return deps.inference.run(
      {
        model: { id: model.id, path: modelFile(model, 'generator') },
        feeds: textureFeeds(seed, size, tex.latentChannels, tex.latentStride, Float32Array.from(weights)),
        outputs: size === MATCH_SIZE ? ['image'] : [],
        ...(size === MATCH_SIZE
          ? {}
          : { encode: { output: 'image', range: tex.outputRange, upscale: 1, thumbnail: 0 } }),
      },
      { priority: 'batch', signal },
    );
  }

  async function describeWeights(model: ResolvedModel, weights: number[], seed: number, signal: AbortSignal) {
    const tex = model.manifest.texture!;
    const out = (await render(model, weights, seed, MATCH_SIZE, signal)).outputs.image!;
    const data = new Float32Array(out.data);
    const n = MATCH_SIZE * MATCH_SIZE;
    const [lo, hi] = tex.outputRange;
    const plane = (c: number): Float32Array =>
      data.subarray(c * n, (c + 1) * n).map((v) => Math.min(1, Math.max(0, (v - lo) / (hi - lo))));
    return describe({ width: MATCH_SIZE, height: MATCH_SIZE, planes: [plane(0), plane(1), plane(2)] });
  }

  async function run(input: Required<TextureMatchInput>, ctx: JobContext): Promise<TextureMatch> {
    const started = performance.now();
    ctx.progress('preparing', 0.01, 'Reading the photo');
    const model = requireModel(deps.registry, input.model, 'texture', 'model');
    const tex = model.manifest.texture!;
    const S = tex.styles.length;
    const photo = await photoPlanes(deps.inference, input.image, PHOTO_SIZE, ctx.signal);
    const target = describe(photo);
    const half = PHOTO_SIZE / 2;
    const selfDistance = distance(
      describe(crop(photo, 0, 0, half, PHOTO_SIZE)),
      describe(crop(photo, half, 0, half, PHOTO_SIZE)),
    );
    const total = S + MATCH_BUDGET + 1;
    let done = 0;
    const step = (message: string): void => ctx.progress('inference', 0.02 + (0.93 * done) / total, message);

    let styles = styleCache.get(model.sha256);
    if (!styles) {
      styles = [];
      for (let k = 0; k < S; k++) {
        ctx.checkpoint();
        const w = Array.from({ length: S }, (_, i) => (i === k ? 1 : 0));
        styles.push(await describeWeights(model, w, STYLE_SEED, ctx.signal));
        done++;
        step('Comparing the named styles');
      }
      styleCache.set(model.sha256, styles);
    } else done = S;
    const first = styles.map((d) => distance(target, d));
    const bestStyle = first.indexOf(Math.min(...first));

    // Logits 4 apart make the first guess ~90% its style, leaving room to mix the others in.
    const start = Array.from({ length: S }, (_, i) => (i === bestStyle ? 4 : 0));
    const result = await cmaes(
      async (xs) => {
        const values: number[] = [];
        for (const x of xs) {
          ctx.checkpoint();
          values.push(distance(target, await describeWeights(model, softmax(x), input.seed, ctx.signal)));
          done++;
        }
        step('Searching the style space');
        return values;
      },
      { mean: start, sigma: 1.5, budget: MATCH_BUDGET, seed: input.seed },
    );
    ctx.checkpoint();
    const weights = softmax(result.x);
    const dist = result.value;

    ctx.progress('encoding', 0.96, 'Rendering the preview');
    const preview = await render(model, weights, input.seed, PREVIEW_SIZE, ctx.signal);
    const order = weights.map((w, i) => [w, i] as const).sort((a, b) => b[0] - a[0]);
    const named = order
      .filter(([w], rank) => rank === 0 || w >= 0.05)
      .slice(0, 4)
      .map(([w, i]) => {
        const s = tex.styles.find((x) => x.index === i);
        return { id: s?.id ?? String(i), name: s?.name ?? String(i), weight: w };
      });
    return {
      weights,
      distance: dist,
      selfDistance,
      ...verdict(dist, selfDistance),
      styles: named,
      preview: new Uint8Array(preview.png!),
      evaluations: result.evaluations,
      durationMs: performance.now() - started,
    };
  }

  return {
    match: (input: Required<TextureMatchInput>) =>
      deps.jobs.run(input.jobId, (ctx) => run(input, ctx), {
        kind: 'texture',
        label: `Match a photo · seed ${input.seed}`,
        seed: input.seed,
        count: 0,
      }),
  };
}
