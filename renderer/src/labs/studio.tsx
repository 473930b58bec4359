import type { StudioDef } from '../shell/studio';
import { labCardMeta } from './files';
import { LabsStudio } from './LabsStudio';

/**
 * The Labs: GANs, VAEs, normalizing flows and diffusion trained live on 2-D data (and small glyph
 * images), and Bayesian inference watched exactly; lab records open here with their whole state.
 */
export const labsStudio: StudioDef = {
  id: 'labs',
  label: 'Labs',
  // A flask.
  icon: { path: 'M9 3h6M10 3v6l-5.5 9.5A1.7 1.7 0 0 0 6 21h12a1.7 1.7 0 0 0 1.5-2.5L14 9V3M7.5 15h9' },
  group: 'studios',
  title: 'Labs',
  component: LabsStudio,
  keepMounted: true,
  cards: {
    lab: {
      thumbnail: 'contain',
      meta: { label: 'Trained', text: labCardMeta },
      exportTitle: 'Export the lab as a JSON file that opens in Labs',
    },
  },
};
