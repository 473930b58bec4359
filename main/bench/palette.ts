/**
 * Palettes studio figures for `npm run bench -- palette`: the calls a designer waits for, through
 * the router (validation → service → inference process → answer):
 *   generate (1 and 32 palettes), score (one palette, as the meter asks while a colour is edited),
 *   complete with 1–4 free colours (1 and 8 palettes: each a Metropolis-within-Gibbs chain, one
 *   batched forward run per proposal round), interpolate (11 steps); and the floor under all of
 *   them, one bare forward run of the flow (batch 1) from main.
 */
import { performance } from 'node:perf_hooks';
import type { PaletteList } from '../../preload/contract';
import type { Atelier } from '../services/atelier';
import { COMPLETE_SWEEPS, paletteFlow, type PaletteModel } from '../services/palette/palette';
import { percentile, type Table } from './latent';

const RUNS = 15;
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
}
