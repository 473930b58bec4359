/**
 * The controls above the page: Continue / Stop while idle or running, Accept / Reject / Regenerate /
 * Try another seed and the alternatives once a continuation is shown; live stats, the stop reason
 * and any error beside them.
 */
import type { ReactElement } from 'react';
import { Icon } from '../shell/icons';
import { formatStats, stopLabel } from './continuation';
import type { Continuation } from './useContinuation';

interface Props {
  c: Continuation;
  /** Why Continue cannot run (no model); null when it can. */
  blocked: string | null;
  canUndoAccept: boolean;
  onUndoAccept: () => void;
}

export function ContinuationBar({ c, blocked, canUndoAccept, onUndoAccept }: Props): ReactElement {
  const { phase, alt, session } = c;
  const streaming = phase === 'streaming';
  const showing = session !== null && alt !== null;
  const n = session?.alternatives.length ?? 0;
  const index = session ? session.index + 1 : 0;

  return (
    <div className="writer-bar" role="toolbar" aria-label="Continuation">
      <div className="writer-bar-buttons">
        {!showing ? (
          <button
            type="button"
            className="button primary"
            data-testid="writer-continue"
            disabled={blocked !== null}
            title={blocked ?? 'Continue from the cursor (Ctrl+Enter)'}
            onClick={() => c.run('continue')}
          >
            <Icon name="send" size={14} />
            Continue
            <kbd className="shortcut">Ctrl+Enter</kbd>
          </button>
        ) : null}
        {streaming ? (
          <button
            type="button"
            className="button danger"
            data-testid="writer-stop"
            onClick={c.stop}
            title="Stop (Esc)"
          >
            <Icon name="stop" size={14} />
            Stop
            <kbd className="shortcut">Esc</kbd>
          </button>
        ) : null}
        {showing && !streaming ? (
          <>
            <button
              type="button"
              className="button primary"
              data-testid="writer-accept"
              title="Insert the continuation into your text (Tab or Ctrl+Enter)"
              onClick={c.accept}
            >
              Accept
              <kbd className="shortcut">Tab</kbd>
            </button>
            <button
              type="button"
              className="button"
              data-testid="writer-reject"
              title="Drop it (Esc)"
              onClick={c.reject}
            >
              Reject
              <kbd className="shortcut">Esc</kbd>
            </button>
            <button
              type="button"
              className="button"
              data-testid="writer-regenerate"
              disabled={blocked !== null}
              title="Write it again with the current settings: the same seed when it is locked, else a new one (Alt+R)"
              onClick={() => c.run('regenerate')}
            >
              <Icon name="reset" size={14} />
              Regenerate
            </button>
            <button
              type="button"
              className="button"
              data-testid="writer-another-seed"
              disabled={blocked !== null}
              title="Write it again with a new random seed (Alt+N)"
              onClick={() => c.run('another-seed')}
            >
              <Icon name="dice" size={14} />
              Try another seed
            </button>
          </>
        ) : null}
        {showing ? (
          <span className="writer-alts" role="group" aria-label="Alternatives">
            <button
              type="button"
              className="icon-button bordered"
              data-testid="writer-alt-prev"
              aria-label="Previous alternative (Alt+[)"
              title="Previous alternative (Alt+[)"
              disabled={streaming || n < 2}
              onClick={() => c.flip(-1)}
            >
              ‹
            </button>
            <span className="writer-alt-index" data-testid="writer-alt-index" aria-live="polite">
              {index} / {n}
            </span>
            <button
              type="button"
              className="icon-button bordered"
              data-testid="writer-alt-next"
              aria-label="Next alternative (Alt+])"
              title="Next alternative (Alt+])"
              disabled={streaming || n < 2}
              onClick={() => c.flip(1)}
            >
              ›
            </button>
          </span>
        ) : null}
        {!showing && canUndoAccept ? (
          <button
            type="button"
            className="button ghost"
            data-testid="writer-undo-accept"
            title="Take the accepted continuation out again (Ctrl+Z)"
            onClick={onUndoAccept}
          >
            <Icon name="reset" size={14} />
            Undo accept
          </button>
        ) : null}
      </div>
      <div className="writer-bar-info">
        {alt ? (
          <span
            className="writer-stats"
            data-testid="writer-stats"
            data-tokens={alt.tokens}
            data-tps={alt.tokensPerSecond.toFixed(2)}
            aria-live="off"
          >
            {formatStats(alt)}
            {alt.result?.provider ? ` · ${alt.result.provider.toUpperCase()}` : ''}
            {alt.result && alt.result.truncatedTokens > 0
              ? ` · read the last ${alt.result.promptTokens} tokens of the prompt`
              : ''}
          </span>
        ) : null}
        {alt?.stopReason ? (
          <span className="writer-stop-reason" data-testid="writer-stop-reason" data-reason={alt.stopReason}>
            Ended: {stopLabel(alt.stopReason)}
          </span>
        ) : null}
      </div>
      {c.error ? (
        <div
          className="callout callout-bad writer-error"
          data-testid="writer-error"
          role="alert"
          data-code={c.error.code}
        >
          <span>{c.error.message}</span>
          <button type="button" className="link-button" onClick={c.dismissError}>
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}
