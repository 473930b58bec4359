/**
 * Keeps the run on show in the browser (runStore.ts) so a reload brings it back: soon after it
 * changed, when training pauses, every 15 s while it trains, and when the page is hidden.
 */
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { Live } from './live';
import { writeRun } from './runStore';
import { useStoreValue, type Store } from './store';
import type { LabClient } from './worker/client';

const EVERY_MS = 15_000;
const selectPlaying = (l: Live): boolean => l.playing;

export interface Autosave {
  /** Keeps the run now. */
  now: () => void;
  /** Keeps the run after `ms` (a later call moves it). */
  soon: (ms?: number) => void;
}

export function useAutosave(
  client: RefObject<LabClient | null>,
  running: () => boolean,
  store: Store<Live>,
): Autosave {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const now = useCallback(() => {
    clearTimeout(timer.current);
    const c = client.current;
    if (!c || !running()) return;
    c.save().then(
      (state) => void writeRun(state.lab, state),
      () => undefined,
    );
  }, [client, running]);
  const soon = useCallback(
    (ms = 1000) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(now, ms);
    },
    [now],
  );

  const playing = useStoreValue(store, selectPlaying);
  useEffect(() => {
    if (!playing) return;
    const t = setInterval(now, EVERY_MS);
    return () => clearInterval(t);
  }, [playing, now]);

  useEffect(() => {
    const hide = (): void => {
      if (document.visibilityState === 'hidden') now();
    };
    document.addEventListener('visibilitychange', hide);
    return () => {
      document.removeEventListener('visibilitychange', hide);
      clearTimeout(timer.current);
    };
  }, [now]);

  return { now, soon };
}
