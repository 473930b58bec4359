/**
 * The studio's form with few-step models: picking SD-Turbo or an LCM sets its steps, guidance
 * and sampler and says what it is; picking an ordinary model keeps the user's values (or gives
 * back the ones set aside); values the model was not distilled for are refused with a sentence.
 */
import { describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../../preload/contract';
import {
  checkForm,
  firstError,
  initialForm,
  parseForm,
  withModelDefaults,
  withModelPicked,
  type ImageForm,
} from './form';
import { fewStepHint, fewStepLine, samplerChoices } from './fewStep';
import { imageModelDetail } from './models';

type Info = NonNullable<ModelStatus['image']>;
const model = (id: string, image: Partial<Info> = {}): ModelStatus => ({
  id,
  name: id,
  family: 'diffusion',
  task: 'image',
  version: 'imported',
  ok: true,
  sha256: 'x',
  sizeBytes: 2_000_000,
  license: 'see',
  source: 'imported',
  image: {
    kind: 'latent',
    sizes: [256, 512],
    defaultSize: 512,
    defaults: { steps: 25, guidance: 7.5, sampler: 'euler' },
    samplers: ['euler', 'ddim', 'euler-ancestral'],
    img2img: true,
    dtype: 'float32',
    ...image,
  },
});
const sd = model('sd15');
const turbo = model('sd-turbo', {
  defaults: { steps: 1, guidance: 0, sampler: 'euler-ancestral' },
  samplers: ['euler-ancestral', 'ddim', 'euler'],
  fewStep: {
    family: 'turbo',
    steps: { min: 1, max: 4 },
    guidance: { min: 0, max: 0 },
    summary: 'few-step: 1–4 steps, no guidance',
  },
  dtype: 'float16',
});
const lcm = model('lcm', {
  defaults: { steps: 4, guidance: 8.5, sampler: 'lcm' },
  samplers: ['lcm'],
  fewStep: {
    family: 'lcm',
    steps: { min: 2, max: 8 },
    guidance: { min: 1, max: 15 },
    summary: 'few-step (LCM): 2–8 steps, guidance 1–15',
  },
});
const mine = (): ImageForm => ({
  ...initialForm(3),
  prompt: 'a cat',
  steps: '40',
  guidance: '5',
  sampler: 'ddim',
});

describe('picking a model', () => {
  it('a few-step model sets its steps, guidance and sampler; going back restores the user’s', () => {
    const t = withModelPicked(mine(), turbo);
    expect(t).toMatchObject({
      steps: '1',
      guidance: '0',
      sampler: 'euler-ancestral',
      size: '512',
      prompt: 'a cat',
    });
    // Turbo → LCM → SD: the user's values come back, not a few-step model's.
    const l = withModelPicked(t, lcm);
    expect(l).toMatchObject({ steps: '4', guidance: '8.5', sampler: 'lcm' });
    const back = withModelPicked(l, sd);
    expect(back).toMatchObject({ steps: '40', guidance: '5', sampler: 'ddim' });
    expect(back.ordinary).toBeUndefined();
  });

  it('an ordinary model keeps the user’s values (its default sampler when it cannot use theirs)', () => {
    expect(withModelPicked(mine(), sd)).toMatchObject({ steps: '40', guidance: '5', sampler: 'ddim' });
    const emoji = model('emoji', {
      kind: 'pixel',
      samplers: ['ddim', 'euler'],
      defaults: { steps: 30, guidance: 3, sampler: 'ddim' },
    });
    expect(withModelPicked({ ...mine(), sampler: 'euler-ancestral' }, emoji).sampler).toBe('ddim');
  });

  it('an imported few-step model fills its defaults and keeps the ordinary values aside, across a reload', () => {
    const f = withModelDefaults(mine(), turbo);
    expect(f).toMatchObject({
      steps: '1',
      guidance: '0',
      ordinary: { steps: '40', guidance: '5', sampler: 'ddim' },
    });
    const stored = parseForm(JSON.parse(JSON.stringify(f)), initialForm(1));
    expect(withModelPicked(stored, sd)).toMatchObject({ steps: '40', guidance: '5', sampler: 'ddim' });
  });
});

describe('what the studio says and refuses', () => {
  it('names the kind in the model line and offers only the samplers the model can use', () => {
    expect(imageModelDetail(turbo)).toBe(
      'Latent diffusion (VAE) · fp16 · few-step: 1–4 steps, no guidance · img2img',
    );
    expect(imageModelDetail(sd)).toBe('Latent diffusion (VAE) · img2img');
    expect(fewStepLine(lcm)).toBe('few-step (LCM): 2–8 steps, guidance 1–15');
    expect(fewStepLine(sd)).toBeNull();
    expect(fewStepHint(turbo)).toBe(
      'Few-step: 1–4 steps, no guidance. Picking it set its own steps and guidance.',
    );
    expect(fewStepHint(sd)).toBeNull();
    expect(samplerChoices(lcm)).toEqual(['lcm']);
    expect(samplerChoices(null)).toEqual(['ddim', 'euler']);
  });

  it('refuses 50 steps or guidance 7.5 on Turbo and the DDIM sampler on an LCM, with a sentence', () => {
    const t = withModelPicked(mine(), turbo);
    const steps = checkForm({ ...t, steps: '50' }, turbo, null);
    expect(steps.ok).toBe(false);
    if (!steps.ok)
      expect(firstError(steps.errors)).toBe('Steps must be from 1 to 4 for this few-step model.');
    const g = checkForm({ ...t, guidance: '7.5' }, turbo, null);
    if (!g.ok)
      expect(firstError(g.errors)).toBe('Guidance must be 0: this few-step model draws without guidance.');
    expect(g.ok).toBe(false);
    const l = checkForm({ ...withModelPicked(mine(), lcm), sampler: 'ddim' }, lcm, null);
    if (!l.ok) expect(firstError(l.errors)).toBe('The sampler must be LCM (consistency) for this model.');
    expect(l.ok).toBe(false);
    const ok = checkForm(t, turbo, null);
    expect(ok.ok && ok.params).toMatchObject({ steps: 1, guidance: 0, sampler: 'euler-ancestral' });
    // An ordinary model takes any steps.
    expect(checkForm({ ...mine(), steps: '150' }, sd, null).ok).toBe(true);
  });
});
