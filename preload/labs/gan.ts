/**
 * The GAN lab's engine: a generator and a discriminator (small MLPs) trained against each other
 * on 2-D points or 16×16 glyphs, with the non-saturating, WGAN-GP or hinge loss and a number of
 * discriminator steps per generator step. Everything random comes from the lab's own stream;
 * the pictures and measures use a fixed noise set of their own, so looking never changes training.
 */
import { Rng } from '../rng';
import { loadRun, saveRun } from './checkpoint';
import { count as rowCount } from './data';
import {
  discriminate,
  discriminatorLoss,
  ganNets,
  generate,
  generatorLoss,
  judged,
  type GanNets,
} from './gan-model';
import { onModes, rmsSpread } from './gan-metrics';
import { LabOptimizer } from './optim';
import { GAN_DEFAULTS, GanSettingsSchema, type GanSettings } from './gan-settings';
import { copy, ganView, VIEW_MAX_SAMPLES, type GanRequest, type GanView } from './gan-view';
import { METRIC_SAMPLES, modesCovered, slicedWasserstein, swdGaussian } from './metrics';
import { batchIndices, disposeNets, gatherRows, normals, variables } from './nn';
import { tf } from './tf';
import type { CreateArgs, Dataset, EngineWeights, LabEngine, LabFactory, Losses } from './types';

export * from './gan-settings';
export type { GanHeatmap, GanManifold, GanRequest, GanView } from './gan-view';

/** Adam's β1 for both players: less momentum keeps them from overshooting each other. */
const GAN_BETA1 = 0.5;
/** The fixed noise of views and measures comes from its own stream, derived from the seed. */
const VIEW_NOISE_SALT = 0x6a09e667;
/** Images: the measures use fewer samples and directions (each sample is 256 numbers). */
const IMAGE_METRIC_SAMPLES = 256;
const IMAGE_PROJECTIONS = 16;

class GanEngine implements LabEngine<GanView, GanRequest> {
  readonly id = 'gan' as const;
  private lastLosses: Losses = {};
  private readonly dOpt: LabOptimizer;
  private readonly gOpt: LabOptimizer;
  /** VIEW_MAX_SAMPLES (≥ METRIC_SAMPLES) × noiseDim standard normals, fixed for the run. */
  private readonly noise: Float32Array;
  private readonly n: number;
  private gaussianBar: number | undefined;
  private dataSpread: number | undefined;

  constructor(
    private readonly s: GanSettings,
    private readonly data: Dataset,
    private readonly nets: GanNets,
    private rng: Rng,
    public iteration: number,
    seed: number,
  ) {
    const opts = { kind: s.optimizer, learningRate: s.learningRate, beta1: GAN_BETA1 };
    this.dOpt = new LabOptimizer('opt.d', variables(nets.d), opts);
    this.gOpt = new LabOptimizer('opt.g', variables(nets.g), {
      ...opts,
      learningRate: s.learningRate * s.gLrFactor,
    });
    this.noise = normals(
      new Rng((seed ^ VIEW_NOISE_SALT) >>> 0),
      Math.max(VIEW_MAX_SAMPLES, METRIC_SAMPLES),
      s.noiseDim,
    );
    this.n = rowCount(data);
  }

  restore(weights: EngineWeights): void {
    loadRun(weights, [this.nets.g, this.nets.d], [this.dOpt, this.gOpt]);
    this.rng = Rng.fromState(weights.rng);
  }

  private noiseBatch(): tf.Tensor2D {
    return tf.tensor2d(normals(this.rng, this.s.batchSize, this.s.noiseDim), [
      this.s.batchSize,
      this.s.noiseDim,
    ]);
  }

  /** One discriminator step; answers its loss (and penalty) when `read`. */
  private dStep(read: boolean): Losses | undefined {
    const { batchSize: b } = this.s;
    const { dim } = this.data;
    let parts: Losses | undefined;
    tf.tidy(() => {
      const real = tf.tensor2d(gatherRows(this.data.points, dim, batchIndices(this.rng, this.n, b)), [
        b,
        dim,
      ]);
      const fake = generate(this.nets, this.noiseBatch());
      const mix =
        this.s.loss === 'wgan-gp'
          ? tf.tensor2d(
              Float32Array.from({ length: b }, () => this.rng.nextFloat()),
              [b, 1],
            )
          : undefined;
      let gp: number | undefined;
      const d = this.dOpt.minimize(() => {
        const l = discriminatorLoss(this.nets, this.s, real, fake, mix);
        if (read && l.gp) gp = l.gp.dataSync()[0];
        return l.total;
      }, read);
      if (read) parts = { d: d!, ...(gp !== undefined ? { gp } : {}) };
    });
    return parts;
  }

