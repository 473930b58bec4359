/**
 * Labs figures for `npm run bench -- labs`:
 *   1. training iterations per second of each lab at its default settings (its default batch) on
 *      the backend the Labs ship, tfjs's plain-JavaScript `cpu` backend, here in Node (the
 *      studio's Web Worker runs the same code), and the time its metrics take;
 *   2. the GAN at its defaults on the ring of 8: iterations and seconds of training until its
 *      samples cover 6 of the 8 modes (checked every CHECK_EVERY iterations, the checks not timed);
 *   3. the Labs view's frame time in Chromium while a lab trains (the built renderer on the browser
 *      host, driven like the end-to-end tests): requestAnimationFrame intervals for FRAME_SECONDS.
 * Figures only, no timed assertions.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import playwrightConfig, { CHROMIUM } from '../../playwright.config';
import { preset } from '../../preload/labs/data';
import { LabSession } from '../../preload/labs/session';
import { LABS_BACKEND } from '../../preload/labs/tf';
import type { LabId } from '../../preload/labs/types';
import { startBrowserHost } from '../host/server';
import type { Atelier } from '../services/atelier';
import { appRoot } from '../services/paths';
import { percentile, type Table } from './latent';

const LABS: LabId[] = ['gan', 'vae', 'flow', 'diffusion', 'bayes'];
/** Seconds of timed training per lab (after a warm-up). */
const TRAIN_SECONDS = 4;
const WARMUP_ITERATIONS = 20;
const CHECK_EVERY = 100;
const MODES_CAP = 20_000;
const FRAME_SECONDS = 5;
const SEED = 1;
const f = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

interface Speed {
  lab: LabId;
  batch: number;
  perSecond: number;
  iterations: number;
  metricsMs: number;
}

async function trainingSpeed(lab: LabId): Promise<Speed> {
  const session = await LabSession.create(lab, preset('ring8', 1000, SEED), SEED);
  try {
    session.train(WARMUP_ITERATIONS);
    let iterations = 0;
    const t0 = performance.now();
    // Chunks of 10, as the worker trains between frames; enough of them to fill TRAIN_SECONDS.
    while (performance.now() - t0 < TRAIN_SECONDS * 1000) {
      session.train(10);
      iterations += 10;
    }
    const seconds = (performance.now() - t0) / 1000;
    const m0 = performance.now();
    session.engine.metrics();
    const metricsMs = performance.now() - m0;
    return {
      lab,
      batch: Number(session.settings.batchSize),
      perSecond: iterations / seconds,
      iterations,
      metricsMs,
    };
  } finally {
    session.dispose();
  }
}

/** Training iterations (and their seconds, the checks left out) until `modesCovered` ≥ 6. */
async function ganModes(): Promise<{ iterations: number; seconds: number; covered: number }> {
  const session = await LabSession.create('gan', preset('ring8', 1000, SEED), SEED);
  try {
    let trainMs = 0;
    let covered = 0;
    while (session.iteration < MODES_CAP) {
      const t0 = performance.now();
      session.train(CHECK_EVERY);
      trainMs += performance.now() - t0;
      covered = session.engine.metrics().modesCovered ?? 0;
      if (covered >= 6) break;
    }
    return { iterations: session.iteration, seconds: trainMs / 1000, covered };
  } finally {
    session.dispose();
  }
}

interface Frames {
  lab: LabId;
  frames: number[];
  iterations: number | null;
  seconds: number;
}

