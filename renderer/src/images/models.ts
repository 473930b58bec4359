/** The Image studio's models: image-task models main lists, how the picker names them, which one runs. */
import type { ModelStatus } from '../../../preload/contract';
import { modelLine, modelProblem, pickModel, taskModels } from '../shell/taskModels';
import type { TaskModelsSpec } from '../shell/useTaskModels';

export const IMAGE_TASK = 'image';
/** The bundled model's id. */
export const BUNDLED_IMAGE_ID = 'emoji';

export function imageModels(models: readonly ModelStatus[] | null): ModelStatus[] {
  return taskModels(models, IMAGE_TASK);
}

const KIND: Record<'pixel' | 'latent', string> = { pixel: 'pixel diffusion', latent: 'Stable Diffusion' };

/** "Emoji · 3.1 MB · bundled · pixel diffusion" (+ "unavailable"). */
export function modelLabel(m: ModelStatus): string {
  return modelLine(m, m.image ? KIND[m.image.kind] : undefined);
}

/**
 * "Latent diffusion (VAE) · fp16 · few-step: 1–4 steps, no guidance · img2img" (or "knows 40
 * words" for a word model); null without image facts.
 */
export function imageModelDetail(m: ModelStatus): string | null {
  if (!m.image) return null;
  return (
    (m.image.kind === 'pixel' ? 'Draws pixels directly' : 'Latent diffusion (VAE)') +
    (m.image.dtype === 'float16' ? ' · fp16' : '') +
    (m.image.scheduler?.prediction === 'v_prediction' ? ' · v-prediction' : '') +
    (m.image.fewStep ? ` · ${m.image.fewStep.summary}` : '') +
    (m.image.words ? ` · knows ${m.image.words.vocab.length - 1} words` : '') +
    (m.image.img2img ? ' · img2img' : '')
  );
}

/** Has the image facts the studio draws with (the picker disables image-task models without them). */
export function isImageModel(m: ModelStatus): boolean {
  return m.image !== undefined;
}

/** The chosen model while it is listed and usable, else the bundled one, else the first usable one. */
export function pickImageModel(list: readonly ModelStatus[], chosen: string | null): ModelStatus | null {
  return pickModel(list, chosen, BUNDLED_IMAGE_ID, isImageModel);
}

/** Why the studio cannot generate, as a sentence (null when it can). */
export function imageModelProblem(list: readonly ModelStatus[], picked: ModelStatus | null): string | null {
  return modelProblem(
    list,
    picked,
    'image',
    'No image model is installed. Import a Stable Diffusion folder with “Import model…”.',
  );
}

/** The Image studio's picker state (`useTaskModels`). */
export const IMAGE_MODELS: TaskModelsSpec = {
  storageKey: 'atelier.images.model.v1',
  list: imageModels,
  pick: pickImageModel,
  problem: imageModelProblem,
};

/** "48 × 48" for a square size choice. */
export function sizeLabel(side: number, defaultSide: number): string {
  return `${side} × ${side}${side === defaultSide ? ' (default)' : ''}`;
}
