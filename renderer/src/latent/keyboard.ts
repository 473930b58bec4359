/**
 * The explorer's keyboard shortcuts, as a pure mapping from a key press to an action, so the
 * help text and the handler cannot drift apart.
 */
export const NUDGE_SD = 0.1;
export const NUDGE_SD_SHIFT = 0.5;

export type LatentKeyAction =
  | { kind: 'nudge'; dx: number; dy: number }
  | { kind: 'bookmark' }
  | { kind: 'randomize' }
  | { kind: 'reset' };

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat: boolean;
}

/**
 * Where the focus is: 'text' (typing: the explorer keeps out), 'control' (a slider or select,
 * whose own arrow keys win), or 'other'.
 */
export type FocusKind = 'text' | 'control' | 'other';

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'time',
  'datetime-local',
  'month',
  'week',
]);

/** Classifies the focused element by its tag, input type and contenteditable. */
export function focusKind(
  el: { tagName?: string; type?: string; isContentEditable?: boolean } | null,
): FocusKind {
  if (!el || !el.tagName) return 'other';
  const tag = el.tagName.toUpperCase();
  if (el.isContentEditable) return 'text';
  if (tag === 'TEXTAREA') return 'text';
  if (tag === 'INPUT') {
    const type = (el.type ?? 'text').toLowerCase();
    if (TEXT_INPUT_TYPES.has(type)) return 'text';
    if (type === 'range') return 'control';
    return 'other';
  }
  if (tag === 'SELECT') return 'control';
  return 'other';
}

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
