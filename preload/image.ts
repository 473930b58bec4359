/**
 * The Image studio's shared vocabulary: limits, samplers and defaults. Main validates against
 * these (through the contract), the renderer builds its controls from them. No Node, no Electron.
 */

export const IMAGE_SAMPLERS = ['ddim', 'euler'] as const;
export type ImageSampler = (typeof IMAGE_SAMPLERS)[number];

export const IMAGE_SAMPLER_LABELS: Record<ImageSampler, string> = {
  ddim: 'DDIM (deterministic)',
  euler: 'Euler',
};

export const IMAGE_MIN_SIZE = 32;
export const IMAGE_MAX_SIZE = 1024;
export const IMAGE_SIZE_STEP = 8;
export const IMAGE_MAX_STEPS = 200;
export const IMAGE_MAX_BATCH = 8;
export const IMAGE_MAX_GUIDANCE = 30;
export const IMAGE_MAX_PROMPT_CHARS = 1000;
/** The largest init image (img2img) a call may carry. */
export const IMAGE_MAX_INIT_BYTES = 24 * 1024 * 1024;
/** Previews are sent at most this many pixels on their longest side. */
export const IMAGE_PREVIEW_MAX_SIDE = 256;

export interface ImageDefaults {
  steps: number;
  guidance: number;
  sampler: ImageSampler;
}

export const IMAGE_DEFAULTS: ImageDefaults = { steps: 30, guidance: 3, sampler: 'ddim' };

export interface WordConditioning {
  vocab: readonly string[];
  stopWords: readonly string[];
  maxWords: number;
}

/**
 * A prompt as the bundled model reads it: lower-case words (letters and digits), stop words
 * dropped, each looked up in the vocabulary (index = id; 0 is padding). Unknown words are
 * ignored and reported; the first `maxWords` known words are used, padded with 0.
 */
export function promptWords(
  prompt: string,
  c: WordConditioning,
): { ids: number[]; used: string[]; unknown: string[]; dropped: string[] } {
  const index = new Map<string, number>();
  c.vocab.forEach((w, i) => {
    if (i > 0 && !index.has(w)) index.set(w, i);
  });
  const stop = new Set(c.stopWords);
  const words = prompt.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const used: string[] = [];
  const unknown: string[] = [];
  const dropped: string[] = [];
  const ids: number[] = [];
  for (const w of words) {
    if (stop.has(w)) continue;
    const id = index.get(w);
    if (id === undefined) {
      if (!unknown.includes(w)) unknown.push(w);
    } else if (ids.length < c.maxWords) {
      ids.push(id);
      used.push(w);
    } else dropped.push(w);
  }
  while (ids.length < c.maxWords) ids.push(0);
  return { ids, used, unknown, dropped };
}
