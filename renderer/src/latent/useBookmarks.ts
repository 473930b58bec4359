/**
 * The model's bookmarks: the library's `latent` records (kept fresh on `library.changed`) read
 * as points of the model on show, newest first; deleting one deletes its record.
 */
import { useMemo } from 'react';
import type { AtelierApi, Generation } from '../../../preload/contract';
import { useLibraryList, type LibraryListQuery } from '../shell/useLibraryList';
import { bookmarksFor, type Bookmark } from './explorer';
import type { LatentModels } from './useLatentModels';

/** The library's latent records: bookmarks are exactly these. */
const LATENT_RECORDS: LibraryListQuery = { kind: 'latent', limit: 500 };

export interface Bookmarks {
  /** The model's bookmarks; null until the library answers (or without a model). */
  bookmarks: Bookmark[] | null;
  /** Shows a just-saved record at once. */
  add: (gen: Generation) => void;
  remove: (b: Bookmark) => Promise<void>;
}

export function useBookmarks(
  api: AtelierApi,
  { modelId, latent }: Pick<LatentModels, 'modelId' | 'latent'>,
  reportError: (err: unknown) => void,
): Bookmarks {
  const library = useLibraryList(api, LATENT_RECORDS, reportError);
  const bookmarks = useMemo(
    () => (library.items && latent ? bookmarksFor(library.items, modelId, latent.dim) : null),
    [library.items, latent, modelId],
  );

  const remove = async (b: Bookmark): Promise<void> => {
    try {
      await api.library.delete({ id: b.generation.id });
      library.remove(b.generation.id);
    } catch (err) {
      reportError(err);
    }
  };

  return { bookmarks, add: library.add, remove };
}
