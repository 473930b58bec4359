/** The Image studio's model picker state: image models main lists, the chosen one (kept in localStorage), why none can run. */
import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import type { ModelStatus } from '../../../preload/contract';
import { modelsBlocker, type ModelsState } from '../shell/modelsBlocker';
import { browserStore, readJson, writeJson } from '../writer/storage';
import { imageModelProblem, imageModels, pickImageModel } from './models';

const MODEL_KEY = 'atelier.images.model.v1';

export interface ImageModels {
  list: ModelStatus[];
  model: ModelStatus | null;
  choose: (id: string) => void;
  blocker: ReactElement | string | null;
  problem: string | null;
}

export function useImageModels(
  models: readonly ModelStatus[] | null,
  modelsState: ModelsState,
  onRetryModels: () => void,
  onModelShown?: (model: ModelStatus | null) => void,
): ImageModels {
  const store = useMemo(() => browserStore(), []);
  const [chosen, setChosen] = useState<string | null>(() => {
    const v = readJson(store, MODEL_KEY);
    return typeof v === 'string' ? v : null;
  });
  const list = useMemo(() => imageModels(models), [models]);
  const model = pickImageModel(list, chosen);

  useEffect(() => {
    onModelShown?.(model);
  }, [model, onModelShown]);

  const choose = useCallback(
    (id: string) => {
      setChosen(id);
      writeJson(store, MODEL_KEY, id);
    },
    [store],
  );

  return {
    list,
    model,
    choose,
    blocker: modelsBlocker(modelsState, onRetryModels),
    problem: modelsState === 'loaded' ? imageModelProblem(list, model) : null,
  };
}
