/**
 * Melody Sketcher figures for `npm run bench` (section 5):
 *   a. the service calls a musician waits for: generate 2 / 8 / 16 bars, continue 4 bars, an
 *      8-step interpolation (router → inference process → tokens → notes), with onnxruntime's
 *      share and the number of step calls;
 *   b. the peer for the design choice: the same 16-bar decode driven from main with one IPC round
 *      trip per token, against the loop inside the inference process;
 *   c. the piano roll's frame time in Debian Chromium while 2,000 notes scroll.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import type { MelodyTakes, Note } from '../../preload/contract';
import playwrightConfig, { CHROMIUM } from '../../playwright.config';
import { startBrowserHost } from '../host/server';
import type { Atelier } from '../services/atelier';
import { formPlan, meterSteps } from '../services/melody/lstm';
import { modelFile, requireModel } from '../services/models/resolve';
import { appRoot } from '../services/paths';
import { percentile, type Table } from './latent';

const RUNS = 7;
const SCROLL_NOTES = 2000;
const SCROLL_SECONDS = 4;

const f = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

/** A 4-bar folk-like phrase (D major), the context for continue and an end of the interpolation. */
export function phrase(shift = 0): Note[] {
  const pitches = [62, 66, 69, 74, 73, 71, 69, 66, 67, 69, 71, 67, 66, 64, 62, 62];
  return pitches.map((p, i) => ({
    pitch: p + shift,
    start: i,
    duration: i % 4 === 3 ? 1 : 0.5,
    velocity: 96,
  }));
}

async function timedCalls(
  atelier: Atelier,
  method: string,
  input: (run: number) => object,
): Promise<{ ms: number[]; infer: number[]; notes: number }> {
  const ms: number[] = [];
  const infer: number[] = [];
  let notes = 0;
  for (let run = 0; run <= RUNS; run++) {
    const t0 = performance.now();
    const r = await atelier.router.call(method, input(run));
    const dt = performance.now() - t0;
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    if (run === 0) continue; // warm-up (model load)
    ms.push(dt);
    const v = r.value as MelodyTakes;
    infer.push(v.durationMs);
    notes = v.takes[0]?.notes.length ?? 0;
  }
  return { ms, infer, notes };
}

/** The peer: main drives decoder_step itself, one IPC round trip per token (greedy). */
async function perTokenIpc(atelier: Atelier, bars: number): Promise<number[]> {
  const m = requireModel(atelier.registry, 'melody-vae', 'melody-vae');
  const mel = m.manifest.melody!;
  const dim = mel.dim!;
  const T = mel.bars! * 16;
  const segments = Math.ceil(bars / mel.bars!);
  const times: number[] = [];
  const int64 = (v: number): { dtype: 'int64'; dims: number[]; data: ArrayBuffer } => ({
    dtype: 'int64',
    dims: [1],
    data: new BigInt64Array([BigInt(v)]).buffer,
  });
  for (let run = 0; run <= RUNS; run++) {
    const t0 = performance.now();
    let prev = mel.rest;
    for (let k = 0; k < segments; k++) {
      const z = {
        dtype: 'float32' as const,
        dims: [1, dim],
        data: new Float32Array(dim).fill(0.1 * k).buffer,
      };
      const init = await atelier.inference.run(
        {
          model: { id: 'melody-vae:decoder-init', path: modelFile(m, 'decoder-init') },
          feeds: { z },
          outputs: ['h', 'c'],
        },
        { priority: 'batch' },
      );
      let h = init.outputs.h!;
      let c = init.outputs.c!;
      for (let s = 0; s < T; s++) {
        const r = await atelier.inference.run(
          {
            model: { id: 'melody-vae:decoder-step', path: modelFile(m, 'decoder-step') },
            feeds: { token: int64(prev), step: int64(s), z, h, c },
            outputs: ['logits', 'h_out', 'c_out'],
          },
          { priority: 'batch' },
        );
        const logits = new Float32Array(r.outputs.logits!.data);
        prev = logits.indexOf(Math.max(...logits));
        h = { ...r.outputs.h_out!, dtype: 'float32' };
        c = { ...r.outputs.c_out!, dtype: 'float32' };
      }
    }
    if (run > 0) times.push(performance.now() - t0);
  }
  return times;
}

