/**
 * The Evaluate tab: did the synthetic images help? The original ImageFolder (its train/ split and
 * held-out test/) and the augmented folder; seeds, steps, image side; the job; the result table.
 */
import type { ReactElement } from 'react';
import type { DatasetsEvaluateInput, DatasetsEvaluation } from '../../../preload/contract';
import { EvaluationView } from './EvaluationView';
import { PathField, SelectField, TextField } from './fields';
import { checkEvaluate } from './checks';
import type { EvaluateForm } from './form';
import { TabPanel, type PanelProps } from './TabPanel';
import { useTabForm } from './useTabForm';

const FIELDS = ['input', 'augmented', 'seeds', 'steps', 'side'];

const SIDES = [
  { value: '16', label: '16 × 16' },
  { value: '32', label: '32 × 32' },
] as const;

export function EvaluatePanel(
  props: PanelProps<EvaluateForm, DatasetsEvaluateInput, DatasetsEvaluation>,
): ReactElement {
  const { form, job } = props;
  const tab = useTabForm(props, checkEvaluate);
  return (
    <TabPanel
      id="evaluate"
      runLabel="Evaluate"
      fields={FIELDS}
      job={job}
      tab={tab}
      result={job.result ? <EvaluationView ev={job.result} /> : null}
      intro="Trains the same small classifier twice per seed, on the real training images alone and on real + synthetic, and tests both on the held-out split. The table shows both arms and the difference."
    >
      <PathField
        id="evaluate-input"
        label="Original folder"
        placeholder="/home/you/data/flowers"
        hint="Its train/ split trains both classifiers; its test/ (or val/) split tests them."
        {...tab.folder('input')}
      />
      <PathField
        id="evaluate-augmented"
        label="Augmented folder"
        placeholder="/home/you/data/flowers-augmented"
        hint="An Augment output of that folder: its synthetic images join the second classifier’s training set."
        {...tab.folder('augmented')}
      />
      <TextField
        id="evaluate-seeds"
        label="Seeds"
        hint="One pair of classifiers per seed (at most 10), separated by commas."
        {...tab.text('seeds')}
      />
      <div className="field-pair">
        <TextField
          id="evaluate-steps"
          label="Steps"
          hint="Training steps per classifier (1–5000)."
          numeric
          {...tab.text('steps')}
        />
        <SelectField
          id="evaluate-side"
          label="Image side"
          hint="Grey pixels the classifier sees."
          problem={tab.problems.side}
          value={form.side}
          options={SIDES}
          onChange={(side) => tab.change({ side })}
        />
      </div>
    </TabPanel>
  );
}
