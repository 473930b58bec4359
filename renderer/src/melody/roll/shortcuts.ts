/**
 * The piano roll's keyboard shortcuts: a pure mapping from a key press to an action, and the same
 * shortcuts as data for the studio's help, so the two cannot drift apart.
 */

export type RollKeyAction =
  | { kind: 'delete' }
  | { kind: 'selectAll' }
  | { kind: 'deselect' }
  | { kind: 'duplicate' }
  | { kind: 'copy' }
  | { kind: 'cut' }
  | { kind: 'paste' }
  | { kind: 'transpose'; semitones: number }
  | { kind: 'nudge'; steps: number; unit: 'snap' | 'bar' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'quantize' }
  | { kind: 'tool'; tool: 'draw' | 'select' }
  | { kind: 'zoomTime'; direction: 1 | -1 };

export interface RollKeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** Where the focus is when the key is pressed: inside a text field, select or textarea the roll keeps out. */
export function isTypingTarget(el: { tagName?: string; isContentEditable?: boolean } | null): boolean {
  if (!el || !el.tagName) return false;
  const tag = el.tagName.toUpperCase();
  return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || el.isContentEditable === true;
}

/** The action for a key press (null: not a roll shortcut). */
export function rollKeyAction(e: RollKeyPress): RollKeyAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (e.altKey) return null;
  if (mod) {
    switch (key) {
      case 'a':
        return e.shiftKey ? null : { kind: 'selectAll' };
      case 'd':
        return e.shiftKey ? null : { kind: 'duplicate' };
      case 'c':
        return e.shiftKey ? null : { kind: 'copy' };
      case 'x':
        return e.shiftKey ? null : { kind: 'cut' };
      case 'v':
        return e.shiftKey ? null : { kind: 'paste' };
      case 'z':
        return e.shiftKey ? { kind: 'redo' } : { kind: 'undo' };
      case 'y':
        return e.shiftKey ? null : { kind: 'redo' };
      default:
        return null;
    }
  }
  switch (key) {
    case 'Delete':
    case 'Backspace':
      return { kind: 'delete' };
    case 'Escape':
      return { kind: 'deselect' };
    case 'ArrowUp':
      return { kind: 'transpose', semitones: e.shiftKey ? 12 : 1 };
    case 'ArrowDown':
      return { kind: 'transpose', semitones: e.shiftKey ? -12 : -1 };
    case 'ArrowLeft':
      return { kind: 'nudge', steps: -1, unit: e.shiftKey ? 'bar' : 'snap' };
    case 'ArrowRight':
      return { kind: 'nudge', steps: 1, unit: e.shiftKey ? 'bar' : 'snap' };
    case 'q':
      return { kind: 'quantize' };
    case 'b':
      return { kind: 'tool', tool: 'draw' };
    case 'v':
      return { kind: 'tool', tool: 'select' };
    case '+':
    case '=':
      return { kind: 'zoomTime', direction: 1 };
    case '-':
    case '_':
      return { kind: 'zoomTime', direction: -1 };
    default:
      return null;
  }
}

export interface RollShortcut {
  keys: string[];
  what: string;
}

/** The shortcuts as the help lists them ("Ctrl" reads "⌘" on a Mac). */
export const ROLL_SHORTCUTS: readonly RollShortcut[] = [
  { keys: ['B'], what: 'Draw tool: drag on empty grid to draw a note' },
  { keys: ['V'], what: 'Select tool: drag on empty grid to select notes in a rectangle' },
  { keys: ['Delete', 'Backspace'], what: 'Delete the selected notes' },
  { keys: ['Ctrl + A'], what: 'Select all notes' },
  { keys: ['Escape'], what: 'Deselect' },
  { keys: ['Ctrl + D'], what: 'Duplicate the selection after itself' },
  {
    keys: ['Ctrl + C', 'Ctrl + X', 'Ctrl + V'],
    what: 'Copy, cut, paste (at the playhead, else after the selection)',
  },
  { keys: ['↑', '↓'], what: 'Transpose the selection a semitone (Shift: an octave)' },
  { keys: ['←', '→'], what: 'Move the selection one grid step (Shift: one bar)' },
  { keys: ['Ctrl + Z'], what: 'Undo' },
  { keys: ['Ctrl + Shift + Z', 'Ctrl + Y'], what: 'Redo' },
  { keys: ['Q'], what: 'Quantize the selection (all notes when none is selected)' },
  { keys: ['+', '−'], what: 'Zoom time in or out' },
  { keys: ['Wheel'], what: 'Scroll pitches (Shift: scroll time)' },
  { keys: ['Ctrl + wheel', 'Alt + wheel'], what: 'Zoom time around the pointer; Alt: zoom the rows' },
  { keys: ['Alt + drag'], what: 'Duplicate the notes and move the copies (or Ctrl + drag)' },
  { keys: ['Shift + click'], what: 'Add a note to the selection or take it out' },
  { keys: ['Right-click', 'Double-click'], what: 'Delete a note (Draw tool: right-drag erases)' },
  { keys: ['Middle-drag'], what: 'Scroll the view' },
];
