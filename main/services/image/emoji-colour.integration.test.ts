/**
 * Atelier Emoji 2 follows its colour words: through the Image studio's service, on the real
 * bundled model and inference process, the same seeds and object drawn "red", "green", "blue" and
 * "yellow" come out with that dominant foreground colour, and changing only the colour word changes
 * the picture's colour. The colour of a picture is the rule the model card measures with
 * (models/training/images/colour.py), written again here in a few lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageOutput, ModelStatus } from '../../../preload/contract';
import { decodePng } from '../../inference/image';
import { realAtelier } from '../../testing/atelier';

const COLOURS = [
  'red',
  'orange',
  'yellow',
  'green',
  'blue',
  'purple',
  'pink',
  'brown',
  'black',
  'white',
  'grey',
] as const;
type Colour = (typeof COLOURS)[number];

/** One pixel's colour name (colour.py's pixel rule). */
function pixelColour(r8: number, g8: number, b8: number): Colour {
  const [r, g, b] = [r8 / 255, g8 / 255, b8 / 255];
  const v = Math.max(r, g, b);
  const d = v - Math.min(r, g, b);
  const s = v > 0 ? d / v : 0;
  if (v < 0.22) return 'black';
  if (s < 0.18) return v > 0.82 ? 'white' : 'grey';
  let h = v === r ? ((g - b) / d) % 6 : v === g ? (b - r) / d + 2 : (r - g) / d + 4;
  h = (h * 60 + 360) % 360;
  if (h < 12 || h >= 340) return s < 0.55 && v > 0.75 ? 'pink' : 'red';
  if (h < 42) return v < 0.62 || (s < 0.5 && v < 0.85) ? 'brown' : 'orange';
  if (h < 70) return v < 0.45 ? 'brown' : 'yellow';
  if (h < 165) return 'green';
  if (h < 255) return 'blue';
  if (h < 290) return 'purple';
  return v < 0.5 ? 'purple' : 'pink';
}

/** The most common colour among the pixels that are not the white background. */
function dominantColour(img: { width: number; height: number; data: Uint8Array }): Colour | null {
  const counts = new Map<Colour, number>();
  let fg = 0;
  const ch = img.data.length / (img.width * img.height);
  for (let i = 0; i < img.data.length; i += ch) {
    const [r, g, b] = [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
    if (255 - Math.min(r, g, b) <= 40) continue;
    fg++;
    const c = pixelColour(r, g, b);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  if (fg < 0.02 * img.width * img.height) return null;
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

let env: Awaited<ReturnType<typeof realAtelier>>;
let emoji: ModelStatus;
beforeAll(async () => {
  env = await realAtelier();
  emoji = env.atelier.registry.status().find((m) => m.id === 'emoji')!;
});
afterAll(async () => env.cleanup());

let jobs = 0;
async function drawn(prompt: string, seed: number): Promise<Colour | null> {
  const r = await env.atelier.router.call('image.generate', {
    jobId: `emoji-colour-${++jobs}-${Date.now()}`,
    params: { model: 'emoji', prompt, seed, steps: 20, guidance: 7.5, batch: 1 },
  });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  const out = r.value as ImageOutput;
  const a = await env.atelier.router.call('library.asset', { id: out.results[0]!.id, role: 'image' });
  if (!a.ok) throw new Error(a.error.message);
  return dominantColour(decodePng((a.value as { bytes: Uint8Array }).bytes));
}

describe('colour words (the bundled emoji model)', () => {
  it('names the colour rule the card uses', () => {
    expect(pixelColour(214, 40, 40)).toBe('red');
    expect(pixelColour(31, 111, 235)).toBe('blue');
    expect(pixelColour(139, 90, 43)).toBe('brown');
    expect(pixelColour(241, 91, 181)).toBe('pink');
    expect(pixelColour(128, 128, 128)).toBe('grey');
    expect(pixelColour(20, 20, 20)).toBe('black');
  });

  it('offers its style and colour words as suggestions, all of them words it knows', () => {
    const w = emoji.image!.words!;
    const groups = Object.fromEntries(w.suggestions.map((g) => [g.label, g.words]));
    expect(groups['Style']).toEqual(['glossy', 'flat', 'line icon']);
    expect(groups['Colour']).toEqual([...COLOURS]);
    for (const g of w.suggestions)
      for (const ph of g.words) for (const word of ph.split(' ')) expect(w.vocab).toContain(word);
  });

  const SEEDS = [1, 2, 3];
  it.each(['red', 'green', 'blue', 'yellow'] as const)(
    'draws "%s chair" (chair: a held-out emoji) in that colour for most seeds',
    async (c) => {
      const got = await Promise.all(SEEDS.map((s) => drawn(`${c} chair`, s)));
      expect(got.filter((g) => g === c).length, `dominant colours: ${got.join(', ')}`).toBeGreaterThanOrEqual(
        2,
      );
    },
    120_000,
  );

  it('changes the colour and nothing else it was asked: the same seed, "red heart" vs "blue heart"', async () => {
    const red = await drawn('red heart', 5);
    const blue = await drawn('blue heart', 5);
    expect(red).toBe('red');
    expect(blue).toBe('blue');
  }, 120_000);
});
