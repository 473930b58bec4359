/**
 * What a way of making new images is to the driver: a `Method`. Classic transforms are the
 * first; VAE-posterior sampling and diffusion img2img plug in through the same interface.
 *
 * Determinism is per item, not per call: output j of `generate` must depend only on the source
 * pixels, `seeds[j]` and the params — never on how many other seeds were passed with it. So a
 * method may batch (k images in one model call) while a rerun that only needs item 3, or another
 * machine given items 0–1 of the same source, still gets the same bytes.
 */
import { createHash } from 'node:crypto';
import type { Rgba } from '../../inference/image';
import { classicAugment, ClassicParams, CLASSIC_DEFAULTS } from './classic';

export interface SourceImage {
  /** Relative to the input root, '/'-separated. */
  path: string;
  label: string;
  image: Rgba;
}

export interface ModelRef {
  id: string;
  /** sha256 of the model's weights, as the model registry lists it. */
  sha256: string;
  /** The model's licence as its manifest gives it, for the dataset card. */
  licence?: string;
}

export interface Method<P = unknown> {
  /** Short name used in file names and the manifest: lower-case letters, digits, '-'. */
  id: string;
  /** The model behind it, if any: written into every item's manifest row. */
  model: ModelRef | null;
  /** Checks and completes user params (throws a readable error); the result goes into the manifest. */
  params(input: unknown): P;
  /** k = seeds.length new images of `source`; image j from `seeds[j]` alone (see above). */
  generate(source: SourceImage, seeds: readonly number[], params: P, signal?: AbortSignal): Promise<Rgba[]>;
}

/**
 * An item's seed: a function of the run seed, the source's relative path, the method and the
 * item's index only, so it is the same wherever and in whatever order the item is made.
 */
export function itemSeed(runSeed: number, source: string, method: string, index: number): number {
  const h = createHash('sha256')
    .update(`${runSeed >>> 0}\u0000${source}\u0000${method}\u0000${index}`)
    .digest();
  return h.readUInt32LE(0);
}

/** Flip, random resized crop and colour jitter (./classic.ts), pure CPU work. */
export const classicMethod: Method<ClassicParams> = {
  id: 'classic',
  model: null,
  params: (input) => ClassicParams.parse({ ...CLASSIC_DEFAULTS, ...(input as object | undefined) }),
  generate: (source, seeds, params) =>
    Promise.resolve(seeds.map((s) => classicAugment(source.image, s, params))),
};
