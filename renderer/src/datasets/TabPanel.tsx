/**
 * The frame every tab shares: the form (its fields, then the job bar: Run, progress, Cancel,
 * Resume, the problems repeated) on the left, and on the right what the last run made, or a few
 * words on what the tab does until then.
 */
import type { ReactElement, ReactNode } from 'react';
import type { AtelierApi } from '../../../preload/contract';
import { JobBar } from './JobBar';
import { fieldShown } from './panel';
import type { DatasetJob, JobView } from './useDatasetJob';
import type { PickFolder, TabForm } from './useTabForm';

/** What the studio hands every tab: its form as typed, its job and the host's folder picker. */
export interface PanelProps<F, Req, Res> {
  api: AtelierApi;
  form: F;
  update: (patch: Partial<F>) => void;
  job: DatasetJob<Req, Res>;
  /** Choose…, where the host can pick a folder. */
  pick: PickFolder;
}

export function TabPanel({
  id,
  runLabel,
  fields,
  job,
  tab,
  result,
  intro,
  introTestId,
  children,
}: {
  /** The tab: `datasets-<id>-form`, `datasets-<id>-run`… */
  id: string;
  runLabel: string;
  /** The fields the form shows (main's refusal of one is shown beside it, not in the bar). */
  fields: readonly string[];
  job: JobView;
  /** The form's problems and Run. */
  tab: Pick<TabForm<never>, 'problems' | 'run'>;
  /** What the last run made; null until there is a result. */
  result: ReactNode | null;
  /** Shown in the output column until there is a result. */
  intro: string;
  introTestId?: string;
  children: ReactNode;
}): ReactElement {
  return (
    <div className="datasets-body">
      <form
        className="datasets-form"
        data-testid={`datasets-${id}-form`}
        onSubmit={(e) => (e.preventDefault(), tab.run())}
      >
        {children}
        <JobBar
          id={id}
          runLabel={runLabel}
          job={job}
          problems={tab.problems}
          fieldShown={fieldShown(job.error, fields)}
          onRun={tab.run}
        />
      </form>
      <div className="datasets-output">
        {result ?? (
          <div className="datasets-intro muted" data-testid={introTestId}>
            {intro}
          </div>
        )}
      </div>
    </div>
  );
}
