/**
 * Latent Explorer figures for `npm run bench`, for each bundled latent model:
 *   a. decoder latency in the inference process (onnxruntime's own time) and through the whole
 *      service call (router → inference process → pixels), p50/p95, for the pad's decode;
 *   b. the same decoder run in this Node process with onnxruntime-node and with onnxruntime-web
 *      (wasm), the peer, side by side;
 *   c. pointer move → painted pixels in Debian Chromium through the browser host: a scripted
 *      drag of DRAG_MOVES moves on the pad, read back from the renderer's performance marks.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import type { LatentView, ModelStatus } from '../../preload/contract';
import playwrightConfig, { CHROMIUM } from '../../playwright.config';
import { startBrowserHost } from '../host/server';
import type { Atelier } from '../services/atelier';
import { modelFile, requireModel } from '../services/models/resolve';
import { appRoot } from '../services/paths';

const DECODES = 200;
const PEER_RUNS = 200;
const DRAG_MOVES = 360;
/** Pointer events at about 125 Hz, a typical mouse. */
const MOVE_INTERVAL_MS = 8;

export const percentile = (xs: number[], q: number): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const f = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

export type Table = (title: string, head: string[], rows: string[][], notes?: string[]) => void;

/** What the pad decodes while dragging: the user's word for glyph models, the tile otherwise. */
export function padView(m: ModelStatus): LatentView {
  return m.latent?.charset ? { kind: 'text', text: 'Atelier' } : { kind: 'image' };
}

/** A smooth random walk through the latent space, so consecutive decodes look like a drag. */
function walk(dim: number, n: number): number[][] {
  const p = new Array<number>(dim).fill(0);
  return Array.from({ length: n }, (_, k) => {
    for (let i = 0; i < dim; i++) p[i] = 1.5 * Math.sin(0.05 * k * (1 + (i % 5)) + i);
    return p.slice();
  });
}

async function serviceLatency(
  atelier: Atelier,
  m: ModelStatus,
): Promise<{ infer: number[]; call: number[] }> {
  const infer: number[] = [];
  const call: number[] = [];
  const view = padView(m);
  const points = walk(m.latent!.dim, DECODES + 10);
  for (let k = 0; k < points.length; k++) {
    const t0 = performance.now();
    const r = await atelier.router.call('latent.decode', {
      model: m.id,
      points: [points[k]],
      view,
      lane: 'pad',
    });
    const ms = performance.now() - t0;
    if (!r.ok) throw new Error(r.error.message);
    if (k < 10) continue; // warm-up
    call.push(ms);
    infer.push((r.value as { inferenceMs: number }).inferenceMs);
  }
  return { infer, call };
}

/** The pad's decoder feeds, one point (× the word's distinct glyphs for glyph models). */
function peerFeeds(
  m: ModelStatus,
  point: number[],
): { z: Float32Array; n: number; chars: BigInt64Array | null } {
  const view = padView(m);
  const charset = m.latent!.charset;
  const glyphs =
    view.kind === 'text' && charset ? [...new Set(view.text)].map((c) => charset.indexOf(c)) : null;
  const n = glyphs?.length ?? 1;
  const z = new Float32Array(n * point.length);
  for (let k = 0; k < n; k++) z.set(point, k * point.length);
  return { z, n, chars: glyphs ? BigInt64Array.from(glyphs, BigInt) : null };
}

async function peerLatency(path: string, m: ModelStatus): Promise<{ node: number[]; web: number[] }> {
  const points = walk(m.latent!.dim, PEER_RUNS + 10);
  const nodeSession = await ortNode.InferenceSession.create(path, { graphOptimizationLevel: 'all' });
  ortWeb.env.wasm.numThreads = Math.min(4, cpus().length);
  const webSession = await ortWeb.InferenceSession.create(path, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  const node: number[] = [];
  const web: number[] = [];
  for (let k = 0; k < points.length; k++) {
    const { z, n, chars } = peerFeeds(m, points[k]!);
    const dim = m.latent!.dim;
    const t0 = performance.now();
    await nodeSession.run({
      z: new ortNode.Tensor('float32', z, [n, dim]),
      ...(chars ? { char: new ortNode.Tensor('int64', chars, [n]) } : {}),
    });
    const t1 = performance.now();
    await webSession.run({
      z: new ortWeb.Tensor('float32', z, [n, dim]),
      ...(chars ? { char: new ortWeb.Tensor('int64', chars, [n]) } : {}),
    });
    const t2 = performance.now();
    if (k < 10) continue;
    node.push(t1 - t0);
    web.push(t2 - t1);
  }
  await nodeSession.release();
  await webSession.release();
  return { node, web };
}

/** One row of table 4b: p50 and p95 in each runtime, and how much slower the web one is. */
function peerRow(label: string, p: { node: number[]; web: number[] }): string[] {
  const nodeP50 = percentile(p.node, 0.5);
  const webP50 = percentile(p.web, 0.5);
  return [
    label,
    f(nodeP50),
    f(percentile(p.node, 0.95)),
    f(webP50),
    f(percentile(p.web, 0.95)),
    `${f(webP50 / nodeP50, 1)}×`,
  ];
}

interface DragFigures {
  latencies: number[];
  paints: number;
  moves: number;
  seconds: number;
}

/** Drives the real UI in Debian Chromium: select the model, drag across the pad, read the marks. */
async function dragInChromium(
  atelier: Atelier,
  models: ModelStatus[],
): Promise<Map<string, DragFigures> | string> {
  const rendererDir = join(appRoot(), 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) return 'renderer not built (npm run build)';
  // The same Debian Chromium and flags as the end-to-end tests.
  const launchOptions = playwrightConfig.use?.launchOptions ?? {};
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  const { chromium } = await import('@playwright/test');
  const host = await startBrowserHost({ atelier, rendererDir });
  const browser = await chromium.launch(launchOptions);
  const out = new Map<string, DragFigures>();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await page.getByTestId('nav-latent').click();
    for (const m of models) {
      await page.getByTestId('latent-model-select').selectOption(m.id);
      await page.locator(`[data-testid="latent-view"][data-model="${m.id}"]`).waitFor();
      const canvas = page.getByTestId('latent-canvas');
      await page.locator('[data-testid="latent-canvas"]:not([data-paints="0"])').waitFor();
      const pad = await page.getByTestId('latent-pad').boundingBox();
      if (!pad) throw new Error('the pad is not visible');
      await page.evaluate(() => {
        performance.clearMarks();
        performance.clearMeasures();
      });
      const paints0 = Number(await canvas.getAttribute('data-paints'));
      const cx = pad.x + pad.width / 2;
      const cy = pad.y + pad.height / 2;
      const r = pad.width * 0.35;
      await page.mouse.move(cx + r, cy);
      await page.mouse.down();
      const t0 = Date.now();
      for (let k = 1; k <= DRAG_MOVES; k++) {
        // A figure-of-eight, so the point keeps changing along both pad axes.
        const a = (2 * Math.PI * k) / 120;
        await page.mouse.move(cx + r * Math.cos(a), cy + r * Math.sin(2 * a) * 0.8);
        await sleep(MOVE_INTERVAL_MS);
      }
      await page.mouse.up();
      const seconds = (Date.now() - t0) / 1000;
      await sleep(300); // the last answer lands
      const latencies = await page.evaluate(() =>
        performance.getEntriesByName('latent-pointer-to-paint').map((e) => e.duration),
      );
      const paints = Number(await canvas.getAttribute('data-paints')) - paints0;
      out.set(m.id, { latencies, paints, moves: DRAG_MOVES, seconds });
    }
  } finally {
    await browser.close();
    await host.close();
  }
  return out;
}

