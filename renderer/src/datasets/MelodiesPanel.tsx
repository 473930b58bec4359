/**
 * The Melodies tab: a folder of MIDI melodies in; variations, continuations and transpositions
 * of each (k per method) out, with a manifest and a card. Each chosen method shows its own
 * parameters.
 */
import type { ReactElement } from 'react';
import {
  MIDI_AUGMENT_METHODS,
  type DatasetsAugmentMidiInput,
  type DatasetsAugmentResult,
  type MidiAugmentMethod,
} from '../../../preload/contract';
import { AugmentResult } from './AugmentResult';
import { CountFields, PathField, Problem, SeedField } from './fields';
import { checkMelodies } from './checks';
import type { MelodiesForm } from './form';
import { ParamFields } from './ParamFields';
import { MIDI_PARAMS } from './params';
import { TabPanel, type PanelProps } from './TabPanel';
import { useTabForm } from './useTabForm';

const FIELDS = ['input', 'out', 'methods', 'params', 'k', 'seed', 'nearDuplicate'];

export const MIDI_INFO: Record<MidiAugmentMethod, { title: string; blurb: string }> = {
  variations: { title: 'Variations', blurb: 'The melody VAE’s samples around each melody.' },
  continuations: { title: 'Continuations', blurb: 'The melody model plays on from each melody’s end.' },
  transpositions: { title: 'Transpositions', blurb: 'The same melody shifted by whole semitones.' },
};

export function MelodiesPanel(
  props: PanelProps<MelodiesForm, DatasetsAugmentMidiInput, DatasetsAugmentResult>,
): ReactElement {
  const { api, form, job } = props;
  const tab = useTabForm(props, checkMelodies);
  const { problems, change } = tab;
  const toggle = (m: MidiAugmentMethod, on: boolean): void =>
    change({
      methods: on ? [...form.methods.filter((x) => x !== m), m] : form.methods.filter((x) => x !== m),
    });
  return (
    <TabPanel
      id="melodies"
      runLabel="Augment melodies"
      fields={FIELDS}
      job={job}
      tab={tab}
      result={
        job.result && job.request ? (
          <AugmentResult api={api} id="melodies" out={job.request.out} result={job.result} noSamples />
        ) : null
      }
      intro="Makes new melodies from each one in the folder with the methods ticked, k of each, into a folder with a manifest and a card."
    >
      <PathField
        id="melodies-input"
        label="Input folder"
        placeholder="/home/you/music/tunes"
        hint=".mid files, optionally in label folders (and a held-out test/)."
        {...tab.folder('input')}
      />
      <PathField
        id="melodies-out"
        label="Output folder"
        placeholder="/home/you/music/tunes-augmented"
        {...tab.folder('out')}
      />
      <fieldset className="datasets-methods">
        <legend className="field-label">Methods</legend>
        {MIDI_AUGMENT_METHODS.map((m) => (
          <div key={m} className="datasets-method">
            <label className="check" title={MIDI_INFO[m].blurb}>
              <input
                type="checkbox"
                data-testid={`datasets-melodies-method-${m}`}
                checked={form.methods.includes(m)}
                onChange={(e) => toggle(m, e.target.checked)}
              />
              {MIDI_INFO[m].title}
            </label>
            <span className="field-hint">{MIDI_INFO[m].blurb}</span>
            {form.methods.includes(m) ? (
              <ParamFields
                specs={MIDI_PARAMS[m]}
                values={form.params}
                problems={problems}
                onChange={(key, v) => change({ params: { ...form.params, [key]: v } })}
              />
            ) : null}
          </div>
        ))}
        <Problem id="melodies-methods" text={problems.methods ?? problems.params} />
      </fieldset>
      <CountFields
        id="melodies"
        label="k per method"
        hint="New melodies per source and method."
        items="melodies"
        k={tab.text('k')}
        nearDuplicate={tab.text('nearDuplicate')}
      />
      <SeedField id="melodies" form={form} tab={tab} />
    </TabPanel>
  );
}
