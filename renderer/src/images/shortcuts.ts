/** The Image studio's keys and the help table that lists them. */
import type { Shortcut } from '../shell/HelpDetails';

export type ImageCommand = 'generate' | 'delete' | 'deselect';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The command a key press means (`inField`: the focus is in a text field, where keys type). */
export function imageCommand(e: KeyLike, ctx: { inField: boolean; selected: boolean }): ImageCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey && !e.shiftKey && e.key === 'Enter') return 'generate';
  if (ctx.inField || mod || e.altKey) return null;
  if ((e.key === 'Delete' || e.key === 'Backspace') && ctx.selected) return 'delete';
  if (e.key === 'Escape' && ctx.selected) return 'deselect';
  return null;
}

export const IMAGE_SHORTCUTS: readonly Shortcut[] = [
  { keys: ['Ctrl', 'Enter'], what: 'Generate (queues behind running jobs)' },
  { keys: ['Delete'], what: 'Remove the selected image from the board (it stays in the Library)' },
  { keys: ['Esc'], what: 'Deselect' },
];

export const BOARD_SHORTCUTS: readonly Shortcut[] = [
  { keys: ['Wheel'], what: 'Zoom around the pointer' },
  { keys: ['Drag'], what: 'Pan (on empty board) or move an image' },
  { keys: ['+', '−'], what: 'Zoom in / out (board focused)' },
  { keys: ['0'], what: 'Fit the board' },
  { keys: ['1'], what: 'Actual pixels' },
];
