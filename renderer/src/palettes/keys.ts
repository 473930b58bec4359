/**
 * The Palettes studio's keys. Space generates, as in Coolors: the unlocked colours are drawn again
 * — from anywhere but a text field, a slider or select (their own keys win), the colour picker or a
 * checkbox. It wins over a focused button (the lock just clicked must not toggle again). 1–5 lock
 * or unlock a colour.
 */
import type { FocusKind, KeyPress } from '../shell/focus';

export type PaletteCommand = { kind: 'generate' } | { kind: 'lock'; index: number };

export interface FocusTarget {
  tagName?: string;
  type?: string;
}

export function paletteCommand(
  e: KeyPress,
  focus: FocusKind,
  target: FocusTarget | null,
): PaletteCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (focus === 'text' || focus === 'control') return null;
  // The colour picker opens on Space; a checkbox (the seed's Lock) toggles on it.
  if (
    target?.tagName?.toUpperCase() === 'INPUT' &&
    ['color', 'checkbox', 'radio'].includes(target.type?.toLowerCase() ?? '')
  )
    return null;
  if (e.key === ' ' || e.key === 'Spacebar') return e.repeat || e.shiftKey ? null : { kind: 'generate' };
  if (/^[1-5]$/.test(e.key) && !e.shiftKey && !e.repeat) return { kind: 'lock', index: Number(e.key) - 1 };
  return null;
}

export const PALETTE_SHORTCUTS = [
  { keys: ['Space'], what: 'Generate: new colours for every unlocked slot' },
  { keys: ['1', '…', '5'], what: 'Lock or unlock colour 1–5' },
] as const;
