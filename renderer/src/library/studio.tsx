import type { StudioDef } from '../shell/studio';
import { LibraryView } from './LibraryView';

/** The Library: every record, each on the card its studio describes; mounted afresh on each visit. */
export const libraryStudio: StudioDef = {
  id: 'library',
  label: 'Library',
  icon: 'library',
  group: 'collection',
  title: 'Library',
  component: LibraryView,
  keepMounted: false,
  cards: {},
};
