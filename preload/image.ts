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
/** At most this many image jobs wait behind the running one; more are refused. */
export const IMAGE_MAX_QUEUED = 16;
/**
 * Per-model limits, when a manifest does not state its own: a side of at most 4× the training
 * size for a pixel model (its UNet attends over the whole image: memory grows with the square of
 * the pixels) and 2× for a latent one, and at most the pixels of 2 images at that side per job
 * (size × size × batch), never more than two 1024 × 1024 images: each keeps the inference process
 * within a few GB (measured by `npm run bench -- image`).
 */
export const IMAGE_MAX_PIXELS_PER_JOB = 1024 * 1024 * 2;

export interface ImageSizeLimits {
  /** The longest side the model draws (px). */
  maxSize: number;
  /** The most width × height × batch in one job. */
  maxPixelsPerJob: number;
}

/** A model's size limits: its manifest's own, or derived from what it was trained at. */
export function imageSizeLimits(s: {
  kind: 'pixel' | 'latent';
  trainSize: number;
  sizeMultiple?: number | undefined;
  maxSize?: number | undefined;
  maxPixelsPerJob?: number | undefined;
}): ImageSizeLimits {
  const multiple = s.sizeMultiple ?? IMAGE_SIZE_STEP;
  const derived =
    Math.floor(Math.min(IMAGE_MAX_SIZE, s.trainSize * (s.kind === 'pixel' ? 4 : 2)) / multiple) * multiple;
  const maxSize = s.maxSize ?? Math.max(multiple, derived);
  const maxPixelsPerJob = s.maxPixelsPerJob ?? Math.min(maxSize * maxSize * 2, IMAGE_MAX_PIXELS_PER_JOB);
  return { maxSize, maxPixelsPerJob };
}

/**
 * Why `width` × `height` × `batch` is beyond a model's limits (the field to name and a sentence
 * that says why), or null when it is within them.
 */
export function imageSizeProblem(
  limits: ImageSizeLimits & { trainSize: number },
  width: number,
  height: number,
  batch: number,
): { field: 'width' | 'height' | 'batch'; message: string } | null {
  const { maxSize, maxPixelsPerJob, trainSize } = limits;
  for (const [field, side] of [
    ['width', width],
    ['height', height],
  ] as const)
    if (side > maxSize)
      return {
        field,
        message: `This model was trained at ${trainSize} px; it draws at most ${maxSize} px (asked ${side}).`,
      };
  const pixels = width * height * batch;
  if (pixels > maxPixelsPerJob) {
    const fit = Math.floor(maxPixelsPerJob / (width * height));
    return {
      field: 'batch',
      message:
        `This model draws at most ${maxPixelsPerJob.toLocaleString('en-US')} pixels per job ` +
        `(width × height × batch) to keep its memory in bounds; ${width} × ${height} × ${batch} is ` +
        `${pixels.toLocaleString('en-US')}. ` +
        (fit >= 1 ? `At this size the batch can be at most ${fit}.` : 'Choose a smaller size.'),
    };
  }
  return null;
}
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
  /** Words offered beside the prompt, by group ("Style": flat, line icon; "Colour": red, blue …). */
  suggestions?: readonly WordSuggestion[];
}

export interface WordSuggestion {
  label: string;
  /** Each entry is a word or a phrase ("line icon"). */
  words: readonly string[];
}

const lowerWords = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Whether `phrase` (one word or several, in order) is in `prompt`. */
export function hasPhrase(prompt: string, phrase: string): boolean {
  const ws = lowerWords(prompt);
  const ph = lowerWords(phrase);
  if (ph.length === 0) return false;
  for (let i = 0; i + ph.length <= ws.length; i++) if (ph.every((w, k) => ws[i + k] === w)) return true;
  return false;
}

/**
 * The prompt with suggestion `phrase` of `group` put first, any other phrase of the same group
 * taken out (picking "blue" replaces "red"; picking the phrase already there takes it out).
 */
export function togglePhrase(prompt: string, phrase: string, group: readonly string[]): string {
  const had = hasPhrase(prompt, phrase);
  let ws = prompt.trim().split(/\s+/).filter(Boolean);
  for (const other of group) {
    const ph = lowerWords(other);
    for (let i = 0; i + ph.length <= ws.length; i++) {
      const seg = ws.slice(i, i + ph.length).map((w) => lowerWords(w).join(' '));
      if (ph.every((w, k) => seg[k] === w)) {
        ws = [...ws.slice(0, i), ...ws.slice(i + ph.length)];
        i--;
      }
    }
  }
  return (had ? ws : [phrase, ...ws]).join(' ');
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
