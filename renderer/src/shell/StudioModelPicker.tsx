/**
 * A studio's model picker: every model of its task main lists (broken ones disabled, with why), the
 * picked model's detail line, "Import model…" (the shell's `ModelImportDialog`), "Find models…"
 * (the Models view, filtered to the studio's task) and removing an imported model after a confirm.
 * A view request naming one of its models (`openView(…, { model })`, the Models view's "Open in …")
 * picks it. Test ids are `<prefix>-model|model-info|model-error|model-broken|import|find-models|
 * model-remove|model-remove-confirm|model-remove-error` and the dialog's `<prefix>-import-*`.
 */
import { useContext, useEffect, useId, useRef, type ReactElement, type ReactNode } from 'react';
import type { HubTask, ModelStatus } from '../../../preload/contract';
import { Icon } from './icons';
import { ModelImportDialog } from './ModelImportDialog';
import { ShellContext, type ViewRequest } from './ShellContext';
import type { ModelImport } from './useModelImport';
import type { ModelRemove } from './useModelRemove';
import type { TaskModels } from './useTaskModels';

/** The Models view's id (its `studio.tsx` uses it too): "Find models…" opens it with `{ task }`. */
export const MODELS_VIEW = 'models';

/** The hub task each picker's "Find models…" filters by, from its test-id prefix. */
const FIND_TASKS: Readonly<Record<string, HubTask>> = { writer: 'text', image: 'image' };

/**
 * The model a view request asks this picker to pick (`params.model`, when listed here and not yet
 * handled: `handled` is the last request number acted on). `pick` is null when the model cannot run.
 */
export function requestedModel(
  request: ViewRequest | null,
  list: readonly ModelStatus[],
  handled: number,
  usable: (m: ModelStatus) => boolean,
): { n: number; pick: string | null } | null {
  const wanted = request?.params.model;
  if (!request || !wanted || request.n <= handled) return null;
  const m = list.find((x) => x.id === wanted);
  if (!m) return null;
  return { n: request.n, pick: m.ok && usable(m) ? m.id : null };
}

interface Props {
  /** Test-id prefix: "writer" → writer-model, writer-import, … */
  prefix: string;
  /** The task "Find models…" filters the Models view by (by default from the prefix); null hides the link. */
  findTask?: HubTask | null;
  models: TaskModels;
  importer: ModelImport;
  remover: ModelRemove;
  onChoose: (id: string) => void;
  /** A heading above the picker, if any. */
  title?: string;
  /** The select's label ("Text model"). */
  label: string;
  /** The select's placeholder when no model can run ("No usable text model"). */
  none: string;
  /** Each option's text. */
  optionLabel: (m: ModelStatus) => string;
  /** Beyond `ok`, what an option needs to be pickable (default: nothing). */
  usable?: (m: ModelStatus) => boolean;
  /** The line under the select for the picked model; null shows none. */
  detail: (m: ModelStatus) => ReactNode;
  /** List broken models only while a model runs (else the problem callout names the first). */
  brokenOnlyBesideModel?: boolean;
  /** What removal leaves besides the imported-from folder ("its images in the Library"). */
  removeKeeps?: string;
  /** Locks the select, Import and Remove (while the studio runs). */
  disabled?: boolean;
  /** Extra class on the section. */
  className?: string;
  /** The import dialog's accessible name, path placeholder and what the folder must hold. */
  importLabel: string;
  importPlaceholder: string;
  importHelp: ReactNode;
}

export function StudioModelPicker({
  prefix,
  models,
  importer,
  remover,
  onChoose,
  title,
  label,
  none,
  optionLabel,
  usable = () => true,
  detail,
  brokenOnlyBesideModel = false,
  removeKeeps,
  disabled = false,
  className,
  importLabel,
  importPlaceholder,
  importHelp,
  findTask = FIND_TASKS[prefix] ?? null,
}: Props): ReactElement {
  const id = useId();
  const shell = useContext(ShellContext);
  const { list, model } = models;
  const broken = list.filter((m) => !m.ok);
  const confirming = remover.confirming;
  const info = model ? detail(model) : null;

  // "Open in …" from the Models view: pick the named model once it is listed here.
  const request = shell?.viewRequest ?? null;
  const handled = useRef(0);
  useEffect(() => {
    const found = requestedModel(request, list, handled.current, usable);
    if (!found) return;
    handled.current = found.n;
    if (found.pick) onChoose(found.pick);
  }, [request, list, usable, onChoose]);

  return (
    <section className={className ? `panel-section ${className}` : 'panel-section'} aria-label="Model">
      {title ? <h2 className="section-title">{title}</h2> : null}
      <div className="field">
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        <select
          id={id}
          data-testid={`${prefix}-model`}
          value={model?.id ?? ''}
          disabled={disabled || list.length === 0}
          onChange={(e) => onChoose(e.target.value)}
        >
          {model === null ? <option value="">{none}</option> : null}
          {list.map((m) => (
            <option key={m.id} value={m.id} disabled={!m.ok || !usable(m)} title={m.error}>
              {optionLabel(m)}
            </option>
          ))}
        </select>
        {model && info !== null ? (
          <span className="field-hint" data-testid={`${prefix}-model-info`} data-source={model.source}>
            {info}
          </span>
        ) : null}
      </div>
      {models.blocker ? <p className="muted">{models.blocker}</p> : null}
      {models.problem ? (
        <p className="callout callout-bad" data-testid={`${prefix}-model-error`}>
          {models.problem}
        </p>
      ) : null}
      {broken.length > 0 && (model || !brokenOnlyBesideModel) ? (
        <ul className="model-broken muted" aria-label="Models that cannot be used">
          {broken.map((m) => (
            <li key={m.id} data-testid={`${prefix}-model-broken`}>
              <Icon name="warning" size={12} /> {m.name}: {m.error ?? 'it failed to load.'}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="button-row wrap">
        <button
          type="button"
          className="button small"
          data-testid={`${prefix}-import`}
          onClick={importer.show}
          disabled={disabled}
        >
          <Icon name="plus" size={14} />
          Import model…
        </button>
        {shell && findTask ? (
          <button
            type="button"
            className="button small"
            data-testid={`${prefix}-find-models`}
            onClick={() => shell.openView(MODELS_VIEW, { task: findTask })}
          >
            <Icon name="download" size={14} />
            Find models…
          </button>
        ) : null}
        {model?.source === 'imported' && !confirming ? (
          <button
            type="button"
            className="button small ghost"
            data-testid={`${prefix}-model-remove`}
            disabled={disabled}
            onClick={() => remover.ask(model)}
          >
            <Icon name="trash" size={14} />
            Remove
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="callout model-dialog" role="group" aria-label={`Confirm removing ${confirming.name}`}>
          <p>
            Remove “{confirming.name}” from Atelier? Its copy in Atelier’s models folder is deleted; the
            folder you imported it from stays{removeKeeps ? `, and so do ${removeKeeps}` : ''}.
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button small danger"
              data-testid={`${prefix}-model-remove-confirm`}
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
            <p className="field-error" data-testid={`${prefix}-model-remove-error`} role="alert">
              {remover.error.message}
            </p>
          ) : null}
        </div>
      ) : null}
      {importer.open ? (
        <ModelImportDialog
          importer={importer}
          prefix={prefix}
          label={importLabel}
          placeholder={importPlaceholder}
          className="model-dialog"
        >
          <p className="muted model-import-help">{importHelp}</p>
        </ModelImportDialog>
      ) : null}
    </section>
  );
}
