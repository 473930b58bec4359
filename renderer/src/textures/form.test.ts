import { describe, expect, it } from 'vitest';
import type { Generation } from '../../../preload/contract';
import {
  buildTextureParams,
  clamp01,
  formFromGeneration,
  initialForm,
  parseNumberText,
  resolveSize,
  sizeFields,
  sizeProblem,
  sizeWarning,
  withSizeChoice,
  type TextureForm,
} from './form';

const ctx = { modelId: 'texture', seed: 7, defaultStyle: 'marble' };
const base: TextureForm = { ...initialForm(123), style: 'bark' };

describe('buildTextureParams', () => {
  it('builds the params from the form, without blend when none is chosen', () => {
    const p = buildTextureParams(base, ctx);
    expect(p).toEqual({ model: 'texture', seed: 7, size: 512, style: 'bark', scale: 1 });
    expect('blend' in p).toBe(false);
  });

  it('includes blend only with a second style, amount clamped to 0..1', () => {
    expect(buildTextureParams({ ...base, blendStyle: 'moss', blendAmount: 0.25 }, ctx).blend).toEqual({
      style: 'moss',
      amount: 0.25,
    });
    expect(buildTextureParams({ ...base, blendStyle: 'moss', blendAmount: 3 }, ctx).blend).toEqual({
      style: 'moss',
      amount: 1,
    });
    expect(buildTextureParams({ ...base, blendStyle: '', blendAmount: 0.9 }, ctx).blend).toBeUndefined();
  });

  it('falls back to the default style and passes the scale', () => {
    const p = buildTextureParams({ ...base, style: '', scale: 4 }, ctx);
    expect(p.style).toBe('marble');
    expect(p.scale).toBe(4);
  });

  it('sends custom sizes as typed, without client-side validation', () => {
    expect(buildTextureParams({ ...base, sizeChoice: 'custom', customSize: '100' }, ctx).size).toBe(100);
    expect(buildTextureParams({ ...base, sizeChoice: 'custom', customSize: '3000' }, ctx).size).toBe(3000);
    expect(buildTextureParams({ ...base, sizeChoice: 'custom', customSize: '300.5' }, ctx).size).toBe(300.5);
    expect(buildTextureParams({ ...base, sizeChoice: 'custom', customSize: '' }, ctx).size).toBeNaN();
  });

  it('uses presets when chosen, ignoring the custom text', () => {
    expect(buildTextureParams({ ...base, sizeChoice: '2048', customSize: '100' }, ctx).size).toBe(2048);
  });
});

describe('size helpers', () => {
  it('parseNumberText', () => {
    expect(parseNumberText(' 768 ')).toBe(768);
    expect(parseNumberText('')).toBeNaN();
    expect(parseNumberText('abc')).toBeNaN();
  });

  it('resolveSize', () => {
    expect(resolveSize({ sizeChoice: '1024', customSize: '' })).toBe(1024);
    expect(resolveSize({ sizeChoice: 'custom', customSize: '640' })).toBe(640);
  });

  it('sizeFields maps presets to the select and others to custom', () => {
    expect(sizeFields(256)).toEqual({ sizeChoice: '256', customSize: '' });
    expect(sizeFields(768)).toEqual({ sizeChoice: 'custom', customSize: '768' });
  });

  it('entering custom pre-fills the current preset, but keeps typed text', () => {
    expect(withSizeChoice({ ...base, sizeChoice: '1024' }, 'custom')).toMatchObject({
      sizeChoice: 'custom',
      customSize: '1024',
    });
    expect(withSizeChoice({ ...base, customSize: '100' }, 'custom').customSize).toBe('100');
    expect(withSizeChoice({ ...base, sizeChoice: 'custom', customSize: '100' }, '256')).toMatchObject({
      sizeChoice: '256',
      customSize: '100',
    });
  });

  it('clamp01', () => {
    expect(clamp01(-1)).toBe(0);
    expect(clamp01(0.4)).toBe(0.4);
    expect(clamp01(Number.NaN)).toBe(0);
  });
});

