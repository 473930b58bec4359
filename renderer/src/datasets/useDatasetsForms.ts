/**
 * The studio's forms as typed, one per tab, kept in localStorage (restored over the defaults, so
 * a field added later or a value that no longer reads falls back) and written on each change.
 */
import { useCallback, useEffect, useState } from 'react';
import { browserStore, readJson, writeJson } from '../shell/storage';
import { restoreForms, type DatasetsForms, type Tab } from './form';

const KEY = 'atelier.datasets.forms';

export interface FormsState {
  forms: DatasetsForms;
  setTab: (tab: Tab) => void;
  /** Changes some fields of one tab's form. */
  update: <K extends Exclude<keyof DatasetsForms, 'tab'>>(tab: K, patch: Partial<DatasetsForms[K]>) => void;
}

export function useDatasetsForms(): FormsState {
  const [forms, setForms] = useState(() => restoreForms(readJson(browserStore(), KEY)));
  useEffect(() => {
    writeJson(browserStore(), KEY, forms);
  }, [forms]);
  const setTab = useCallback((tab: Tab) => setForms((f) => ({ ...f, tab })), []);
  const update = useCallback<FormsState['update']>(
    (tab, patch) => setForms((f) => ({ ...f, [tab]: { ...f[tab], ...patch } })),
    [],
  );
  return { forms, setTab, update };
}
