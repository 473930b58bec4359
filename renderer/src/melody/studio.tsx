import type { StudioDef } from '../shell/studio';
import { melodyMeta } from './card';
import { MelodyStudio } from './MelodyStudio';

/** The Melody Sketcher: melody clips open in its roll; a card's thumbnail is a wide piano roll, shown whole. */
export const melodyStudio: StudioDef = {
  id: 'melody',
  label: 'Melody',
  icon: 'melody',
  group: 'studios',
  title: 'Melody studio',
  component: MelodyStudio,
  keepMounted: true,
  cards: {
    melody: {
      thumbnail: 'contain',
      meta: { label: 'Length', text: melodyMeta },
      exportTitle: 'Export the clip as a .mid file',
    },
  },
};
