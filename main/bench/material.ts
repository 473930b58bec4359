/**
 * Materials figures for `npm run bench -- material`: the maps of a 1024 and a 2048 px texture
 * (made with texture.generate). In this thread, the maps alone (height, normal, roughness, AO;
 * main/services/material/maps.ts); through the router, the whole `material.maps` call (the
 * preview's five 8-bit PNGs) and `material.export` at 8 and 16 bits (decode → maps → encode in the
 * worker thread), with main's event-loop delay meanwhile. The 3D preview's frame time is measured
 * in Chromium by e2e/browser/materials.spec.ts (attached there as material-frame-ms.json).
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Generation } from '../../preload/contract';
import { decodePng } from '../inference/image';
import type { Atelier } from '../services/atelier';
import { DEFAULT_MATERIAL, materialMaps } from '../services/material/maps';
import { percentile, type Table } from './latent';

const SIZES = [
  { size: 1024, runs: 5 },
  { size: 2048, runs: 3 },
];
const f = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

async function call(atelier: Atelier, method: string, input: object): Promise<unknown> {
  const r = await atelier.router.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}

export async function benchMaterial(atelier: Atelier, printTable: Table): Promise<void> {
  const tex = atelier.registry.get('texture');
  const style = tex?.manifest?.texture?.styles[0]?.id;
  if (!tex || tex.error || !style) {
    console.log('\n15. Materials: SKIPPED (the texture model is unavailable)');
    return;
  }
  const rows: string[][] = [];
  for (const { size, runs } of SIZES) {
    const gen = (await call(atelier, 'texture.generate', {
      jobId: `bench-material-${size}`,
      params: { seed: 5, size, style },
    })) as Generation;
    const img = decodePng((await atelier.library.readAsset(gen.id, 'image')).bytes);
    const source = { generationId: gen.id };
    const timeIt = async (fn: () => unknown): Promise<{ ms: number[]; eld: number }> => {
      await fn(); // warm: the worker thread starts on the first call
      const ms: number[] = [];
      const h = monitorEventLoopDelay({ resolution: 1 });
      h.enable();
      for (let r = 0; r < runs; r++) {
        const t0 = performance.now();
        await fn();
        ms.push(performance.now() - t0);
      }
      h.disable();
      return { ms, eld: h.percentile(99) / 1e6 };
    };
    const row = (label: string, t: { ms: number[]; eld: number }, thread: string): void => {
      const med = percentile(t.ms, 0.5);
      rows.push([
        `${label} @ ${size}`,
        f(med),
        f(percentile(t.ms, 0.95)),
        f(med / ((size * size) / 1e6)),
        thread,
        thread === 'worker' ? f(t.eld, 1) : '-',
      ]);
    };
    row(
      'maps only (height, normal, roughness, AO)',
      await timeIt(() => materialMaps(img, DEFAULT_MATERIAL, 'gl')),
      'bench (main)',
    );
    row(
      'material.maps (5 PNGs, 8-bit)',
      await timeIt(() => call(atelier, 'material.maps', { source })),
      'worker',
    );
    row(
      'material.export 8-bit',
      await timeIt(() => call(atelier, 'material.export', { source, bits: 8 })),
      'worker',
    );
    row(
      'material.export 16-bit',
      await timeIt(() => call(atelier, 'material.export', { source, bits: 16 })),
      'worker',
    );
  }
  printTable(
    `15. Materials: maps of a texture (ms; median and p95 of ${SIZES.map((s) => s.runs).join(' / ')} runs after 1 warm-up)`,
    ['what', 'med', 'p95', 'ms / MP', 'where', 'main ELD p99 ms'],
    rows,
    [
      "maps only: in the bench's own thread (no ELD column: the maps themselves would be what blocks it)",
      'router calls: read the record → decode → maps → PNG encode in the material worker thread; main stays free',
      "the 3D preview's frame time is measured in Chromium by the e2e spec (SwiftShader there: not a GPU figure)",
    ],
  );
}
