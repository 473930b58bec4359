/**
 * A tiny external store for what changes every frame (the worker's newest snapshot, the view
 * request): the picture, the iteration counter and the chart subscribe to their slice of it with
 * `useStoreValue`, so a snapshot re-renders them and not the whole studio.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

export interface Store<T> {
  get: () => T;
  /** Merges `patch` and tells the subscribers (when something changed). */
  set: (patch: Partial<T>) => void;
  subscribe: (listener: () => void) => () => void;
}

export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(patch) {
      let changed = false;
      for (const k of Object.keys(patch) as (keyof T)[]) {
        if (!Object.is(state[k], patch[k])) changed = true;
      }
      if (!changed) return;
      state = { ...state, ...patch };
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** One slice of a store; the component re-renders only when the slice changes (Object.is). */
export function useStoreValue<T extends object, S>(store: Store<T>, select: (state: T) => S): S {
  const get = useCallback(() => select(store.get()), [store, select]);
  return useSyncExternalStore(store.subscribe, get, get);
}

/**
 * One slice of a store, updated at most every `ms` milliseconds (the last change always lands):
 * for text that would otherwise redraw every frame (counters, losses).
 */
export function useThrottledValue<T extends object, S>(
  store: Store<T>,
  select: (state: T) => S,
  ms: number,
): S {
  const [value, setValue] = useState(() => select(store.get()));
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const land = (): void => {
      timer = undefined;
      last = performance.now();
      setValue(select(store.get()));
    };
    land();
    const off = store.subscribe(() => {
      if (timer) return;
      const wait = ms - (performance.now() - last);
      if (wait <= 0) land();
      else timer = setTimeout(land, wait);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [store, select, ms]);
  return value;
}
