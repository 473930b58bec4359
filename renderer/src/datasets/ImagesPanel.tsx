/**
 * The Images tab: an ImageFolder in, an augmented training set out. The form (folders, method
 * with its parameters, k, seed, layout, near-duplicate threshold, and "Run on workers" where the
 * host was started with a batch queue), checked in the page before anything runs; the job with
 * progress, Cancel and Resume; then the result, card and samples.
 */
import { useEffect, useState, type ReactElement } from 'react';
import {
  DATASET_METHODS,
  type DatasetMethod,
  type DatasetsAugmentInput,
  type DatasetsAugmentResult,
} from '../../../preload/contract';
import { AugmentResult } from './AugmentResult';
import { CountFields, PathField, SeedField, SelectField } from './fields';
import { checkImages, type Checked } from './checks';
import type { ImagesForm } from './form';
import { ParamFields } from './ParamFields';
import { IMAGE_PARAMS } from './params';
import { TabPanel, type PanelProps } from './TabPanel';
import { useTabForm } from './useTabForm';

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

const FIELDS = ['input', 'out', 'k', 'seed', 'method', 'params', 'layout', 'nearDuplicate', 'workers'];

const METHODS = DATASET_METHODS.map((m) => ({ value: m, label: METHOD_INFO[m].title }));

const LAYOUTS = [
  { value: 'beside', label: 'Beside the real ones in each class folder' },
  { value: 'apart', label: 'Apart, under train/synthetic/' },
] as const;

function intro(phase: string): string {
  return phase === 'cancelled'
    ? 'Cancelled. The items written so far are kept; Resume goes on from there.'
    : phase === 'running'
      ? 'Augmenting… the result, the card and samples show here when it finishes.'
      : 'Type the folders, pick a method and press Augment. The result shows here: counts, the card and samples of real images beside what was made from them.';
}

/** The form's request, on workers only where the host has a queue (a stored choice elsewhere is ignored). */
export function imagesRequest(f: ImagesForm, hostHasWorkers: boolean): Checked<DatasetsAugmentInput> {
  const c = checkImages(f);
  return c.ok && f.workers && hostHasWorkers ? { ok: true, request: { ...c.request, workers: true } } : c;
}

export function ImagesPanel(
  props: PanelProps<ImagesForm, DatasetsAugmentInput, DatasetsAugmentResult>,
): ReactElement {
  const { api, form, job } = props;
  // "Run on workers" where the host was started with a batch queue (`--redis`).
  const [hasWorkers, setHasWorkers] = useState(false);
  useEffect(() => {
    let live = true;
    api.app.info().then(
      (info) => live && setHasWorkers(info.capabilities.workers),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  const tab = useTabForm(props, (f) => imagesRequest(f, hasWorkers));
  const { problems, change } = tab;
  return (
    <TabPanel
      id="images"
      runLabel="Augment"
      fields={FIELDS}
      job={job}
      tab={tab}
      result={
        job.result && job.request ? (
          <AugmentResult api={api} id="images" out={job.request.out} result={job.result} />
        ) : null
      }
      intro={intro(job.phase)}
      introTestId="datasets-images-intro"
    >
      <PathField
        id="images-input"
        label="Input folder (ImageFolder)"
        placeholder="/home/you/data/flowers"
        hint="Class folders of PNG or JPEG images, optionally under train/ with a held-out test/."
        {...tab.folder('input')}
      />
      <PathField
        id="images-out"
        label="Output folder"
        placeholder="/home/you/data/flowers-augmented"
        hint="New or empty, or an earlier output (a rerun goes on from where it stopped)."
        {...tab.folder('out')}
      />
      <SelectField
        id="images-method"
        label="Method"
        hint={METHOD_INFO[form.method].blurb}
        problem={problems.method}
        value={form.method}
        options={METHODS}
        onChange={(method: DatasetMethod) => change({ method })}
      />
      <ParamFields
        specs={IMAGE_PARAMS[form.method]}
        values={form.params[form.method]}
        problems={problems}
        onChange={(key, v) =>
          change({ params: { ...form.params, [form.method]: { ...form.params[form.method], [key]: v } } })
        }
      />
      {problems.params ? <div className="datasets-problem">{problems.params}</div> : null}
      <CountFields
        id="images"
        label="k per image"
        hint="Synthetic images per source (1–64)."
        items="items"
        k={tab.text('k')}
        nearDuplicate={tab.text('nearDuplicate')}
      />
      <SeedField id="images" form={form} tab={tab} />
      <div className="field">
        <span className="field-label">Synthetic files</span>
        {LAYOUTS.map((l) => (
          <label key={l.value} className="check">
            <input
              type="radio"
              name="datasets-layout"
              data-testid={`datasets-images-layout-${l.value}`}
              checked={form.layout === l.value}
              onChange={() => change({ layout: l.value })}
            />
            {l.label}
          </label>
        ))}
      </div>
      {hasWorkers ? (
        <div className="field">
          <label className="check">
            <input
              type="checkbox"
              data-testid="datasets-images-workers"
              checked={form.workers}
              onChange={(e) => change({ workers: e.target.checked })}
            />
            Run on workers
          </label>
          <span className="field-hint">
            The items are made by the batch workers of this host&apos;s queue; the output is the same as here.
          </span>
          {problems.workers ? <div className="datasets-problem">{problems.workers}</div> : null}
        </div>
      ) : null}
    </TabPanel>
  );
}
