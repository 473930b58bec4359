import { SIZE_META, type StudioDef } from '../shell/studio';
import { TextureStudio } from './TextureStudio';

/**
 * The Texture studio. It opens texture records; a latent record (a point of the Latent Explorer's)
 * shows on its canvas only when the explorer sends it there ("Send to canvas"): from the Library,
 * latent records open in the Latent Explorer.
 */
export const textureStudio: StudioDef = {
  id: 'textures',
  label: 'Textures',
  icon: 'textures',
  group: 'studios',
  title: 'Texture studio',
  component: TextureStudio,
  keepMounted: true,
  cards: {
    texture: { thumbnail: 'cover', meta: SIZE_META },
  },
  shows: ['latent'],
};
