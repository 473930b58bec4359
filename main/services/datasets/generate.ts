/**
 * `datasets.generate`: one source image's synthetic items, exactly as an augment run makes them
 * (`Method.generate` of ./method.ts, the image decoded by the decoder the driver uses and the
 * items encoded as the driver writes them), so item j depends only on `seeds[j]`. It reads no
 * path of the host — the image comes as PNG bytes — which is why batch workers may run it:
 * an augment run on workers (./method-remote.ts) sends each source here.
 */
import { invalid, type DatasetsGenerated, type DatasetsGenerateInput } from '../../../preload/contract';
import { encodeRgbaPng } from '../../inference/image';
import { BadImageError, decodeImage } from '../../inference/prepare';
import type { ServiceDeps } from '../section';
import { checkedParams, methodFactory, METHODS, type MethodFactory } from './methods';

export async function generateItems(
  deps: ServiceDeps,
  input: DatasetsGenerateInput,
  methods: Record<string, MethodFactory | null> = METHODS,
): Promise<DatasetsGenerated> {
  const method = await methodFactory(methods, input.method)(deps, input.model);
  const params = checkedParams(method, input.method, input.params);
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
