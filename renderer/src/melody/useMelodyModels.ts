/** The studio's two models as listed by main: which is usable for which tab, and why not. */
import { useEffect, type ReactElement } from 'react';
import type { ModelStatus } from '../../../preload/contract';
import { modelsBlocker, type ModelsState } from '../shell/modelsBlocker';
import type { MelodyTab } from './form';
import { findModel, MODEL_TABS, MODEL_TASKS, modelProblem, RNN_ID, VAE_ID } from './models';

export interface MelodyModels {
  vae: ModelStatus | null;
  /** "Loading models…" or the listing's failure with Retry; null once listed. */
  blocker: ReactElement | string | null;
  /** Why the tab's model cannot run (null when it can, or while not listed). */
  problem: (tab: MelodyTab) => string | null;
  /** The tab's model is listed and can run. */
  usable: (tab: MelodyTab) => boolean;
}

export function useMelodyModels(
  models: readonly ModelStatus[] | null,
  modelsState: ModelsState,
  onRetryModels: () => void,
  onModelShown?: (model: ModelStatus | null) => void,
): MelodyModels {
  const vae = findModel(models, VAE_ID);
  const rnn = findModel(models, RNN_ID);
  const listed = modelsState === 'loaded';
  const problems: Record<string, string | null> = {
    [VAE_ID]: listed ? modelProblem(vae, VAE_ID, MODEL_TASKS[VAE_ID]!) : null,
    [RNN_ID]: listed ? modelProblem(rnn, RNN_ID, MODEL_TASKS[RNN_ID]!) : null,
  };

  useEffect(() => {
    onModelShown?.(vae);
  }, [vae, onModelShown]);

  return {
    vae,
    blocker: modelsBlocker(modelsState, onRetryModels),
    problem: (tab) => problems[MODEL_TABS[tab]] ?? null,
    usable: (tab) => listed && problems[MODEL_TABS[tab]] === null,
  };
}
