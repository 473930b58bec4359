/** The text model picker: every text model main lists (broken ones disabled, with why), import and remove. */
import { useId, type ReactElement } from 'react';
import { Icon } from '../shell/icons';
import { modelLabel } from './models';
import { ModelImportDialog } from '../shell/ModelImportDialog';
import type { ModelImport } from '../shell/useModelImport';
import type { ModelRemove } from '../shell/useModelRemove';
import type { TextModels } from './useTextModels';

interface Props {
  models: TextModels;
  provider: string | null;
  importer: ModelImport;
  remover: ModelRemove;
  disabled: boolean;
}

export function ModelPicker({ models, provider, importer, remover, disabled }: Props): ReactElement {
  const id = useId();
  const { list, model } = models;
  const broken = list.filter((m) => !m.ok);
  const confirming = remover.confirming;

  return (
    <section className="panel-section writer-models" aria-label="Model">
      <h2 className="section-title">Model</h2>
      <div className="field">
        <label className="field-label" htmlFor={id}>
          Text model
        </label>
        <select
          id={id}
          data-testid="writer-model"
          value={model?.id ?? ''}
          disabled={disabled || list.length === 0}
          onChange={(e) => models.choose(e.target.value)}
        >
          {model === null ? <option value="">No usable text model</option> : null}
          {list.map((m) => (
            <option key={m.id} value={m.id} disabled={!m.ok} title={m.error}>
              {modelLabel(m)}
            </option>
          ))}
        </select>
        {model ? (
          <span className="field-hint muted" data-testid="writer-model-info" data-source={model.source}>
            {model.text ? `${model.text.modelType} · ${model.text.layers} layers · ` : ''}
            {model.source === 'imported' ? 'imported' : 'bundled'}
            {provider ? ` · runs on ${provider.toUpperCase()}` : ''}
          </span>
        ) : null}
      </div>
      {models.blocker ? <p className="muted">{models.blocker}</p> : null}
      {models.problem ? (
        <p className="callout callout-bad" data-testid="writer-model-error">
          {models.problem}
        </p>
      ) : null}
      {broken.length > 0 && model ? (
        <ul className="writer-broken muted" aria-label="Models that cannot be used">
          {broken.map((m) => (
            <li key={m.id} data-testid="writer-model-broken">
              <Icon name="warning" size={12} /> {m.name}: {m.error ?? 'it failed to load.'}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button small"
          data-testid="writer-import"
          onClick={importer.show}
          disabled={disabled}
        >
          <Icon name="plus" size={14} />
          Import model…
        </button>
        {model?.source === 'imported' && !confirming ? (
          <button
            type="button"
            className="button small ghost"
            data-testid="writer-model-remove"
            disabled={disabled}
            onClick={() => remover.ask(model)}
          >
            <Icon name="trash" size={14} />
            Remove
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div
          className="callout writer-confirm"
          role="group"
          aria-label={`Confirm removing ${confirming.name}`}
        >
          <p>
            Remove “{confirming.name}” from Atelier? Its copy in Atelier’s models folder is deleted; the
            folder you imported it from stays.
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button small danger"
              data-testid="writer-model-remove-confirm"
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
            <p className="field-error" data-testid="writer-model-remove-error" role="alert">
              {remover.error.message}
            </p>
          ) : null}
        </div>
      ) : null}
      {importer.open ? <ImportDialog importer={importer} /> : null}
    </section>
  );
}

function ImportDialog({ importer }: { importer: ModelImport }): ReactElement {
  return (
    <ModelImportDialog
      importer={importer}
      prefix="writer"
      label="Import a text model"
      placeholder="/home/me/models/gpt2-onnx"
      className="writer-import"
    >
      <p className="muted writer-import-help">
        The absolute path of a folder exported by Hugging Face Optimum for text generation with past
        key/values (<code>optimum-cli export onnx --task text-generation-with-past</code>):{' '}
        <code>model.onnx</code> (and its <code>model.onnx_data</code>, if any), <code>config.json</code> and{' '}
        <code>tokenizer.json</code>. GPT-2 and Llama-style decoders work. Atelier checks the folder, then
        copies it into its models folder.
      </p>
    </ModelImportDialog>
  );
}
