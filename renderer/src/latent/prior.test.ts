import { describe, expect, it } from 'vitest';
import { modelStatus } from '../shell/testing';
import type { LatentInfo } from './explorer';
import { formatNats, meterFill, nearestTarget, ordinal, priorFor, typicality, typicalityText } from './prior';

const latent = (dim = 3): LatentInfo => ({
  dim,
  width: 64,
  height: 64,
  channels: 1,
  ink: true,
  pca: { mean: new Array<number>(dim).fill(0), directions: [], variance: [] },
  reconThreshold: 0.02,
});
const prior = (id: string, forId: string, dim = 3, ok = true) =>
  modelStatus(id, {
    task: 'latent-prior',
    family: 'flow',
    ok,
    ...(ok ? {} : { error: 'file forward.onnx is missing' }),
    prior: { for: forId, dim, medianLogDensity: -30 },
  });

describe('priorFor', () => {
  it('finds the usable prior over the model on show, first by id', () => {
    const list = [
      modelStatus('glyphs'),
      prior('z-prior', 'glyphs'),
      prior('a-prior', 'glyphs'),
      prior('tex-prior', 'texture-vae'),
    ];
    expect(priorFor(list, 'glyphs', latent())?.id).toBe('a-prior');
    expect(priorFor(list, 'texture-vae', latent())?.id).toBe('tex-prior');
  });

  it('ignores broken priors, priors of another size and models without one', () => {
    expect(priorFor([prior('p', 'glyphs', 3, false)], 'glyphs', latent())).toBeNull();
    expect(priorFor([prior('p', 'glyphs', 24)], 'glyphs', latent(3))).toBeNull();
    expect(priorFor([prior('p', 'glyphs')], 'texture-vae', latent())).toBeNull();
    expect(priorFor(null, 'glyphs', latent())).toBeNull();
    expect(priorFor([prior('p', 'glyphs')], 'glyphs', undefined)).toBeNull();
  });
});

describe('typicality in words', () => {
  it('writes ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 42, 99.6].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '42nd',
      '100th',
    ]);
  });

  it('bands percentiles and says where the point stands among training styles', () => {
    expect([60, 20, 19.9, 5, 1, 0.2].map(typicality)).toEqual([
      'typical',
      'typical',
      'unusual',
      'unusual',
      'rare',
      'outside',
    ]);
    expect(typicalityText(42.4)).toBe('42nd percentile of training glyphs · a typical style');
    expect(typicalityText(0.1)).toBe('Below every training glyph · outside the training styles');
    expect(typicalityText(100)).toBe('Above every training glyph · a typical style');
    expect(typicalityText(7)).toBe('7th percentile of training glyphs · an unusual style');
  });

  it('fills the meter from the percentile, clamped', () => {
    expect(meterFill(50)).toBe(0.5);
    expect(meterFill(-3)).toBe(0);
    expect(meterFill(140)).toBe(1);
    expect(meterFill(Number.NaN)).toBe(0);
  });

  it('formats nats with a real minus sign', () => {
    expect(formatNats(-31.24)).toBe('−31.2 nats');
    expect(formatNats(2)).toBe('2.0 nats');
    expect(formatNats(Number.NEGATIVE_INFINITY)).toBe('—');
  });
});

describe('nearestTarget', () => {
  it('aims for the median from below it, then 20 percentiles more per press, never past 99', () => {
    expect(nearestTarget(3)).toBe(50);
    expect(nearestTarget(49.9)).toBe(50);
    expect(nearestTarget(55)).toBe(75);
    expect(nearestTarget(90)).toBe(99);
    expect(nearestTarget(99)).toBeNull();
    expect(nearestTarget(Number.NaN)).toBe(50);
  });
});
