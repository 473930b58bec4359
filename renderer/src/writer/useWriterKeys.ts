/** The Writer's keys on the window while the studio is on screen (see `shortcuts.ts`). */
import { useWindowKeydown } from '../shell/useWindowKeydown';
import type { Phase } from './continuation';
import { writerCommand, type WriterCommand } from './shortcuts';

export function useWriterKeys(
  active: boolean,
  ctx: { phase: Phase; hasShown: boolean; canUndoAccept: boolean },
  onCommand: (cmd: WriterCommand) => void,
): void {
  useWindowKeydown(active, (e) => {
    if (e.defaultPrevented || e.isComposing) return;
    const target = e.target as HTMLElement | null;
    const inEditor = target?.dataset?.testid === 'writer-editor';
    // Keys typed in other fields (settings) keep their meaning, except Ctrl+Enter and Esc while running.
    const inField = !!target && !inEditor && target.matches('input, textarea, select');
    const cmd = writerCommand(e, { ...ctx, inEditor });
    if (!cmd || (inField && !(e.key === 'Enter' || cmd === 'stop'))) return;
    e.preventDefault();
    onCommand(cmd);
  });
}
