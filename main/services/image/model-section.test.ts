/** The manifest's `image` section: word suggestions must be words the model knows. */
import { describe, expect, it } from 'vitest';
import { ImageSection } from './model-section';

const section = (suggestions?: unknown) => ({
  kind: 'pixel',
  trainSize: 48,
  sizes: [32, 48, 64],
  channels: 3,
  valueRange: [-1, 1],
  prediction: 'v_prediction',
  schedule: { timesteps: 1000, betaSchedule: 'cosine', alphasCumprod: [0.9, 0.5] },
  conditioning: {
    input: 'words',
    maxWords: 8,
    vocab: ['<pad>', 'red', 'flat', 'line', 'icon', 'heart'],
    stopWords: [],
    ...(suggestions === undefined ? {} : { suggestions }),
  },
  defaults: { steps: 30, guidance: 7.5, sampler: 'ddim' },
  unet: 'unet.onnx',
});

describe('image manifest suggestions', () => {
  it('reads style and colour groups, phrases included, and defaults to none', () => {
    const ok = ImageSection.safeParse(
      section([
        { label: 'Style', words: ['flat', 'line icon'] },
        { label: 'Colour', words: ['red'] },
      ]),
    );
    expect(ok.success).toBe(true);
    const none = ImageSection.parse(section());
    expect(none.conditioning.input === 'words' && none.conditioning.suggestions).toEqual([]);
  });

  it('refuses a suggestion that is not in the vocabulary, saying so', () => {
    const r = ImageSection.safeParse(section([{ label: 'Style', words: ['3d'] }]));
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('not in its vocabulary');
  });

  it('refuses malformed groups (no label, an empty list, too many groups)', () => {
    expect(ImageSection.safeParse(section([{ label: '', words: ['red'] }])).success).toBe(false);
    expect(ImageSection.safeParse(section([{ label: 'Colour', words: [] }])).success).toBe(false);
    const many = Array.from({ length: 9 }, (_, i) => ({ label: `g${i}`, words: ['red'] }));
    expect(ImageSection.safeParse(section(many)).success).toBe(false);
  });
});
