import { SIZE_META, type StudioDef } from '../shell/studio';
import { TextureStudio } from './TextureStudio';

/**
 * The Texture studio. It opens texture records and latent records too: a latent record is a point
 * the Latent Explorer sent to the canvas.
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
    latent: { thumbnail: 'cover', meta: SIZE_META },
  },
};
