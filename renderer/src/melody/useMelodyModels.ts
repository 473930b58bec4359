/**
 * The studio's melody models as listed by main: which is usable for which tab, and why not — the
 * model's own problem, or (Generate, Continue) a clip meter the models were not trained in; the
 * models Generate can pick from and the one it runs.
 */
import { useEffect, type ReactElement } from 'react';
import type { ModelStatus } from '../../../preload/contract';
import type { Meter } from '../../../preload/melody';
import { modelsBlocker, type ModelsState } from '../shell/modelsBlocker';
import type { MelodyTab } from './form';
import {
  findModel,
  generateModelId,
  generateModels,
  generateProblem,
  meterProblem,
  MODEL_TABS,
  MODEL_TASKS,
  modelProblem,
  RNN_ID,
  VAE_ID,
} from './models';

export interface MelodyModels {
  vae: ModelStatus | null;
  /** "Loading models…" or the listing's failure with Retry; null once listed. */
  blocker: ReactElement | string | null;
  /** Why the tab's model cannot run (null when it can, or while not listed). */
  problem: (tab: MelodyTab) => string | null;
  /** The tab's model is listed and can run. */
  usable: (tab: MelodyTab) => boolean;
  /** The model each tab runs (Generate: the picked one). */
  modelFor: (tab: MelodyTab) => string;
  /** The models Generate can pick from (the melody LSTM first). */
  generators: ModelStatus[];
  /** Generate runs a melody VAE (which chains phrases: its coherence applies). */
  generateIsVae: boolean;
}

export interface MelodyModelsDeps {
  models: readonly ModelStatus[] | null;
  modelsState: ModelsState;
  onRetryModels: () => void;
  /** The clip's meter: Generate and Continue write in it. */
  meter: Meter;
  /** The open tab: the status bar shows its model. */
  tab: MelodyTab;
  /** The model picked for Generate (the melody LSTM unless another generator is picked). */
  generateModel: string;
  onModelShown?: (model: ModelStatus | null) => void;
}

export function useMelodyModels(d: MelodyModelsDeps): MelodyModels {
  const { models, meter, tab, onModelShown } = d;
  const vae = findModel(models, VAE_ID);
  const rnn = findModel(models, RNN_ID);
  const generateId = generateModelId(models, d.generateModel);
  const generator = findModel(models, generateId);
  const listed = d.modelsState === 'loaded';
  const notInMeter = meterProblem(meter);
  const problems: Record<MelodyTab, string | null> = {
    generate: generateProblem(generator, generateId, meter),
    continue: modelProblem(rnn, RNN_ID, MODEL_TASKS[RNN_ID]!) ?? notInMeter,
    variations: modelProblem(vae, VAE_ID, MODEL_TASKS[VAE_ID]!),
    interpolate: modelProblem(vae, VAE_ID, MODEL_TASKS[VAE_ID]!),
    latent: modelProblem(vae, VAE_ID, MODEL_TASKS[VAE_ID]!),
  };
  const modelFor = (t: MelodyTab): string => (t === 'generate' ? generateId : MODEL_TABS[t]);

  const shown = findModel(models, modelFor(tab));
  useEffect(() => {
    onModelShown?.(shown);
  }, [shown, onModelShown]);

  return {
    vae,
    blocker: modelsBlocker(d.modelsState, d.onRetryModels),
    problem: (t) => (listed ? problems[t] : null),
    usable: (t) => listed && problems[t] === null,
    modelFor,
    generators: generateModels(models),
    generateIsVae: generator?.task === 'melody-vae',
  };
}
