/**
 * The augment methods the contract names, each a factory for a `Method` (./method.ts): the
 * section looks the user's choice up here, so a new method is one line. A method that needs a
 * model gets the services (registry, inference) and the model id the user chose, or its default.
 */
import { invalid, type DatasetMethod } from '../../../preload/contract';
import type { ServiceDeps } from '../section';
import { classicMethod, type Method } from './method';
import { diffusionMethod } from './method-diffusion';
import { textureMethod } from './method-texture';
import { vaePosteriorMethod } from './method-vae';

export type MethodFactory = (deps: ServiceDeps, model: string | undefined) => Promise<Method>;

const classic: MethodFactory = (_deps, model) => {
  if (model !== undefined) throw invalid('Classic transforms use no model: leave the model out.', 'model');
  return Promise.resolve(classicMethod as Method);
};

/** The latent model VAE-posterior sampling uses when none is named: the bundled glyph VAE. */
export const DEFAULT_VAE_MODEL = 'glyphs';

const vaePosterior: MethodFactory = async (deps, model) =>
  (await vaePosteriorMethod(deps, model ?? DEFAULT_VAE_MODEL)) as Method;

/** The image model diffusion img2img uses when none is named: the bundled emoji model. */
export const DEFAULT_IMAGE_MODEL = 'emoji';

/** Every method of the contract; null where this build cannot run it. */
export const METHODS: Record<DatasetMethod, MethodFactory | null> = {
  classic,
  'vae-posterior': vaePosterior,
  'diffusion-img2img': (deps, model) =>
    Promise.resolve(diffusionMethod(deps, model ?? DEFAULT_IMAGE_MODEL) as Method),
  'texture-resynthesis': (_deps, model) => {
    if (model !== undefined)
      throw invalid('Texture re-synthesis uses no model: leave the model out.', 'model');
    return Promise.resolve(textureMethod as Method);
  },
};
