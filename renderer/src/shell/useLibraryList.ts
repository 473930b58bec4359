import { useCallback, useEffect, useRef, useState } from 'react';
import type { AtelierApi, Generation, GenerationKind } from '../../../preload/contract';
import { isFullPage, withGenerationFirst, withoutGeneration, withPage } from './format';

export interface LibraryListQuery {
  /** Only generations of this kind (all kinds when left out). */
  kind?: GenerationKind;
  /** Generations per page. */
  limit: number;
  /** How the list is kept (e.g. `newestFirst`); as listed when left out. Pass a stable function. */
  order?: (list: readonly Generation[]) => Generation[];
}

export interface LibraryList {
  /** Null until the first page answers. */
  items: Generation[] | null;
  /** The last page came back full, so `loadMore` may find older ones. */
  hasMore: boolean;
  loadingMore: boolean;
  /** Appends the page before the oldest generation listed. */
  loadMore: () => Promise<void>;
  /** Shows a just-saved generation at once, before the refresh that follows its event. */
  add: (gen: Generation) => void;
  /** Drops a deleted generation at once; a list already in flight (maybe older than the delete) is ignored. */
  remove: (id: string) => void;
}

/**
 * The library's first page, listed again on every `library.changed`. Only the newest request's
 * answer is kept (an older one may predate a change); a failure is reported and leaves what is shown.
 */
export function useLibraryList(
  api: AtelierApi,
  { kind, limit, order }: LibraryListQuery,
  reportError: (err: unknown) => void,
): LibraryList {
  const [items, setItems] = useState<Generation[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const request = useRef(0);

  const refresh = useCallback(() => {
    const n = ++request.current;
    api.library.list(kind === undefined ? { limit } : { kind, limit }).then(
      (list) => {
        if (n !== request.current) return;
        setItems(order ? order(list) : list);
        setHasMore(isFullPage(list, limit));
      },
      (err: unknown) => {
        if (n !== request.current) return;
        setItems((prev) => prev ?? []);
        reportError(err);
      },
    );
  }, [api, kind, limit, order, reportError]);

  useEffect(() => {
    refresh();
    return api.on('library.changed', () => refresh());
  }, [api, refresh]);

  const loadMore = async (): Promise<void> => {
    const last = items?.at(-1);
    if (!last) return;
    setLoadingMore(true);
    try {
      const before = last.createdAt;
      const more = await api.library.list(kind === undefined ? { limit, before } : { kind, limit, before });
      setItems((prev) => {
        const list = withPage(prev ?? [], more);
        return order ? order(list) : list;
      });
      setHasMore(isFullPage(more, limit));
    } catch (err) {
      reportError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  const add = useCallback((gen: Generation) => {
    setItems((prev) => withGenerationFirst(prev ?? [], gen));
  }, []);

  const remove = useCallback((id: string) => {
    request.current++; // a list already in flight may predate the delete
    setItems((prev) => (prev ? withoutGeneration(prev, id) : prev));
  }, []);

  return { items, hasMore, loadingMore, loadMore, add, remove };
}
