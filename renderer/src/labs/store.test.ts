import { describe, expect, it } from 'vitest';
import { createStore } from './store';

describe('createStore', () => {
  it('merges patches and tells subscribers only when something changed', () => {
    const store = createStore({ iteration: 0, view: null as unknown });
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.set({ iteration: 1 });
    expect(store.get()).toEqual({ iteration: 1, view: null });
    store.set({ iteration: 1 });
    expect(calls).toBe(1);
    const view = { a: 1 };
    store.set({ view });
    expect(store.get().view).toBe(view);
    expect(calls).toBe(2);
    off();
    store.set({ iteration: 2 });
    expect(calls).toBe(2);
  });
});
