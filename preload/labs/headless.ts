/**
 * A lab trained without a picture: the same LabSession (engine, settings, charts, state file)
 * the studio's worker holds, driven in chunks with progress reports. `atelier lab train` and
 * `npm run bench -- labs` run it; a state it writes opens in Labs. The engines (and tfjs, half a
 * second to import) load on the first run, so a command line that only reads the lab names or
 * checks its flags does not wait for them.
 */
import type { LabState } from './state';
import type { Dataset, LabId, Losses } from './types';

/** The labs the CLI trains (`bayes` is a trained VAE looked at as inference: the studio's only). */
export const HEADLESS_LABS = ['gan', 'vae', 'flow', 'diffusion'] as const satisfies readonly LabId[];
export type HeadlessLab = (typeof HEADLESS_LABS)[number];

/** The most iterations one headless run may ask for (a few hours of the slowest lab on one core). */
export const HEADLESS_MAX_STEPS = 1_000_000;

export interface HeadlessOptions {
  lab: LabId;
  data: Dataset;
  seed: number;
  steps: number;
  /** Over the lab's defaults (checked by the lab's schema: a LabSettingsError names the field). */
  settings?: Record<string, unknown>;
  title?: string;
  /** Called after each chunk (about every 5 % of the run). */
  onProgress?: (done: number, total: number, losses: Losses) => void;
}

export interface HeadlessResult {
  state: LabState;
  /** The final losses (as `loss_<name>`) and the engine's measures, as written in the state. */
  metrics: Record<string, number>;
  /** Wall time of the training alone, and of measuring afterwards (ms). */
  trainMs: number;
  metricsMs: number;
}

/** The final losses beside the engine's measures: `loss_d`, `loss_g`, …, `swd`, `swdGaussian`, …. */
export function runMetrics(losses: Losses, measured: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(losses)) if (Number.isFinite(v)) out[`loss_${k}`] = v;
  for (const [k, v] of Object.entries(measured)) if (Number.isFinite(v)) out[k] = v;
  return out;
}

/** Trains a fresh lab for `steps` iterations and answers its state with the run's metrics. */
export async function trainHeadless(opts: HeadlessOptions): Promise<HeadlessResult> {
  const { LabSession } = await import('./session');
  const session = await LabSession.create(opts.lab, opts.data, opts.seed, opts.settings ?? {});
  try {
    const chunk = Math.max(1, Math.ceil(opts.steps / 20));
    let losses: Losses = {};
    const t0 = performance.now();
    for (let done = 0; done < opts.steps;) {
      const n = Math.min(chunk, opts.steps - done);
      losses = session.train(n);
      done += n;
      opts.onProgress?.(done, opts.steps, losses);
    }
    const trainMs = performance.now() - t0;
    const t1 = performance.now();
    const metrics = runMetrics(losses, session.engine.metrics());
    const metricsMs = performance.now() - t1;
    const state = session.toState({ metrics, ...(opts.title ? { title: opts.title } : {}) });
    return { state, metrics, trainMs, metricsMs };
  } finally {
    session.dispose();
  }
}
