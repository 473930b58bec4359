import { describe, expect, it } from 'vitest';
import { checkBenchmark, checkGlyphs, checkMelodies } from './checks';
import { DEFAULT_FORMS } from './form';
import { fieldShown, prepareRun } from './panel';

describe('fieldShown', () => {
  it('counts a parameter’s refusal as shown only where the form shows parameters', () => {
    const err = { code: 'invalid-input' as const, message: 'Steps is out of range.', field: 'params.steps' };
    expect(fieldShown(err, ['input', 'params'])).toBe(true);
    expect(fieldShown(err, ['input', 'out'])).toBe(false);
    expect(fieldShown({ ...err, field: 'paramsX' }, ['params'])).toBe(false);
    expect(fieldShown({ code: 'unsupported', message: 'm' }, ['params'])).toBe(false);
  });
});

describe('prepareRun', () => {
  const glyphs = { ...DEFAULT_FORMS.glyphs, font: '/f/a.ttf', out: '/o' };

  it('keeps a locked seed and sends the form as typed', () => {
    const { form, checked } = prepareRun(glyphs, checkGlyphs, () => 9);
    expect(form).toBe(glyphs);
    expect(checked).toEqual({
      ok: true,
      request: { font: '/f/a.ttf', out: '/o', k: 4, seed: 1, spread: 0.7 },
    });
  });

  it('draws a fresh seed when unlocked and checks the form with it', () => {
    const { form, checked } = prepareRun({ ...glyphs, locked: false, seed: 'x' }, checkGlyphs, () => 9);
    expect(form.seed).toBe('9');
    expect(checked.ok && checked.request.seed).toBe(9);
  });

  it('leaves a form without a seed alone', () => {
    const bench = DEFAULT_FORMS.benchmark;
    expect(prepareRun(bench, checkBenchmark, () => 9).form).toBe(bench);
  });

  it('lists the problems in the order of the form’s fields, parameters last', () => {
    const f = { ...DEFAULT_FORMS.melodies, methods: [], k: '0', out: 'rel' };
    const { checked } = prepareRun(f, checkMelodies, () => 9);
    expect(checked.ok ? [] : Object.keys(checked.problems)).toEqual(['input', 'out', 'methods', 'k']);
    const bad = { ...DEFAULT_FORMS.melodies, input: '/i', out: '/o', params: { semitones: '99' } };
    const second = prepareRun(bad, checkMelodies, () => 9).checked;
    expect(second.ok ? [] : Object.keys(second.problems)).toEqual(['params.semitones']);
  });
});
