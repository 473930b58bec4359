import { describe, expect, it } from 'vitest';
import {
  continueInput,
  CURRENT_ROLL,
  generateInput,
  initialForm,
  interpolateInput,
  parseNumber,
  patchSection,
  RULES,
  seedForRun,
  variationsInput,
  type MelodyForm,
} from './form';
import type { Meter } from '../../../preload/melody';
import { NO_LOCK, type Lock } from './lock';

const note = { pitch: 60, start: 0, duration: 1, velocity: 96 };

/** The form as a run reads it: with the clip's lock (none unless given) and meter (4/4 unless given). */
const run = (f: MelodyForm, lock: Lock = NO_LOCK, meter: Meter = [4, 4]) => ({ ...f, ...lock, meter });

describe('parseNumber', () => {
  it('accepts numbers in range and says what is wrong otherwise', () => {
    expect(parseNumber('4', RULES.bars)).toEqual({ ok: true, value: 4 });
    expect(parseNumber(' 64 ', RULES.bars)).toEqual({ ok: true, value: 64 });
    expect(parseNumber('65', RULES.bars)).toEqual({
      ok: false,
      message: 'must be a whole number from 1 to 64',
    });
    expect(parseNumber('2.5', RULES.bars).ok).toBe(false);
    expect(parseNumber('', RULES.bars).ok).toBe(false);
    expect(parseNumber('abc', RULES.count).ok).toBe(false);
    expect(parseNumber('97.5', RULES.bpm)).toEqual({ ok: true, value: 97.5 });
    expect(parseNumber('301', RULES.bpm).ok).toBe(false);
  });
});

describe('defaults', () => {
  it('match the studio spec', () => {
    const f = initialForm(5);
    expect(f.generate).toMatchObject({ bars: '4', count: '4', temperature: 1 });
    expect(f.continue.bars).toBe('4');
    expect(f.variations.amount).toBe(0.5);
    expect(f.interpolate).toMatchObject({ steps: '5', temperature: 0, a: CURRENT_ROLL });
    expect(f.seed).toBe('5');
  });
});

describe('patchSection', () => {
  it('changes only the named fields of one tab', () => {
    const f = initialForm(7);
    const next = patchSection(f, 'generate', { bars: '8' });
    expect(next.generate).toEqual({ ...f.generate, bars: '8' });
    expect(next.continue).toBe(f.continue);
    expect(next.seed).toBe('7');
    expect(f.generate.bars).toBe('4');
  });
});

describe('seedForRun', () => {
  it('draws a fresh seed unless locked; a locked seed must be valid', () => {
    expect(seedForRun({ seed: '12', seedLocked: false }, () => 99)).toEqual({ ok: true, value: 99 });
    expect(seedForRun({ seed: '12', seedLocked: true }, () => 99)).toEqual({ ok: true, value: 12 });
    expect(seedForRun({ seed: '-1', seedLocked: true }, () => 99).ok).toBe(false);
  });
});

