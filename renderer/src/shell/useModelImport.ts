/**
 * "Import model…": a folder path checked here (`check`), then by main (models.import); the new
 * model is chosen. Shared by the studios that take imported models (Writer, Image studio).
 */
import { useEffect, useState } from 'react';
import type { AtelierApi, ErrorInfo, ModelStatus } from '../../../preload/contract';
import { toErrorInfo } from './errors';
import { checkFolderPath, type ImportPathCheck } from './importPath';

export interface ModelImport {
  open: boolean;
  path: string;
  busy: boolean;
  error: ErrorInfo | null;
  show: () => void;
  close: () => void;
  setPath: (path: string) => void;
  submit: () => Promise<void>;
  /** The host has a folder picker (Electron); browsers type the path. */
  canPick: boolean;
  /** Opens the host's folder picker and puts the chosen folder in the field. */
  pick: () => Promise<void>;
}

export function useModelImport(
  api: AtelierApi,
  reloadModels: () => Promise<unknown>,
  onImported: (model: ModelStatus) => void,
  notify: (text: string) => void,
  check: (raw: string) => ImportPathCheck = (raw) => checkFolderPath(raw, 'Enter the model folder.'),
): ModelImport {
  const [open, setOpen] = useState(false);
  const [path, setPathState] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [canPick, setCanPick] = useState(false);

  useEffect(() => {
    if (!open) return;
    let live = true;
    api.app.info().then(
      (info) => {
        if (live) setCanPick(info.capabilities.pickFolder);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api, open]);

  const pick = async (): Promise<void> => {
    try {
      const { path: chosen } = await api.models.pickFolder();
      if (chosen) {
        setPathState(chosen);
        setError(null);
      }
    } catch (err) {
      setError(toErrorInfo(err));
    }
  };

  const submit = async (): Promise<void> => {
    if (busy) return;
    const checked = check(path);
    if (!checked.ok) {
      setError({ code: 'invalid-input', message: checked.message, field: 'path' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const model = await api.models.import({ path: checked.path });
      await reloadModels();
      onImported(model);
      setOpen(false);
      setPathState('');
      notify(`Imported “${model.name}”.`);
    } catch (err) {
      setError(toErrorInfo(err));
    } finally {
      setBusy(false);
    }
  };

  return {
    open,
    path,
    busy,
    error,
    show: () => {
      setError(null);
      setOpen(true);
    },
    close: () => {
      if (!busy) setOpen(false);
    },
    setPath: (p) => {
      setPathState(p);
      setError(null);
    },
    submit,
    canPick,
    pick,
  };
}
