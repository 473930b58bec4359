/**
 * The Palettes studio's settings as typed (seed, its lock, temperature, how many candidates), and
 * their checks — the same ranges as the contract (preload/contract/palette.ts), so a bad value is
 * named before anything runs.
 */
import { PALETTE_MAX_COUNT } from '../../../preload/contract';
import { MAX_SEED, parseSeed } from '../shell/seed';

export interface PaletteSettings {
  seed: string;
  /** Locked: every Generate reuses the seed; unlocked: each draws a new one. */
  seedLocked: boolean;
  temperature: string;
  count: string;
}

export const DEFAULT_TEMPERATURE = 1;
export const DEFAULT_COUNT = 8;

export const initialSettings = (seed: number): PaletteSettings => ({
  seed: String(seed),
  seedLocked: false,
  temperature: String(DEFAULT_TEMPERATURE),
  count: String(DEFAULT_COUNT),
});

export type SettingsField = 'seed' | 'temperature' | 'count';
export type SettingsErrors = Partial<Record<SettingsField, string>>;

export interface RunSettings {
  seed: number;
  temperature: number;
  count: number;
}

/** The settings as numbers, or a sentence per field that is wrong. */
export function checkSettings(
  s: PaletteSettings,
): { ok: true; value: RunSettings } | { ok: false; errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const seed = parseSeed(s.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
    errors.seed = `Seed must be a whole number from 0 to ${MAX_SEED}.`;
  const temperature = s.temperature.trim() === '' ? Number.NaN : Number(s.temperature);
  if (!Number.isFinite(temperature) || temperature < 0 || temperature > 2)
    errors.temperature = 'Temperature must be a number from 0 to 2.';
  const count = s.count.trim() === '' ? Number.NaN : Number(s.count);
  if (!Number.isInteger(count) || count < 1 || count > PALETTE_MAX_COUNT)
    errors.count = `Candidates must be a whole number from 1 to ${PALETTE_MAX_COUNT}.`;
  return Object.keys(errors).length > 0
    ? { ok: false, errors }
    : { ok: true, value: { seed, temperature, count } };
}

/** The seed a run uses: the one shown when locked, else a fresh one (shown after). */
export const seedForRun = (s: PaletteSettings, fresh: () => number): PaletteSettings =>
  s.seedLocked ? s : { ...s, seed: String(fresh()) };

/** Stored settings, read leniently. */
export function parseSettings(v: unknown, fallback: PaletteSettings): PaletteSettings {
  if (typeof v !== 'object' || v === null) return fallback;
  const o = v as Record<string, unknown>;
  const str = (k: keyof PaletteSettings): string =>
    typeof o[k] === 'string' ? (o[k] as string) : (fallback[k] as string);
  return {
    seed: str('seed'),
    seedLocked: o.seedLocked === true,
    temperature: str('temperature'),
    count: str('count'),
  };
}
