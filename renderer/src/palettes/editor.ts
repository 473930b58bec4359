/**
 * The palette on the Palettes studio's bench: five colours, which are locked, and where it came
 * from. Pure: the hooks keep it in React state and localStorage.
 */
import { isHex, normalizeHex, PALETTE_COLORS } from '../../../preload/palette';

export interface PaletteState {
  /** Five colours as "#rrggbb", lower case. */
  colors: string[];
  /** Locked colours are kept by Generate / Space (the model draws the others around them). */
  locks: boolean[];
  /** The library record the palette was opened from (until it is changed), or null. */
  openedId: string | null;
}

/** A first palette to look at before Generate (a real one, from the model's held-out set). */
export const STARTER: readonly string[] = ['#ecd078', '#d95b43', '#c02942', '#542437', '#53777a'];

export const initialPalette = (): PaletteState => ({
  colors: [...STARTER],
  locks: new Array<boolean>(PALETTE_COLORS).fill(false),
  openedId: null,
});

export function toggleLock(s: PaletteState, k: number): PaletteState {
  if (k < 0 || k >= PALETTE_COLORS) return s;
  return { ...s, locks: s.locks.map((l, i) => (i === k ? !l : l)) };
}

/** Sets colour k from what was typed or picked; unchanged when it is not a colour. */
export function setColor(s: PaletteState, k: number, text: string): PaletteState {
  const hex = normalizeHex(text);
  if (hex === null || k < 0 || k >= PALETTE_COLORS || s.colors[k] === hex) return s;
  return { ...s, colors: s.colors.map((c, i) => (i === k ? hex : c)), openedId: null };
}

/** A model's palette on the bench: locked colours stay as they are, whatever it says. */
export function applyColors(s: PaletteState, colors: readonly string[]): PaletteState {
  if (colors.length !== PALETTE_COLORS || !colors.every(isHex)) return s;
  const next = colors.map((c, i) => (s.locks[i] ? s.colors[i]! : c.toLowerCase()));
  return { ...s, colors: next, openedId: null };
}

/** What Generate asks for: the locked colours in their slots, null where the model draws. */
export function slotsOf(s: PaletteState): (string | null)[] {
  return s.colors.map((c, i) => (s.locks[i] ? c : null));
}

export const anyLocked = (s: PaletteState): boolean => s.locks.some(Boolean);
export const allLocked = (s: PaletteState): boolean => s.locks.every(Boolean);

/** "10100": the locks as a string (test hooks, the record). */
export const lockMask = (locks: readonly boolean[]): string => locks.map((l) => (l ? '1' : '0')).join('');

/** The key a palette's score is cached under. */
export const paletteKey = (colors: readonly string[]): string => colors.join(',');

/** A stored or opened palette, read leniently (anything unreadable falls back). */
export function parsePalette(v: unknown, fallback: PaletteState = initialPalette()): PaletteState {
  if (typeof v !== 'object' || v === null) return fallback;
  const o = v as Record<string, unknown>;
  const colors = Array.isArray(o.colors)
    ? o.colors.map((c) => (typeof c === 'string' ? normalizeHex(c) : null))
    : [];
  if (colors.length !== PALETTE_COLORS || colors.some((c) => c === null)) return fallback;
  const locks =
    Array.isArray(o.locks) && o.locks.length === PALETTE_COLORS
      ? o.locks.map((l) => l === true)
      : new Array<boolean>(PALETTE_COLORS).fill(false);
  return { colors: colors as string[], locks, openedId: typeof o.openedId === 'string' ? o.openedId : null };
}
