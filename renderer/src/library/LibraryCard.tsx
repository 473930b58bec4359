import { useState, type ReactElement } from 'react';
import type { AtelierApi, Generation } from '../../../preload/contract';
import { Icon } from '../shell/icons';
import { generationFileName } from '../../../preload/names';
import { downloadBlob } from '../textures/actions/exportTexture';
import { assetBlob } from '../textures/actions/loadAsset';
import {
  formatDateTime,
  formatDimensions,
  formatDuration,
  formatProvider,
  melodyMeta,
  studioName,
  textMeta,
} from './format';
import { documentFromParams, excerpt } from '../writer/document';
import { useThumbnail } from './useThumbnail';

interface Props {
  api: AtelierApi;
  generation: Generation;
  onOpen: (gen: Generation) => void;
  onDelete: (gen: Generation) => Promise<void>;
  onError?: (err: unknown) => void;
}

export function LibraryCard({ api, generation: g, onOpen, onDelete, onError }: Props): ReactElement {
  const isText = g.kind === 'text';
  const thumb = useThumbnail(api, isText ? null : g.id);
  const textDoc = isText ? documentFromParams(g) : null;
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const titleId = `gen-${g.id}-title`;
  const melody = g.kind === 'melody' ? melodyMeta(g) : null;
  const [exporting, setExporting] = useState(false);

  /**
   * A melody's export is its .mid file, a text's its .txt (the whole document), an image's its
   * .png: the host's save dialog where it has one, else a download.
   */
  const exportRole = g.kind === 'melody' ? 'midi' : isText ? 'text' : 'image';
  const exportFile = async (): Promise<void> => {
    setExporting(true);
    try {
      const info = await api.app.info();
      if (info.capabilities.saveDialog) await api.library.export({ id: g.id });
      else downloadBlob(await assetBlob(api, g.id, exportRole), generationFileName(g));
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
      className={`card${isText ? ' card-text' : ''}`}
      data-testid="library-item"
      data-kind={g.kind}
      data-generation-id={g.id}
      aria-labelledby={titleId}
    >
      <button
        type="button"
        className="card-thumb"
        onClick={() => onOpen(g)}
        aria-label={`Open ${g.title} in the ${studioName(g.kind)}`}
        tabIndex={-1}
      >
        {isText ? (
          <span className="card-text-excerpt" data-testid="library-text-excerpt">
            {textDoc ? (
              <>
                {textDoc.prompt !== '' ? (
                  <span className="card-text-prompt">…{textDoc.prompt.slice(-60)}</span>
                ) : null}
                {excerpt(textDoc.text)}
              </>
            ) : (
              'No preview'
            )}
          </span>
        ) : thumb.url ? (
          // A melody's thumbnail is a wide piano roll: show it whole; images whole, pixels crisp.
          <img
            src={thumb.url}
            alt=""
            draggable={false}
            className={g.kind === 'melody' ? 'contain' : g.kind === 'image' ? 'contain pixelated' : undefined}
          />
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
          {melody || isText ? (
            <div>
              <dt>Length</dt>
              <dd>{melody ?? textMeta(g)}</dd>
            </div>
          ) : (
            <div>
              <dt>Size</dt>
              <dd>{formatDimensions(g.width, g.height)}</dd>
            </div>
          )}
          <div>
            <dt>Model</dt>
            <dd>{isText && typeof g.params.modelName === 'string' ? g.params.modelName : g.modelId}</dd>
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
          {g.kind === 'melody' || isText || g.kind === 'image' ? (
            <button
              type="button"
              className="button small"
              data-testid="library-export"
              disabled={exporting}
              title={
                isText
                  ? 'Export the whole text as a .txt file'
                  : g.kind === 'image'
                    ? 'Export the image as a .png file'
                    : 'Export the clip as a .mid file'
              }
              onClick={() => void exportFile()}
            >
              <Icon name="download" size={14} />
              {isText ? '.txt' : g.kind === 'image' ? '.png' : '.mid'}
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
