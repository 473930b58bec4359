import type { StudioDef } from '../shell/studio';
import { DatasetsStudio } from './DatasetsStudio';

/**
 * The Datasets studio: augment folders of images, a font's glyphs or melodies with generative
 * models, and measure whether it helped. It makes files on disk, not library records, so it opens
 * no record kinds.
 */
export const datasetsStudio: StudioDef = {
  id: 'datasets',
  label: 'Datasets',
  // A stack of three sheets.
  icon: { path: 'M12 3l9 5-9 5-9-5zM3 12l9 5 9-5M3 16l9 5 9-5' },
  group: 'studios',
  title: 'Datasets studio',
  component: DatasetsStudio,
  keepMounted: true,
  cards: {},
};
