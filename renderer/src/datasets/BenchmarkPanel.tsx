/**
 * The Benchmark tab: the built-in few-shot glyph benchmark (fonts on this machine, k fonts per
 * character for training, the rest held out): none vs classic vs VAE-posterior for each k.
 */
import type { ReactElement } from 'react';
import type { DatasetsBenchmark, DatasetsBenchmarkInput } from '../../../preload/contract';
import { BenchmarkView } from './BenchmarkView';
import { TextField } from './fields';
import { checkBenchmark } from './checks';
import type { BenchmarkForm } from './form';
import { TabPanel, type PanelProps } from './TabPanel';
import { useTabForm } from './useTabForm';

const FIELDS = ['ks', 'augmentK', 'seeds', 'steps'];

export function BenchmarkPanel(
  props: PanelProps<BenchmarkForm, DatasetsBenchmarkInput, DatasetsBenchmark>,
): ReactElement {
  const { job } = props;
  const tab = useTabForm(props, checkBenchmark);
  return (
    <TabPanel
      id="benchmark"
      runLabel="Run benchmark"
      fields={FIELDS}
      job={job}
      tab={tab}
      result={job.result ? <BenchmarkView b={job.result} /> : null}
      intro="Renders the fonts found on this machine, trains on k fonts per character and tests on fonts of families never seen in training: without augmentation, with classic transforms, and with VAE-posterior samples."
    >
      <TextField
        id="benchmark-ks"
        label="k values"
        hint="Fonts per character in the training set, one table row each (1–8)."
        {...tab.text('ks')}
      />
      <TextField
        id="benchmark-augment-k"
        label="Synthetic per real glyph"
        hint="For the classic and VAE-posterior arms (1–16)."
        numeric
        {...tab.text('augmentK')}
      />
      <TextField
        id="benchmark-seeds"
        label="Seeds"
        hint="Each arm is trained once per seed (at most 10)."
        {...tab.text('seeds')}
      />
      <TextField
        id="benchmark-steps"
        label="Steps"
        hint="Training steps per classifier (1–5000)."
        numeric
        {...tab.text('steps')}
      />
    </TabPanel>
  );
}
