/** The Datasets studio's help: what each method does, what Evaluate measures, how runs resume. */
import type { ReactElement } from 'react';
import { HelpDetails } from '../shell/HelpDetails';

export function DatasetsHelp(): ReactElement {
  return (
    <HelpDetails testId="datasets-help" className="datasets-help">
      <p>
        <strong>Augment</strong> turns a folder in the ImageFolder layout (one folder per class, optionally
        under <code>train/</code> with a held-out <code>test/</code>) into a training set in the Hugging Face
        layout: the real images copied, k synthetic images per source beside them,{' '}
        <code>train/metadata.jsonl</code> saying what each file is and how it was made, and a{' '}
        <code>README.md</code> dataset card. The test split is never touched.
      </p>
      <ul>
        <li>
          <strong>Classic transforms</strong>: mirror flips, random resized crops and colour jitter, as
          torchvision does them. Cheap, and the baseline every generative method must beat.
        </li>
        <li>
          <strong>VAE posterior</strong>: each image is encoded by a variational autoencoder and new images
          are decoded from points drawn around it; Spread scales how far (0 = the reconstruction).
        </li>
        <li>
          <strong>Diffusion img2img</strong>: the image model partly noises each image and redraws it, steered
          by a prompt with the class name; Strength says how much is redrawn.
        </li>
        <li>
          <strong>Texture re-synthesis</strong>: new textures quilted from patches of each image, for folders
          of textures.
        </li>
        <li>
          <strong>Glyph sheet</strong>: a font’s characters rendered, and k variations of its style drawn from
          the glyph VAE’s posterior.
        </li>
        <li>
          <strong>Melodies</strong>: variations from the melody VAE, continuations by the melody model, and
          transpositions by whole semitones.
        </li>
      </ul>
      <p>
        <strong>Evaluate</strong> measures whether the synthetic images help: the same small classifier is
        trained per seed on the real training images alone and on real + synthetic, and both are tested on the
        held-out split. The difference is paired per seed; a difference smaller than its spread is noise.{' '}
        <strong>Benchmark</strong> runs the same comparison on glyphs of the fonts on this machine, for
        several numbers of training fonts.
      </p>
      <p>
        Runs resume: Cancel keeps every finished file, and running the same request again (Resume) checks them
        and goes on from where it stopped; the result says how many were reused. A job goes on in the host if
        the page is reloaded.
      </p>
    </HelpDetails>
  );
}
