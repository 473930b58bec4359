import type { StudioDef } from '../shell/studio';
import { PaletteStudio } from './PaletteStudio';
import { paletteMeta } from './record';

/**
 * The Palettes studio: palette records open on its bench (colours and locks); a card's thumbnail
 * is the five swatches, its export the GIMP palette.
 */
export const paletteStudio: StudioDef = {
  id: 'palettes',
  label: 'Palettes',
  // Five swatches in a row.
  icon: { path: 'M3 7h18v10H3zM6.6 7v10M10.2 7v10M13.8 7v10M17.4 7v10' },
  group: 'studios',
  title: 'Palettes studio',
  component: PaletteStudio,
  keepMounted: true,
  cards: {
    palette: {
      thumbnail: 'cover',
      meta: { label: 'Typicality', text: paletteMeta },
      exportTitle: 'Export the palette as a GIMP palette (.gpl)',
    },
  },
};
