import { renderToStaticMarkup } from 'react-dom/server';
import { createElement, Fragment } from 'react';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineKind,
  Generation,
  GenerationKind,
  generationFileName,
  kinds,
  storedParams,
  type KindDef,
} from '../../preload/contract';
import { navItems } from './shell/nav';
import { cardFor, studioFor, type StudioDef } from './shell/studio';
import { studios } from './studios';

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
  title: 'Dusk',
};
const record = (kind: GenerationKind, params: Record<string, unknown> = {}): Generation =>
  Generation.parse({ ...base, kind, params });

/** A made-up kind and its studio, registered in the tables alone. */
const paletteKind = defineKind('palette', storedParams({ colours: z.array(z.string()) }), {
  exportRole: 'text',
  extension: 'txt',
  fileName: (g) => `atelier-palette-${(g.params.colours ?? []).join('-').replace(/#/g, '')}.txt`,
});
const table: Record<string, KindDef> = { ...kinds, palette: paletteKind as unknown as KindDef };
const colours = (g: Generation): string[] => (g.params as { colours?: string[] }).colours ?? [];
const paletteStudio: StudioDef = {
  id: 'palette',
  label: 'Palette',
  icon: 'dice',
  group: 'studios',
  title: 'Palette studio',
  component: () => null,
  keepMounted: true,
  cards: {
    palette: {
      thumbnail: 'contain',
      meta: { label: 'Colours', text: (g) => `${colours(g).length} colours` },
      modelLabel: () => 'hand-picked',
      exportTitle: 'Export the palette as a .txt file',
    },
  },
};
const registry: readonly StudioDef[] = [...studios.slice(0, -1), paletteStudio, ...studios.slice(-1)];
const palette = paletteKind.record.parse({
  ...base,
  kind: 'palette',
  params: { colours: ['#fff', '#000'] },
}) as unknown as Generation;

describe('a studio registered in the tables alone', () => {
  it('shows in the nav, before the Library', () => {
    const items = navItems(registry);
    expect(items.map((e) => e.testId)).toEqual([
      'nav-textures',
      'nav-latent',
      'nav-melody',
      'nav-writer',
      'nav-images',
      'nav-palette',
      'nav-library',
    ]);
    expect(items.find((e) => e.id === 'palette')).toEqual({
      id: 'palette',
      label: 'Palette',
      icon: 'dice',
      group: 'studios',
      testId: 'nav-palette',
    });
  });

  it('opens its kind and gives the Library its card', () => {
    expect(studioFor(registry, 'palette')).toBe(paletteStudio);
    const card = cardFor(registry, palette, table);
    expect(card.view).toBe('palette');
    expect(card.openLabel).toBe('Open Dusk in the Palette studio');
    expect(card.thumbnail).toBe('contain');
    expect(card.meta).toEqual({ label: 'Colours', text: '2 colours' });
    expect(card.model).toBe('hand-picked');
  });

  it('exports under its kind’s name and asset', () => {
    expect(generationFileName(palette, table)).toBe('atelier-palette-fff-000.txt');
    expect(cardFor(registry, palette, table).export).toEqual({
      role: 'text',
      label: '.txt',
      title: 'Export the palette as a .txt file',
      fileName: 'atelier-palette-fff-000.txt',
    });
  });

  it('leaves the real studios’ cards as they were', () => {
    expect(cardFor(registry, record('melody', { name: 'Reel' }), table)).toEqual(
      cardFor(studios, record('melody', { name: 'Reel' })),
    );
  });
});

