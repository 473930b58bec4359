/**
 * `datasets.generate`: one source image's synthetic items, exactly as an augment run makes them
 * (`Method.generate` of ./method.ts, the image decoded by the decoder the driver uses and the
 * items encoded as the driver writes them), so item j depends only on `seeds[j]`. It reads no
 * path of the host — the image comes as PNG bytes — which is why batch workers may run it:
 * an augment run on workers (./method-remote.ts) sends each source here.
 */
import {
  AtelierError,
  invalid,
  type DatasetsGenerated,
  type DatasetsGenerateInput,
} from '../../../preload/contract';
import { encodeRgbaPng } from '../../inference/image';
import { BadImageError, decodeImage } from '../../inference/prepare';
import type { ServiceDeps } from '../section';
import { METHODS, type MethodFactory } from './methods';

/** A method's params refusal in one sentence, naming where in the params it is. */
export function paramsReason(e: unknown): string {
  const issues = (e as { issues?: { message: string; path: PropertyKey[] }[] }).issues;
  if (issues?.[0]) {
    const at = issues[0].path.map(String).join('.');
    return `${at ? `${at}: ` : ''}${issues[0].message}.`;
  }
  return `${(e as Error).message}.`;
}

export async function generateItems(
  deps: ServiceDeps,
  input: DatasetsGenerateInput,
  methods: Record<string, MethodFactory | null> = METHODS,
): Promise<DatasetsGenerated> {
  const factory = methods[input.method];
  if (!factory)
    throw new AtelierError({
      code: 'unsupported',
      message: `The ${input.method} method is not available in this version of Atelier.`,
      field: 'method',
    });
  const method = await factory(deps, input.model);
  let params: unknown;
  try {
    params = method.params(input.params);
  } catch (e) {
    if (e instanceof AtelierError) throw e;
    throw invalid(`The ${input.method} parameters are not valid: ${paramsReason(e)}`, 'params');
  }
  let image;
  try {
    image = decodeImage(input.source.png);
  } catch (e) {
    if (e instanceof BadImageError)
      throw invalid(`The source image cannot be read: ${e.message}`, 'source.png');
    throw e;
  }
  const { path, label } = input.source;
  const made = await method.generate({ path, label, image }, input.seeds, params);
  return { images: made.map((img) => new Uint8Array(encodeRgbaPng(img))) };
}
