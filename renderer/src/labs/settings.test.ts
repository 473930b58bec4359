import { describe, expect, it } from 'vitest';
import type { FieldDef } from './lab-def';
import {
  allFields,
  changedKeys,
  COMMON_FIELDS,
  fieldTestId,
  formFrom,
  modeDefaults,
  needsRebuild,
  settingsFrom,
} from './settings';

const beta: FieldDef = { key: 'beta', label: 'β', kind: 'range', min: 0, max: 4, step: 0.1, rebuilds: false };
const latent: FieldDef = {
  key: 'latentDim',
  label: 'Latent dimension',
  kind: 'select',
  options: [
    { value: 1, label: '1-D' },
    { value: 2, label: '2-D' },
  ],
  rebuilds: true,
};
const flag: FieldDef = { key: 'spline', label: 'Splines', kind: 'toggle', rebuilds: true };
const fields = allFields([beta, latent, flag]);
const settings = {
  learningRate: 0.001,
  optimizer: 'adam',
  batchSize: 128,
  width: 64,
  depth: 2,
  beta: 1,
  latentDim: 2,
  spline: false,
  hidden: 'kept',
};

describe('lab settings', () => {
  it('round-trips settings through the form, keeping value types and unshown keys', () => {
    const form = formFrom(settings, fields);
    expect(form.learningRate).toBe('0.001');
    expect(form.latentDim).toBe('2');
    expect(form.spline).toBe(false);
    const back = settingsFrom(form, fields, settings);
    expect(back.errors).toEqual({});
    expect(back.settings).toEqual(settings);
    expect(typeof back.settings.latentDim).toBe('number');
  });

  it('names a field that is not a number and keeps the others', () => {
    const form = { ...formFrom(settings, fields), learningRate: 'fast', width: ' 32 ', latentDim: '3' };
    const out = settingsFrom(form, fields, settings);
    expect(out.errors.learningRate).toBe('Learning rate must be a number');
    expect(out.errors.latentDim).toBe('Latent dimension must be one of 1-D, 2-D');
    expect(out.settings.width).toBe(32);
    expect(out.settings.learningRate).toBe(0.001);
  });

  it('rebuilds for sizes, not for the learning rate or β', () => {
    const next = { ...settings, learningRate: 0.01, beta: 2 };
    expect(changedKeys(settings, next).sort()).toEqual(['beta', 'learningRate']);
    expect(needsRebuild(changedKeys(settings, next), fields)).toBe(false);
    expect(needsRebuild(['width'], fields)).toBe(true);
    expect(needsRebuild(['latentDim'], fields)).toBe(true);
    expect(needsRebuild(['unknown'], fields)).toBe(true);
  });

  it('has the common test ids and the lab fields after the common ones', () => {
    expect(fields.slice(0, 5).map((f) => fieldTestId(f.key))).toEqual([
      'lab-lr',
      'lab-optimizer',
      'lab-batch',
      'lab-width',
      'lab-depth',
    ]);
    expect(fieldTestId('beta')).toBe('lab-field-beta');
    expect(allFields([{ ...beta, key: 'width' }]).filter((f) => f.key === 'width')).toHaveLength(1);
    expect(COMMON_FIELDS).toHaveLength(5);
  });

  it('merges image settings over the defaults only in image mode', () => {
    const d = { width: 64, noiseDim: 2 };
    expect(modeDefaults(d, true, { noiseDim: 16 })).toEqual({ width: 64, noiseDim: 16 });
    expect(modeDefaults(d, false, { noiseDim: 16 })).toEqual(d);
  });
});
