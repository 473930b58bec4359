/** The Image studio's model picker: the shell's `StudioModelPicker` for image models (what the folder must hold, the detail line). */
import type { ReactElement } from 'react';
import type { ModelStatus } from '../../../preload/contract';
import { StudioModelPicker } from '../shell/StudioModelPicker';
import type { ModelImport } from '../shell/useModelImport';
import type { ModelRemove } from '../shell/useModelRemove';
import type { TaskModels } from '../shell/useTaskModels';
import { isImageModel, modelLabel } from './models';

interface Props {
  models: TaskModels;
  importer: ModelImport;
  remover: ModelRemove;
  onChoose: (id: string) => void;
}

/** "Latent diffusion (VAE) · knows 40 words · img2img"; null without image facts. */
function detail(m: ModelStatus): string | null {
  if (!m.image) return null;
  return (
    (m.image.kind === 'pixel' ? 'Draws pixels directly' : 'Latent diffusion (VAE)') +
    (m.image.words ? ` · knows ${m.image.words.vocab.length - 1} words` : '') +
    (m.image.img2img ? ' · img2img' : '')
  );
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
          The absolute path of a Stable Diffusion 1.x folder exported by Hugging Face Optimum (
          <code>optimum-cli export onnx --model runwayml/stable-diffusion-v1-5 out/</code>):{' '}
          <code>model_index.json</code>, <code>unet/</code>, <code>text_encoder/</code>,{' '}
          <code>vae_decoder/</code> (and <code>vae_encoder/</code> for img2img), <code>tokenizer/</code> and{' '}
          <code>scheduler/</code>. Atelier checks every part, then copies the folder into its models folder.
        </>
      }
    />
  );
}
