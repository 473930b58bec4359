/**
 * A tab's form wired to its job: the problems on show (the page's check, or main's refusal under
 * its field), a change that clears them, Run (a fresh seed unless locked, then the check; only a
 * clean form is sent), and the props that bind a text field or a folder field (with Choose…
 * where the host can pick one) to the form.
 */
import { useState } from 'react';
import type { Checked, Problems } from './checks';
import { prepareRun, shownProblems } from './panel';
import type { PanelProps } from './TabPanel';
import type { DatasetJob } from './useDatasetJob';

/** The host's folder picker, where it has one: it calls `set` with the chosen path. */
export type PickFolder = ((set: (path: string) => void) => void) | null;

/** The keys of a form whose values are text. */
type TextKey<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F] & string;

export interface Bound {
  value: string;
  problem: string | undefined;
  onChange: (v: string) => void;
}

export interface TabForm<F> {
  problems: Problems;
  change: (patch: Partial<F>) => void;
  run: () => void;
  /** A text field's value, problem and onChange. */
  text: (key: TextKey<F>) => Bound;
  /** The same, with Choose… where the host can pick a folder. */
  folder: (key: TextKey<F>) => Bound & { onPick: (() => void) | null };
}

export function useTabForm<F extends object, Req>(
  {
    form,
    update,
    job,
    pick,
  }: Pick<PanelProps<F, Req, unknown>, 'form' | 'update' | 'pick'> & {
    job: Pick<DatasetJob<Req, unknown>, 'error' | 'clearError' | 'run'>;
  },
  check: (f: F) => Checked<Req>,
): TabForm<F> {
  const [page, setPage] = useState<Problems>({});
  const problems = shownProblems(page, job.error);
  const change = (patch: Partial<F>): void => {
    setPage({});
    job.clearError();
    update(patch);
  };
  const run = (): void => {
    const { form: f, checked } = prepareRun(form, check);
    if (f !== form) update(f); // the fresh seed, shown in the form
    if (!checked.ok) return setPage(checked.problems);
    setPage({});
    job.run(checked.request);
  };
  const set = (key: TextKey<F>) => (v: string) => change({ [key]: v } as Partial<F>);
  const text = (key: TextKey<F>): Bound => ({
    value: form[key] as string,
    problem: problems[key],
    onChange: set(key),
  });
  const folder = (key: TextKey<F>): Bound & { onPick: (() => void) | null } => ({
    ...text(key),
    onPick: pick ? () => pick(set(key)) : null,
  });
  return { problems, change, run, text, folder };
}
