import { SIZE_META, type StudioDef } from '../shell/studio';
import { LatentStudio } from './LatentStudio';

/**
 * The Latent Explorer. Its bookmarks and saved points (`latent` records) open here: the record's
 * model, its point and view, the bookmark marked. "Send to canvas" shows one in the Texture studio.
 */
export const latentStudio: StudioDef = {
  id: 'latent',
  label: 'Latent',
  icon: 'latent',
  group: 'studios',
  title: 'Latent Explorer',
  component: LatentStudio,
  keepMounted: true,
  cards: {
    latent: { thumbnail: 'cover', meta: SIZE_META },
  },
};
