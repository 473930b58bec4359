import { useEffect, useEffectEvent } from 'react';

/** Listens to keydown on the window while `active` (the studio is on screen), with the latest handler. */
export function useWindowKeydown(active: boolean, handler: (e: KeyboardEvent) => void): void {
  const onKey = useEffectEvent(handler);
  useEffect(() => {
    if (!active) return;
    const listener = (e: KeyboardEvent): void => onKey(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [active]);
}
