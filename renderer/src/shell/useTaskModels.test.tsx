import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelStatus } from '../../../preload/contract';
import { modelStatus } from './testing';
import type { ModelsState } from './modelsBlocker';
import { memoryStore } from './storage';
import { useTaskModels, type TaskModels, type TaskModelsSpec } from './useTaskModels';

const m = (id: string, task = 'text'): ModelStatus => modelStatus(id, { name: id, sizeBytes: 1, task });

const SPEC: TaskModelsSpec = {
  storageKey: 'test.model',
  list: (models) => (models ?? []).filter((x) => x.task === 'text'),
  pick: (list, chosen) => list.find((x) => x.id === chosen) ?? list[0] ?? null,
  problem: (list, picked) => (picked ? null : `none of ${list.length}`),
};

function run(models: readonly ModelStatus[] | null, state: ModelsState): TaskModels {
  let out: TaskModels | null = null;
  function Probe(): ReactElement {
    out = useTaskModels(SPEC, models, state, () => {});
    return <i />;
  }
  renderToStaticMarkup(<Probe />);
  return out!;
}

afterEach(() => vi.unstubAllGlobals());

describe('useTaskModels', () => {
  it('lists the task through the spec and picks the stored choice', () => {
    const store = memoryStore();
    store.setItem('test.model', JSON.stringify('b'));
    vi.stubGlobal('localStorage', store);
    const r = run([m('a'), m('i', 'image'), m('b')], 'loaded');
    expect(r.list.map((x) => x.id)).toEqual(['a', 'b']);
    expect(r.model?.id).toBe('b');
    expect(r.problem).toBeNull();
    expect(r.blocker).toBeNull();
  });

  it('falls back without a stored choice and asks the spec why none runs once listed', () => {
    vi.stubGlobal('localStorage', memoryStore());
    expect(run([m('a')], 'loaded').model?.id).toBe('a');
    expect(run([m('i', 'image')], 'loaded').problem).toBe('none of 0');
    const loading = run(null, 'loading');
    expect(loading.problem).toBeNull();
    expect(loading.blocker).toBe('Loading models…');
  });
});
