import { describe, expect, it } from 'vitest';
import {
  defaults,
  IMAGE_PARAMS,
  imageParams,
  MIDI_PARAMS,
  midiParams,
  paramProblem,
  paramProblems,
  parseList,
  shownParams,
} from './params';

describe('params', () => {
  it('has the defaults main documents', () => {
    expect(defaults(IMAGE_PARAMS['diffusion-img2img'])).toEqual({
      strength: '0.5',
      steps: '20',
      guidance: '5',
      prompt: '{label}',
    });
    expect(defaults(MIDI_PARAMS.continuations)).toEqual({ temperature: '0.9', bars: '4' });
  });

  it('builds each method’s params', () => {
    const classic = defaults(IMAGE_PARAMS.classic);
    expect(imageParams('classic', { ...classic, crop: 'false' })).toMatchObject({ crop: null });
    expect(imageParams('classic', { ...classic, cropMin: '0.9', cropMax: '0.7' })).toMatchObject({
      crop: { scale: [0.7, 0.9] },
    });
    expect(imageParams('vae-posterior', { temperature: '0.5' })).toEqual({ temperature: 0.5 });
    expect(imageParams('diffusion-img2img', { prompt: ' ' })).toEqual({
      strength: 0.5,
      steps: 20,
      guidance: 5,
      prompt: '{label}',
    });
    expect(midiParams(['variations', 'transpositions'], { spread: '1', semitones: '-3,3' })).toEqual({
      spread: 1,
      semitones: [-3, 3],
    });
  });

  it('checks the crop area only while the crop is on', () => {
    const classic = { ...defaults(IMAGE_PARAMS.classic), cropMin: '7' };
    expect(paramProblems(IMAGE_PARAMS.classic, classic)).toEqual({
      cropMin: 'Crop area min must be from 0.05 to 1.',
    });
    expect(paramProblems(IMAGE_PARAMS.classic, { ...classic, crop: 'false' })).toEqual({});
    expect(shownParams(IMAGE_PARAMS.classic, { crop: 'false' }).map((s) => s.key)).not.toContain('cropMin');
  });

  it('gives a sentence naming the field for a bad value', () => {
    const [steps] = IMAGE_PARAMS['diffusion-img2img'].filter((s) => s.key === 'steps');
    expect(paramProblem(steps!, '2.5')).toBe('Steps must be a whole number.');
    expect(paramProblem(steps!, '101')).toBe('Steps must be from 1 to 100.');
    expect(paramProblem(steps!, 'x')).toBe('Steps must be a number.');
    expect(paramProblem(steps!, '50')).toBeNull();
    expect(parseList('1, 2;3 4')).toEqual([1, 2, 3, 4]);
    expect(parseList('1, x')).toBeNull();
  });
});
