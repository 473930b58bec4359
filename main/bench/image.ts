/**
 * Image studio figures for `npm run bench` (section 7):
 *   a. the bundled diffusion model through the service (router → samplers → inference process →
 *      PNG → library): ms per denoising step and per image, at each size the model lists and
 *      batch 1 / 4, guidance on (each step runs the UNet on 2 × batch rows);
 *   b. the same UNet call in this Node process under onnxruntime-node and under the peer,
 *      onnxruntime-web (wasm), side by side.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import type { ImageOutput } from '../../preload/contract';
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
  const peerRows: string[][] = [];
  const words = s.conditioning.input === 'words' ? s.conditioning.maxWords : 8;
  for (const size of s.sizes) {
    const n = 2 * 3 * size * size;
    const x = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) * 0.8);
    const t = Float32Array.from([500, 500]);
    const w = new BigInt64Array(2 * words);
    const node: number[] = [];
    const web: number[] = [];
    for (let k = 0; k < PEER_RUNS + 2; k++) {
      const t0 = performance.now();
      await nodeSession.run({
        sample: new ortNode.Tensor('float32', x, [2, 3, size, size]),
        timestep: new ortNode.Tensor('float32', t, [2]),
        words: new ortNode.Tensor('int64', w, [2, words]),
      });
      const t1 = performance.now();
      await webSession.run({
        sample: new ortWeb.Tensor('float32', x, [2, 3, size, size]),
        timestep: new ortWeb.Tensor('float32', t, [2]),
        words: new ortWeb.Tensor('int64', w, [2, words]),
      });
      const t2 = performance.now();
      if (k < 2) continue;
      node.push(t1 - t0);
      web.push(t2 - t1);
    }
    const a = median(node);
    const b = median(web);
    peerRows.push([`${size}×${size}`, f(a, 2), f(b, 2), `${f(b / a, 2)}×`]);
  }
  await nodeSession.release();
  await webSession.release();
  printTable(
    `7b. One UNet call (2 rows: guidance) in this process: onnxruntime-node (CPU) vs the peer onnxruntime-web (wasm, ${Math.min(4, cpus().length)} threads), ms`,
    ['size', 'onnxruntime-node', 'onnxruntime-web', 'web / node'],
    peerRows,
    [`median of ${PEER_RUNS} after 2 warm-ups`],
  );
}
