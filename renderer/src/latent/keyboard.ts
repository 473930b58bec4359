/**
 * The explorer's keyboard shortcuts, as a pure mapping from a key press to an action, so the
 * help text and the handler cannot drift apart.
 */
import type { FocusKind, KeyPress } from '../shell/focus';

export const NUDGE_SD = 0.1;
export const NUDGE_SD_SHIFT = 0.5;

export type LatentKeyAction =
  | { kind: 'nudge'; dx: number; dy: number }
  | { kind: 'bookmark' }
  | { kind: 'randomize' }
  | { kind: 'reset' };

export function latentKeyAction(e: KeyPress, focus: FocusKind): LatentKeyAction | null {
  if (focus === 'text' || e.ctrlKey || e.metaKey || e.altKey) return null;
  const step = e.shiftKey ? NUDGE_SD_SHIFT : NUDGE_SD;
  switch (e.key) {
    case 'ArrowLeft':
      return focus === 'control' ? null : { kind: 'nudge', dx: -step, dy: 0 };
    case 'ArrowRight':
      return focus === 'control' ? null : { kind: 'nudge', dx: step, dy: 0 };
    case 'ArrowUp':
      return focus === 'control' ? null : { kind: 'nudge', dx: 0, dy: step };
    case 'ArrowDown':
      return focus === 'control' ? null : { kind: 'nudge', dx: 0, dy: -step };
  }
  if (e.repeat) return null;
  switch (e.key) {
    case 'b':
    case 'B':
      return { kind: 'bookmark' };
    case 'r':
    case 'R':
      return { kind: 'randomize' };
    case '0':
      return { kind: 'reset' };
    default:
      return null;
  }
}

/** The shortcuts as the help lists them. */
export const SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['←', '→', '↑', '↓'], what: `Nudge along the pad's directions (${NUDGE_SD} SD)` },
  { keys: ['Shift + arrow'], what: `Nudge further (${NUDGE_SD_SHIFT} SD)` },
  { keys: ['B'], what: 'Bookmark the current point' },
  { keys: ['R'], what: 'Randomize (a sample from the prior)' },
  { keys: ['0'], what: 'Reset to the mean of the training set' },
];
