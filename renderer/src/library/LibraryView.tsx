import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import type { AtelierApi, Generation } from '../../../preload/contract';
import { useShell } from '../shell/ShellContext';
import { newestFirst, withoutGeneration } from './format';
import { LibraryCard } from './LibraryCard';

interface Props {
  api: AtelierApi;
  onOpen: (gen: Generation) => void;
  onDeleted: (id: string) => void;
}

const PAGE = 100;

/** The Library: every generation, newest first. Mounted while shown, so showing it refreshes it. */
export function LibraryView({ api, onOpen, onDeleted }: Props): ReactElement {
  const shell = useShell();
  const { reportError } = shell;
  const [items, setItems] = useState<Generation[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const request = useRef(0);

  const refresh = useCallback(() => {
    const n = ++request.current;
    api.library.list({ limit: PAGE }).then(
      (list) => {
        if (n !== request.current) return;
        setItems(newestFirst(list));
        setHasMore(list.length >= PAGE);
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

  const loadMore = async (): Promise<void> => {
    const last = items?.at(-1);
    if (!last) return;
    setLoadingMore(true);
    try {
      const more = await api.library.list({ limit: PAGE, before: last.createdAt });
      setItems((prev) => {
        const seen = new Set((prev ?? []).map((g) => g.id));
        return newestFirst([...(prev ?? []), ...more.filter((g) => !seen.has(g.id))]);
      });
      setHasMore(more.length >= PAGE);
    } catch (err) {
      reportError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  const remove = async (gen: Generation): Promise<void> => {
    try {
      await api.library.delete({ id: gen.id });
      request.current++; // a list already in flight may predate the delete
      setItems((prev) => (prev ? withoutGeneration(prev, gen.id) : prev));
      onDeleted(gen.id);
    } catch (err) {
      reportError(err);
    }
  };

  return (
    <div className="library">
      <header className="library-header">
        <h1>Library</h1>
        <span className="muted" aria-live="polite">
          {items === null
            ? 'Loading…'
            : `${items.length}${hasMore ? '+' : ''} generation${items.length === 1 ? '' : 's'}`}
        </span>
      </header>
      {items !== null && items.length === 0 ? (
        <div className="library-empty" data-testid="library-empty">
          <p>Nothing here yet.</p>
          <p className="muted">
            Textures you generate are kept here, with everything needed to make them again.
          </p>
        </div>
      ) : null}
      {items && items.length > 0 ? (
        <ul className="library-grid" aria-label="Generations">
          {items.map((g) => (
            <LibraryCard key={g.id} api={api} generation={g} onOpen={onOpen} onDelete={remove} />
          ))}
        </ul>
      ) : null}
      {hasMore ? (
        <div className="library-more">
          <button type="button" className="button" disabled={loadingMore} onClick={() => void loadMore()}>
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