  private gStep(read: boolean): number | undefined {
    return tf.tidy(() => {
      const z = this.noiseBatch();
      return this.gOpt.minimize(() => generatorLoss(this.nets, this.s.loss, generate(this.nets, z)), read);
    });
  }

  train(iterations: number): Losses {
    for (let it = 0; it < iterations; it++) {
      const last = it + 1 === iterations;
      let parts: Losses | undefined;
      for (let k = 0; k < this.s.dSteps; k++) parts = this.dStep(last && k + 1 === this.s.dSteps) ?? parts;
      const g = this.gStep(last);
      this.iteration++;
      if (last) this.lastLosses = { ...parts, g: g! };
    }
    return this.lastLosses;
  }

  view(request: GanRequest): GanView {
    return ganView(
      {
        nets: this.nets,
        loss: this.s.loss,
        noiseDim: this.s.noiseDim,
        dim: this.data.dim,
        ...(this.data.side ? { side: this.data.side } : {}),
        iteration: this.iteration,
        noise: this.noise,
      },
      request,
    );
  }

  /** Model samples from the fixed noise set. */
  private samples(count: number): Float32Array {
    return tf.tidy(() =>
      copy(
        generate(
          this.nets,
          tf.tensor2d(this.noise.subarray(0, count * this.s.noiseDim), [count, this.s.noiseDim]),
        ),
      ),
    );
  }

  /** The discriminator's mean answer (probability or score) on rows of `values`. */
  private meanJudged(values: Float32Array, rows: number): number {
    return tf.tidy(
      () =>
        tf
          .mean(judged(this.s.loss, discriminate(this.nets, tf.tensor2d(values, [rows, this.data.dim]))))
          .dataSync()[0]!,
    );
  }

  metrics(): Record<string, number> {
    const { dim, points } = this.data;
    const images = dim > 2;
    const count = images ? IMAGE_METRIC_SAMPLES : METRIC_SAMPLES;
    const fake = this.samples(count);
    // Real rows evenly spread over the data (all of them when there are few).
    const realRows = Math.min(this.n, count);
    const stride = this.n / realRows;
    const real = gatherRows(
      points,
      dim,
      Int32Array.from({ length: realRows }, (_, i) => Math.floor(i * stride)),
    );
    const out: Record<string, number> = {
      swd: slicedWasserstein(fake, points, dim, images ? IMAGE_PROJECTIONS : 128),
      dReal: this.meanJudged(real, realRows),
      dFake: this.meanJudged(fake, count),
    };
    if (!images) {
      this.gaussianBar ??= swdGaussian(points);
      out.swdGaussian = this.gaussianBar;
      out.modesCovered = modesCovered(fake);
      out.onModes = onModes(fake);
      this.dataSpread ??= rmsSpread(points);
      out.spread = this.dataSpread > 0 ? rmsSpread(fake) / this.dataSpread : 0;
    }
    return out;
  }

  save(): EngineWeights {
    return saveRun(this.rng, [this.nets.g, this.nets.d], [this.dOpt, this.gOpt]);
  }

  dispose(): void {
    disposeNets(this.nets.g, this.nets.d);
  }
}

export const ganLab: LabFactory<GanSettings, GanView, GanRequest> = {
  id: 'gan',
  defaults: GAN_DEFAULTS,
  settings: GanSettingsSchema,
  images: true,
  create({
    settings,
    data,
    seed,
    weights,
    iteration,
  }: CreateArgs<GanSettings>): Promise<LabEngine<GanView, GanRequest>> {
    if (rowCount(data) < 1)
      return Promise.reject(new Error('The GAN needs at least one data point to learn from.'));
    const rng = new Rng(seed);
    const nets = ganNets(rng, settings, data.dim);
    const engine = new GanEngine(settings, data, nets, rng, iteration ?? 0, seed);
    if (weights) {
      try {
        engine.restore(weights);
      } catch (e) {
        engine.dispose();
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
    return Promise.resolve(engine);
  },
};
