import { createContext, useContext } from 'react';
import type { StudioDef } from './studio';

/** The studios (`src/studios.ts`), for views that show records of every kind (the Library's cards). */
export const StudiosContext = createContext<readonly StudioDef[] | null>(null);

export function useStudios(): readonly StudioDef[] {
  const studios = useContext(StudiosContext);
  if (!studios) throw new Error('useStudios must be used inside the app shell');
  return studios;
}
