/**
 * A studio's model picker state: the listed models of its task, the chosen one (kept in
 * localStorage), "Loading models…" / Retry while not listed, and why none can run.
 */
import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import type { ModelStatus } from '../../../preload/contract';
import { modelsBlocker, type ModelsState } from './modelsBlocker';
import { browserStore, readJson, writeJson } from './storage';

/** What differs between studios. Keep it a module constant: its functions are hook dependencies. */
export interface TaskModelsSpec {
  /** localStorage key of the chosen model's id. */
  storageKey: string;
  /** The task's models out of main's listing. */
  list: (models: readonly ModelStatus[] | null) => ModelStatus[];
  /** The model to run given the chosen id (null when none can). */
  pick: (list: readonly ModelStatus[], chosen: string | null) => ModelStatus | null;
  /** Why no model can run (null when one can). */
  problem: (list: readonly ModelStatus[], picked: ModelStatus | null) => string | null;
}

export interface TaskModels {
  list: ModelStatus[];
  /** The model the studio runs (null when none can). */
  model: ModelStatus | null;
  choose: (id: string) => void;
  /** "Loading models…" / the listing's failure with Retry; null once listed. */
  blocker: ReactElement | string | null;
  /** Why no model of the task can run (null when one can, or while not listed). */
  problem: string | null;
}

export function useTaskModels(
  spec: TaskModelsSpec,
  models: readonly ModelStatus[] | null,
  modelsState: ModelsState,
  onRetryModels: () => void,
  onModelShown?: (model: ModelStatus | null) => void,
): TaskModels {
  const { storageKey } = spec;
  const store = useMemo(() => browserStore(), []);
  const [chosen, setChosen] = useState<string | null>(() => {
    const v = readJson(store, storageKey);
    return typeof v === 'string' ? v : null;
  });
  const list = useMemo(() => spec.list(models), [spec, models]);
  const model = spec.pick(list, chosen);

  useEffect(() => {
    onModelShown?.(model);
  }, [model, onModelShown]);

  const choose = useCallback(
    (id: string) => {
      setChosen(id);
      writeJson(store, storageKey, id);
    },
    [store, storageKey],
  );

  return {
    list,
    model,
    choose,
    blocker: modelsBlocker(modelsState, onRetryModels),
    problem: modelsState === 'loaded' ? spec.problem(list, model) : null,
  };
}