export async function benchLatent(atelier: Atelier, printTable: Table): Promise<void> {
  const models = atelier.registry.status().filter((m) => m.ok && m.latent);
  if (models.length === 0) {
    console.log('\n4. Latent Explorer: SKIPPED (no usable latent model)');
    return;
  }
  const rows: string[][] = [];
  const peers: string[][] = [];
  for (const m of models) {
    const view = padView(m);
    const what = view.kind === 'text' ? `"${view.text}" (${new Set(view.text).size} glyphs)` : '1 tile';
    const s = await serviceLatency(atelier, m);
    rows.push([
      `${m.id}: ${what}`,
      f(percentile(s.infer, 0.5)),
      f(percentile(s.infer, 0.95)),
      f(percentile(s.call, 0.5)),
      f(percentile(s.call, 0.95)),
    ]);
    const path = modelFile(requireModel(atelier.registry, m.id, 'latent'), 'decoder');
    peers.push(peerRow(`${m.id}: ${what}`, await peerLatency(path, m)));
  }
  // ATELIER_BENCH_LATENT_BEFORE=<model id>=<decoder.onnx>: an earlier decoder of that model, timed
  // the same way beside it (a row "… (model it replaced)").
  const before = /^([^=]+)=(.+)$/.exec(process.env['ATELIER_BENCH_LATENT_BEFORE'] ?? '');
  const replaced = before ? models.find((m) => m.id === before[1]) : undefined;
  if (before && replaced)
    peers.push(peerRow(`${replaced.id} (model it replaced)`, await peerLatency(before[2]!, replaced)));
  printTable(
    `4a. Latent decode for the pad (${DECODES} decodes along a smooth path), ms`,
    ['model: what one pointer move decodes', 'ORT p50', 'ORT p95', 'service call p50', 'service call p95'],
    rows,
    [
      'ORT = onnxruntime-node inside the inference process; service call = router → inference process → 8-bit pixels.',
    ],
  );
  printTable(
    `4b. The same decoder in this Node process: onnxruntime-node (CPU) vs the peer onnxruntime-web (wasm, ${Math.min(4, cpus().length)} threads), ms`,
    ['model: what one pointer move decodes', 'node p50', 'node p95', 'web p50', 'web p95', 'web/node'],
    peers,
    [
      before && replaced
        ? `model it replaced: ${before[2]}`
        : 'set ATELIER_BENCH_LATENT_BEFORE=<model id>=<decoder.onnx> to time an earlier decoder beside it',
    ],
  );
  const drag = await dragInChromium(atelier, models).catch(
    (e: unknown) => `failed: ${(e as Error).message.split('\n')[0]}`,
  );
  if (typeof drag === 'string') {
    console.log(`\n4c. Pointer → paint in Chromium: SKIPPED (${drag})`);
    return;
  }
  printTable(
    `4c. Pointer move → painted pixels in Debian Chromium via the browser host (${DRAG_MOVES} scripted moves, one every ~${MOVE_INTERVAL_MS} ms), ms`,
    ['model', 'painted frames', 'p50', 'p95', 'max', 'frames/s', 'moves per frame'],
    [...drag].map(([id, d]) => [
      id,
      String(d.latencies.length),
      f(percentile(d.latencies, 0.5)),
      f(percentile(d.latencies, 0.95)),
      f(Math.max(...d.latencies)),
      f(d.paints / d.seconds, 1),
      f(d.moves / Math.max(1, d.paints), 1),
    ]),
    [
      'Latency: from the pointer event whose position a frame shows to the frame painted (performance marks in the page).',
      'Moves per frame > 1 means newer positions replaced ones not yet sent (latest wins): no queue builds up.',
      'Target: p95 under 16 ms (60 fps).',
    ],
  );
}
