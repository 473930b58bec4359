/**
 * The studio's own keyboard shortcuts (the roll adds its editing keys), as a pure mapping from a
 * key press to an action so the help table and the handler cannot drift apart.
 */
import type { FocusKind, KeyPress } from '../shell/focus';

export type StudioKeyAction = 'play' | 'loop' | 'metronome' | 'run' | 'save';

export const STUDIO_SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['Space'], what: 'Play / stop' },
  { keys: ['L'], what: 'Loop on / off' },
  { keys: ['M'], what: 'Metronome on / off' },
  { keys: ['Ctrl', 'Enter'], what: 'Run the open tab (Generate, Continue, …)' },
  { keys: ['Ctrl', 'S'], what: 'Save the clip to the library' },
];

export function studioKeyAction(e: KeyPress, focus: FocusKind): StudioKeyAction | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey && !e.shiftKey) {
    if (e.key === 'Enter') return e.repeat ? null : 'run';
    if (e.key === 's' || e.key === 'S') return 'save';
    return null;
  }
  if (mod || e.altKey || focus === 'text' || e.repeat) return null;
  if (e.key === ' ' || e.key === 'Spacebar') return focus === 'control' ? null : 'play';
  if (e.shiftKey) return null;
  if (e.key === 'l' || e.key === 'L') return 'loop';
  if (e.key === 'm' || e.key === 'M') return 'metronome';
  return null;
}
