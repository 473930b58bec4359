import { createContext, useContext } from 'react';
import type { ErrorInfo } from '../../../preload/contract';
import type { JobStatus } from './job';

/** What any view may ask of the shell: report errors, show notices, publish its job's progress. */
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
}

export const ShellContext = createContext<Shell | null>(null);

export function useShell(): Shell {
  const shell = useContext(ShellContext);
  if (!shell) throw new Error('useShell must be used inside the app shell');
  return shell;
}
