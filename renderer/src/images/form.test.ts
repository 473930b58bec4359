import { describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../../preload/contract';
import {
  CUSTOM_SIZE,
  checkForm,
  errorField,
  fieldSentence,
  firstError,
  initialForm,
  parseForm,
  promptNote,
  resolveSize,
  sizeChoice,
  sizeWarning,
  withModelDefaults,
  withSizeChoice,
  type ImageForm,
} from './form';

const model = (over: Partial<NonNullable<ModelStatus['image']>> = {}): ModelStatus => ({
  id: 'emoji',
  name: 'Emoji',
  family: 'diffusion',
  task: 'image',
  version: '1',
  ok: true,
  sha256: 'x',
  sizeBytes: 16_000_000,
  license: 'MIT',
  source: 'bundled',
  image: {
    kind: 'pixel',
    sizes: [32, 48, 64],
    defaultSize: 48,
    defaults: { steps: 30, guidance: 3, sampler: 'ddim' },
    img2img: true,
    ...over,
  },
});

const form = (over: Partial<ImageForm> = {}): ImageForm => ({ ...initialForm(7), prompt: 'a cat', ...over });

describe('checkForm', () => {
  it('turns a valid form into params (size from the model, seed parsed)', () => {
    const r = checkForm(form({ seed: '12', batch: '4', steps: '40' }), model(), null);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.params).toMatchObject({
      model: 'emoji',
      prompt: 'a cat',
      seed: 12,
      steps: 40,
      guidance: 3,
      sampler: 'ddim',
      width: 48,
      height: 48,
      batch: 4,
    });
    expect(r.params).not.toHaveProperty('init');
  });

  it('mirrors the contract limits field by field', () => {
    const bad = checkForm(
      form({
        steps: '0',
        guidance: '31',
        batch: '9',
        size: CUSTOM_SIZE,
        width: '30',
        height: '100',
        prompt: 'x'.repeat(1001),
      }),
      model(),
      null,
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors).toEqual({
      prompt: 'must be at most 1000 characters',
      steps: 'must be at least 1',
      guidance: 'must be at most 30',
      batch: 'must be at most 8',
      width: 'must be at least 32 px',
      height: 'must be a multiple of 8 px',
    });
    expect(firstError(bad.errors)).toBe('The prompt must be at most 1000 characters.');
    const frac = checkForm(form({ steps: '2.5', batch: '', guidance: 'x' }), model(), null);
    expect(frac.ok ? {} : frac.errors).toMatchObject({
      steps: 'must be a whole number',
      batch: 'must not be empty',
      guidance: 'must be a number',
    });
  });

  it('only checks the seed when it is locked (an unlocked run draws a fresh one)', () => {
    const unlocked = checkForm(form({ seed: 'abc' }), model(), null);
    expect(unlocked.ok && unlocked.params.seed).toBe(null);
    const locked = checkForm(form({ seed: '-1', seedLocked: true }), model(), null);
    expect(locked.ok ? null : locked.errors.seed).toBe('must be at least 0');
    const big = checkForm(form({ seed: String(2 ** 32), seedLocked: true }), model(), null);
    expect(big.ok).toBe(false);
  });

  it('checks img2img: strength range, model support, square size', () => {
    const init = { source: { generationId: 'abcdef12' } };
    const ok = checkForm(form({ strength: '0.5' }), model(), init);
    expect(ok.ok && ok.params).toMatchObject({ init: { generationId: 'abcdef12' }, strength: 0.5 });
    const low = checkForm(form({ strength: '0.01' }), model(), init);
    expect(low.ok ? null : low.errors.strength).toBe('must be at least 0.05');
    const no = checkForm(form(), model({ img2img: false }), init);
    expect(no.ok ? null : no.errors.init).toMatch(/cannot start from an image/);
    const wide = checkForm(form({ size: CUSTOM_SIZE, width: '64', height: '32' }), model(), init);
    expect(wide.ok ? null : wide.errors.init).toMatch(/square/);
  });

  it('needs a model', () => {
    const r = checkForm(form(), null, null);
    expect(r.ok ? null : r.errors.model).toBeDefined();
  });
});

describe('sizes', () => {
  it('resolves listed sizes, falls back to the default, and keeps custom sides', () => {
    expect(resolveSize(form({ size: '64' }), model())).toEqual({ width: '64', height: '64' });
    expect(resolveSize(form({ size: '512' }), model())).toEqual({ width: '48', height: '48' });
    expect(resolveSize(form({ size: '' }), model())).toEqual({ width: '48', height: '48' });
    expect(resolveSize(form({ size: CUSTOM_SIZE, width: '40', height: '56' }), model())).toEqual({
      width: '40',
      height: '56',
    });
    expect(sizeChoice(form({ size: '512' }), model())).toBe('48');
    expect(sizeChoice(form({ size: '32' }), model())).toBe('32');
  });
  it('takes a model’s defaults, keeping prompt and seed', () => {
    const f = withModelDefaults(
      form({ steps: '5', seed: '9' }),
      model({ defaults: { steps: 25, guidance: 7.5, sampler: 'euler' }, defaultSize: 64 }),
    );
    expect(f).toMatchObject({
      steps: '25',
      guidance: '7.5',
      sampler: 'euler',
      size: '64',
      seed: '9',
      prompt: 'a cat',
    });
  });
});

