import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineKind, storedParams } from './generation';
import { Generation, GenerationKind, generationFileName, kinds, type KindDef } from './kinds';

const base = {
  id: '1a2b3c4d-0000',
  createdAt: 1,
  modelId: 'm',
  modelSha256: 'ab',
  provider: 'cpu',
  seed: 7,
  parentId: null,
  durationMs: 3,
  width: 48,
  height: 48,
  title: 't',
};
const gen = (kind: string, params: Record<string, unknown>, extra: object = {}): Generation =>
  Generation.parse({ ...base, kind, params, ...extra });

describe('export file names', () => {
  it('names each kind after what it holds', () => {
    expect(generationFileName(gen('image', { prompt: 'A red  heart, big!' }))).toBe(
      'atelier-image-a-red-heart-big-7-48.png',
    );
    expect(generationFileName(gen('image', { prompt: '' }))).toBe('atelier-image-image-7-48.png');
    expect(generationFileName(gen('text', { text: 'The moon is a lamp' }))).toBe(
      'atelier-text-the-moon-is-a-lamp-1a2b3c4d.txt',
    );
    expect(generationFileName(gen('melody', { name: 'Reel' }))).toBe('atelier-melody-reel.mid');
    expect(generationFileName(gen('texture', { style: 'granite' }, { width: 512 }))).toBe(
      'atelier-texture-granite-7-512.png',
    );
    expect(generationFileName(gen('latent', {}, { width: 64 }))).toBe('atelier-latent-m-1a2b3c4d-64.png');
  });

  it('a record whose params lack what its rule reads still gets a safe name', () => {
    expect(generationFileName(gen('melody', {}))).toBe('atelier-melody-1a2b3c4d.mid');
    expect(generationFileName(gen('text', {}))).toBe('atelier-text-text-1a2b3c4d.txt');
  });

  it('a kind registered in the table alone gets its own export name', () => {
    const swatchKind = defineKind('swatchbook', storedParams({ colours: z.array(z.string()) }), {
      exportRole: 'text',
      extension: 'txt',
      fileName: (g) => `atelier-swatchbook-${(g.params.colours ?? []).join('-').replace(/#/g, '')}.txt`,
    });
    const table: Record<string, KindDef> = { ...kinds, swatchbook: swatchKind as unknown as KindDef };
    const record = swatchKind.record.parse({
      ...base,
      kind: 'swatchbook',
      params: { colours: ['#fff', '#000'] },
    });
    expect(generationFileName(record as unknown as Generation, table)).toBe('atelier-swatchbook-fff-000.txt');
  });
});

describe('the record union', () => {
  it('lists every kind once, each with an export', () => {
    const names = GenerationKind.options;
    expect(names).toEqual(expect.arrayContaining(['texture', 'latent', 'melody', 'text', 'image']));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(kinds).sort()).toEqual([...names].sort());
    for (const k of names) {
      expect(kinds[k].kind).toBe(k);
      expect(kinds[k].extension).toMatch(/^[a-z0-9]{1,8}$/);
    }
  });

  it('narrows params by kind and keeps fields an older or newer Atelier wrote', () => {
    const g = gen('melody', { name: 'Reel', bpm: 120, legacy: { x: 1 } });
    if (g.kind !== 'melody') throw new Error('expected a melody record');
    expect(g.params.bpm).toBe(120);
    expect((g.params as Record<string, unknown>).legacy).toEqual({ x: 1 });
  });

  it('refuses an unknown kind and params of the wrong type', () => {
    expect(Generation.safeParse({ ...base, kind: 'swatchbook', params: {} }).success).toBe(false);
    expect(Generation.safeParse({ ...base, kind: 'melody', params: { bpm: 'fast' } }).success).toBe(false);
  });
});
