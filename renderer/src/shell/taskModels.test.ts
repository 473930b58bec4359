import { describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../../preload/contract';
import { formatSize, modelLine, modelProblem, pickModel, taskModels } from './taskModels';
import { modelStatus } from './testing';

const m = modelStatus;

describe('task models', () => {
  it('keeps the models of one task, in order', () => {
    const list = [m('a'), m('i', { task: 'image' }), m('b')];
    expect(taskModels(list, 'text').map((x) => x.id)).toEqual(['a', 'b']);
    expect(taskModels(list, 'image').map((x) => x.id)).toEqual(['i']);
    expect(taskModels(null, 'text')).toEqual([]);
  });

  it('formats sizes and model lines', () => {
    expect(formatSize(219_203)).toBe('0.2 MB');
    expect(formatSize(350_000_000)).toBe('350 MB');
    expect(formatSize(-1)).toBe('—');
    expect(formatSize(Number.NaN)).toBe('—');
    expect(modelLine(m('a'))).toBe('A · 2.5 MB · bundled');
    expect(modelLine(m('a', { source: 'imported' }), 'extra')).toBe('A · 2.5 MB · imported · extra');
    expect(modelLine(m('a', { ok: false }), 'extra')).toBe('A · 2.5 MB · bundled · extra · unavailable');
  });

  it('picks the chosen usable model, else the bundled one, else the first usable, else none', () => {
    const list = [m('a'), m('home'), m('b', { ok: false }), m('c')];
    expect(pickModel(list, 'c', 'home')?.id).toBe('c');
    expect(pickModel(list, 'b', 'home')?.id).toBe('home');
    expect(pickModel(list, null, 'gone')?.id).toBe('a');
    expect(pickModel([m('b', { ok: false })], 'b', 'b')).toBeNull();
    const notHome = (x: ModelStatus): boolean => x.id !== 'home';
    expect(pickModel(list, 'home', 'home', notHome)?.id).toBe('a');
    expect(pickModel([m('home')], null, 'home', notHome)).toBeNull();
  });

  it('says why nothing can run', () => {
    expect(modelProblem([], null, 'text', 'None installed.')).toBe('None installed.');
    expect(modelProblem([m('b', { ok: false, error: 'bad hash' })], null, 'image', '')).toBe(
      'The image model “B” cannot be used: bad hash',
    );
    expect(modelProblem([m('b', { ok: false })], null, 'text', '')).toBe(
      'The text model “B” cannot be used: it failed to load.',
    );
    expect(modelProblem([m('a')], m('a'), 'text', 'None installed.')).toBeNull();
  });
});
