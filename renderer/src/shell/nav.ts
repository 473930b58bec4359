import type { IconName } from './icons';

/** Every view the left nav offers. New studios are added here; the shell renders from this list. */
export type ViewId = 'textures' | 'latent' | 'melody' | 'writer' | 'images' | 'library';

export interface NavEntry {
  id: ViewId;
  label: string;
  icon: IconName;
  /** Groups in the nav: creative studios first, then the collection. */
  group: 'studios' | 'collection';
  testId: string;
}

export const NAV: readonly NavEntry[] = [
  { id: 'textures', label: 'Textures', icon: 'textures', group: 'studios', testId: 'nav-textures' },
  { id: 'latent', label: 'Latent', icon: 'latent', group: 'studios', testId: 'nav-latent' },
  { id: 'melody', label: 'Melody', icon: 'melody', group: 'studios', testId: 'nav-melody' },
  { id: 'writer', label: 'Writer', icon: 'pen', group: 'studios', testId: 'nav-writer' },
  { id: 'images', label: 'Images', icon: 'image', group: 'studios', testId: 'nav-images' },
  { id: 'library', label: 'Library', icon: 'library', group: 'collection', testId: 'nav-library' },
];

export const DEFAULT_VIEW: ViewId = 'textures';