/** Opens the Labs in Chromium, starts each lab training and records its frame intervals. */
async function frameTimes(atelier: Atelier): Promise<Frames[] | string> {
  const rendererDir = join(appRoot(), 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) return 'renderer not built (npm run build)';
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  const { chromium } = await import('@playwright/test');
  const host = await startBrowserHost({ atelier, rendererDir });
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions ?? {});
  const out: Frames[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await page.getByTestId('nav-labs').click();
    for (const lab of LABS) {
      const tab = page.getByTestId(`lab-tab-${lab}`);
      if ((await tab.count()) === 0) continue;
      await tab.click();
      await page
        .locator(`[data-testid="labs-studio"][data-lab="${lab}"][data-ready="true"]`)
        .waitFor({ timeout: 60_000 });
      const play = page.getByTestId('lab-play');
      const iterationOf = async (): Promise<number | null> => {
        const el = page.getByTestId('lab-iteration');
        if ((await el.count()) === 0) return null;
        const v = Number(await el.getAttribute('data-iteration'));
        return Number.isFinite(v) ? v : null;
      };
      const before = await iterationOf();
      await play.click();
      // A string: this file compiles without the DOM library; it runs in the page.
      await page.evaluate(`(() => {
        window.__labFrames = [];
        window.__labRecording = true;
        let last = performance.now();
        const tick = (now) => {
          if (!window.__labRecording) return;
          window.__labFrames.push(now - last);
          last = now;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      })()`);
      const t0 = Date.now();
      await page.waitForTimeout(FRAME_SECONDS * 1000);
      const frames = (await page.evaluate(
        '(window.__labRecording = false, window.__labFrames.slice(2))',
      )) as number[];
      const seconds = (Date.now() - t0) / 1000;
      const after = await iterationOf();
      // Pause so the next lab trains alone.
      await page.getByTestId('lab-pause').click();
      out.push({
        lab,
        frames,
        iterations: before !== null && after !== null ? after - before : null,
        seconds,
      });
    }
  } finally {
    await browser.close();
    await host.close();
  }
  return out;
}

export async function benchLabs(atelier: Atelier, printTable: Table): Promise<void> {
  const speeds: Speed[] = [];
  for (const lab of LABS) {
    speeds.push(await trainingSpeed(lab));
    process.stderr.write(`  [bench] labs: ${lab} speed done\n`);
  }
  const modes = await ganModes();
  process.stderr.write('  [bench] labs: GAN modes done\n');
  printTable(
    `9. Labs: training in Node on tfjs ${LABS_BACKEND} (default settings, ring of 8, ${TRAIN_SECONDS} s timed after ${WARMUP_ITERATIONS} warm-up iterations)`,
    ['lab', 'batch', 'iterations/s', 'ms/iteration', 'metrics ms'],
    speeds.map((s) => [s.lab, String(s.batch), f(s.perSecond), f(1000 / s.perSecond, 2), f(s.metricsMs, 0)]),
    [
      `GAN to 6 of 8 ring modes at its defaults: ${modes.covered >= 6 ? `${modes.iterations} iterations, ${f(modes.seconds)} s of training` : `not reached in ${modes.iterations} iterations (${modes.covered} covered)`} (checked every ${CHECK_EVERY}; the checks not counted)`,
      "metrics ms = one engine.metrics() call (2,000 samples, SWD, the lab's own measures), as the studio runs it every few hundred ms",
      "GAN Lab's published setup: batch 150, the picture redrawn every 50 iterations; Labs redraw every frame (a snapshot at most once a frame from the worker) at the batches above",
    ],
  );

  const frames = await frameTimes(atelier);
  if (typeof frames === 'string') {
    console.log(`\n10. Labs frame time in Chromium: SKIPPED (${frames})`);
    return;
  }
  printTable(
    `10. Labs view frame time in Chromium while training (requestAnimationFrame intervals, ${FRAME_SECONDS} s per lab; target p95 < 16.7 ms)`,
    ['lab', 'frames', 'p50 ms', 'p95 ms', 'max ms', 'iterations/s in the page'],
    frames.map((r) => [
      r.lab,
      String(r.frames.length),
      f(percentile(r.frames, 0.5)),
      f(percentile(r.frames, 0.95)),
      f(Math.max(...r.frames)),
      r.iterations === null ? '-' : f(r.iterations / r.seconds),
    ]),
    ["Headless Debian Chromium, software rendering; training runs in the page's Web Worker on tfjs cpu"],
  );
}
