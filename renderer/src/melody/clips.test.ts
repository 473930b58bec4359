import { describe, expect, it } from 'vitest';
import type { Generation } from '../../../preload/contract';
import { clipOptionLabel, clipSummary, recordFromGeneration, recordsFrom } from './clips';

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
    // Without a saved length, bars of the clip's meter: 7 beats are 3 bars of 3/4, 2 of 4/4.
    const long = [{ pitch: 60, start: 0, duration: 7, velocity: 90 }];
    expect(recordFromGeneration(gen({ params: { notes: long, timeSignature: [3, 4] } }))?.bars).toBe(3);
    expect(recordFromGeneration(gen({ params: { notes: long } }))?.bars).toBe(2);
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

describe('a clip’s key, scale and meter', () => {
  it('are read from the record; unknown or missing ones are null', () => {
    const r = recordFromGeneration(
      gen({ params: { notes, key: 'G', scale: 'major', timeSignature: [3, 4] } }),
    );
    expect(r).toMatchObject({ lock: { key: 'G', scale: 'major' }, meter: [3, 4] });
    expect(recordFromGeneration(gen({ params: { notes, key: 'G' } }))).toMatchObject({
      lock: null,
      meter: null,
    });
    expect(
      recordFromGeneration(gen({ params: { notes, key: 'X', scale: 'major', timeSignature: [3, 5] } })),
    ).toMatchObject({ lock: null, meter: null });
  });
});

describe('clipOptionLabel (Interpolate’s A and B lists)', () => {
  const utc = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  it('tells clips apart: name, length, seed when the name lacks it, and when it was made', () => {
    const a = {
      title: 'Generate · seed 21 · 8 bars',
      bars: 8,
      seed: 21,
      modelId: 'melody-vae',
      createdAt: 0,
    };
    const b = { ...a, title: 'Reel', seed: 22, createdAt: 61_000 };
    expect(clipOptionLabel(a, utc)).toBe('Generate · seed 21 · 8 bars · 00:00:00');
    expect(clipOptionLabel(b, utc)).toBe('Reel · 8 bars · seed 22 · 00:01:01');
    const drawn = { ...a, title: 'Sketch · 1 bar', bars: 1, modelId: '', createdAt: 1000 };
    expect(clipOptionLabel(drawn, utc)).toBe('Sketch · 1 bar · 00:00:01');
  });
});
