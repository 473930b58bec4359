/**
 * Image studio figures for `npm run bench` (section 7):
 *   a. the bundled diffusion model through the service (router → samplers → inference process →
 *      PNG → library): ms per denoising step and per image, at each size the model lists and
 *      batch 1 / 4, guidance on (each step runs the UNet on 2 × batch rows);
 *   b. the same UNet call in this Node process under onnxruntime-node and under the peer,
 *      onnxruntime-web (wasm), side by side; with ATELIER_BENCH_EMOJI_BEFORE=<an earlier
 *      unet.onnx> (e.g. `git show <rev>:models/emoji/unet.onnx > before.onnx`), that model's
 *      call under onnxruntime-node in the same loop, for old vs new;
 *   c. the inference process's peak resident memory for the largest job each model allows (its
 *      largest side, the batch its pixels-per-job budget leaves), the bundled model and the tiny
 *      Stable Diffusion fixture, each in a fresh inference process.
 */
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import type { ImageOutput, ModelStatus } from '../../preload/contract';
import { imageSizeLimits } from '../../preload/image';
import type { Atelier } from '../services/atelier';
import type { Table } from './latent';

const STEPS = 20;
const PEER_RUNS = 10;
const f = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function benchImage(atelier: Atelier, printTable: Table): Promise<void> {
  const m = atelier.registry.get('emoji');
  if (!m || m.error || !m.manifest?.image) {
    console.log(
      `\n7. Image studio: the bundled model "emoji" is not available (${m?.error ?? 'not installed'}); skipped`,
    );
    return;
  }
  const s = m.manifest.image;
  const rows: string[][] = [];
  let job = 0;
  for (const size of s.sizes)
    for (const batch of [1, 4]) {
      const run = async (): Promise<number> => {
        const t0 = performance.now();
        const r = await atelier.router.call('image.generate', {
          jobId: `bench-image-${++job}-${Date.now()}`,
          params: {
            model: 'emoji',
            prompt: 'red heart',
            seed: job,
            steps: STEPS,
            width: size,
            height: size,
            batch,
            previewEvery: 0,
          },
        });
        if (!r.ok) throw new Error(r.error.message);
        void (r.value as ImageOutput);
        return performance.now() - t0;
      };
      await run(); // warm-up: model load, first allocations
      const times = [await run(), await run()];
      const ms = median(times);
      rows.push([`${size}×${size}`, String(batch), f(ms / STEPS, 2), f(ms / batch, 0), f(ms, 0)]);
    }
  printTable(
    `7a. Image studio: the bundled model (${m.manifest.name}), ${STEPS} DDIM steps, guidance ${s.defaults.guidance} (2 × batch rows per UNet call), whole service path`,
    ['size', 'batch', 'ms / step', 'ms / image', 'ms / job'],
    rows,
    ['median of 2 runs after a warm-up; a job includes the PNGs and the library writes'],
  );

  // b. One UNet call (guidance batch of 2) under onnxruntime-node and onnxruntime-web (wasm).
  const path = join(m.dir, s.unet);
  const nodeSession = await ortNode.InferenceSession.create(path, { graphOptimizationLevel: 'all' });
  ortWeb.env.wasm.numThreads = Math.min(4, cpus().length);
  const webSession = await ortWeb.InferenceSession.create(path, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  const beforePath = process.env['ATELIER_BENCH_EMOJI_BEFORE'];
  const beforeSession = beforePath
    ? await ortNode.InferenceSession.create(beforePath, { graphOptimizationLevel: 'all' })
    : null;
  const peerRows: string[][] = [];
  const words = s.conditioning.input === 'words' ? s.conditioning.maxWords : 8;
  for (const size of s.sizes) {
    const n = 2 * 3 * size * size;
    const x = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) * 0.8);
    const t = Float32Array.from([500, 500]);
    const w = new BigInt64Array(2 * words);
    const feeds = <T>(
      make: (type: 'float32' | 'int64', data: Float32Array | BigInt64Array, dims: number[]) => T,
    ) => ({
      sample: make('float32', x, [2, 3, size, size]),
      timestep: make('float32', t, [2]),
      words: make('int64', w, [2, words]),
    });
    const nodeFeeds = feeds((type, data, dims) => new ortNode.Tensor(type, data, dims));
    const webFeeds = feeds((type, data, dims) => new ortWeb.Tensor(type, data, dims));
    const node: number[] = [];
    const web: number[] = [];
    const before: number[] = [];
    for (let k = 0; k < PEER_RUNS + 2; k++) {
      const t0 = performance.now();
      await nodeSession.run(nodeFeeds);
      const t1 = performance.now();
      await webSession.run(webFeeds);
      const t2 = performance.now();
      await beforeSession?.run(nodeFeeds);
      const t3 = performance.now();
      if (k < 2) continue;
      node.push(t1 - t0);
      web.push(t2 - t1);
      before.push(t3 - t2);
    }
    const a = median(node);
    const b = median(web);
    peerRows.push([
      `${size}×${size}`,
      f(a, 2),
      f(b, 2),
      `${f(b / a, 2)}×`,
      ...(beforeSession ? [f(median(before), 2)] : []),
    ]);
  }
  await nodeSession.release();
  await webSession.release();
  await beforeSession?.release();
  printTable(
    `7b. One UNet call (2 rows: guidance) in this process: onnxruntime-node (CPU) vs the peer onnxruntime-web (wasm, ${Math.min(4, cpus().length)} threads), ms`,
    [
      'size',
      'onnxruntime-node',
      'onnxruntime-web',
      'web / node',
      ...(beforeSession ? ['model it replaced (node)'] : []),
    ],
    peerRows,
    [
      `median of ${PEER_RUNS} after 2 warm-ups`,
      beforeSession
        ? `model it replaced: ${beforePath}`
        : 'set ATELIER_BENCH_EMOJI_BEFORE to an earlier unet.onnx to time it beside this one',
    ],
  );

  await benchImagePeaks(atelier, printTable);
}

