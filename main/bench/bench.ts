/**
 * `npm run bench`: where the time goes in Atelier, printed as plain-text tables.
 *
 *   1. Texture generation at 256–2048 px through the real service path (router → generator →
 *      inference process → PNG encode → library write), next to the bare onnxruntime run.
 *   2. IPC round trips for a 1024² image: main ↔ inference process (echo), and renderer ↔
 *      browser host (WebSocket + msgpack) against the same handler called in-process.
 *   3. The main process's event-loop delay while a generation runs, against idle.
 *   4. The Latent Explorer: decoder latency, the onnxruntime-web peer, pointer → paint in
 *      Chromium (./latent.ts).
 *
 *   5. The Melody Sketcher: generate / continue / interpolate, the per-token IPC peer, the piano
 *      roll's frame time while 2,000 notes scroll (./melody.ts).
 *
 *   6. The Writer: tokens per second with and without the key/value cache at context 32 / 128 / 512,
 *      time to first token, and the whole streaming path (./text.ts).
 *
 *   7. The Image studio: ms per denoising step and per image at each size and batch, and the UNet
 *      under onnxruntime-node vs onnxruntime-web (./image.ts).
 *
 *   9–10. The Labs: training iterations per second per lab on tfjs cpu, the GAN's time to cover 6 of
 *      8 ring modes, and the Labs view's frame time in Chromium while training (./labs.ts).
 *
 *   11–13. Datasets: items per second per augment method and batch size, MIDI items per second,
 *      the whole augment job with main's memory as outputs grow, the evaluation's training time
 *      (./datasets.ts).
 *
 *   14. Batch: items per second with 1–3 workers through Redis, and the queue's overhead per job
 *      against a local call (./batch.ts).
 *
 * `npm run bench -- latent` runs section 4 only (`-- melody`: section 5, `-- text`: 6, `-- image`: 7,
 * `-- palette`: 8, `-- labs`: 9–10, `-- datasets`: 11–13, batch sizes with `--batch=1,4,16`; `-- batch`: 14).
 * Everything runs against a throwaway data folder. Figures only: there are no timed assertions.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import type { Generation } from '../../preload/contract';
import { decodeFrame, encodeFrame, isServerFrame, TOKEN_PARAM, WS_PATH } from '../../preload/wire';
import { startBrowserHost, type BrowserHost } from '../host/server';
import type { RunResult } from '../inference/client';
import { spawnForkWorker } from '../inference/fork-transport';
import { createAtelier, type Atelier } from '../services/atelier';
import { textureFeeds } from '../services/texture/texture';
import { modelFile, requireModel } from '../services/models/resolve';
import { appRoot } from '../services/paths';
import { benchLatent } from './latent';
import { benchMelody } from './melody';
import { benchText } from './text';
import { benchImage } from './image';
import { benchPalette } from './palette';
import { benchLabs } from './labs';
import { benchDatasets } from './datasets';
import { benchBatch } from './batch';

// ---------------------------------------------------------------------------------------------
// Small helpers

const SIZES: { size: number; runs: number }[] = [
  { size: 256, runs: 5 },
  { size: 512, runs: 5 },
  { size: 1024, runs: 3 },
  { size: 2048, runs: 2 },
];
const ROUND_TRIPS = 20;
const ELD_REPEATS = 2;
const STYLE = 'granite';
const MiB = 1024 * 1024;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const min = (xs: number[]): number => Math.min(...xs);
const f = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

function printTable(title: string, head: string[], rows: string[][], notes: string[] = []): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // First column (labels) left-aligned, figures right-aligned.
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${title}`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  for (const n of notes) console.log(`  ${n}`);
}

let jobCounter = 0;
async function generate(atelier: Atelier, size: number, seed: number): Promise<Generation> {
  const jobId = `bench-${process.pid}-${++jobCounter}`;
  const r = await atelier.router.call('texture.generate', { jobId, params: { seed, size, style: STYLE } });
  if (!r.ok) throw new Error(`texture.generate ${size}px failed: ${r.error.code}: ${r.error.message}`);
  return r.value as Generation;
}

// ---------------------------------------------------------------------------------------------
// 1. Generation time

interface SizeResult {
  size: number;
  runs: number;
  fullMs: number[];
  workerInferMs: number[];
  workerEncodeMs: number[];
  directRoundTripMs: number[];
  directInferMs: number[];
  lastId: string;
  /** Peak RSS of the inference process and current RSS of main after this size (MiB). */
  workerPeakRssMiB: number;
  mainRssMiB: number;
}

