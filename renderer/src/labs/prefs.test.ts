import { describe, expect, it } from 'vitest';
import { defaultLabPrefs, labPrefs, parsePrefs, serializePrefs, type LabsPrefs } from './prefs';

describe('Labs prefs', () => {
  it('round-trips through JSON, drawn points included', () => {
    const prefs: LabsPrefs = {
      tab: 'flow',
      labs: {
        flow: {
          ...defaultLabPrefs(),
          form: { learningRate: '0.01', spline: true },
          seed: 42,
          data: { kind: 'drawn', points: new Float32Array([0.5, -1.25, 2, 3]) },
          speed: 50,
          logScale: true,
          guideStep: 2,
        },
        gan: { ...defaultLabPrefs(), images: true, glyphs: 'letters' },
      },
    };
    const back = parsePrefs(JSON.parse(JSON.stringify(serializePrefs(prefs))));
    expect(back.tab).toBe('flow');
    expect(back.labs.flow?.form).toEqual({ learningRate: '0.01', spline: true });
    expect(back.labs.flow?.data).toEqual({ kind: 'drawn', points: new Float32Array([0.5, -1.25, 2, 3]) });
    expect(back.labs.flow?.speed).toBe(50);
    expect(back.labs.gan?.glyphs).toBe('letters');
    expect(labPrefs(back, 'vae')).toEqual(defaultLabPrefs());
  });

  it('falls back field by field on anything it cannot read', () => {
    const back = parsePrefs({
      tab: 'nope',
      labs: {
        gan: {
          seed: -3,
          speed: 7,
          data: { kind: 'preset', name: 'moon' },
          form: { a: 1, b: 'x' },
          images: 'yes',
        },
      },
    });
    expect(back.tab).toBe('gan');
    const gan = back.labs.gan!;
    expect(gan.seed).toBe(defaultLabPrefs().seed);
    expect(gan.speed).toBe(defaultLabPrefs().speed);
    expect(gan.data).toEqual({ kind: 'preset', name: 'ring8' });
    expect(gan.form).toEqual({ b: 'x' });
    expect(gan.images).toBe(false);
    expect(parsePrefs('garbage')).toEqual({ tab: 'gan', labs: {} });
  });
});
