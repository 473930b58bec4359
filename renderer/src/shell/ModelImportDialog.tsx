/**
 * The "Import model…" form a studio shows under its model picker: a folder path (or the host's
 * folder picker where it has one), what the folder must hold (`children`), the refusal, Import.
 * Test ids are `<prefix>-import-dialog|path|browse|error|ok`.
 */
import { useId, type ReactElement, type ReactNode } from 'react';
import type { ModelImport } from './useModelImport';

interface Props {
  importer: ModelImport;
  /** Test-id prefix: "writer" → writer-import-path, … */
  prefix: string;
  /** Accessible name of the dialog ("Import a text model"). */
  label: string;
  placeholder: string;
  className?: string;
  /** What the folder must hold. */
  children: ReactNode;
}

export function ModelImportDialog({
  importer,
  prefix,
  label,
  placeholder,
  className,
  children,
}: Props): ReactElement {
  const id = useId();
  return (
    <form
      className={`callout${className ? ` ${className}` : ''}`}
      role="dialog"
      aria-label={label}
      data-testid={`${prefix}-import-dialog`}
      onSubmit={(e) => {
        e.preventDefault();
        void importer.submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          importer.close();
        }
      }}
    >
      <label className="field-label" htmlFor={id}>
        Model folder
      </label>
      <input
        id={id}
        type="text"
        data-testid={`${prefix}-import-path`}
        placeholder={placeholder}
        spellCheck={false}
        autoFocus
        value={importer.path}
        disabled={importer.busy}
        aria-invalid={importer.error ? true : undefined}
        onChange={(e) => importer.setPath(e.target.value)}
      />
      {importer.canPick ? (
        <button
          type="button"
          className="button small"
          data-testid={`${prefix}-import-browse`}
          disabled={importer.busy}
          onClick={() => void importer.pick()}
        >
          Choose folder…
        </button>
      ) : null}
      {children}
      {importer.error ? (
        <p className="field-error" data-testid={`${prefix}-import-error`} role="alert">
          {importer.error.message}
        </p>
      ) : null}
      <div className="button-row">
        <button
          type="submit"
          className="button small primary"
          data-testid={`${prefix}-import-ok`}
          disabled={importer.busy}
        >
          {importer.busy ? 'Checking…' : 'Import'}
        </button>
        <button type="button" className="button small" disabled={importer.busy} onClick={importer.close}>
          Cancel
        </button>
      </div>
    </form>
  );
}
