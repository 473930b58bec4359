import { describe, expect, it } from 'vitest';
import { TEXT_DEFAULTS, TEXT_PRESETS } from '../../../preload/text';
import {
  applyPreset,
  checkNumber,
  effectivePreset,
  escapeStop,
  firstProblem,
  formFromSampling,
  initialForm,
  parseStopLines,
  readSettings,
  RULES,
  SETTINGS_KEY,
  settingsForRun,
  unescapeStop,
  validateForm,
  writeSettings,
} from './settings';
import { memoryStore } from '../shell/storage';

describe('stop sequences', () => {
  it('read \\n and \\t as line breaks and tabs, one sequence per line', () => {
    expect(parseStopLines('\\n\\n\nEND\n\n\\t')).toEqual(['\n\n', 'END', '\t']);
    expect(unescapeStop('a\\\\nb')).toBe('a\\nb');
    expect(unescapeStop('C:\\x')).toBe('C:\\x');
  });

  it('round-trip through the field', () => {
    for (const s of ['\n', '\n\n\n', 'a\\b', '\tx', 'END.']) expect(unescapeStop(escapeStop(s))).toBe(s);
  });
});

describe('sampling form', () => {
  it('starts from the shared defaults', () => {
    const r = validateForm(initialForm(42));
    expect(r).toEqual({ ok: true, sampling: { seed: 42, ...TEXT_DEFAULTS } });
  });

  it('mirrors the contract limits', () => {
    expect(checkNumber('2', RULES.temperature).ok).toBe(true);
    expect(checkNumber('2.01', RULES.temperature).ok).toBe(false);
    expect(checkNumber('-0.1', RULES.temperature).ok).toBe(false);
    expect(checkNumber('0', RULES.topK).ok).toBe(true);
    expect(checkNumber('1.5', RULES.topK).ok).toBe(false);
    expect(checkNumber('1001', RULES.topK).ok).toBe(false);
    expect(checkNumber('0', RULES.topP)).toEqual({
      ok: false,
      message: 'must be a number above 0 and at most 1',
    });
    expect(checkNumber('1', RULES.topP).ok).toBe(true);
    expect(checkNumber('0.99', RULES.repetitionPenalty).ok).toBe(false);
    expect(checkNumber('4096', RULES.maxTokens).ok).toBe(true);
    expect(checkNumber('4097', RULES.maxTokens)).toEqual({
      ok: false,
      message: 'must be a whole number from 1 to 4096',
    });
    expect(checkNumber('', RULES.seed).ok).toBe(false);
    expect(checkNumber('4294967295', RULES.seed).ok).toBe(true);
    expect(checkNumber('4294967296', RULES.seed).ok).toBe(false);
    expect(checkNumber('1e400', RULES.seed).ok).toBe(false);
  });

  it('names every field at fault, first one as a sentence', () => {
    const form = { ...initialForm(1), temperature: '3', maxTokens: 'x', stop: 'a\nb\nc\nd\ne\nf\ng\nh\ni' };
    const r = validateForm(form);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['maxTokens', 'stop', 'temperature']);
    expect(firstProblem(r.errors)).toBe('Temperature must be a number from 0 to 2.');
    const long = validateForm({ ...initialForm(1), stop: 'x'.repeat(65) });
    expect(long.ok ? null : long.errors.stop).toBe('must each be at most 64 characters');
  });

  it('applies a preset and keeps the seed', () => {
    const form = applyPreset({ ...initialForm(7), seedLocked: true }, 'poem');
    expect(form.preset).toBe('poem');
    expect(form.seed).toBe('7');
    expect(form.seedLocked).toBe(true);
    expect(form.stop).toBe('\\n\\n\\n');
    const r = validateForm(form);
    expect(r.ok && r.sampling).toEqual({ seed: 7, ...TEXT_PRESETS.poem.settings });
  });

  it('sends the preset only while the settings match it', () => {
    const form = applyPreset(initialForm(7), 'aphorism');
    expect(effectivePreset(form)).toBe('aphorism');
    expect(effectivePreset({ ...form, seed: '9' })).toBe('aphorism');
    expect(effectivePreset({ ...form, temperature: '0.71' })).toBeUndefined();
    expect(effectivePreset(initialForm(1))).toBeUndefined();
  });

  it('restores a record’s sampling', () => {
    const form = formFromSampling(
      { seed: 5, temperature: 0.5, topK: 0, topP: 1, repetitionPenalty: 1, maxTokens: 10, stop: ['\n'] },
      'story',
      initialForm(1),
    );
    expect(form).toMatchObject({ preset: 'story', seed: '5', topK: '0', stop: '\\n', maxTokens: '10' });
    expect(formFromSampling(null, 'x', initialForm(3)).seed).toBe('3');
  });

  it('persists the form as typed', () => {
    const store = memoryStore();
    const form = { ...initialForm(3), temperature: '1.', seedLocked: true, preset: 'poem' as const };
    writeSettings(store, form);
    expect(readSettings(store, initialForm(9))).toEqual(form);
    store.setItem(SETTINGS_KEY, JSON.stringify({ temperature: 4, preset: 'nope' }));
    expect(readSettings(store, initialForm(9))).toEqual(initialForm(9));
  });
});

describe('settings for a run', () => {
  it('reuse a locked seed and draw a fresh one otherwise', () => {
    const locked = { ...initialForm(7), seedLocked: true };
    const r1 = settingsForRun(locked, 'regenerate', () => 99);
    expect(r1.ok && r1.sampling.seed).toBe(7);
    const r2 = settingsForRun(locked, 'another-seed', () => 99);
    expect(r2.ok && r2.sampling.seed).toBe(99);
    expect(r2.ok && r2.form.seed).toBe('99');
    const r3 = settingsForRun(initialForm(7), 'continue', () => 5);
    expect(r3.ok && r3.sampling.seed).toBe(5);
  });

  it('name the first field at fault', () => {
    const r = settingsForRun({ ...initialForm(7), topP: '0' }, 'continue', () => 1);
    expect(r).toMatchObject({
      ok: false,
      field: 'topP',
      message: 'Top-p must be a number above 0 and at most 1.',
    });
    // A bad seed matters only while it is locked.
    expect(settingsForRun({ ...initialForm(7), seed: 'x' }, 'continue', () => 1).ok).toBe(true);
    expect(settingsForRun({ ...initialForm(7), seed: 'x', seedLocked: true }, 'continue', () => 1).ok).toBe(
      false,
    );
  });
});
