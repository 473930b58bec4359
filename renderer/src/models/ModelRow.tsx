/** One hub repository in a list (curated or search results): name, task, downloads, likes, badges; pressing it shows the model. */
import type { ReactElement } from 'react';
import type { HubModelSummary } from '../../../preload/contract';
import { formatCount, taskBadge, updatedLine } from './search';

interface Props {
  model: HubModelSummary;
  selected: boolean;
  onSelect: (repo: string) => void;
  testId: string;
}

export function ModelRow({ model, selected, onSelect, testId }: Props): ReactElement {
  const slash = model.repo.indexOf('/');
  const owner = model.repo.slice(0, slash + 1);
  const name = model.repo.slice(slash + 1);
  const updated = updatedLine(model.updatedAt);
  // The curated list offline has no counts (the hub gives them on search).
  const counted = !model.curated || model.downloads > 0 || model.likes > 0;
  return (
    <li>
      <button
        type="button"
        className="models-row"
        aria-pressed={selected}
        data-testid={testId}
        data-repo={model.repo}
        data-task={model.task ?? 'other'}
        data-curated={model.curated}
        data-gated={model.gated}
        onClick={() => onSelect(model.repo)}
      >
        <span className="models-row-name">
          <span className="models-row-owner">{owner}</span>
          {name}
        </span>
        <span className="models-row-meta">
          <span className={`models-badge is-${model.task ?? 'other'}`}>{taskBadge(model.task)}</span>
          {model.curated ? (
            <span className="models-badge is-curated" data-testid="models-badge-curated">
              Known to run
            </span>
          ) : null}
          {model.gated !== 'no' ? (
            <span className="models-badge is-gated" data-testid="models-badge-gated">
              Gated
            </span>
          ) : null}
          {counted ? (
            <>
              <span title={`${model.downloads} downloads`}>
                <span aria-hidden="true">↓</span> {formatCount(model.downloads)}
                <span className="visually-hidden"> downloads</span>
              </span>
              <span title={`${model.likes} likes`}>
                <span aria-hidden="true">♥</span> {formatCount(model.likes)}
                <span className="visually-hidden"> likes</span>
              </span>
            </>
          ) : null}
          {updated ? <span className="models-row-date">{updated}</span> : null}
        </span>
        {model.note ? <span className="models-row-note">{model.note}</span> : null}
      </button>
    </li>
  );
}
