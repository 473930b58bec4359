/** Removing an imported model (models.remove), after the user confirms. */
import { useState } from 'react';
import type { AtelierApi, ErrorInfo, ModelStatus } from '../../../preload/contract';
import { toErrorInfo } from './errors';

export interface ModelRemove {
  /** The model awaiting confirmation. */
  confirming: ModelStatus | null;
  busy: boolean;
  error: ErrorInfo | null;
  ask: (model: ModelStatus) => void;
  cancel: () => void;
  confirm: () => Promise<void>;
}

export function useModelRemove(
  api: AtelierApi,
  reloadModels: () => Promise<unknown>,
  notify: (text: string) => void,
): ModelRemove {
  const [confirming, setConfirming] = useState<ModelStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const confirm = async (): Promise<void> => {
    const model = confirming;
    if (!model || busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.models.remove({ id: model.id });
      await reloadModels();
      setConfirming(null);
      notify(`Removed “${model.name}”.`);
    } catch (err) {
      setError(toErrorInfo(err));
    } finally {
      setBusy(false);
    }
  };

  return {
    confirming,
    busy,
    error,
    ask: (model) => {
      setError(null);
      setConfirming(model);
    },
    cancel: () => {
      if (!busy) setConfirming(null);
    },
    confirm,
  };
}
