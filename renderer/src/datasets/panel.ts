/** What the tab panels share: the problems on show (the page's, then main's refusal by its field) and a fresh seed per run unless locked. */
import type { ErrorInfo } from '../../../preload/contract';
import { randomSeed } from '../shell/seed';
import type { SeedField } from './form';

/** The page's problems with main's refusal laid over them, under its field. */
export function shownProblems(page: Record<string, string>, error: ErrorInfo | null): Record<string, string> {
  return error?.field && error.code !== 'cancelled' ? { ...page, [error.field]: error.message } : page;
}

/** Whether main's refusal has a field the form shows (so the job bar need not repeat it). */
export const fieldShown = (error: ErrorInfo | null, fields: readonly string[]): boolean =>
  Boolean(error?.field && fields.includes(error.field));

/** The seed for a run: the typed one when locked, else a fresh one (written back to the form). */
export function seedForRun<F extends SeedField>(f: F, draw: () => number = randomSeed): F {
  return f.locked ? f : { ...f, seed: String(draw()) };
}
