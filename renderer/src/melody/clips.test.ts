import { describe, expect, it } from 'vitest';
import type { Generation } from '../../../preload/contract';
import { clipSummary, recordFromGeneration, recordsFrom } from './clips';

const gen = (over: Partial<Generation> & { params?: Record<string, unknown> }): Generation => ({
  id: 'aaaaaaaa-1',
  kind: 'melody',
  createdAt: 1,
  modelId: 'melody-vae',
  modelSha256: '',
  provider: '',
  seed: 7,
  params: {},
  parentId: null,
  durationMs: 1,
  width: null,
  height: null,
  title: 'Clip',
  ...over,
});

const notes = [{ pitch: 60, start: 0, duration: 1, velocity: 96 }];

describe('recordFromGeneration', () => {
  it('reads notes, tempo, bars, origin, name and latents from the params', () => {
    const r = recordFromGeneration(
      gen({ params: { notes, bpm: 96, bars: 2, origin: 'generate', name: 'Hook', latents: [[0, 1]] } }),
    );
    expect(r).toMatchObject({ notes, bpm: 96, bars: 2, origin: 'generate', name: 'Hook', latents: [[0, 1]] });
  });

  it('falls back for missing tempo/bars/origin and rejects records without valid notes', () => {
    expect(recordFromGeneration(gen({ params: { notes } }))).toMatchObject({
      bpm: 120,
      bars: 1,
      origin: 'edit',
      latents: null,
    });
    expect(
      recordFromGeneration(gen({ params: { notes: [{ pitch: 300, start: 0, duration: 1 }] } })),
    ).toBeNull();
    expect(recordFromGeneration(gen({ params: {} }))).toBeNull();
    expect(recordFromGeneration(gen({ kind: 'texture', params: { notes } }))).toBeNull();
  });
});

describe('recordsFrom', () => {
  it('keeps readable melody records, newest first', () => {
    const list = [
      gen({ id: 'aaaaaaaa-1', createdAt: 1, params: { notes } }),
      gen({ id: 'aaaaaaaa-2', createdAt: 3, params: { notes } }),
      gen({ id: 'aaaaaaaa-3', createdAt: 2, params: {} }),
    ];
    expect(recordsFrom(list).map((r) => r.id)).toEqual(['aaaaaaaa-2', 'aaaaaaaa-1']);
    expect(recordsFrom(null)).toEqual([]);
  });

  it('summarises a clip', () => {
    expect(clipSummary({ bars: 1, bpm: 119.6 })).toBe('1 bar · 120 bpm');
    expect(clipSummary({ bars: 8, bpm: 90 })).toBe('8 bars · 90 bpm');
  });
});
