/**
 * Stable Diffusion formats for `npm run bench -- image-formats` (and a bench of everything): the tiny
 * random-weight pipeline (models/training/images/tiny-sd*) as published in fp32, in fp16
 * (float16 graphs: onnxruntime's CPU provider casts around the nodes it has no float16 kernel
 * for) and as a few-step Turbo pipeline at 1 step, side by side:
 *   - ms per UNet step: one UNet request through the inference process with the rows a step
 *     feeds (2 with classifier-free guidance, 1 for Turbo), the median of a few runs;
 *   - ms per image: `image.generate` through the router (text encoder, every step, VAE decoder,
 *     PNG, library), the median of a few runs at each model's default steps.
 * Imported into the bench's throwaway data folder. Figures only.
 */
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ModelStatus } from '../../preload/contract';
import { toHalf } from '../inference/half';
import type { WireTensor } from '../inference/protocol';
import type { Atelier } from '../services/atelier';
import type { Table } from './latent';

const FORMATS = [
  { folder: 'tiny-sd', label: 'fp32' },
  { folder: 'tiny-sd-fp16', label: 'fp16' },
  { folder: 'tiny-sd-turbo', label: 'Turbo (1 step)' },
] as const;
const SIZES = [64, 128];
const UNET_RUNS = 12;
const IMAGE_RUNS = 5;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const f = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

function floats(n: number, dims: number[], dtype: string): WireTensor {
  const v = Float32Array.from({ length: n }, (_, i) => Math.sin(0.37 * i));
  return dtype === 'float16'
    ? { dtype: 'float16', dims, data: toHalf(v).buffer as ArrayBuffer }
    : { dtype: 'float32', dims, data: v.buffer };
}

function timestep(dtype: string, rows: number): WireTensor {
  if (dtype === 'int64') return { dtype, dims: [rows], data: new BigInt64Array(rows).fill(500n).buffer };
  return floats(rows, [rows], dtype);
}

export async function benchImageFormats(atelier: Atelier, printTable: Table): Promise<void> {
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await atelier.router.call(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };
  const rows: string[][] = [];
  let job = 0;
  for (const fmt of FORMATS) {
    let m: ModelStatus;
    try {
      m = await call<ModelStatus>('models.import', { path: resolve('models/training/images', fmt.folder) });
    } catch (e) {
      console.log(`\nImage formats: ${fmt.folder} cannot be imported (${(e as Error).message}); skipped`);
      continue;
    }
    const reg = atelier.registry.get(m.id)!;
    const s = reg.manifest!.image!;
    const steps = fmt.folder === 'tiny-sd-turbo' ? 1 : s.defaults.steps;
    const unetRows = s.fewStep ? 1 : 2;
    for (const size of SIZES) {
      const h = size / 8;
      const fl = s.floats;
      const feeds = {
        sample: floats(unetRows * 4 * h * h, [unetRows, 4, h, h], fl?.sample ?? 'float32'),
        timestep: timestep(s.timestep.dtype, unetRows),
        encoder_hidden_states: floats(unetRows * 77 * 32, [unetRows, 77, 32], fl?.hiddenStates ?? 'float32'),
      };
      const unet = { id: `${m.id}/unet`, path: join(reg.dir, s.unet) };
      await atelier.inference.run({ model: unet, feeds, outputs: ['out_sample'] }); // load + warm up
      const stepMs: number[] = [];
      for (let i = 0; i < UNET_RUNS; i++) {
        const t0 = performance.now();
        await atelier.inference.run({ model: unet, feeds, outputs: ['out_sample'] });
        stepMs.push(performance.now() - t0);
      }
      const imageMs: number[] = [];
      for (let i = 0; i <= IMAGE_RUNS; i++) {
        const t0 = performance.now();
        await call('image.generate', {
          jobId: `bench-formats-${++job}`,
          params: {
            model: m.id,
            prompt: 'a red apple',
            seed: i,
            steps,
            width: size,
            height: size,
            previewEvery: 0,
          },
        });
        if (i > 0) imageMs.push(performance.now() - t0); // the first loads the text encoder and VAE
      }
      rows.push([
        fmt.label,
        s.floats?.sample ?? 'float32',
        `${size}`,
        `${steps}`,
        `${unetRows}`,
        f(median(stepMs), 2),
        f(median(imageMs), 1),
      ]);
    }
  }
  printTable(
    'Image formats: the tiny Stable Diffusion pipeline, fp32 vs fp16 vs Turbo at 1 step',
    ['format', 'UNet dtype', 'size px', 'steps', 'UNet rows/step', 'ms / UNet step', 'ms / image'],
    rows,
    [
      `ms / UNet step: median of ${UNET_RUNS} UNet requests through the inference process (the rows one step feeds: 2 with guidance, 1 for Turbo)`,
      `ms / image: median of ${IMAGE_RUNS} image.generate calls through the router (text encoder, steps, VAE, PNG, library) after one warm-up`,
      'random weights, so the figures are about the formats, not the pictures; fp16 on the CPU provider runs with casts around nodes that lack float16 kernels',
    ],
  );
}
