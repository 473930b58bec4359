import { useState, type ReactElement } from 'react';
import type { AtelierApi } from '../../../preload/contract';
import { formatDateTime } from '../shell/format';
import { useThumbnail } from '../shell/useThumbnail';
import { Icon } from '../shell/icons';
import { formatWhen, type Bookmark } from './explorer';

interface Props {
  api: AtelierApi;
  bookmarks: readonly Bookmark[] | null;
  modelName: string;
  disabled: boolean;
  /** The bookmark the point on show is (its record id), marked in the list. */
  marked?: string | null;
  onGo: (b: Bookmark) => void;
  onDelete: (b: Bookmark) => Promise<void>;
}

/** The model's bookmarks (library records): thumbnail, title; click to go there, delete. */
export function BookmarkList({
  api,
  bookmarks,
  modelName,
  disabled,
  marked = null,
  onGo,
  onDelete,
}: Props): ReactElement {
  if (bookmarks === null) return <p className="muted">Loading bookmarks…</p>;
  if (bookmarks.length === 0)
    return (
      <p className="muted latent-empty">
        No bookmarks for {modelName} yet. Press <kbd>B</kbd> or “Bookmark” to keep the current point.
      </p>
    );
  return (
    <ul className="stack-list latent-bookmarks" aria-label={`Bookmarks of ${modelName}`}>
      {bookmarks.map((b) => (
        <BookmarkItem
          key={b.generation.id}
          api={api}
          bookmark={b}
          modelName={modelName}
          disabled={disabled}
          marked={b.generation.id === marked}
          onGo={onGo}
          onDelete={onDelete}
        />
      ))}
    </ul>
  );
}

function BookmarkItem({
  api,
  bookmark: b,
  modelName,
  disabled,
  marked,
  onGo,
  onDelete,
}: {
  api: AtelierApi;
  bookmark: Bookmark;
  modelName: string;
  disabled: boolean;
  marked: boolean;
  onGo: (b: Bookmark) => void;
  onDelete: (b: Bookmark) => Promise<void>;
}): ReactElement {
  const thumb = useThumbnail(api, b.generation.id);
  const [deleting, setDeleting] = useState(false);
  const g = b.generation;
  return (
    <li
      className={`latent-bookmark${marked ? ' is-marked' : ''}`}
      data-testid="latent-bookmark-item"
      data-id={g.id}
      data-marked={marked ? 'true' : undefined}
    >
      <button
        type="button"
        className="latent-bookmark-go"
        aria-current={marked ? 'true' : undefined}
        disabled={disabled}
        onClick={() => onGo(b)}
        title={`Go to “${g.title}” (${formatDateTime(g.createdAt)})`}
      >
        <span className="latent-bookmark-thumb">
          {thumb.url ? <img src={thumb.url} alt="" draggable={false} /> : null}
        </span>
        <span className="latent-bookmark-text">
          <span className="latent-bookmark-title">{g.title}</span>
          <span className="muted">
            {modelName} · {formatWhen(g.createdAt)}
          </span>
        </span>
      </button>
      <button
        type="button"
        className="icon-button"
        data-testid="latent-bookmark-delete"
        aria-label={`Delete bookmark ${g.title}`}
        title="Delete bookmark"
        disabled={deleting}
        onClick={() => {
          setDeleting(true);
          void onDelete(b).finally(() => setDeleting(false));
        }}
      >
        <Icon name="trash" size={14} />
      </button>
    </li>
  );
}
