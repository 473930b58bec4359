/**
 * Every download the host knows: a progress bar, bytes and speed, the file being fetched, Pause /
 * Resume / Retry / Cancel by state, a failed one's sentence, and for an installed one "Open in …"
 * the studio that runs it.
 */
import type { ReactElement } from 'react';
import type { HubDownload, ModelStatus } from '../../../preload/contract';
import { bytesLine, downloadActions, orderDownloads, progressFraction, stateLabel } from './downloads';
import type { Downloads } from './useDownloads';

interface Props {
  downloads: Downloads;
  models: readonly ModelStatus[] | null;
  /** "Open in Writer" for an installed model (null when no studio runs its task). */
  openIn: (model: ModelStatus) => { label: string; open: () => void } | null;
}

export function DownloadsPanel({ downloads, models, openIn }: Props): ReactElement {
  const list = orderDownloads(downloads.list);
  return (
    <section className="panel-section models-downloads" aria-label="Downloads" data-testid="models-downloads">
      <h2 className="section-title">Downloads</h2>
      {downloads.error ? <p className="models-error">{downloads.error}</p> : null}
      {list.length === 0 && !downloads.error ? <p className="muted">No downloads yet.</p> : null}
      <ul className="stack-list models-download-list">
        {list.map((d) => (
          <DownloadItem
            key={d.downloadId}
            d={d}
            downloads={downloads}
            model={d.modelId ? (models?.find((m) => m.id === d.modelId) ?? null) : null}
            openIn={openIn}
          />
        ))}
      </ul>
    </section>
  );
}

function DownloadItem({
  d,
  downloads,
  model,
  openIn,
}: {
  d: HubDownload;
  downloads: Downloads;
  model: ModelStatus | null;
  openIn: Props['openIn'];
}): ReactElement {
  const can = downloadActions(d.state);
  const pct = Math.round(progressFraction(d) * 100);
  const open = d.state === 'done' && model ? openIn(model) : null;
  const refused = downloads.actionErrors[d.downloadId];
  return (
    <li
      className="models-download"
      data-testid="models-download-item"
      data-id={d.downloadId}
      data-repo={d.repo}
      data-state={d.state}
      data-model={d.modelId}
    >
      <div className="models-download-head">
        <span className="models-download-name" title={d.repo}>
          {d.repo}
        </span>
        <span className={`models-download-state is-${d.state}`}>
          {stateLabel(d.state)}
          {d.state !== 'done' && d.bytesTotal > 0 ? ` · ${pct}%` : ''}
        </span>
      </div>
      <span className="muted models-download-variant">variant {d.variant}</span>
      {d.state !== 'done' ? (
        <div
          className="progress"
          role="progressbar"
          aria-label={`${d.repo} download`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          data-testid="models-download-progress"
          data-stage={d.state === 'failed' ? 'failed' : undefined}
          data-done={d.bytesDone}
          data-total={d.bytesTotal}
        >
          <div className="progress-fill" style={{ width: `${pct}%` }} />
        </div>
      ) : null}
      <span className="models-download-bytes" data-testid="models-download-bytes">
        {bytesLine(d)}
      </span>
      {d.file && (d.state === 'downloading' || d.state === 'verifying') ? (
        <code className="models-download-file" data-testid="models-download-file" title={d.file}>
          {d.file}
        </code>
      ) : null}
      {d.state === 'failed' && d.error ? (
        <p className="models-error" data-testid="models-download-failure" role="alert">
          {d.error}
        </p>
      ) : null}
      {refused ? (
        <p className="models-error" data-testid="models-download-refused" role="alert">
          {refused}
        </p>
      ) : null}
      <div className="button-row models-download-actions">
        {can.pause ? (
          <button type="button" className="button small" data-testid="models-download-pause" onClick={() => downloads.pause(d)}>
            Pause
          </button>
        ) : null}
        {can.resume ? (
          <button type="button" className="button small" data-testid="models-download-resume" onClick={() => downloads.resume(d)}>
            Resume
          </button>
        ) : null}
        {can.retry ? (
          <button type="button" className="button small" data-testid="models-download-retry" onClick={() => downloads.retry(d)}>
            Try again
          </button>
        ) : null}
        {can.cancel ? (
          <button
            type="button"
            className="button small ghost"
            data-testid="models-download-cancel"
            aria-label={`Cancel the download of ${d.repo}`}
            onClick={() => downloads.cancel(d)}
          >
            Cancel
          </button>
        ) : null}
        {open ? (
          <button type="button" className="button small primary" data-testid="models-download-open" onClick={open.open}>
            {open.label}
          </button>
        ) : null}
      </div>
    </li>
  );
}
