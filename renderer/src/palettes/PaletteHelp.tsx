import type { ReactElement } from 'react';
import { HelpDetails, ShortcutTable } from '../shell/HelpDetails';
import { PALETTE_SHORTCUTS } from './keys';

/** What the Palettes studio does, in a few lines, and its keys. */
export function PaletteHelp(): ReactElement {
  return (
    <HelpDetails testId="palette-help">
      <p>
        Generate draws five-colour palettes from a model that learned from a thousand palettes people made and
        liked. Lock the colours you want to keep: Generate then draws only the others, to suit the locked ones
        in their places.
      </p>
      <p>
        The meter says how typical the palette is for the model (its log-likelihood, as a percentile of the
        palettes it learned from) and follows you while you edit a colour. Unusual is not wrong: it is where
        surprising palettes live.
      </p>
      <p>
        Between walks from one saved palette to another through the model’s own space, so the steps stay
        palettes rather than a blend of colours.
      </p>
      <p>
        Apply to… recolours a texture, an image or a glyph sheet from the library with the palette: each pixel
        takes the palette colour at its lightness, so the darkest tones get the darkest colour and the
        lightest the lightest, and a seamless texture stays seamless. The copy is a new library record that
        opens in its studio; the original is kept.
      </p>
      <ShortcutTable caption="Keys" list={PALETTE_SHORTCUTS} />
    </HelpDetails>
  );
}