describe("the model's own size limits", () => {
  const limited = () => model({ maxSize: 192, maxPixelsPerJob: 73_728 });
  it('refuse a side past the model’s maximum, saying why, before anything is sent', () => {
    const r = checkForm(form({ size: CUSTOM_SIZE, width: '1024', height: '1024' }), limited(), null);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(firstError(r.errors)).toBe(
        'This model was trained at 48 px; it draws at most 192 px (asked 1024).',
      );
  });

  it('refuse more pixels × batch than the model’s budget, naming the batch', () => {
    const r = checkForm(
      form({ size: CUSTOM_SIZE, width: '192', height: '192', batch: '8' }),
      limited(),
      null,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.batch).toMatch(/At this size the batch can be at most 2\./);
    expect(
      checkForm(form({ size: CUSTOM_SIZE, width: '192', height: '192', batch: '2' }), limited(), null).ok,
    ).toBe(true);
  });
});

describe('custom sizes', () => {
  it('start from the model’s native size, not 512 px', () => {
    const picked = withModelDefaults(initialForm(1), model());
    expect(picked).toMatchObject({ size: '48', width: '48', height: '48' });
    const custom = withSizeChoice(picked, CUSTOM_SIZE, model());
    expect(custom).toMatchObject({ size: CUSTOM_SIZE, width: '48', height: '48' });
    expect(sizeWarning(custom, model())).toBe(null);
  });

  it('start from the listed size on show, and keep what was typed once custom', () => {
    const f = withSizeChoice(form({ size: '64' }), CUSTOM_SIZE, model());
    expect(f).toMatchObject({ width: '64', height: '64' });
    const typed = { ...f, width: '72' };
    expect(withSizeChoice(typed, CUSTOM_SIZE, model())).toEqual(typed);
    expect(withSizeChoice(typed, '32', model())).toMatchObject({ size: '32', width: '72' });
  });

  it('warn past twice the native side, saying roughly how much slower', () => {
    const at = (width: string, height: string) =>
      sizeWarning(form({ size: CUSTOM_SIZE, width, height }), model());
    expect(at('96', '96')).toBe(null);
    expect(at('512', '512')).toBe(
      "512 × 512 is 114× the pixels of this model's native 48 × 48: each image takes roughly 114× as long, and the model draws best at its own size.",
    );
    expect(at('104', '48')).toMatch(/^104 × 48 is 2× the pixels/);
    expect(at('x', '48')).toBe(null);
    expect(sizeWarning(form({ size: CUSTOM_SIZE, width: '512', height: '512' }), null)).toBe(null);
  });

  it('a custom size the contract refuses is an error (Generate is disabled with it)', () => {
    const r = checkForm(form({ size: CUSTOM_SIZE, width: '50', height: '48' }), model(), null);
    expect(r.ok ? null : firstError(r.errors)).toBe('The width must be a multiple of 8 px.');
    const empty = checkForm(form({ size: CUSTOM_SIZE, width: '', height: '48' }), model(), null);
    expect(empty.ok ? null : firstError(empty.errors)).toBe('The width must not be empty.');
  });
});

describe('prompt note', () => {
  it('says when the model will draw without words', () => {
    expect(promptNote(form({ prompt: '  ' }), model())).toBe(
      'The prompt is empty: the model will draw without words.',
    );
    expect(promptNote(form({ prompt: 'a cat' }), model())).toBe(null);
    const words = { vocab: ['', 'cat', 'red'], stopWords: ['a'], maxWords: 4 };
    expect(promptNote(form({ prompt: 'a zebra' }), model({ words }))).toBe(
      'The model knows none of these words: it will draw without words.',
    );
    expect(promptNote(form({ prompt: 'a red zebra' }), model({ words }))).toBe(null);
  });
});

describe('stored forms', () => {
  it('reads back what was stored and falls back field by field', () => {
    const fb = initialForm(1);
    expect(parseForm(null, fb)).toBe(fb);
    const f = parseForm({ prompt: 'owl', steps: 12, sampler: 'bogus', seedLocked: true }, fb);
    expect(f).toMatchObject({ prompt: 'owl', steps: fb.steps, sampler: fb.sampler, seedLocked: true });
    expect(parseForm(JSON.parse(JSON.stringify(form())), fb)).toEqual(form());
  });
});

describe('errors as sentences', () => {
  it('names the field of main’s and our messages', () => {
    expect(errorField('params.steps')).toBe('steps');
    expect(errorField('params.init.bytes')).toBe('init');
    expect(errorField('jobId')).toBe(null);
    expect(fieldSentence('steps', 'must be at least 1')).toBe('Steps must be at least 1.');
    expect(fieldSentence(null, 'The model crashed')).toBe('The model crashed.');
    expect(fieldSentence('steps', 'Something else entirely.')).toBe('Something else entirely.');
  });
});
