import type { IconSource } from './icons';
import type { StudioDef } from './studio';

/** A view id: a studio's `id` in `src/studios.ts` (the Library is one of them). */
export type ViewId = string;

export interface NavEntry {
  id: ViewId;
  label: string;
  icon: IconSource;
  /** Groups in the nav: creative studios first, then the collection. */
  group: 'studios' | 'collection';
  testId: string;
}

/** The nav's entries, one per view in the registry, in its order. */
export function navItems(studios: readonly StudioDef[]): NavEntry[] {
  return studios.map(({ id, label, icon, group }) => ({ id, label, icon, group, testId: `nav-${id}` }));
}
