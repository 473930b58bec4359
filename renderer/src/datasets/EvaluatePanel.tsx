/**
 * The Evaluate tab: did the synthetic images help? The original ImageFolder (its train/ split and
 * held-out test/) and the augmented folder; seeds, steps, image side; the job; the result table.
 */
import { useState, type ReactElement } from 'react';
import type { DatasetsEvaluateInput, DatasetsEvaluation } from '../../../preload/contract';
import { EvaluationView } from './EvaluationView';
import { PathField, TextField } from './fields';
import { checkEvaluate } from './checks';
import type { EvaluateForm } from './form';
import { JobBar } from './JobBar';
import { fieldShown, shownProblems } from './panel';
import type { DatasetJob } from './useDatasetJob';

const FIELDS = ['input', 'augmented', 'seeds', 'steps', 'side'];

export function EvaluatePanel({
  form,
  update,
  job,
  pick,
}: {
  form: EvaluateForm;
  update: (patch: Partial<EvaluateForm>) => void;
  job: DatasetJob<DatasetsEvaluateInput, DatasetsEvaluation>;
  pick: ((set: (path: string) => void) => void) | null;
}): ReactElement {
  const [page, setPage] = useState<Record<string, string>>({});
  const problems = shownProblems(page, job.error);
  const change = (patch: Partial<EvaluateForm>): void => {
    setPage({});
    job.clearError();
    update(patch);
  };
  const run = (): void => {
    const checked = checkEvaluate(form);
    if (!checked.ok) return setPage(checked.problems);
    setPage({});
    job.run(checked.request);
  };
  return (
    <div className="datasets-body">
      <form
        className="datasets-form"
        data-testid="datasets-evaluate-form"
        onSubmit={(e) => (e.preventDefault(), run())}
      >
        <PathField
          id="evaluate-input"
          label="Original folder"
          placeholder="/home/you/data/flowers"
          hint="Its train/ split trains both classifiers; its test/ (or val/) split tests them."
          value={form.input}
          problem={problems.input}
          onChange={(input) => change({ input })}
          onPick={pick ? () => pick((input) => change({ input })) : null}
        />
        <PathField
          id="evaluate-augmented"
          label="Augmented folder"
          placeholder="/home/you/data/flowers-augmented"
          hint="An Augment output of that folder: its synthetic images join the second classifier’s training set."
          value={form.augmented}
          problem={problems.augmented}
          onChange={(augmented) => change({ augmented })}
          onPick={pick ? () => pick((augmented) => change({ augmented })) : null}
        />
        <TextField
          id="evaluate-seeds"
          label="Seeds"
          hint="One pair of classifiers per seed (at most 10), separated by commas."
          value={form.seeds}
          problem={problems.seeds}
          onChange={(seeds) => change({ seeds })}
        />
        <div className="field-pair">
          <TextField
            id="evaluate-steps"
            label="Steps"
            hint="Training steps per classifier (1–5000)."
            numeric
            value={form.steps}
            problem={problems.steps}
            onChange={(steps) => change({ steps })}
          />
          <div className="field">
            <label className="field-label" htmlFor="datasets-evaluate-side">
              Image side
            </label>
            <select
              id="datasets-evaluate-side"
              data-testid="datasets-evaluate-side"
              value={form.side}
              onChange={(e) => change({ side: e.target.value === '32' ? '32' : '16' })}
            >
              <option value="16">16 × 16</option>
              <option value="32">32 × 32</option>
            </select>
            <span className="field-hint">Grey pixels the classifier sees.</span>
          </div>
        </div>
        <JobBar
          id="evaluate"
          runLabel="Evaluate"
          phase={job.phase}
          fraction={job.fraction}
          message={job.message}
          stopping={job.stopping}
          error={job.error}
          problems={problems}
          fieldShown={fieldShown(job.error, FIELDS)}
          onRun={run}
          onCancel={job.cancel}
          onResume={job.resume}
        />
      </form>
      <div className="datasets-output">
        {job.result ? (
          <EvaluationView ev={job.result} />
        ) : (
          <div className="datasets-intro muted">
            Trains the same small classifier twice per seed, on the real training images alone and on real +
            synthetic, and tests both on the held-out split. The table shows both arms and the difference.
          </div>
        )}
      </div>
    </div>
  );
}
