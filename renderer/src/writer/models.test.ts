import { describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../../preload/contract';
import { modelStatus } from '../shell/testing';
import { checkImportPath, modelLabel, pickTextModel, textModelProblem, textModels } from './models';

const model = (id: string, over: Partial<ModelStatus> = {}): ModelStatus =>
  modelStatus(id, { text: { modelType: 'gpt2', contextLength: 256, vocabSize: 3072, layers: 4 }, ...over });

describe('text models', () => {
  it('lists only text models', () => {
    const list = [model('text'), model('texture', { task: 'texture' })];
    expect(textModels(list).map((m) => m.id)).toEqual(['text']);
    expect(textModels(null)).toEqual([]);
  });

  it('labels size, source and context', () => {
    expect(modelLabel(model('tiny', { source: 'imported' }))).toBe('TINY · 2.5 MB · imported · 256 tokens');
    expect(modelLabel(model('bad', { ok: false, text: undefined }))).toBe(
      'BAD · 2.5 MB · bundled · unavailable',
    );
  });

  it('runs the chosen model while usable, else the bundled one, else the first usable', () => {
    const list = [model('a'), model('text'), model('b', { ok: false })];
    expect(pickTextModel(list, 'a')?.id).toBe('a');
    expect(pickTextModel(list, 'b')?.id).toBe('text');
    expect(pickTextModel([model('a'), model('c')], 'gone')?.id).toBe('a');
    expect(pickTextModel([model('b', { ok: false })], null)).toBeNull();
  });

  it('says why nothing can run', () => {
    expect(textModelProblem([], null)).toMatch(/No text model is installed/);
    expect(textModelProblem([model('b', { ok: false, error: 'tokenizer.json is missing' })], null)).toBe(
      'The text model “B” cannot be used: tokenizer.json is missing',
    );
    expect(textModelProblem([model('a')], model('a'))).toBeNull();
  });

  it('asks for an absolute folder path', () => {
    expect(checkImportPath('  /models/gpt2 ')).toEqual({ ok: true, path: '/models/gpt2' });
    expect(checkImportPath('C:\\models\\gpt2').ok).toBe(true);
    expect(checkImportPath('models/gpt2').ok).toBe(false);
    expect(checkImportPath('').ok).toBe(false);
  });
});
