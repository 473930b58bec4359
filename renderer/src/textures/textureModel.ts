import type { ModelStatus } from '../../../preload/contract';

/** The model the Texture studio uses: the one named "texture", else the first texture model. */
export function pickTextureModel(models: readonly ModelStatus[] | null): ModelStatus | null {
  if (!models) return null;
  return (
    models.find((m) => m.id === 'texture') ??
    models.find((m) => m.texture !== undefined || m.task.toLowerCase().includes('texture')) ??
    null
  );
}

/** Why the model cannot generate, as a sentence, or null when it can. */
export function modelProblem(model: ModelStatus | null, listed: boolean): string | null {
  if (!listed) return null;
  if (!model) return 'No texture model is installed.';
  if (!model.ok) return `Model '${model.id}' cannot be used: ${model.error ?? 'it failed its checks.'}`;
  if (!model.texture || model.texture.styles.length === 0)
    return `Model '${model.id}' lists no texture styles.`;
  return null;
}
