/** Small localStorage helpers the studios share: JSON in, JSON out, never throwing. */

export type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Writes `value` as JSON; false when storage is full or disabled (the work stays on screen). */
export function writeJson(store: Store, key: string, value: unknown): boolean {
  try {
    store.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** The stored JSON value, or undefined when there is none or it cannot be read. */
export function readJson(store: Store, key: string): unknown {
  try {
    const raw = store.getItem(key);
    return raw === null ? undefined : (JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}

/** The browser's localStorage, or an in-memory stand-in where it is unavailable. */
export function browserStore(): Store {
  try {
    if (typeof localStorage !== 'undefined') return localStorage;
  } catch {
    // blocked
  }
  return memoryStore();
}

export function memoryStore(): Store {
  const mem = new Map<string, string>();
  return {
    getItem: (k) => mem.get(k) ?? null,
    setItem: (k, v) => void mem.set(k, v),
    removeItem: (k) => void mem.delete(k),
  };
}