async function benchGeneration(
  atelier: Atelier,
  lastRun: () => RunResult | undefined,
): Promise<SizeResult[]> {
  const model = requireModel(atelier.registry, 'texture', 'texture');
  const tex = model.manifest.texture!;
  const weights = new Float32Array(tex.styles.length);
  weights[tex.styles.find((s) => s.id === STYLE)!.index] = 1;
  const ref = { id: model.id, path: modelFile(model, 'generator') };

  const out: SizeResult[] = [];
  for (const { size, runs } of SIZES) {
    const r: SizeResult = {
      size,
      runs,
      fullMs: [],
      workerInferMs: [],
      workerEncodeMs: [],
      directRoundTripMs: [],
      directInferMs: [],
      lastId: '',
      workerPeakRssMiB: 0,
      mainRssMiB: 0,
    };
    // Bare inference: same feeds, no encode, no outputs sent back.
    const bare = (seed: number): Promise<RunResult> =>
      atelier.inference.run({
        model: ref,
        feeds: textureFeeds(seed, size, tex.latentChannels, tex.latentStride, weights),
        outputs: [],
      });
    await generate(atelier, size, 1000 + size);
    await bare(2000 + size);
    // Interleaved, so drift in the shared CPU's load hits both columns alike.
    for (let i = 0; i < runs; i++) {
      // Full service path: validation, feeds, inference + PNG encode in the inference process,
      // the PNGs back over IPC, then the fsynced library write.
      const full = await timed(() => generate(atelier, size, i));
      const run = lastRun();
      r.fullMs.push(full.ms);
      r.workerInferMs.push(run?.inferenceMs ?? NaN);
      r.workerEncodeMs.push(run?.encodeMs ?? NaN);
      r.lastId = full.value.id;
      const b = await timed(() => bare(i));
      r.directRoundTripMs.push(b.ms);
      r.directInferMs.push(b.value.inferenceMs);
    }
    out.push(r);
    r.workerPeakRssMiB = (lastRun()?.peakRssBytes ?? NaN) / 2 ** 20;
    r.mainRssMiB = process.memoryUsage().rss / 2 ** 20;
    process.stderr.write(`  [bench] ${size}px done\n`);
  }
  return out;
}

function printGeneration(results: SizeResult[]): void {
  printTable(
    '1. Texture generation (ms; median of N after 1 warm-up; full and bare runs interleaved)',
    [
      'size',
      'N',
      'full med',
      'full min',
      'full ms/MP',
      '└ ort',
      '└ encode',
      '└ other',
      'bare ort med',
      'bare ort min',
      'ort ms/MP',
      'bare rt med',
      'worker peak RSS MiB',
      'main RSS MiB',
    ],
    results.map((r) => {
      const mp = (r.size * r.size) / 1e6;
      const full = median(r.fullMs);
      const inf = median(r.workerInferMs);
      const enc = median(r.workerEncodeMs);
      const ort = median(r.directInferMs);
      return [
        `${r.size}px`,
        String(r.runs),
        f(full),
        f(min(r.fullMs)),
        f(full / mp),
        f(inf),
        f(enc),
        f(median(r.fullMs.map((ms, i) => ms - r.workerInferMs[i]! - r.workerEncodeMs[i]!))),
        f(ort),
        f(min(r.directInferMs)),
        f(ort / mp),
        f(median(r.directRoundTripMs)),
        f(r.workerPeakRssMiB, 0),
        f(r.mainRssMiB, 0),
      ];
    }),
    [
      'full = router texture.generate, wall time in main (validation, feeds, inference, PNG+thumbnail encode, IPC, library write)',
      '└ ort / └ encode = onnxruntime run and PNG encode as timed inside the inference process during the full path',
      '└ other = median over runs of full − ort − encode: noise feeds, IPC both ways, fsynced library write, output validation',
      'bare = inference.run with the same feeds, no encode, no outputs returned; rt = its round trip seen from main',
      "worker peak RSS = the inference process's peak resident memory so far (it only grows); main RSS = this process after the size",
    ],
  );
}

// ---------------------------------------------------------------------------------------------
// 2a. main ↔ inference process

