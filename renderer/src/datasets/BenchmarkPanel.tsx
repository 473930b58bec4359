/**
 * The Benchmark tab: the built-in few-shot glyph benchmark (fonts on this machine, k fonts per
 * character for training, the rest held out): none vs classic vs VAE-posterior for each k.
 */
import { useState, type ReactElement } from 'react';
import type { DatasetsBenchmark, DatasetsBenchmarkInput } from '../../../preload/contract';
import { BenchmarkView } from './BenchmarkView';
import { TextField } from './fields';
import { checkBenchmark } from './checks';
import type { BenchmarkForm } from './form';
import { JobBar } from './JobBar';
import { fieldShown, shownProblems } from './panel';
import type { DatasetJob } from './useDatasetJob';

const FIELDS = ['ks', 'augmentK', 'seeds', 'steps'];

export function BenchmarkPanel({
  form,
  update,
  job,
}: {
  form: BenchmarkForm;
  update: (patch: Partial<BenchmarkForm>) => void;
  job: DatasetJob<DatasetsBenchmarkInput, DatasetsBenchmark>;
}): ReactElement {
  const [page, setPage] = useState<Record<string, string>>({});
  const problems = shownProblems(page, job.error);
  const change = (patch: Partial<BenchmarkForm>): void => {
    setPage({});
    job.clearError();
    update(patch);
  };
  const run = (): void => {
    const checked = checkBenchmark(form);
    if (!checked.ok) return setPage(checked.problems);
    setPage({});
    job.run(checked.request);
  };
  return (
    <div className="datasets-body">
      <form
        className="datasets-form"
        data-testid="datasets-benchmark-form"
        onSubmit={(e) => (e.preventDefault(), run())}
      >
        <TextField
          id="benchmark-ks"
          label="k values"
          hint="Fonts per character in the training set, one table row each (1–8)."
          value={form.ks}
          problem={problems.ks}
          onChange={(ks) => change({ ks })}
        />
        <TextField
          id="benchmark-augment-k"
          label="Synthetic per real glyph"
          hint="For the classic and VAE-posterior arms (1–16)."
          numeric
          value={form.augmentK}
          problem={problems.augmentK}
          onChange={(augmentK) => change({ augmentK })}
        />
        <TextField
          id="benchmark-seeds"
          label="Seeds"
          hint="Each arm is trained once per seed (at most 10)."
          value={form.seeds}
          problem={problems.seeds}
          onChange={(seeds) => change({ seeds })}
        />
        <TextField
          id="benchmark-steps"
          label="Steps"
          hint="Training steps per classifier (1–5000)."
          numeric
          value={form.steps}
          problem={problems.steps}
          onChange={(steps) => change({ steps })}
        />
        <JobBar
          id="benchmark"
          runLabel="Run benchmark"
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
          <BenchmarkView b={job.result} />
        ) : (
          <div className="datasets-intro muted">
            Renders the fonts found on this machine, trains on k fonts per character and tests on fonts of
            families never seen in training: without augmentation, with classic transforms, and with
            VAE-posterior samples.
          </div>
        )}
      </div>
    </div>
  );
}
