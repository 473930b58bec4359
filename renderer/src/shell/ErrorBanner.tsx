import type { ReactElement } from 'react';
import type { ErrorInfo } from '../../../preload/contract';
import { Icon } from './icons';

export function ErrorBanner({ error, onDismiss }: { error: ErrorInfo; onDismiss: () => void }): ReactElement {
  return (
    <div
      className="banner banner-error"
      role="alert"
      data-testid="error-banner"
      data-code={error.code}
      data-field={error.field}
    >
      <Icon name="warning" size={18} />
      <div className="banner-text">
        {/* The message names the field in words; the path stays an attribute (for the studios and tests). */}
        <span className="banner-message">{error.message}</span>
      </div>
      <button
        type="button"
        className="icon-button"
        data-testid="error-dismiss"
        aria-label="Dismiss error"
        title="Dismiss"
        onClick={onDismiss}
      >
        <Icon name="close" />
      </button>
    </div>
  );
}

export function Notice({ text, onDismiss }: { text: string; onDismiss: () => void }): ReactElement {
  return (
    <div className="notice" role="status" data-testid="notice">
      <span>{text}</span>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss notice"
        title="Dismiss"
        onClick={onDismiss}
      >
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}
