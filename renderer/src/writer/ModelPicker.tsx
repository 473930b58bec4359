/** The Writer's model picker: the shell's `StudioModelPicker` for text models (what the folder must hold, the detail line). */
import type { ReactElement } from 'react';
import type { ModelStatus } from '../../../preload/contract';
import { StudioModelPicker } from '../shell/StudioModelPicker';
import type { ModelImport } from '../shell/useModelImport';
import type { ModelRemove } from '../shell/useModelRemove';
import type { TaskModels } from '../shell/useTaskModels';
import { modelLabel } from './models';

interface Props {
  models: TaskModels;
  provider: string | null;
  importer: ModelImport;
  remover: ModelRemove;
  disabled: boolean;
}

export function ModelPicker({ models, provider, importer, remover, disabled }: Props): ReactElement {
  const detail = (m: ModelStatus): string =>
    (m.text ? `${m.text.modelType} · ${m.text.layers} layers · ` : '') +
    (m.source === 'imported' ? 'imported' : 'bundled') +
    (provider ? ` · runs on ${provider.toUpperCase()}` : '');

  return (
    <StudioModelPicker
      prefix="writer"
      className="writer-models"
      models={models}
      importer={importer}
      remover={remover}
      onChoose={models.choose}
      disabled={disabled}
      title="Model"
      label="Text model"
      none="No usable text model"
      optionLabel={modelLabel}
      detail={detail}
      brokenOnlyBesideModel
      importLabel="Import a text model"
      importPlaceholder="/home/me/models/gpt2-onnx"
      importHelp={
        <>
          The absolute path of a folder exported by Hugging Face Optimum for text generation with past
          key/values (<code>optimum-cli export onnx --task text-generation-with-past</code>):{' '}
          <code>model.onnx</code> (and its <code>model.onnx_data</code>, if any), <code>config.json</code> and{' '}
          <code>tokenizer.json</code>. GPT-2 and Llama-style decoders work. Atelier checks the folder, then
          copies it into its models folder.
        </>
      }
    />
  );
}
