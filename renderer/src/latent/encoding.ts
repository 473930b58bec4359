/** Encoding an image: what is asked of the encoder and which files it refuses before reading them. */
import type { ErrorInfo } from '../../../preload/contract';
import { LATENT_MAX_IMAGE_BYTES } from '../../../preload/contract';

/** Posterior samples drawn for an encoded image. */
export const ENCODE_SAMPLES = 6;

/** Why the file cannot be encoded (too large: it is not read at all), or null. */
export function encodeFileProblem(file: { name: string; size: number }): ErrorInfo | null {
  if (file.size <= LATENT_MAX_IMAGE_BYTES) return null;
  return {
    code: 'invalid-input',
    message: `“${file.name}” is too large to encode (at most ${LATENT_MAX_IMAGE_BYTES >> 20} MiB).`,
  };
}