/** Loads 2,000 notes into the roll through the MIDI import, then scrolls it and records frame times. */
async function rollFrameTimes(
  atelier: Atelier,
): Promise<{ frames: number[]; seconds: number; positions: number } | string> {
  const rendererDir = join(appRoot(), 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) return 'renderer not built (npm run build)';
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  const { Midi } = createRequire(import.meta.url)('@tonejs/midi') as typeof import('@tonejs/midi');
  const midi = new Midi();
  const track = midi.addTrack();
  for (let i = 0; i < SCROLL_NOTES; i++)
    track.addNote({
      midi: 55 + ((i * 7) % 24),
      ticks: i * 240,
      durationTicks: 200,
      velocity: 0.5 + (i % 5) / 10,
    });
  const { chromium } = await import('@playwright/test');
  const host = await startBrowserHost({ atelier, rendererDir });
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions ?? {});
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await page.getByTestId('nav-melody').click();
    await page.getByTestId('melody-import').setInputFiles({
      name: 'bench-2000.mid',
      mimeType: 'audio/midi',
      buffer: Buffer.from(midi.toArray()),
    });
    await page
      .locator(`[data-testid="melody-roll"][data-notes="${SCROLL_NOTES}"]`)
      .waitFor({ timeout: 30_000 });
    const roll = await page.getByTestId('melody-roll').boundingBox();
    if (!roll) throw new Error('the roll is not visible');
    await page.mouse.move(roll.x + roll.width / 2, roll.y + roll.height / 2);
    // A string: this file compiles without the DOM library; it runs in the page.
    await page.evaluate(`(() => {
      window.__frames = [];
      let last = performance.now();
      const tick = (now) => { window.__frames.push(now - last); last = now; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    const t0 = Date.now();
    const positions = new Set<string>();
    let dx = 120;
    while (Date.now() - t0 < SCROLL_SECONDS * 1000) {
      // Shift+wheel scrolls time; back and forth across the 2,000 notes (500 beats).
      await page.keyboard.down('Shift');
      await page.mouse.wheel(0, dx);
      await page.keyboard.up('Shift');
      if ((Date.now() - t0) % 2000 < 20) dx = -dx;
      positions.add((await page.getByTestId('melody-roll').getAttribute('data-scroll-beat')) ?? '');
      await page.waitForTimeout(8);
    }
    const frames = (await page.evaluate('window.__frames.slice(2)')) as number[];
    return { frames, seconds: (Date.now() - t0) / 1000, positions: positions.size };
  } finally {
    await browser.close();
    await host.close();
  }
}

export async function benchMelody(atelier: Atelier, printTable: Table): Promise<void> {
  const ok = (id: string): boolean => atelier.registry.status().some((m) => m.id === id && m.ok);
  if (!ok('melody-vae') || !ok('melody-rnn')) {
    console.log('\n5. Melody Sketcher: SKIPPED (melody-vae or melody-rnn unavailable)');
    return;
  }
  const rows: string[][] = [];
  const row = (label: string, r: { ms: number[]; infer: number[]; notes: number }, calls: string): void => {
    rows.push([label, f(percentile(r.ms, 0.5)), f(percentile(r.ms, 0.95)), calls, String(r.notes)]);
  };
  const seg = atelier.registry.status().find((m) => m.id === 'melody-vae')!.melody!.bars!;
  const gen16 = await timedCalls(atelier, 'melody.generate', (run) => ({
    model: 'melody-vae',
    bars: 16,
    seed: run,
    temperature: 1,
  }));
  for (const bars of [2, 8]) {
    const r = await timedCalls(atelier, 'melody.generate', (run) => ({
      model: 'melody-vae',
      bars,
      seed: run,
      temperature: 1,
    }));
    row(
      `generate ${bars} bars, melody VAE`,
      r,
      `${Math.ceil(bars / seg)} + ${Math.ceil(bars / seg) * seg * 16}`,
    );
  }
  row('generate 16 bars, melody VAE (4/4)', gen16, `${16 / seg} + ${16 * 16}`);
  // The melody LSTM writes the 16 bars in one pass, in each meter it knows (a bar of 6/8 is 12 steps).
  for (const meter of ['4/4', '2/4', '3/4', '6/8', '9/8'] as const) {
    const r = await timedCalls(atelier, 'melody.generate', (run) => ({
      bars: 16,
      meter,
      seed: run,
      temperature: 1,
    }));
    // The default form replays bars 1–7 into the model before drawing bar 16: each pass reads
    // everything written so far (one step call a token) and then draws.
    const bar = meterSteps(meter);
    let written = 0;
    let calls = 0;
    for (const p of formPlan(16, 'repeat')) {
      const added = 'draw' in p ? p.draw : p.repeat;
      calls += (written + added) * bar;
      written += added;
    }
    row(`generate 16 bars in ${meter}, melody LSTM (form repeat)`, r, `${calls}`);
  }
  const cont = await timedCalls(atelier, 'melody.continue', (run) => ({
    notes: phrase(),
    bars: 4,
    seed: run,
  }));
  row('continue 4 bars (after a 4-bar phrase)', cont, `${64 + 64}`);
  const interp = await timedCalls(atelier, 'melody.interpolate', (run) => ({
    from: phrase(),
    to: phrase(5),
    steps: 8,
    seed: run,
  }));
  row(
    'interpolate 8 steps (4-bar clips, batch of 8)',
    interp,
    `2 encodes + ${Math.ceil(4 / seg)} + ${Math.ceil(4 / seg) * seg * 16}`,
  );
  printTable(
    `5a. Melody service calls (router → inference process → notes), CPU, ${RUNS} runs after a warm-up, ms`,
    ['operation', 'p50', 'p95', 'graph calls (init + steps)', 'notes'],
    rows,
    [
      'Each step call is one onnxruntime run of the LSTM step graph; the sampling loop runs in the inference process.',
    ],
  );
  const peer = await perTokenIpc(atelier, 16);
  printTable(
    '5b. 16 bars from the melody VAE: the loop inside the inference process vs one IPC round trip per token (peer), ms',
    ['how', 'p50', 'p95'],
    [
      [
        'loop in the inference process (one message per segment)',
        f(percentile(gen16.ms, 0.5)),
        f(percentile(gen16.ms, 0.95)),
      ],
      ['main drives each step (one message per token)', f(percentile(peer, 0.5)), f(percentile(peer, 0.95))],
    ],
  );
  const roll = await rollFrameTimes(atelier).catch(
    (e: unknown) => `failed: ${(e as Error).message.split('\n')[0]}`,
  );
  if (typeof roll === 'string') {
    console.log(`\n5c. Piano roll frame time: SKIPPED (${roll})`);
    return;
  }
  const long = roll.frames.filter((x) => x > 1000 / 60 + 4).length;
  printTable(
    `5c. Piano roll frame time in Debian Chromium while ${SCROLL_NOTES.toLocaleString('en')} notes scroll (Shift+wheel every ~8 ms for ${SCROLL_SECONDS} s), ms`,
    ['frames', 'p50', 'p95', 'p99', 'max', 'frames over 20.7 ms', 'fps'],
    [
      [
        String(roll.frames.length),
        f(percentile(roll.frames, 0.5)),
        f(percentile(roll.frames, 0.95)),
        f(percentile(roll.frames, 0.99)),
        f(Math.max(...roll.frames)),
        String(long),
        f(roll.frames.length / roll.seconds),
      ],
    ],
    [
      'Frame time = interval between requestAnimationFrame callbacks in the page (headless, software rendering).',
      `The roll was at ${roll.positions} different scroll positions during the run (read from its data-scroll-beat).`,
    ],
  );
}
