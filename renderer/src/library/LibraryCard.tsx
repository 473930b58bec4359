import { useState, type ReactElement } from 'react';
import type { AtelierApi, Generation } from '../../../preload/contract';
import { Icon } from '../shell/icons';
import { formatDateTime, formatDimensions, formatDuration, formatProvider } from './format';
import { useThumbnail } from './useThumbnail';

interface Props {
  api: AtelierApi;
  generation: Generation;
  onOpen: (gen: Generation) => void;
  onDelete: (gen: Generation) => Promise<void>;
}

export function LibraryCard({ api, generation: g, onOpen, onDelete }: Props): ReactElement {
  const thumb = useThumbnail(api, g.id);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const titleId = `gen-${g.id}-title`;

  const confirmDelete = async (): Promise<void> => {
    setDeleting(true);
    try {
      await onDelete(g);
    } finally {
      setDeleting(false);
      setConfirming(false);
    }
  };

  return (
    <li className="card" data-testid="library-item" data-generation-id={g.id} aria-labelledby={titleId}>
      <button
        type="button"
        className="card-thumb"
        onClick={() => onOpen(g)}
        aria-label={`Open ${g.title} in the Texture studio`}
        tabIndex={-1}
      >
        {thumb.url ? (
          <img src={thumb.url} alt="" draggable={false} />
        ) : (
          <span className="card-thumb-empty">{thumb.failed ? 'No preview' : ''}</span>
        )}
      </button>
      <div className="card-body">
        <h3 className="card-title" id={titleId} title={g.title}>
          {g.title}
        </h3>
        <time className="card-date muted" dateTime={new Date(g.createdAt).toISOString()}>
          {formatDateTime(g.createdAt)}
        </time>
        <dl className="card-meta">
          <div>
            <dt>Seed</dt>
            <dd>{g.seed}</dd>
          </div>
          <div>
            <dt>Size</dt>
            <dd>{formatDimensions(g.width, g.height)}</dd>
          </div>
          <div>
            <dt>Model</dt>
            <dd>{g.modelId}</dd>
          </div>
          <div>
            <dt>Provider</dt>
            <dd>{formatProvider(g.provider)}</dd>
          </div>
          <div>
            <dt>Time</dt>
            <dd>{formatDuration(g.durationMs)}</dd>
          </div>
        </dl>
      </div>
      {confirming ? (
        <div
          className="card-actions card-confirm"
          role="group"
          aria-label={`Confirm deleting ${g.title}`}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !deleting) setConfirming(false);
          }}
        >
          <span className="confirm-text">Delete for good?</span>
          <button
            type="button"
            className="button small danger"
            data-testid="library-confirm-delete"
            disabled={deleting}
            onClick={() => void confirmDelete()}
          >
            {deleting ? 'Deleting…' : 'Delete'}
          </button>
          <button
            type="button"
            className="button small"
            disabled={deleting}
            onClick={() => setConfirming(false)}
            autoFocus
          >
            Keep
          </button>
        </div>
      ) : (
        <div className="card-actions">
          <button type="button" className="button small" data-testid="library-open" onClick={() => onOpen(g)}>
            <Icon name="open" size={14} />
            Open
          </button>
          <button
            type="button"
            className="button small ghost"
            data-testid="library-delete"
            aria-label={`Delete ${g.title}`}
            onClick={() => setConfirming(true)}
          >
            <Icon name="trash" size={14} />
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