/** Replaces the inference process with a fresh one (its peak RSS starts over) and waits for it. */
async function freshProcess(atelier: Atelier): Promise<void> {
  await atelier.inference.start();
  const ready = new Promise<void>((done) => {
    const off = atelier.inference.onStatus((s) => {
      if (s.state === 'ready') {
        off();
        done();
      }
    });
  });
  atelier.inference.kill();
  await ready;
}

/** 7c: the peak RSS of the inference process for each model's largest allowed job. */
export async function benchImagePeaks(atelier: Atelier, printTable: Table): Promise<void> {
  const ids: { id: string; label: string }[] = [];
  const emoji = atelier.registry.get('emoji');
  if (emoji && !emoji.error && emoji.manifest?.image)
    ids.push({ id: 'emoji', label: 'emoji (bundled, pixel)' });
  try {
    const r = await atelier.router.call('models.import', { path: resolve('models/training/images/tiny-sd') });
    if (r.ok) ids.push({ id: (r.value as ModelStatus).id, label: 'tiny SD fixture (latent)' });
  } catch {
    // the fixture is not there: the bundled model only
  }
  let peak = 0;
  const off = atelier.inference.onRun((r) => (peak = Math.max(peak, r.peakRssBytes)));
  const rows: string[][] = [];
  try {
    for (const { id, label } of ids) {
      const s = atelier.registry.get(id)!.manifest!.image!;
      const { maxSize, maxPixelsPerJob } = imageSizeLimits(s);
      const batch = Math.max(1, Math.min(8, Math.floor(maxPixelsPerJob / (maxSize * maxSize))));
      // A fresh inference process, so its peak is this job's (memory does not depend on the steps).
      await freshProcess(atelier);
      peak = 0;
      const t0 = performance.now();
      const r = await atelier.router.call('image.generate', {
        jobId: `bench-image-peak-${id}-${Date.now()}`,
        params: {
          model: id,
          prompt: 'red heart',
          seed: 1,
          steps: 2,
          width: maxSize,
          height: maxSize,
          batch,
          previewEvery: 0,
        },
      });
      if (!r.ok) throw new Error(r.error.message);
      rows.push([
        label,
        `${s.trainSize}`,
        `${maxSize}×${maxSize}`,
        String(batch),
        maxPixelsPerJob.toLocaleString('en-US'),
        f(peak / 2 ** 20, 0),
        f(performance.now() - t0, 0),
      ]);
    }
  } finally {
    off();
  }
  printTable(
    "7c. Image studio: the inference process's peak RSS for the largest job each model allows (guidance on: 2 × batch rows per UNet call)",
    ['model', 'trained at', 'max size', 'batch', 'max px / job', 'peak RSS MiB', 'ms (2 steps)'],
    rows,
    ['each in a fresh inference process; the peak includes onnxruntime and the loaded model'],
  );
}
