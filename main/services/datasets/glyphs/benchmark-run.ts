/**
 * The few-shot glyph recognition benchmark itself (the job around it is ./benchmark-job.ts).
 *
 * Fonts and split: ./benchmark-data.ts. For each seed, every training glyph (font, character)
 * of the largest k gets `augmentK` synthetic images from each augmenting method, made in memory
 * by the methods the augment driver uses, each item from its own `itemSeed` (so k = 1, 3, 5 of
 * a seed share their items, and an item never depends on which others were made). Then for each
 * k the three arms — none (real only), classic (real + classic items), vae-posterior (real + VAE
 * posterior items) — train the same classifier for the same steps from the same initial weights
 * (`runEvaluation`'s equal-compute protocol) and are tested on the held-out families' glyphs.
 * Images are ink maps (1 = ink), 32×32 by area (`greyArea`) from the 64×64 framing the glyph VAE
 * was trained on.
 */
import type { DatasetsBenchmark } from '../../../../preload/contract';
import { summary } from '../../../../preload/labs/evaluate';
import type { Rgba } from '../../../inference/image';
import { greyArea, Rows } from '../evaluate-folder';
import { runEvaluation } from '../evaluate-job';
import { itemSeed, type Method } from '../method';
import { cancelled } from '../progress';
import { benchmarkFonts, trainingOrder, type BenchFont } from './benchmark-data';
import { charFolder, GLYPH_CHARS } from './fonts';

export const BENCHMARK_SIDE = 32;
export const BENCHMARK_SEEDS: readonly number[] = [1, 2, 3];

/**
 * The classic arm's transforms: the augment defaults without the horizontal flip (a flipped "b"
 * is a "d", so flipping would teach wrong labels) and with a milder crop (a 60 % crop cuts whole
 * strokes off a glyph framed edge to edge); colour jitter on grey glyphs is a brightness and
 * contrast jitter.
 */
export const GLYPH_CLASSIC = {
  flip: 0,
  crop: { scale: [0.75, 1] as [number, number], ratio: [3 / 4, 4 / 3] as [number, number] },
  jitter: { brightness: 0.2, contrast: 0.2, saturation: 0 },
};
export const GLYPH_VAE = { temperature: 1 };

export interface BenchmarkOptions {
  ks: number[];
  augmentK: number;
  seeds: number[];
  steps: number;
  classic: Method;
  vae: Method;
  /** Font folders (default: the system's). */
  dirs?: readonly string[];
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => void;
}

/** Progress weights: one source's synthetic items vs one classifier step (measured, roughly). */
const SOURCE_WORK = 1;
const STEP_WORK = 0.35;

/** Ink in [0, 1] (1 = ink, as the glyph VAE sees it), side × side by area. */
const grey = (img: Rgba): Float32Array => greyArea(img, BENCHMARK_SIDE).map((v) => 1 - v);

