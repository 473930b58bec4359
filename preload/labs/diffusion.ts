/**
 * The diffusion lab: DDPM on 2-D points. An MLP learns to predict the noise ε that the forward
 * process added (input: x_t and a sinusoidal embedding of t); sampling runs it backwards from
 * N(0, I), by DDPM (every step, with noise) or DDIM (deterministic, any number of steps).
 */
import { Rng } from '../rng';
import { loadRun, saveRun } from './checkpoint';
import { count, PLANE } from './data';
import { Denoiser, sampleDdim, sampleDdpm, type SampleRun } from './diffusion-sampler';
import {
  createDenoiser,
  inputsAt,
  INPUT_WIDTH,
  noiseLoss,
  noisedBatch,
  predictNoise,
  updateAverage,
} from './diffusion-model';
import { goneStep, makeSchedule, type Schedule } from './diffusion-schedule';
import type { DiffusionRequest, DiffusionView, SamplerName } from './diffusion-view';
import { LabOptimizer } from './optim';
import { DIFFUSION_DEFAULTS, DiffusionSettingsSchema, type DiffusionSettings } from './diffusion-settings';
import { slicedWasserstein, swdGaussian } from './metrics';
import { disposeNets, normals, variables, type Mlp } from './nn';
import { tf } from './tf';
import type { CreateArgs, Dataset, EngineWeights, LabEngine, LabFactory, Losses } from './types';

export type { DiffusionRequest, DiffusionView, SamplerName } from './diffusion-view';
export { DIFFUSION_DEFAULTS, DiffusionSettingsSchema, type DiffusionSettings } from './diffusion-settings';
export { goneStep, GONE_SIGNAL } from './diffusion-schedule';

/**
 * Samples behind the metrics' swd. Fewer than the other labs' 2,000: each sample runs the network
 * once per step, and the metrics must stay cheap enough to take every few hundred milliseconds.
 */
export const DIFFUSION_METRIC_SAMPLES = 600;
/** DDIM steps behind `swd` (at most T); `swdDdim10` uses 10. */
export const METRIC_DDIM_STEPS = 25;
/** The most network evaluations (samples × steps) one view's sampler may spend. */
const VIEW_BUDGET = 12000;
/** A view resamples when the model has trained this many more iterations (or the request changed). */
const RESAMPLE_EVERY = 10;
/** Rows of the fixed batch the metrics' loss is measured on. */
const LOSS_ROWS = 512;
const VIEW_SEED = 0xd1f0;
const METRIC_SEED = 0xd1f1;
const NOISED_ROWS = 1000;

export class DiffusionEngine implements LabEngine<DiffusionView, DiffusionRequest> {
  readonly id = 'diffusion' as const;
  readonly schedule: Schedule;
  private readonly vars: tf.Variable[];
  private readonly opt: LabOptimizer;
  private readonly swdGaussian: number;
  private readonly lossBatch: { input: Float32Array; target: Float32Array };
  private readonly noise: Float32Array;
  private cached: { key: string; iteration: number; run: SampleRun } | null = null;
  /** The t the picture last asked for (a check asks where the data is gone). */
  private shownT: number | null = null;
  private lastLoss = NaN;

  constructor(
    readonly settings: DiffusionSettings,
    private readonly data: Dataset,
    private readonly seed: number,
    private readonly rng: Rng,
    private readonly net: Mlp,
    private readonly average: Mlp,
    public iteration: number,
  ) {
    this.schedule = makeSchedule(settings.schedule, settings.steps);
    this.vars = variables(net);
    this.opt = new LabOptimizer('optimizer', this.vars, {
      kind: settings.optimizer,
      learningRate: settings.learningRate,
    });
    this.swdGaussian = swdGaussian(data.points);
    const fixed = new Rng(seed ^ METRIC_SEED);
    this.lossBatch = noisedBatch(fixed, data, this.schedule, LOSS_ROWS);
    this.noise = normals(new Rng(seed ^ VIEW_SEED), Math.min(NOISED_ROWS, count(data)), 2);
  }

  get T(): number {
    return this.schedule.steps;
  }

  train(iterations: number): Losses {
    let loss = this.lastLoss;
    for (let i = 0; i < iterations; i++) {
      const { input, target } = noisedBatch(this.rng, this.data, this.schedule, this.settings.batchSize);
      loss = this.opt.minimize(() => noiseLoss(this.net, input, target), true)!;
      updateAverage(this.average, this.net, this.iteration);
      this.iteration++;
    }
    this.lastLoss = loss;
    return { loss };
  }

  /** The shown (averaged) denoiser as it is now, for the samplers. */
  denoiser(): Denoiser {
    return Denoiser.of(this.average, this.T);
  }

  /** ε̂(x, t) of the shown (averaged) net on the training path (tensors), for tests against the samplers' copy. */
  epsilon(x: Float32Array, t: number): Float32Array {
    const input = inputsAt(x, t, this.T);
    return tf.tidy(
      () =>
        predictNoise(
          this.average,
          tf.tensor2d(input, [x.length / 2, INPUT_WIDTH]),
        ).dataSync() as Float32Array,
    );
  }

