/** The studio's keyboard shortcuts (see `shortcuts.ts`), while it is on screen and nothing modal is open. */
import { focusKind } from '../shell/focus';
import { useWindowKeydown } from '../shell/useWindowKeydown';
import { studioKeyAction, type StudioKeyAction } from './shortcuts';

export function useStudioKeys(
  active: boolean,
  blocked: boolean,
  handlers: Record<StudioKeyAction, () => void>,
): void {
  useWindowKeydown(active, (e: KeyboardEvent) => {
    if (e.defaultPrevented || blocked) return;
    const action = studioKeyAction(e, focusKind(document.activeElement as HTMLElement | null));
    if (!action) return;
    e.preventDefault();
    handlers[action]();
  });
}
