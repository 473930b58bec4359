import type { ReactElement } from 'react';
import type { AppInfo, AtelierApi, ModelStatus } from '../../../preload/contract';
import { CopyDiagnostics } from './CopyDiagnostics';
import { progressPercent, stageText, type JobStatus } from './job';
import { modelLabel } from './status';

interface Props {
  api: AtelierApi;
  info: AppInfo | null;
  inference: AppInfo['inference'] | null;
  model: ModelStatus | null;
  job: JobStatus | null;
}

export function StatusBar({ api, info, inference, model, job }: Props): ReactElement {
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
      <CopyDiagnostics api={api} />
      {info ? (
        <span className="status-item status-muted" title={info.dataDir}>
          Atelier {info.version} · {info.host}
        </span>
      ) : null}
    </footer>
  );
}