  /** `n` samples by the named sampler from a fixed noise stream (apart from training's). */
  sample(sampler: SamplerName, n: number, steps = this.T, seed = METRIC_SEED, particles = 0): SampleRun {
    const rng = new Rng(this.seed ^ seed);
    const den = this.denoiser();
    return sampler === 'ddpm'
      ? sampleDdpm(den, this.schedule, n, rng, particles)
      : sampleDdim(den, this.schedule, n, steps, rng, particles);
  }

  /** The training points noised to step t with a fixed ε per point (so a slider moves them smoothly). */
  noised(t: number): Float32Array {
    const n = this.noise.length / 2;
    const ab = this.schedule.alphaBar[t]!;
    const a = Math.sqrt(ab);
    const s = Math.sqrt(1 - ab);
    const out = new Float32Array(n * 2);
    for (let k = 0; k < out.length; k++) out[k] = a * this.data.points[k]! + s * this.noise[k]!;
    return out;
  }

  view(req: DiffusionRequest): DiffusionView {
    const T = this.T;
    const t = Math.round(Math.min(T, Math.max(0, Number.isFinite(req.t) ? req.t! : 0)));
    this.shownT = t;
    const sampler: SamplerName = req.sampler === 'ddpm' ? 'ddpm' : 'ddim';
    const steps = sampler === 'ddpm' ? T : Math.round(Math.min(T, Math.max(1, req.steps ?? 20)));
    const particles = Math.round(Math.min(64, Math.max(0, req.particles ?? 32)));
    const wanted = Math.round(Math.min(2000, Math.max(particles, req.samples ?? 300)));
    const n = Math.max(particles, Math.min(wanted, Math.floor(VIEW_BUDGET / steps)));
    const key = `${sampler}:${steps}:${n}:${particles}`;
    const stale =
      !this.cached ||
      this.cached.key !== key ||
      this.iteration - this.cached.iteration >= RESAMPLE_EVERY ||
      this.iteration < this.cached.iteration;
    if (stale)
      this.cached = {
        key,
        iteration: this.iteration,
        run: this.sample(sampler, n, steps, VIEW_SEED, particles),
      };
    const run = this.cached!.run;
    const arrows = req.arrows
      ? this.arrows(Math.max(1, t))
      : { side: 0, at: new Float32Array(0), vec: new Float32Array(0) };
    return {
      T,
      t,
      alphaBar: this.schedule.alphaBar[t]!,
      noised: this.noised(t),
      arrowSide: arrows.side,
      arrowAt: arrows.at,
      arrowVec: arrows.vec,
      sampler,
      steps: run.steps,
      particles: run.particles,
      trajectories: run.trajectories,
      samples: run.samples,
    };
  }

  /** The learned score −ε̂(x, t)/σ_t on a 20 × 20 grid over the plane. */
  private arrows(t: number): { side: number; at: Float32Array; vec: Float32Array } {
    const side = 20;
    const at = new Float32Array(side * side * 2);
    const cell = (2 * PLANE) / side;
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        at[2 * (r * side + c)] = -PLANE + (c + 0.5) * cell;
        at[2 * (r * side + c) + 1] = PLANE - (r + 0.5) * cell;
      }
    }
    const vec = this.denoiser().eps(at, t);
    const sigma = Math.sqrt(1 - this.schedule.alphaBar[t]!);
    for (let k = 0; k < vec.length; k++) vec[k] = -vec[k]! / sigma;
    return { side, at, vec };
  }

  metrics(): Record<string, number> {
    const n = DIFFUSION_METRIC_SAMPLES;
    const { input, target } = this.lossBatch;
    const loss = tf.tidy(() => noiseLoss(this.average, input, target).dataSync()[0]!);
    const main = this.sample('ddim', n, Math.min(this.T, METRIC_DDIM_STEPS)).samples;
    const ten = this.sample('ddim', n, Math.min(this.T, 10)).samples;
    return {
      swd: slicedWasserstein(main, this.data.points, 2),
      swdGaussian: this.swdGaussian,
      swdDdim10: slicedWasserstein(ten, this.data.points, 2),
      loss,
      goneT: goneStep(this.schedule),
      ...(this.shownT === null ? {} : { shownT: this.shownT }),
    };
  }

  save(): EngineWeights {
    return saveRun(this.rng, [this.net, this.average], [this.opt]);
  }

  restore(weights: EngineWeights): void {
    loadRun(weights, [this.net, this.average], [this.opt]);
  }

  dispose(): void {
    disposeNets(this.net, this.average);
  }
}

/** A diffusion lab engine (the factory's `create`, typed as the engine for tests and the CLI). */
export async function createDiffusion(args: CreateArgs<DiffusionSettings>): Promise<DiffusionEngine> {
  if (args.data.dim !== 2) throw new Error('The diffusion lab trains on 2-D points only.');
  const s = args.settings;
  const init = new Rng(args.seed);
  const { net, average } = createDenoiser(init, s);
  // A saved run goes on with its own stream; its variables replace the fresh ones.
  const rng = args.weights ? Rng.fromState(args.weights.rng) : init;
  const engine = new DiffusionEngine(s, args.data, args.seed, rng, net, average, args.iteration ?? 0);
  if (args.weights) engine.restore(args.weights);
  return engine;
}

export const diffusionLab: LabFactory<DiffusionSettings, DiffusionView, DiffusionRequest> = {
  id: 'diffusion',
  defaults: DIFFUSION_DEFAULTS,
  settings: DiffusionSettingsSchema,
  images: false,
  create: createDiffusion,
};
