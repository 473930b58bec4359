import { useCallback, useEffect, useRef, useState } from 'react';
import type { AtelierApi, Generation } from '../../../preload/contract';

const LIMIT = 500;

/**
 * The library's latent records (bookmarks are exactly these), kept fresh on `library.changed`.
 * `add` and `remove` update the list at once, before the refresh that follows the event.
 */
export function useLatentLibrary(
  api: AtelierApi,
  reportError: (err: unknown) => void,
): {
  items: Generation[] | null;
  add: (gen: Generation) => void;
  remove: (id: string) => void;
} {
  const [items, setItems] = useState<Generation[] | null>(null);
  const request = useRef(0);

  const refresh = useCallback(() => {
    const n = ++request.current;
    api.library.list({ kind: 'latent', limit: LIMIT }).then(
      (list) => {
        if (n === request.current) setItems(list);
      },
      (err: unknown) => {
        if (n !== request.current) return;
        setItems((prev) => prev ?? []);
        reportError(err);
      },
    );
  }, [api, reportError]);

  useEffect(() => {
    refresh();
    return api.on('library.changed', () => refresh());
  }, [api, refresh]);

  const add = useCallback((gen: Generation) => {
    setItems((prev) => [gen, ...(prev ?? []).filter((g) => g.id !== gen.id)]);
  }, []);
  const remove = useCallback((id: string) => {
    request.current++; // a list already in flight may predate the delete
    setItems((prev) => (prev ? prev.filter((g) => g.id !== id) : prev));
  }, []);

  return { items, add, remove };
}
