/** The Writer's model picker: the listed text models, the one chosen (kept in localStorage), why none can run. */
import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import type { ModelStatus } from '../../../preload/contract';
import { modelsBlocker, type ModelsState } from '../shell/modelsBlocker';
import { pickTextModel, textModelProblem, textModels } from './models';
import { browserStore, readJson, writeJson } from './storage';

const MODEL_KEY = 'atelier.writer.model.v1';

export interface TextModels {
  list: ModelStatus[];
  /** The model Continue runs (null when none can). */
  model: ModelStatus | null;
  choose: (id: string) => void;
  /** "Loading models…" / the listing's failure with Retry; null once listed. */
  blocker: ReactElement | string | null;
  /** Why no text model can run (null when one can, or while not listed). */
  problem: string | null;
}

export function useTextModels(
  models: readonly ModelStatus[] | null,
  modelsState: ModelsState,
  onRetryModels: () => void,
  onModelShown?: (model: ModelStatus | null) => void,
): TextModels {
  const store = useMemo(() => browserStore(), []);
  const [chosen, setChosen] = useState<string | null>(() => {
    const v = readJson(store, MODEL_KEY);
    return typeof v === 'string' ? v : null;
  });
  const list = useMemo(() => textModels(models), [models]);
  const model = pickTextModel(list, chosen);
  const listed = modelsState === 'loaded';

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
    problem: listed ? textModelProblem(list, model) : null,
  };
}
