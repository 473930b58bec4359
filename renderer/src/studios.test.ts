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
import { cardFor, studioFor, viewerFor, type StudioDef } from './shell/studio';
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
const swatchKind = defineKind('swatchbook', storedParams({ colours: z.array(z.string()) }), {
  exportRole: 'text',
  extension: 'txt',
  fileName: (g) => `atelier-swatchbook-${(g.params.colours ?? []).join('-').replace(/#/g, '')}.txt`,
});
const table: Record<string, KindDef> = { ...kinds, swatchbook: swatchKind as unknown as KindDef };
const colours = (g: Generation): string[] => (g.params as { colours?: string[] }).colours ?? [];
const swatchStudio: StudioDef = {
  id: 'swatchbook',
  label: 'Swatchbook',
  icon: 'dice',
  group: 'studios',
  title: 'Swatchbook studio',
  component: () => null,
  keepMounted: true,
  cards: {
    swatchbook: {
      thumbnail: 'contain',
      meta: { label: 'Colours', text: (g) => `${colours(g).length} colours` },
      modelLabel: () => 'hand-picked',
      exportTitle: 'Export the swatchbook as a .txt file',
    },
  },
};
const registry: readonly StudioDef[] = [...studios.slice(0, -1), swatchStudio, ...studios.slice(-1)];
const swatches = swatchKind.record.parse({
  ...base,
  kind: 'swatchbook',
  params: { colours: ['#fff', '#000'] },
}) as unknown as Generation;

describe('a studio registered in the tables alone', () => {
  it('shows in the nav, before the Library', () => {
    const items = navItems(registry);
    expect(items.map((e) => e.testId)).toEqual([
      ...studios.slice(0, -1).map((s) => `nav-${s.id}`),
      'nav-swatchbook',
      'nav-library',
    ]);
    expect(items.find((e) => e.id === 'swatchbook')).toEqual({
      id: 'swatchbook',
      label: 'Swatchbook',
      icon: 'dice',
      group: 'studios',
      testId: 'nav-swatchbook',
    });
  });

  it('opens its kind and gives the Library its card', () => {
    expect(studioFor(registry, 'swatchbook')).toBe(swatchStudio);
    const card = cardFor(registry, swatches, table);
    expect(card.view).toBe('swatchbook');
    expect(card.openLabel).toBe('Open Dusk in the Swatchbook studio');
    expect(card.thumbnail).toBe('contain');
    expect(card.meta).toEqual({ label: 'Colours', text: '2 colours' });
    expect(card.model).toBe('hand-picked');
  });

  it('exports under its kind’s name and asset', () => {
    expect(generationFileName(swatches, table)).toBe('atelier-swatchbook-fff-000.txt');
    expect(cardFor(registry, swatches, table).export).toEqual({
      role: 'text',
      label: '.txt',
      title: 'Export the swatchbook as a .txt file',
      fileName: 'atelier-swatchbook-fff-000.txt',
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
    expect(items.map((e) => e.testId)).toEqual(studios.map((s) => `nav-${s.id}`));
    // The studios first, in registry order, the Library last.
    expect(items.slice(0, 5).map((e) => e.id)).toEqual(['textures', 'latent', 'melody', 'writer', 'images']);
    expect(items.at(-1)).toMatchObject({ id: 'library', group: 'collection' });
    expect(items.slice(0, -1).every((e) => e.group === 'studios')).toBe(true);
  });

  it('open every real kind in exactly one studio', () => {
    for (const kind of GenerationKind.options) {
      expect(studios.filter((s) => Object.hasOwn(s.cards, kind)).map((s) => s.id)).toHaveLength(1);
    }
    expect(
      Object.fromEntries(GenerationKind.options.map((kind) => [kind, studioFor(studios, kind)?.id])),
    ).toMatchObject({
      texture: 'textures',
      latent: 'latent',
      melody: 'melody',
      text: 'writer',
      image: 'images',
    });
  });

  it('send a record to the studio that shows its kind (a latent point to the texture canvas), else open it', () => {
    expect(viewerFor(studios, 'latent')?.id).toBe('textures');
    expect(viewerFor(studios, 'image')?.id).toBe('images');
    expect(viewerFor(registry, 'swatchbook')?.id).toBe('swatchbook');
    expect(viewerFor(studios, 'unknown')).toBeNull();
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
    expect(label('latent')).toBe('Open Dusk in the Latent Explorer');
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