describe('inputs', () => {
  it('generate: bars, count, sampling', () => {
    const f = run(initialForm(1), { key: 'D', scale: 'dorian' });
    expect(generateInput(f, 42)).toEqual({
      ok: true,
      input: {
        meter: '4/4',
        bars: 4,
        count: 4,
        form: 'repeat',
        seed: 42,
        temperature: 1,
        key: 'D',
        scale: 'dorian',
      },
    });
    // Coherence is the melody VAE's: sent only when Generate runs one (the LSTM gets the form).
    const vae = generateInput(f, 42, true);
    expect(vae).toMatchObject({ ok: true, input: { coherence: 0.6 } });
    expect(vae.ok && 'form' in vae.input).toBe(false);
    const through = generateInput({ ...f, generate: { ...f.generate, form: 'through' } }, 42);
    expect(through).toMatchObject({ ok: true, input: { form: 'through' } });
    const bad = generateInput({ ...f, generate: { ...f.generate, bars: '0' } }, 42);
    expect(bad).toMatchObject({ ok: false, field: 'bars' });
    expect(bad.ok ? '' : bad.message).toMatch(/^Bars must be/);
  });

  it('continue: needs notes, bars 1–32, count 1–4', () => {
    const f = run(initialForm(1));
    expect(continueInput(f, 1, [])).toMatchObject({ ok: false, field: 'notes' });
    expect(continueInput({ ...f, continue: { ...f.continue, bars: '33' } }, 1, [note])).toMatchObject({
      ok: false,
      field: 'bars',
    });
    expect(continueInput({ ...f, continue: { ...f.continue, count: '5' } }, 1, [note])).toMatchObject({
      ok: false,
      field: 'count',
    });
    expect(continueInput(f, 1, [note])).toMatchObject({
      ok: true,
      input: { notes: [note], meter: '4/4', bars: 4, count: 2 },
    });
  });

  it('generate and continue write in the clip’s meter, as the models name it', () => {
    const waltz = run(initialForm(1), NO_LOCK, [3, 4]);
    expect(generateInput(waltz, 1)).toMatchObject({ ok: true, input: { meter: '3/4', bars: 4 } });
    expect(continueInput(run(initialForm(1), NO_LOCK, [6, 8]), 1, [note])).toMatchObject({
      ok: true,
      input: { meter: '6/8' },
    });
    expect(generateInput(run(initialForm(1), NO_LOCK, [9, 8]), 1)).toMatchObject({ input: { meter: '9/8' } });
  });

  it('a meter the models do not know is refused, saying which they know', () => {
    const reason = 'The melody models write 4/4, 2/2, 2/4, 3/4, 6/8 and 9/8; this clip is in 12/8.';
    const slow = run(initialForm(1), NO_LOCK, [12, 8]);
    expect(generateInput(slow, 1)).toEqual({ ok: false, field: 'meter', message: reason });
    expect(continueInput(slow, 1, [note])).toEqual({ ok: false, field: 'meter', message: reason });
    expect(generateInput(run(initialForm(1), NO_LOCK, [5, 4]), 1)).toMatchObject({
      message: expect.stringMatching(/this clip is in 5\/4\.$/),
    });
    // The VAE's tabs are not told a meter.
    expect(variationsInput(slow, 1, [note])).toMatchObject({ ok: true });
  });

  it('variations: needs notes; amount and temperature pass through', () => {
    const f = run(initialForm(1));
    expect(variationsInput(f, 1, [])).toMatchObject({ ok: false });
    expect(variationsInput(f, 3, [note])).toMatchObject({
      ok: true,
      input: { amount: 0.5, count: 4, seed: 3 },
    });
  });

  it('interpolate: both ends must resolve to notes; steps 2–16', () => {
    const f = {
      ...run(initialForm(1)),
      interpolate: { a: CURRENT_ROLL, b: 'x', steps: '3', mode: 'linear' as const, temperature: 0 },
    };
    const resolve = (end: string) =>
      end === CURRENT_ROLL ? [note] : end === 'x' ? [{ ...note, pitch: 72 }] : null;
    expect(interpolateInput(f, 1, resolve)).toMatchObject({
      ok: true,
      input: { from: [note], to: [{ pitch: 72 }], steps: 3, mode: 'linear', temperature: 0 },
    });
    expect(interpolateInput({ ...f, interpolate: { ...f.interpolate, b: '' } }, 1, resolve)).toMatchObject({
      ok: false,
      field: 'b',
    });
    expect(interpolateInput(f, 1, () => [])).toMatchObject({ ok: false, field: 'a' });
    expect(
      interpolateInput({ ...f, interpolate: { ...f.interpolate, steps: '1' } }, 1, resolve),
    ).toMatchObject({
      ok: false,
      field: 'steps',
    });
  });

  it('every tab runs with the clip’s lock: the form holds none of its own', () => {
    const f = initialForm(1);
    expect(f).not.toHaveProperty('key');
    expect(f).not.toHaveProperty('scale');
    const g = run(f, { key: 'G', scale: 'major' });
    const lock = { key: 'G', scale: 'major' };
    expect(generateInput(g, 1)).toMatchObject({ ok: true, input: lock });
    expect(continueInput(g, 1, [note])).toMatchObject({ ok: true, input: lock });
    expect(variationsInput(g, 1, [note])).toMatchObject({ ok: true, input: lock });
    const both = { ...g, interpolate: { ...g.interpolate, a: CURRENT_ROLL, b: CURRENT_ROLL } };
    expect(interpolateInput(both, 1, () => [note])).toMatchObject({ ok: true, input: lock });
  });
});
