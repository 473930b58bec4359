import { useState, type ReactElement } from 'react';
import type { AtelierApi, Generation } from '../../../preload/contract';
import { assetBlob } from '../shell/assets';
import { downloadBlob } from '../shell/download';
import { formatDateTime, formatDuration, formatProvider } from '../shell/format';
import { Icon } from '../shell/icons';
import { cardFor } from '../shell/studio';
import { useStudios } from '../shell/StudiosContext';
import { useThumbnail } from '../shell/useThumbnail';

interface Props {
  api: AtelierApi;
  generation: Generation;
  onOpen: (gen: Generation) => void;
  onDelete: (gen: Generation) => Promise<void>;
  onError?: (err: unknown) => void;
}

export function LibraryCard({ api, generation: g, onOpen, onDelete, onError }: Props): ReactElement {
  // The card's pieces come from the studio that opens the kind; its export from the kinds table.
  const card = cardFor(useStudios(), g);
  const excerpt = typeof card.thumbnail === 'function' ? card.thumbnail : null;
  // 'cover' is the card's default fit; 'contain' shows a wide piano roll whole, 'pixelated' keeps pixels crisp.
  const fit = typeof card.thumbnail === 'string' && card.thumbnail !== 'cover' ? card.thumbnail : undefined;
  const thumb = useThumbnail(api, excerpt ? null : g.id);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const titleId = `gen-${g.id}-title`;
  const [exporting, setExporting] = useState(false);

  /**
   * The record's export (its kind's asset: a melody's .mid, a text's .txt, an image's .png): the
   * host's save dialog where it has one, else a download.
   */
  const exportFile = async (): Promise<void> => {
    setExporting(true);
    try {
      const info = await api.app.info();
      if (info.capabilities.saveDialog) await api.library.export({ id: g.id });
      else if (card.export) downloadBlob(await assetBlob(api, g.id, card.export.role), card.export.fileName);
    } catch (err) {
      onError?.(err);
    } finally {
      setExporting(false);
    }
  };

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
    <li
      className={`card${excerpt ? ' card-text' : ''}`}
      data-testid="library-item"
      data-kind={g.kind}
      data-generation-id={g.id}
      aria-labelledby={titleId}
    >
      <button
        type="button"
        className="card-thumb"
        onClick={() => onOpen(g)}
        aria-label={card.openLabel}
        tabIndex={-1}
      >
        {excerpt ? (
          <span className="card-text-excerpt" data-testid="library-text-excerpt">
            {excerpt(g)}
          </span>
        ) : thumb.url ? (
          <img src={thumb.url} alt="" draggable={false} className={fit} />
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
            <dt>{card.meta.label}</dt>
            <dd>{card.meta.text}</dd>
          </div>
          <div>
            <dt>Model</dt>
            <dd>{card.model}</dd>
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
          {card.export ? (
            <button
              type="button"
              className="button small"
              data-testid="library-export"
              disabled={exporting}
              title={card.export.title}
              onClick={() => void exportFile()}
            >
              <Icon name="download" size={14} />
              {card.export.label}
            </button>
          ) : null}
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
