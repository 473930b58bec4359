/** Which melody models the studio uses and what keeps one from being used. */
import type { ModelStatus } from '../../../preload/contract';
import type { MelodyTab } from './form';

export const VAE_ID = 'melody-vae';
export const RNN_ID = 'melody-rnn';

export function findModel(models: readonly ModelStatus[] | null, id: string): ModelStatus | null {
  return models?.find((m) => m.id === id) ?? null;
}

/**
 * Why a listed model cannot run, as a sentence (null when it can): not installed, the wrong kind
 * of model, or the model's own error (bad hash, missing file).
 */
export function modelProblem(model: ModelStatus | null, id: string, task: string): string | null {
  if (!model) return `The melody model “${id}” is not installed.`;
  if (model.task !== task) return `The model “${id}” is not a ${task} model (it is “${model.task}”).`;
  if (!model.ok)
    return `The melody model “${model.name}” cannot be used: ${model.error ?? 'it failed to load.'}`;
  if (task === 'melody-vae' && (!model.melody?.dim || !model.melody.bars))
    return `The melody model “${model.name}” does not say its latent size or segment length.`;
  return null;
}

/** The model each tab runs. */
export const MODEL_TABS: Record<MelodyTab, string> = {
  generate: VAE_ID,
  continue: RNN_ID,
  variations: VAE_ID,
  interpolate: VAE_ID,
  latent: VAE_ID,
};

/** The task each model must be. */
export const MODEL_TASKS: Record<string, string> = { [VAE_ID]: 'melody-vae', [RNN_ID]: 'melody-rnn' };
