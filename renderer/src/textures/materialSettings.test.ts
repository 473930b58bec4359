/** The material panel's pure settings: the light from a drag, roughness shaping, the sliders' table. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MATERIAL_FORM,
  lightDirection,
  lightFromPointer,
  shapedRoughness,
  withRoughness,
} from './materialSettings';
import { MAP_SLIDERS, PREVIEW_SLIDERS } from './materialSliders';

describe('material panel settings', () => {
  it('puts the light where the user points: up-left of centre lights from the top left', () => {
    const l = lightFromPointer(20, 20, 200, 200);
    expect(l.azimuth).toBe(135);
    const [x, y, z] = lightDirection(l.azimuth, l.elevation);
    expect(x).toBeLessThan(0);
    expect(y).toBeGreaterThan(0);
    expect(z).toBeGreaterThan(0);
    expect(lightFromPointer(100, 100, 200, 200).elevation).toBe(90);
    expect(Math.hypot(...lightDirection(30, 40))).toBeCloseTo(1, 9);
  });

  it('shapes roughness as main bakes it and keeps min ≤ max', () => {
    const s = { roughnessMin: 0.2, roughnessMax: 0.8, roughnessContrast: 2 };
    expect(shapedRoughness(0.5, s)).toBeCloseTo(0.5);
    expect(shapedRoughness(1, s)).toBeCloseTo(0.8);
    expect(shapedRoughness(0.3, s)).toBeCloseTo(0.2 + 0.6 * 0.1);
    const m = withRoughness(DEFAULT_MATERIAL_FORM.maps, 'min', 0.99);
    expect([m.roughnessMin, m.roughnessMax]).toEqual([0.99, 0.99]);
    const n = withRoughness(DEFAULT_MATERIAL_FORM.maps, 'max', 0.1);
    expect([n.roughnessMin, n.roughnessMax]).toEqual([0.1, 0.1]);
  });
});

describe('material panel sliders', () => {
  it('each reads back what it writes, and starts inside its range', () => {
    for (const s of [...MAP_SLIDERS, ...PREVIEW_SLIDERS]) {
      const v = s.get(DEFAULT_MATERIAL_FORM);
      expect(v, s.id).toBeGreaterThanOrEqual(s.min);
      expect(v, s.id).toBeLessThanOrEqual(s.max);
      const mid = s.min + Math.round((s.max - s.min) / 2 / s.step) * s.step;
      expect(s.get(s.set(DEFAULT_MATERIAL_FORM, mid)), s.id).toBeCloseTo(mid, 9);
    }
  });
});
