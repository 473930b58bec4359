/**
 * The Labs studio's keys: Space plays or pauses, S trains one step, R resets to the seed — from
 * anywhere but a text field, a slider or select (their own keys win) or a checkbox (Space ticks
 * it). Space wins over a focused button (Play just clicked must not toggle twice).
 */
import type { FocusKind, KeyPress } from '../shell/focus';

export type LabCommand = 'toggle' | 'step' | 'reset';

export interface FocusTarget {
  tagName?: string;
  type?: string;
}

export function labCommand(e: KeyPress, focus: FocusKind, target: FocusTarget | null): LabCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return null;
  if (focus === 'text' || focus === 'control') return null;
  const key = e.key.toLowerCase();
  if (key === ' ' || key === 'spacebar') {
    const box =
      target?.tagName?.toUpperCase() === 'INPUT' &&
      ['checkbox', 'radio', 'file'].includes(target.type?.toLowerCase() ?? '');
    return box || e.repeat ? null : 'toggle';
  }
  if (key === 's') return 'step';
  if (key === 'r') return e.repeat ? null : 'reset';
  return null;
}

export const LAB_SHORTCUTS = [
  { keys: ['Space'], what: 'Play or pause training' },
  { keys: ['S'], what: 'One training step (hold to repeat)' },
  { keys: ['R'], what: 'Reset: a new model from the seed' },
] as const;
