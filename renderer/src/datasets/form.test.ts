import { describe, expect, it } from 'vitest';
import { checkBenchmark, checkEvaluate, checkGlyphs, checkImages, checkMelodies } from './checks';
import { DEFAULT_FORMS, restoreForms } from './form';

const images = { ...DEFAULT_FORMS.images, input: '/data/in', out: '/data/out' };

describe('checkImages', () => {
  it('makes the request from a clean form, classic params included', () => {
    const r = checkImages({ ...images, k: '8', seed: '42' });
    expect(r).toEqual({
      ok: true,
      request: {
        input: '/data/in',
        out: '/data/out',
        method: 'classic',
        params: {
          flip: 0.5,
          crop: { scale: [0.6, 1], ratio: [3 / 4, 4 / 3] },
          jitter: { brightness: 0.2, contrast: 0.2, saturation: 0.2 },
        },
        k: 8,
        seed: 42,
        layout: 'beside',
        nearDuplicate: 0,
      },
    });
  });

  it('refuses a relative path with a sentence naming the field, and nothing else', () => {
    const r = checkImages({ ...images, input: 'photos/cats' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.problems)).toEqual(['input']);
    expect(r.problems.input).toMatch(/^The input folder must be an absolute path .*"photos\/cats"\.$/);
  });

  it('names every bad field: missing output, k, seed, a parameter out of range', () => {
    const r = checkImages({
      ...images,
      out: ' ',
      k: '0',
      seed: '1.5',
      params: { ...images.params, classic: { ...images.params.classic, flip: '2' } },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual({
      out: 'The output folder is missing: type its full path.',
      k: 'k must be from 1 to 64.',
      seed: 'Seed must be a whole number.',
      'params.flip': 'Flip chance must be from 0 to 1.',
    });
  });

  it('checks only the chosen method’s params and sends them', () => {
    const r = checkImages({
      ...images,
      method: 'texture-resynthesis',
      params: { ...images.params, classic: { flip: 'nonsense' } },
    });
    expect(r.ok && r.request.params).toEqual({ patch: 32, overlap: 0.25 });
  });
});

describe('the other forms', () => {
  it('glyph sheet: font and output checked, spread in range', () => {
    expect(checkGlyphs({ ...DEFAULT_FORMS.glyphs, font: '/f.ttf', out: '/o' })).toEqual({
      ok: true,
      request: { font: '/f.ttf', out: '/o', k: 4, seed: 1, spread: 0.7 },
    });
    const bad = checkGlyphs({ ...DEFAULT_FORMS.glyphs, font: 'f.ttf', out: '/o', spread: '4' });
    expect(!bad.ok && Object.keys(bad.problems)).toEqual(['font', 'spread']);
  });

  it('melodies: methods in contract order, only their params sent', () => {
    const r = checkMelodies({
      ...DEFAULT_FORMS.melodies,
      input: '/m',
      out: '/o',
      methods: ['transpositions', 'continuations'],
    });
    expect(r.ok && r.request.methods).toEqual(['continuations', 'transpositions']);
    expect(r.ok && r.request.params).toEqual({ temperature: 0.9, bars: 4, semitones: [-5, -2, 2, 5] });
    const none = checkMelodies({ ...DEFAULT_FORMS.melodies, input: '/m', out: '/o', methods: [] });
    expect(!none.ok && none.problems.methods).toBe('Choose at least one method.');
    const semis = checkMelodies({
      ...DEFAULT_FORMS.melodies,
      input: '/m',
      out: '/o',
      params: { ...DEFAULT_FORMS.melodies.params, semitones: '3, 13' },
    });
    expect(!semis.ok && semis.problems['params.semitones']).toBe(
      'Semitones must be whole numbers from -12 to 12.',
    );
  });

  it('evaluate: seeds as a list, at most ten', () => {
    const f = { ...DEFAULT_FORMS.evaluate, input: '/in', augmented: '/out' };
    expect(checkEvaluate({ ...f, seeds: '1, 2', steps: '40' })).toEqual({
      ok: true,
      request: { input: '/in', augmented: '/out', seeds: [1, 2], steps: 40, side: 16 },
    });
    const many = checkEvaluate({ ...f, seeds: '1 2 3 4 5 6 7 8 9 10 11' });
    expect(!many.ok && many.problems.seeds).toBe('Seeds must list at most 10 values.');
    expect(checkEvaluate({ ...f, seeds: 'a' }).ok).toBe(false);
  });

  it('benchmark: ks from 1 to 8', () => {
    expect(checkBenchmark(DEFAULT_FORMS.benchmark)).toEqual({
      ok: true,
      request: { ks: [1, 3, 5], augmentK: 4, seeds: [1, 2, 3], steps: 300 },
    });
    const bad = checkBenchmark({ ...DEFAULT_FORMS.benchmark, ks: '1, 9', augmentK: '17' });
    expect(!bad.ok && bad.problems).toEqual({
      ks: 'k values must be whole numbers from 1 to 8.',
      augmentK: 'Synthetic per image must be from 1 to 16.',
    });
  });
});

describe('restoreForms', () => {
  it('lays what was kept over the defaults, dropping values of the wrong type or choice', () => {
    const f = restoreForms({
      tab: 'evaluate',
      images: { input: '/kept', k: 5, method: 'paint', params: { classic: { flip: '0.9' } } },
      melodies: { methods: ['variations', 'drums'] },
      evaluate: { side: '64' },
    });
    expect(f.tab).toBe('evaluate');
    expect(f.images.input).toBe('/kept');
    expect(f.images.k).toBe(DEFAULT_FORMS.images.k);
    expect(f.images.method).toBe('classic');
    expect(f.images.params.classic.flip).toBe('0.9');
    expect(f.images.params.classic.brightness).toBe('0.2');
    expect(f.melodies.methods).toEqual(['variations']);
    expect(f.evaluate.side).toBe('16');
  });

  it('falls back to the defaults for anything unreadable', () => {
    expect(restoreForms(undefined)).toEqual(DEFAULT_FORMS);
    expect(restoreForms('garbage')).toEqual(DEFAULT_FORMS);
    expect(restoreForms({ tab: 'nope' }).tab).toBe('images');
  });
});
