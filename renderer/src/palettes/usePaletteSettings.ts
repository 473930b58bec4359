/** The Palettes studio's settings as typed (seed and its lock, temperature, candidates), kept in localStorage. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { randomSeed } from '../shell/seed';
import { browserStore, readJson, writeJson } from '../shell/storage';
import {
  checkSettings,
  initialSettings,
  parseSettings,
  seedForRun,
  type PaletteSettings,
  type RunSettings,
  type SettingsErrors,
} from './settings';

const KEY = 'atelier.palettes.settings.v1';

export interface PaletteSettingsState {
  form: PaletteSettings;
  set: (field: 'seed' | 'temperature' | 'count', value: string) => void;
  setLocked: (locked: boolean) => void;
  /** The settings of a run (a fresh seed unless locked, shown in the form), or the problems. */
  forRun: () => { ok: true; value: RunSettings } | { ok: false; errors: SettingsErrors };
  /** A record's seed and temperature (opened from the Library). */
  load: (seed: number, temperature: number | null) => void;
}

export function usePaletteSettings(): PaletteSettingsState {
  const store = useMemo(() => browserStore(), []);
  const [form, setForm] = useState<PaletteSettings>(() =>
    parseSettings(readJson(store, KEY), initialSettings(randomSeed())),
  );
  useEffect(() => {
    writeJson(store, KEY, form);
  }, [store, form]);

  const forRun = (): ReturnType<PaletteSettingsState['forRun']> => {
    const next = seedForRun(form, randomSeed);
    if (next !== form) setForm(next);
    return checkSettings(next);
  };

  return {
    form,
    set: useCallback((field, value) => setForm((f) => ({ ...f, [field]: value })), []),
    setLocked: useCallback((seedLocked: boolean) => setForm((f) => ({ ...f, seedLocked })), []),
    forRun,
    load: useCallback(
      (seed: number, temperature: number | null) =>
        setForm((f) => ({
          ...f,
          seed: String(seed),
          ...(temperature !== null ? { temperature: String(temperature) } : {}),
        })),
      [],
    ),
  };
}
