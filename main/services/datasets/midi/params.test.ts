/** The MIDI augment's parameters: defaults, limits, and refusals naming the key. */
import { describe, expect, it } from 'vitest';
import { methodParams, parseMidiParams } from './params';

describe('parseMidiParams', () => {
  it('fills the defaults', () => {
    expect(parseMidiParams(undefined)).toEqual({
      spread: 0.7,
      temperature: 0.9,
      bars: 4,
      semitones: [-5, -2, 2, 5],
      keyLock: true,
    });
  });

  it('gives each method the keys it reads', () => {
    const p = parseMidiParams({ spread: 1.5, semitones: [7] });
    expect(methodParams(p, 'variations')).toEqual({ spread: 1.5, temperature: 0.9, keyLock: true });
    expect(methodParams(p, 'continuations')).toEqual({ bars: 4, temperature: 0.9, keyLock: true });
    expect(methodParams(p, 'transpositions')).toEqual({ semitones: [7] });
  });

  const bad: [unknown, string, RegExp][] = [
    [{ spread: 4 }, 'params.spread', /^Parameter "spread" must be from 0 to 3\.$/],
    [{ temperature: 0 }, 'params.temperature', /must be from 0\.1 to 2/],
    [{ bars: 2.5 }, 'params.bars', /whole number of bars/],
    [{ bars: 17 }, 'params.bars', /must be from 1 to 16/],
    [{ semitones: [13] }, 'params.semitones', /must be from -12 to 12/],
    [{ semitones: [] }, 'params.semitones', /at least one shift/],
    [{ semitones: 'up' }, 'params.semitones', /list of semitones/],
    [{ keyLock: 'yes' }, 'params.keyLock', /true or false/],
    [{ sprad: 1 }, 'params.sprad', /"sprad" is not one the MIDI augment takes/],
  ];
  it.each(bad)('refuses %j naming the key', (raw, field, message) => {
    try {
      parseMidiParams(raw);
      expect.unreachable();
    } catch (e) {
      expect((e as { field: string }).field).toBe(field);
      expect((e as Error).message).toMatch(message);
    }
  });
});
