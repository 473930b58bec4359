/**
 * Which melody models the studio uses and what keeps one from being used (the model, or the clip's
 * meter); the models Generate can pick from.
 */
import { MELODY_METERS, type ModelStatus } from '../../../preload/contract';
import { meterBeats, meterLabel, modelMeterOf, type Meter } from '../../../preload/melody';
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

/**
 * The model each tab runs: Generate (by default: it may pick a melody VAE) and Continue the melody
 * LSTM, which writes every meter the models know; Variations, Interpolate and the latent sliders the
 * melody VAE.
 */
export const MODEL_TABS: Record<MelodyTab, string> = {
  generate: RNN_ID,
  continue: RNN_ID,
  variations: VAE_ID,
  interpolate: VAE_ID,
  latent: VAE_ID,
};

/** The task each model must be. */
export const MODEL_TASKS: Record<string, string> = { [VAE_ID]: 'melody-vae', [RNN_ID]: 'melody-rnn' };

/** The tabs that write notes in the clip's meter (the models are told it). */
export const METER_TABS: ReadonlySet<MelodyTab> = new Set<MelodyTab>(['generate', 'continue']);

/** "4/4, 2/2, 2/4, 3/4, 6/8 and 9/8" */
const KNOWN_METERS = `${MELODY_METERS.slice(0, -1).join(', ')} and ${MELODY_METERS.at(-1)}`;

/** Why the models cannot write in the clip's meter, as a sentence (null when they can). */
export function meterProblem(meter: Meter): string | null {
  if (modelMeterOf(meter)) return null;
  return `The melody models write ${KNOWN_METERS}; this clip is in ${meterLabel(meter)}.`;
}

/** The kinds of model Generate runs: the LSTM writes the whole melody, a VAE chains 4-bar latents. */
const GENERATE_TASKS: readonly string[] = ['melody-rnn', 'melody-vae'];

/** The listed models Generate can pick: the melody LSTM first, then the melody VAE, then the rest by name. */
export function generateModels(models: readonly ModelStatus[] | null): ModelStatus[] {
  const rank = (m: ModelStatus): number => (m.id === RNN_ID ? 0 : m.id === VAE_ID ? 1 : 2);
  return (models ?? [])
    .filter((m) => GENERATE_TASKS.includes(m.task))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** The model Generate runs: the one picked while it is listed as a generator, else the melody LSTM. */
export function generateModelId(models: readonly ModelStatus[] | null, picked: string): string {
  return generateModels(models).some((m) => m.id === picked) ? picked : RNN_ID;
}

/**
 * Why Generate cannot run its model in the clip's meter (null when it can): a meter the models do
 * not know, or a melody VAE (4-bar phrases of 4/4 bars) in a meter whose bar is not 4 beats.
 */
export function generateProblem(model: ModelStatus | null, id: string, meter: Meter): string | null {
  const task = model && GENERATE_TASKS.includes(model.task) ? model.task : 'melody-rnn';
  const own = modelProblem(model, id, task);
  if (own) return own;
  const notKnown = meterProblem(meter);
  if (notKnown) return notKnown;
  if (task === 'melody-vae' && meterBeats(meter) !== 4)
    return `“${model!.name}” writes phrases of 4/4 bars; this clip is in ${meterLabel(meter)}: pick the melody LSTM to generate in it.`;
  return null;
}
