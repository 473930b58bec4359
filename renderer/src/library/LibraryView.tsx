import type { ReactElement } from 'react';
import type { Generation } from '../../../preload/contract';
import { newestFirst } from '../shell/format';
import { useShell } from '../shell/ShellContext';
import type { StudioProps } from '../shell/studio';
import { useLibraryList, type LibraryListQuery } from '../shell/useLibraryList';
import { LibraryCard } from './LibraryCard';

const QUERY: LibraryListQuery = { limit: 100, order: newestFirst };

/**
 * The Library: every generation, newest first. Mounted while shown, so showing it refreshes it.
 * A deleted record's studio hears of it through `library.changed`.
 */
export function LibraryView({ api, onOpenGeneration }: StudioProps): ReactElement {
  const shell = useShell();
  const { reportError } = shell;
  const { items, hasMore, loadingMore, loadMore, remove: forget } = useLibraryList(api, QUERY, reportError);

  const remove = async (gen: Generation): Promise<void> => {
    try {
      await api.library.delete({ id: gen.id });
      forget(gen.id);
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
            Textures, latent bookmarks, melody clips and accepted text you make are kept here, with everything
            needed to make them again.
          </p>
        </div>
      ) : null}
      {items && items.length > 0 ? (
        <ul className="library-grid" aria-label="Generations">
          {items.map((g) => (
            <LibraryCard
              key={g.id}
              api={api}
              generation={g}
              onOpen={onOpenGeneration}
              onDelete={remove}
              onError={reportError}
            />
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
