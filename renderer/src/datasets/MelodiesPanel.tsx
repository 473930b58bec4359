/**
 * The Melodies tab: a folder of MIDI melodies in; variations, continuations and transpositions
 * of each (k per method) out, with a manifest and a card. Each chosen method shows its own
 * parameters.
 */
import { useState, type ReactElement } from 'react';
import {
  MIDI_AUGMENT_METHODS,
  type AtelierApi,
  type DatasetsAugmentMidiInput,
  type DatasetsAugmentResult,
  type MidiAugmentMethod,
} from '../../../preload/contract';
import { AugmentResult } from './AugmentResult';
import { ParamFields, PathField, Problem, SeedField, TextField } from './fields';
import { checkMelodies } from './checks';
import type { MelodiesForm } from './form';
import { JobBar } from './JobBar';
import { fieldShown, seedForRun, shownProblems } from './panel';
import { MIDI_PARAMS } from './params';
import type { DatasetJob } from './useDatasetJob';

const FIELDS = ['input', 'out', 'methods', 'k', 'seed', 'nearDuplicate'];

export const MIDI_INFO: Record<MidiAugmentMethod, { title: string; blurb: string }> = {
  variations: { title: 'Variations', blurb: 'The melody VAE’s samples around each melody.' },
  continuations: { title: 'Continuations', blurb: 'The melody model plays on from each melody’s end.' },
  transpositions: { title: 'Transpositions', blurb: 'The same melody shifted by whole semitones.' },
};

export function MelodiesPanel({
  api,
  form,
  update,
  job,
  pick,
}: {
  api: AtelierApi;
  form: MelodiesForm;
  update: (patch: Partial<MelodiesForm>) => void;
  job: DatasetJob<DatasetsAugmentMidiInput, DatasetsAugmentResult>;
  pick: ((set: (path: string) => void) => void) | null;
}): ReactElement {
  const [page, setPage] = useState<Record<string, string>>({});
  const problems = shownProblems(page, job.error);
  const change = (patch: Partial<MelodiesForm>): void => {
    setPage({});
    job.clearError();
    update(patch);
  };
  const run = (): void => {
    const f = seedForRun(form);
    if (f !== form) update({ seed: f.seed });
    const checked = checkMelodies(f);
    if (!checked.ok) return setPage(checked.problems);
    setPage({});
    job.run(checked.request);
  };
  const toggle = (m: MidiAugmentMethod, on: boolean): void =>
    change({
      methods: on ? [...form.methods.filter((x) => x !== m), m] : form.methods.filter((x) => x !== m),
    });
  return (
    <div className="datasets-body">
      <form
        className="datasets-form"
        data-testid="datasets-melodies-form"
        onSubmit={(e) => (e.preventDefault(), run())}
      >
        <PathField
          id="melodies-input"
          label="Input folder"
          placeholder="/home/you/music/tunes"
          hint=".mid files, optionally in label folders (and a held-out test/)."
          value={form.input}
          problem={problems.input}
          onChange={(input) => change({ input })}
          onPick={pick ? () => pick((input) => change({ input })) : null}
        />
        <PathField
          id="melodies-out"
          label="Output folder"
          placeholder="/home/you/music/tunes-augmented"
          value={form.out}
          problem={problems.out}
          onChange={(out) => change({ out })}
          onPick={pick ? () => pick((out) => change({ out })) : null}
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
        <div className="field-pair">
          <TextField
            id="melodies-k"
            label="k per method"
            hint="New melodies per source and method."
            numeric
            value={form.k}
            problem={problems.k}
            onChange={(k) => change({ k })}
          />
          <TextField
            id="melodies-near-duplicate"
            label="Near-duplicate"
            hint="Drop melodies closer than this (0 = keep all)."
            numeric
            value={form.nearDuplicate}
            problem={problems.nearDuplicate}
            onChange={(nearDuplicate) => change({ nearDuplicate })}
          />
        </div>
        <SeedField
          id="melodies"
          seed={form.seed}
          locked={form.locked}
          problem={problems.seed}
          onSeed={(seed) => change({ seed })}
          onLock={(locked) => change({ locked })}
        />
        <JobBar
          id="melodies"
          runLabel="Augment melodies"
          phase={job.phase}
          fraction={job.fraction}
          message={job.message}
          stopping={job.stopping}
          error={job.error}
          problems={problems}
          fieldShown={
            fieldShown(job.error, [...FIELDS, 'params']) || Boolean(job.error?.field?.startsWith('params.'))
          }
          onRun={run}
          onCancel={job.cancel}
          onResume={job.resume}
        />
      </form>
      <div className="datasets-output">
        {job.result && job.request ? (
          <AugmentResult api={api} id="melodies" out={job.request.out} result={job.result} noSamples />
        ) : (
          <div className="datasets-intro muted">
            Makes new melodies from each one in the folder with the methods ticked, k of each, into a folder
            with a manifest and a card.
          </div>
        )}
      </div>
    </div>
  );
}
