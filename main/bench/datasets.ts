/**
 * Datasets figures for `npm run bench -- datasets` (batch sizes with `--batch=1,4,16`, the whole
 * job's size with `--outputs=2000`):
 *   1. items per second of each augment method at each batch size — one `generate` call makes a
 *      batch of k items of one source (what a source's k items cost), the model's first call not
 *      timed; methods this build cannot run are listed as such;
 *   2. the whole `datasets.augment` job on an ImageFolder of real images (read, make, hash, write
 *      through a temp file and a rename, manifest, card): items per second and main's memory as
 *      the outputs grow (the writer streams: resident memory should stay flat);
 *   3. MIDI augment: items per second of each method (variations, continuations, transpositions);
 *   4. the evaluation's training time (`datasets.evaluate`, 2 classifiers per seed), and main's
 *      event-loop delay meanwhile, against the same training run in main's own thread (the peer
 *      the worker thread replaced).
 * Figures only, no timed assertions.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DATASET_METHODS, MIDI_AUGMENT_METHODS, type DatasetMethod } from '../../preload/contract';
import { evaluateAugmentation } from '../../preload/labs/evaluate';
import type { Atelier } from '../services/atelier';
import { loadEvaluationSets } from '../services/datasets/evaluate-folder';
import { readImage } from '../services/datasets/imagefolder';
import type { SourceImage } from '../services/datasets/method';
import { METHODS } from '../services/datasets/methods';
import { appRoot } from '../services/paths';
import type { ServiceDeps } from '../services/section';
import { percentile, type Table } from './latent';

const DEFAULT_BATCHES = [1, 4, 16];
/** Timed calls per method and batch size (after one untimed warm-up call). */
const CALLS = 12;
/** The whole-job run: k items per source, and about this many outputs (`--outputs=N` for more). */
const JOB_K = 8;
const JOB_OUTPUTS = 2_000;
const EVAL_SEEDS = [1, 2];
const MIDI_K = 4;
const EVAL_STEPS = 300;
const f = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const MiB = 1024 * 1024;

function outputs(): number {
  const flag = process.argv.find((a) => a.startsWith('--outputs='));
  const n = flag ? Number(flag.slice('--outputs='.length)) : JOB_OUTPUTS;
  if (!Number.isInteger(n) || n < 100 || n > 1_000_000)
    throw new Error('--outputs= takes a number of outputs from 100 to 1000000, e.g. --outputs=100000');
  return n;
}

function batchSizes(): number[] {
  const flag = process.argv.find((a) => a.startsWith('--batch='));
  if (!flag) return DEFAULT_BATCHES;
  const sizes = flag
    .slice('--batch='.length)
    .split(',')
    .map((s) => Number(s));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 64))
    throw new Error('--batch= takes batch sizes from 1 to 64, e.g. --batch=1,4,16');
  return sizes;
}

/** The sources each method is timed on: a held-out glyph for the glyph VAE, a texture otherwise. */
async function sourceFor(method: DatasetMethod): Promise<SourceImage> {
  const glyph = method === 'vae-posterior';
  const dir = join(appRoot(), 'models', glyph ? 'glyphs' : 'texture-vae', 'heldout');
  const file = readdirSync(dir).filter((n) => n.endsWith('.png'))[0]!;
  const r = await readImage(join(dir, file));
  if (!r.ok) throw new Error(`${file}: ${r.reason}`);
  return { path: `bench/${file}`, label: glyph ? 'upper-A' : 'stone', image: r.image };
}

async function methodSpeeds(atelier: Atelier, printTable: Table): Promise<void> {
  const deps = { registry: atelier.registry, inference: atelier.inference } as unknown as ServiceDeps;
  const rows: string[][] = [];
  for (const id of DATASET_METHODS) {
    const factory = METHODS[id];
    if (!factory) {
      rows.push([id, '-', '-', '-', '-', 'not in this build']);
      continue;
    }
    let method;
    try {
      method = await factory(deps, undefined);
    } catch (e) {
      rows.push([id, '-', '-', '-', '-', `unavailable: ${(e as Error).message}`]);
      continue;
    }
    const source = await sourceFor(id);
    const params = method.params(undefined);
    await method.generate(source, [0], params); // loads the model
    for (const batch of batchSizes()) {
      const ms: number[] = [];
      for (let call = 0; call < CALLS; call++) {
        const seeds = Array.from({ length: batch }, (_, j) => call * 1000 + j);
        const t0 = performance.now();
        await method.generate(source, seeds, params);
        ms.push(performance.now() - t0);
      }
      const med = percentile(ms, 0.5);
      const size = `${source.image.width}×${source.image.height}`;
      rows.push([id, String(batch), f(med), f(med / batch, 2), f((1000 * batch) / med), `source ${size}`]);
    }
  }
  printTable(
    '11. Datasets: augment methods (one generate call = one source, k items)',
    ['method', 'batch k', 'ms / call p50', 'ms / item', 'items / s', 'notes'],
    rows,
    [`${CALLS} timed calls per row after a warm-up; batch sizes: --batch=1,4,16 (default)`],
  );
}

/** An ImageFolder of `copies` copies of each held-out texture, one class per texture, and a test split. */
async function textureFolder(root: string, copies: number): Promise<number> {
  const dir = join(appRoot(), 'models', 'texture-vae', 'heldout');
  const files = readdirSync(dir).filter((n) => n.endsWith('.png'));
  let n = 0;
  for (const [c, file] of files.entries()) {
    for (const split of ['train', 'test']) await mkdir(join(root, split, `class-${c}`), { recursive: true });
    for (let i = 0; i < copies; i++) {
      await copyFile(join(dir, file), join(root, 'train', `class-${c}`, `${i}.png`));
      n++;
    }
    await copyFile(join(dir, file), join(root, 'test', `class-${c}`, 'held.png'));
  }
  return n;
}

