/** The image queue: every job main holds (running first), its step, and Cancel. */
import type { ReactElement } from 'react';
import type { ImageQueueItem } from '../../../preload/contract';
import { Icon } from '../shell/icons';
import { stepText } from './preview';

export function QueuePanel({
  items,
  onCancel,
}: {
  items: readonly ImageQueueItem[];
  onCancel: (jobId: string) => void;
}): ReactElement {
  return (
    <section className="image-queue" aria-label="Queue" data-testid="image-queue" data-count={items.length}>
      <h2 className="section-title">Queue</h2>
      {items.length === 0 ? (
        <p className="muted">Nothing queued. Generate adds a job; more clicks queue behind it.</p>
      ) : (
        <ol className="stack-list">
          {items.map((q) => (
            <li
              key={q.jobId}
              className="image-queue-item"
              data-testid="image-queue-item"
              data-job={q.jobId}
              data-state={q.state}
              data-step={q.step}
            >
              <span className="image-queue-prompt" title={q.prompt}>
                {q.prompt.trim() || 'Untitled'}
              </span>
              <span className="muted">
                ×{q.batch} · {stepText(q.state, q.step, q.steps)}
              </span>
              {q.state === 'running' ? (
                <progress max={Math.max(1, q.steps)} value={q.step} aria-label="Steps done" />
              ) : null}
              <button
                type="button"
                className="button small ghost"
                data-testid="image-queue-cancel"
                title={
                  q.state === 'running' ? 'Stop (within one step; nothing is saved)' : 'Remove from the queue'
                }
                onClick={() => onCancel(q.jobId)}
              >
                <Icon name="close" size={12} />
                {q.state === 'running' ? 'Cancel' : 'Remove'}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
