/**
 * Diffusion img2img augmentation: k new images per source, each the source noised to `strength`
 * and denoised towards a prompt by an image model — the bundled `emoji` by default, or any model
 * of task "image" the user imported (Stable Diffusion included). The prompt is a template; its
 * `{label}` is the class folder's name with '-' and '_' read as spaces ("red_heart" → "red
 * heart"). Words the model does not know are left out of the prompt, as the Image studio does,
 * and never fail a run (a class whose words are all unknown is drawn without a prompt).
 *
 * The denoising is the Image studio's own pass (../image/denoise.ts: the same model layouts,
 * DDIM sampler, schedule and guidance, no negative prompt); per source the prompt is prepared
 * and the picture put in model space once, then each seed is its own run. The model draws at
 * its training size (48 px for `emoji`): the source, laid on the model's background where it is
 * transparent, is resized to that square, and every output is resized back to the source's
 * size, so the dataset keeps one size per source. Item j's noise is `new Rng(seeds[j])` over
 * one model-space image, so it depends on that seed alone — however many items are made with it.
 */
import { z } from 'zod';
import { invalid } from '../../../preload/contract';
import { IMAGE_MAX_PROMPT_CHARS } from '../../../preload/image';
import { thumbnail, type Rgba } from '../../inference/image';
import { createDenoiser, imageModel } from '../image/denoise';
import { modelSamplers, paramProblem } from '../image/few-step';
import type { ServiceDeps } from '../section';
import { resizeRegion } from './classic';
import type { Method } from './method';

const between = (name: string, lo: number, hi: number) =>
  z
    .number({ message: `${name} must be a number from ${lo} to ${hi}` })
    .min(lo, `${name} must be from ${lo} to ${hi}`)
    .max(hi, `${name} must be from ${lo} to ${hi}`);

export const DiffusionParams = z
  .object({
    /** How far each image moves from its source: 0.05 ≈ the source, 1 = drawn from noise. */
    strength: between('strength', 0.05, 1),
    /** Denoising steps for a strength of 1 (img2img runs ⌈steps × strength⌉ of them). */
    steps: between('steps', 1, 100).int('steps must be a whole number'),
    /** Classifier-free guidance: 0 ignores the prompt, higher follows it more closely. */
    guidance: between('guidance', 0, 20),
    /** The prompt; `{label}` is replaced by the class name. */
    prompt: z
      .string({ message: 'prompt must be text, e.g. "{label}"' })
      .max(IMAGE_MAX_PROMPT_CHARS, `prompt must be at most ${IMAGE_MAX_PROMPT_CHARS} characters`)
      .refine((t) => !/\{(?!label\})[^}]*\}/u.test(t), 'prompt can use only {label} in braces'),
  })
  .strict();
export type DiffusionParams = z.infer<typeof DiffusionParams>;
export const DIFFUSION_DEFAULTS: DiffusionParams = {
  strength: 0.5,
  steps: 20,
  guidance: 5,
  prompt: '{label}',
};

/** Checks and completes user params; a bad one is a sentence naming `params.<field>`. */
export function diffusionParams(input: unknown): DiffusionParams {
  const r = DiffusionParams.safeParse({ ...DIFFUSION_DEFAULTS, ...(input as object | undefined) });
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  if (issue.code === 'unrecognized_keys')
    throw invalid(
      `Diffusion img2img has no parameter "${issue.keys[0]}" (it takes strength, steps, guidance and prompt).`,
      `params.${issue.keys[0]}`,
    );
  throw invalid(issue.message, ['params', ...issue.path].join('.'));
}

/** The prompt for a source of class `label`. */
export const promptFor = (template: string, label: string): string =>
  template.replaceAll('{label}', label.replace(/[-_]+/gu, ' ').trim());

/** `img` resized to w×h: box-filtered first when it shrinks by 2× or more, then bilinear. */
export function fit(img: Rgba, w: number, h: number): Rgba {
  if (img.width === w && img.height === h) return img;
  const f = Math.floor(Math.min(img.width / w, img.height / h));
  const pre = f >= 2 ? thumbnail(img, Math.ceil(Math.max(img.width, img.height) / f)) : img;
  return resizeRegion(pre, [0, 0, pre.width, pre.height], w, h);
}

/** Opaque: transparent parts laid on `bg`. */
function flatten(img: Rgba, bg: readonly [number, number, number]): Rgba {
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < data.length; i += 4) {
    const a = img.data[i + 3]! / 255;
    for (let ch = 0; ch < 3; ch++) data[i + ch] = Math.round(img.data[i + ch]! * a + bg[ch]! * (1 - a));
    data[i + 3] = 255;
  }
  return { width: img.width, height: img.height, data };
}

/**
 * The img2img method over image model `model` (e.g. `emoji`). Refuses, naming `model`, one that
 * is not installed, cannot be loaded, is not an image model or cannot start from an image.
 */
export function diffusionMethod(
  deps: Pick<ServiceDeps, 'registry' | 'inference'>,
  model: string,
): Method<DiffusionParams> {
  const m = imageModel(deps.registry, model, 'model');
  const dn = createDenoiser(deps.inference, m, { field: 'model' });
  if (!dn.img2img)
    throw invalid(`Model "${m.id}" has no VAE encoder, so it cannot start from an image.`, 'model');
  const facts = m.manifest.image;
  // Ordinary models draw with DDIM (what earlier runs recorded); a few-step model (SD-Turbo,
  // LCM) with its own sampler, and the steps and guidance it was distilled for unless asked.
  const sampler = facts.fewStep ? modelSamplers(facts)[0]! : 'ddim';
  const side = m.manifest.image.trainSize;
  const bg = m.manifest.image.background ?? [255, 255, 255];
  return {
    id: 'img2img',
    model: { id: m.id, sha256: m.sha256, licence: m.manifest.license },
    params: (input) => {
      const own = facts.fewStep ? { steps: facts.defaults.steps, guidance: facts.defaults.guidance } : {};
      const p = diffusionParams({ ...own, ...(input as object | undefined) });
      const problem = paramProblem(facts, { steps: p.steps, guidance: p.guidance, sampler });
      if (problem) throw invalid(problem.message, `params.${problem.field}`);
      return p;
    },

    async generate(source, seeds, params, signal) {
      const { width, height } = source.image;
      const prompt = promptFor(params.prompt, source.label);
      const cond = await dn.condition(prompt, '', params.guidance, signal);
      const init = await dn.initFromRgba(fit(flatten(source.image, bg), side, side), signal);
      const out: Rgba[] = [];
      for (const seed of seeds) {
        const { x0 } = await dn.denoise({
          cond,
          width: side,
          height: side,
          seeds: [seed],
          sampler,
          steps: params.steps,
          strength: params.strength,
          init,
          signal,
        });
        const [image] = await dn.decode(x0, 1, side, side, signal);
        out.push(fit(image!, width, height));
      }
      return out;
    },
  };
}
