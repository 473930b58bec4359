import type { StudioDef } from '../shell/studio';
import { LatentStudio } from './LatentStudio';

/** The Latent Explorer. Its bookmarks and saved points (`latent` records) open in the Texture studio. */
export const latentStudio: StudioDef = {
  id: 'latent',
  label: 'Latent',
  icon: 'latent',
  group: 'studios',
  title: 'Latent Explorer',
  component: LatentStudio,
  keepMounted: true,
  cards: {},
};
