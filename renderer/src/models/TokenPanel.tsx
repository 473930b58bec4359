/**
 * The Hugging Face access token for gated models: a password field that is emptied once the token
 * is kept (it is never shown back), Clear when one is kept, and where it is kept here (the system
 * keychain, or memory for this session only) as `hub.status` says.
 */
import { useId, useState, type ReactElement } from 'react';
import { storageSentence } from './token';
import type { HubStatus } from './useHubStatus';

export function TokenPanel({ status, onChanged }: { status: HubStatus; onChanged: () => void }): ReactElement {
  const id = useId();
  const [text, setText] = useState('');
  const token = status.token;

  const save = async (): Promise<void> => {
    if (await status.saveToken(text)) {
      setText('');
      onChanged();
    }
  };
  const clear = async (): Promise<void> => {
    if (await status.clearToken()) onChanged();
  };

  return (
    <section className="panel-section models-token" aria-label="Hugging Face token">
      <h2 className="section-title">Hugging Face token</h2>
      <p className="field-hint" data-testid="models-token-state" data-present={token?.present ?? false}>
        {token === null
          ? 'Checking…'
          : token.present
            ? 'A token is set: gated models you were granted can be downloaded.'
            : 'No token set. Only needed for gated models.'}
      </p>
      <form
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="field-label" htmlFor={id}>
          {token?.present ? 'Replace the token' : 'Access token'}
        </label>
        <div className="models-search-row">
          <input
            id={id}
            type="password"
            autoComplete="off"
            spellCheck={false}
            data-testid="models-token"
            placeholder="hf_…"
            value={text}
            aria-invalid={status.tokenError ? true : undefined}
            aria-describedby={`${id}-where`}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="button" data-testid="models-token-save" disabled={status.tokenBusy}>
            Save
          </button>
        </div>
      </form>
      {status.tokenError ? (
        <p className="models-error" data-testid="models-token-error" role="alert">
          {status.tokenError}
        </p>
      ) : null}
      <p className="field-hint" id={`${id}-where`} data-testid="models-token-storage" data-storage={token?.storage}>
        {token ? storageSentence(token.storage, status.host) : ''}
      </p>
      {token?.present ? (
        <button
          type="button"
          className="button small ghost"
          data-testid="models-token-clear"
          disabled={status.tokenBusy}
          onClick={() => void clear()}
        >
          Forget the token
        </button>
      ) : null}
      {status.endpoint ? (
        <p className="field-hint models-endpoint" data-testid="models-hub-endpoint">
          Hub: <code>{status.endpoint}</code>
        </p>
      ) : null}
    </section>
  );
}
