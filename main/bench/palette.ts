/**
 * Palettes studio figures for `npm run bench -- palette`: the calls a designer waits for, through
 * the router (validation → service → inference process → answer):
 *   generate (1 and 32 palettes), score (one palette, as the meter asks while a colour is edited),
 *   complete with 1–4 free colours (1 and 8 palettes: each a Metropolis-within-Gibbs chain, one
 *   batched forward run per proposal round), interpolate (11 steps); and the floor under all of
 *   them, one bare forward run of the flow (batch 1) from main.
 * Then apply: ms per recolour of a 1024 px texture (made with texture.generate at 1024), the whole
 * call (read the PNG, decode → gradient map → encode in the worker thread, save) and main's
 * event-loop delay meanwhile.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Generation, PaletteList } from '../../preload/contract';
import { recolorPixels } from '../../preload/palette';
import { decodePng } from '../inference/image';
import type { Atelier } from '../services/atelier';
import { COMPLETE_SWEEPS, paletteFlow, type PaletteModel } from '../services/palette/palette';
import { percentile, type Table } from './latent';

const RUNS = 15;
/** Recolours of the 1024 px texture timed (after 1 warm-up, which starts the worker thread). */
const APPLY_RUNS = 8;
const f = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

/** A real palette (nice-color-palettes) to score and to keep colours of. */
const PALETTE = ['#ecd078', '#d95b43', '#c02942', '#542437', '#53777a'];

async function timed(atelier: Atelier, method: string, input: (run: number) => object): Promise<number[]> {
  const ms: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const t0 = performance.now();
    const r = await atelier.router.call(method, input(run));
    const dt = performance.now() - t0;
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    if (run > 0) ms.push(dt); // the first loads the graphs
  }
  return ms;
}

export async function benchPalette(atelier: Atelier, printTable: Table): Promise<void> {
  const m = atelier.registry.get('palettes');
  if (!m || m.error || !m.manifest) {
    console.log('\n8. Palettes: SKIPPED (the palettes model is unavailable)');
    return;
  }
  const rows: string[][] = [];
  const row = (label: string, ms: number[], palettes: number, runs: string): void => {
    const med = percentile(ms, 0.5);
    rows.push([label, f(med), f(percentile(ms, 0.95)), f(med / palettes, 2), runs]);
  };

  // The floor: one forward run of one palette, main → inference process → main.
  const flow = paletteFlow(m as PaletteModel);
  const bare: number[] = [];
  const run = (req: Parameters<typeof atelier.inference.run>[0]) => atelier.inference.run(req);
  for (let i = 0; i <= RUNS * 2; i++) {
    const t0 = performance.now();
    await flow.logDensity(run, [[0.6, 0, 0, 0.7, 0, 0, 0.7, 0, 0, 0.7, 0, 0, 0.6, 0, 0]]);
    if (i > 0) bare.push(performance.now() - t0);
  }
  row('forward run, batch 1 (bare)', bare, 1, '1');

  for (const count of [1, 32])
    row(
      `generate ${count}`,
      await timed(atelier, 'palette.generate', (r) => ({ seed: r, count })),
      count,
      '2',
    );
  row('score 1', await timed(atelier, 'palette.score', () => ({ colors: PALETTE })), 1, '1');
  for (const free of [1, 2, 3, 4])
    for (const count of [1, 8]) {
      const colors = PALETTE.map((c, k) => (k >= 5 - free ? null : c));
      row(
        `complete ${free} free × ${count}`,
        await timed(atelier, 'palette.complete', (r) => ({ colors, seed: r, count })),
        count,
        String(4 + COMPLETE_SWEEPS * free),
      );
    }
  const mid = (await atelier.router.call('palette.generate', { seed: 1, count: 2 })) as {
    ok: true;
    value: PaletteList;
  };
  row(
    'interpolate 11 steps',
    await timed(atelier, 'palette.interpolate', () => ({
      from: PALETTE,
      to: mid.value.palettes[1]!.colors,
      steps: 11,
    })),
    11,
    '3',
  );

  printTable(
    `8. Palettes: router calls (ms; median and p95 of ${RUNS} after 1 warm-up)`,
    ['call', 'med', 'p95', 'ms / palette', 'ort runs'],
    rows,
    [
      'generate = seeded base-space draws → inverse graph (6 draws a palette, kept in gamut) → forward graph to score',
      `complete = starting draws + ${COMPLETE_SWEEPS} Metropolis-within-Gibbs sweeps; one batched forward run per free colour per sweep, all chains together`,
      'score = one forward run; the Palettes meter asks for it (latest wins) while a colour is edited',
    ],
  );
  await benchApply(atelier, printTable);
}

/** `palette.apply` on a 1024 px texture: ms per recolour, and main's event-loop delay meanwhile. */
async function benchApply(atelier: Atelier, printTable: Table): Promise<void> {
  const tex = atelier.registry.get('texture');
  const style = tex?.manifest?.texture?.styles[0]?.id;
  if (!tex || tex.error || !style) {
    console.log('\n8b. Palettes, apply: SKIPPED (the texture model is unavailable)');
    return;
  }
  const made = await atelier.router.call('texture.generate', {
    jobId: 'bench-palette-apply-texture',
    params: { seed: 3, size: 1024, style },
  });
  if (!made.ok) throw new Error(`texture.generate: ${made.error.message}`);
  const source = made.value as Generation;
  const rows: string[][] = [];
  for (const strength of [1, 0.6]) {
    const call: number[] = [];
    const work: number[] = [];
    const delay = monitorEventLoopDelay({ resolution: 5 });
    for (let run = 0; run <= APPLY_RUNS; run++) {
      if (run === 1) delay.enable();
      const t0 = performance.now();
      const r = await atelier.router.call('palette.apply', {
        generationId: source.id,
        colors: PALETTE,
        strength,
      });
      const dt = performance.now() - t0;
      if (!r.ok) throw new Error(`palette.apply: ${r.error.message}`);
      if (run > 0) {
        call.push(dt);
        work.push((r.value as Generation).durationMs);
      }
    }
    delay.disable();
    // The colour maths alone (no PNG, no thread, no save), on the bench's own thread.
    const pixels = decodePng((await atelier.library.readAsset(source.id, 'image')).bytes);
    const kernel: number[] = [];
    for (let run = 0; run <= APPLY_RUNS; run++) {
      const t0 = performance.now();
      recolorPixels(pixels, PALETTE, strength);
      if (run > 0) kernel.push(performance.now() - t0);
    }
    rows.push([
      `recolour 1024 px texture, strength ${strength}`,
      f(percentile(call, 0.5)),
      f(percentile(call, 0.95)),
      f(percentile(work, 0.5)),
      f(percentile(kernel, 0.5)),
      f(delay.percentile(99) / 1e6),
      f(delay.max / 1e6),
    ]);
  }
  printTable(
    `8b. Palettes, apply: ms per recolour (median and p95 of ${APPLY_RUNS} after 1 warm-up)`,
    ['call', 'med', 'p95', 'read + worker', 'maths only', 'loop p99', 'loop max'],
    rows,
    [
      'call = palette.apply through the router: read the source PNG, decode → OKLab gradient map → encode image + thumbnail in the worker thread, save the record',
      "read + worker = the record's durationMs (everything but the SQLite commit); maths only = recolorPixels on the decoded 1024² pixels (no PNG, no thread)",
      "loop p99 / max = main's event-loop delay (ms) while the recolours ran",
    ],
  );
}
