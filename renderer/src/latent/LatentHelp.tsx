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
      <p>
        Glyph models take <strong>several letters of your font</strong> at once (Your font’s style): each
        letter is one observation of the same style, so their posteriors multiply and every letter that agrees
        narrows the style. The pad shows each letter’s point, the combined point and its one-sigma ellipse;
        Use this style moves the point there, and Your text is drawn in it.
      </p>
      <p>
        Models with a <strong>flow prior</strong> (a normalizing flow fitted to where the encoder puts the
        training fonts’ glyphs) show how <em>typical</em> the point is: its exact density under the flow, as a
        percentile of the training glyphs’ codes. Randomize can draw from the flow prior instead of N(0, I).
        N(0, I) fills the dimensions the decoder ignores with noise no real glyph has, so its samples read as
        untypical even when they decode cleanly. <strong>Nearest typical style</strong> moves the point along
        the flow towards its most likely style until it is as typical as the median training glyph; each
        further press climbs 20 percentiles more.
      </p>
      <ShortcutTable caption="Keyboard (when no text field has the focus)" list={SHORTCUTS} />
    </HelpDetails>
  );
}
