/** The image model picker: every image model main lists (broken ones disabled, with why), import and remove. */
import { useId, type ReactElement } from 'react';
import { Icon } from '../shell/icons';
import { ModelImportDialog } from '../shell/ModelImportDialog';
import type { ModelImport } from '../shell/useModelImport';
import type { ModelRemove } from '../shell/useModelRemove';
import { modelLabel } from './models';
import type { ImageModels } from './useImageModels';

interface Props {
  models: ImageModels;
  importer: ModelImport;
  remover: ModelRemove;
  onChoose: (id: string) => void;
}

export function ImageModelPicker({ models, importer, remover, onChoose }: Props): ReactElement {
  const id = useId();
  const { list, model } = models;
  const broken = list.filter((m) => !m.ok);
  const confirming = remover.confirming;

  return (
    <section className="panel-section" aria-label="Model">
      <div className="field">
        <label className="field-label" htmlFor={id}>
          Model
        </label>
        <select
          id={id}
          data-testid="image-model"
          value={model?.id ?? ''}
          disabled={list.length === 0}
          onChange={(e) => onChoose(e.target.value)}
        >
          {model === null ? <option value="">No usable image model</option> : null}
          {list.map((m) => (
            <option key={m.id} value={m.id} disabled={!m.ok || !m.image} title={m.error}>
              {modelLabel(m)}
            </option>
          ))}
        </select>
        {model?.image ? (
          <span className="field-hint" data-testid="image-model-info" data-source={model.source}>
            {model.image.kind === 'pixel' ? 'Draws pixels directly' : 'Latent diffusion (VAE)'}
            {model.image.words ? ` · knows ${model.image.words.vocab.length - 1} words` : ''}
            {model.image.img2img ? ' · img2img' : ''}
          </span>
        ) : null}
      </div>
      {models.blocker ? <p className="muted">{models.blocker}</p> : null}
      {models.problem ? (
        <p className="callout callout-bad" data-testid="image-model-error">
          {models.problem}
        </p>
      ) : null}
      {broken.length > 0 ? (
        <ul className="image-broken muted" aria-label="Models that cannot be used">
          {broken.map((m) => (
            <li key={m.id} data-testid="image-model-broken">
              <Icon name="warning" size={12} /> {m.name}: {m.error ?? 'it failed to load.'}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="button-row">
        <button type="button" className="button small" data-testid="image-import" onClick={importer.show}>
          <Icon name="plus" size={14} />
          Import model…
        </button>
        {model?.source === 'imported' && !confirming ? (
          <button
            type="button"
            className="button small ghost"
            data-testid="image-model-remove"
            onClick={() => remover.ask(model)}
          >
            <Icon name="trash" size={14} />
            Remove
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="callout image-dialog" role="group" aria-label={`Confirm removing ${confirming.name}`}>
          <p>
            Remove “{confirming.name}” from Atelier? Its copy in Atelier’s models folder is deleted; the
            folder you imported it from stays, and so do its images in the Library.
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button small danger"
              data-testid="image-model-remove-confirm"
              disabled={remover.busy}
              onClick={() => void remover.confirm()}
            >
              {remover.busy ? 'Removing…' : 'Remove'}
            </button>
            <button
              type="button"
              className="button small"
              disabled={remover.busy}
              onClick={remover.cancel}
              autoFocus
            >
              Keep
            </button>
          </div>
          {remover.error ? (
            <p className="field-error" role="alert">
              {remover.error.message}
            </p>
          ) : null}
        </div>
      ) : null}
      {importer.open ? (
        <ModelImportDialog
          importer={importer}
          prefix="image"
          label="Import an image model"
          placeholder="/home/me/models/sd-v1-5-onnx"
          className="image-dialog"
        >
          <p className="muted image-import-help">
            The absolute path of a Stable Diffusion 1.x folder exported by Hugging Face Optimum (
            <code>optimum-cli export onnx --model runwayml/stable-diffusion-v1-5 out/</code>):{' '}
            <code>model_index.json</code>, <code>unet/</code>, <code>text_encoder/</code>,{' '}
            <code>vae_decoder/</code> (and <code>vae_encoder/</code> for img2img), <code>tokenizer/</code> and{' '}
            <code>scheduler/</code>. Atelier checks every part, then copies the folder into its models folder.
          </p>
        </ModelImportDialog>
      ) : null}
    </section>
  );
}