async function benchEcho(atelier: Atelier): Promise<void> {
  const cases = [
    { label: '1 KiB (latency floor)', bytes: 1024 },
    { label: '1024² RGBA u8', bytes: 1024 * 1024 * 4 },
    { label: '1024²×3 float32', bytes: 1024 * 1024 * 3 * 4 },
  ];
  const rows: string[][] = [];
  for (const c of cases) {
    const buf = new ArrayBuffer(c.bytes);
    new Uint8Array(buf).fill(7);
    for (let i = 0; i < 3; i++) await atelier.inference.echo(buf);
    const ms: number[] = [];
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const { ms: t, value } = await timed(() => atelier.inference.echo(buf));
      if (value.byteLength !== c.bytes)
        throw new Error(`echo returned ${value.byteLength} bytes, sent ${c.bytes}`);
      ms.push(t);
    }
    const med = median(ms);
    rows.push([
      c.label,
      c.bytes >= MiB ? f(c.bytes / MiB, 2) : f(c.bytes / MiB, 4),
      f(med, 2),
      f(min(ms), 2),
      c.bytes >= MiB ? f((2 * c.bytes) / MiB / (med / 1000), 0) : '-',
    ]);
  }
  printTable(
    `2a. IPC main ↔ inference process: inference.echo (child_process.fork, advanced serialization; median of ${ROUND_TRIPS})`,
    ['payload', 'MiB', 'rt med ms', 'rt min ms', 'MiB/s'],
    rows,
    ['MiB/s counts the payload both ways (2 × size / median round trip)'],
  );
}

// ---------------------------------------------------------------------------------------------
// 2b. renderer ↔ browser host

interface WsClient {
  call(method: string, input: unknown): Promise<unknown>;
  close(): void;
}

async function connect(host: BrowserHost): Promise<WsClient> {
  const url = `ws://127.0.0.1:${host.port}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(host.token)}`;
  // ws sets Host to 127.0.0.1:PORT from the URL; Origin is what a page served by the host sends.
  const ws = new WebSocket(url, { headers: { Origin: `http://127.0.0.1:${host.port}` } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`WebSocket refused: HTTP ${res.statusCode}`)),
    );
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  ws.on('message', (data) => {
    const frame = decodeFrame(data as Buffer);
    if (!isServerFrame(frame) || frame.t !== 'result') return; // events
    const p = pending.get(frame.id);
    if (!p) return;
    pending.delete(frame.id);
    if (frame.ok) p.resolve(frame.value);
    else p.reject(new Error(`${frame.error.code}: ${frame.error.message}`));
  });
  let id = 0;
  return {
    call(method, input) {
      const callId = ++id;
      return new Promise((resolve, reject) => {
        pending.set(callId, { resolve, reject });
        ws.send(encodeFrame({ t: 'call', id: callId, method, input }));
      });
    },
    close: () => ws.close(),
  };
}

