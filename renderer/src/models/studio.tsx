import { MODELS_VIEW } from '../shell/StudioModelPicker';
import type { StudioDef } from '../shell/studio';
import { ModelsStudio } from './ModelsStudio';

/**
 * The Models view: find, download and manage the models every studio runs (the Hugging Face hub,
 * Atelier's curated list, the host's downloads, installed models). It makes no library records.
 */
export const modelsStudio: StudioDef = {
  id: MODELS_VIEW,
  label: 'Models',
  // A box with an arrow into it.
  icon: { path: 'M12 3v10M8 9l4 4 4-4M4 14v5a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-5' },
  group: 'studios',
  title: 'Models view',
  component: ModelsStudio,
  keepMounted: true,
  cards: {},
};
