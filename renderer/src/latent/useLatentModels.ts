/** The latent models as main lists them, the one on show and what keeps it from being used. */
import { useEffect, useMemo, useState, type ReactElement } from 'react';
import type { ModelStatus } from '../../../preload/contract';
import { modelsBlocker, type ModelsState } from '../shell/modelsBlocker';
import {
  isConditional,
  latentModelProblem,
  latentModels,
  noLatentModelText,
  shownModel,
  type LatentInfo,
} from './explorer';

export interface LatentModels {
  /** The models whose task is `latent`, usable or not. */
  list: ModelStatus[];
  /** The one on show: picked, else the first usable, else the first listed. */
  model: ModelStatus | null;
  /** Its id ('' without one). */
  modelId: string;
  latent: LatentInfo | undefined;
  /** Listed, usable, with a latent space: the explorer may decode. */
  usable: boolean;
  /** A glyph model (it draws text, from its charset). */
  conditional: boolean;
  charset: string | null;
  /** "Loading models…" / the listing's failure with Retry / why no model or this one cannot be used; null when usable. */
  blocker: ReactElement | string | null;
  choose: (id: string) => void;
}

export function useLatentModels(
  models: readonly ModelStatus[] | null,
  modelsState: ModelsState,
  onRetryModels: () => void,
  onModelShown?: (model: ModelStatus | null) => void,
): LatentModels {
  const list = useMemo(() => latentModels(models), [models]);
  const [chosen, setChosen] = useState<string | null>(null);
  const model = shownModel(list, chosen);
  const latent = model?.latent;
  const listed = modelsState === 'loaded';
  const problem = listed ? latentModelProblem(model) : null;

  useEffect(() => {
    onModelShown?.(model);
  }, [model, onModelShown]);

  return {
    list,
    model,
    modelId: model?.id ?? '',
    latent,
    usable: listed && problem === null && latent !== undefined,
    conditional: isConditional(latent),
    charset: latent?.charset ?? null,
    blocker:
      modelsBlocker(modelsState, onRetryModels) ?? (list.length === 0 ? noLatentModelText(models) : problem),
    choose: setChosen,
  };
}