describe('formFromGeneration', () => {
  const gen = (params: Record<string, unknown>, extra: Partial<Generation> = {}): Generation => ({
    id: 'abcdef12-0000',
    kind: 'texture',
    createdAt: 1_700_000_000_000,
    modelId: 'texture',
    modelSha256: 'x',
    provider: 'cpu',
    seed: 99,
    params,
    parentId: null,
    durationMs: 1200,
    width: 768,
    height: 768,
    title: 'Bark',
    ...extra,
  });

  it('fills every parameter from the stored record', () => {
    const f = formFromGeneration(
      gen({ seed: 99, size: 768, style: 'moss', scale: 2, blend: { style: 'bark', amount: 0.3 } }),
      { ...base, seedLocked: true },
    );
    expect(f).toMatchObject({
      style: 'moss',
      blendStyle: 'bark',
      blendAmount: 0.3,
      scale: 2,
      seedText: '99',
      sizeChoice: 'custom',
      customSize: '768',
      seedLocked: true,
    });
  });

  it('clears a previous blend and maps preset sizes back to the select', () => {
    const f = formFromGeneration(gen({ seed: 5, size: 1024, style: 'moss', scale: 1 }), {
      ...base,
      blendStyle: 'bark',
    });
    expect(f.blendStyle).toBe('');
    expect(f.sizeChoice).toBe('1024');
    expect(f.seedText).toBe('5');
  });

  it('leaves the controls alone for a generation of another kind (a latent point)', () => {
    const prev = { ...base, style: 'moss', scale: 2 as const, seedText: '77' };
    const latent = gen(
      { model: 'glyphs', point: [0.1, 0.2], view: { kind: 'text', text: 'Hi' } },
      {
        kind: 'latent',
        width: 128,
        height: 64,
        seed: 0,
      },
    );
    expect(formFromGeneration(latent, prev)).toBe(prev);
  });

  it('round-trips: the params built from an opened generation replay it', () => {
    const stored = { model: 'texture', seed: 4242, size: 2048, style: 'marble', scale: 4 };
    const f = formFromGeneration(gen(stored, { seed: 4242 }), initialForm(1));
    expect(buildTextureParams(f, { modelId: 'texture', seed: 4242, defaultStyle: 'x' })).toEqual(stored);
  });

  it('survives malformed params', () => {
    const f = formFromGeneration(gen({ size: 'big', scale: 3, blend: 'no' }), base);
    expect(f.style).toBe('bark');
    expect(f.scale).toBe(1);
    expect(f.blendStyle).toBe('');
    expect(f.sizeChoice).toBe('custom');
    expect(f.customSize).toBe('768');
    expect(f.seedText).toBe('99');
  });
});

describe('sizeProblem (the contract’s limits, before any call)', () => {
  const custom = (customSize: string) => ({ sizeChoice: 'custom' as const, customSize });

  it('accepts every preset and a valid custom size', () => {
    for (const p of ['256', '512', '1024', '2048'] as const)
      expect(sizeProblem({ sizeChoice: p, customSize: '' })).toBeNull();
    expect(sizeProblem(custom('640'))).toBeNull();
    expect(sizeProblem(custom(' 2048 '))).toBeNull();
  });

  it('says why an empty, unreadable or out-of-range custom size cannot be sent', () => {
    expect(sizeProblem(custom(''))).toBe('The custom size must not be empty.');
    expect(sizeProblem(custom('  '))).toBe('The custom size must not be empty.');
    expect(sizeProblem(custom('abc'))).toBe('The size must be a number.');
    expect(sizeProblem(custom('300.5'))).toBe('The size must be a whole number of pixels.');
    expect(sizeProblem(custom('100'))).toBe('The size must be at least 256 px.');
    expect(sizeProblem(custom('4096'))).toBe('The size must be at most 2048 px.');
    expect(sizeProblem(custom('300'))).toBe('The size must be a multiple of 64 px.');
  });
});

describe('sizeWarning', () => {
  it('warns before sizes past 1024 px on the CPU only', () => {
    expect(sizeWarning({ sizeChoice: '2048', customSize: '' }, 'cpu')).toBe(
      '2048 × 2048 is 16× the pixels of 512 × 512: on the CPU it can take minutes (Cancel stops it).',
    );
    expect(sizeWarning({ sizeChoice: 'custom', customSize: '1536' }, 'cpu')).toMatch(/^1536 × 1536 is 9×/);
    expect(sizeWarning({ sizeChoice: '1024', customSize: '' }, 'cpu')).toBeNull();
    expect(sizeWarning({ sizeChoice: '2048', customSize: '' }, 'cuda')).toBeNull();
    expect(sizeWarning({ sizeChoice: '2048', customSize: '' }, null)).toBeNull();
    expect(sizeWarning({ sizeChoice: 'custom', customSize: '5000' }, 'cpu')).toBeNull();
  });
});
