import type { ReactElement } from 'react';
import type { AppInfo, ModelStatus } from '../../../preload/contract';
import { progressPercent, stageText, type JobStatus } from './job';
import { modelLabel } from './status';

interface Props {
  info: AppInfo | null;
  inference: AppInfo['inference'] | null;
  model: ModelStatus | null;
  job: JobStatus | null;
}

export function StatusBar({ info, inference, model, job }: Props): ReactElement {
  const state = inference?.state ?? 'starting';
  return (
    <footer className="statusbar" aria-label="Status">
      <span className="status-item">
        <span className="status-label">Provider</span>
        <span className="status-value" data-testid="status-provider">
          {inference ? inference.provider.toUpperCase() : '…'}
        </span>
      </span>
      <span className="status-item">
        <span className="status-label">Inference</span>
        <span className={`status-dot status-${state}`} aria-hidden="true" />
        <span className="status-value" data-testid="status-inference" data-state={state}>
          {state}
        </span>
      </span>
      <span className="status-item">
        <span className="status-label">Model</span>
        <span
          className={`status-value${model && !model.ok ? ' status-bad' : ''}`}
          data-testid="status-model"
          title={model && !model.ok ? model.error : undefined}
        >
          {model ? modelLabel(model) + (model.ok ? '' : ' (unavailable)') : '—'}
        </span>
      </span>
      <span className="status-spacer" />
      {job ? (
        <span className="status-item" data-testid="status-job">
          <span className="status-label">{job.label}</span>
          <span className="status-value">
            {job.running
              ? `${stageText(job.stage, job.message)} · ${progressPercent(job.fraction)}%`
              : stageText(job.stage, '')}
          </span>
        </span>
      ) : null}
      {info ? (
        <span className="status-item status-muted" title={info.dataDir}>
          Atelier {info.version} · {info.host}
        </span>
      ) : null}
    </footer>
  );
}
