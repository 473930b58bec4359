/** The Image studio's settings as typed, kept in localStorage on every change (never lost on a reload or a failed run). */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ModelStatus } from '../../../preload/contract';
import { randomSeed } from '../shell/seed';
import { browserStore, readJson, writeJson } from '../shell/storage';
import {
  checkForm,
  initialForm,
  parseForm,
  withSizeChoice,
  type FieldErrors,
  type ImageForm,
  type InitChoice,
} from './form';
import type { ImageParamsInput } from '../../../preload/contract';

const SETTINGS_KEY = 'atelier.images.settings.v1';

export type SettingsField = Exclude<keyof ImageForm, 'seedLocked' | 'sampler'>;

export interface ImageSettings {
  form: ImageForm;
  /** True when nothing was stored (first visit): the model's defaults may fill the form. */
  fresh: boolean;
  setField: (field: SettingsField, value: string) => void;
  setSampler: (sampler: ImageForm['sampler']) => void;
  /** The size select: a listed size, or "custom" (starting from the size on show). */
  chooseSize: (choice: string, model: ModelStatus | null) => void;
  setSeed: (seed: number) => void;
  setLocked: (locked: boolean) => void;
  load: (update: (form: ImageForm) => ImageForm) => void;
  errors: (model: ModelStatus | null, init: InitChoice | null) => FieldErrors;
  /** The params of a run (a fresh seed unless locked, shown in the form), or the problems. */
  forRun: (
    model: ModelStatus | null,
    init: InitChoice | null,
  ) => { ok: true; params: ImageParamsInput } | { ok: false; errors: FieldErrors };
}

export function useImageSettings(): ImageSettings {
  const store = useMemo(() => browserStore(), []);
  const [fresh] = useState(() => readJson(store, SETTINGS_KEY) === undefined);
  const [form, setForm] = useState<ImageForm>(() =>
    parseForm(readJson(store, SETTINGS_KEY), initialForm(randomSeed())),
  );
  useEffect(() => {
    writeJson(store, SETTINGS_KEY, form);
  }, [store, form]);

  const setField = useCallback((field: SettingsField, value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
  }, []);
  const setSampler = useCallback((sampler: ImageForm['sampler']) => setForm((f) => ({ ...f, sampler })), []);
  const chooseSize = useCallback(
    (choice: string, model: ModelStatus | null) => setForm((f) => withSizeChoice(f, choice, model)),
    [],
  );
  const setSeed = useCallback((seed: number) => setForm((f) => ({ ...f, seed: String(seed) })), []);
  const setLocked = useCallback((seedLocked: boolean) => setForm((f) => ({ ...f, seedLocked })), []);
  const load = useCallback((update: (form: ImageForm) => ImageForm) => setForm(update), []);

  const errors = (model: ModelStatus | null, init: InitChoice | null): FieldErrors => {
    const c = checkForm(form, model, init);
    return c.ok ? {} : c.errors;
  };

  const forRun: ImageSettings['forRun'] = (model, init) => {
    const c = checkForm(form, model, init);
    if (!c.ok) return c;
    let seed = c.params.seed;
    if (!form.seedLocked || seed === null) {
      seed = randomSeed();
      setForm((f) => ({ ...f, seed: String(seed) }));
    }
    return { ok: true, params: { ...c.params, seed } };
  };

  return { form, fresh, setField, setSampler, chooseSize, setSeed, setLocked, load, errors, forRun };
}
