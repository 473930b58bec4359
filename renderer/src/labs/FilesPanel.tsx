/** Keeping the run: a title, Save to library, Export JSON, Open a lab file, Export ONNX (flow, VAE). */
import { useState, type ReactElement } from 'react';
import { Icon } from '../shell/icons';
import { FileButton } from './FileButton';
import type { LabFiles } from './useLabFiles';

interface Props {
  files: LabFiles;
  canOnnx: boolean;
  disabled: boolean;
  /** The title a save gets when none is typed. */
  defaultTitle: string;
}

export function FilesPanel({ files, canOnnx, disabled, defaultTitle }: Props): ReactElement {
  const [title, setTitle] = useState('');
  return (
    <div className="labs-files">
      <input
        type="text"
        data-testid="lab-title"
        aria-label="Title"
        placeholder={defaultTitle}
        maxLength={200}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <div className="button-row wrap">
        <button
          type="button"
          className="button"
          data-testid="lab-save"
          data-saved={files.savedId ?? ''}
          disabled={disabled || files.busy !== null}
          onClick={() => void files.save(title.trim() || defaultTitle)}
        >
          {files.busy === 'saving' ? 'Saving…' : 'Save to library'}
        </button>
        <button
          type="button"
          className="button small"
          data-testid="lab-export"
          disabled={disabled || files.busy !== null}
          title="Download the whole lab (data, settings, weights, charts) as a JSON file that opens on any machine"
          onClick={() => void files.exportJson()}
        >
          <Icon name="download" size={14} /> JSON
        </button>
        {canOnnx ? (
          <button
            type="button"
            className="button small"
            data-testid="lab-export-onnx"
            disabled={disabled || files.busy !== null}
            title="Download the trained model as ONNX (onnxruntime runs it with the same outputs)"
            onClick={() => void files.exportOnnx()}
          >
            <Icon name="download" size={14} /> ONNX
          </button>
        ) : null}
        <FileButton
          testId="lab-open-file"
          accept=".json,application/json"
          disabled={files.busy !== null}
          onFile={(f) => void files.openFile(f)}
        >
          <Icon name="open" size={14} /> Open file…
        </FileButton>
      </div>
    </div>
  );
}
