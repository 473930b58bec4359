import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../../preload/contract';
import type { Meter } from '../../../preload/melody';
import { modelStatus } from '../shell/testing';
import { initialForm, type MelodyTab } from './form';
import { ModelPanel } from './ModelPanel';
import type { LatentSliders } from './useLatentSliders';
import { useMelodyModels } from './useMelodyModels';
import type { Takes } from './useTakes';

const MODELS: ModelStatus[] = [
  modelStatus('melody-rnn', {
    name: 'Melody LSTM',
    task: 'melody-rnn',
    melody: { pitchMin: 36, pitchMax: 96 },
  }),
  modelStatus('melody-vae', {
    name: 'Melody VAE',
    task: 'melody-vae',
    family: 'vae',
    melody: { pitchMin: 36, pitchMax: 96, bars: 4, dim: 64 },
  }),
];

const takes: Takes = {
  runs: {},
  busy: null,
  scrub: 0,
  setScrub: () => {},
  run: async () => {},
  use: async () => {},
};

const latent: LatentSliders = {
  latent: null,
  clear: () => {},
  sliders: 8,
  shares: [],
  encoding: false,
  decoding: false,
  previewing: false,
  stale: false,
  encode: () => {},
  onSlider: () => {},
  onTemperature: () => {},
  apply: () => {},
  reset: () => {},
};

/**
 * The model panel as the studio wires it: the tab's problem and whether it can run, from the models,
 * the clip's meter and the model picked for Generate.
 */
function Panel({
  tab,
  meter,
  models = MODELS,
  generateModel = 'melody-rnn',
}: {
  tab: MelodyTab;
  meter: Meter;
  models?: ModelStatus[];
  generateModel?: string;
}): ReactElement {
  const form = initialForm(7);
  const m = useMelodyModels({
    models,
    modelsState: 'loaded',
    onRetryModels: () => {},
    meter,
    tab,
    generateModel,
  });
  return (
    <ModelPanel
      tab={tab}
      onTab={() => {}}
      form={{ ...form, generate: { ...form.generate, model: generateModel } }}
      setForm={() => {}}
      meter={meter}
      generators={m.generators}
      generateModel={m.modelFor('generate')}
      generateIsVae={m.generateIsVae}
      problem={m.blocker ?? m.problem(tab)}
      disabled={!m.usable(tab)}
      selected={0}
      rollNotes={3}
      records={[]}
      lock={{ key: 'C', scale: 'chromatic', source: 'set' }}
      onLock={() => {}}
      takes={takes}
      latent={latent}
      auditioning={null}
      onRun={() => {}}
      onAuditionTake={() => {}}
    />
  );
}

const render = (tab: MelodyTab, meter: Meter, models?: ModelStatus[], generateModel?: string): string =>
  renderToStaticMarkup(<Panel tab={tab} meter={meter} models={models} generateModel={generateModel} />);

/** The opening tag of the element with a test id, or null. */
const tagOf = (html: string, id: string): string | null =>
  new RegExp(`<[a-z]+[^>]*data-testid="${id}"[^>]*>`).exec(html)?.[0] ?? null;
const disabled = (html: string, id: string): boolean => /\sdisabled=""/.test(tagOf(html, id)!);
/** The text of the model problem callout, or null when there is none. */
const problemText = (html: string): string | null =>
  /data-testid="melody-model-error">([^<]*)</.exec(html)?.[1] ?? null;

describe('Generate and Continue in the clip’s meter', () => {
  const reason = 'The melody models write 4/4, 2/2, 2/4, 3/4, 6/8 and 9/8; this clip is in 12/8.';

  it('in 12/8 both are off, saying why in words', () => {
    for (const tab of ['generate', 'continue'] as const) {
      const html = render(tab, [12, 8]);
      expect(disabled(html, `melody-${tab}`)).toBe(true);
      expect(problemText(html)).toBe(reason);
    }
  });

  it('the melody VAE’s tabs still run in 12/8', () => {
    const html = render('variations', [12, 8]);
    expect(disabled(html, 'melody-variations')).toBe(false);
    expect(problemText(html)).toBeNull();
  });

  it('in 3/4 Generate runs, its bars are bars of 3/4', () => {
    const html = render('generate', [3, 4]);
    expect(disabled(html, 'melody-generate')).toBe(false);
    expect(problemText(html)).toBeNull();
    expect(html).toContain('Bars of 3/4: 3 beats each.');
    expect(render('continue', [6, 8])).toContain('Bars of 6/8: 3 beats each.');
    expect(render('generate', [9, 8])).toContain('Bars of 9/8: 4.5 beats each.');
  });

  it('Generate runs the melody LSTM unless the melody VAE is picked; Coherence only for the VAE', () => {
    const lstm = render('generate', [4, 4]);
    expect(tagOf(lstm, 'melody-generate-model')).not.toBeNull();
    expect(lstm).toMatch(/<option value="melody-rnn" selected="">Melody LSTM<\/option>/);
    expect(lstm).toContain('<option value="melody-vae">Melody VAE</option>');
    expect(tagOf(lstm, 'melody-coherence')).toBeNull();
    const vae = render('generate', [4, 4], MODELS, 'melody-vae');
    expect(tagOf(vae, 'melody-coherence')).not.toBeNull();
    expect(disabled(vae, 'melody-generate')).toBe(false);
  });

  it('the melody VAE writes 4/4 bars only: in 3/4 Generate is off and says to pick the LSTM', () => {
    const html = render('generate', [3, 4], MODELS, 'melody-vae');
    expect(disabled(html, 'melody-generate')).toBe(true);
    expect(problemText(html)).toBe(
      '“Melody VAE” writes phrases of 4/4 bars; this clip is in 3/4: pick the melody LSTM to generate in it.',
    );
    // The picker stays on, so the LSTM can be picked back.
    expect(disabled(html, 'melody-generate-model')).toBe(false);
  });

  it('with one generator there is nothing to pick', () => {
    expect(tagOf(render('generate', [4, 4], [MODELS[0]!]), 'melody-generate-model')).toBeNull();
  });
});
