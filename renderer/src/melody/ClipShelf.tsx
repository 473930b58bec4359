import { useState, type DragEvent, type ReactElement } from 'react';
import type { AtelierApi } from '../../../preload/contract';
import { DEFAULT_METER, meterBeats } from '../../../preload/melody';
import { useThumbnail } from '../shell/useThumbnail';
import { Icon } from '../shell/icons';
import { clipSummary, type MelodyRecord } from './clips';
import { MiniRoll } from './MiniRoll';

interface Props {
  api: AtelierApi;
  records: MelodyRecord[] | null;
  /** The clip the roll was opened from. */
  openId: string | null;
  auditioning: string | null;
  onOpen: (r: MelodyRecord) => void;
  onAudition: (r: MelodyRecord) => void;
  onDelete: (r: MelodyRecord) => Promise<void>;
  /** Renames the clip in place; resolves to whether it was renamed. */
  onRename: (r: MelodyRecord, name: string) => Promise<boolean>;
  /** Drag a clip out of the window as a .mid file. */
  onDragStart: (r: MelodyRecord, e: DragEvent) => void;
  onPrepareDrag: (r: MelodyRecord) => void;
}

export const clipAuditionKey = (id: string): string => `clip:${id}`;

/** The library's melody clips, newest first: open in the roll, audition, drag out, rename, delete. */
export function ClipShelf({
  api,
  records,
  openId,
  auditioning,
  onOpen,
  onAudition,
  onDelete,
  onRename,
  onDragStart,
  onPrepareDrag,
}: Props): ReactElement {
  if (records === null) return <p className="muted melody-shelf-empty">Loading clips…</p>;
  if (records.length === 0)
    return (
      <p className="muted melody-shelf-empty" data-testid="melody-shelf-empty">
        No clips yet. Save one (Ctrl+S) or use a generated take.
      </p>
    );
  return (
    <ul className="stack-list melody-shelf-list" aria-label="Saved clips">
      {records.map((r) => (
        <ShelfItem
          key={r.id}
          api={api}
          record={r}
          open={r.id === openId}
          playing={auditioning === clipAuditionKey(r.id)}
          onOpen={onOpen}
          onAudition={onAudition}
          onDelete={onDelete}
          onRename={onRename}
          onDragStart={onDragStart}
          onPrepareDrag={onPrepareDrag}
        />
      ))}
    </ul>
  );
}

function ShelfItem({
  api,
  record: r,
  open,
  playing,
  onOpen,
  onAudition,
  onDelete,
  onRename,
  onDragStart,
  onPrepareDrag,
}: {
  api: AtelierApi;
  record: MelodyRecord;
  open: boolean;
  playing: boolean;
  onOpen: (r: MelodyRecord) => void;
  onAudition: (r: MelodyRecord) => void;
  onDelete: (r: MelodyRecord) => Promise<void>;
  onRename: (r: MelodyRecord, name: string) => Promise<boolean>;
  onDragStart: (r: MelodyRecord, e: DragEvent) => void;
  onPrepareDrag: (r: MelodyRecord) => void;
}): ReactElement {
  const thumb = useThumbnail(api, r.id);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  /** The name being typed while renaming (null when not renaming). */
  const [naming, setNaming] = useState<string | null>(null);
  const [renaming, setRenaming] = useState(false);
  const commitName = (): void => {
    if (naming === null || renaming) return;
    const name = naming.trim();
    if (!name || name === r.title) {
      setNaming(null);
      return;
    }
    setRenaming(true);
    void onRename(r, name).then((ok) => {
      setRenaming(false);
      if (ok) setNaming(null);
    });
  };

  return (
    <li
      className={`melody-clip${open ? ' is-open' : ''}`}
      data-testid="melody-clip"
      data-id={r.id}
      draggable
      onPointerEnter={() => onPrepareDrag(r)}
      onDragStart={(e) => onDragStart(r, e)}
    >
      <button
        type="button"
        className="melody-clip-open"
        title={`Open “${r.title}” in the roll`}
        onClick={() => onOpen(r)}
      >
        {thumb.url ? (
          <img className="melody-clip-thumb" src={thumb.url} alt="" draggable={false} />
        ) : (
          <MiniRoll
            notes={r.notes}
            bars={r.bars}
            barBeats={meterBeats(r.meter ?? DEFAULT_METER)}
            width={112}
            height={36}
          />
        )}
        {naming === null ? (
          <span className="melody-clip-text">
            <span className="melody-clip-title" data-testid="melody-clip-title" title={r.title}>
              {r.title}
            </span>
            <span className="muted">{clipSummary(r)}</span>
          </span>
        ) : null}
      </button>
      {naming !== null ? (
        <input
          type="text"
          className="melody-clip-rename"
          data-testid="melody-clip-rename-input"
          aria-label={`New name for ${r.title}`}
          maxLength={120}
          autoFocus
          value={naming}
          disabled={renaming}
          onFocus={(e) => e.target.select()}
          onChange={(e) => setNaming(e.target.value)}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Enter') {
              e.preventDefault();
              commitName();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              setNaming(null);
            }
          }}
          onBlur={commitName}
        />
      ) : null}
      {confirming ? (
        <div className="melody-clip-actions" role="group" aria-label={`Confirm deleting ${r.title}`}>
          <button
            type="button"
            className="button small danger"
            data-testid="melody-clip-confirm-delete"
            disabled={deleting}
            onClick={() => {
              setDeleting(true);
              void onDelete(r).finally(() => {
                setDeleting(false);
                setConfirming(false);
              });
            }}
          >
            {deleting ? 'Deleting…' : 'Delete'}
          </button>
          <button
            type="button"
            className="button small"
            autoFocus
            disabled={deleting}
            onClick={() => setConfirming(false)}
          >
            Keep
          </button>
        </div>
      ) : (
        <div className="melody-clip-actions">
          <button
            type="button"
            className="icon-button"
            data-testid="melody-clip-play"
            aria-label={playing ? `Stop ${r.title}` : `Play ${r.title}`}
            aria-pressed={playing}
            title={playing ? 'Stop' : 'Play this clip alone'}
            onClick={() => onAudition(r)}
          >
            <Icon name={playing ? 'stop' : 'play'} size={14} />
          </button>
          <button
            type="button"
            className="icon-button"
            data-testid="melody-clip-rename"
            aria-label={`Rename ${r.title}`}
            title="Rename (the same clip, a new name)"
            onClick={() => setNaming(r.title)}
          >
            <Icon name="pen" size={14} />
          </button>
          <button
            type="button"
            className="icon-button"
            data-testid="melody-clip-delete"
            aria-label={`Delete ${r.title}`}
            title="Delete"
            onClick={() => setConfirming(true)}
          >
            <Icon name="trash" size={14} />
          </button>
        </div>
      )}
    </li>
  );
}
