/**
 * The augment methods the contract names, each a factory for a `Method` (./method.ts): the
 * section looks the user's choice up here, so a new method is one line. A method that needs a
 * model gets the services (registry, inference) and the model id the user chose, or its default.
 */
import { AtelierError, invalid, type DatasetMethod } from '../../../preload/contract';
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

/** The factory of the method `name`, or an `unsupported` refusal naming `method`. */
export function methodFactory(methods: Record<string, MethodFactory | null>, name: string): MethodFactory {
  const factory = methods[name];
  if (!factory)
    throw new AtelierError({
      code: 'unsupported',
      message: `The ${name} method is not available in this version of Atelier.`,
      field: 'method',
    });
  return factory;
}

/** The user's params checked and completed by the method, or a refusal naming `params`. */
export function checkedParams(method: Method, name: string, raw: unknown): unknown {
  try {
    return method.params(raw);
  } catch (e) {
    if (e instanceof AtelierError) throw e;
    throw invalid(`The ${name} parameters are not valid: ${paramsReason(e)}`, 'params');
  }
}

/** A params refusal in one sentence, naming where in the params it is. */
function paramsReason(e: unknown): string {
  const issues = (e as { issues?: { message: string; path: PropertyKey[] }[] }).issues;
  if (issues?.[0]) {
    const at = issues[0].path.map(String).join('.');
    return `${at ? `${at}: ` : ''}${issues[0].message}.`;
  }
  return `${(e as Error).message}.`;
}
