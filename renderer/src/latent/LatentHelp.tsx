import type { ReactElement } from 'react';
import { HelpDetails, ShortcutTable } from '../shell/HelpDetails';
import { SHORTCUTS } from './keyboard';

/** How the explorer works and its keyboard shortcuts. */
export function LatentHelp(): ReactElement {
  return (
    <HelpDetails testId="latent-help">
      <p>
        Each point of the model’s latent space decodes to an image. The pad and sliders move the point along
        the <em>principal directions</em> of the training set (the directions along which the encoded training
        images vary most), in standard deviations (SD) from their mean.
      </p>
      <p>
        The neighbourhood grid shows the points around the current one along the pad’s two directions; click a
        cell to go there. Bookmarks are kept in the library.
      </p>
      <p>
        <strong>Encode</strong> an image to find where it sits: the encoder gives an approximate posterior
        over latent points for the image (amortized Bayesian inference: one network pass instead of an
        optimisation per image). The samples are draws from that posterior; their spread shows how certain the
        model is.
      </p>
      <ShortcutTable caption="Keyboard (when no text field has the focus)" list={SHORTCUTS} />
    </HelpDetails>
  );
}
