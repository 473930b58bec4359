/**
 * What the tab panels share, pure: the problems on show (the page's, then main's refusal by its
 * field), whether the form shows that field, and a run's form with its check (a fresh seed unless
 * locked).
 */
import type { ErrorInfo } from '../../../preload/contract';
import { randomSeed } from '../shell/seed';
import type { Checked } from './checks';
import type { SeedField } from './form';

/** The page's problems with main's refusal laid over them, under its field. */
export function shownProblems(page: Record<string, string>, error: ErrorInfo | null): Record<string, string> {
  return error?.field && error.code !== 'cancelled' ? { ...page, [error.field]: error.message } : page;
}

/**
 * Whether main's refusal has a field the form shows (so the job bar need not repeat it); with
 * `params` among the fields, every `params.<key>` is shown beside its parameter.
 */
export const fieldShown = (error: ErrorInfo | null, fields: readonly string[]): boolean =>
  Boolean(
    error?.field &&
    (fields.includes(error.field) || (fields.includes('params') && error.field.startsWith('params.'))),
  );

/** The seed for a run: the typed one when locked, else a fresh one (written back to the form). */
export function seedForRun<F extends SeedField>(f: F, draw: () => number = randomSeed): F {
  return f.locked ? f : { ...f, seed: String(draw()) };
}

const hasSeed = (f: object): f is SeedField => 'seed' in f && 'locked' in f;

/** The form a run sends (with a fresh seed where it has an unlocked one) and the page's check of it. */
export function prepareRun<F extends object, Req>(
  form: F,
  check: (f: F) => Checked<Req>,
  draw: () => number = randomSeed,
): { form: F; checked: Checked<Req> } {
  const f = hasSeed(form) ? seedForRun(form, draw) : form;
  return { form: f, checked: check(f) };
}
