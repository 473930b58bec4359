/**
 * The controls above the page: Continue (or Ask) / Stop while idle or running, Accept / Replace
 * selection (an Ask answer) / Reject / Regenerate / Try another seed and the alternatives once a
 * result is shown; live stats, the stop reason and any error beside them.
 */
import type { ReactElement } from 'react';
import { Icon, type IconName } from '../shell/icons';
import { formatStats, stopLabel } from './continuation';
import type { WriterMode } from './ask';
import type { RunMode } from './settings';
import type { Continuation } from './useContinuation';

interface Props {
  c: Continuation;
  /** Why Continue cannot run (no model); null when it can. */
  blocked: string | null;
  /** What the main button runs. */
  mode: WriterMode;
  canUndoAccept: boolean;
  onUndoAccept: () => void;
}

/** The runs at the same place once a continuation is shown (testids writer-regenerate / writer-another-seed). */
const RERUNS: readonly {
  mode: Exclude<RunMode, 'continue'>;
  icon: IconName;
  label: string;
  title: string;
}[] = [
  {
    mode: 'regenerate',
    icon: 'reset',
    label: 'Regenerate',
    title:
      'Write it again with the current settings: the same seed when it is locked, else a new one (Alt+R)',
  },
  {
    mode: 'another-seed',
    icon: 'dice',
    label: 'Try another seed',
    title: 'Write it again with a new random seed (Alt+N)',
  },
];

const FLIPS = {
  prev: { testId: 'writer-alt-prev', label: 'Previous alternative (Alt+[)', glyph: '‹', by: -1 },
  next: { testId: 'writer-alt-next', label: 'Next alternative (Alt+])', glyph: '›', by: 1 },
} as const;

export function ContinuationBar({ c, blocked, mode, canUndoAccept, onUndoAccept }: Props): ReactElement {
  const { phase, alt, session } = c;
  const streaming = phase === 'streaming';
  const showing = session !== null && alt !== null;
  const n = session?.alternatives.length ?? 0;
  const index = session ? session.index + 1 : 0;
  const answer = alt?.ask ?? null;
  const flipButton = (f: (typeof FLIPS)[keyof typeof FLIPS]): ReactElement => (
    <button
      type="button"
      className="icon-button bordered"
      data-testid={f.testId}
      aria-label={f.label}
      title={f.label}
      disabled={streaming || n < 2}
      onClick={() => c.flip(f.by)}
    >
      {f.glyph}
    </button>
  );

  return (
    <div className="writer-bar" role="toolbar" aria-label="Continuation">
      <div className="writer-bar-buttons">
        {!showing ? (
          <button
            type="button"
            className="button primary"
            data-testid="writer-continue"
            disabled={blocked !== null}
            title={
              blocked ??
              (mode === 'ask'
                ? 'Ask the model to do the instruction with the selection, or the whole text (Ctrl+Enter)'
                : 'Continue from the cursor (Ctrl+Enter)')
            }
            onClick={() => c.run('continue')}
          >
            <Icon name="send" size={14} />
            {mode === 'ask' ? 'Ask' : 'Continue'}
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
              title={
                answer
                  ? 'Put the answer after the text it is about (Tab or Ctrl+Enter)'
                  : 'Insert the continuation into your text (Tab or Ctrl+Enter)'
              }
              onClick={() => c.accept()}
            >
              Accept
              <kbd className="shortcut">Tab</kbd>
            </button>
            {answer ? (
              <button
                type="button"
                className="button"
                data-testid="writer-replace"
                title={
                  answer.selected
                    ? 'Put the answer in place of the selection'
                    : 'Put the answer in place of the whole text'
                }
                onClick={() => c.accept(true)}
              >
                {answer.selected ? 'Replace selection' : 'Replace the text'}
              </button>
            ) : null}
            <button
              type="button"
              className="button"
              data-testid="writer-reject"
              title="Drop it (Esc)"
              onClick={c.reject}
            >
              {answer ? 'Discard' : 'Reject'}
              <kbd className="shortcut">Esc</kbd>
            </button>
            {RERUNS.map((r) => (
              <button
                key={r.mode}
                type="button"
                className="button"
                data-testid={`writer-${r.mode}`}
                disabled={blocked !== null}
                title={r.title}
                onClick={() => c.run(r.mode)}
              >
                <Icon name={r.icon} size={14} />
                {r.label}
              </button>
            ))}
          </>
        ) : null}
        {showing ? (
          <span className="writer-alts" role="group" aria-label="Alternatives">
            {flipButton(FLIPS.prev)}
            <span className="writer-alt-index" data-testid="writer-alt-index" aria-live="polite">
              {index} / {n}
            </span>
            {flipButton(FLIPS.next)}
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
