/** The photo-match section: the verdict, distance and mix shown, and the mix handed to Generate. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TextureMatch } from '../../../preload/contract';
import { PhotoMatch } from './PhotoMatch';
import { mixOf, mixOfGeneration, type PhotoMatchState } from './usePhotoMatch';

const result: TextureMatch = {
  weights: [0.8, 0.15, 0.05],
  distance: 0.0312,
  selfDistance: 0.0422,
  verdict: 'close',
  message: 'Close match: the texture varies from the photo about as much as the photo varies within itself.',
  styles: [
    { id: 'bark', name: 'Bark', weight: 0.8 },
    { id: 'granite', name: 'Granite', weight: 0.15 },
  ],
  preview: new Uint8Array(0),
  evaluations: 143,
  durationMs: 7000,
};

const state = (over: Partial<PhotoMatchState>): PhotoMatchState => ({
  photoUrl: 'blob:photo',
  previewUrl: 'blob:preview',
  result,
  progress: null,
  matchFile: async () => {},
  cancel: () => {},
  keep: async () => null,
  dropping: false,
  dropProps: { onDragOver: () => {}, onDragLeave: () => {}, onDrop: () => {} },
  ...over,
});

describe('PhotoMatch', () => {
  it('shows the photo beside the match with the verdict, the distance and the mix', () => {
    const html = renderToStaticMarkup(
      <PhotoMatch match={state({})} size={512} disabled={false} onUse={() => {}} onKept={() => {}} />,
    );
    expect(html).toContain('alt="Your photo"');
    expect(html).toContain('alt="The closest texture"');
    expect(html).toMatch(/<strong>close<\/strong> · distance 0\.031 \(the photo’s own halves: 0\.042\)/);
    expect(html).toContain('Bark 80% · Granite 15%');
    expect(html).toContain('Use this style');
    expect(html).toContain('Keep as style');
  });

  it('shows progress while matching, and nothing to use yet', () => {
    const html = renderToStaticMarkup(
      <PhotoMatch
        match={state({ result: null, previewUrl: null, progress: 0.4 })}
        size={512}
        disabled={false}
        onUse={() => {}}
        onKept={() => {}}
      />,
    );
    expect(html).toContain('Matching… 40%');
    expect(html).not.toContain('Use this style');
  });

  it('hands Generate the weights and the leading style', () => {
    expect(mixOf(result)).toEqual({
      weights: [0.8, 0.15, 0.05],
      style: 'bark',
      label: 'Bark 80% · Granite 15%',
    });
  });
});

describe('a kept photo match reopened from the library', () => {
  const gen = (params: Record<string, unknown>, kind = 'texture') =>
    ({ id: 'g1', kind, title: 'Garden wall', params }) as unknown as Parameters<typeof mixOfGeneration>[0];

  it('brings its weights and name back to Generate', () => {
    const mix = mixOfGeneration(gen({ style: 'bark', weights: [0.7, 0.3], name: 'Garden wall' }));
    expect(mix).toEqual({ weights: [0.7, 0.3], style: 'bark', label: '“Garden wall” (kept style)' });
  });

  it('names a generated-from-a-match texture by its title', () => {
    expect(mixOfGeneration(gen({ style: 'bark', weights: [1, 0] }))?.label).toBe('the mix of “Garden wall”');
  });

  it('has no mix for a plain style, bad weights or another kind', () => {
    expect(mixOfGeneration(gen({ style: 'bark' }))).toBeNull();
    expect(mixOfGeneration(gen({ style: 'bark', weights: [0.5, -1] }))).toBeNull();
    expect(mixOfGeneration(gen({ style: 'bark', weights: ['x'] }))).toBeNull();
    expect(mixOfGeneration(gen({ weights: [1] }, 'image'))).toBeNull();
  });
});
