import { createContext, useContext } from 'react';
import type { ErrorInfo } from '../../../preload/contract';
import type { JobStatus } from './job';

/**
 * A request to show a view and what it should show (`openView`): the Models view filters by
 * `params.task`, a studio's model picker picks `params.model`. `n` grows with every request.
 */
export interface ViewRequest {
  view: string;
  params: Readonly<Record<string, string>>;
  n: number;
}

/** What any view may ask of the shell: report errors, show notices, publish its job's progress, show another view. */
export interface Shell {
  reportError: (err: unknown) => void;
  clearError: () => void;
  notify: (text: string) => void;
  clearNotice: () => void;
  setJob: (job: JobStatus | null | ((prev: JobStatus | null) => JobStatus | null)) => void;
  /** The error on show, so a view can mark the control its field names. */
  error: ErrorInfo | null;
  /** The current (or last) job, as the status bar shows it. */
  job: JobStatus | null;
  /** Shows `view` with `params` (they reach it, and the shell's pieces in it, as `viewRequest`). */
  openView: (view: string, params?: Readonly<Record<string, string>>) => void;
  /** The last `openView` request; null before any. */
  viewRequest: ViewRequest | null;
}

export const ShellContext = createContext<Shell | null>(null);

export function useShell(): Shell {
  const shell = useContext(ShellContext);
  if (!shell) throw new Error('useShell must be used inside the app shell');
  return shell;
}
