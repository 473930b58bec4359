/** The explorer's keyboard shortcuts (see `keyboard.ts`), while it is on screen and its model is usable. */
import { useWindowKeydown } from '../shell/useWindowKeydown';
import { focusKind } from '../shell/focus';
import { latentKeyAction } from './keyboard';

export interface LatentKeyHandlers {
  nudge: (dx: number, dy: number) => void;
  bookmark: () => void;
  randomize: () => void;
  reset: () => void;
}

export function useLatentKeys(active: boolean, usable: boolean, handlers: LatentKeyHandlers): void {
  useWindowKeydown(active, (e: KeyboardEvent) => {
    if (e.defaultPrevented) return;
    const action = latentKeyAction(e, focusKind(document.activeElement as HTMLElement | null));
    if (!action || !usable) return;
    e.preventDefault();
    if (action.kind === 'nudge') handlers.nudge(action.dx, action.dy);
    else if (action.kind === 'bookmark') handlers.bookmark();
    else if (action.kind === 'randomize') handlers.randomize();
    else handlers.reset();
  });
}