async function wholeJob(atelier: Atelier, printTable: Table): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'atelier-bench-datasets-'));
  try {
    const input = join(root, 'in');
    const heldout = readdirSync(join(appRoot(), 'models', 'texture-vae', 'heldout')).length;
    const sources = await textureFolder(input, Math.ceil(outputs() / (JOB_K + 1) / heldout));
    const out = join(root, 'out');
    const rss: string[] = [];
    const jobId = 'bench-datasets-augment';
    let next = 0.25;
    const off = atelier.events.on('job.progress', (p) => {
      if (p.jobId !== jobId || p.fraction < next) return;
      rss.push(`${Math.round(p.fraction * 100)}%: ${f(process.memoryUsage().rss / MiB, 0)} MiB`);
      next += 0.25;
    });
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const r = await atelier.router.call('datasets.augment', {
      input,
      out,
      method: 'classic',
      k: JOB_K,
      seed: 1,
      jobId,
    });
    const seconds = (performance.now() - t0) / 1000;
    off();
    if (!r.ok) throw new Error(r.error.message);
    const written = (r.value as { written: number }).written;
    const items = sources * (JOB_K + 1);

    const evalRows = await evaluation(atelier, input, out);
    printTable(
      '13. Datasets: the whole augment job, and the evaluation',
      ['what', 'items', 'seconds', 'items / s', 'notes'],
      [
        [
          `augment classic k=${JOB_K}`,
          String(items),
          f(seconds),
          f(items / seconds),
          `${written} files; rss ${f(rss0 / MiB, 0)} MiB at start, ${rss.join(', ')}`,
        ],
        ...evalRows,
      ],
      [
        'evaluation: seconds to read the images, then train and test both arms (real only, real + synthetic) for each seed',
        '(the worker already started by an untimed first evaluation);',
        "event-loop p99/max: main's delay meanwhile (10 ms resolution, so idle ≈ 10 ms)",
      ],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function evaluation(atelier: Atelier, input: string, out: string): Promise<string[][]> {
  const rows: string[][] = [];
  const measure = async (label: string, work: () => Promise<unknown>): Promise<void> => {
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    const t0 = performance.now();
    await work();
    const seconds = (performance.now() - t0) / 1000;
    h.disable();
    const p99 = h.percentile(99) / 1e6;
    const max = h.max / 1e6;
    rows.push([label, '-', f(seconds), '-', `event loop p99 ${f(p99)} ms, max ${f(max)} ms`]);
  };
  const settings = `${EVAL_SEEDS.length} seeds × ${EVAL_STEPS} steps`;
  // Untimed: starts the worker thread and loads tfjs there (the first evaluation's cost).
  const warm = await atelier.router.call('datasets.evaluate', {
    input,
    augmented: out,
    seeds: [1],
    steps: 1,
  });
  if (!warm.ok) throw new Error(warm.error.message);
  await measure(`evaluate in the worker thread (${settings})`, async () => {
    const r = await atelier.router.call('datasets.evaluate', {
      input,
      augmented: out,
      seeds: EVAL_SEEDS,
      steps: EVAL_STEPS,
    });
    if (!r.ok) throw new Error(r.error.message);
  });
  await measure(`peer: the same, trained in main's thread`, async () => {
    const sets = await loadEvaluationSets(input, out, 16);
    await evaluateAugmentation({
      train: sets.train,
      synthetic: sets.synthetic,
      test: sets.test,
      classes: sets.classes.length,
      side: 16,
      seeds: EVAL_SEEDS,
      training: { steps: EVAL_STEPS },
    });
  });
  return rows;
}

/** MIDI augment: each method alone over the melody VAE's held-out tunes, k = MIDI_K each. */
async function midiSpeeds(atelier: Atelier, printTable: Table): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'atelier-bench-midi-'));
  try {
    const input = join(root, 'in');
    await mkdir(join(input, 'folk'), { recursive: true });
    const dir = join(appRoot(), 'models', 'melody-vae', 'heldout');
    const tunes = readdirSync(dir).filter((n) => n.endsWith('.mid'));
    for (const t of tunes) await copyFile(join(dir, t), join(input, 'folk', t));
    const rows: string[][] = [];
    for (const [i, method] of MIDI_AUGMENT_METHODS.entries()) {
      const call = () =>
        atelier.router.call('datasets.augmentMidi', {
          input,
          out: join(root, `${method}-${i}-${performance.now()}`),
          methods: [method],
          k: MIDI_K,
          seed: 1,
        });
      const warm = await call(); // loads the models
      if (!warm.ok) throw new Error(warm.error.message);
      const t0 = performance.now();
      const r = await call();
      const seconds = (performance.now() - t0) / 1000;
      if (!r.ok) throw new Error(r.error.message);
      const items = tunes.length * MIDI_K;
      rows.push([method, String(items), f(seconds, 2), f(items / seconds)]);
    }
    printTable(
      `12. Datasets: MIDI augment (${tunes.length} held-out folk tunes, k=${MIDI_K}, one method a run)`,
      ['method', 'items', 'seconds', 'items / s'],
      rows,
      ['each run after a warm-up run that loads the models; the real copies are written too, not counted'],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function benchDatasets(atelier: Atelier, printTable: Table): Promise<void> {
  await methodSpeeds(atelier, printTable);
  await midiSpeeds(atelier, printTable);
  await wholeJob(atelier, printTable);
}
