import { describe, expect, it, vi } from 'vitest';
import type { Generation } from '../../../preload/contract';
import { applyTargets, kindLabel, parseStrength, showRecolored, strengthText } from './apply';

const rec = (id: string, kind: Generation['kind'], createdAt: number): Generation =>
  ({
    id,
    kind,
    createdAt,
    modelId: 'm',
    modelSha256: '',
    provider: 'cpu',
    seed: 0,
    parentId: null,
    durationMs: 1,
    width: 64,
    height: 64,
    title: id,
    params: {},
  }) as Generation;

describe('the Apply to… picker', () => {
  it('merges the texture, image and latent lists newest first, each record once', () => {
    const textures = [rec('t2', 'texture', 5), rec('t1', 'texture', 1)];
    const images = [rec('i1', 'image', 3)];
    const latents = [rec('l1', 'latent', 4), rec('t2', 'texture', 5)];
    expect(applyTargets([textures, images, latents])!.map((g) => g.id)).toEqual(['t2', 'l1', 'i1', 't1']);
  });

  it('is null until a list answers, and shows the ones that did', () => {
    expect(applyTargets([null, null, null])).toBeNull();
    expect(applyTargets([null, [rec('i1', 'image', 3)], null])!.map((g) => g.id)).toEqual(['i1']);
    expect(applyTargets([[], [], []])).toEqual([]);
  });

  it('leaves out kinds without a picture', () => {
    expect(applyTargets([[rec('m', 'melody', 9), rec('p', 'palette', 8), rec('t', 'texture', 1)]])).toEqual([
      rec('t', 'texture', 1),
    ]);
  });

  it('names the kinds', () => {
    expect(kindLabel({ kind: 'texture' })).toBe('Texture');
    expect(kindLabel({ kind: 'image' })).toBe('Image');
    expect(kindLabel({ kind: 'latent' })).toBe('Latent point');
  });

  it('opens a recoloured texture or image in its studio, and sends a latent point to the canvas', () => {
    const open = vi.fn();
    const send = vi.fn();
    showRecolored(rec('t', 'texture', 1), { open, send });
    showRecolored(rec('i', 'image', 1), { open, send });
    showRecolored(rec('l', 'latent', 1), { open, send });
    expect(open.mock.calls.map((c) => (c[0] as Generation).id)).toEqual(['t', 'i']);
    expect(send.mock.calls.map((c) => (c[0] as Generation).id)).toEqual(['l']);
  });

  it('reads the strength slider as 0…1 in hundredths', () => {
    expect(parseStrength(0.456)).toBe(0.46);
    expect(parseStrength(-1)).toBe(0);
    expect(parseStrength(3)).toBe(1);
    expect(parseStrength(Number.NaN)).toBe(1);
    expect(strengthText(0.35)).toBe('35%');
  });
});
