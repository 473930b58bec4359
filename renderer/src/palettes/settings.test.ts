import { describe, expect, it } from 'vitest';
import { checkSettings, initialSettings, parseSettings, seedForRun } from './settings';

describe('settings', () => {
  it('checks the contract’s ranges and names each bad field', () => {
    expect(checkSettings(initialSettings(42))).toEqual({
      ok: true,
      value: { seed: 42, temperature: 1, count: 8 },
    });
    const bad = checkSettings({ seed: '-1', seedLocked: false, temperature: 'NaN', count: '33' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.seed).toMatch(/^Seed must be a whole number from 0 to 4294967295\.$/);
    expect(bad.errors.temperature).toBe('Temperature must be a number from 0 to 2.');
    expect(bad.errors.count).toBe('Candidates must be a whole number from 1 to 32.');
    const zero = checkSettings({ seed: '1.5', seedLocked: false, temperature: '', count: '0' });
    expect(zero.ok ? [] : Object.keys(zero.errors).sort()).toEqual(['count', 'seed', 'temperature']);
    expect(checkSettings({ seed: '0', seedLocked: true, temperature: '0', count: '1' }).ok).toBe(true);
    expect(checkSettings({ seed: '0', seedLocked: true, temperature: '2', count: '32' }).ok).toBe(true);
  });

  it('rolls a fresh seed per run unless the seed is locked', () => {
    const s = initialSettings(5);
    expect(seedForRun(s, () => 99).seed).toBe('99');
    const locked = { ...s, seedLocked: true };
    expect(seedForRun(locked, () => 99)).toBe(locked);
  });

  it('reads stored settings leniently', () => {
    const fallback = initialSettings(3);
    expect(parseSettings(null, fallback)).toBe(fallback);
    expect(parseSettings({ seed: '8', seedLocked: true, temperature: 0.5, count: '4' }, fallback)).toEqual({
      seed: '8',
      seedLocked: true,
      temperature: '1',
      count: '4',
    });
  });
});
