/** The melody LSTM's conditioning: bar lengths per meter, the key signature's tonic, meter ids and refusals. */
import { describe, expect, it } from 'vitest';
import { AtelierError } from '../../../preload/contract';
import { formPlan, meterId, meterSteps, signatureTonic, type MelodyModel } from './lstm';

const model = (meters?: Record<string, number>): MelodyModel =>
  ({ id: 'm', manifest: { melody: { ...(meters ? { meters } : {}) } } }) as unknown as MelodyModel;

describe('meterSteps', () => {
  it('counts 16th notes in a bar of each meter', () => {
    expect(['4/4', '2/2', '2/4', '3/4', '6/8', '9/8'].map((m) => meterSteps(m as never))).toEqual([
      16, 16, 8, 12, 12, 18,
    ]);
  });
});

describe('signatureTonic', () => {
  it('is the major key with the same signature: modes and minor keys map to their relative major', () => {
    expect(signatureTonic('G', 'major')).toBe(7);
    expect(signatureTonic('E', 'minor')).toBe(7);
    expect(signatureTonic('A', 'dorian')).toBe(7);
    expect(signatureTonic('D', 'mixolydian')).toBe(7);
    expect(signatureTonic('F#', 'harmonic-minor')).toBe(9);
  });

  it('without a lock: the key the notes suggest, else the key field as a major key', () => {
    const dMajor = [62, 64, 66, 67, 69, 71, 73, 74].map((pitch, i) => ({
      pitch,
      start: i,
      duration: 1,
      velocity: 96,
    }));
    expect(signatureTonic('C', 'chromatic', dMajor)).toBe(2);
    expect(signatureTonic('A#', 'chromatic')).toBe(10);
    expect(signatureTonic('C', 'chromatic')).toBe(0);
  });
});

describe('meterId', () => {
  const ids = { '4/4': 0, '2/2': 0, '2/4': 1, '3/4': 2, '6/8': 3, '9/8': 4 };
  it('gives the graph id of each meter the manifest lists', () => {
    expect(meterId(model(ids), '6/8')).toBe(3);
    expect(meterId(model(ids), '2/2')).toBe(0);
  });

  it('refuses a meter the model does not list, naming the ones it writes, on the field "meter"', () => {
    const e = (() => {
      try {
        meterId(model({ '4/4': 0, '3/4': 1 }), '6/8');
      } catch (err) {
        return err as AtelierError;
      }
      throw new Error('not refused');
    })();
    expect(e).toBeInstanceOf(AtelierError);
    expect(e.field).toBe('meter');
    expect(e.message).toBe('Model "m" writes 4/4, 3/4; it cannot write 6/8.');
  });

  it('a model without meters is the 4/4-only LSTM: null for 16-step bars, a refusal otherwise', () => {
    expect(meterId(model(), '4/4')).toBeNull();
    expect(meterId(model(), '2/2')).toBeNull();
    expect(() => meterId(model(), '3/4')).toThrow(/writes 4\/4 only/);
  });
});

describe('formPlan', () => {
  it('16 bars: an 8-bar part, then it again with a new last bar', () => {
    expect(formPlan(16, 'repeat')).toEqual([{ draw: 8 }, { repeat: 8, from: 0 }]);
  });

  it('32 bars: A A′ B B′; 8 and 12 bars in 4-bar parts, the rest drawn freely', () => {
    expect(formPlan(32, 'repeat')).toEqual([
      { draw: 8 },
      { repeat: 8, from: 0 },
      { draw: 8 },
      { repeat: 8, from: 16 },
    ]);
    expect(formPlan(8, 'repeat')).toEqual([{ draw: 4 }, { repeat: 4, from: 0 }]);
    expect(formPlan(12, 'repeat')).toEqual([{ draw: 4 }, { repeat: 4, from: 0 }, { draw: 4 }]);
    expect(formPlan(20, 'repeat')).toEqual([{ draw: 8 }, { repeat: 8, from: 0 }, { draw: 4 }]);
  });

  it('short melodies and "through" draw every bar in one pass', () => {
    expect(formPlan(7, 'repeat')).toEqual([{ draw: 7 }]);
    expect(formPlan(16, 'through')).toEqual([{ draw: 16 }]);
  });
});
