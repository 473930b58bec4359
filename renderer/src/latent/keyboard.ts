/**
 * The explorer's keyboard shortcuts, as a pure mapping from a key press to an action, so the
 * help text and the handler cannot drift apart.
 */
import type { FocusKind, KeyPress } from '../shell/focus';
import { PAD_RANGE } from './pad';

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

/**
 * Where a nudge of `delta` SDs takes a coordinate, kept within the pad's ±range: keys move up to
 * the edge and stop there (past it the decoder draws broken shapes while the dot sits at the
 * edge). A point already outside (a prior sample, an encoded image) is never pushed further out,
 * and a key towards the pad brings it in step by step.
 */
export function nudgeWithin(coord: number, delta: number, range: number = PAD_RANGE): number {
  if (!Number.isFinite(coord)) return coord;
  if (delta > 0) return coord >= range ? coord : Math.min(coord + delta, range);
  if (delta < 0) return coord <= -range ? coord : Math.max(coord + delta, -range);
  return coord;
}

/** The shortcuts as the help lists them. */
export const SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  {
    keys: ['←', '→', '↑', '↓'],
    what: `Nudge along the pad's directions (${NUDGE_SD} SD, up to the pad's edge at ±${PAD_RANGE})`,
  },
  { keys: ['Shift + arrow'], what: `Nudge further (${NUDGE_SD_SHIFT} SD)` },
  { keys: ['B'], what: 'Bookmark the current point' },
  { keys: ['R'], what: 'Randomize (a sample from the prior)' },
  { keys: ['0'], what: 'Reset to the mean of the training set' },
];
