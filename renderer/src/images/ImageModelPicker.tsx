/** The Image studio's model picker: the shell's `StudioModelPicker` for image models (what the folder must hold, the detail line). */
import type { ReactElement } from 'react';
import { StudioModelPicker } from '../shell/StudioModelPicker';
import type { ModelImport } from '../shell/useModelImport';
import type { ModelRemove } from '../shell/useModelRemove';
import type { TaskModels } from '../shell/useTaskModels';
import { imageModelDetail as detail, isImageModel, modelLabel } from './models';

interface Props {
  models: TaskModels;
  importer: ModelImport;
  remover: ModelRemove;
  onChoose: (id: string) => void;
}

export function ImageModelPicker({ models, importer, remover, onChoose }: Props): ReactElement {
  return (
    <StudioModelPicker
      prefix="image"
      models={models}
      importer={importer}
      remover={remover}
      onChoose={onChoose}
      label="Model"
      none="No usable image model"
      optionLabel={modelLabel}
      usable={isImageModel}
      detail={detail}
      removeKeeps="its images in the Library"
      importLabel="Import an image model"
      importPlaceholder="/home/me/models/sd-v1-5-onnx"
      importHelp={
        <>
          The absolute path of a Stable Diffusion 1.x or 2.x folder exported by Hugging Face Optimum — fp32 or
          fp16, SD-Turbo and LCM included (
          <code>optimum-cli export onnx --model runwayml/stable-diffusion-v1-5 out/</code>):{' '}
          <code>model_index.json</code>, <code>unet/</code>, <code>text_encoder/</code>,{' '}
          <code>vae_decoder/</code> (and <code>vae_encoder/</code> for img2img), <code>tokenizer/</code> and{' '}
          <code>scheduler/</code>. Atelier checks every part, then copies the folder into its models folder.
        </>
      }
    />
  );
}
