import { SIZE_META, type StudioDef } from '../shell/studio';
import { ImageStudio } from './ImageStudio';

/** The Image studio: image records open on its board; a card shows the image whole, pixels crisp. */
export const imageStudio: StudioDef = {
  id: 'images',
  label: 'Images',
  icon: 'image',
  group: 'studios',
  title: 'Image studio',
  component: ImageStudio,
  keepMounted: true,
  cards: {
    image: {
      thumbnail: 'contain pixelated',
      meta: SIZE_META,
      exportTitle: 'Export the image as a .png file',
    },
  },
};
