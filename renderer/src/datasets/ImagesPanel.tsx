/**
 * The Images tab: an ImageFolder in, an augmented training set out. The form (folders, method
 * with its parameters, k, seed, layout, near-duplicate threshold), checked in the page before
 * anything runs; the job with progress, Cancel and Resume; then the result, card and samples.
 */
import { useState, type ReactElement } from 'react';
import {
  DATASET_METHODS,
  type AtelierApi,
  type DatasetMethod,
  type DatasetsAugmentInput,
  type DatasetsAugmentResult,
} from '../../../preload/contract';
import { AugmentResult } from './AugmentResult';
import { ParamFields, PathField, SeedField, TextField } from './fields';
import { checkImages } from './checks';
import type { ImagesForm } from './form';
import { JobBar } from './JobBar';
import { fieldShown, seedForRun, shownProblems } from './panel';
import { IMAGE_PARAMS } from './params';
import type { DatasetJob } from './useDatasetJob';

export const METHOD_INFO: Record<DatasetMethod, { title: string; blurb: string }> = {
  classic: {
    title: 'Classic transforms',
    blurb: 'Flip, random resized crop and colour jitter: the baseline.',
  },
  'vae-posterior': {
    title: 'VAE posterior',
    blurb: 'Encodes each image with the bundled VAE and decodes samples from around it.',
  },
  'diffusion-img2img': {
    title: 'Diffusion img2img',
    blurb: 'Redraws each image with the image model, steered by a prompt with its class name.',
  },
  'texture-resynthesis': {
    title: 'Texture re-synthesis',
    blurb: 'Quilts new textures from patches of each image (for folders of textures).',
  },
};

const FIELDS = ['input', 'out', 'k', 'seed', 'method', 'params', 'layout', 'nearDuplicate'];

export function ImagesPanel({
  api,
  form,
  update,
  job,
  pick,
}: {
  api: AtelierApi;
  form: ImagesForm;
  update: (patch: Partial<ImagesForm>) => void;
  job: DatasetJob<DatasetsAugmentInput, DatasetsAugmentResult>;
  pick: ((set: (path: string) => void) => void) | null;
}): ReactElement {
  const [page, setPage] = useState<Record<string, string>>({});
  const problems = shownProblems(page, job.error);
  const change = (patch: Partial<ImagesForm>): void => {
    setPage({});
    job.clearError();
    update(patch);
  };
  const run = (): void => {
    const f = seedForRun(form);
    if (f !== form) update({ seed: f.seed });
    const checked = checkImages(f);
    if (!checked.ok) return setPage(checked.problems);
    setPage({});
    job.run(checked.request);
  };
  const specs = IMAGE_PARAMS[form.method];
  return (
    <div className="datasets-body">
      <form
        className="datasets-form"
        data-testid="datasets-images-form"
        onSubmit={(e) => (e.preventDefault(), run())}
      >
        <PathField
          id="images-input"
          label="Input folder (ImageFolder)"
          placeholder="/home/you/data/flowers"
          hint="Class folders of PNG or JPEG images, optionally under train/ with a held-out test/."
          value={form.input}
          problem={problems.input}
          onChange={(input) => change({ input })}
          onPick={pick ? () => pick((input) => change({ input })) : null}
        />
        <PathField
          id="images-out"
          label="Output folder"
          placeholder="/home/you/data/flowers-augmented"
          hint="New or empty, or an earlier output (a rerun goes on from where it stopped)."
          value={form.out}
          problem={problems.out}
          onChange={(out) => change({ out })}
          onPick={pick ? () => pick((out) => change({ out })) : null}
        />
        <div className="field">
          <label className="field-label" htmlFor="datasets-images-method">
            Method
          </label>
          <select
            id="datasets-images-method"
            data-testid="datasets-images-method"
            value={form.method}
            onChange={(e) => change({ method: e.target.value as DatasetMethod })}
          >
            {DATASET_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_INFO[m].title}
              </option>
            ))}
          </select>
          <span className="field-hint">{METHOD_INFO[form.method].blurb}</span>
          {problems.method ? <div className="datasets-problem">{problems.method}</div> : null}
        </div>
        <ParamFields
          specs={specs}
          values={form.params[form.method]}
          problems={problems}
          onChange={(key, v) =>
            change({ params: { ...form.params, [form.method]: { ...form.params[form.method], [key]: v } } })
          }
        />
        {problems.params ? <div className="datasets-problem">{problems.params}</div> : null}
        <div className="field-pair">
          <TextField
            id="images-k"
            label="k per image"
            hint="Synthetic images per source (1–64)."
            numeric
            value={form.k}
            problem={problems.k}
            onChange={(k) => change({ k })}
          />
          <TextField
            id="images-near-duplicate"
            label="Near-duplicate"
            hint="Drop items closer than this (0 = keep all)."
            numeric
            value={form.nearDuplicate}
            problem={problems.nearDuplicate}
            onChange={(nearDuplicate) => change({ nearDuplicate })}
          />
        </div>
        <SeedField
          id="images"
          seed={form.seed}
          locked={form.locked}
          problem={problems.seed}
          onSeed={(seed) => change({ seed })}
          onLock={(locked) => change({ locked })}
        />
        <div className="field">
          <span className="field-label">Synthetic files</span>
          <label className="check">
            <input
              type="radio"
              name="datasets-layout"
              data-testid="datasets-images-layout-beside"
              checked={form.layout === 'beside'}
              onChange={() => change({ layout: 'beside' })}
            />
            Beside the real ones in each class folder
          </label>
          <label className="check">
            <input
              type="radio"
              name="datasets-layout"
              data-testid="datasets-images-layout-apart"
              checked={form.layout === 'apart'}
              onChange={() => change({ layout: 'apart' })}
            />
            Apart, under train/synthetic/
          </label>
        </div>
        <JobBar
          id="images"
          runLabel="Augment"
          phase={job.phase}
          fraction={job.fraction}
          message={job.message}
          stopping={job.stopping}
          error={job.error}
          problems={problems}
          fieldShown={fieldShown(job.error, FIELDS) || Boolean(job.error?.field?.startsWith('params.'))}
          onRun={run}
          onCancel={job.cancel}
          onResume={job.resume}
        />
      </form>
      <div className="datasets-output">
        {job.result && job.request ? (
          <AugmentResult api={api} id="images" out={job.request.out} result={job.result} />
        ) : (
          <Intro phase={job.phase} />
        )}
      </div>
    </div>
  );
}

function Intro({ phase }: { phase: string }): ReactElement {
  return (
    <div className="datasets-intro muted" data-testid="datasets-images-intro">
      {phase === 'cancelled'
        ? 'Cancelled. The items written so far are kept; Resume goes on from there.'
        : phase === 'running'
          ? 'Augmenting… the result, the card and samples show here when it finishes.'
          : 'Type the folders, pick a method and press Augment. The result shows here: counts, the card and samples of real images beside what was made from them.'}
    </div>
  );
}
