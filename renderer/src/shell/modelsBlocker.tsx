import type { ReactElement } from 'react';

/** Where the app's `models.list` stands: 'loading' until it answers, 'failed' when it threw. */
export type ModelsState = 'loading' | 'loaded' | 'failed';

/**
 * What keeps a studio from running while its models are not listed: "Loading models…", or the
 * failure with a Retry link. Null once they are listed (the studio then says what else is wrong).
 */
export function modelsBlocker(state: ModelsState, onRetry: () => void): ReactElement | string | null {
  if (state === 'loading') return 'Loading models…';
  if (state === 'failed') {
    return (
      <>
        The models could not be listed.{' '}
        <button type="button" className="link-button" onClick={onRetry}>
          Retry
        </button>
      </>
    );
  }
  return null;
}