describe('the studios', () => {
  it('have unique views, each with its nav test id', () => {
    const items = navItems(studios);
    expect(new Set(items.map((e) => e.id)).size).toBe(studios.length);
    expect(items.map((e) => e.testId)).toEqual([
      'nav-textures',
      'nav-latent',
      'nav-melody',
      'nav-writer',
      'nav-images',
      'nav-library',
    ]);
    expect(items.map((e) => e.group)).toEqual([
      'studios',
      'studios',
      'studios',
      'studios',
      'studios',
      'collection',
    ]);
  });

  it('open every real kind in exactly one studio', () => {
    for (const kind of GenerationKind.options) {
      expect(studios.filter((s) => Object.hasOwn(s.cards, kind)).map((s) => s.id)).toHaveLength(1);
    }
    expect(
      Object.fromEntries(GenerationKind.options.map((kind) => [kind, studioFor(studios, kind)?.id])),
    ).toEqual({ texture: 'textures', latent: 'textures', melody: 'melody', text: 'writer', image: 'images' });
  });

  it('declare only kinds the kinds table has', () => {
    for (const s of studios)
      for (const kind of Object.keys(s.cards)) expect(Object.hasOwn(kinds, kind)).toBe(true);
  });

  it('keep every studio mounted once visited, but not the Library', () => {
    expect(studios.filter((s) => !s.keepMounted).map((s) => s.id)).toEqual(['library']);
  });
});

describe('Library cards', () => {
  it('say which studio a record opens in', () => {
    const label = (kind: GenerationKind): string => cardFor(studios, record(kind)).openLabel;
    expect(label('texture')).toBe('Open Dusk in the Texture studio');
    expect(label('latent')).toBe('Open Dusk in the Texture studio');
    expect(label('melody')).toBe('Open Dusk in the Melody studio');
    expect(label('text')).toBe('Open Dusk in the Writer');
    expect(label('image')).toBe('Open Dusk in the Image studio');
  });

  it('fit thumbnails by kind; a text record shows an excerpt', () => {
    expect(cardFor(studios, record('texture')).thumbnail).toBe('cover');
    expect(cardFor(studios, record('latent')).thumbnail).toBe('cover');
    expect(cardFor(studios, record('melody')).thumbnail).toBe('contain');
    expect(cardFor(studios, record('image')).thumbnail).toBe('contain pixelated');
    const text = cardFor(studios, record('text', { prompt: 'Once', text: ' upon a time' })).thumbnail;
    if (typeof text !== 'function') throw new Error('expected a text excerpt');
    const html = (node: ReturnType<typeof text>): string =>
      renderToStaticMarkup(createElement(Fragment, null, node));
    expect(html(text(record('text', { prompt: 'Once', text: ' upon a time' })))).toBe(
      '<span class="card-text-prompt">…Once</span>upon a time',
    );
    expect(html(text(record('text')))).toBe('No preview');
  });

  it('show size or length, and the model', () => {
    expect(cardFor(studios, record('texture')).meta).toEqual({ label: 'Size', text: '48 × 48 px' });
    expect(cardFor(studios, record('melody', { bars: 4, bpm: 120 })).meta).toEqual({
      label: 'Length',
      text: '4 bars · 120 bpm',
    });
    expect(cardFor(studios, record('text', { tokens: 2, modelName: 'gpt2' }))).toMatchObject({
      meta: { label: 'Length', text: '2 tokens' },
      model: 'gpt2',
    });
    expect(cardFor(studios, record('image')).model).toBe('m');
  });

  it('export melodies, texts and images by the kinds table; textures and latent points from their studio', () => {
    expect(cardFor(studios, record('texture')).export).toBeNull();
    expect(cardFor(studios, record('latent')).export).toBeNull();
    expect(cardFor(studios, record('melody', { name: 'Reel' })).export).toMatchObject({
      role: 'midi',
      label: '.mid',
      fileName: 'atelier-melody-reel.mid',
    });
    expect(cardFor(studios, record('text', { text: 'The moon' })).export).toMatchObject({
      role: 'text',
      label: '.txt',
      fileName: 'atelier-text-the-moon-1a2b3c4d.txt',
    });
    expect(cardFor(studios, record('image', { prompt: 'A heart' })).export).toMatchObject({
      role: 'image',
      label: '.png',
      title: 'Export the image as a .png file',
      fileName: 'atelier-image-a-heart-7-48.png',
    });
  });
});