export async function runBenchmark(o: BenchmarkOptions): Promise<DatasetsBenchmark> {
  const ks = [...new Set(o.ks)].sort((a, b) => a - b);
  const maxK = ks[ks.length - 1]!;
  o.onProgress?.(0, 'Finding and drawing fonts');
  const fonts = await benchmarkFonts(maxK, o.dirs, o.signal);
  const test = new Rows();
  for (const f of fonts.test) f.glyphs.forEach((g, c) => test.add(grey(g), c));
  const testRows = test.labelled(BENCHMARK_SIDE);

  // Classifier trainings per seed: per k, two evaluations of two arms each (real only is trained in both).
  const runs = ks.length * 4;
  const total = o.seeds.length * (GLYPH_CHARS.length * maxK * SOURCE_WORK + runs * o.steps * STEP_WORK);
  let done = 0;
  const started = performance.now();
  const report = (what: string, extra = 0): void => {
    const f = Math.min(1, (done + extra) / total);
    const eta = f > 0.01 ? ((performance.now() - started) * (1 - f)) / f : null;
    o.onProgress?.(
      f,
      `${what} · ${Math.floor(f * 100)}%${eta === null ? '' : ` · about ${formatSeconds(eta)} left`}`,
    );
  };

  const perSeed = ks.map(() => ({ none: [] as number[], classic: [] as number[], vae: [] as number[] }));
  for (const [s, seed] of o.seeds.entries()) {
    const order = trainingOrder(fonts.pool, seed);
    // Synthetic items of every (character, font) the largest k trains on, by method.
    const made = new Map<string, { classic: Float32Array[]; vae: Float32Array[] }>();
    for (const [c, ch] of GLYPH_CHARS.entries())
      for (const font of order[c]!.slice(0, maxK)) {
        if (o.signal?.aborted) throw cancelled();
        made.set(key(font, c), {
          classic: await items(o.classic, GLYPH_CLASSIC, font, c, ch, seed, o.augmentK, o.signal),
          vae: await items(o.vae, GLYPH_VAE, font, c, ch, seed, o.augmentK, o.signal),
        });
        done += SOURCE_WORK;
        report(`Seed ${s + 1}/${o.seeds.length}: making synthetic glyphs`);
      }
    for (const [i, k] of ks.entries()) {
      const train = new Rows();
      const classic = new Rows();
      const vae = new Rows();
      for (let c = 0; c < GLYPH_CHARS.length; c++)
        for (const font of order[c]!.slice(0, k)) {
          const at = train.y.length;
          train.add(grey(font.glyphs[c]!), c);
          const m = made.get(key(font, c))!;
          m.classic.forEach((x) => classic.add(x, c, at));
          m.vae.forEach((x) => vae.add(x, c, at));
        }
      const evaluate = async (synthetic: Rows, arm: string): Promise<{ real: number; mixed: number }> => {
        const base = done;
        const r = await runEvaluation({
          train: train.labelled(BENCHMARK_SIDE),
          synthetic: synthetic.synthetic(BENCHMARK_SIDE),
          test: testRows,
          classes: GLYPH_CHARS.length,
          side: BENCHMARK_SIDE,
          seeds: [seed],
          training: { steps: o.steps },
          ...(o.signal ? { signal: o.signal } : {}),
          onProgress: (f) => {
            done = base + f * 2 * o.steps * STEP_WORK;
            report(`Seed ${s + 1}/${o.seeds.length}, k = ${k}: training (${arm})`);
          },
        });
        done = base + 2 * o.steps * STEP_WORK;
        return { real: r.realOnly.perSeed[0]!, mixed: r.withSynthetic.perSeed[0]! };
      };
      const withClassic = await evaluate(classic, 'classic');
      const withVae = await evaluate(vae, 'VAE posterior');
      perSeed[i]!.none.push(withClassic.real);
      perSeed[i]!.classic.push(withClassic.mixed);
      perSeed[i]!.vae.push(withVae.mixed);
    }
  }
  o.onProgress?.(1, 'Done');

  const arm = (values: number[]) => ({ ...summary(values), perSeed: values });
  const pool = fonts.pool.length;
  return {
    characters: GLYPH_CHARS.length,
    fonts: { found: fonts.found, families: fonts.families.length, test: fonts.test.length },
    seeds: o.seeds,
    steps: o.steps,
    augmentK: o.augmentK,
    rows: ks.map((k, i) => ({
      k,
      counts: {
        train: GLYPH_CHARS.length * k,
        synthetic: GLYPH_CHARS.length * k * o.augmentK,
        test: testRows.y.length,
      },
      arms: {
        none: arm(perSeed[i]!.none),
        classic: arm(perSeed[i]!.classic),
        'vae-posterior': arm(perSeed[i]!.vae),
      },
    })),
    protocol:
      `${fonts.found} fonts with all 62 characters in ${fonts.families.length} families; the test set is all ` +
      `${fonts.test.length} fonts of ${fonts.testFamilies.length} held-out families (${fonts.testFamilies.join(', ')}), ` +
      `never trained on; for each k and seed, each character's k training fonts are drawn by the seed from the ` +
      `${pool} fonts of the other ${fonts.families.length - fonts.testFamilies.length} families, and the three arms ` +
      `train the same ${BENCHMARK_SIDE}×${BENCHMARK_SIDE} MLP classifier for the same ${o.steps} steps from the same ` +
      `initial weights.`,
  };
}

const key = (font: BenchFont, c: number): string => `${font.name}\u0000${c}`;

/** `n` items of one glyph by `method`, item i from `itemSeed(seed, "<font>/<class>", method, i)` alone. */
async function items(
  method: Method,
  params: unknown,
  font: BenchFont,
  c: number,
  ch: string,
  seed: number,
  n: number,
  signal?: AbortSignal,
): Promise<Float32Array[]> {
  const path = `${font.name}/${charFolder(ch)}`;
  const seeds = Array.from({ length: n }, (_, i) => itemSeed(seed, path, method.id, i));
  const out = await method.generate(
    { path, label: charFolder(ch), image: font.glyphs[c]! },
    seeds,
    method.params(params),
    signal,
  );
  return out.map(grey);
}

function formatSeconds(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s < 90 ? `${s} s` : `${Math.round(s / 60)} min`;
}
