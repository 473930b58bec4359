/** The Image studio's models: image-task models main lists, how the picker names them, which one runs. */
import type { ModelStatus } from '../../../preload/contract';
import { formatSize } from '../writer/models';

export const IMAGE_TASK = 'image';
/** The bundled model's id. */
export const BUNDLED_IMAGE_ID = 'emoji';

export function imageModels(models: readonly ModelStatus[] | null): ModelStatus[] {
  return (models ?? []).filter((m) => m.task === IMAGE_TASK);
}

const KIND: Record<'pixel' | 'latent', string> = { pixel: 'pixel diffusion', latent: 'Stable Diffusion' };

/** "Emoji · 3.1 MB · bundled · pixel diffusion" (+ "unavailable"). */
export function modelLabel(m: ModelStatus): string {
  const parts = [m.name, formatSize(m.sizeBytes), m.source];
  if (m.image) parts.push(KIND[m.image.kind]);
  return parts.join(' · ') + (m.ok ? '' : ' · unavailable');
}

/** The chosen model while it is listed and usable, else the bundled one, else the first usable one. */
export function pickImageModel(list: readonly ModelStatus[], chosen: string | null): ModelStatus | null {
  const ok = list.filter((m) => m.ok && m.image);
  return ok.find((m) => m.id === chosen) ?? ok.find((m) => m.id === BUNDLED_IMAGE_ID) ?? ok[0] ?? null;
}

/** Why the studio cannot generate, as a sentence (null when it can). */
export function imageModelProblem(list: readonly ModelStatus[], picked: ModelStatus | null): string | null {
  if (picked) return null;
  if (list.length === 0)
    return 'No image model is installed. Import a Stable Diffusion folder with “Import model…”.';
  const broken = list[0]!;
  return `The image model “${broken.name}” cannot be used: ${broken.error ?? 'it failed to load.'}`;
}

/** "48 × 48" for a square size choice. */
export function sizeLabel(side: number, defaultSide: number): string {
  return `${side} × ${side}${side === defaultSide ? ' (default)' : ''}`;
}
