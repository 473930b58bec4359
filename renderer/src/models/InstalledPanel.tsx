/**
 * The models the user added (downloaded or imported; `models.list`'s `imported` ones): name, task,
 * size, "Open in …" the studio that runs it, and Remove after a confirm (the shell's `useModelRemove`).
 */
import type { ReactElement } from 'react';
import type { ModelStatus } from '../../../preload/contract';
import { Icon } from '../shell/icons';
import type { ModelRemove } from '../shell/useModelRemove';
import { formatBytes } from './downloads';

interface Props {
  models: readonly ModelStatus[] | null;
  remover: ModelRemove;
  openIn: (model: ModelStatus) => { label: string; open: () => void } | null;
}

export function InstalledPanel({ models, remover, openIn }: Props): ReactElement {
  const mine = (models ?? []).filter((m) => m.source === 'imported');
  const confirming = remover.confirming;
  return (
    <section className="panel-section models-installed" aria-label="Installed models" data-testid="models-installed">
      <h2 className="section-title">Installed models</h2>
      {models === null ? <p className="muted">Loading models…</p> : null}
      {models !== null && mine.length === 0 ? (
        <p className="muted">None yet: models you download or import show here.</p>
      ) : null}
      <ul className="stack-list">
        {mine.map((m) => {
          const open = m.ok ? openIn(m) : null;
          const asking = confirming?.id === m.id;
          return (
            <li key={m.id} className="models-installed-item" data-testid="models-installed-item" data-id={m.id} data-task={m.task}>
              <div className="models-download-head">
                <span className="models-download-name" title={m.id}>
                  {m.name}
                </span>
                <span className="muted">
                  {m.task} · {formatBytes(m.sizeBytes)}
                </span>
              </div>
              {!m.ok ? (
                <p className="models-error">
                  <Icon name="warning" size={12} /> {m.error ?? 'It failed to load.'}
                </p>
              ) : null}
              {asking ? (
                <div className="callout models-confirm" role="group" aria-label={`Confirm removing ${m.name}`}>
                  <p>Remove “{m.name}”? Its files in Atelier’s models folder are deleted; what you made with it stays in the Library.</p>
                  <div className="button-row">
                    <button
                      type="button"
                      className="button small danger"
                      data-testid="models-remove-confirm"
                      disabled={remover.busy}
                      onClick={() => void remover.confirm()}
                    >
                      {remover.busy ? 'Removing…' : 'Remove'}
                    </button>
                    <button type="button" className="button small" data-testid="models-remove-keep" disabled={remover.busy} onClick={remover.cancel} autoFocus>
                      Keep
                    </button>
                  </div>
                  {remover.error ? (
                    <p className="models-error" data-testid="models-remove-error" role="alert">
                      {remover.error.message}
                    </p>
                  ) : null}
                </div>
              ) : (
                <div className="button-row models-download-actions">
                  {open ? (
                    <button type="button" className="button small" data-testid="models-installed-open" onClick={open.open}>
                      {open.label}
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="button small ghost"
                    data-testid="models-installed-remove"
                    aria-label={`Remove ${m.name}`}
                    disabled={confirming !== null}
                    onClick={() => remover.ask(m)}
                  >
                    <Icon name="trash" size={14} />
                    Remove
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