async function benchWebSocket(atelier: Atelier, imageId: string): Promise<void> {
  const rendererDir = join(appRoot(), 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.log(
      `\n2b. renderer ↔ browser host: SKIPPED (${rendererDir}/index.html missing; run npm run build)`,
    );
    return;
  }
  const host = await startBrowserHost({ atelier, rendererDir });
  const client = await connect(host);
  try {
    const cases: { label: string; method: string; input: unknown }[] = [
      { label: 'app.info (small)', method: 'app.info', input: {} },
      { label: 'library.asset 1024px PNG', method: 'library.asset', input: { id: imageId, role: 'image' } },
    ];
    const rows: string[][] = [];
    for (const c of cases) {
      const direct = async (): Promise<unknown> => {
        const r = await atelier.router.call(c.method, c.input);
        if (!r.ok) throw new Error(`${c.method}: ${r.error.message}`);
        return r.value;
      };
      const viaWs = (): Promise<unknown> => client.call(c.method, c.input);
      for (let i = 0; i < 3; i++) {
        await direct();
        await viaWs();
      }
      const inProc: number[] = [];
      const ws: number[] = [];
      let bytes = 0;
      for (let i = 0; i < ROUND_TRIPS; i++) {
        inProc.push((await timed(direct)).ms);
        const { ms, value } = await timed(viaWs);
        ws.push(ms);
        const b = (value as { bytes?: Uint8Array }).bytes;
        if (b) bytes = b.byteLength;
      }
      const d = median(inProc);
      const w = median(ws);
      rows.push([
        c.label,
        bytes ? f(bytes / MiB, 2) : '-',
        f(d, 2),
        f(w, 2),
        f(min(ws), 2),
        f(w - d, 2),
        bytes ? f(bytes / MiB / ((w - d) / 1000), 0) : '-',
      ]);
    }
    printTable(
      `2b. IPC renderer ↔ browser host: WebSocket + msgpack on 127.0.0.1 vs router.call in-process (median of ${ROUND_TRIPS})`,
      ['call', 'MiB', 'in-proc ms', 'ws rt ms', 'ws min ms', 'transport ms', 'MiB/s'],
      rows,
      [
        'transport = ws rt − in-proc: msgpack encode, WebSocket framing, loopback TCP, client decode',
        'the ws client runs inside the bench process, so both ends share its CPU (a browser decodes in its own)',
      ],
    );
  } finally {
    client.close();
    await host.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Event-loop delay in main

interface Eld {
  label: string;
  ms: number;
  count: number;
  p50: number;
  p99: number;
  max: number;
}

async function measureEld(label: string, work: () => Promise<unknown>): Promise<Eld> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const { ms } = await timed(work);
  h.disable();
  return {
    label,
    ms,
    count: h.count,
    p50: h.percentile(50) / 1e6,
    p99: h.percentile(99) / 1e6,
    max: h.max / 1e6,
  };
}

async function benchEventLoop(atelier: Atelier): Promise<void> {
  const rows: Eld[] = [];
  // Twice each, generation and idle interleaved: on a shared CPU one pair alone is mostly noise.
  // (A histogram cannot be paused and pooled: re-enabling records the pause as one long delay.)
  for (const size of [2048, 1024]) {
    for (let rep = 1; rep <= ELD_REPEATS; rep++) {
      const busy = await measureEld(`${size}px generation ${rep}/${ELD_REPEATS}`, () =>
        generate(atelier, size, rep),
      );
      rows.push(busy);
      rows.push(await measureEld(`  idle, same duration`, () => sleep(busy.ms)));
    }
  }
  printTable(
    '3. Main-process event-loop delay (perf_hooks.monitorEventLoopDelay, resolution 10 ms)',
    ['scenario', 'duration ms', 'samples', 'p50 ms', 'p99 ms', 'max ms'],
    rows.map((r) => [r.label, f(r.ms, 0), String(r.count), f(r.p50, 2), f(r.p99, 2), f(r.max, 2)]),
    [
      'values include the 10 ms sampling interval: idle ≈ 10 ms; the excess is time main was blocked,',
      'or waited for a core while onnxruntime (and anything else on the machine) held them all',
    ],
  );
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-bench-'));
  let atelier: Atelier | undefined;
  try {
    atelier = await createAtelier({ dataDir, host: 'cli', spawnWorker: spawnForkWorker });
    const a = atelier;

    // Record the worker's own timings for each run the generator makes.
    let last: RunResult | undefined;
    a.inference.onRun((r) => (last = r));

    const only = process.argv.slice(2).filter((x) => !x.startsWith('-'));
    const want = (section: string): boolean => only.length === 0 || only.includes(section);
    const startMs = (await timed(() => a.inference.start())).ms;
    const firstMs = want('texture') ? (await timed(() => generate(a, 256, 1))).ms : Number.NaN;
    const status = a.inference.status;
    const cpu = cpus();
    console.log('Atelier bench');
    console.log(`  machine   ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length} cores`);
    console.log(`  node      ${process.version} (${process.platform}/${process.arch})`);
    console.log(`  inference provider ${status.provider} (available: ${status.providersTried.join(', ')})`);
    console.log(`  load avg  ${load()} (1/5/15 min, at start)`);
    console.log(
      `  startup   inference process ${f(startMs, 0)} ms; first 256px generation (model load) ${f(firstMs, 0)} ms`,
    );

    if (want('texture')) {
      const gen = await benchGeneration(a, () => last);
      printGeneration(gen);
      await benchEcho(a);
      await benchWebSocket(a, gen.find((g) => g.size === 1024)!.lastId);
      await benchEventLoop(a);
    }
    if (want('latent')) await benchLatent(a, printTable);
    if (want('melody')) await benchMelody(a, printTable);
    if (want('text')) await benchText(a, printTable);
    if (want('text') || want('text-variants'))
      await (await import('./text-variants')).benchTextVariants(a, printTable);
    if (want('image')) await benchImage(a, printTable);
    if (want('image-formats')) await (await import('./image-formats')).benchImageFormats(a, printTable);
    if (want('palette')) await benchPalette(a, printTable);
    if (want('labs')) await benchLabs(a, printTable);
    if (want('datasets')) await benchDatasets(a, printTable);
    if (want('batch')) await benchBatch(a, printTable);
    if (want('hub')) await (await import('./hub')).benchHub(a, printTable);
    if (want('material')) await (await import('./material')).benchMaterial(a, printTable);

    console.log(`\nload avg at end ${load()}; bench took ${f((performance.now() - started) / 1000, 0)} s`);
  } finally {
    await atelier?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
});
