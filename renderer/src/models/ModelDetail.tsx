/**
 * The repository on show: its facts (task, licence, gated status, layout, revision), what gating
 * asks of the user, the variants with the suggested one picked, Download (disabled with the reason
 * when it cannot go, the host's refusal shown under it), the files with sizes and the model card.
 */
import { useState, type ReactElement } from 'react';
import type { HubDownload } from '../../../preload/contract';
import { Icon } from '../shell/icons';
import { downloadBlocker, gatedSentence, licenseText, variantFiles, variantOf } from './detail';
import { formatBytes } from './downloads';
import { FileTable } from './FileTable';
import { ModelCard } from './ModelCard';
import { taskBadge } from './search';
import type { ModelInfo } from './useModelInfo';
import { VariantPicker } from './VariantPicker';

interface Props {
  model: ModelInfo;
  downloads: readonly HubDownload[];
  tokenPresent: boolean;
  /** Starts the download; answers the host's refusal, or null. */
  onDownload: (repo: string, revision: string, variant: string) => Promise<string | null>;
}

const LAYOUTS = {
  onnx: 'ONNX graphs under onnx/ (transformers.js)',
  optimum: 'Optimum export (model.onnx at the top)',
  'stable-diffusion': 'Stable Diffusion pipeline',
} as const;

export function ModelDetail({ model, downloads, tokenPresent, onDownload }: Props): ReactElement {
  const { repo, info, loading, error } = model;
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ repo: string; text: string } | null>(null);

  if (!repo) {
    return (
      <div className="models-detail models-detail-empty" data-testid="models-detail" data-state="empty">
        <p className="muted">
          Pick a model on the left to see its card, licence, files and the variants that run here.
        </p>
      </div>
    );
  }
  const state = loading ? 'loading' : error ? 'error' : info ? 'ready' : 'loading';
  const variant = info ? variantOf(info, model.variant) : null;
  const blocker = info ? downloadBlocker(info, variant, downloads) : null;
  const gated = info ? gatedSentence(info.gated, tokenPresent) : null;
  const refused = refusal && refusal.repo === repo ? refusal.text : null;

  const download = async (): Promise<void> => {
    if (!info || !variant || busy) return;
    setBusy(true);
    setRefusal(null);
    const why = await onDownload(info.repo, info.revision, variant.id);
    setBusy(false);
    if (why) setRefusal({ repo: info.repo, text: why });
  };

  return (
    <article className="models-detail" data-testid="models-detail" data-state={state} data-repo={repo}>
      <header className="models-detail-header">
        <h2 className="models-detail-title">{repo}</h2>
        {loading ? <span className="muted">Loading…</span> : null}
      </header>
      {error ? (
        <div className="callout callout-bad" data-testid="models-detail-error" role="alert">
          <p>{error}</p>
          <button type="button" className="button small" onClick={model.reload}>
            Try again
          </button>
        </div>
      ) : null}
      {info ? (
        <>
          <dl className="models-facts">
            <div>
              <dt>Task</dt>
              <dd>{taskBadge(info.task)}</dd>
            </div>
            <div>
              <dt>Licence</dt>
              <dd data-testid="models-license">{licenseText(info.license)}</dd>
            </div>
            <div>
              <dt>Access</dt>
              <dd data-testid="models-gated" data-gated={info.gated}>
                {info.gated === 'no' ? 'Open' : info.gated === 'auto' ? 'Gated (automatic)' : 'Gated (reviewed)'}
              </dd>
            </div>
            <div>
              <dt>Layout</dt>
              <dd>{info.layout ? LAYOUTS[info.layout] : 'not recognised'}</dd>
            </div>
            <div>
              <dt>Revision</dt>
              <dd>
                <code>{info.revision.slice(0, 12)}</code>
              </dd>
            </div>
          </dl>
          {gated ? (
            <p className="callout models-gated-note" data-testid="models-gated-note">
              <Icon name="warning" size={14} /> {gated}
            </p>
          ) : null}
          {info.variants.length > 0 ? (
            <VariantPicker
              variants={info.variants}
              chosen={variant?.id ?? null}
              onChoose={model.setVariant}
              disabled={busy}
            />
          ) : null}
          <div className="models-download-row">
            <button
              type="button"
              className="button primary"
              data-testid="models-download"
              disabled={blocker !== null || busy}
              aria-describedby={blocker ? 'models-download-why' : undefined}
              onClick={() => void download()}
            >
              <Icon name="download" size={14} />
              {busy ? 'Starting…' : variant ? `Download ${formatBytes(variant.bytes)}` : 'Download'}
            </button>
            {blocker ? (
              <p className="models-why" id="models-download-why" data-testid="models-download-why">
                {blocker}
              </p>
            ) : null}
          </div>
          {refused ? (
            <p className="callout callout-bad" data-testid="models-download-error" role="alert">
              {refused}
            </p>
          ) : null}
          <FileTable files={info.files} chosen={variantFiles(variant)} />
          <ModelCard markdown={info.card} />
        </>
      ) : null}
    </article>
  );
}
