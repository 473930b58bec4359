/** The sampling panel's state: the form as typed, kept in localStorage, checked on every change. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TextPresetId } from '../../../preload/text';
import { randomSeed } from '../shell/seed';
import {
  applyPreset,
  initialForm,
  readSettings,
  settingsForRun,
  validateForm,
  writeSettings,
  type FieldErrors,
  type RunMode,
  type RunSettings,
  type SamplingForm,
} from './settings';
import { browserStore } from '../shell/storage';

export type TextFormField = Exclude<keyof SamplingForm, 'preset' | 'seedLocked'>;

export interface SamplingSettings {
  form: SamplingForm;
  errors: FieldErrors;
  setField: (field: TextFormField, value: string) => void;
  setPreset: (id: TextPresetId) => void;
  setSeed: (seed: number) => void;
  setLocked: (locked: boolean) => void;
  /** Replace the whole form (a library record's settings). */
  load: (form: SamplingForm) => void;
  /** The sampling for a run (a fresh seed unless locked, shown in the form), or the problem. */
  forRun: (mode: RunMode) => RunSettings;
}

export function useSamplingSettings(): SamplingSettings {
  const store = useMemo(() => browserStore(), []);
  const [form, setForm] = useState<SamplingForm>(() => readSettings(store, initialForm(randomSeed())));
  useEffect(() => {
    writeSettings(store, form);
  }, [store, form]);
  const checked = useMemo(() => validateForm(form), [form]);

  const setField = useCallback((field: TextFormField, value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
  }, []);
  const setPreset = useCallback((id: TextPresetId) => setForm((f) => applyPreset(f, id)), []);
  const setSeed = useCallback((seed: number) => setForm((f) => ({ ...f, seed: String(seed) })), []);
  const setLocked = useCallback((seedLocked: boolean) => setForm((f) => ({ ...f, seedLocked })), []);

  const forRun = (mode: RunMode): RunSettings => {
    const r = settingsForRun(form, mode, randomSeed);
    if (r.ok && r.form !== form) setForm(r.form);
    return r;
  };

  return {
    form,
    errors: checked.ok ? {} : checked.errors,
    setField,
    setPreset,
    setSeed,
    setLocked,
    load: setForm,
    forRun,
  };
}
